import type { CellValue } from '../../core/model/grid';
import type { SpecValue } from '../../core/model/sheet-spec';
import { fitExcelText } from '../../core/sheets/excel-text';

const DAY_MS = 86400000;
const EPOCH_1900 = Date.UTC(1899, 11, 30); // serial 0, counting Excel's fictitious 29/02/1900

/** ISO date (YYYY-MM-DD) as an Excel serial number, the only date form office-js writes. */
export function isoToSerial(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Math.round((Date.UTC(y, m - 1, d) - EPOCH_1900) / DAY_MS);
}

export function serialToDate(serial: number): Date {
  return new Date(EPOCH_1900 + Math.round(serial * DAY_MS));
}

/**
 * A number format that shows a date: a d or y token outside quotes, escapes and brackets.
 * `range.numberFormat` is locale-neutral (dd/mm/yyyy even in a French Excel).
 */
export function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt || fmt === 'General' || fmt === '@') return false;
  return /[dy]/i.test(fmt.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, ''));
}

/**
 * One cell read through office-js as a grid value: errors as CellError (valueTypes "Error"),
 * empty as null, serials under a date format as Date so that the core reads them like exceljs'.
 */
export function fromOfficeCell(value: unknown, type: string | undefined, numberFormat: string | undefined): CellValue {
  if (type === 'Error') return { error: String(value) };
  if (type === 'Empty' || value === '' || value === null || value === undefined) return null;
  if (typeof value === 'number') return isDateFormat(numberFormat) ? serialToDate(value) : value;
  if (typeof value === 'boolean' || typeof value === 'string') return value;
  return String(value);
}

/**
 * A SpecValue as what `range.values` takes. Formulas are left empty here and written through
 * `range.formulas` afterwards; links write their text, the link itself is set apart.
 */
export function toOfficeValue(v: SpecValue): string | number | boolean {
  if (v === null || v === undefined) return '';
  // a cell holds at most 32 767 characters: Excel refuses the whole request otherwise
  if (typeof v === 'string') return fitExcelText(v);
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if ('date' in v) return isoToSerial(v.date);
  if ('formula' in v) return '';
  if ('target' in v) return fitExcelText(v.text);
  return '';
}
