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
  /** Text wraps inside its cell (long labels on a printed page), with these row heights (points). */
  wrap?: boolean;
  rowHeights?: number[];
  /** Per column of the block, horizontal alignment (headers above right-aligned amounts). */
  align?: ('left' | 'right' | undefined)[];
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
  /** Left header and centre footer (Excel header/footer codes: &P page, &N pages). */
  header?: string;
  footer?: string; // e.g. 'Page &P / &N'
  headerRight?: string;
  footerLeft?: string;
  footerRight?: string;
  printTitleRows?: string;
  /** A page break after each of these rows (1-based): a block never split across two pages. */
  rowBreaks?: number[];
}

/** Native chart types every host draws the same way (Excel, LibreOffice, openpyxl read them). */
export type ChartKind = 'barStacked' | 'barClustered' | 'columnClustered' | 'line';

export interface ChartSeries {
  /** Legend text, and the cell of this sheet that holds it (A1), if any. */
  name: string;
  nameCell?: string;
  /** One row or one column of this sheet (A1 range, e.g. `B17:B20`): the chart follows edits. */
  values: string;
  /** The values those cells hold when written (cached in the chart for readers without a calc engine). */
  cached: number[];
}

export interface ChartSpec {
  kind: ChartKind;
  title: string;
  /** Category labels: a range of this sheet (A1) and the text it holds. */
  categories: string;
  categoryLabels: string[];
  series: ChartSeries[];
  /** Number format of the value axis (Excel code). */
  valueFormat?: string;
  /** Top-left cell of the chart and the cell just past its bottom-right corner (1-based). */
  from: { row: number; col: number };
  to: { row: number; col: number };
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
  /** The outline opens folded: rows at level 1 and deeper are hidden until the user opens a group. */
  outlineCollapsed?: boolean;
  /** Native charts over this sheet's own cells, drawn by every host. */
  charts?: ChartSpec[];
  tabColor?: string;
}
