import type { Dataset } from '../model/domain';
import type { Finding } from '../model/finding';
import { makeFinding } from './messages';

/** Negative amounts, and paid above voted, line by line. */
export function checkAmounts(ds: Dataset): Finding[] {
  const out: Finding[] = [];
  for (const l of ds.fundings) {
    if (l.duplicateOf) continue;
    const data = { partner: l.partner, structure: l.structure, structureName: l.structureName, siret: l.siret, year: l.year, dispositif: l.dispositif, voted: l.voted, paid: l.paid };
    const negative = [l.voted, l.paid, l.requested].find((v) => v !== undefined && v < 0);
    if (negative !== undefined) out.push(makeFinding('MONTANT_NEGATIF', { ...data, amount: negative }, l.source));
    else if (l.voted !== undefined && l.paid !== undefined && l.paid > l.voted + 0.005)
      out.push(makeFinding('VERSE_SUPERIEUR_VOTE', data, l.source));
  }
  return out;
}
