import type { Grid } from '../model/grid';
import { cellText } from '../parse/cell-text';
import { parseAmount } from '../parse/parse-amount';
import { mapColumns, scoreLabel, type ColumnChoice } from './map-columns';

export interface HeaderGuess {
  /** 0-based index in grid.rows of the first header row */
  index: number;
  /** 1 or 2 rows of header */
  height: number;
  labels: string[];
  columns: ColumnChoice[];
  score: number;
}

const SCAN_ROWS = 40;

/** Values of merged ranges copied into every cell they cover (titles and grouped headers). */
function rowLabels(grid: Grid, index: number, width: number): string[] {
  const row = grid.rows[index] ?? [];
  const labels: string[] = [];
  for (let c = 0; c < width; c++) labels.push(cellText(row[c] ?? null));
  const r1 = index + (grid.originRow ?? 1);
  const c0 = grid.originCol ?? 1;
  for (const m of grid.merges ?? []) {
    if (r1 < m.top || r1 > m.bottom) continue;
    const master = cellText(grid.rows[m.top - (grid.originRow ?? 1)]?.[m.left - c0] ?? null);
    for (let c = m.left; c <= m.right; c++)
      if (c - c0 >= 0 && c - c0 < width && !labels[c - c0]) labels[c - c0] = master;
  }
  return labels;
}

/** How many different years the labels name (column groups per year). */
function distinctYears(labels: string[]): number {
  return new Set(labels.map((l) => /(?:^|\D)((?:19|20)\d{2})(?!\d)/.exec(l)?.[1]).filter(Boolean)).size;
}

const AMOUNT = new Set(['voted', 'paid', 'requested']);
/** A label that names money (« Montant voté (€) »): 2 000 under it is an amount, never a year. */
const namesMoney = (label: string) => !!label && (['voted', 'paid', 'requested'] as const).some((f) => scoreLabel(label, f) >= 0.8);
/** "Financement" over "Montant décidé": only the second row says which column holds the money. */
function addsAmount(two: ColumnChoice[], one: ColumnChoice[]): boolean {
  // the first row is a header on its own (not a note above one), and keeps its fields but one
  const kept = one.filter((c) => two.some((d) => d.col === c.col && d.field === c.field)).length;
  return (
    one.length >= 3 &&
    kept >= one.length - 1 &&
    two.length >= one.length &&
    two.some((c) => AMOUNT.has(c.field)) &&
    !one.some((c) => AMOUNT.has(c.field))
  );
}

/**
 * A row whose every written cell is a column label (at least one) or repeats the label above it
 * (a cell merged over both rows): sub-labels, not data.
 */
function subLabelsOnly(
  below: string[],
  labels: string[],
  overrides?: Record<string, string | null>,
): boolean {
  const own = below.map((l, c) => (l && l !== labels[c] ? l : ''));
  const written = own.filter(Boolean).length;
  return written > 0 && mapColumns(own, overrides).length === written;
}

function score(columns: ColumnChoice[]): number {
  return columns.reduce((s, c) => s + c.confidence, 0);
}

/** Columns the user's mapping ignores (null) are named columns too: ignoring one never changes the header found. */
function ignoredCount(labels: string[], overrides?: Record<string, string | null>): number {
  return overrides ? labels.filter((l) => l && overrides[l] === null).length : 0;
}

/**
 * Finds the header: the row (or pair of rows, for headers spread over two rows) whose cells name
 * the most canonical fields, below any title rows.
 */
export function detectHeader(grid: Grid, overrides?: Record<string, string | null>): HeaderGuess | undefined {
  const width = grid.rows.slice(0, SCAN_ROWS + 2).reduce((w, r) => Math.max(w, r.length), 0);
  let best: HeaderGuess | undefined;
  const limit = Math.min(grid.rows.length, SCAN_ROWS);
  for (let i = 0; i < limit; i++) {
    const labels = rowLabels(grid, i, width);
    const textCells = labels.filter((l) => l && !/^[-+]?\d+([.,]\d+)?$/.test(l)).length;
    if (textCells < 2) continue;
    const cols = mapColumns(labels, overrides);
    const ignored = ignoredCount(labels, overrides);
    const single: HeaderGuess = { index: i, height: 1, labels, columns: cols, score: score(cols) + ignored };
    // one label repeated by a merge over the row is a title, not a header
    const filled = labels.filter(Boolean);
    const oneLabel = new Set(filled).size < 2;
    if (!oneLabel && cols.length >= 2 && (!best || single.score > best.score + 1e-9)) best = single;
    if (i + 1 < grid.rows.length) {
      const below = rowLabels(grid, i + 1, width);
      // a group label over part of the columns heads a two-row header; one spanning them all is a title
      // a sub-label row holds words (or the years of column groups), never a data row's codes or amounts
      // (a year-like number under a label that already names its year, "2019 - Attribué" over 2050, is an amount)
      const dataLike = (grid.rows[i + 1] ?? []).some(
        (v, c) =>
          (typeof v === 'number' &&
            (!(Number.isInteger(v) && v >= 1990 && v <= 2100) || distinctYears([labels[c] ?? '']) > 0 || namesMoney(labels[c] ?? ''))) ||
          (typeof v === 'string' &&
            /^[-+]?\d+([.,]\d+)?$/.test(v.trim()) &&
            (!/^(19|20)\d{2}$/.test(v.trim()) || distinctYears([labels[c] ?? '']) > 0)) ||
          // an amount written as text, « 2 100,00 € »: money, never a sub-label
          (typeof v === 'string' &&
            /\d[\s\u00a0\u202f.]\d{3}([,.]\d{1,2})?\s*€?\s*$|\d\s*€\s*$/.test(v.trim()) &&
            parseAmount(v).ok),
      );
      if (!dataLike && below.some((l) => l) && !(oneLabel && filled.length >= below.filter(Boolean).length)) {
        // a cell merged over both rows repeats its label: keep it once
        const combined = labels.map((l, c) =>
          below[c] && below[c] !== l ? [l, below[c]].filter(Boolean).join(' ') : l,
        );
        // ranked on the combined labels alone; each column then takes the better of its combined
        // label and its sub-label ("Financement" over "Versements" is the paid amount)
        const ranked = score(mapColumns(combined, overrides));
        const cc = mapColumns(combined, overrides, below);
        const ignored2 = ignoredCount(combined, overrides);
        const two: HeaderGuess = {
          index: i,
          height: 2,
          labels: combined,
          columns: cc,
          score: ranked + ignored2,
        };
        // A second header row must add fields, not just dilute the first row's labels.
        // …or the years of column groups written above repeated amount labels ("2017 | 2018" over "Attribué | Attribué")
        const yearGroups =
          distinctYears(combined) >= 2 &&
          distinctYears(below) < 2 &&
          cc.length + ignored2 >= cols.length + ignored;
        if (yearGroups && (!best || best === single || two.score > best.score + 1e-9))
          best = { ...two, score: Math.max(two.score, single.score) + 0.5 * (distinctYears(combined) - 1) };
        else if (
          addsAmount(cc, cols) &&
          score(cc) + ignored2 >= single.score &&
          (!best || best === single || score(cc) + ignored2 > best.score + 1e-9)
        )
          // a little above the row alone, so that the same labels one row lower do not win on a tie
          best = { ...two, score: score(cc) + ignored2 + 0.01 };
        else if (
          cc.length + ignored2 > cols.length + ignored &&
          two.score > single.score &&
          (!best || two.score > best.score + 1e-9)
        )
          best = two;
        // the sub-labels of cells merged over both rows (« Montants (€) » over « Subvention votée »,
        // the other labels merged downwards): every word of the second row names a field, so it is
        // no data row even when it adds no field
        else if (
          best === single &&
          subLabelsOnly(below, labels, overrides) &&
          cc.length + ignored2 >= cols.length + ignored &&
          score(cc) + ignored2 >= single.score - 1e-9
        )
          best = { ...two, score: Math.max(two.score, single.score) + 0.005 };
      }
    }
  }
  return best;
}

/**
 * The header the user chose (its Excel row, and a second row below it when `height` is 2): read as
 * given, whatever detection would have found.
 */
export function headerAt(grid: Grid, excelRow: number, overrides?: Record<string, string | null>, height: 1 | 2 = 1): HeaderGuess | undefined {
  const index = excelRow - (grid.originRow ?? 1);
  if (index < 0 || index >= grid.rows.length) return undefined;
  const width = grid.rows.slice(index, index + 40).reduce((w, r) => Math.max(w, r.length), 0);
  const first = rowLabels(grid, index, width);
  const below = height === 2 ? rowLabels(grid, index + 1, width) : undefined;
  const labels = below ? first.map((l, c) => (below[c] && below[c] !== l ? [l, below[c]].filter(Boolean).join(' ') : l)) : first;
  const columns = mapColumns(labels, overrides, below);
  return { index, height, labels, columns, score: score(columns) };
}
