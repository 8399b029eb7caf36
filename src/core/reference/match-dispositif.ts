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
  }
  return undefined;
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
