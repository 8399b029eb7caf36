import type { Dataset, Reference } from '../model/domain';
import type { Finding } from '../model/finding';
import { normaliseText } from '../parse/normalise-text';
import { makeFinding } from './messages';

/**
 * An EPCI's name as compared: "Communauté de communes du Bassin d'Aubenas", "CC Bassin
 * d'Aubenas" and "CC du Bassin d’Aubenas" are one territory.
 */
export function epciKey(name: string): string {
  return normaliseText(name)
    .replace(/\bcommunaute de communes\b|\bcom com\b|\bcdc\b/g, 'cc')
    .replace(/\bcommunaute d agglomeration\b|\bagglomeration\b/g, 'ca agglo')
    .split(' ')
    .filter((t) => t && !['du', 'de', 'des', 'd', 'la', 'le', 'l', 'les', 'et', 'agglo'].includes(t))
    .join(' ');
}

/** EPCI of the département (reference list) where no structure is located. */
export function territoriesWithoutStructure(ds: Dataset, ref: Reference): string[] {
  const served = new Set(ds.structures.filter((s) => s.kind !== 'FEDERATION' && s.epci).map((s) => epciKey(s.epci!)));
  return ref.epci.filter((e) => !served.has(epciKey(e)));
}

/**
 * A structure whose EPCI no list gives may be on any of these territories: each finding then says
 * so and names them, rather than asserting that the territory has no structure.
 */
export function checkTerritories(ds: Dataset, ref: Reference): Finding[] {
  const unplaced = ds.structures.filter((s) => s.kind !== 'FEDERATION' && !s.epci);
  const names = unplaced.slice(0, 3).map((s) => `${s.name}${s.commune ? ` (${s.commune})` : ''}`);
  const detail = unplaced.length
    ? `${unplaced.length} structure${unplaced.length > 1 ? 's' : ''} sans EPCI connu : ${names.join(', ')}${unplaced.length > 3 ? ` et ${unplaced.length - 3} autre(s)` : ''}`
    : undefined;
  return territoriesWithoutStructure(ds, ref).map((epci) => makeFinding('TERRITOIRE_NON_POURVU', { epci, ...(detail ? { detail } : {}) }));
}
