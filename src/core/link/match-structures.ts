import type { Structure } from '../model/domain';
import { normaliseText } from '../parse/normalise-text';
import {
  acronym,
  collapseInitials,
  communeKeyOf,
  kindInName,
  nameKey,
  sameCommune,
  similarity,
  splitName,
} from './structure-names';

export { acronym, nameKey, similarity } from './structure-names';

export interface MatchQuery {
  name: string;
  siret?: string;
  commune?: string;
  code?: string;
}

export type MatchResult =
  | { kind: 'matched'; structure: Structure; score: number; by: 'siret' | 'code' | 'name' | 'confirmed' }
  | { kind: 'ambiguous'; candidates: { structure: Structure; score: number }[] }
  /** The user said this name is none of the candidate structures: left unlinked, no finding. */
  | { kind: 'declined'; candidates: { structure: Structure; score: number }[] }
  | { kind: 'unknown'; candidates: { structure: Structure; score: number }[] };

export const MATCH_THRESHOLD = 0.82;

/** What makes two entries of a registry one structure: the same SIRET, else the same code. */
export function identityKey(s: Structure): string {
  return s.siret?.length === 14 ? `siret:${s.siret}` : `code:${normaliseText(s.code)}`;
}

/** The first structure of each identity, in the order given. */
function oneEach(structures: Structure[]): Structure[] {
  const seen = new Set<string>();
  return structures.filter((s) => {
    const k = identityKey(s);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
export const AMBIGUITY_MARGIN = 0.05;

interface Entry {
  structure: Structure;
  keys: string[]; // normalised distinctive names (name, aliases)
  acronym?: string;
  commune: string;
  communeToks: string[]; // nameKey(commune), computed once
  /** The registry's federation: said by its kind, or its name is one the reference gives a federation partner. */
  federation: boolean;
}

/** "FACS 07", "F.A.C.S." → "facs": a name as compared with the reference's partner names. */
function partnerForm(name: string): string {
  return normaliseText(collapseInitials(name))
    .split(' ')
    .filter((t) => t && !/^(0[1-9]|[1-8]\d|9[0-5]|2a|2b)$/.test(t))
    .join(' ');
}

/**
 * Candidates scored per distinct name: token lists are taken rarest first until this many are
 * gathered, so that a word shared by thousands of structures ("commune", "passerelle") does not
 * make national linking quadratic; the rarest list is always taken whole.
 */
const MAX_CANDIDATES = 256;

/**
 * Links a partner's way of writing a structure to one structure of the registry:
 * SIRET first, then code, then the distinctive part of the name (with the commune as a weight).
 * Results are cached per distinct query, and candidates are found through a token index, so
 * that linking stays near-linear on national files.
 */
export class StructureMatcher {
  private bySiret = new Map<string, Structure>();
  private bySiren = new Map<string, Structure[]>();
  private byCode = new Map<string, Structure>();
  private entries: Entry[] = [];
  /** Entries of kind FEDERATION (usually one: the FACS). */
  private federations: number[] = [];
  private tokenIndex = new Map<string, number[]>();
  /** Every name and alias as written (normalised) → the structures that carry it. */
  private byExactName = new Map<string, Structure[]>();
  private cache = new Map<string, MatchResult>();
  /** The user's answers to ambiguous names: "name|commune" (commune may be empty) → code or null. */
  private confirmed = new Map<string, string | null>();

  /** Names, initials and codes by which the reference knows its federation partner(s): "FACS" names the federation. */
  private federationForms = new Set<string>();

  /**
   * `confirmed`: the user's choices for ambiguous names (`MappingFile.structures`), applied before the name matching.
   * `federationNames`: the names and code of the reference's federation partner, so that a line written
   * "FACS" links to the registry's federation however the list spells it.
   */
  constructor(
    structures: Structure[],
    confirmed: { name: string; commune?: string; code: string | null }[] = [],
    federationNames: string[] = [],
  ) {
    for (const n of federationNames) {
      const f = partnerForm(n);
      if (f) this.federationForms.add(f);
      const a = acronym(n);
      if (a) this.federationForms.add(a);
    }
    for (const c of confirmed)
      this.confirmed.set(`${normaliseText(c.name)}|${communeKeyOf(c.commune ?? '')}`, c.code);
    for (const s of structures) {
      for (const siret of [s.siret, ...(s.otherSirets ?? [])]) {
        if (!siret) continue;
        this.bySiret.set(siret, s);
        const siren = siret.slice(0, 9);
        const same = this.bySiren.get(siren) ?? [];
        if (!same.includes(s)) this.bySiren.set(siren, [...same, s]);
      }
      this.byCode.set(normaliseText(s.code), s);
      for (const n of new Set([s.name, ...s.aliases].map((x) => normaliseText(x)).filter(Boolean))) {
        const list = this.byExactName.get(n) ?? [];
        list.push(s);
        this.byExactName.set(n, list);
      }
      const keys = [s.name, ...s.aliases].map((n) => nameKey(n).join(' ')).filter(Boolean);
      const commune = communeKeyOf(s.commune ?? '');
      const acr = acronym(s.name);
      const federation =
        s.kind === 'FEDERATION' ||
        kindInName(normaliseText(collapseInitials(s.name))) === 'FEDERATION' ||
        [s.name, ...s.aliases].some((n) => this.federationForms.has(partnerForm(n))) ||
        (!!acr && this.federationForms.has(acr));
      const entry: Entry = {
        structure: s,
        keys,
        acronym: acr,
        commune,
        communeToks: nameKey(commune),
        federation,
      };
      const idx = this.entries.push(entry) - 1;
      if (federation) this.federations.push(idx);
      const toks = new Set(keys.flatMap((k) => k.split(' ')));
      if (entry.acronym) toks.add(entry.acronym);
      for (const t of toks) {
        const tri = t.slice(0, 3);
        const list = this.tokenIndex.get(tri) ?? [];
        if (list[list.length - 1] !== idx) list.push(idx);
        this.tokenIndex.set(tri, list);
      }
    }
  }

  match(q: MatchQuery): MatchResult {
    if (q.siret) {
      const s = this.bySiret.get(q.siret);
      if (s) return { kind: 'matched', structure: s, score: 1, by: 'siret' };
      const siren = this.bySiren.get(q.siret.slice(0, 9));
      if (siren && siren.length === 1 && q.siret.length === 9)
        return { kind: 'matched', structure: siren[0], score: 1, by: 'siret' };
    }
    if (q.code) {
      const s = this.byCode.get(normaliseText(q.code));
      if (s) return { kind: 'matched', structure: s, score: 1, by: 'code' };
    }
    if (this.confirmed.size) {
      const name = normaliseText(q.name);
      const own = `${name}|${communeKeyOf(q.commune ?? '')}`;
      const code = this.confirmed.has(own) ? this.confirmed.get(own) : this.confirmed.get(`${name}|`);
      if (code === null) return { kind: 'declined', candidates: [] };
      // a confirmed code that is no longer in the registry: the name is matched again
      const s = code !== undefined ? this.byCode.get(normaliseText(code)) : undefined;
      if (s) return { kind: 'matched', structure: s, score: 1, by: 'confirmed' };
    }
    const cacheKey = `${normaliseText(q.name)}|${normaliseText(q.commune ?? '')}`;
    const hit = this.cache.get(cacheKey);
    if (hit) return hit;
    const r = this.matchName(q);
    this.cache.set(cacheKey, r);
    return r;
  }

  private matchName(q: MatchQuery): MatchResult {
    // "CS Le Grand Pré (Bourg-Saint-Andéol)", "Les Terrasses – La Voulte": a commune written with the name.
    // A dash may also be part of the name ("Espace Jeunes - Vie locale"): both readings are scored.
    const split = splitName(q.name);
    const variants: { name: string; commune: string }[] = [
      { name: split.base, commune: q.commune || split.tail || '' },
    ];
    if (split.tail && !split.bracketed) variants.push({ name: q.name, commune: q.commune ?? '' });
    const direct = this.byCode.get(normaliseText(split.base));
    if (direct) return { kind: 'matched', structure: direct, score: 1, by: 'code' };
    // A name written exactly as one structure of the registry (name or alias) is that structure,
    // however close its namesakes are once kind words and numbers are set aside
    // ("… Commune 001-07" / "… Commune 001-27"), unless the commune given says otherwise.
    const exact = oneEach(this.byExactName.get(normaliseText(q.name)) ?? []);
    if (exact.length === 1) {
      const s = exact[0];
      if (!q.commune || !s.commune || sameCommune(q.commune, s.commune))
        return { kind: 'matched', structure: s, score: 1, by: 'name' };
    }
    const best = new Map<Structure, number>();
    for (const v of variants)
      for (const [structure, score] of this.scoreName(v.name, v.commune))
        if (score > (best.get(structure) ?? -1)) best.set(structure, score);
    // candidates that are one structure (same SIRET or code) are never ambiguous between themselves
    const kept = new Set(oneEach([...best.keys()].sort((a, b) => best.get(b)! - best.get(a)!)));
    const scored = [...best]
      .filter(([structure, s]) => s > 0.3 && kept.has(structure))
      .map(([structure, score]) => ({ structure, score: Math.round(score * 1000) / 1000 }));
    scored.sort((a, b) => b.score - a.score || a.structure.code.localeCompare(b.structure.code));
    const top = scored.slice(0, 3);
    if (top.length === 0 || top[0].score < MATCH_THRESHOLD) return { kind: 'unknown', candidates: top };
    if (top.length > 1 && top[0].score - top[1].score < AMBIGUITY_MARGIN)
      return { kind: 'ambiguous', candidates: top };
    return { kind: 'matched', structure: top[0].structure, score: top[0].score, by: 'name' };
  }

  /** Scores of the registry's structures for one reading of a name and its commune. */
  private scoreName(name: string, commune: string): Map<Structure, number> {
    const out = new Map<Structure, number>();
    const key = nameKey(name).join(' ');
    const keyToks = key.split(' ');
    const nq = normaliseText(collapseInitials(name));
    const communeKey = communeKeyOf(commune);
    const kind = kindInName(nq) ?? (this.federationForms.has(partnerForm(name)) ? 'FEDERATION' : undefined);
    const nameAcronym = acronym(name);
    const lists: number[][] = [];
    const seen = new Set<string>();
    for (const t of key.split(' ').concat(nq.split(' '), nameAcronym ? [nameAcronym] : [])) {
      const tri = t.slice(0, 3);
      const list = tri && !seen.has(tri) ? this.tokenIndex.get(tri) : undefined;
      seen.add(tri);
      if (list) lists.push(list);
    }
    lists.sort((a, b) => a.length - b.length);
    const candidateIdx = new Set<number>();
    for (const list of lists) {
      if (candidateIdx.size && candidateIdx.size + list.length > MAX_CANDIDATES) break;
      for (const i of list) candidateIdx.add(i);
    }
    // "Fédération des centres sociaux de l'Ardèche": the registry's one federation, however written
    if (kind === 'FEDERATION' && this.federations.length === 1) candidateIdx.add(this.federations[0]);
    for (const i of candidateIdx) {
      const e = this.entries[i];
      let s = 0;
      for (const k of e.keys) s = Math.max(s, similarity(key, k));
      // "CS Les Oliviers Aubenas": the structure's commune written inside its name
      const communeToks = e.communeToks;
      let communeInName = false;
      if (
        communeToks.length &&
        communeToks.length < keyToks.length &&
        communeToks.every((t) => keyToks.includes(t))
      ) {
        const stripped = keyToks.filter((t) => !communeToks.includes(t)).join(' ');
        for (const k of e.keys) {
          const v = similarity(stripped, k);
          if (v > s) {
            s = v;
            communeInName = true;
          }
        }
      }
      if (e.acronym && (nq === e.acronym || key === e.acronym)) s = Math.max(s, 0.95);
      // the other way round: the registry writes the initials ("FACS 07"), the line the full name
      else if (nameAcronym && e.keys.includes(nameAcronym)) s = Math.max(s, 0.92);
      // the one federation of the département: its seat is not what tells it apart
      const theFederation = kind === 'FEDERATION' && e.federation && this.federations.length === 1;
      if (theFederation) s = Math.max(s, 0.9);
      else if (communeKey && e.commune) {
        if (communeKey === e.commune) s = Math.min(1, s + 0.05);
        else if (similarity(communeKey, e.commune) < 0.6) s -= 0.15;
      } else if (communeInName) s = Math.min(1, s + 0.05);
      if (kind && kind !== (e.federation ? 'FEDERATION' : e.structure.kind)) s -= 0.1;
      out.set(e.structure, s);
    }
    return out;
  }
}
