import type { CellValue, Grid } from '../model/grid';
import { cellText } from '../parse/cell-text';
import { normaliseText } from '../parse/normalise-text';
import { parseAmount } from '../parse/parse-amount';
import { columnLetter } from './column-letter';
import { AMOUNT_FIELDS, type Field } from './fields';
import type { ColumnChoice } from './map-columns';
import { scoreLabel } from './map-columns';

/**
 * What is stated once in a sheet and governs the rows below it, as a technician reads it: a cell
 * merged over a group's rows, a value written on the first line of its group and left blank below,
 * « Équipement : Centre social X » above a form-like table, « en milliers d'euros » in a title.
 */

const filled = (v: CellValue | undefined) => v !== null && v !== undefined && cellText(v) !== '';

/**
 * The rows with every vertical merge below the header spread over its area, in the columns that
 * do not hold money: a name or a year merged over its group's lines belongs to each of them, an
 * amount merged over several lines was voted once. The grid itself is left as it is.
 */
export function spreadVerticalMerges(grid: Grid, firstDataIndex: number, amountCols: Set<number>): CellValue[][] {
  const merges = (grid.merges ?? []).filter((m) => m.bottom > m.top);
  if (!merges.length) return grid.rows;
  const originRow = grid.originRow ?? 1;
  const originCol = grid.originCol ?? 1;
  let rows = grid.rows;
  const copied = new Set<number>();
  for (const m of merges) {
    const top = m.top - originRow;
    if (top < firstDataIndex) continue;
    for (let c = m.left - originCol; c <= m.right - originCol; c++) {
      if (c < 0 || amountCols.has(c)) continue;
      const master = grid.rows[top]?.[m.left - originCol];
      if (!filled(master)) continue;
      for (let r = top + 1; r <= m.bottom - originRow && r < grid.rows.length; r++) {
        // a row left blank under the merge is no line: the merge only made a cell taller
        const own = grid.rows[r] ?? [];
        if (!own.some((v, k) => (k < m.left - originCol || k > m.right - originCol) && filled(v))) continue;
        if (rows === grid.rows) rows = [...grid.rows];
        if (!copied.has(r)) {
          rows[r] = [...(rows[r] ?? [])];
          copied.add(r);
        }
        if (!filled(rows[r][c])) rows[r][c] = master ?? null;
      }
    }
  }
  return rows;
}

/** Fields whose value a partner may write once for a group of lines (a structure, a year, a dispositif). */
const GROUPED: Field[] = ['structureName', 'structureCode', 'siret', 'commune', 'year', 'dispositif', 'politique', 'partner', 'departement'];

/**
 * The columns written once per group: on the lines that carry money, some cells blank, every blank
 * below a filled cell, and the filled values nearly all different (each group's head). A single cell
 * forgotten among filled ones is not such a column: that line stays incomplete and is said.
 */
export function groupedColumns(rows: CellValue[][], dataIdx: number[], columns: ColumnChoice[]): ColumnChoice[] {
  const money = columns.filter((c) => AMOUNT_FIELDS.includes(c.field)).map((c) => c.col);
  if (!money.length) return [];
  const lines = dataIdx.filter((i) => money.some((c) => filled(rows[i]?.[c])));
  if (lines.length < 3) return [];
  return columns.filter((c) => {
    if (!GROUPED.includes(c.field)) return false;
    let blanks = 0;
    const values: string[] = [];
    for (const i of lines) {
      const v = rows[i]?.[c.col];
      if (filled(v)) values.push(normaliseText(cellText(v!)));
      else if (values.length === 0) return false; // a blank before any value follows nothing
      else blanks++;
    }
    return blanks >= 2 && blanks >= lines.length * 0.2 && values.length >= 2 && new Set(values).size >= values.length * 0.8;
  });
}

/** A label « Équipement : », « SIRET », « Commune : » that names a field a form's value fills. */
const FORM_FIELDS: Field[] = ['structureName', 'siret', 'structureCode', 'commune', 'year', 'partner', 'dispositif'];
const FORM_MIN_SCORE = 0.75;

function formField(label: string): Field | undefined {
  const l = label.replace(/[:：]\s*$/, '').trim();
  if (!l || l.length > 60) return undefined;
  let best: { f: Field; s: number } | undefined;
  for (const f of FORM_FIELDS) {
    const s = scoreLabel(l, f);
    if (s >= FORM_MIN_SCORE && (!best || s > best.s)) best = { f, s };
  }
  return best?.f;
}

/** A cell that is a label of a form: ends with a colon, or is exactly a field's usual name. */
function isLabel(text: string): boolean {
  const t = text.trim();
  if (/[:：]\s*$/.test(t)) return true;
  return FORM_FIELDS.some((f) => scoreLabel(t, f) >= 0.95);
}

/**
 * Key–value pairs above a table (« Équipement : Centre social X » in one cell, or the label in one
 * cell and its value in the next): the structure, year or partner every line of a one-sheet-per-
 * structure workbook belongs to.
 */
export function formContext(grid: Grid, headerIndex: number): Partial<Record<Field, { value: CellValue; col: string; row: number }>> {
  const out: Partial<Record<Field, { value: CellValue; col: string; row: number }>> = {};
  const originRow = grid.originRow ?? 1;
  const originCol = grid.originCol ?? 1;
  for (let i = 0; i < Math.min(headerIndex, 40); i++) {
    const row = grid.rows[i] ?? [];
    for (let c = 0; c < Math.min(row.length, 20); c++) {
      const v = row[c];
      if (typeof v !== 'string') continue;
      const inline = /^([^:：]{2,60})[:：]\s*(.+)$/.exec(v.trim());
      if (inline) {
        const f = formField(inline[1]);
        if (f && !out[f]) out[f] = { value: inline[2].trim(), col: columnLetter(c + originCol), row: i + originRow };
        continue;
      }
      const f = formField(v);
      if (!f || out[f]) continue;
      // the value beside its label: the next filled cell of the row
      let n = c + 1;
      while (n < row.length && !filled(row[n])) n++;
      // the value is not itself a label (« SIRET » beside « Commune »): a name that holds a field's word
      // (« ASSO. LES AMANDIERS ») is a value
      if (n < row.length && n - c <= 3 && !isLabel(cellText(row[n]!))) {
        out[f] = { value: row[n]!, col: columnLetter(n + originCol), row: i + originRow };
        c = n;
      }
    }
  }
  return out;
}

/** « en milliers d'euros », « K€ », « kEUR », « (k) »: amounts to multiply by a thousand. */
const THOUSANDS = /\b(k ?€|k ?eur(os)?|keur|milliers? d ?euros?|en milliers|k\s?euros)\b|\(\s*k\s*\)|\bk€/i;

export function thousandsIn(text: string): boolean {
  if (!text) return false;
  return THOUSANDS.test(text) || /\bmilliers d euros\b|\ben milliers\b|\bk euros?\b|\bkeur\b/.test(normaliseText(text));
}

/**
 * The scale of each amount column: 1 000 when its header says K€ or milliers, or when the title
 * above the table does and no amount header says € alone. A column whose values already run in
 * the hundreds of thousands is not in thousands whatever a title says.
 */
export function amountScales(columns: ColumnChoice[], title: string, rows: CellValue[][], dataIdx: number[]): Map<number, number> {
  const out = new Map<number, number>();
  const titleSays = thousandsIn(title);
  for (const c of columns) {
    if (!AMOUNT_FIELDS.includes(c.field)) continue;
    const headerSays = thousandsIn(c.header);
    const euroOnly = /€|euros?/i.test(c.header) && !headerSays;
    if (!headerSays && !(titleSays && !euroOnly)) continue;
    // evidence from the values: amounts in thousands are small (31,3 for 31 300 €)
    const values = dataIdx
      .map((i) => rows[i]?.[c.col])
      .filter(filled)
      .map((v) => parseAmount(v!))
      .filter((p) => p.ok)
      .map((p) => Math.abs((p as { value: number }).value));
    const big = values.filter((v) => v >= 100_000).length;
    if (!headerSays && big > values.length * 0.2) continue;
    out.set(c.col, 1000);
  }
  return out;
}

/** A page footer or a note between the lines (« Édité le 12/03/2020 — Page 2/5 », « Source : … »). */
export function isNoteText(text: string): boolean {
  const n = normaliseText(text);
  return /\bpage \d+( sur \d+)?\b|^(edite|imprime|genere|extrait|exporte) le\b|^source\b|^note\b|^nb\b|^\* |^\(\*\)/.test(n) || /^\d+\s*\/\s*\d+$/.test(text.trim());
}
