/** Excel refuses to open a workbook holding a cell of more than 32 767 characters. */
export const EXCEL_MAX_TEXT = 32767;

/** A text cut to `max` characters, its last one an ellipsis, when it is longer. */
export function fitText(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max - 1) + '…';
}

/** A text as a cell can hold it: cut, with an ellipsis, when it is too long (messages quoting a huge cell). */
export const fitExcelText = (s: string): string => fitText(s, EXCEL_MAX_TEXT);
