import { isCellError, type CellValue } from '../model/grid';
import type { Parsed } from './parse-amount';
import { parseDate } from './parse-date';
import { tooLongForValue } from './value-text';

export const MIN_YEAR = 1990;
export const MAX_YEAR = 2100;

/** A budget year: 2018, "2018", "Exercice 2018", "2018.0", or the year of a date. */
export function parseYear(v: CellValue): Parsed<number> {
  if (v === null || v === undefined) return { ok: false, empty: true, raw: '' };
  if (isCellError(v)) return { ok: false, empty: false, raw: v.error };
  if (typeof v === 'number' && Number.isInteger(v) && v >= MIN_YEAR && v <= MAX_YEAR) return { ok: true, value: v };
  if (typeof v === 'string') {
    const s = v.trim();
    if (!s) return { ok: false, empty: true, raw: '' };
    if (tooLongForValue(s)) return { ok: false, empty: false, raw: v };
    const m = /^(?:[a-zé ]*\s)?((?:19|20|21)\d{2})(?:\.0+)?$/i.exec(s);
    if (m) {
      const y = Number(m[1]);
      if (y >= MIN_YEAR && y <= MAX_YEAR) return { ok: true, value: y };
    }
  }
  // "2019 (DM1)", "CP du 12/03/2019": one year written among other words
  if (typeof v === 'string') {
    const y = yearInText(v);
    if (y !== undefined) return { ok: true, value: y };
  }
  const d = parseDate(v);
  if (d.ok) {
    const y = Number(d.value.slice(0, 4));
    if (y >= MIN_YEAR && y <= MAX_YEAR) return { ok: true, value: y };
  }
  return { ok: false, empty: false, raw: String(typeof v === 'object' ? (v instanceof Date ? v.toISOString() : '') : v) };
}

/** The year written in a sheet name or a title ("exercice 2018", "CP 2019"), if exactly one. */
export function yearInText(text: string): number | undefined {
  const found = new Set<number>();
  for (const m of text.matchAll(/(?<![0-9])((?:19|20|21)\d{2})(?![0-9])/g)) {
    const y = Number(m[1]);
    if (y >= MIN_YEAR && y <= MAX_YEAR) found.add(y);
  }
  return found.size === 1 ? [...found][0] : undefined;
}
