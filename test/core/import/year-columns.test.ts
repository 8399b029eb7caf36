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
    [
      'two unknown words in the same order under every year: the decision, then the payment',
      ['Equipement', 'Année 2017 Notifié', 'Année 2017 Soldé', '2018 Notifié', '2018 Soldé'],
      [[2017, 'Année 2017 Notifié=voted, Année 2017 Soldé=paid'], [2018, '2018 Notifié=voted, 2018 Soldé=paid']],
    ],
    [
      '« Exercice 2020 Engagé » names its own year: a measure of the pattern, not the year column',
      ['Structure', '2019 Engagé', '2019 Mandaté', 'Exercice 2020 Engagé', 'Exercice 2020 Mandaté'],
      [[2019, '2019 Engagé=voted, 2019 Mandaté=paid'], [2020, 'Exercice 2020 Engagé=voted, Exercice 2020 Mandaté=paid']],
    ],
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
