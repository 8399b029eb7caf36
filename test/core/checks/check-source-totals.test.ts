import { checkSourceTotals } from '../../../src/core/checks/check-source-totals';
import { readSheet } from '../../../src/core/import/read-sheet';
import { defaultReference } from '../../../src/core/reference/default-reference';
import type { CellValue } from '../../../src/core/model/grid';
import { grid } from '../../fixtures/build';

const ref = defaultReference();
const check = (rows: CellValue[][]) => checkSourceTotals(readSheet(grid(rows, { file: 'CAF_2019.xlsx', sheet: 'PS 2019' }), ref));

describe('TOTAL_SOURCE_ECART: the partner’s own totals are checked', () => {
  test('a right total: nothing', () => {
    expect(check([['Structure', 'Montant voté', 'Montant versé'], ['CS A', 100, 50], ['CS B', 200.5, 50], ['TOTAL', 300.5, 100]])).toEqual([]);
  });

  test('a wrong total: one finding on the total cell, with both amounts, per amount column', () => {
    const f = check([['Structure', 'Montant voté', 'Montant versé'], ['CS A', 100, 50], ['CS B', 200, 50], ['TOTAL', 310, 100]]);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ code: 'TOTAL_SOURCE_ECART', severity: 'alerte', amount: 310, expected: 300, partner: 'CAF', year: 2019 });
    expect(f[0].location).toEqual({ file: 'CAF_2019.xlsx', sheet: 'PS 2019', row: 4, col: 'B' });
    expect(f[0].message).toMatch(/310,00 €.*300,00 €/);
  });

  test('sous-totals cover their block, the grand total the whole sheet', () => {
    const rows: CellValue[][] = [
      ['Structure', 'Montant voté'],
      ['CS A', 100],
      ['CS B', 200],
      ['Sous-total Nord', 300],
      ['CS C', 50],
      ['Sous-total Sud', 50],
      ['Total général', 350],
    ];
    expect(check(rows)).toEqual([]);
    const wrong = check(rows.map((r) => (r[0] === 'Sous-total Sud' ? ['Sous-total Sud', 60] : r)));
    expect(wrong.map((f) => [f.location?.row, f.amount, f.expected])).toEqual([[6, 60, 50]]);
  });

  test('one total per block, then a grand total', () => {
    expect(
      check([
        ['Structure', 'Montant voté'],
        ['CS A', 100],
        ['Total 2019', 100],
        ['CS B', 200],
        ['Total 2020', 200],
        ['Total général', 300],
      ]),
    ).toEqual([]);
  });

  test('the total counts rows of other départements the sheet also lists', () => {
    expect(
      check([
        ['Département', 'Structure', 'Mt accordé'],
        ['07', 'CS A', 100],
        ['26', 'CS Drôme', 40],
        ['TOTAL', null, 140],
      ]),
    ).toEqual([]);
  });

  test('a total without a readable value (formula never computed) is not compared', () => {
    expect(check([['Structure', 'Montant voté'], ['CS A', 100], ['TOTAL', null]])).toEqual([]);
    expect(check([['Structure', 'Montant voté'], ['CS A', 100], ['TOTAL', { error: '#REF!' }]])).toEqual([]);
  });
});

test('a wrong grand total after sous-totals is compared with the whole sheet', () => {
  const f = check([
    ['Structure', 'Montant voté'],
    ['CS A', 100],
    ['Sous-total Nord', 100],
    ['CS B', 50],
    ['Sous-total Sud', 50],
    ['Total général', 170],
  ]);
  expect(f.map((x) => [x.location?.row, x.amount, x.expected])).toEqual([[6, 170, 150]]);
});
