import type { CellValue, Grid } from '../model/grid';
import type { Finding } from '../model/finding';
import { makeFinding } from '../checks/messages';
import { EXCEL_MAX_TEXT } from '../sheets/excel-text';
import { columnLetter } from './column-letter';

/**
 * A cell holds at most 32 767 characters in Excel: a longer text only comes from a CSV or a
 * workbook written by another tool. It is read cut to that length, and said once per sheet, so
 * that no step of the import ever runs its patterns over millions of characters (a 5 Mo CSV field
 * exhausted V8's regexp stack) and the written workbook stays one Excel opens.
 */
export function cutOverlongTexts(grid: Grid): { grid: Grid; finding?: Finding } {
  let count = 0;
  let first: { row: number; col: number; length: number } | undefined;
  let rows: CellValue[][] | undefined;
  grid.rows.forEach((row, r) => {
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v !== 'string' || v.length <= EXCEL_MAX_TEXT) continue;
      // the user's grid is left as it was: a re-run of the pane reads it, and says it, again
      rows ??= grid.rows.slice();
      if (rows[r] === row) rows[r] = row.slice();
      rows[r][c] = v.slice(0, EXCEL_MAX_TEXT);
      count++;
      first ??= { row: (grid.originRow ?? 1) + r, col: (grid.originCol ?? 1) + c, length: v.length };
    }
  });
  if (!rows || !first) return { grid };
  const finding = makeFinding('TEXTE_TROP_LONG', { count, detail: String(first.length) }, { file: grid.file, sheet: grid.sheet, row: first.row, col: columnLetter(first.col) });
  return { grid: { ...grid, rows }, finding };
}
