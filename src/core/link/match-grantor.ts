import type { Partner } from '../model/domain';
import type { CellValue } from '../model/grid';
import { normaliseText } from '../parse/normalise-text';
import { luhnOk, siretKeyOk } from '../parse/parse-siret';

/**
 * An identifier (SIRET or SIREN) as a spreadsheet left it. `damaged`: written in scientific
 * notation, with a trailing « .0 », a stored number that lost digits, a wrong length or a wrong key —
 * never used as if valid; its SIREN (first nine digits) is used when that part still checks.
 */
export interface ReadIdentifier {
  raw: string;
  /** 14 digits with a right key. */
  siret?: string;
  /** 9 digits with a right key: the SIRET's first nine, or a SIREN written alone. */
  siren?: string;
  damaged: boolean;
}

export function readIdentifier(v: CellValue): ReadIdentifier {
  if (v === null || v === undefined || typeof v === 'boolean' || v instanceof Date || typeof v === 'object') return { raw: '', damaged: false };
  const raw = typeof v === 'number' ? String(v) : v.trim();
  if (!raw) return { raw, damaged: false };
  // a number beyond 2^53, or written « 2,24600015005E+13 »: its last digits are gone
  if (/e\+?\d+$/i.test(raw) || (typeof v === 'number' && (!Number.isInteger(v) || v > Number.MAX_SAFE_INTEGER))) return { raw, damaged: true };
  const trailingZero = /^\d+[.,]0+$/.test(raw);
  const digits = raw.replace(/[.,]0+$/, '').replace(/[\s.\-\u00a0\u202f]/g, '');
  if (!/^\d+$/.test(digits)) return { raw, damaged: false };
  const sirenOf = (d: string) => (d.length >= 9 && luhnOk(d.slice(0, 9)) ? d.slice(0, 9) : undefined);
  if (digits.length === 14 && siretKeyOk(digits)) return { raw, siret: digits, siren: digits.slice(0, 9), damaged: trailingZero };
  if (digits.length === 9 && luhnOk(digits)) return { raw, siren: digits, damaged: trailingZero };
  // 13 digits (one lost, or a leading zero dropped by a number cell), 10–15 digits, a wrong key
  const padded = digits.length === 13 && typeof v === 'number' ? '0' + digits : digits;
  if (padded.length === 14 && siretKeyOk(padded)) return { raw, siret: padded, siren: padded.slice(0, 9), damaged: true };
  return { raw, siren: sirenOf(padded), damaged: true };
}

/**
 * The partner a grantor designates: by identifier first (same SIREN), else by its whole name —
 * the partner's name, code or one of its aliases, never a word inside the grantor's name (every
 * Département is « département … », only one of them is this agreement's partner). A grantor whose
 * identifier is sound and differs from the partner's is not that partner, whatever its name.
 */
export function grantorPartner(name: string, id: ReadIdentifier, partners: Partner[]): Partner | undefined {
  if (id.siren) {
    const bySiren = partners.find((p) => p.siret && p.siret.replace(/\D/g, '').slice(0, 9) === id.siren);
    if (bySiren) return bySiren;
  }
  const n = normaliseText(name);
  if (!n) return undefined;
  return partners.find((p) => {
    const own = p.siret?.replace(/\D/g, '').slice(0, 9);
    if (own && id.siren && own !== id.siren) return false;
    return [p.name, p.code, ...p.aliases].some((a) => a && normaliseText(a) === n);
  });
}
