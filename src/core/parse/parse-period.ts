import type { CellValue } from '../model/grid';
import type { Parsed } from './parse-amount';
import { parseDate } from './parse-date';

export interface Period {
  start: string; // ISO
  end: string; // ISO
}

/**
 * A period written in one cell: "2019-2022", "2019 à 2022", "du 01/01/2019 au 31/12/2022",
 * "01/01/2019 - 31/12/2022", or one year "2019". Years are whole years.
 */
export function parsePeriod(v: CellValue): Parsed<Period> {
  if (v === null || v === undefined) return { ok: false, empty: true, raw: '' };
  if (typeof v === 'number' && Number.isInteger(v) && v >= 1990 && v <= 2100) return { ok: true, value: { start: `${v}-01-01`, end: `${v}-12-31` } };
  if (typeof v !== 'string') return { ok: false, empty: false, raw: String(v instanceof Date ? v.toISOString() : typeof v === 'object' ? ((v as { error?: string }).error ?? '') : v) };
  const s = v.trim().replace(/\s+/g, ' ');
  if (!s) return { ok: false, empty: true, raw: '' };
  const years = /^(?:de |du )?((?:19|20)\d{2})(?: ?[-–/à]| au| a) ?((?:19|20)\d{2})$/i.exec(s);
  if (years && +years[1] <= +years[2]) return { ok: true, value: { start: `${years[1]}-01-01`, end: `${years[2]}-12-31` } };
  if (/^(?:19|20)\d{2}$/.test(s)) return { ok: true, value: { start: `${s}-01-01`, end: `${s}-12-31` } };
  const dates = /^(?:du )?(\S+) ?(?:au|à|a|-|–) ?(\S+)$/i.exec(s);
  if (dates) {
    const a = parseDate(dates[1]);
    const b = parseDate(dates[2]);
    if (a.ok && b.ok && a.value <= b.value) return { ok: true, value: { start: a.value, end: b.value } };
  }
  return { ok: false, empty: false, raw: s };
}
