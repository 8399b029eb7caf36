import type { CellValue } from '../model/grid';
import type { Parsed } from './parse-amount';
import { normaliseText } from './normalise-text';

const TRUE = new Set(['oui', 'o', 'x', 'vrai', 'true', 'yes', 'y', '1']);
const FALSE = new Set(['non', 'n', 'faux', 'false', 'no', '0']);

export function parseBool(v: CellValue): Parsed<boolean> {
  if (v === null || v === undefined) return { ok: false, empty: true, raw: '' };
  if (typeof v === 'boolean') return { ok: true, value: v };
  if (typeof v === 'number') return v === 1 || v === 0 ? { ok: true, value: v === 1 } : { ok: false, empty: false, raw: String(v) };
  if (typeof v !== 'string') return { ok: false, empty: false, raw: String(v) };
  const n = normaliseText(v);
  if (n === '') return { ok: false, empty: true, raw: '' };
  if (TRUE.has(n)) return { ok: true, value: true };
  if (FALSE.has(n)) return { ok: true, value: false };
  return { ok: false, empty: false, raw: v };
}
