import type { CellValue, Grid } from '../model/grid';
import { cellText } from '../parse/cell-text';
import { normaliseText } from '../parse/normalise-text';
import type { Field } from './fields';
import type { ColumnChoice } from './map-columns';
import type { RawRecord } from './read-sheet';

/** Columns whose values are codes of the reference: recognised by code, synonym, a label beside them or a legend. */
export const CODED_FIELDS = ['dispositif', 'plan', 'conventionType', 'kind'] as const;
export type CodedField = (typeof CODED_FIELDS)[number];
/** A bare "Code" column may hold structure codes or codes of a dispositif: its labels tell which. */
export type LabelledField = CodedField | 'structureCode';
const LABELLED: LabelledField[] = [...CODED_FIELDS, 'structureCode'];

const SHORT_CODE = /^[A-Za-z0-9][A-Za-z0-9_.\- ]{0,9}$/;

/** Columns that may hold the label of a code: text columns the mapping does not need. */
const LABEL_FIELDS: Field[] = ['object', 'politique', 'observations'];

/**
 * A legend: rows whose first two filled cells are a short code and a longer label ("FP" →
 * "Subvention sur fonds propres", "3" → "Axe 3 — …"). Undefined when most rows are not that.
 */
export function readLegend(rows: CellValue[][], from: number): [string, string][] | undefined {
  const pairs: [string, string][] = [];
  let other = 0;
  for (let i = from; i < rows.length && i < from + 500; i++) {
    const cells = (rows[i] ?? []).map((v) => cellText(v ?? null).trim()).filter(Boolean);
    if (cells.length === 0) continue;
    const [code, label] = cells;
    if (cells.length >= 2 && cells.length <= 3 && SHORT_CODE.test(code) && label.length > code.length && /\p{L}{3}/u.test(label)) pairs.push([code, label]);
    else other++;
  }
  return pairs.length >= 2 && pairs.length >= 2 * other ? pairs : undefined;
}

/**
 * For each coded column, the label that the same rows write beside each code: a column whose
 * text is the same on every row of that code (and longer than it), nearest to the coded column.
 * "FP" with « Subvention sur fonds propres » in the next column is then read as that label.
 */
export function sameRowLabels(grid: Grid, records: RawRecord[], columns: ColumnChoice[], originRow: number): Partial<Record<LabelledField, Record<string, string>>> | undefined {
  const mapped = new Map(columns.map((c) => [c.col, c.field]));
  const width = grid.rows.reduce((w, r) => Math.max(w, r?.length ?? 0), 0);
  const candidates = [...Array(width).keys()].filter((c) => !mapped.has(c) || LABEL_FIELDS.includes(mapped.get(c)!));
  let out: Partial<Record<LabelledField, Record<string, string>>> | undefined;
  for (const field of LABELLED) {
    const coded = columns.find((c) => c.field === field);
    if (!coded) continue;
    const rowsByValue = new Map<string, number[]>();
    for (const r of records) {
      const v = cellText(r.cells[field]?.value ?? null).trim();
      if (!v || !SHORT_CODE.test(v)) continue;
      const list = rowsByValue.get(v) ?? [];
      list.push(r.row - originRow);
      rowsByValue.set(v, list);
    }
    if (rowsByValue.size === 0) continue;
    // the label column is one column for the whole field: the same label on every row of a code,
    // a different label for each code (a comment or a commune column is not that)
    const byDistance = [...candidates].filter((c) => c !== coded.col).sort((x, y) => Math.abs(x - coded.col) - Math.abs(y - coded.col) || x - y);
    for (const c of byDistance) {
      const labels: Record<string, string> = {};
      // a code written again as its own label (« AJIR » beside « AJIR ») agrees with the column
      // without teaching anything
      let agreeing = 0;
      for (const [value, rows] of rowsByValue) {
        const texts = new Set(rows.map((i) => cellText(grid.rows[i]?.[c] ?? null).trim()));
        const [label] = texts;
        if (texts.size !== 1 || !label) continue;
        if (normaliseText(label) === normaliseText(value)) {
          agreeing++;
          continue;
        }
        if (label.length <= value.length || !/\p{L}{3}/u.test(label)) continue;
        labels[value] = label;
      }
      const n = Object.keys(labels).length;
      const distinct = new Set(Object.values(labels)).size;
      if (n >= 1 && n + agreeing >= 0.8 * rowsByValue.size && distinct === n && (rowsByValue.size > 1 || [...rowsByValue.values()][0].length > 1)) {
        (out ??= {})[field] = labels;
        break;
      }
    }
  }
  return out;
}
