import type { Dataset } from '../model/domain';
import type { Finding } from '../model/finding';
import { formatDateFr } from './format-fr';
import { makeFinding } from './messages';

function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1 + months, d));
  return t.toISOString().slice(0, 10);
}

/** Agréments whose latest period ends within 12 months of the reference date (projet social to renew). */
export function checkAgrementsExpiring(ds: Dataset, asOf: string): Finding[] {
  const out: Finding[] = [];
  const limit = addMonths(asOf, 12);
  for (const s of ds.structures) {
    if (s.agrements.length === 0) continue;
    const last = s.agrements.reduce((a, b) => (b.end > a.end ? b : a));
    if (last.end >= asOf && last.end <= limit)
      out.push(
        makeFinding('AGREMENT_BIENTOT_EXPIRE', { structure: s.code, structureName: s.name, siret: s.siret, date: formatDateFr(last.end), detail: last.types.join('+') }, s.source),
      );
  }
  return out;
}
