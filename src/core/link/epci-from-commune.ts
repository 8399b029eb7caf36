import { epciKey } from '../checks/check-territories';
import type { Structure } from '../model/domain';
import { normaliseText } from '../parse/normalise-text';

/**
 * A structure whose list gives no EPCI (a CAF list of agreed equipments has a commune column, not
 * an intercommunality one) takes the EPCI that another structure of the same commune is given:
 * a commune belongs to one EPCI. A commune given two EPCI lends none. Without this, its
 * territory would be reported as having no structure at all.
 */
export function epciFromCommunes(structures: Structure[]): void {
  const byCommune = new Map<string, string | null>();
  for (const s of structures) {
    if (!s.commune || !s.epci) continue;
    const c = normaliseText(s.commune);
    const had = byCommune.get(c);
    byCommune.set(c, had === undefined || (had !== null && epciKey(had) === epciKey(s.epci)) ? had ?? s.epci : null);
  }
  for (const s of structures) {
    if (s.epci || !s.commune) continue;
    const e = byCommune.get(normaliseText(s.commune));
    if (e) s.epci = e;
  }
}
