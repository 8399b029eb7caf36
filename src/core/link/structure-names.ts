import type { Structure } from '../model/domain';
import { normaliseText } from '../parse/normalise-text';

/**
 * How structure names are compared, in one place: the matching of lines to the registry, the
 * merging of structures lists and the duplicate check all call these. A name is compared after
 * removing what is not its identity: kind words and initials ("C.S.", "Centre social", "Foyer
 * rural"), articles, a département number, a commune written after a dash or in brackets, case
 * and accents.
 */

/** Words that say what kind of structure it is, not which one. */
const GENERIC = new Set([
  'centre', 'centres', 'social', 'sociale', 'sociaux', 'socioculturel', 'socioculturelle', 'socio', 'culturel', 'culturelle', 'cs', 'csc', 'c', 's',
  'evs', 'esc', 'escs', 'espace', 'espaces', 'vie', 'maison', 'pour', 'tous', 'mpt', 'association', 'asso', 'assoc', 'foyer', 'rural', 'ruraux',
  'intercommunal', 'intercommunale', 'csi', 'municipal', 'municipale', 'associatif', 'associative',
  'le', 'la', 'les', 'l', 'du', 'des', 'de', 'd', 'aux', 'au', 'a', 'en', 'et', 'sur',
]);
const ARTICLES = new Set(['le', 'la', 'les', 'l', 'du', 'des', 'de', 'd', 'aux', 'au', 'a', 'en', 'et', 'sur']);

/** "St" and "Ste" written for "Saint" and "Sainte" (Bourg-St-Andéol). */
const SHORT: Record<string, string> = { st: 'saint', ste: 'sainte', sts: 'saints' };

/** A département number written in a name ("FACS 07", "CS 26 La Forge"): not its identity. */
const DEPARTEMENT = /^(0[1-9]|[1-8]\d|9[0-5]|2a|2b)$/;

/** "C.S.", "E.V.S.", "F.A.C.S." → "CS", "EVS", "FACS": initials written with dots are one word ("C.S. L'Escale" keeps its "L'"). */
export function collapseInitials(name: string): string {
  return name.replace(/(?<!\p{L})\p{L}(?:\.\s?\p{L}(?![\p{L}'’]))+\.?/gu, (m) => m.replace(/[.\s]/g, ''));
}

/** The distinctive words of a name, in order. */
export function nameKey(name: string): string[] {
  const toks = normaliseText(collapseInitials(name))
    .split(' ')
    .map((t) => SHORT[t] ?? t)
    .filter((t) => t && !GENERIC.has(t));
  const named = toks.filter((t) => !DEPARTEMENT.test(t));
  return named.length ? named : toks;
}

/** "Fédération Ardéchoise des Centres Sociaux" → "facs": partners often write the initials. */
export function acronym(name: string): string | undefined {
  const toks = normaliseText(name).split(' ').filter((t) => t && !ARTICLES.has(t));
  return toks.length >= 3 ? toks.map((t) => t[0]).join('') : undefined;
}

/**
 * A name and the commune written with it: "CS Le Grand Pré (Bourg-Saint-Andéol)",
 * "Les Terrasses – La Voulte-sur-Rhône". The tail is only a possible commune: callers compare it.
 */
export function splitName(name: string): { base: string; tail?: string; bracketed?: boolean } {
  const paren = /^(.*\S)\s*\(([^()]+)\)\s*$/.exec(name);
  if (paren) return { base: paren[1], tail: paren[2].trim(), bracketed: true };
  const dash = /^(.*\S)\s+[-–—]\s+(\S.*)$/.exec(name);
  if (dash) return { base: dash[1], tail: dash[2].trim() };
  return { base: name };
}

/**
 * The distinctive name as all comparisons use it: a commune in brackets or after a dash set
 * aside, then kind words, articles and a département number removed ("CS Le Grand Pré
 * (Bourg-St-Andéol)" → "grand pre"). Empty when the name is only generic words.
 */
export function distinctiveName(name: string): string {
  return nameKey(splitName(name).base).join(' ');
}

/** CS / EVS / federation when the name says so ("CS Les Oliviers"), to tell apart namesakes. */
export function kindInName(normalised: string): Structure['kind'] | undefined {
  if (/\bfederation\b/.test(normalised)) return 'FEDERATION';
  if (/\bevs\b|\bespaces? de vie\b/.test(normalised)) return 'EVS';
  if (/\bcsc?\b|\bcentres? soci|\bsocioculturel\b|\bmaison pour tous\b|\bmpt\b/.test(normalised)) return 'CS';
  return undefined;
}

/** A commune as compared: no accents, case, punctuation; "St" read as "Saint". */
export function communeKeyOf(commune: string): string {
  return normaliseText(commune)
    .split(' ')
    .map((t) => SHORT[t] ?? t)
    .join(' ');
}

// Each structure's names are compared with every name that may be it: the bigrams of each
// distinct name are counted once (bounded cache; maps are read only).
const BIGRAMS = new Map<string, Map<string, number>>();

function bigrams(s: string): Map<string, number> {
  const hit = BIGRAMS.get(s);
  if (hit) return hit;
  const m = new Map<string, number>();
  const t = ` ${s} `;
  for (let i = 0; i < t.length - 1; i++) {
    const b = t.slice(i, i + 2);
    m.set(b, (m.get(b) ?? 0) + 1);
  }
  if (s.length <= 200) {
    if (BIGRAMS.size >= 20_000) BIGRAMS.clear();
    BIGRAMS.set(s, m);
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

/** Do two communes name the same place (accents, case, "St", small typos)? */
export function sameCommune(a: string, b: string): boolean {
  const x = communeKeyOf(a);
  const y = communeKeyOf(b);
  return !!x && !!y && (x === y || similarity(x, y) >= 0.85);
}

/**
 * Are these two names one structure, as two lists write it ("CS du Pouzin" and "Centre social
 * Le Pouzin", "Les Tilleuls (Burzet)" and "Espace de vie sociale Les Tilleuls" in Burzet)?
 * Distinctive names equal, and no commune saying otherwise.
 */
export function sameStructureName(a: { name: string; commune?: string }, b: { name: string; commune?: string }): boolean {
  const sa = splitName(a.name);
  const sb = splitName(b.name);
  const ka = distinctiveName(a.name);
  const kb = distinctiveName(b.name);
  if (!ka || ka !== kb) return false;
  const ca = a.commune ?? sa.tail;
  const cb = b.commune ?? sb.tail;
  return !ca || !cb || sameCommune(ca, cb);
}
