import type { CellValue } from '../model/grid';
import { tooLongForValue } from './value-text';

/**
 * A SIRET or SIREN as read from a cell: its digits, or why it cannot be used. `checksum`: 9 or 14
 * digits whose check digit is wrong (a mistyped digit): neither used to link nor published.
 */
export type SiretParsed =
  | { ok: true; value: string }
  | { ok: false; empty: boolean; raw: string; reason?: 'checksum' };

/** Luhn sum (the check of SIREN and SIRET numbers, INSEE): every second digit from the right doubled. */
export function luhnOk(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * La Poste (SIREN 356 000 000, itself Luhn-valid) numbers its many establishments beyond what a Luhn
 * key allows: INSEE's rule is that their SIRET's digit sum is a multiple of 5. The head office
 * (356 000 000 00048) keeps an ordinary Luhn key.
 */
const LA_POSTE_SIREN = '356000000';

/** True when a SIREN (9 digits) or SIRET (14 digits) has a right check digit. */
export function siretKeyOk(digits: string): boolean {
  if (digits.length === 14 && digits.startsWith(LA_POSTE_SIREN) && digits !== LA_POSTE_SIREN + '00048')
    return [...digits].reduce((t, c) => t + Number(c), 0) % 5 === 0;
  return luhnOk(digits);
}

/** SIRET: 14 digits, written with spaces or dots, sometimes as a number. SIREN (9 digits) is kept as is. */
export function parseSiret(v: CellValue): SiretParsed {
  if (v === null || v === undefined) return { ok: false, empty: true, raw: '' };
  let s: string;
  if (typeof v === 'number') s = Number.isInteger(v) ? v.toFixed(0) : String(v);
  else if (typeof v === 'string') s = v;
  else return { ok: false, empty: false, raw: String(v) };
  if (tooLongForValue(s.trim())) return { ok: false, empty: false, raw: s };
  const digits0 = s.replace(/[\s.\-\u00a0\u202f\u2009]/g, '');
  if (digits0 === '') return { ok: false, empty: true, raw: '' };
  // a SIRET stored as a number loses its leading zero
  const digits = /^\d{13}$/.test(digits0) && typeof v === 'number' ? '0' + digits0 : digits0;
  if (!/^\d{14}$/.test(digits) && !/^\d{9}$/.test(digits)) return { ok: false, empty: false, raw: s };
  if (!siretKeyOk(digits)) return { ok: false, empty: false, raw: s, reason: 'checksum' };
  return { ok: true, value: digits };
}
