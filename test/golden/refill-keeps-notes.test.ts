import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { sheetParts } from '../../src/adapters/exceljs/add-charts';
import { packageCharts } from '../helpers/package-charts';
import { runCli } from '../helpers/run-cli';
import { EXAMPLES_DIR } from './examples-pipeline';

/** The XML of one sheet of an .xlsx, by sheet name. */
function sheetXml(file: string, name: string): string {
  const files = unzipSync(new Uint8Array(readFileSync(file)));
  const part = sheetParts(files).get(name);
  return part ? strFromU8(files[part]) : '';
}

const value = (c: ExcelJS.Cell) => {
  const v = c.value as ExcelJS.CellValue;
  return v && typeof v === 'object' && 'formula' in v ? (v as ExcelJS.CellFormulaValue).result : v;
};

/** Row number of a (Niveau, Code) row of a programming sheet, and the column of each header. */
function locate(ws: ExcelJS.Worksheet) {
  const header = new Map<string, number>();
  ws.getRow(4).eachCell((c, col) => header.set(String(c.value), col));
  const rowOf = (level: string, code: string) => {
    for (let r = 5; r <= ws.rowCount; r++)
      if (ws.getCell(r, 1).value === level && ws.getCell(r, 2).value === code) return r;
    throw new Error(`ligne ${level} ${code} absente`);
  };
  return { col: (h: string) => header.get(h)!, rowOf };
}

describe('filling in a workbook again keeps every typed note and updates the amounts', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'avs-refill-'));
  const inputs = path.join(dir, 'partenaires');
  const out = path.join(dir, 'pilotage.xlsx');
  let wb: ExcelJS.Workbook;
  let stdout: string;

  beforeAll(async () => {
    cpSync(EXAMPLES_DIR, inputs, { recursive: true });
    const first = await runCli(['build', inputs, '-o', out, '-q'], '2020-12-31');
    expect(first.code).toBe(0);

    // a technician types notes with exceljs, adds a column of her own and a sheet of her own
    const typed = new ExcelJS.Workbook();
    await typed.xlsx.readFile(out);
    const ws = typed.getWorksheet('Programmation 2020')!;
    const { col, rowOf } = locate(ws);
    ws.getCell(rowOf('Action', '4.6.1'), col('Décision comité technique')).value = 'Validé';
    ws.getCell(rowOf('Action', '4.6.1'), col('Commentaire')).value = '=à revoir avec la CAF, pas une formule';
    ws.getCell(rowOf('Action', '4.6.1'), col('Priorité')).value = 'Haute';
    ws.getCell(rowOf('Financement direct', '2'), col('Commentaire')).value = 'Hausse CD07 attendue';
    ws.getCell(rowOf('Axe', '3'), col('Décision comité technique')).value = 'Ajourné';
    const extra = col('Priorité') + 1;
    ws.getCell(4, extra).value = 'Suivi';
    ws.getCell(rowOf('Action', '1.1.2'), extra).value = 'Relancer la FACS';
    typed.addWorksheet('Mes notes').getCell('A1').value = 'Notes de réunion';
    await typed.xlsx.writeFile(out);

    // the Département corrects an amount: Les Oliviers 2020, 25 000 € → 27 000 €
    const csv = path.join(inputs, 'CD07_subventions_2019-2020.csv');
    const text = readFileSync(csv, 'latin1');
    const changed = text.replace(
      '2020;Centre social Les Oliviers;41234567800012;Vie associative;Convention pluriannuelle;Fonctionnement 2020;2;25 000,00',
      '2020;Centre social Les Oliviers;41234567800012;Vie associative;Convention pluriannuelle;Fonctionnement 2020;2;27 000,00',
    );
    expect(changed).not.toBe(text);
    writeFileSync(csv, changed, 'latin1');

    const second = await runCli(['build', inputs, '-o', out, '-q'], '2021-01-15');
    expect(second.code).toBe(0);
    stdout = second.stdout;
    wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
  });

  test('every typed cell is kept, matched by action code, text stays text', () => {
    const ws = wb.getWorksheet('Programmation 2020')!;
    const { col, rowOf } = locate(ws);
    expect(ws.getCell(rowOf('Action', '4.6.1'), col('Décision comité technique')).value).toBe('Validé');
    const note = ws.getCell(rowOf('Action', '4.6.1'), col('Commentaire'));
    expect(note.value).toBe('=à revoir avec la CAF, pas une formule');
    expect(note.formula).toBeUndefined();
    expect(ws.getCell(rowOf('Action', '4.6.1'), col('Priorité')).value).toBe('Haute');
    expect(ws.getCell(rowOf('Financement direct', '2'), col('Commentaire')).value).toBe(
      'Hausse CD07 attendue',
    );
    expect(ws.getCell(rowOf('Axe', '3'), col('Décision comité technique')).value).toBe('Ajourné');
    expect(col('Suivi')).toBeGreaterThan(col('Priorité'));
    expect(ws.getCell(rowOf('Action', '1.1.2'), col('Suivi')).value).toBe('Relancer la FACS');
    expect(stdout).toContain('6 cellule(s) saisie(s) conservée(s)');
    expect(wb.getWorksheet('Mes notes')?.getCell('A1').value).toBe('Notes de réunion');
  });

  test('the computed columns are updated', () => {
    const ws = wb.getWorksheet('Programmation 2020')!;
    const { col, rowOf } = locate(ws);
    const cell = ws.getCell(rowOf('Financement direct', '2'), col('Voté CD07'));
    expect(cell.formula).toMatch(/^SUMIFS\('Financements'!/);
    expect(value(cell)).toBe(27000);
    expect(value(ws.getCell(rowOf('Axe', '2'), col('Voté CD07')))).toBe(27000);
    // foldable groups, all open: no row written `collapsed` (LibreOffice would hide rows)
    expect([
      ws.getRow(rowOf('Axe', '4')).outlineLevel,
      ws.getRow(rowOf('Objectif', '4.6')).outlineLevel,
      ws.getRow(rowOf('Action', '4.6.1')).outlineLevel,
    ]).toEqual([0, 1, 2]);
    expect(ws.properties.outlineProperties).toMatchObject({ summaryBelow: false });
    // (exceljs's `row.collapsed` only compares a row's level with the sheet's highest: the file is read)
    const xml = sheetXml(out, 'Programmation 2020');
    expect(xml).toContain('outlineLevel="2"');
    expect(xml).not.toMatch(/\bcollapsed="(1|true)"|<row\b[^>]*\bhidden="(1|true)"/);
    for (let r = 5; r <= ws.rowCount; r++) expect([r, ws.getRow(r).hidden]).toEqual([r, false]);
    const copil = wb.getWorksheet('Synthèse COPIL 2020')!;
    let total: unknown;
    copil.eachRow((row) => {
      if (row.getCell(1).value === 'Total voté, tous partenaires' && total === undefined)
        total = value(row.getCell(2));
    });
    expect(total).toBe(352850 + 2000);
  });

  test('Changements lists the amount that moved, with old and new values', () => {
    const ws = wb.getWorksheet('Changements')!;
    const rows: unknown[][] = [];
    ws.eachRow((row, n) => n > 4 && rows.push((row.values as unknown[]).slice(1)));
    expect(rows).toHaveLength(1);
    expect(rows[0].slice(0, 10)).toEqual([
      'Montant modifié',
      'CD07',
      'CS07-AUBE-02',
      'Centre social Les Oliviers',
      2020,
      'CD_VIE_ASSO',
      '2',
      25000,
      27000,
      2000,
    ]);
    expect(stdout).toContain(
      'Changements depuis le remplissage précédent : 1 montant(s) modifié(s), 0 ligne(s) ajoutée(s), 0 supprimée(s)',
    );
    expect(String(ws.getCell('A2').value)).toContain(
      '0 ligne(s) ajoutée(s), 0 supprimée(s), 1 montant(s) modifié(s)',
    );
  });
});

describe('building again on the workbook the tool wrote', () => {
  test('its own COPIL charts are drawn again: no warning, no backup copy, as many charts', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'avs-rebuild-'));
    const out = path.join(dir, 'pilotage.xlsx');
    expect((await runCli(['build', EXAMPLES_DIR, '-o', out, '-q'], '2020-12-31')).code).toBe(0);
    const before = packageCharts(new Uint8Array(readFileSync(out))).length;
    expect(before).toBeGreaterThan(0);
    const again = await runCli(['build', EXAMPLES_DIR, '-o', out, '-q'], '2021-01-15');
    expect(again.code).toBe(0);
    expect(again.stderr).not.toMatch(/graphique|avant-remplissage/);
    expect(existsSync(out.replace(/\.xlsx$/, '.avant-remplissage.xlsx'))).toBe(false);
    expect(packageCharts(new Uint8Array(readFileSync(out))).length).toBe(before);
  }, 120000);
});
