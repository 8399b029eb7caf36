import type { CellValue } from '../model/grid';
import type { Parsed } from './parse-amount';
import { monthOf, parseDate } from './parse-date';
import { tooLongForValue } from './value-text';

export interface Period {
  start: string; // ISO
  end: string; // ISO
}

/**
 * A period written in one cell: "2019-2022", "2019 à 2022", "du 01/01/2019 au 31/12/2022",
 * "01/01/2019 - 31/12/2022", one year "2019", or one month "mars 2019", "03/2019", "2019-03".
 * Years and months are whole.
 */
export function parsePeriod(v: CellValue): Parsed<Period> {
  if (v === null || v === undefined) return { ok: false, empty: true, raw: '' };
  if (typeof v === 'number' && Number.isInteger(v) && v >= 1990 && v <= 2100) return { ok: true, value: { start: `${v}-01-01`, end: `${v}-12-31` } };
  if (typeof v !== 'string') return { ok: false, empty: false, raw: String(v instanceof Date ? v.toISOString() : typeof v === 'object' ? ((v as { error?: string }).error ?? '') : v) };
  if (tooLongForValue(v.trim())) return { ok: false, empty: false, raw: v };
  const s = v.trim().replace(/\s+/g, ' ');
  if (!s) return { ok: false, empty: true, raw: '' };
  const years = /^(?:de |du )?((?:19|20)\d{2})(?: ?[-–/à]| au| a) ?((?:19|20)\d{2})$/i.exec(s);
  if (years && +years[1] <= +years[2]) return { ok: true, value: { start: `${years[1]}-01-01`, end: `${years[2]}-12-31` } };
  if (/^(?:19|20)\d{2}$/.test(s)) return { ok: true, value: { start: `${s}-01-01`, end: `${s}-12-31` } };
  const month = monthPeriod(s);
  if (month) return { ok: true, value: month };
  // ISO 8601 « 2019-01-01/2019-12-31 » (SCDL), and « 2019-01-01_2019-12-31 » as older exports write it
  const iso = /^(\d{4}-\d{2}-\d{2}) ?[/_] ?(\d{4}-\d{2}-\d{2})$/.exec(s);
  if (iso) {
    const a = parseDate(iso[1]);
    const b = parseDate(iso[2]);
    if (a.ok && b.ok && a.value <= b.value) return { ok: true, value: { start: a.value, end: b.value } };
  }
  const dates = /^(?:du )?(\S+) ?(?:au|à|a|-|–) ?(\S+)$/i.exec(s);
  if (dates) {
    const a = parseDate(dates[1]);
    const b = parseDate(dates[2]);
    if (a.ok && b.ok && a.value <= b.value) return { ok: true, value: { start: a.value, end: b.value } };
  }
  return { ok: false, empty: false, raw: s };
}

function monthPeriod(s: string): Period | undefined {
  let m: RegExpExecArray | null;
  let year: number | undefined;
  let month: number | undefined;
  if ((m = /^(\d{1,2})[/.-]((?:19|20)\d{2})$/.exec(s))) [month, year] = [+m[1], +m[2]];
  else if ((m = /^((?:19|20)\d{2})-(\d{1,2})$/.exec(s))) [year, month] = [+m[1], +m[2]];
  else if ((m = /^([a-zéûô]+)\.?[\s-]((?:19|20)\d{2})$/i.exec(s))) [month, year] = [monthOf(m[1]), +m[2]];
  if (year === undefined || !month || month > 12) return undefined;
  const mm = String(month).padStart(2, '0');
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { start: `${year}-${mm}-01`, end: `${year}-${mm}-${last}` };
}

/**
 * The day a start or end cell means: a date, or the first or last day of the period it writes
 * (« Début : 2019 », « Fin : 2022 », « mars 2019 »). For agréments and conventions, and for the
 * year a decision date gives.
 */
export function parseDateBound(v: CellValue, bound: 'start' | 'end'): Parsed<string> {
  const day = parseDate(v);
  if (day.ok || day.empty) return day;
  const period = parsePeriod(v);
  return period.ok ? { ok: true, value: period.value[bound] } : day;
}
