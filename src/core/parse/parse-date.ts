import { isCellError, type CellValue } from '../model/grid';
import type { Parsed } from './parse-amount';
import { tooLongForValue } from './value-text';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function iso(y: number, m: number, d: number): string | undefined {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return undefined;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > last) return undefined;
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** A year of 2 or 4 digits: "19" is 2019, "85" 1985. */
const fullYear = (y: string) => (y.length === 2 ? +y + (+y < 70 ? 2000 : 1900) : +y);

/** A whole number that reads as a year of this domain rather than as a day serial (1900–2100). */
const isYear = (n: number) => Number.isInteger(n) && n >= 1900 && n <= 2100;

const MONTHS = ['janv', 'fevr', 'mars', 'avr', 'mai', 'juin', 'juil', 'aout', 'sept', 'oct', 'nov', 'dec'];

/** A French month name or its abbreviation ("février", "fév", "déc") → 1–12. */
export function monthOf(word: string): number | undefined {
  const w = word.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  if (w === 'juin' || w === 'juillet' || w === 'juil') return w === 'juin' ? 6 : 7;
  if (w.length < 3) return undefined;
  const i = MONTHS.findIndex((m) => (w.length >= m.length ? w.startsWith(m) : m.startsWith(w) && w !== 'ju'));
  return i >= 0 ? i + 1 : undefined;
}

/** Excel serial (1900 system, with its fictitious 29/02/1900) to ISO date. */
export function serialToIso(serial: number): string | undefined {
  if (!Number.isFinite(serial) || serial < 1 || serial > 120000) return undefined;
  const ms = Math.round((serial - 25569) * 86400000);
  const d = new Date(ms);
  return iso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Dates as serials, JS dates, "01/09/2018", "1-9-18", "2018-09-01", "01.09.2018". */
export function parseDate(v: CellValue): Parsed<string> {
  if (v === null || v === undefined) return { ok: false, empty: true, raw: '' };
  if (isCellError(v)) return { ok: false, empty: false, raw: v.error };
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return { ok: false, empty: false, raw: 'date invalide' };
    // exceljs gives dates at UTC midnight; keep the UTC calendar day.
    const r = iso(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate());
    return r ? { ok: true, value: r } : { ok: false, empty: false, raw: v.toISOString() };
  }
  if (typeof v === 'number') {
    // 2019 in a date column is a year, not the serial of 11 July 1905
    if (isYear(v)) return { ok: false, empty: false, raw: String(v) };
    const r = serialToIso(v);
    return r ? { ok: true, value: r } : { ok: false, empty: false, raw: String(v) };
  }
  if (typeof v !== 'string') return { ok: false, empty: false, raw: String(v) };
  const s = v.trim();
  if (!s) return { ok: false, empty: true, raw: '' };
  if (tooLongForValue(s)) return { ok: false, empty: false, raw: v };
  // « 2018-09-01 », and « 2017/09/08 » (year first, as some exports write it)
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$/.exec(s);
  if (m) {
    const r = iso(+m[1], +m[2], +m[3]);
    if (r) return { ok: true, value: r };
  }
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(s);
  if (m) {
    const r = iso(fullYear(m[3]), +m[2], +m[1]);
    if (r) return { ok: true, value: r };
  }
  // "12 mars 2019", "1er janvier 2015", "31 déc. 2018", "lundi 4 février 2019", "12-mars-19"
  m = /^(?:[a-zé]+\.?\s+)?(\d{1,2})(?:er)?(?:\s+|-)([a-zéûô]+)\.?(?:\s+|-)(\d{4}|\d{2})$/i.exec(s);
  if (m) {
    const month = monthOf(m[2]);
    const r = month ? iso(fullYear(m[3]), month, +m[1]) : undefined;
    if (r) return { ok: true, value: r };
  }
  if (/^\d{4}$/.test(s) && isYear(+s)) return { ok: false, empty: false, raw: s };
  if (/^\d+(\.\d+)?$/.test(s)) {
    const r = serialToIso(Number(s));
    if (r) return { ok: true, value: r };
  }
  return { ok: false, empty: false, raw: s };
}

