import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { loadExistingWorkbook } from '../../../src/adapters/exceljs/load-existing';
import { stripSheets } from '../../../src/adapters/exceljs/strip-sheets';
import { runPipeline, REWRITTEN_EVERY_BUILD } from '../../../src/core/pipeline';
import { grid } from '../../fixtures/build';

/** A workbook as a re-fill finds it: a big generated table, a user's sheet with a print area, a table and a comment. */
async function workbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const fin = wb.addWorksheet('Financements');
  fin.addTable({ name: 'Financements', ref: 'A1', columns: [{ name: 'Partenaire' }, { name: 'Montant voté' }], rows: [['CAF', 1000], ['MSA', 2500]] });
  fin.getCell('D1').note = 'note du générateur';
  const ctl = wb.addWorksheet('Contrôles');
  ctl.getCell('A1').value = 'Constat';
  const mine = wb.addWorksheet('Notes avril');
  mine.getCell('A1').value = 'Relancer la FACS';
  mine.getCell('B2').value = { formula: 'A1&"!"', result: 'Relancer la FACS!' };
  mine.pageSetup.printArea = 'A1:B2';
  mine.addTable({ name: 'MesSuivis', ref: 'D1', columns: [{ name: 'Qui' }], rows: [['Marie']] });
  wb.views = [{ activeTab: 2, x: 0, y: 0, width: 1000, height: 800, firstSheet: 0, visibility: 'visible' }];
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('stripSheets: a re-fill loads only the sheets it keeps', () => {
  test('the named sheets, their tables and comments are gone; the others, their print area and table kept', async () => {
    const out = stripSheets(await workbook(), ['Financements', 'Contrôles']);
    const files = unzipSync(out);
    const wbXml = strFromU8(files['xl/workbook.xml']);
    expect([...wbXml.matchAll(/<sheet\b[^>]*name="([^"]*)"/g)].map((m) => m[1])).toEqual(['Notes avril']);
    // the print area was local to sheet 3, now sheet 1 (index 0); the active tab follows it
    expect(wbXml).toMatch(/localSheetId="0"/);
    expect(wbXml).toMatch(/activeTab="0"/);
    expect(Object.keys(files).filter((n) => /tables\/.+\.xml$/.test(n))).toHaveLength(1);
    expect(Object.keys(files).some((n) => /comments/.test(n))).toBe(false);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(out as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Notes avril']);
    const ws = wb.getWorksheet('Notes avril')!;
    expect(ws.getCell('A1').value).toBe('Relancer la FACS');
    expect(ws.pageSetup.printArea).toBe('A1:B2');
    expect(ws.getTable('MesSuivis')).toBeDefined();
  });

  test('nothing named there: the same bytes', async () => {
    const bytes = await workbook();
    expect(stripSheets(bytes, ['Programmation 2031'])).toBe(bytes);
  });

  test('loading for a re-fill: the kept sheets in the model, the Financements cells read, the other rewritten sheets by name only', async () => {
    const e = await loadExistingWorkbook('pilotage.xlsx', await workbook(), { rewritten: ['Financements', 'Contrôles'], cellsOf: ['Financements'] });
    expect(e.wb.worksheets.map((w) => w.name)).toEqual(['Notes avril']);
    const byName = new Map(e.grids.map((g) => [g.sheet, g.rows]));
    expect(byName.get('Financements')).toEqual([['Partenaire', 'Montant voté'], ['CAF', 1000], ['MSA', 2500]]);
    expect(byName.get('Contrôles')).toEqual([]);
    expect(byName.get('Notes avril')?.[0]).toEqual(['Relancer la FACS', null, null, 'Qui']);
  });
});

describe('REWRITTEN_EVERY_BUILD', () => {
  test('every build writes each of them again, with or without data, for any years', () => {
    for (const years of [undefined, [2019]]) {
      const names = runPipeline({ sources: [{ file: 'vide.xlsx', grids: [grid([['Structure', 'Année', 'Montant voté'], ['CS A', 2019, 10]], { file: 'vide.xlsx', sheet: 'F' })] }], asOf: '2020-06-30', years }).sheets.map((s) => s.name);
      for (const n of REWRITTEN_EVERY_BUILD) expect([years, n, names.includes(n)]).toEqual([years, n, true]);
    }
  });
});
