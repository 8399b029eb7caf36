/** A sheet being laid out: rows of cells (formulas keep their cached result), merges, hidden state. */

/** A formula without `result` is written without its cached value (`<f>` and no `<v>`), as a script writes it. */
export type Cell = string | number | Date | null | { formula: string; result?: number } | { error: string };

export interface SheetOut {
  name: string;
  rows: Cell[][];
  merges: { top: number; left: number; bottom: number; right: number }[];
  hidden?: boolean;
  /** Hidden columns (1-based). */
  hiddenCols?: number[];
  /** Column (1-based) → number format for amounts and dates. */
  formats: Record<number, string>;
}

export class SheetBuilder {
  readonly sheet: SheetOut;

  constructor(name: string, hidden = false) {
    this.sheet = { name, rows: [], merges: [], hidden, formats: {} };
  }

  /** Next row number (1-based) that `add` will write. */
  get next(): number {
    return this.sheet.rows.length + 1;
  }

  add(cells: Cell[]): number {
    this.sheet.rows.push(cells);
    return this.sheet.rows.length;
  }

  merge(top: number, left: number, bottom: number, right: number) {
    if (bottom > top || right > left) this.sheet.merges.push({ top, left, bottom, right });
  }
}

export function colLetter(col: number): string {
  let s = '';
  for (let c = col; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}
