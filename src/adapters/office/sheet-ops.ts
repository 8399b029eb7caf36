import { columnLetter } from '../../core/import/column-letter';
import { FLAG_FONT, HIGHLIGHT_FILL, NUM_FMT } from '../../core/sheets/number-formats';
import type { ChartKind, ChartSpec, PrintSetup, SheetSpec, SpecValue, TableSpec } from '../../core/model/sheet-spec';
import { toOfficeValue } from './cell-values';
import { utf8Length } from './excel-host';

/**
 * A SheetSpec as an ordered list of host operations, each with an estimated request size, so
 * that they can be packed into few round trips below Excel on the web's 5 MB payload limit.
 * Pure: the office adapter applies them to a worksheet; the fake host tests inspect them.
 */
export type SheetOp =
  | { kind: 'cells'; row: number; col: number; values: (string | number | boolean)[][]; formats: string[][] }
  | { kind: 'formula'; row: number; col: number; formula: string }
  /** one value, keeping the cell's own number format (patches of a user's sheet) */
  | { kind: 'value'; row: number; col: number; value: string | number | boolean }
  | { kind: 'link'; row: number; col: number; text: string; target: string }
  | { kind: 'font'; address: string; bold?: boolean; size?: number }
  | { kind: 'fill'; address: string; color: string }
  /** text wrapped (top-aligned, as the CLI writes it) and/or a horizontal alignment */
  | { kind: 'align'; address: string; wrap?: boolean; horizontal?: 'left' | 'right' }
  | { kind: 'rowHeight'; row: number; height: number }
  | { kind: 'width'; col: number; width: number }
  | { kind: 'table'; address: string; name: string }
  | { kind: 'validation'; address: string; source: string; title: string; message: string }
  | { kind: 'flag'; address: string; formula: string; fill: string; font: string }
  | { kind: 'outline'; rows: string }
  /** the outline folded: only this many row levels show (1: the rows outside every group) */
  | { kind: 'outlineLevels'; rows: number }
  | { kind: 'freeze'; row: number; col: number }
  | { kind: 'print'; setup: PrintSetup }
  | { kind: 'tabColor'; color: string }
  /** nothing to write: a French note for the user (what could not be drawn, and why) */
  | { kind: 'note'; text: string }
  | {
      kind: 'chart';
      type: OfficeChartType;
      title: string;
      /** The first series' values: the range the chart is created from, read by `seriesBy`. */
      source: string;
      seriesBy: 'Rows' | 'Columns';
      categories: string;
      series: { name: string; values: string }[];
      valueFormat?: string;
      /** Top-left and bottom-right cells the chart covers. */
      from: string;
      to: string;
    };

/** Excel's chart types for the ChartSpec kinds (Excel.ChartType). */
export const OFFICE_CHART_TYPE = { barStacked: 'BarStacked', barClustered: 'BarClustered', columnClustered: 'ColumnClustered', line: 'LineMarkers' } as const;
export type OfficeChartType = (typeof OFFICE_CHART_TYPE)[ChartKind];

/** Characters of a literal list validation source (Excel's limit). */
export const MAX_LIST_CHARS = 255;

export const cellAddress = (row: number, col: number) => `${columnLetter(col)}${row}`;
export const rectAddress = (row: number, col: number, rows: number, cols: number) =>
  `${cellAddress(row, col)}:${cellAddress(row + Math.max(rows, 1) - 1, col + Math.max(cols, 1) - 1)}`;

/**
 * Estimated size of an operation in the request body: UTF-8 bytes of its JSON (the 5 MB limit
 * of Excel on the web counts bytes: a text of « é » is twice its length), plus a margin for the
 * request's own envelope (object paths, property names).
 */
export function opSize(op: SheetOp): number {
  return Math.ceil(utf8Length(JSON.stringify(op)) * 1.1) + 120;
}

/**
 * Rows of one rectangle of cells (a block or a table with its header), with the number format of
 * every cell, set before the values so that text stays text: a name like `=HYPERLINK(…)` is
 * stored as text, never as a formula.
 */
function cellRect(row: number, col: number, rows: SpecValue[][], formatOf: (ri: number, ci: number, v: SpecValue) => string, width: number): SheetOp[] {
  const ops: SheetOp[] = [];
  const values: (string | number | boolean)[][] = [];
  const formats: string[][] = [];
  rows.forEach((r, ri) => {
    const vs: (string | number | boolean)[] = [];
    const fs: string[] = [];
    for (let ci = 0; ci < width; ci++) {
      const v = r[ci] ?? null;
      vs.push(toOfficeValue(v));
      // every text as text, whatever its column's format: Excel parses "=…", "+…", "-1" in other cells
      fs.push(typeof v === 'string' ? '@' : formatOf(ri, ci, v));
      if (v && typeof v === 'object' && 'formula' in v) ops.push({ kind: 'formula', row: row + ri, col: col + ci, formula: `=${v.formula}` });
      if (v && typeof v === 'object' && 'target' in v) ops.push({ kind: 'link', row: row + ri, col: col + ci, text: v.text, target: v.target });
    }
    values.push(vs);
    formats.push(fs);
  });
  return [{ kind: 'cells', row, col, values, formats }, ...ops];
}

const blockFormat = (f: string | undefined, v: SpecValue) => (f ? f : typeof v === 'string' ? '@' : 'General');

function tableOps(t: TableSpec): SheetOp[] {
  const startCol = t.startCol ?? 1;
  const width = t.columns.length;
  const rows = t.rows.length ? t.rows : [t.columns.map(() => null)];
  const first = t.headerRow + 1;
  const last = t.headerRow + rows.length;
  const ops: SheetOp[] = cellRect(
    t.headerRow,
    startCol,
    [t.columns.map((c) => c.header), ...rows],
    // headers may be a partner's column title (« + commentaire », « -1 »): text, never parsed
    (ri, ci) => (ri === 0 ? '@' : NUM_FMT[t.columns[ci].type]),
    width,
  );
  ops.push({ kind: 'table', address: rectAddress(t.headerRow, startCol, rows.length + 1, width), name: t.name });
  t.columns.forEach((c, i) => {
    const col = startCol + i;
    const range = `${cellAddress(first, col)}:${cellAddress(Math.max(last, first), col)}`;
    if (c.width) ops.push({ kind: 'width', col, width: c.width });
    // a literal list holds at most 255 characters (Excel refuses the whole request beyond), and a
    // comma inside a value would split it: such a list (codes of a user's Référentiel) is left out
    if (c.list && (c.list.join(',').length > MAX_LIST_CHARS || c.list.some((x) => x.includes(','))))
      ops.push({
        kind: 'note',
        text: `La colonne « ${c.header} » du tableau ${t.name} est écrite sans liste déroulante : ses ${c.list.length} valeurs (${c.list.join(', ').slice(0, 60)}…) dépassent la limite d'Excel pour une liste de validation (255 caractères, sans virgule dans une valeur). Raccourcissez ces codes dans le Référentiel pour retrouver la liste.`,
      });
    else if (c.list) ops.push({ kind: 'validation', address: range, source: c.list.join(','), title: 'Valeur non prévue', message: `Choisissez une valeur de la liste (${c.header}).` });
    else if (c.listRange) ops.push({ kind: 'validation', address: range, source: `=${c.listRange}`, title: 'Code inconnu', message: `Choisissez un code de la liste (${c.header}).` });
  });
  for (const h of t.highlights ?? []) {
    if (h.level === 'info') continue;
    ops.push({ kind: 'fill', address: rectAddress(first + h.row, startCol, 1, width), color: `#${HIGHLIGHT_FILL[h.level]}` });
  }
  for (const i of t.subtotalRows ?? []) ops.push({ kind: 'font', address: rectAddress(first + i, startCol, 1, width), bold: true });
  // outline: one group per run of rows at or below each level, outer levels first
  const levels = t.outline ?? [];
  const maxLevel = Math.max(0, ...levels);
  for (let lvl = 1; lvl <= maxLevel; lvl++) {
    let start = -1;
    for (let i = 0; i <= levels.length; i++) {
      const inside = i < levels.length && levels[i] >= lvl;
      if (inside && start < 0) start = i;
      if (!inside && start >= 0) {
        ops.push({ kind: 'outline', rows: `${first + start}:${first + i - 1}` });
        start = -1;
      }
    }
  }
  if (t.flagColumn) {
    const idx = t.columns.findIndex((c) => c.key === t.flagColumn);
    if (idx >= 0) {
      const L = columnLetter(startCol + idx);
      ops.push({ kind: 'flag', address: `${L}${first}:${L}${last}`, formula: `=LEN(${L}${first})>0`, fill: `#${HIGHLIGHT_FILL.alerte}`, font: `#${FLAG_FONT}` });
    }
  }
  return ops;
}

/**
 * A native chart over the sheet's own cells (the same ranges as the exceljs adapter writes in its
 * chart parts): created from the first series' values, then each series given its values,
 * categories and name, so that the bars follow edits of the figures.
 */
function chartOp(c: ChartSpec): SheetOp {
  const [first] = c.series;
  const single = /^([A-Z]+)\d+:\1\d+$/.test(first?.values ?? '');
  return {
    kind: 'chart',
    type: OFFICE_CHART_TYPE[c.kind],
    title: c.title,
    source: first?.values ?? c.categories,
    seriesBy: single ? 'Columns' : 'Rows',
    categories: c.categories,
    series: c.series.map((s) => ({ name: s.name, values: s.values })),
    valueFormat: c.valueFormat,
    from: cellAddress(c.from.row, c.from.col),
    to: cellAddress(c.to.row - 1, c.to.col - 1),
  };
}

/** Every operation that draws one SheetSpec on an empty worksheet, in the order to apply them. */
export function sheetOps(spec: SheetSpec): SheetOp[] {
  const ops: SheetOp[] = [];
  if (spec.tabColor) ops.push({ kind: 'tabColor', color: `#${spec.tabColor.slice(-6)}` });
  for (const b of spec.blocks) {
    const width = Math.max(0, ...b.cells.map((r) => r.length));
    if (width === 0) continue;
    const col = b.startCol ?? 1;
    ops.push(...cellRect(b.startRow, col, b.cells, (_ri, ci, v) => blockFormat(b.formats?.[ci] && NUM_FMT[b.formats[ci]!], v), width));
    const style = b.style;
    if (style === 'title' || style === 'subtitle' || style === 'label')
      ops.push({ kind: 'font', address: rectAddress(b.startRow, col, b.cells.length, width), bold: true, size: style === 'title' ? 14 : style === 'subtitle' ? 12 : undefined });
    if (style === 'keyfigures')
      for (let ci = 0; ci < width; ci += 2) ops.push({ kind: 'font', address: rectAddress(b.startRow, col + ci, b.cells.length, 1), bold: true });
    // wrap, alignment and row heights, as the exceljs writer draws them (COPIL print layout)
    for (let ci = 0; ci < width; ci++) {
      const horizontal = b.align?.[ci];
      if (b.wrap || horizontal) ops.push({ kind: 'align', address: rectAddress(b.startRow, col + ci, b.cells.length, 1), ...(b.wrap ? { wrap: true } : {}), ...(horizontal ? { horizontal } : {}) });
    }
    b.rowHeights?.forEach((height, ri) => ops.push({ kind: 'rowHeight', row: b.startRow + ri, height }));
  }
  for (const t of spec.tables) ops.push(...tableOps(t));
  spec.columnWidths?.forEach((width, i) => {
    if (width) ops.push({ kind: 'width', col: i + 1, width });
  });
  if (spec.outlineCollapsed && spec.tables.some((t) => t.outline?.some((l) => l > 0))) ops.push({ kind: 'outlineLevels', rows: 1 });
  for (const c of spec.charts ?? []) ops.push(chartOp(c));
  if (spec.freeze && (spec.freeze.row > 0 || spec.freeze.col > 0)) ops.push({ kind: 'freeze', row: spec.freeze.row, col: spec.freeze.col });
  if (spec.print) ops.push({ kind: 'print', setup: spec.print });
  return ops;
}

/**
 * Splits big `cells` operations into row slices and packs operations, in order, into batches
 * whose estimated size stays under `budget`: one batch is one `context.sync()`.
 */
export function packBatches(ops: SheetOp[], budget: number): SheetOp[][] {
  const batches: SheetOp[][] = [];
  let current: SheetOp[] = [];
  let size = 0;
  const push = (op: SheetOp, s: number) => {
    if (current.length && size + s > budget) {
      batches.push(current);
      current = [];
      size = 0;
    }
    current.push(op);
    size += s;
  };
  for (const op of ops) {
    if (op.kind !== 'cells') {
      push(op, opSize(op));
      continue;
    }
    // slice by rows, measuring each row once
    let start = 0;
    let sliceSize = 200;
    for (let i = 0; i < op.values.length; i++) {
      const rowSize = Math.ceil((utf8Length(JSON.stringify(op.values[i])) + utf8Length(JSON.stringify(op.formats[i]))) * 1.1) + 4;
      if (i > start && (size + sliceSize + rowSize > budget)) {
        push({ kind: 'cells', row: op.row + start, col: op.col, values: op.values.slice(start, i), formats: op.formats.slice(start, i) }, sliceSize);
        start = i;
        sliceSize = 200;
        if (size > 0 && size + rowSize > budget) {
          batches.push(current);
          current = [];
          size = 0;
        }
      }
      sliceSize += rowSize;
    }
    push({ kind: 'cells', row: op.row + start, col: op.col, values: op.values.slice(start), formats: op.formats.slice(start) }, sliceSize);
  }
  if (current.length) batches.push(current);
  return batches;
}
