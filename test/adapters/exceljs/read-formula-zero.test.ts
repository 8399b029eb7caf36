import ExcelJS from 'exceljs';
import { readInput } from '../../../src/adapters/exceljs/read-workbook';

test('a formula whose cached result is 0 is read as 0, not as an empty cell', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Suivi');
  ws.getCell('A1').value = { formula: 'B1-B1', result: 0 } as ExcelJS.CellFormulaValue;
  ws.getCell('B1').value = 5;
  ws.getCell('C1').value = { formula: 'B1*2', result: 10 } as ExcelJS.CellFormulaValue;
  const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  const r = await readInput('zero.xlsx', bytes);
  if ('error' in r) throw new Error(r.error);
  expect(r.grids[0].rows[0]).toEqual([0, 5, 10]);
});
