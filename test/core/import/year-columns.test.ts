import { detectYearColumns } from '../../../src/core/import/year-columns';
import { mapColumns } from '../../../src/core/import/map-columns';

const groupsOf = (labels: string[]) => {
  const r = detectYearColumns(labels, mapColumns(labels));
  return r?.groups.map((g) => [g.year, g.columns.map((c) => `${c.header}=${c.field}`).join(', ')]);
};

describe('detectYearColumns: a measure repeated per year is one pattern', () => {
  test.each([
    ['an unknown word beside « Mandaté » in every year is the voted amount', ['Structure', 'Enveloppe 2018', 'Mandaté 2018', 'Enveloppe 2019', 'Mandaté 2019'], [[2018, 'Enveloppe 2018=voted, Mandaté 2018=paid'], [2019, 'Enveloppe 2019=voted, Mandaté 2019=paid']]],
    ['beside « Voté », the paid amount', ['Structure', 'Voté 2018', 'Arbitrage 2018', 'Voté 2019', 'Arbitrage 2019'], [[2018, 'Voté 2018=voted, Arbitrage 2018=paid'], [2019, 'Voté 2019=voted, Arbitrage 2019=paid']]],
  ])('%s', (_, labels, groups) => {
    expect(groupsOf(labels)).toEqual(groups);
  });

  test('an unknown word in one year only is no pattern: left to the ledger (money in a column not used)', () => {
    expect(groupsOf(['Structure', 'Enveloppe 2018', 'Mandaté 2018', 'Voté 2019', 'Mandaté 2019'])).toEqual([
      [2018, 'Mandaté 2018=paid'],
      [2019, 'Voté 2019=voted, Mandaté 2019=paid'],
    ]);
  });
});
