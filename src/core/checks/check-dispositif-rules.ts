import type { Dataset, Reference } from '../model/domain';
import type { Finding } from '../model/finding';
import { makeFinding } from './messages';
import { coversYear } from './year-coverage';

const KIND_LABEL = { CS: 'centre social', EVS: 'espace de vie sociale', FEDERATION: 'fédération' } as const;

/**
 * Each dispositif's own rule: the kinds of structure it is open to (PS AGC is for centres sociaux),
 * and the agrément it needs in the funded year (any day of the year under an agrément of that type).
 */
export function checkDispositifRules(ds: Dataset, ref: Reference): Finding[] {
  const out: Finding[] = [];
  const structures = new Map(ds.structures.map((s) => [s.code, s]));
  const dispositifs = new Map(ref.dispositifs.map((d) => [`${d.partner}|${d.code}`, d]));
  for (const l of ds.fundings) {
    if (l.duplicateOf || !l.structure || !l.dispositif) continue;
    const s = structures.get(l.structure);
    const d = dispositifs.get(`${l.partner}|${l.dispositif}`);
    if (!s || !d) continue;
    const data = { partner: l.partner, structure: s.code, structureName: s.name, siret: s.siret, year: l.year, dispositif: d.code, voted: l.voted };
    if (d.appliesTo !== 'all' && !d.appliesTo.includes(s.kind)) {
      out.push(makeFinding('DISPOSITIF_NON_AUTORISE', { ...data, detail: KIND_LABEL[s.kind] }, l.source));
      continue;
    }
    const req = d.requires;
    if (req?.kind === 'agrement') {
      const periods = s.agrements.filter((a) => a.types.includes(req.type));
      // a list that names the agrément without any date cannot say it was missing that year
      const ok = periods.length ? periods.some((a) => coversYear(a.start, a.end, l.year)) : !!s.agrementTypes?.includes(req.type);
      if (!ok) out.push(makeFinding('AGREMENT_ABSENT_OU_EXPIRE', { ...data, detail: req.type }, l.source));
    }
  }
  return out;
}
