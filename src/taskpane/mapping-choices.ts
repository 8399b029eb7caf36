import type { ColumnChoice } from '../core/import/map-columns';
import type { UnknownValue } from '../core/import/map-values';
import type { CodedField } from '../core/import/value-labels';
import { valueOptions, type ValueOption } from '../core/import/value-options';
import type { Reference } from '../core/model/domain';
import type { SheetReading } from '../core/import/read-sheet';
import type { Finding } from '../core/model/finding';

/** One column of a sheet's header row as the Correspondances step shows it: mapped or not. */
export interface ColumnRow {
  header: string;
  /** The field the core uses for it; undefined = not read (not recognised, or ignored by the user). */
  choice?: ColumnChoice;
  /** The user's saved mapping says to ignore it. */
  ignored: boolean;
}

/**
 * Every non-empty label of the header row, in column order, once each (a saved choice is per
 * label), with the field the core chose for it: any column can then be assigned by hand.
 */
export function columnRows(r: SheetReading): ColumnRow[] {
  const byCol = new Map(r.columns.map((c) => [c.col, c]));
  const labels = r.headerLabels ?? [];
  const rows: ColumnRow[] = [];
  const seen = new Set<string>();
  const ignored = new Set(r.ignoredHeaders ?? []);
  labels.forEach((label, col) => {
    const choice = byCol.get(col);
    const header = choice?.header ?? label;
    if (!header.trim() || seen.has(header)) return;
    seen.add(header);
    rows.push({ header, choice, ignored: !choice && ignored.has(header) });
  });
  // columns the core mapped outside the labels (none today): still shown
  for (const c of r.columns)
    if (!seen.has(c.header)) {
      seen.add(c.header);
      rows.push({ header: c.header, choice: c, ignored: false });
    }
  return rows;
}

/** An ambiguous name to confirm: the name and commune as written, and the candidate structures. */
export interface AmbiguousChoice {
  name: string;
  commune?: string;
  message: string;
  candidates: { code: string; label: string }[];
}

/** « Structure ambiguë » findings, one per name and commune, each candidate "Nom (Commune) [CODE]" split into code and label. */
export function ambiguousChoices(findings: Finding[]): AmbiguousChoice[] {
  const out = new Map<string, AmbiguousChoice>();
  for (const f of findings) {
    if (f.code !== 'STRUCTURE_AMBIGUE' || !f.structureName) continue;
    const key = `${f.structureName}|${f.commune ?? ''}`;
    if (out.has(key)) continue;
    const candidates = (f.candidates ?? []).flatMap((c) => {
      const m = /^(.*)\s\[([^\]]+)\]$/.exec(c);
      return m ? [{ code: m[2], label: m[1] }] : [];
    });
    out.set(key, { name: f.structureName, commune: f.commune, message: f.message, candidates });
  }
  return [...out.values()];
}

/** A coded value nothing recognised, to answer once for its partner: how many lines and how much it holds, and the codes it may be. */
export interface ValueChoice {
  field: CodedField;
  partner: string;
  value: string;
  count: number;
  amount: number;
  options: ValueOption[];
}

/** One choice per field, partner and value the import could not explain (the core gathers them so), largest amount first. */
export function valueChoices(unknown: UnknownValue[], ref: Reference): ValueChoice[] {
  return [...unknown]
    .sort((a, b) => b.amount - a.amount || a.partner.localeCompare(b.partner) || a.value.localeCompare(b.value))
    .map((u) => ({ field: u.field, partner: u.partner, value: u.value, count: u.count, amount: Math.round(u.amount * 100) / 100, options: valueOptions(u.field, u.partner, ref) }));
}
