import type { Grid } from '../model/grid';
import type { Finding } from '../model/finding';
import { makeFinding } from '../checks/messages';
import { isNoResult, whyNotEvaluated } from '../parse/evaluate-formula';
import { columnLetter } from './column-letter';

/** The formula shown in the finding, cut: a formula may be 8 000 characters long. */
const SHOWN = 80;

/**
 * A workbook written by a script may store formulas without their results: the adapters work
 * out the simple ones (parse/evaluate-formula.ts) and leave the others marked `#SANS_RESULTAT`,
 * which no reading takes for zero or for an empty cell. Said once per sheet, here: how many such
 * cells, where the first is, its formula and why it was not worked out, and how to have the
 * results stored (open and save the file in Excel or LibreOffice).
 */
export function formulaCellFindings(grid: Grid): Finding[] {
  let count = 0;
  let first: { r: number; c: number } | undefined;
  grid.rows.forEach((row, r) => {
    for (let c = 0; c < row.length; c++) {
      if (!isNoResult(row[c])) continue;
      count++;
      first ??= { r, c };
    }
  });
  if (!first) return [];
  const { r, c } = first;
  const cell = grid.rows[r][c];
  const formula = isNoResult(cell) && cell.formula ? cell.formula : '';
  const shown = formula.length > SHOWN ? `${formula.slice(0, SHOWN)}…` : formula;
  const row = (grid.originRow ?? 1) + r;
  const col = columnLetter((grid.originCol ?? 1) + c);
  // the reason is worked out again for the first cell only: the grid keeps no reasons
  const reason = whyNotEvaluated(grid.rows, r, c, { row: grid.originRow ?? 1, col: grid.originCol ?? 1 });
  return [
    makeFinding(
      'FORMULE_SANS_RESULTAT',
      { count, cell: `${col}${row}`, value: shown ? `=${shown}` : undefined, detail: reason || undefined },
      { file: grid.file, sheet: grid.sheet, row, col },
    ),
  ];
}
