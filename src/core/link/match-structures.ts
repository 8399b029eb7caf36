import type { Structure } from '../model/domain';
import { normaliseText } from '../parse/normalise-text';

/** Words that say what kind of structure it is, not which one: dropped before comparing names. */
const GENERIC = new Set([
  'centre', 'centres', 'social', 'sociale', 'sociaux', 'socioculturel', 'socio', 'culturel', 'cs', 'csc', 'c', 's',
  'evs', 'espace', 'espaces', 'vie', 'maison', 'pour', 'tous', 'mpt', 'association', 'asso', 'assoc',
  'intercommunal', 'intercommunale', 'csi', 'municipal', 'municipale', 'associatif', 'associative',
  'le', 'la', 'les', 'l', 'du', 'des', 'de', 'd', 'aux', 'au', 'a', 'en', 'et', 'sur',
]);
const ARTICLES = new Set(['le', 'la', 'les', 'l', 'du', 'des', 'de', 'd', 'aux', 'au', 'a', 'en', 'et', 'sur']);

/** "C.S.", "E.V.S.", "F.A.C.S." → "CS", "EVS", "FACS": initials written with dots are one word. */
export function collapseInitials(name: string): string {
  return name.replace(/(?<!\p{L})\p{L}(?:\.\s?\p{L}(?!\p{L}))+\.?/gu, (m) => m.replace(/[.\s]/g, ''));
}

/** CS / EVS / federation when the name says so ("CS Les Oliviers"), to tell apart namesakes. */
function kindInName(normalised: string): Structure['kind'] | undefined {
  if (/\bfederation\b/.test(normalised)) return 'FEDERATION';
  if (/\bevs\b|\bespaces? de vie\b/.test(normalised)) return 'EVS';
  if (/\bcsc?\b|\bcentres? soci|\bsocioculturel\b|\bmaison pour tous\b|\bmpt\b/.test(normalised)) return 'CS';
  return undefined;
}

/** "St" and "Ste" written for "Saint" and "Sainte" (Bourg-St-Andéol). */
const SHORT: Record<string, string> = { st: 'saint', ste: 'sainte', sts: 'saints' };

export function nameKey(name: string): string[] {
  return normaliseText(collapseInitials(name))
    .split(' ')
    .map((t) => SHORT[t] ?? t)
    .filter((t) => t && !GENERIC.has(t));
}

/** "Fédération Ardéchoise des Centres Sociaux" → "facs": partners often write the initials. */
export function acronym(name: string): string | undefined {
  const toks = normaliseText(name).split(' ').filter((t) => t && !ARTICLES.has(t));
  return toks.length >= 3 ? toks.map((t) => t[0]).join('') : undefined;
}

// Each structure's names are compared with every name that may be it: the bigrams of each
// distinct name are counted once (bounded cache; maps are read only).
const BIGRAMS = new Map<string, Map<string, number>>();

function bigrams(s: string): Map<string, number> {
  const hit = BIGRAMS.get(s);
  if (hit) return hit;
  const m = countBigrams(s);
  if (s.length <= 200) {
    if (BIGRAMS.size >= 20_000) BIGRAMS.clear();
    BIGRAMS.set(s, m);
  }
  return m;
}

function countBigrams(s: string): Map<string, number> {
  const m = new Map<string, number>();
  const t = ` ${s} `;
  for (let i = 0; i < t.length - 1; i++) {
    const b = t.slice(i, i + 2);
    m.set(b, (m.get(b) ?? 0) + 1);
  }
  return m;
}

/** Dice coefficient on character bigrams: tolerant of typos, plurals and word order. */
export function similarity(a: string, b: string): number {
  if (!a || !b) return 0;
  if (a === b) return 1;
  const A = bigrams(a);
  const B = bigrams(b);
  let inter = 0;
  let na = 0;
  let nb = 0;
  for (const v of A.values()) na += v;
  for (const v of B.values()) nb += v;
  for (const [k, v] of A) inter += Math.min(v, B.get(k) ?? 0);
  return (2 * inter) / (na + nb);
}

/** A commune as compared: no accents, case, punctuation; "St" read as "Saint". */
function communeKeyOf(commune: string): string {
  return normaliseText(commune)
    .split(' ')
    .map((t) => SHORT[t] ?? t)
    .join(' ');
}

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
export const AMBIGUITY_MARGIN = 0.05;

interface Entry {
  structure: Structure;
  keys: string[]; // normalised distinctive names (name, aliases)
  acronym?: string;
  commune: string;
  communeToks: string[]; // nameKey(commune), computed once
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
  private tokenIndex = new Map<string, number[]>();
  private cache = new Map<string, MatchResult>();
  /** The user's answers to ambiguous names: "name|commune" (commune may be empty) → code or null. */
  private confirmed = new Map<string, string | null>();

  /** `confirmed`: the user's choices for ambiguous names (`MappingFile.structures`), applied before the name matching. */
  constructor(structures: Structure[], confirmed: { name: string; commune?: string; code: string | null }[] = []) {
    for (const c of confirmed) this.confirmed.set(`${normaliseText(c.name)}|${communeKeyOf(c.commune ?? '')}`, c.code);
    for (const s of structures) {
      if (s.siret) {
        this.bySiret.set(s.siret, s);
        const siren = s.siret.slice(0, 9);
        this.bySiren.set(siren, [...(this.bySiren.get(siren) ?? []), s]);
      }
      this.byCode.set(normaliseText(s.code), s);
      const keys = [s.name, ...s.aliases].map((n) => nameKey(n).join(' ')).filter(Boolean);
      const commune = communeKeyOf(s.commune ?? '');
      const entry: Entry = { structure: s, keys, acronym: acronym(s.name), commune, communeToks: nameKey(commune) };
      const idx = this.entries.push(entry) - 1;
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
      if (siren && siren.length === 1 && q.siret.length === 9) return { kind: 'matched', structure: siren[0], score: 1, by: 'siret' };
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
    // "CS Le Grand Pré (Bourg-Saint-Andéol)": a commune in brackets is a commune, not a name.
    let name = q.name;
    let commune = q.commune ?? '';
    const paren = /^(.*)\(([^()]+)\)\s*$/.exec(name);
    if (paren) {
      name = paren[1];
      if (!commune) commune = paren[2];
    }
    const direct = this.byCode.get(normaliseText(name));
    if (direct) return { kind: 'matched', structure: direct, score: 1, by: 'code' };
    const key = nameKey(name).join(' ');
    const keyToks = key.split(' ');
    const nq = normaliseText(collapseInitials(name));
    const communeKey = communeKeyOf(commune);
    const kind = kindInName(nq);
    const lists: number[][] = [];
    const seen = new Set<string>();
    for (const t of key.split(' ').concat(nq.split(' '))) {
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
    const scored: { structure: Structure; score: number }[] = [];
    for (const i of candidateIdx) {
      const e = this.entries[i];
      let s = 0;
      for (const k of e.keys) s = Math.max(s, similarity(key, k));
      // "CS Les Oliviers - Aubenas": the structure's commune written after its name
      const communeToks = e.communeToks;
      let communeInName = false;
      if (communeToks.length && communeToks.length < keyToks.length && communeToks.every((t) => keyToks.includes(t))) {
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
      if (communeKey && e.commune) {
        if (communeKey === e.commune) s = Math.min(1, s + 0.05);
        else if (similarity(communeKey, e.commune) < 0.6) s -= 0.15;
      } else if (communeInName) s = Math.min(1, s + 0.05);
      if (kind && kind !== e.structure.kind) s -= 0.1;
      if (s > 0.3) scored.push({ structure: e.structure, score: Math.round(s * 1000) / 1000 });
    }
    scored.sort((a, b) => b.score - a.score || a.structure.code.localeCompare(b.structure.code));
    const top = scored.slice(0, 3);
    if (top.length === 0 || top[0].score < MATCH_THRESHOLD) return { kind: 'unknown', candidates: top };
    if (top.length > 1 && top[0].score - top[1].score < AMBIGUITY_MARGIN) return { kind: 'ambiguous', candidates: top };
    return { kind: 'matched', structure: top[0].structure, score: top[0].score, by: 'name' };
  }
}
