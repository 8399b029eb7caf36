/**
 * Partner files copied into the workbook (issue 25, item 7): the names Excel gave the copies are
 * used to select a finding's cell, the copies are not read again as sources by the pane that
 * holds the files, and a copy that failed after inserting (Excel on the web) is not made twice.
 */
import ExcelJS from 'exceljs';
import { insertWorkbookFiles, renamedCopies } from '../../../src/adapters/office/insert-sheets';
import { excelHost } from '../../../src/taskpane/pane-host';
import { FakeWorkbook } from './fake-excel';

async function xlsx(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Feuil1');
  ws.addRow(['Bénéficiaire', 'Montant voté']);
  ws.addRow(['CS du Pouzin', 12000]);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('office adapter: copies of partner files', () => {
  it('a finding on the file\'s Feuil1 selects the copy « Feuil1 (2) », not the workbook\'s own Feuil1', async () => {
    const wb = new FakeWorkbook();
    wb.addSheet('Feuil1', [['notes de la technicienne']]);
    const host = excelHost(wb.run, wb.caps);
    const out = await host.insertFile!('caf.xlsx', await xlsx());
    expect(out.sheets).toEqual(['Feuil1 (2)']);
    expect(await host.selectCell!('Feuil1', 'B2', 'caf.xlsx')).toBe(true);
    expect(wb.sheet('Feuil1 (2)').selected).toBe('B2');
    expect(wb.sheet('Feuil1').selected).toBeUndefined();
    // a finding of the workbook's own sheet still selects it
    expect(await host.selectCell!('Feuil1', 'A1')).toBe(true);
    expect(wb.sheet('Feuil1').selected).toBe('A1');
  });

  it('« Lire le classeur » after copying: the copies are not sources again (they would be read twice)', async () => {
    const wb = new FakeWorkbook();
    wb.addSheet('Feuil1', [['notes']]);
    const host = excelHost(wb.run, wb.caps);
    await host.insertFile!('caf.xlsx', await xlsx());
    const { sources, existing } = await host.readWorkbook!();
    expect(sources.map((g) => g.sheet)).toEqual(['Feuil1']);
    expect(existing.map((g) => g.sheet)).toEqual(['Feuil1', 'Feuil1 (2)']);
  });

  it('Excel on the web fails after inserting: the copies are taken, not made again on a retry', async () => {
    const wb = new FakeWorkbook({ platform: 'web' });
    wb.failAfterInsert = true;
    const [out] = await insertWorkbookFiles(wb.run, wb.caps, [{ name: 'caf.xlsx', bytes: await xlsx() }]);
    expect(out).toEqual({ file: 'caf.xlsx', sheets: ['Feuil1'] });
    expect(out.message).toBeUndefined();
    expect(wb.sheets.map((s) => s.name)).toEqual(['Feuil1']);
  });

  it('renamedCopies: X (n) is the file\'s X only when X was in the workbook', () => {
    expect(renamedCopies(['Feuil1 (2)', 'Bilan (2)', 'PS'], ['Feuil1', 'Synthèse'])).toEqual({ Feuil1: 'Feuil1 (2)' });
  });
});
