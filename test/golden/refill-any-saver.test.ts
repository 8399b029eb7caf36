/**
 * Re-fill whatever program saved the workbook last: openpyxl (absolute part names exceljs does not
 * follow, no cached results), LibreOffice (xlsx → xlsx), and a package edited by hand (the user's
 * sheet renamed, a column added to the programming table, the table resized, a comment, a chart).
 * Every typed note is kept, the user's own sheets keep every cell, and a message is never English.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sofficeBinary } from '../../src/adapters/node/soffice';
import { runCli } from '../helpers/run-cli';
import { hasSoffice } from '../helpers/soffice';
import { hasOoxmlSchemas, hasXmllint, OOXML_MISSING, validatePackage } from '../helpers/ooxml-validate';
import { requireOrSkip } from '../helpers/require-or-skip';
import { EXAMPLES_DIR } from './examples-pipeline';

const PY = path.join(__dirname, 'refill-savers.py');
const py = (...args: string[]) => {
  const r = spawnSync('/usr/bin/python3', [PY, ...args], { encoding: 'utf8', timeout: 120000 });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout;
};
interface Reading {
  sheets: string[];
  notes: Record<string, unknown>;
  user: Record<string, unknown[][]>;
  comments: number;
  charts: number;
  chartsBySheet: Record<string, number>;
  extra: unknown;
}
const read = (f: string) => JSON.parse(py('read', f)) as Reading;

const NOTES = {
  'Action 4.6.1 Décision comité technique': 'Validé',
  'Action 4.6.1 Commentaire': '=à revoir avec la CAF, pas une formule',
  'Action 4.6.1 Priorité': 'Haute',
  'Axe 3 Décision comité technique': 'Ajourné',
};

async function typeNotes(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('Programmation 2020')!;
  const header = new Map<string, number>();
  ws.getRow(4).eachCell((c, col) => header.set(String(c.value), col));
  const rowOf = (level: string, code: string) => {
    for (let r = 5; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === level && ws.getCell(r, 2).value === code) return r;
    throw new Error(code);
  };
  for (const [k, v] of Object.entries(NOTES)) {
    const [level, code, ...col] = k.split(' ');
    ws.getCell(rowOf(level, code), header.get(col.join(' '))!).value = v;
  }
  const mine = wb.addWorksheet('Mes notes');
  mine.getCell('A1').value = 'Notes de réunion';
  ['Ateliers', 'Sorties', 'Repas'].forEach((t, i) => {
    mine.getCell(i + 2, 1).value = t;
    mine.getCell(i + 2, 2).value = (i + 1) * 100;
  });
  mine.getCell('C2').value = { formula: 'SUM(B2:B4)', result: 600 } as ExcelJS.CellFormulaValue;
  await wb.xlsx.writeFile(file);
}

const SAVERS: [string, (src: string, dst: string) => void][] = [
  ['openpyxl', (src, dst) => py('openpyxl', src, dst)],
  ['openpyxl, then edited by hand (sheet renamed, column added, table resized, comment, chart)', (src, dst) => py('hand', src, dst)],
  [
    'LibreOffice (xlsx → xlsx)',
    (src, dst) => {
      const outDir = mkdtempSync(path.join(os.tmpdir(), 'avs-lo-'));
      const r = spawnSync(sofficeBinary(), [`-env:UserInstallation=file://${outDir}/profile`, '--headless', '--convert-to', 'xlsx', '--outdir', outDir, src], { timeout: 180000 });
      if (r.status !== 0) throw new Error(String(r.stderr));
      renameSync(path.join(outDir, path.basename(src)), dst);
    },
  ],
];

describe('re-fill reads any saver’s workbook', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'avs-savers-'));
  const inputs = path.join(dir, 'partenaires');
  const typed = path.join(dir, 'typed.xlsx');

  beforeAll(async () => {
    cpSync(EXAMPLES_DIR, inputs, { recursive: true });
    expect((await runCli(['build', inputs, '-o', typed, '-q'])).code).toBe(0);
    await typeNotes(typed);
  }, 120000);

  test.each(SAVERS)('%s', async (name, save) => {
    if (name.startsWith('LibreOffice') && !hasSoffice) return void console.warn('LibreOffice absent : variante ignorée');
    const sub = path.join(dir, name.slice(0, 8).replace(/\W/g, '_'));
    mkdirSync(sub, { recursive: true });
    const out = path.join(sub, 'pilotage.xlsx');
    save(typed, out);
    const before = read(out);
    expect(before.notes).toEqual(NOTES);
    const r = await runCli(['build', inputs, '-o', out, '-q'], '2021-01-15');
    expect([r.code, r.stderr]).toEqual([0, expect.not.stringMatching(/Cannot|undefined|TypeError|at \//)]);
    const after = read(out);
    // every part of the re-filled workbook valid for ISO/IEC 29500 (what Excel opens without « problème dans du contenu »)
    if (requireOrSkip('schémas OOXML du classeur rempli à nouveau', hasXmllint && hasOoxmlSchemas, OOXML_MISSING))
      expect(validatePackage(new Uint8Array(readFileSync(out))).failures).toEqual([]);
    // every typed note kept, text stays text
    expect(after.notes).toEqual(NOTES);
    // the user's own sheets: every cell as it was
    expect(after.user).toEqual(before.user);
    expect(Object.keys(after.user)).toHaveLength(1);
    expect(after.sheets).toEqual(expect.arrayContaining(['Programmation 2020', 'Financements', ...Object.keys(before.user)]));
    if (name.includes('hand')) {
      expect(Object.keys(after.user)).toEqual(["Notes d'avril (COPIL)"]);
      expect(after.extra).toBe('Dossier complet'); // the column added to the table
      expect(before.charts).toBe(1);
      // exceljs cannot write a chart back, but the user's sheet keeps its chart (keep-sheets.ts):
      // nothing lost, so no warning and no copy beside
      expect(after.chartsBySheet["Notes d'avril (COPIL)"]).toBe(1);
      expect(existsSync(out.replace(/\.xlsx$/, '.avant-remplissage.xlsx'))).toBe(false);
      expect(r.stderr).not.toContain('graphique');
    }
  }, 300000);
});
