import type { CellValue, Grid } from '../model/grid';
import { isCellError } from '../model/grid';
import type { ColumnSpec, SheetSpec, SpecValue } from '../model/sheet-spec';
import { cellText } from '../parse/cell-text';
import { LEVEL } from './programming-sheet';

/** The header row of a generated programming sheet in a grid (the row holding Niveau, Code and a typed column). */
export function findProgrammingHeader(grid: Grid, userHeaders: string[]): number {
  for (let i = 0; i < Math.min(grid.rows.length, 20); i++) {
    const texts = (grid.rows[i] ?? []).map((v) => cellText(v));
    if (texts.includes('Niveau') && texts.includes('Code') && userHeaders.some((h) => texts.includes(h)))
      return i;
  }
  return -1;
}

function toSpecValue(v: CellValue): SpecValue {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : { date: v.toISOString().slice(0, 10) };
  if (isCellError(v)) return v.error;
  return v;
}

const isEmpty = (v: SpecValue) => v === null || v === '';

export interface MergeResult {
  spec: SheetSpec;
  /** Typed cells carried over into the new sheet. */
  kept: number;
  /** Rows of the previous sheet kept only for their notes (action gone from the plan). */
  removedRows: number;
}

/**
 * Fills a programming sheet again without losing anyone's notes: the computed columns come from
 * the new spec; every typed cell of the previous sheet (user columns, and any column a user added
 * to the table) is carried over, matched by Niveau + Code; rows whose action disappeared are kept
 * at the end, marked, never deleted.
 */
export function mergeTypedCells(spec: SheetSpec, previous: Grid): MergeResult {
  const table = spec.tables[0];
  const userCols = table.columns.filter((c) => c.userInput);
  const h = findProgrammingHeader(
    previous,
    userCols.map((c) => c.header),
  );
  if (h < 0) return { spec, kept: 0, removedRows: 0 };
  const header = (previous.rows[h] ?? []).map((v) => cellText(v));
  const known = new Set(table.columns.map((c) => c.header));
  // columns users added to the table: kept as typed columns, after ours
  const extra: ColumnSpec[] = header
    .map((t, i) => ({ t, i }))
    .filter(({ t }) => t && !known.has(t))
    .map(({ t }, k) => ({ key: `user_${k + 1}`, header: t, type: 'text', width: 20, userInput: true }));
  const typed = [...userCols, ...extra];
  const at = (row: CellValue[], headerText: string) => {
    const i = header.indexOf(headerText);
    return i >= 0 ? toSpecValue(row[i] ?? null) : null;
  };
  const keyOf = (level: unknown, code: unknown) =>
    `${cellText((level ?? null) as CellValue)}|${cellText((code ?? null) as CellValue)}`;

  const notes = new Map<string, { row: CellValue[]; values: SpecValue[] }>();
  for (const row of previous.rows.slice(h + 1)) {
    if (!row || row.every((v) => v === null || v === '')) continue;
    const level = cellText(at(row, 'Niveau') as CellValue);
    // a row kept earlier for its notes finds its action again if the action comes back
    const k = keyOf(level === LEVEL.removed ? LEVEL.action : level, at(row, 'Code'));
    notes.set(k, { row, values: typed.map((c) => at(row, c.header)) });
  }

  const colIndex = new Map(table.columns.map((c, i) => [c.key, i]));
  const rows = table.rows.map((r) => [...r, ...extra.map(() => null as SpecValue)]);
  const columns = [...table.columns, ...extra];
  const seen = new Set<string>();
  let kept = 0;
  const place = (r: SpecValue[], values: SpecValue[]) =>
    typed.forEach((c, j) => {
      if (isEmpty(values[j])) return;
      r[columns.indexOf(c)] = values[j];
      kept++;
    });
  for (const r of rows) {
    const k = keyOf(r[colIndex.get('level')!], r[colIndex.get('code')!]);
    seen.add(k);
    const n = notes.get(k);
    if (n) place(r, n.values);
  }
  let removedRows = 0;
  const outline = [...(table.outline ?? [])];
  const highlights = [...(table.highlights ?? [])];
  for (const [k, n] of notes) {
    if (seen.has(k)) continue;
    const level = k.split('|')[0];
    const hasNotes = n.values.some((v) => !isEmpty(v));
    if (!hasNotes && level !== LEVEL.action && level !== LEVEL.removed) continue; // generated rows with nothing typed
    const r: SpecValue[] = columns.map(() => null);
    r[colIndex.get('level')!] = LEVEL.removed;
    r[colIndex.get('code')!] = at(n.row, 'Code');
    r[colIndex.get('label')!] = at(n.row, 'Libellé');
    r[colIndex.get('flags')!] =
      "Ligne conservée pour ses notes : cette action n'est plus dans la programmation";
    place(r, n.values);
    highlights.push({ row: rows.length, level: 'alerte' });
    rows.push(r);
    outline.push(0);
    removedRows++;
  }
  return {
    spec: { ...spec, tables: [{ ...table, columns, rows, outline, highlights }, ...spec.tables.slice(1)] },
    kept,
    removedRows,
  };
}
