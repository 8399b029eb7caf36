import { makeFinding } from './messages';
import type { Finding } from '../model/finding';
import { totalCoverage } from '../import/detect-total-rows';
import type { SheetReading } from '../import/read-sheet';

const FIELD_LABEL = { voted: 'montant voté', paid: 'montant versé', requested: 'montant demandé' } as const;

/**
 * A partner's own TOTAL / sous-total rows are read, not only skipped, and compared with every
 * plausible reading of the rows they cover (`totalCoverage`: its block, its level's block, its
 * label's group, every row above, the sum of the sub-totals above). TOTAL_SOURCE_ECART says the
 * partner's file is wrong: only when no reading gives the total and nothing leaves a misreading
 * of the sheet open; otherwise TOTAL_SOURCE_A_VERIFIER (info) says what was not settled.
 */
export function checkSourceTotals(reading: SheetReading): Finding[] {
  const out: Finding[] = [];
  if (reading.totals.length === 0) return out;
  const records = [...reading.records, ...(reading.otherDepartementRecords ?? [])];
  for (const c of totalCoverage(reading.totals, records, reading)) {
    if (c.reproduced) continue;
    const t = c.total;
    const at = { file: reading.file, sheet: reading.sheet, row: t.row, col: t.cells[c.field]?.col };
    const data = { partner: t.partner ?? reading.partner, year: t.year ?? reading.year, amount: c.amount, expected: c.expected, field: FIELD_LABEL[c.field] };
    if (c.unsettled)
      out.push(makeFinding('TOTAL_SOURCE_A_VERIFIER', { ...data, value: t.label, reason: c.unsettled.key, detail: c.unsettled.detail }, at));
    else out.push(makeFinding('TOTAL_SOURCE_ECART', data, at));
  }
  return out;
}
