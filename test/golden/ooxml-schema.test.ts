/**
 * Every part of every workbook we write validates against the ISO/IEC 29500 transitional schemas
 * (../shared/schemas/ooxml, xmllint): a part that fails is what Excel reports as « Nous avons
 * trouvé un problème dans du contenu… ». Scenarios: the first build of the examples, a re-fill
 * with the same years, a re-fill with fewer years (the kept Programmation and Synthèse COPIL
 * sheets, re-serialised by exceljs, keep their charts and their place), a workbook saved by
 * LibreOffice then re-filled, and the pane's download.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, renameSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { streamedWorkbookBytes } from '../../src/adapters/exceljs/build-workbook';
import { sofficeBinary } from '../../src/adapters/node/soffice';
import {
  hasOoxmlSchemas,
  hasXmllint,
  OOXML_MISSING,
  validatePackage,
  type PackageValidation,
} from '../helpers/ooxml-validate';
import { packageCharts } from '../helpers/package-charts';
import { describeIf, requireOrSkip } from '../helpers/require-or-skip';
import { runCli } from '../helpers/run-cli';
import { hasSoffice } from '../helpers/soffice';
import { EXAMPLES_DIR, runExamples } from './examples-pipeline';

const bytesOf = (f: string) => new Uint8Array(readFileSync(f));
const sheetNames = (b: Uint8Array) =>
  [
    ...strFromU8(unzipSync(b, { filter: (f) => f.name === 'xl/workbook.xml' })['xl/workbook.xml']).matchAll(
      /<sheet\b[^>]*\bname="([^"]*)"/g,
    ),
  ].map((m) => m[1]);
/** The previous order, with Changements at the end when the previous build had none. */
const withChanges = (names: string[]) => (names.includes('Changements') ? names : [...names, 'Changements']);
const chartParts = (b: Uint8Array) =>
  Object.keys(unzipSync(b, { filter: (f) => /^xl\/charts\/chart\d+\.xml$/.test(f.name) })).length;

/** Validates, prints the counts, and returns the result. */
function check(scenario: string, bytes: Uint8Array): PackageValidation {
  const v = validatePackage(bytes);
  const without = v.unvalidated.length
    ? ` ; sans schéma : ${v.unvalidated.length} (${v.unvalidated.map((u) => `${u.part} [${u.contentType}]`).join(', ')})`
    : '';
  const failed = v.failures.map((f) => `\n  ✗ ${f.part} : ${f.message}`).join('');
  process.stdout.write(
    `[schémas OOXML] ${scenario} : ${v.parts} parties, ${v.validated} validées, ${v.failures.length} en échec${without}${failed}\n`,
  );
  return v;
}

describeIf(
  'every part of the workbooks we write validates against ISO/IEC 29500 (transitional)',
  hasXmllint && hasOoxmlSchemas,
  OOXML_MISSING,
  () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'avs-ooxml-'));
    const inputs = path.join(dir, 'partenaires');
    const first = path.join(dir, 'premier.xlsx');

    beforeAll(async () => {
      cpSync(EXAMPLES_DIR, inputs, { recursive: true });
      expect((await runCli(['build', inputs, '-o', first, '-q'])).code).toBe(0);
    }, 120000);

    test('the validator catches a misplaced element and ignores markup-compatibility extensions', () => {
      const files = unzipSync(bytesOf(first));
      const sheet = Object.keys(files).find((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))!;
      const xml = strFromU8(files[sheet]);
      // extension content under mc:Ignorable, and an mc:AlternateContent whose fallback is valid
      files[sheet] = strToU8(
        xml
          .replace(
            /<worksheet\b/,
            '<worksheet xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" mc:Ignorable="x14ac"',
          )
          .replace(
            /<sheetData>/,
            '<mc:AlternateContent><mc:Choice Requires="x14ac"><x14ac:foo/></mc:Choice><mc:Fallback><sheetData>',
          )
          .replace(/<\/sheetData>/, '</sheetData></mc:Fallback></mc:AlternateContent>')
          .replace(/<sheetFormatPr\b/, '<sheetFormatPr x14ac:dyDescent="0.25"'),
      );
      expect(validatePackage(zipSync(files)).failures).toEqual([]);
      // exceljs's order for a loaded sheet: pageSetUpPr before outlinePr
      files[sheet] = strToU8(
        xml.replace(
          /<sheetPr\b[^>]*>[\s\S]*?<\/sheetPr>|<sheetPr\b[^>]*\/>/,
          '<sheetPr><pageSetUpPr fitToPage="1"/><outlinePr summaryBelow="0"/></sheetPr>',
        ),
      );
      expect(validatePackage(zipSync(files)).failures).toEqual([
        { part: sheet, message: expect.stringContaining('outlinePr') },
      ]);
    });

    test('first build of the examples', () => {
      expect(check('premier remplissage', bytesOf(first)).failures).toEqual([]);
    });

    test('re-fill with the same years', async () => {
      const out = path.join(dir, 'memes-annees.xlsx');
      copyFileSync(first, out);
      expect((await runCli(['build', inputs, '-o', out, '-q'], '2021-01-15')).code).toBe(0);
      expect(check('nouveau remplissage, mêmes exercices', bytesOf(out)).failures).toEqual([]);
      expect(sheetNames(bytesOf(out))).toEqual(withChanges(sheetNames(bytesOf(first))));
    }, 120000);

    test('re-fill with fewer years: the kept sheets keep their charts and their place', async () => {
      const out = path.join(dir, 'moins-d-annees.xlsx');
      copyFileSync(first, out);
      const before = bytesOf(out);
      const r = await runCli(['build', inputs, '-o', out, '-q', '--year', '2020'], '2021-01-15');
      expect(r.code).toBe(0);
      const after = bytesOf(out);
      expect(check('nouveau remplissage, moins d’exercices (--year 2020)', after).failures).toEqual([]);
      // the kept COPIL sheet: every chart, same anchors, same series
      const copil2019 = (b: Uint8Array) => packageCharts(b).filter((c) => c.sheet === 'Synthèse COPIL 2019');
      expect(copil2019(before).length).toBeGreaterThan(0);
      expect(copil2019(after)).toEqual(copil2019(before));
      expect(chartParts(after)).toBe(chartParts(before));
      // nothing lost, so no warning and no copy beside
      expect(r.stderr).not.toContain('graphique');
      expect(existsSync(out.replace(/\.xlsx$/, '.avant-remplissage.xlsx'))).toBe(false);
      // the kept sheets where they were: after Partenaires… Contrôles, in the previous order
      const names = sheetNames(after);
      expect(names).toEqual(withChanges(sheetNames(before)));
      expect(names.indexOf('Programmation 2019')).toBeGreaterThan(names.indexOf('Partenaires'));
      // once more: the charts carried over are carried again, then drawn again with every year
      expect((await runCli(['build', inputs, '-o', out, '-q', '--year', '2020'], '2021-01-16')).code).toBe(0);
      const again = bytesOf(out);
      expect(check('encore, --year 2020', again).failures).toEqual([]);
      expect([copil2019(again), chartParts(again), sheetNames(again)]).toEqual([
        copil2019(before),
        chartParts(before),
        names,
      ]);
      expect((await runCli(['build', inputs, '-o', out, '-q'], '2021-01-17')).code).toBe(0);
      const all = bytesOf(out);
      expect(check('puis tous les exercices', all).failures).toEqual([]);
      expect([copil2019(all), chartParts(all), sheetNames(all)]).toEqual([
        copil2019(before),
        chartParts(before),
        names,
      ]);
    }, 120000);

    test('a workbook saved by LibreOffice, then re-filled', async () => {
      if (
        !requireOrSkip(
          'schémas OOXML, classeur enregistré par LibreOffice',
          hasSoffice,
          `LibreOffice (${sofficeBinary()}) absent de cette machine (installé par .ci/run)`,
        )
      )
        return;
      const loDir = mkdtempSync(path.join(dir, 'lo-'));
      const src = path.join(loDir, 'src', 'libreoffice.xlsx');
      cpSync(first, src);
      const res = spawnSync(
        sofficeBinary(),
        [
          `-env:UserInstallation=file://${loDir}/profile`,
          '--headless',
          '--convert-to',
          'xlsx',
          '--outdir',
          loDir,
          src,
        ],
        { timeout: 180000 },
      );
      expect(res.status).toBe(0);
      const out = path.join(dir, 'libreoffice.xlsx');
      renameSync(path.join(loDir, 'libreoffice.xlsx'), out);
      const r = await runCli(['build', inputs, '-o', out, '-q', '--year', '2020'], '2021-01-15');
      expect([r.code, r.stderr]).toEqual([0, expect.any(String)]);
      expect(
        check('enregistré par LibreOffice puis rempli à nouveau (--year 2020)', bytesOf(out)).failures,
      ).toEqual([]);
      expect(sheetNames(bytesOf(out))).toEqual(withChanges(sheetNames(bytesOf(first))));
      expect(chartParts(bytesOf(out))).toBe(chartParts(bytesOf(first)));
    }, 300000);

    test('the pane’s download (streamedWorkbookBytes, shared with the CLI)', async () => {
      const specs = (await runExamples()).sheets;
      expect(check('téléchargement du volet', await streamedWorkbookBytes(specs)).failures).toEqual([]);
    }, 120000);
  },
);
