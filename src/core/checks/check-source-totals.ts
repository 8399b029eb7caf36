import { makeFinding } from './messages';
import type { Finding } from '../model/finding';
import { normaliseText } from '../parse/normalise-text';
import { parseAmount, roundCents } from '../parse/parse-amount';
import type { RawRecord, SheetReading } from '../import/read-sheet';

const FIELD_LABEL = { voted: 'montant voté', paid: 'montant versé', requested: 'montant demandé' } as const;

function sum(records: RawRecord[], f: keyof typeof FIELD_LABEL, from: number, to: number, year?: number, partner?: string): number {
  let s = 0;
  for (const r of records) {
    if (r.row < from || r.row > to) continue;
    if (year !== undefined && r.cells.year?.value !== year) continue;
    if (partner !== undefined && r.cells.partner?.value !== partner) continue;
    const p = parseAmount(r.cells[f]?.value ?? null);
    if (p.ok) s += p.value;
  }
  return roundCents(s);
}

/**
 * A partner's own TOTAL / sous-total rows are read, not only skipped. A total is right when it
 * equals the sum of the data rows since the previous total (its block: a sous-total, or "Total
 * 2019" after its lines) or of every data row above it (a grand total after sous-totals or after
 * several block totals). Rows of other départements count: the partner's total includes them.
 */
export function checkSourceTotals(reading: SheetReading): Finding[] {
  const out: Finding[] = [];
  if (reading.totals.length === 0) return out;
  const records = [...reading.records, ...(reading.otherDepartementRecords ?? [])];
  let previousTotals = 0;
  let sawSubtotal = false;
  for (const t of reading.totals) {
    const isSub = /^sous/.test(normaliseText(t.label));
    for (const f of ['voted', 'paid', 'requested'] as const) {
      const cell = t.cells[f];
      if (!cell) continue;
      const total = parseAmount(cell.value);
      if (!total.ok) continue; // a total without a cached value cannot be compared
      const block = sum(records, f, t.fromRow, t.row, t.year, t.partner);
      const above = sum(records, f, 0, t.row, t.year, t.partner);
      if (Math.abs(block - total.value) <= 0.005 || Math.abs(above - total.value) <= 0.005) continue;
      const blockEmpty = !records.some((r) => r.row >= t.fromRow && r.row <= t.row);
      // say what the total should be: its block, unless it is a grand total over earlier totals
      const expected = !isSub && previousTotals > 0 && (blockEmpty || sawSubtotal) ? above : block;
      out.push(
        makeFinding(
          'TOTAL_SOURCE_ECART',
          { partner: t.partner ?? reading.partner, year: t.year ?? reading.year, amount: total.value, expected, field: FIELD_LABEL[f] },
          { file: reading.file, sheet: reading.sheet, row: t.row, col: cell.col },
        ),
      );
    }
    previousTotals++;
    if (isSub) sawSubtotal = true;
  }
  return out;
}
