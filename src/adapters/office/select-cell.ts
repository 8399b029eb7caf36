import type { ExcelRun } from './excel-host';

/** Shows a finding's cell: activates its sheet and selects the cell (one round trip). */
export async function selectCell(run: ExcelRun, sheet: string, address: string): Promise<boolean> {
  return run(async (context) => {
    const ws = context.workbook.worksheets.getItemOrNullObject(sheet);
    await context.sync();
    if (ws.isNullObject) return false;
    ws.activate();
    ws.getRange(address).select();
    await context.sync();
    return true;
  });
}
