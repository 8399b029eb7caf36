import type { CellValue } from '../model/grid';
import type { Parsed } from './parse-amount';

/** SIRET: 14 digits, written with spaces or dots, sometimes as a number. SIREN (9 digits) is kept as is. */
export function parseSiret(v: CellValue): Parsed<string> {
  if (v === null || v === undefined) return { ok: false, empty: true, raw: '' };
  let s: string;
  if (typeof v === 'number') s = Number.isInteger(v) ? v.toFixed(0) : String(v);
  else if (typeof v === 'string') s = v;
  else return { ok: false, empty: false, raw: String(v) };
  const digits = s.replace(/[\s.\-\u00a0]/g, '');
  if (digits === '') return { ok: false, empty: true, raw: '' };
  if (/^\d{14}$/.test(digits) || /^\d{9}$/.test(digits)) return { ok: true, value: digits };
  // a SIRET stored as a number loses its leading zero
  if (/^\d{13}$/.test(digits) && typeof v === 'number') return { ok: true, value: '0' + digits };
  return { ok: false, empty: false, raw: s };
}
