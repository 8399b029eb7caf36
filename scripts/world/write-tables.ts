/** Writes tables (title block, one- or two-row header, spacers, groups, sub-totals, totals) into a sheet. */
import { header, type Style } from './render';
import type { Random } from './random';
import { colLetter, type Cell, type SheetBuilder } from './sheet-builder';

export interface Column {
  field: string; // 'spacer' for an empty column
  header: string;
  /** Two-row header: the label above (merged over consecutive columns of the same group). */
  group?: string;
  amount?: boolean;
  date?: boolean;
}

export interface Row<K> {
  key: K;
  cells: Record<string, Cell>;
  group?: string;
}

export interface TableOptions {
  title: string[];
  mergeTitle: boolean;
  twoRow: boolean;
  subtotals: boolean;
  subtotalWord: string;
  grandTotal: 'none' | 'formula' | 'value';
  totalLabel: string;
  labelField: string; // where total labels go
  blankBetweenGroups: boolean;
}

/** Title lines as partners write them above a table. */
export function titleLines(rnd: Random, main: string, n: number): string[] {
  const extra = [
    `Édité le ${String(rnd.int(1, 28)).padStart(2, '0')}/0${rnd.int(1, 9)}/2021`,
    'Montants en euros',
    'Document de travail – ne pas diffuser',
    'Source : extraction du logiciel de gestion',
    'Animation de la vie sociale – accord-cadre départemental',
    'Direction enfance famille – service vie sociale',
    '',
    '',
  ];
  const pool = rnd.shuffle(extra);
  return [main, ...Array.from({ length: n - 1 }, (_, i) => pool[i % pool.length])];
}

export function drawTableOptions(rnd: Random, style: Style, title: string, labelField: string): TableOptions {
  const n = rnd.weighted([[0, 3], [1, 2], [2, 3], [3, 2], [4, 1], [5, 1], [6, 1], [8, 1]] as const);
  return {
    title: n ? titleLines(rnd, title, n) : [],
    mergeTitle: rnd.chance(0.6),
    twoRow: rnd.chance(0.3),
    subtotals: rnd.chance(0.35),
    subtotalWord: rnd.pick(['Sous-total', 'Total', 'S/Total', 'Sous total', 'SOUS-TOTAL']),
    grandTotal: rnd.weighted([['none', 3], ['formula', 4], ['value', 2]] as const),
    totalLabel: rnd.pick(['TOTAL', 'Total général', 'Ensemble', 'TOTAL GENERAL', 'Total']),
    labelField,
    blankBetweenGroups: rnd.chance(0.4),
  };
}

/** Inserts 0–2 empty spacer columns at random places (never first). */
export function withSpacers(rnd: Random, cols: Column[]): Column[] {
  const out = [...cols];
  if (!rnd.chance(0.3)) return out;
  for (let k = rnd.int(1, 2); k > 0; k--) out.splice(rnd.int(1, out.length - 1), 0, { field: 'spacer', header: '' });
  return out;
}

/** Writes the header (one or two rows) and returns the number of header rows. */
export function writeHeader(sb: SheetBuilder, cols: Column[], twoRow: boolean, firstCol = 1): void {
  if (!twoRow || !cols.some((c) => c.group)) {
    sb.add([...Array(firstCol - 1).fill(null), ...cols.map((c) => c.header || null)]);
    return;
  }
  const top = sb.next;
  sb.add([...Array(firstCol - 1).fill(null), ...cols.map((c) => (c.group ? c.group : c.header || null))]);
  sb.add([...Array(firstCol - 1).fill(null), ...cols.map((c) => (c.group ? c.header : null))]);
  // group labels merged across their columns; other headers merged over the two rows
  for (let i = 0; i < cols.length; i++) {
    const c = cols[i];
    if (c.group) {
      let j = i;
      while (j + 1 < cols.length && cols[j + 1].group === c.group) j++;
      sb.merge(top, firstCol + i, top, firstCol + j);
      for (let k = i + 1; k <= j; k++) sb.sheet.rows[top - 1][firstCol - 1 + k] = null;
      i = j;
    } else if (c.header) sb.merge(top, firstCol + i, top + 1, firstCol + i);
  }
}

/** Writes a title block. */
export function writeTitle(sb: SheetBuilder, lines: string[], width: number, merge: boolean, firstCol = 1): void {
  lines.forEach((t, i) => {
    const r = sb.add([...Array(firstCol - 1).fill(null), t || null]);
    if (i === 0 && merge && t) sb.merge(r, firstCol, r, firstCol + Math.max(1, width) - 1);
  });
}

const num = (c: Cell): number | null => (typeof c === 'number' ? c : c && typeof c === 'object' && 'result' in c ? (c.result ?? null) : null);
const round = (v: number) => Math.round(v * 100) / 100;

/**
 * Writes data rows (grouped, with sub-totals and a grand total when asked) and returns the row
 * number of every key. Totals use SUM formulas only over columns whose cells are all numbers.
 */
export function writeRows<K>(sb: SheetBuilder, rnd: Random, cols: Column[], rows: Row<K>[], o: TableOptions, firstCol = 1): Map<K, number> {
  const at = new Map<K, number>();
  const amountCols = cols.map((c, i) => ({ c, i })).filter((x) => x.c.amount);
  const labelIdx = Math.max(0, cols.findIndex((c) => c.field === o.labelField));
  const groups: Row<K>[][] = [];
  for (const r of rows) {
    const g = groups[groups.length - 1];
    if (o.subtotals && g && g[0].group === r.group) g.push(r);
    else if (!o.subtotals && g) g.push(r);
    else groups.push([r]);
  }
  const subtotalRows: number[] = [];
  const dataRows: number[] = [];
  const allNumeric = (i: number, rs: Row<K>[]) => rs.every((r) => r.cells[cols[i].field] === null || r.cells[cols[i].field] === undefined || num(r.cells[cols[i].field]) !== null);
  const line = (label: string, values: (i: number) => Cell) => {
    const cells: Cell[] = [...Array(firstCol - 1).fill(null), ...cols.map(() => null)];
    cells[firstCol - 1 + labelIdx] = label;
    for (const { i } of amountCols) cells[firstCol - 1 + i] = values(i);
    return sb.add(cells);
  };
  const sumOf = (i: number, rs: Row<K>[]) => round(rs.reduce((a, r) => a + (num(r.cells[cols[i].field] ?? null) ?? 0), 0));
  const textSum = (i: number, rs: Row<K>[]) => {
    // a typed total: the sum of what the lines say, text amounts included
    let s = 0;
    for (const r of rs) {
      const c = r.cells[cols[i].field];
      const n = num(c ?? null);
      if (n !== null) s += n;
      else if (typeof c === 'string') {
        const t = c.replace(/[\s\u00a0\u202f€]/g, '');
        const v = t.includes(',') ? Number(t.replace(/\./g, '').replace(',', '.')) : /^-?\d{1,3}(\.\d{3})+$/.test(t) ? Number(t.replace(/\./g, '')) : Number(t);
        if (Number.isFinite(v)) s += v;
      }
    }
    return round(s);
  };
  groups.forEach((g, gi) => {
    const first = sb.next;
    for (const r of g) {
      const row = sb.add([...Array(firstCol - 1).fill(null), ...cols.map((c) => (c.field === 'spacer' ? null : (r.cells[c.field] ?? null)))]);
      at.set(r.key, row);
      dataRows.push(row);
    }
    const lastRow = sb.next - 1;
    if (o.subtotals) {
      const r = line(`${o.subtotalWord} ${g[0].group ?? ''}`.trim(), (i) => {
        const L = colLetter(firstCol + i);
        return allNumeric(i, g) ? { formula: `SUM(${L}${first}:${L}${lastRow})`, result: sumOf(i, g) } : textSum(i, g);
      });
      subtotalRows.push(r);
      if (o.blankBetweenGroups && gi < groups.length - 1) sb.add([]);
    }
  });
  if (o.grandTotal !== 'none' && rows.length) {
    if (rnd.chance(0.3)) sb.add([]);
    const firstData = dataRows[0];
    const lastData = dataRows[dataRows.length - 1];
    line(o.totalLabel, (i) => {
      const L = colLetter(firstCol + i);
      if (o.grandTotal === 'value' || !allNumeric(i, rows)) return textSum(i, rows);
      const result = sumOf(i, rows);
      if (!o.subtotals) return { formula: `SUM(${L}${firstData}:${L}${lastData})`, result };
      return rnd.chance(0.5) ? { formula: `SUBTOTAL(9,${L}${firstData}:${L}${lastData})`, result } : { formula: subtotalRows.map((r) => `${L}${r}`).join('+'), result };
    });
  }
  return at;
}

export { header };
