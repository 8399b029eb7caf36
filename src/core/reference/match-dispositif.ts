import type { Dispositif, Reference } from '../model/domain';
import { containsPhrase, normaliseText, tokens } from '../parse/normalise-text';

/**
 * The dispositif a partner's wording names ("PS Animation globale et coordination", "AJIR",
 * "Financement global"): the dispositif code itself, its label, or the longest keyword found,
 * among the partner's dispositifs.
 */
export function matchDispositif(texts: string[], partner: string | undefined, ref: Reference): Dispositif | undefined {
  const pool = ref.dispositifs.filter((d) => !partner || d.partner === partner);
  for (const text of texts) {
    if (!text) continue;
    const n = normaliseText(text);
    const toks = tokens(text);
    const byCode = pool.find((d) => normaliseText(d.code) === n || normaliseText(d.label) === n);
    if (byCode) return byCode;
    let best: { d: Dispositif; len: number } | undefined;
    for (const d of pool) {
      for (const k of d.keywords) {
        const kt = tokens(k);
        if (!containsPhrase(toks, kt)) continue;
        const len = kt.join(' ').length;
        if (!best || len > best.len) best = { d, len };
      }
    }
    if (best) return best.d;
    const short = abbreviated(toks, pool);
    if (short) return short;
  }
  return undefined;
}

/** A word cut short (« asso » for « associative »): at least 3 letters, the start of the word. */
const cutShort = (t: string, word: string) => t === word || (t.length >= 3 && /^\p{L}+$/u.test(t) && word.startsWith(t));

/**
 * The dispositif whose label or keyword is written cut short (« VIE ASSO » for « Vie associative »,
 * a sheet « INS » for « insertion »): every word of it, in order, whole or cut short; a word alone
 * only for a keyword of one word. Only when one dispositif is named that way: two would be a guess.
 */
function abbreviated(allToks: string[], pool: Dispositif[]): Dispositif | undefined {
  const found = new Set<Dispositif>();
  // a sheet named « INS 2019 » or « CULT »: one word cut short, read against one-word keywords only
  const toks = allToks.filter((t) => !/^\d+$/.test(t));
  const alone = toks.length === 1;
  for (const d of pool) {
    for (const k of [d.label, ...d.keywords]) {
      const kt = tokens(k);
      if ((kt.length < 2 && !(alone && kt.length === 1)) || kt.length > toks.length) continue;
      for (let i = 0; i + kt.length <= toks.length; i++) {
        if (kt.every((w, j) => cutShort(toks[i + j], w))) {
          found.add(d);
          break;
        }
      }
    }
  }
  return found.size === 1 ? [...found][0] : undefined;
}

/** The convention type a text names (code, label or keyword), or undefined. */
export function strictConventionType(text: string, partner: string | undefined, ref: Reference): string | undefined {
  const pool = ref.conventionTypes.filter((t) => !partner || t.partner === partner);
  const toks = tokens(text);
  let best: { code: string; len: number } | undefined;
  for (const t of pool) {
    for (const k of [t.code, t.label, ...t.keywords]) {
      const kt = tokens(k);
      if (!containsPhrase(toks, kt)) continue;
      const len = kt.join(' ').length;
      if (!best || len > best.len) best = { code: t.code, len };
    }
  }
  return best?.code;
}

/** The convention type a partner's wording names, or the partner's first type when nothing is written. */
export function matchConventionType(texts: string[], partner: string | undefined, ref: Reference): string | undefined {
  for (const text of texts) {
    const t = strictConventionType(text, partner, ref);
    if (t) return t;
  }
  return ref.conventionTypes.find((t) => !partner || t.partner === partner)?.code;
}
