/**
 * Calculation and screen updating around a write (issue 25, items 3 and 4): formulas are written
 * without a result and calculation is suspended, so the write ends with a calculation (charts and
 * amounts would show 0 until F9 otherwise, always so when calculation is manual); screen updating
 * is suspended for the round trips that write cells, not spent on the first one (metadata).
 */
import type { SheetSpec } from '../../../src/core/model/sheet-spec';
import { applyPatches } from '../../../src/adapters/office/apply-patches';
import { writeSheets } from '../../../src/adapters/office/write-sheets';
import { examplePipeline } from './example-pipeline';
import { FakeWorkbook } from './fake-excel';

const withFormula: SheetSpec = {
  name: 'Synthèse',
  role: 'synthese',
  blocks: [{ startRow: 1, cells: [['Total', 10, 20, { formula: 'SUM(B1:C1)', result: 30 }]] }],
  tables: [],
};

describe('office adapter: formulas calculated, screen suspended while cells are written', () => {
  for (const mode of ['Automatic', 'Manual'] as const) {
    it(`no formula is left without its result once a write ends (calculation ${mode === 'Manual' ? 'manuelle' : 'automatique'})`, async () => {
      const wb = new FakeWorkbook();
      wb.calculationMode = mode;
      await writeSheets(wb.run, [withFormula], { caps: wb.caps });
      expect(wb.cell('Synthèse', 'D1')!.formula).toBe('=SUM(B1:C1)');
      expect(wb.staleFormulas()).toEqual([]);
      wb.addSheet('Prog', [['Action', 'CAF']]);
      await applyPatches(wb.run, [{ sheet: 'Prog', cells: [{ row: 2, col: 2, value: { formula: 'SUM(B1:B1)', result: 0 } }] }], wb.caps);
      expect(wb.staleFormulas()).toEqual([]);
      expect(wb.calculations).toBe(2);
    });
  }

  it('the examples: every cell written with the screen suspended, in few round trips', async () => {
    const { sheets } = await examplePipeline();
    const wb = new FakeWorkbook();
    await writeSheets(wb.run, sheets, { caps: wb.caps });
    expect(wb.liveScreenWrites).toBe(0);
    // blocks of several sheets share a round trip: the suspension is asked once per write round trip
    expect(wb.screenSuspensionsPerRun[0]).toBeLessThanOrEqual(2);
    // the whole re-fill too (clearing included)
    const before = wb.liveScreenWrites;
    await writeSheets(wb.run, sheets, { caps: wb.caps });
    expect(wb.liveScreenWrites - before).toBe(0);
    expect(wb.staleFormulas()).toEqual([]);
  }, 60_000);
});
