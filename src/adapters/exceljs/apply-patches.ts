import type ExcelJS from 'exceljs';
import { NUM_FMT } from '../../core/sheets/number-formats';
import type { SheetPatch } from '../../core/model/sheet-patch';
import { toExcelValue } from './render-sheet';

/**
 * Writes the core's cell patches into sheets the tool does not own (hand-made programming sheets):
 * only the listed cells change; the user's layout, formats and notes stay.
 */
export function applyPatches(wb: ExcelJS.Workbook, patches: SheetPatch[]): void {
  for (const p of patches) {
    const ws = wb.getWorksheet(p.sheet);
    if (!ws) continue;
    for (const c of p.cells) {
      const cell = ws.getCell(c.row, c.col);
      cell.value = toExcelValue(c.value);
      if (c.format) cell.numFmt = NUM_FMT[c.format];
      if (c.bold) cell.font = { ...(cell.font ?? {}), bold: true };
    }
  }
}
