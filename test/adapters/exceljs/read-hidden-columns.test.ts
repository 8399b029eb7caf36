import ExcelJS from 'exceljs';
import { readInput } from '../../../src/adapters/exceljs/read-workbook';
import type { SourceInput } from '../../../src/core/model/grid';

test('the columns a sheet hides are read with it (1-based), so that their old figures are set aside, not lost', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('S');
  ws.addRow(['Structure', 'Exercice', 'Montant voté', 'Voté 2016', 'Montant initial']);
  ws.addRow(['Centre social Les Oliviers', 2019, 45000, 40000, 42000]);
  ws.getColumn(4).hidden = true;
  ws.getColumn(5).hidden = true;
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  const r = (await readInput('CD07.xlsx', bytes)) as SourceInput;
  expect(r.grids[0].hiddenCols?.sort()).toEqual([4, 5]);
  expect(r.grids[0].rows[1]).toEqual(['Centre social Les Oliviers', 2019, 45000, 40000, 42000]);
});
