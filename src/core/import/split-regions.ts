import type { CellValue, Grid } from '../model/grid';
import { cellText } from '../parse/cell-text';
import { columnLetter } from './column-letter';
import { detectHeader } from './detect-header';
import { AMOUNT_FIELDS, type Field } from './fields';
import { mapColumns } from './map-columns';

const IDENTITY: Field[] = ['structureName', 'siret', 'structureCode'];
const filled = (v: CellValue | undefined) => v !== null && v !== undefined && cellText(v) !== '';

/**
 * The tables of a sheet laid side by side (« Exercice 2019 » over the left one, « Exercice 2020 »
 * over the right one, an empty column between them): one grid each, so that each is read with its
 * own header, its own label above it and its own rows — a total in the left table never makes a
 * line of the right one look like a total. A sheet of one table (even with an empty spacer column
 * inside it) is given back whole: each part must be a table of its own, with money and a structure,
 * or the same columns as the others.
 */
export function splitRegions(grid: Grid): Grid[] {
  if (grid.rows.length < 2) return [grid];
  const header = detectHeader(grid);
  if (!header) return [grid];
  const width = Math.max(header.labels.length, ...grid.rows.slice(header.index, header.index + 200).map((r) => r.length));
  const empty = (c: number) => !header.labels[c] && grid.rows.slice(header.index, header.index + 500).every((r) => !filled(r[c]));
  const runs: [number, number][] = [];
  let start = -1;
  for (let c = 0; c <= width; c++) {
    const gap = c === width || empty(c);
    if (!gap && start < 0) start = c;
    if (gap && start >= 0) {
      runs.push([start, c - 1]);
      start = -1;
    }
  }
  if (runs.length < 2) return [grid];
  const fieldsOf = runs.map(([a, b]) => mapColumns(header.labels.slice(a, b + 1)).map((c) => c.field));
  const tables = fieldsOf.every((f) => f.length >= 3 && f.some((x) => AMOUNT_FIELDS.includes(x)));
  const sameColumns = fieldsOf.every((f) => f.slice().sort().join() === fieldsOf[0].slice().sort().join());
  const identities = fieldsOf.every((f) => f.some((x) => IDENTITY.includes(x)));
  if (!tables || !(sameColumns || identities)) return [grid];
  const originRow = grid.originRow ?? 1;
  const originCol = grid.originCol ?? 1;
  return runs.map(([a, b]) => {
    const left = a + originCol;
    const right = b + originCol;
    const merges = (grid.merges ?? [])
      .filter((m) => m.right >= left && m.left <= right)
      .map((m) => ({ ...m, left: Math.max(m.left, left), right: Math.min(m.right, right) }));
    // a block label merged over both tables, or written just left of this one, is still this one's
    const rows = grid.rows.map((r) => r.slice(a, b + 1));
    return {
      ...grid,
      rows,
      originCol: left,
      merges,
      region: `${columnLetter(left)}${originRow}:${columnLetter(right)}${originRow + grid.rows.length - 1}`,
    };
  });
}
