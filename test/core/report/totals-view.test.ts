import { totalsView } from '../../../src/core/report/totals-view';
import type { SpecValue } from '../../../src/core/model/sheet-spec';
import { examplePipeline } from '../../adapters/office/example-pipeline';

const result = (v: SpecValue) => (typeof v === 'object' && v !== null && 'result' in v ? v.result : v);

describe('totalsView: the pane\'s « Totaux », the report\'s and the COPIL\'s figures', () => {
  it('partner × year is the report\'s totals; axis × year is the Synthèse COPIL\'s « Total » column', async () => {
    const r = await examplePipeline();
    const view = totalsView(r.dataset, r.reference);
    expect(view.byPartnerYear).toEqual(r.report.totals);
    expect(view.years).toEqual([...new Set(r.report.totals.map((t) => t.year))].sort());
    for (const year of r.annual.years) {
      const copil = r.sheets.find((s) => s.name === `Synthèse COPIL ${year}`)!;
      const rows = copil.blocks.flatMap((b) => b.cells);
      const axes = view.byAxis.filter((a) => a.year === year);
      expect(axes.length).toBeGreaterThanOrEqual(r.reference.plan.length);
      for (const a of axes) {
        const row = rows.find((c) => c[0] === a.label);
        if (!row) throw new Error(`ligne « ${a.label} » absente de ${copil.name}`);
        expect(result(row[row.length - 1])).toBeCloseTo(a.voted, 2);
      }
      // the axes add up to the year's total
      const total = r.report.totals.filter((t) => t.year === year).reduce((s, t) => s + t.voted, 0);
      expect(axes.reduce((s, a) => s + a.voted, 0)).toBeCloseTo(total, 2);
      expect(axes.reduce((s, a) => s + a.paid, 0)).toBeCloseTo(r.report.totals.filter((t) => t.year === year).reduce((s, t) => s + t.paid, 0), 2);
    }
  });
});
