import { isCellError, type RejectedInput } from '../../../src/core/model/grid';
import { runPipeline } from '../../../src/core/pipeline';
import { SYNC_TIMEOUT_MS, SyncTimeoutError, withSyncTimeout, type HostCapabilities } from '../../../src/adapters/office/excel-host';
import { excelHost } from '../../../src/taskpane/pane-host';
import { fromOfficeCell, isDateFormat, isoToSerial } from '../../../src/adapters/office/cell-values';
import { readSheets } from '../../../src/adapters/office/read-sheets';
import { loadMappings, saveMappings } from '../../../src/adapters/office/workbook-settings';
import { selectCell } from '../../../src/adapters/office/select-cell';
import { writeSheets } from '../../../src/adapters/office/write-sheets';
import { FakeWorkbook } from './fake-excel';

const caps: HostCapabilities = { api19: true, api110: true, api113: true };

function partnerWorkbook() {
  const wb = new FakeWorkbook();
  wb.addSheet('CAF 2019', [
    ['Prestations de service CAF de l’Ardèche — exercice 2019'],
    [],
    ['Bénéficiaire', 'SIRET', 'Dispositif', 'Montant voté (€)', 'Date de décision'],
    ['CS du Pouzin', '12345678900015', 'PS AGC', 70000, { serial: isoToSerial('2019-03-12'), format: 'dd/mm/yyyy' }],
    ['EVS La Clé', '12345678900023', 'PS AL', { error: '#REF!' }, { serial: isoToSerial('2019-03-12'), format: 'dd/mm/yyyy' }],
  ]);
  wb.sheet('CAF 2019').merges.push('A1:E1');
  wb.addSheet('Brouillon', [['à supprimer']], true);
  return wb;
}

describe('office adapter: readSheets', () => {
  it('reads values, dates (by number format), error cells (valueTypes) and merges', async () => {
    const grids = await readSheets(partnerWorkbook().run, { caps });
    expect(grids.map((g) => [g.file, g.sheet, g.hidden])).toEqual([
      ['Pilotage 2020.xlsx', 'CAF 2019', false],
      ['Pilotage 2020.xlsx', 'Brouillon', true],
    ]);
    const g = grids[0];
    expect(g.originRow).toBe(1);
    expect(g.rows[3][0]).toBe('CS du Pouzin');
    expect(g.rows[3][4]).toEqual(new Date(Date.UTC(2019, 2, 12)));
    expect(isCellError(g.rows[4][3])).toBe(true);
    expect(g.rows[4][3]).toEqual({ error: '#REF!' });
    expect(g.rows[1]).toEqual([null, null, null, null, null]);
    expect(g.merges).toEqual([{ top: 1, left: 1, bottom: 1, right: 5 }]);
  });

  it('hands the error cell to the core, which reports it with its cell', async () => {
    const grids = await readSheets(partnerWorkbook().run, { caps });
    const result = runPipeline({ sources: [{ file: grids[0].file, grids }], asOf: '2020-12-31' });
    const unreadable = result.findings.find((f) => f.code === 'MONTANT_ILLISIBLE');
    expect(unreadable?.location).toMatchObject({ file: 'Pilotage 2020.xlsx', sheet: 'CAF 2019', row: 5, col: 'D' });
    expect(unreadable?.message).toMatch(/#REF!/);
  });

  it('skips the sheets it generated, so that a re-run does not read its own output', async () => {
    const wb = partnerWorkbook();
    const grids = await readSheets(wb.run, { caps });
    const result = runPipeline({ sources: [{ file: grids[0].file, grids }], asOf: '2020-12-31' });
    await writeSheets(wb.run, result.sheets, { caps });
    const again = await readSheets(wb.run, { caps });
    expect(again.map((g) => g.sheet)).toEqual(['CAF 2019', 'Brouillon']);
  });

  it('reads a big sheet in slices sized by bytes: under 5 MB per response on Excel on the web (defect 5)', async () => {
    // 40-character texts: about 64 bytes per cell with type and format; 100 000 cells = 6 MB
    const wb = new FakeWorkbook({ platform: 'web' });
    const text = 'Centre social intercommunal de la vallée';
    const rows = Array.from({ length: 6_000 }, (_, i) => [`S${i}`, i, ...Array.from({ length: 18 }, () => text)]);
    wb.addSheet('Grand', rows);
    const grids = await readSheets(wb.run, { caps: wb.caps });
    expect(grids[0].rows).toHaveLength(6_000);
    expect(grids[0].rows[5_999][1]).toBe(5_999);
    expect(grids[0].rows[5_999][19]).toBe(text);
    expect(Math.max(...wb.responses)).toBeLessThan(5 * 1024 * 1024);
    expect(Math.max(...wb.responses)).toBeGreaterThan(1_000_000); // few round trips, not tiny slices
  });

  it('reads a sheet with more than 512 merged areas (merges of its top rows), and the other sheets (defect 4)', async () => {
    const wb = new FakeWorkbook();
    const rows = Array.from({ length: 1_200 }, (_, i) => [`S${i}`, i, 'x']);
    const big = wb.addSheet('Fusions', rows);
    big.merges.push('A1:C1', ...Array.from({ length: 600 }, (_, i) => `B${i + 300}:C${i + 300}`));
    wb.addSheet('Autre', [['Bénéficiaire'], ['CS du Pouzin']]);
    const grids = await readSheets(wb.run, { caps: wb.caps });
    expect(grids.map((g) => [g.sheet, g.rows.length])).toEqual([
      ['Fusions', 1_200],
      ['Autre', 2],
    ]);
    expect(grids[0].merges).toEqual([{ top: 1, left: 1, bottom: 1, right: 3 }]);
  });

  it('converts office-js cells like the exceljs reader', () => {
    expect(fromOfficeCell('', 'Empty', 'General')).toBeNull();
    expect(fromOfficeCell('#DIV/0!', 'Error', 'General')).toEqual({ error: '#DIV/0!' });
    expect(fromOfficeCell(43466, 'Double', 'General')).toBe(43466);
    expect(fromOfficeCell(43466, 'Double', 'dd/mm/yyyy')).toEqual(new Date(Date.UTC(2019, 0, 1)));
    expect(isDateFormat('#,##0.00\\ "€"')).toBe(false);
    expect(isDateFormat('[$-40C]d mmmm yyyy')).toBe(true);
    expect(isDateFormat('"jour" 0')).toBe(false);
  });

  it('saves the mappings in the workbook settings and reads them back', async () => {
    const wb = new FakeWorkbook();
    expect(await loadMappings(wb.run)).toBeUndefined();
    const m = { version: 1 as const, sheets: [{ file: 'CAF.xlsx', sheet: 'PS 2019', columns: { 'Mt accordé': 'voted' } }] };
    await saveMappings(wb.run, m);
    expect(await loadMappings(wb.run)).toEqual(m);
  });

  it('selects a finding cell: activates the sheet and selects the cell', async () => {
    const wb = partnerWorkbook();
    expect(await selectCell(wb.run, 'CAF 2019', 'D5')).toBe(true);
    expect(wb.sheet('CAF 2019').active).toBe(true);
    expect(wb.sheet('CAF 2019').selected).toBe('D5');
    expect(await selectCell(wb.run, 'Absente', 'A1')).toBe(false);
  });
});

describe('office adapter: a sheet that fails, a sync that hangs (issue 25, item 8)', () => {
  it('keeps the sheets it read when one sheet fails, and names the failing sheet in French', async () => {
    const wb = new FakeWorkbook();
    wb.addSheet('Cassée', [['x']]).readError = 'lecture impossible (échec simulé)';
    wb.addSheet('CAF 2019', [['Bénéficiaire'], ['CS du Pouzin']]);
    const unread: RejectedInput[] = [];
    const grids = await readSheets(wb.run, { caps, unread });
    expect(grids.map((g) => g.sheet)).toEqual(['CAF 2019']);
    expect(grids[0].rows[1]).toEqual(['CS du Pouzin']);
    expect(unread).toEqual([{ file: 'Pilotage 2020.xlsx', error: expect.stringMatching(/^Feuille « Cassée » non lue : .*lecture impossible \(échec simulé\)$/) }]);
  });

  it('the pane host returns the unread sheet with the others read', async () => {
    const wb = new FakeWorkbook();
    wb.addSheet('CAF 2019', [['Bénéficiaire'], ['CS du Pouzin']]);
    wb.addSheet('Cassée', [['x']]).readError = 'lecture impossible';
    const read = await excelHost(wb.run, wb.caps).readWorkbook!();
    expect(read.sources.map((g) => g.sheet)).toEqual(['CAF 2019']);
    expect(read.unread.map((u) => u.error)).toEqual([expect.stringMatching(/^Feuille « Cassée » non lue : .*lecture impossible$/)]);
  });

  it('ends a sync that hangs with a French error instead of waiting forever', async () => {
    const wb = new FakeWorkbook();
    wb.addSheet('CAF 2019', [['Bénéficiaire'], ['CS du Pouzin']]);
    wb.hangAtSync = 2;
    const run = withSyncTimeout(wb.run, 50);
    await expect(readSheets(run, { caps, unread: [] })).rejects.toThrow(/^Excel ne répond pas \(synchronisation de plus de 50 ms\) : /);
    await expect(readSheets(run, { caps }).then((g) => g.map((x) => x.sheet))).resolves.toEqual(['CAF 2019']);
  });

  it('says 60 s by default', () => {
    expect(SYNC_TIMEOUT_MS).toBe(60_000);
    expect(new SyncTimeoutError(SYNC_TIMEOUT_MS).message).toMatch(/^Excel ne répond pas \(synchronisation de plus de 60 s\) : /);
  });
});
