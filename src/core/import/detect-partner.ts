import type { Partner } from '../model/domain';
import { containsPhrase, normaliseText } from '../parse/normalise-text';

/** Letters and digits split apart so that "CAF07" reads as "caf 07" and "CD07_x" as "cd 07 x". */
function partnerTokens(s: string): string[] {
  const n = normaliseText(s.replace(/([A-Za-z])(\d)/g, '$1 $2').replace(/(\d)([A-Za-z])/g, '$1 $2'));
  return n ? n.split(' ') : [];
}

/**
 * The partner named in a text (file name, sheet name, title, or a cell of a partner column):
 * the partner code itself or one of its aliases; the longest alias wins; undefined if none or tie.
 */
export function detectPartner(text: string, partners: Partner[]): string | undefined {
  const toks = partnerTokens(text);
  if (toks.length === 0) return undefined;
  let best: { code: string; len: number } | undefined;
  let tie = false;
  for (const p of partners) {
    for (const alias of [p.code, p.name, ...p.aliases]) {
      const a = partnerTokens(alias);
      if (a.length === 0 || !containsPhrase(toks, a)) continue;
      const len = a.join(' ').length;
      if (!best || len > best.len) {
        best = { code: p.code, len };
        tie = false;
      } else if (len === best.len && best.code !== p.code) tie = true;
    }
  }
  return best && !tie ? best.code : undefined;
}
