import type { Provenance } from '../model/domain';
import type { Finding, FindingData } from '../model/finding';
import type { SiretParsed } from '../parse/parse-siret';
import { makeFinding } from './messages';

/** The finding for a SIRET/SIREN cell whose check digit is wrong (parse-siret.ts), naming the cell; none otherwise. */
export function siretKeyFindings(p: SiretParsed, data: FindingData, at: Provenance, col: string | undefined): Finding[] {
  if (p.ok || p.reason !== 'checksum') return [];
  const field = p.raw.replace(/\D/g, '').length === 9 ? 'SIREN' : 'SIRET';
  return [makeFinding('SIRET_CLE_INVALIDE', { ...data, field, value: p.raw }, { ...at, ...(col ? { col } : {}) })];
}
