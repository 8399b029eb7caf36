import type { Dataset, Reference } from '../model/domain';
import { roundCents } from '../parse/parse-amount';
import { FundingFormulas } from '../sheets/funding-formulas';
import { totalsByPartnerYear, type Report } from './build-report';

/** Voted and paid of one year, for one axis of the plan (or the lines funding no axis). */
export interface AxisTotal {
  year: number;
  /** Axis code; undefined = lines that fund no axis of the plan (« Non rattaché au plan »). */
  axis?: string;
  label: string;
  voted: number;
  paid: number;
  /** The same, partner by partner (partners with an amount only). */
  byPartner: { partner: string; voted: number; paid: number }[];
}

export interface TotalsView {
  years: number[];
  /** The report's totals (`report.totals`): voted and paid per partner and year. */
  byPartnerYear: Report['totals'];
  /** Per year and axis, as the Synthèse COPIL sheet sums them (SUMIFS over Financements). */
  byAxis: AxisTotal[];
}

/**
 * The figures a financial officer compares with their own books before writing the workbook:
 * the report's partner × year totals and the COPIL's axis totals, from the same sums.
 */
export function totalsView(ds: Dataset, ref: Reference): TotalsView {
  const byPartnerYear = totalsByPartnerYear(ds);
  const ff = new FundingFormulas(ds.fundings);
  const years = [...new Set(byPartnerYear.map((t) => t.year))].sort((a, b) => a - b);
  const partners = [...new Set(byPartnerYear.map((t) => t.partner))];
  const byAxis: AxisTotal[] = [];
  for (const year of years) {
    const ofYear = byPartnerYear.filter((t) => t.year === year);
    const axes = ref.plan.map((a) => {
      const byPartner = partners
        .map((partner) => ({ partner, voted: ff.sum('voted', { year, axis: a.code, partner }), paid: ff.sum('paid', { year, axis: a.code, partner }) }))
        .filter((p) => p.voted || p.paid);
      return { year, axis: a.code, label: `${a.code} — ${a.label}`, voted: ff.sum('voted', { year, axis: a.code }), paid: ff.sum('paid', { year, axis: a.code }), byPartner };
    });
    // what no axis holds: the year's total minus the axes (the COPIL's « Non rattaché au plan » line)
    const rest = ofYear
      .map((t) => {
        const inAxes = axes.reduce((s, a) => s + (a.byPartner.find((p) => p.partner === t.partner)?.voted ?? 0), 0);
        const paidInAxes = axes.reduce((s, a) => s + (a.byPartner.find((p) => p.partner === t.partner)?.paid ?? 0), 0);
        return { partner: t.partner, voted: roundCents(t.voted - inAxes), paid: roundCents(t.paid - paidInAxes) };
      })
      .filter((p) => p.voted || p.paid);
    byAxis.push(...axes);
    if (rest.length)
      byAxis.push({
        year,
        label: 'Non rattaché au plan',
        voted: roundCents(rest.reduce((s, p) => s + p.voted, 0)),
        paid: roundCents(rest.reduce((s, p) => s + p.paid, 0)),
        byPartner: rest,
      });
  }
  return { years, byPartnerYear, byAxis };
}
