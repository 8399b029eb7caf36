import { makeFinding } from '../checks/messages';
import type { Finding } from '../model/finding';
import { normaliseText } from '../parse/normalise-text';
import { parseAmount, roundCents } from '../parse/parse-amount';
import type { SheetReading } from './read-sheet';

/**
 * A partner's own TOTAL / sous-total rows are read, not only skipped: each must equal the sum of
 * the data rows it covers (a sous-total covers the rows since the previous total; a grand total
 * after sous-totals covers the whole sheet).
 */
export function checkSourceTotals(reading: SheetReading): Finding[] {
  const out: Finding[] = [];
  const firstRow = reading.totals.length ? Math.min(...reading.records.map((r) => r.row), reading.totals[0].fromRow) : 0;
  let sawSubtotal = false;
  for (const t of reading.totals) {
    const isSub = /^sous/.test(normaliseText(t.label));
    const from = !isSub && sawSubtotal ? firstRow : t.fromRow;
    if (isSub) sawSubtotal = true;
    for (const f of ['voted', 'paid', 'requested'] as const) {
      const cell = t.cells[f];
      if (!cell) continue;
      const total = parseAmount(cell.value);
      if (!total.ok) continue; // a total without a cached value cannot be compared
      let sum = 0;
      for (const r of reading.records) {
        if (r.row < from || r.row > t.row) continue;
        const p = parseAmount(r.cells[f]?.value ?? null);
        if (p.ok) sum += p.value;
      }
      sum = roundCents(sum);
      if (Math.abs(sum - total.value) > 0.005)
        out.push(
          makeFinding(
            'TOTAL_SOURCE_ECART',
            { partner: reading.partner, year: reading.year, amount: total.value, expected: sum, field: f === 'voted' ? 'montant voté' : f === 'paid' ? 'montant versé' : 'montant demandé' },
            { file: reading.file, sheet: reading.sheet, row: t.row, col: cell.col },
          ),
        );
    }
  }
  return out;
}
