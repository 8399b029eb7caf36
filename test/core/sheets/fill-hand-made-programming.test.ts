import type { Grid } from '../../../src/core/model/grid';
import type { FormulaCell } from '../../../src/core/model/sheet-spec';
import { runExamples } from '../../golden/examples-pipeline';

const handMade = (rows: Grid['rows']): Grid => ({ file: 'pilotage.xlsx', sheet: 'Prog 2019', rows });

describe('a programming sheet made by hand is filled in place', () => {
  test('amounts go into its own partner columns; what it has no row for is reported', async () => {
    const grid = handMade([
      ['Programmation 2019 — comité technique du 12 mars'],
      [],
      ['Code action', 'Intitulé', 'CAF', 'Département', 'MSA', 'Observations'],
      ['1.1.2', 'Cellule opérationnelle', null, null, null, 'ok'],
      ['4.6', 'Parentalité (objectif)', null, null, null, null],
      [null, 'Culture e(s)t lien social', null, null, null, null],
      ['4.7.1', 'Participation des personnes', null, null, null, 'à suivre'],
    ]);
    const r = await runExamples({ years: [2019], existing: [grid] });
    expect(r.sheets.map((s) => s.name)).not.toContain('Programmation 2019');
    expect(r.sheets.map((s) => s.name)).toContain('Synthèse COPIL 2019');
    expect(r.patches).toHaveLength(1);
    const at = (row: number, col: number) =>
      r.patches[0].cells.find((c) => c.row === row && c.col === col)?.value as FormulaCell | undefined;
    expect(r.patches[0].sheet).toBe('Prog 2019');
    expect(at(4, 3)!.result).toBe(6500); // 1.1.2 CAF (FACS, fonds propres)
    expect(at(4, 3)!.formula).toMatch(/^SUMIFS\('Financements'!\$J\$2:\$J\$\d+,.*"CAF".*2019.*"1\.1\.2"\)$/);
    expect(at(5, 3)!.result).toBe(21400); // objective 4.6: its actions and itself
    expect(at(7, 4)!.result).toBe(3800); // 4.7.1 Département
    // the user's own cells are never in the patch
    expect(r.patches[0].cells.some((c) => c.col === 6 || c.col <= 2)).toBe(false);
    const notPlaced = r.findings.filter((f) => f.code === 'PROGRAMMATION_NON_PLACEE');
    expect(notPlaced.map((f) => f.plan)).toContain('2');
    expect(notPlaced[0].message).toContain('« Prog 2019 »');
    expect(notPlaced[0].location).toEqual({ file: 'pilotage.xlsx', sheet: 'Prog 2019', row: 3 });
    // placed + not placed = every euro voted in 2019 by the partners with a column
    const placed = r.patches[0].cells
      .filter((c) => c.col >= 3 && c.col <= 5)
      .reduce((t, c) => t + Number((c.value as FormulaCell).result), 0);
    const missing = notPlaced.reduce((t, f) => t + (f.amount ?? 0), 0);
    const year = r.report.totals
      .filter((t) => t.year === 2019 && ['CAF', 'CD07', 'MSA'].includes(t.partner))
      .reduce((t, x) => t + x.voted, 0);
    expect(Math.round((placed + missing) * 100)).toBe(Math.round(year * 100));
  });

  test('without partner columns, amount columns are added after its last column', async () => {
    const grid = handMade([
      ['Action', 'Libellé', 'Notes'],
      ['1.1.1', "Points d'étape", 'x'],
      ['1.1.2', 'Cellule opérationnelle', null],
    ]);
    const r = await runExamples({ years: [2019], existing: [grid] });
    const cells = r.patches[0].cells;
    expect(cells.filter((c) => c.row === 1).map((c) => [c.col, c.value])).toEqual([
      [4, 'Voté CAF'],
      [5, 'Voté CD07'],
      [6, 'Voté MSA'],
      [7, 'Voté FACS'],
      [8, 'Total voté'],
    ]);
    const total = cells.find((c) => c.row === 3 && c.col === 8)!.value as FormulaCell;
    expect(total).toEqual({ formula: 'D3+E3+F3+G3', result: 6500 });
  });

  test('a sheet of another year, or without plan codes, is not taken', async () => {
    const other = { ...handMade([['Code'], ['1.1.1'], ['1.1.2']]), sheet: 'Prog 2020' };
    const notPlan = handMade([['Nom'], ['Dupont'], ['Durand']]);
    const r = await runExamples({ years: [2019], existing: [other, notPlan] });
    expect(r.patches).toEqual([]);
    expect(r.sheets.map((s) => s.name)).toContain('Programmation 2019');
  });
});
