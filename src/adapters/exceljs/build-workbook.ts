import ExcelJS from 'exceljs';
import type { SheetSpec } from '../../core/model/sheet-spec';
import { addCharts, chartsOf } from './add-charts';
import { renderSheet } from './render-sheet';

/**
 * Builds the output workbook: generated sheets replace their previous version, every other sheet
 * of an existing workbook (partners' sheets, users' own sheets) is kept as it is.
 * Kept apart from the file writing (Node only) so that the task pane can use it in a browser.
 */
export async function buildWorkbook(specs: SheetSpec[], existing?: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const wb = existing ?? new ExcelJS.Workbook();
  wb.creator = 'Pilotage AVS';
  wb.calcProperties = { fullCalcOnLoad: true } as ExcelJS.Workbook['calcProperties'];
  for (const spec of specs) {
    const old = wb.getWorksheet(spec.name);
    if (old) wb.removeWorksheet(old.id);
    renderSheet(wb, spec);
  }
  return wb;
}

/**
 * The workbook as .xlsx bytes, with the native charts the specs ask for (exceljs writes the
 * cells, add-charts.ts the charts). Browser-safe: the standalone pane downloads these bytes.
 */
export async function workbookBytes(wb: ExcelJS.Workbook, specs: SheetSpec[]): Promise<Uint8Array> {
  return addCharts(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer), chartsOf(specs));
}
