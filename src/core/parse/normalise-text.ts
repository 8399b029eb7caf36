// The same names, headers and labels come back on thousands of rows (250 000 at national scale):
// each distinct short text is normalised once. Bounded: cleared when full, long texts not kept.
const CACHE = new Map<string, string>();
const CACHE_MAX = 50_000;

/** Lower case, no accents, punctuation as spaces, single spaces: the form names and headers are compared in. */
export function normaliseText(s: string): string {
  const hit = CACHE.get(s);
  if (hit !== undefined) return hit;
  const n = normalise(s);
  if (s.length <= 200) {
    if (CACHE.size >= CACHE_MAX) CACHE.clear();
    CACHE.set(s, n);
  }
  return n;
}

function normalise(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’'`´]/g, ' ')
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export function tokens(s: string): string[] {
  const n = normaliseText(s);
  return n ? n.split(' ') : [];
}

/** Where the token sequence `needle` starts inside `hay` (both already tokenised), or -1. */
export function phraseAt(hay: string[], needle: string[]): number {
  if (needle.length === 0 || needle.length > hay.length) return -1;
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** True when the token sequence `needle` appears inside `hay` (both already tokenised). */
export function containsPhrase(hay: string[], needle: string[]): boolean {
  return phraseAt(hay, needle) >= 0;
}
