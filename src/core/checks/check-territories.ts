import type { Dataset, Reference } from '../model/domain';
import type { Finding } from '../model/finding';
import { normaliseText } from '../parse/normalise-text';
import { makeFinding } from './messages';

/** EPCI of the département (reference list) where no structure is located. */
export function territoriesWithoutStructure(ds: Dataset, ref: Reference): string[] {
  const served = new Set(ds.structures.filter((s) => s.kind !== 'FEDERATION' && s.epci).map((s) => normaliseText(s.epci!)));
  return ref.epci.filter((e) => !served.has(normaliseText(e)));
}

export function checkTerritories(ds: Dataset, ref: Reference): Finding[] {
  return territoriesWithoutStructure(ds, ref).map((epci) => makeFinding('TERRITOIRE_NON_POURVU', { epci }));
}
