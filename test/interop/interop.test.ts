/**
 * Interoperability: every kind of workbook the tool writes (a build, the référentiel export, a
 * workbook with internal links) opens in LibreOffice (converted to CSV, every sheet, and to PDF)
 * and in openpyxl, and its tables, number formats, list validations and hyperlinks survive. Text
 * starting with =, +, -, @ stays text in both. Needs LibreOffice and /usr/bin/python3 with openpyxl
 * (installed by .ci/run): missing tools fail under CI, skip with a notice elsewhere (requireOrSkip).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CASES, FORMULA_LIKE, RTL_EMOJI } from '../../scripts/make-hostile';
import { writeWorkbook } from '../../src/adapters/exceljs/write-workbook';
import { loadInputs } from '../../src/adapters/node/load-inputs';
import { runPipeline } from '../../src/core/pipeline';
import { requireOrSkip } from '../helpers/require-or-skip';
import { runCli } from '../helpers/run-cli';
import { LINKS_SPECS } from './links-specs';

const ROOT = path.resolve(__dirname, '../..');
const PYTHON = '/usr/bin/python3';
const READ_BACK = path.join(__dirname, 'read-back.py');
const hasSoffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;
const hasOpenpyxl = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import openpyxl'], { encoding: 'utf8' }).status === 0;
// skipped with a notice outside CI, a failure under CI
const ready = requireOrSkip(
  'interop',
  hasSoffice && hasOpenpyxl,
  `${hasSoffice ? '' : 'LibreOffice (soffice) absent ; '}${hasOpenpyxl ? '' : `${PYTHON} avec openpyxl absent ; `}installés par .ci/run`,
);

interface ReadBack {
  sheets: {
    name: string;
    tables: { name: string; ref: string; columns: string[]; formats: Record<string, string> }[];
    validations: { sqref: string; type: string; formula1: string }[];
    hyperlinks: { cell: string; location: string | null; target: string | null }[];
    formulas: { cell: string; formula: string }[];
    texts: { cell: string; value: string; type: string }[];
  }[];
}

(ready ? describe : describe.skip)('classeurs écrits relus par LibreOffice et openpyxl', () => {
  let tmp: string;
  const files: Record<string, string> = {};
  const readBack: Record<string, ReadBack> = {};
  const csvText: Record<string, string> = {};

  beforeAll(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'pilotage-interop-'));
    const inputs = path.join(tmp, 'entrees');
    await fs.mkdir(inputs);
    for (const f of await fs.readdir(path.join(ROOT, 'examples/partenaires'))) await fs.copyFile(path.join(ROOT, 'examples/partenaires', f), path.join(inputs, f));
    for (const c of CASES.filter((x) => /textes_formules|rtl_emoji|dates_extremes|cellule_32767/.test(x.file))) await c.make(path.join(inputs, c.file));
    files.build = path.join(tmp, 'pilotage.xlsx');
    files.referentiel = path.join(tmp, 'referentiel.xlsx');
    files.liens = path.join(tmp, 'liens.xlsx');
    expect((await runCli(['build', inputs, '-o', files.build, '-q'])).code).toBe(0);
    expect((await runCli(['export-referentiel', '-o', files.referentiel])).code).toBe(0);
    await writeWorkbook(files.liens, LINKS_SPECS);
    // the same build with every sheet streamed by our own writer (national files take this path)
    files.flux = path.join(tmp, 'flux.xlsx');
    const loaded = await loadInputs((await fs.readdir(inputs)).map((f) => path.join(inputs, f)));
    await writeWorkbook(files.flux, [...runPipeline({ ...loaded, asOf: '2020-12-31' }).sheets, ...LINKS_SPECS.map((s) => ({ ...s, name: `${s.name} flux` }))], undefined, { streamMinRows: 0 });

    const profile = `file://${path.join(tmp, 'profil-lo')}`;
    const all = Object.values(files);
    // every sheet to its own CSV (UTF-8, ';'), then the whole workbook to PDF
    execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,false,false,false,-1', '--outdir', path.join(tmp, 'csv'), ...all], { stdio: 'pipe', timeout: 240_000 });
    execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', path.join(tmp, 'pdf'), ...all], { stdio: 'pipe', timeout: 240_000 });
    for (const [k, f] of Object.entries(files)) {
      readBack[k] = JSON.parse(execFileSync(PYTHON, [READ_BACK, f], { encoding: 'utf8', maxBuffer: 256 << 20 }));
      const base = path.basename(f, '.xlsx');
      const csvs = (await fs.readdir(path.join(tmp, 'csv'))).filter((n) => n.startsWith(`${base}-`) || n === `${base}.csv`);
      csvText[k] = (await Promise.all(csvs.map((n) => fs.readFile(path.join(tmp, 'csv', n), 'utf8')))).join('\n');
    }
  }, 600_000);

  afterAll(async () => {
    if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  });

  it.each(['build', 'referentiel', 'liens', 'flux'])('%s : LibreOffice le convertit en CSV (chaque feuille) et en PDF', async (k) => {
    const base = path.basename(files[k], '.xlsx');
    const csvs = (await fs.readdir(path.join(tmp, 'csv'))).filter((n) => n.startsWith(`${base}-`) || n === `${base}.csv`);
    expect(csvs.length).toBe(readBack[k].sheets.length);
    const pdf = await fs.readFile(path.join(tmp, 'pdf', `${base}.pdf`));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(2000);
  });

  it.each(['build', 'flux'])('%s : les tableaux structurés, leurs formats et leurs listes de validation survivent (openpyxl)', (k) => {
    const sheet = (n: string) => readBack[k].sheets.find((s) => s.name === n)!;
    for (const n of ['Partenaires', 'Dispositifs', 'Plan', 'Structures', 'Conventions', 'Financements', 'Contrôles']) expect(sheet(n).tables.length).toBeGreaterThanOrEqual(1);
    const fin = sheet('Financements').tables[0];
    expect(fin.name).toBe('Financements');
    expect(fin.formats['Montant voté']).toBe('#,##0.00\\ "€"');
    expect(fin.formats['Date de décision']).toBe('dd/mm/yyyy');
    expect(fin.formats['Exercice']).toBe('0');
    expect(sheet('Financements').validations.find((v) => v.formula1 === '"CAF,CD07,MSA,FACS"')).toBeDefined();
    expect(sheet('Dispositifs').validations.some((v) => v.formula1.startsWith("'Plan'!"))).toBe(true);
  });

  it.each(['build', 'flux'])('%s : aucun texte venu des partenaires n’est devenu une formule (openpyxl et LibreOffice)', (k) => {
    const formulas = readBack[k].sheets.flatMap((s) => s.formulas.map((f) => f.formula));
    for (const t of FORMULA_LIKE) for (const f of formulas) expect(f).not.toContain(t.trim());
    const texts = readBack[k].sheets.flatMap((s) => s.texts);
    for (const t of FORMULA_LIKE.slice(0, 5)) expect(texts.filter((x) => x.value === t).every((x) => x.type === 's')).toBe(true);
    for (const t of FORMULA_LIKE.slice(0, 5)) expect(texts.some((x) => x.value === t)).toBe(true);
    // LibreOffice shows the text itself, not a computed value (=1+1 would print 2)
    expect(csvText[k]).toContain('=1+1');
    expect(csvText[k]).toContain('@SOMME(A1)');
    expect(csvText[k]).toContain('=HYPERLINK(""http://exemple.invalid"",""clic"")');
    for (const n of RTL_EMOJI) expect(csvText[k]).toContain(n);
  });

  it.each([
    ['liens', ''],
    ['flux', ' flux'],
  ])('%s : liens internes, dates et formules écrites par l’outil survivent (openpyxl et LibreOffice)', (k, suffix) => {
    // exceljs writes "#'Sheet'!A1" (a same-document anchor), Excel writes "'Sheet'!A1": both open the cell
    const links = readBack[k].sheets.filter((s) => s.name.endsWith(`Liens${suffix}`) || s.name.endsWith(`Données${suffix}`)).flatMap((s) => s.hyperlinks.map((h) => ({ ...h, location: (h.location ?? '').replace(/^#/, '') })));
    expect(links).toEqual(expect.arrayContaining([expect.objectContaining({ cell: 'A2', location: "'Données'!C3" }), expect.objectContaining({ cell: 'E2', location: "'Liens'!A1" })]));
    const data = readBack[k].sheets.find((s) => s.name === `Données${suffix}`)!;
    expect(data.tables[0]).toMatchObject({ name: 'Donnees', ref: 'A1:E3' });
    expect(data.tables[0].formats).toMatchObject({ Date: 'dd/mm/yyyy', Montant: '#,##0.00\\ "€"', Statut: '@' });
    expect(data.validations).toEqual([expect.objectContaining({ type: 'list', formula1: '"demandé,voté,versé"' })]);
    expect(data.formulas).toEqual([{ cell: 'C3', formula: '=SUM(C2:C2)' }]);
    expect(data.texts.map((t) => [t.cell, t.type])).toEqual([
      ['A2', 's'],
      ['A3', 's'],
    ]);
    // raw values (not "as shown", so the machine locale does not matter): dates keep their day
    expect(csvText[k]).toMatch(/=1\+1;(01\/01\/2100|2100-01-01);12500\.5;voté;Liens/);
  });

  it('référentiel : relu avec ses tableaux', () => {
    expect(readBack.referentiel.sheets.length).toBeGreaterThanOrEqual(1);
    expect(csvText.referentiel).toContain('CAF');
  });
});
