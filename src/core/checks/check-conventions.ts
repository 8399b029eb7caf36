import type { Dataset, Reference } from '../model/domain';
import type { Finding } from '../model/finding';
import { roundCents } from '../parse/parse-amount';
import { makeFinding } from './messages';
import { coversYear } from './year-coverage';

/**
 * A structure is missing a convention for (partner, year) when it receives a dispositif of that
 * partner that requires a convention of a given type and none of that type covers the year
 * (reason `dispositif`), or more than the legal threshold in all from that partner with no
 * convention of that partner covering any day of the year (reason `seuil_23000`).
 */
export function checkConventions(ds: Dataset, ref: Reference): Finding[] {
  const out: Finding[] = [];
  const dispositifs = new Map(ref.dispositifs.map((d) => [`${d.partner}|${d.code}`, d]));
  const structures = new Map(ds.structures.map((s) => [s.code, s]));
  const convByKey = new Map<string, typeof ds.conventions>();
  for (const c of ds.conventions) {
    if (!c.structure) continue;
    const k = `${c.partner}|${c.structure}`;
    convByKey.set(k, [...(convByKey.get(k) ?? []), c]);
  }
  const groups = new Map<string, typeof ds.fundings>();
  for (const l of ds.fundings) {
    if (l.duplicateOf || !l.structure) continue;
    const k = `${l.partner}|${l.structure}|${l.year}`;
    const g = groups.get(k);
    if (g) g.push(l);
    else groups.set(k, [l]);
  }
  for (const lines of groups.values()) {
    const { partner, structure, year } = lines[0];
    const s = structures.get(structure!)!;
    const convs = (convByKey.get(`${partner}|${structure}`) ?? []).filter((c) => coversYear(c.start, c.end, year));
    const data = { partner, structure: s.code, structureName: s.name, siret: s.siret, year };
    const flaggedTypes = new Set<string>();
    for (const l of lines) {
      const req = l.dispositif ? dispositifs.get(`${partner}|${l.dispositif}`)?.requires : undefined;
      if (req?.kind !== 'convention' || flaggedTypes.has(req.type)) continue;
      if (convs.some((c) => c.type === req.type)) continue;
      flaggedTypes.add(req.type);
      const label = ref.conventionTypes.find((t) => t.partner === partner && t.code === req.type)?.label.toLowerCase();
      const amount = roundCents(lines.filter((x) => x.dispositif === l.dispositif).reduce((a, x) => a + (x.voted ?? 0), 0));
      out.push(makeFinding('CONVENTION_MANQUANTE', { ...data, dispositif: l.dispositif, amount, reason: 'dispositif', detail: label }, l.source));
    }
    const total = roundCents(lines.reduce((a, l) => a + (l.voted ?? 0), 0));
    if (total > ref.conventionThreshold && convs.length === 0) {
      const biggest = lines.reduce((a, b) => ((b.voted ?? 0) > (a.voted ?? 0) ? b : a));
      out.push(makeFinding('CONVENTION_MANQUANTE', { ...data, amount: total, reason: 'seuil_23000', threshold: ref.conventionThreshold }, biggest.source));
    }
  }
  return out;
}
