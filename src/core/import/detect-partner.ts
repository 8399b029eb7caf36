import type { Partner } from '../model/domain';
import { normaliseText } from '../parse/normalise-text';

/** Letters and digits split apart so that "CAF07" reads as "caf 07" and "CD07_x" as "cd 07 x". */
function partnerTokens(s: string): string[] {
  const n = normaliseText(s.replace(/([A-Za-z])(\d)/g, '$1 $2').replace(/(\d)([A-Za-z])/g, '$1 $2'));
  return n ? n.split(' ') : [];
}

/**
 * The partner named in a text (file name, sheet name, title, or a cell of a partner column):
 * the partner code itself or one of its aliases. The first partner named wins ("Subventions CAF
 * aux structures du Département" is the CAF's), the longer alias on a tie; undefined if none.
 */
export function detectPartner(text: string, partners: Partner[]): string | undefined {
  const toks = partnerTokens(text);
  if (toks.length === 0) return undefined;
  let best: { code: string; pos: number; len: number } | undefined;
  let tie = false;
  for (const p of partners) {
    for (const alias of [p.code, p.name, ...p.aliases]) {
      const a = partnerTokens(alias);
      const pos = phrasePosition(toks, a);
      if (pos < 0) continue;
      const len = a.join(' ').length;
      if (!best || pos < best.pos || (pos === best.pos && len > best.len)) {
        tie = false;
        best = { code: p.code, pos, len };
      } else if (pos === best.pos && len === best.len && best.code !== p.code) tie = true;
    }
  }
  return best && !tie ? best.code : undefined;
}

function phrasePosition(hay: string[], needle: string[]): number {
  if (needle.length === 0) return -1;
  for (let i = 0; i + needle.length <= hay.length; i++) if (needle.every((t, j) => hay[i + j] === t)) return i;
  return -1;
}
