/**
 * What a host adapter hands to the core: one sheet of one file, as plain values.
 * Formulas arrive as their cached result; error cells as `CellError` so that they are
 * reported rather than read as zero. A formula stored without a result is worked out when simple
 * (parse/evaluate-formula.ts), else arrives as `noResult(formula)`, a CellError too.
 */
export interface CellError {
  error: string; // '#REF!', '#DIV/0!', …; '#SANS_RESULTAT': a formula stored without its result (NO_RESULT)
  /** With '#SANS_RESULTAT': the formula (without '=') that could not be worked out, when known. */
  formula?: string;
}

export type CellValue = string | number | boolean | Date | CellError | null;

export interface Grid {
  file: string; // file name as the user knows it (no folder)
  sheet: string;
  hidden?: boolean;
  /** rows[0][0] is the cell at (originRow, originCol), 1-based; default A1. */
  rows: CellValue[][];
  originRow?: number;
  originCol?: number;
  /**
   * One of several tables laid side by side on the sheet (import/split-regions.ts), as an A1 range:
   * its own label above it (« Exercice 2020 ») says its year before the sheet's name does.
   */
  region?: string;
  /** Columns the sheet hides, 1-based (old figures kept out of sight: their money is set aside, not lost). */
  hiddenCols?: number[];
  /** Merged ranges, 1-based inclusive, so that titles and two-row headers can be read. */
  merges?: { top: number; left: number; bottom: number; right: number }[];
}

export function isCellError(v: unknown): v is CellError {
  return typeof v === 'object' && v !== null && !(v instanceof Date) && typeof (v as CellError).error === 'string';
}

/** An input the adapter could not turn into grids (corrupt, encrypted, unsupported). */
export interface RejectedInput {
  file: string;
  error: string; // French, names the file and the reason
}

export interface SourceInput {
  file: string;
  grids: Grid[];
}
