/**
 * What the core asks a host to write: host-neutral description of one generated sheet.
 * Both adapters (exceljs, office-js) render the same SheetSpec; the contract tests check it.
 */

export type ColumnType = 'text' | 'integer' | 'amount' | 'percent' | 'date' | 'boolean' | 'code';

/** A formula with its cached result, so that readers without a calc engine see the value. */
export interface FormulaCell {
  formula: string; // without the leading '='
  result: number | string | null;
}

/** Link to a place in the workbook (`'Sheet'!A1`) or to text when the place is outside it. */
export interface LinkCell {
  text: string;
  target: string; // internal location like `'Financements'!A12`
}

export type SpecValue = string | number | boolean | null | FormulaCell | LinkCell | { date: string };

export interface ColumnSpec {
  key: string;
  header: string;
  type: ColumnType;
  width?: number;
  /** List validation: allowed values (coded columns), short lists only (Excel caps them at 255 characters). */
  list?: string[];
  /** List validation from a range of the workbook, e.g. `'Plan'!$I$2:$I$80`, for long lists. */
  listRange?: string;
  /** Users type into this column: its cells are kept when the sheet is filled in again. */
  userInput?: boolean;
}

export interface Highlight {
  /** 0-based row index in `rows` */
  row: number;
  level: 'erreur' | 'alerte' | 'info';
}

export interface Block {
  /** 1-based row where this block starts */
  startRow: number;
  startCol?: number;
  /** Rows of free cells above or beside tables: titles, key figures, signature block. */
  cells: SpecValue[][];
  style?: 'title' | 'subtitle' | 'label' | 'normal' | 'keyfigures';
  /** Per column of the block, optional formats. */
  formats?: (ColumnType | undefined)[];
}

export interface TableSpec {
  name: string; // Excel table name (ListObject)
  /** 1-based row of the header */
  headerRow: number;
  startCol?: number;
  columns: ColumnSpec[];
  rows: SpecValue[][];
  highlights?: Highlight[];
  /** Excel outline level per row (0 = none), for foldable groups. */
  outline?: number[];
  /** Rows drawn as subtotals (bold). */
  subtotalRows?: number[];
  totalsRow?: boolean;
  /** Conditional fill on a column when the cell text is not empty (flags). */
  flagColumn?: string;
}

export interface PrintSetup {
  orientation: 'portrait' | 'landscape';
  paperSize: 'A4';
  fitToWidth?: boolean;
  /** With fitToWidth: pages tall (1 = the whole sheet on one page, e.g. a COPIL synthesis); default any. */
  fitToHeight?: number;
  header?: string;
  footer?: string; // e.g. 'Page &P / &N'
  printTitleRows?: string;
}

export interface SheetSpec {
  name: string;
  /** What the sheet is for: the adapters only ever write generated sheets. */
  role: 'table' | 'programmation' | 'synthese' | 'controles' | 'changements' | 'referentiel';
  blocks: Block[];
  tables: TableSpec[];
  freeze?: { row: number; col: number };
  print?: PrintSetup;
  /** Widths of the first columns (sheets made of blocks only, like the COPIL synthesis). */
  columnWidths?: number[];
  /** Outline summary rows (subtotals) sit above their detail rows, as in the programming sheets. */
  outlineSummaryAbove?: boolean;
  /** Bar chart request; hosts that can draw one natively do, others draw cells. */
  chart?: {
    title: string;
    categories: string[];
    /** `cells`: where each value is on this sheet (A1), so that drawn bars follow edits. */
    series: { name: string; values: number[]; cells?: string[] }[];
    anchorRow: number;
    anchorCol: number;
  };
  tabColor?: string;
}
