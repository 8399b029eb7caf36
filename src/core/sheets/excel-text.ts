/** Excel refuses to open a workbook holding a cell of more than 32 767 characters. */
export const EXCEL_MAX_TEXT = 32767;

/** A text as a cell can hold it: cut, with an ellipsis, when it is too long (messages quoting a huge cell). */
export function fitExcelText(s: string): string {
  return s.length <= EXCEL_MAX_TEXT ? s : s.slice(0, EXCEL_MAX_TEXT - 1) + '…';
}
