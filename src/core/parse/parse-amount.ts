import { isCellError, type CellValue } from '../model/grid';
import { tooLongForValue } from './value-text';

export type Parsed<T> = { ok: true; value: T } | { ok: false; empty: boolean; raw: string };

const EMPTY = { ok: false as const, empty: true, raw: '' };

/** No grant reaches a thousand billion euros: beyond it (1e308…) a value is an export error, and summing it would overflow the totals. */
export const MAX_AMOUNT = 1e12;

/**
 * Reads an amount in euros as partners write it: numbers, "12 500,00 €", "12.500,5", "1 200",
 * "5.000" (a thousands dot: five thousand euros), "(1 200)" for negatives, "31,3 k€" (thousands).
 * Rounded to cents.
 */
export function parseAmount(v: CellValue): Parsed<number> {
  if (v === null || v === undefined) return EMPTY;
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || Math.abs(v) >= MAX_AMOUNT) return { ok: false, empty: false, raw: String(v) };
    return { ok: true, value: roundCents(v) };
  }
  if (isCellError(v)) return { ok: false, empty: false, raw: v.error };
  if (typeof v !== 'string') return { ok: false, empty: false, raw: String(v) };
  const raw = v;
  let s = v.trim();
  // a dash (hyphen, en or em dash, minus sign) or « néant » in an amount cell: nothing given
  if (s === '' || /^(?:[-–—−]|n[ée]ant)$/i.test(s)) return s === '' ? EMPTY : { ok: true, value: 0 };
  if (tooLongForValue(s)) return { ok: false, empty: false, raw };
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1);
  }
  s = s.replace(/[\u00a0\u202f\u2009\u2007\u200a]/g, ' ');
  // « 31,3 k€ », « 1,2 M€ »: the unit written with the amount multiplies it (never a bare « k »: a code)
  let scale = 1;
  const unit = /\s*([kKmM])\s*(?:€|eur(?:os?)?)\s*$/i.exec(s);
  if (unit) {
    scale = /k/i.test(unit[1]) ? 1000 : 1_000_000;
    s = s.slice(0, unit.index);
  }
  s = s.replace(/€|eur(os?)?/gi, '').trim();
  if (/^[-−–]/.test(s)) {
    negative = !negative;
    s = s.replace(/^[-−–]\s*/, '');
  }
  if (!/^[0-9][0-9 .,']*$/.test(s)) return { ok: false, empty: false, raw };
  s = s.replace(/[ ']/g, '');
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  let normalised: string;
  if (lastComma >= 0 && lastDot >= 0) {
    // both: the last one is the decimal separator
    normalised = lastComma > lastDot ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  } else if (lastComma >= 0) {
    const parts = s.split(',');
    normalised = parts.length === 2 ? parts[0] + '.' + parts[1] : parts.join('');
    if (parts.length === 2 && parts[1].length === 3 && parts[0].length <= 3 && /^\d{3}$/.test(parts[1])) {
      // "1,200" is ambiguous; French files write decimals with a comma, so keep it decimal.
      normalised = parts[0] + '.' + parts[1];
    }
  } else if (lastDot >= 0) {
    const parts = s.split('.');
    // "5.000" and "12.500" are thousands dots; "12.5" or "12.50" are decimals.
    if (parts.length > 2 || (parts.length === 2 && parts[1].length === 3)) normalised = parts.join('');
    else normalised = s;
  } else normalised = s;
  const n = Number(normalised) * scale;
  if (!Number.isFinite(n) || n >= MAX_AMOUNT) return { ok: false, empty: false, raw };
  return { ok: true, value: roundCents(negative ? -n : n) };
}

export function roundCents(n: number): number {
  const r = Math.round(n * 100) / 100;
  return Object.is(r, -0) ? 0 : r;
}
