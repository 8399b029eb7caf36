import { makeFinding } from '../checks/messages';
import type { FundingLine } from '../model/domain';
import type { Finding } from '../model/finding';
import { normaliseText } from '../parse/normalise-text';

/**
 * The same funding (partner, structure, year, dispositif, voted amount) found again in another
 * sheet or file — typically a décision modificative repeating a line — is a DOUBLON: the first
 * one in reading order counts, the repeat is marked and never counted. One hash pass: O(n).
 */
export function findDuplicates(lines: FundingLine[]): Finding[] {
  const first = new Map<string, FundingLine>();
  const out: Finding[] = [];
  // names and labels repeat on thousands of lines: normalise each distinct text once
  const norm = new Map<string, string>();
  const normalised = (s: string) => {
    let n = norm.get(s);
    if (n === undefined) norm.set(s, (n = normaliseText(s)));
    return n;
  };
  for (const l of lines) {
    if (l.voted === undefined) continue;
    const who = l.structure ?? l.siret ?? normalised(l.structureName);
    const key = `${l.partner}|${who}|${l.year}|${l.dispositif ?? normalised(l.dispositifLabel ?? '')}|${l.voted.toFixed(2)}`;
    const prev = first.get(key);
    if (!prev) {
      first.set(key, l);
      continue;
    }
    if (prev.source.file === l.source.file && prev.source.sheet === l.source.sheet) continue;
    l.duplicateOf = prev.source;
    out.push(
      makeFinding(
        'DOUBLON',
        { partner: l.partner, structure: l.structure, structureName: l.structureName, siret: l.siret, year: l.year, dispositif: l.dispositif, voted: l.voted, duplicateOf: prev.source },
        l.source,
      ),
    );
  }
  return out;
}
