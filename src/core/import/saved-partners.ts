import type { Partner, Reference } from '../model/domain';

/**
 * A grantor the mapping file lists (`"partners": [{ "name", "siret", "code" }]`): with a code, it is
 * that partner for the run — the code of a partner of the référentiel lends it the grantor's SIRET
 * and name, a new code adds a partner (an authority joining under Article 10). `code: null` is a
 * proposal the user has not answered yet.
 */
export interface SavedPartner {
  name: string;
  siret?: string;
  code: string | null;
}

export function withSavedPartners(ref: Reference, saved: SavedPartner[] | undefined): Reference {
  const given = (saved ?? []).filter((p) => typeof p.code === 'string' && p.code.trim());
  if (!given.length) return ref;
  const partners: Partner[] = ref.partners.map((p) => ({ ...p, aliases: [...p.aliases] }));
  for (const g of given) {
    const code = g.code!.trim();
    const known = partners.find((p) => p.code.toLowerCase() === code.toLowerCase());
    if (known) {
      if (g.name && !known.aliases.includes(g.name)) known.aliases.push(g.name);
      if (g.siret && !known.siret) known.siret = g.siret;
    } else
      partners.push({ code, name: g.name || code, type: 'collectivité', active: true, aliases: g.name ? [g.name] : [], ...(g.siret ? { siret: g.siret } : {}) });
  }
  return { ...ref, partners };
}

/** The saved list, with each grantor still unknown added once as a proposal (`code: null`). */
export function withGrantorProposals(saved: SavedPartner[] | undefined, unknown: { name: string; siret?: string }[]): SavedPartner[] {
  const out = [...(saved ?? [])];
  const same = (a: { name: string; siret?: string }, b: { name: string; siret?: string }) =>
    a.siret && b.siret ? a.siret.slice(0, 9) === b.siret.slice(0, 9) : a.name.trim().toLowerCase() === b.name.trim().toLowerCase();
  for (const u of unknown) if (!out.some((p) => same(p, u))) out.push({ name: u.name, ...(u.siret ? { siret: u.siret } : {}), code: null });
  return out;
}
