import { parseDateBound, parsePeriod } from '../../../src/core/parse/parse-period';
import type { CellValue } from '../../../src/core/model/grid';

describe('parsePeriod', () => {
  test.each<[CellValue, string, string]>([
    ['2019-2022', '2019-01-01', '2022-12-31'],
    ['2019 - 2022', '2019-01-01', '2022-12-31'],
    ['2019 – 2022', '2019-01-01', '2022-12-31'],
    ['2019/2022', '2019-01-01', '2022-12-31'],
    ['2019 à 2022', '2019-01-01', '2022-12-31'],
    ['de 2019 à 2022', '2019-01-01', '2022-12-31'],
    ['du 01/07/2018 au 30/06/2021', '2018-07-01', '2021-06-30'],
    ['01/07/2018 - 30/06/2021', '2018-07-01', '2021-06-30'],
    ['2018-07-01 au 2021-06-30', '2018-07-01', '2021-06-30'],
    ['2020', '2020-01-01', '2020-12-31'],
    [2020, '2020-01-01', '2020-12-31'],
    ['mars 2019', '2019-03-01', '2019-03-31'],
    ['févr. 2020', '2020-02-01', '2020-02-29'],
    ['03/2019', '2019-03-01', '2019-03-31'],
    ['2019-11', '2019-11-01', '2019-11-30'],
    ['juin-2018', '2018-06-01', '2018-06-30'],
    ['2019-01-01/2019-12-31', '2019-01-01', '2019-12-31'], // ISO 8601 interval (SCDL datesPeriodeVersement)
    ['2018-01-04_2021-06-21', '2018-01-04', '2021-06-21'], // as older SCDL exports wrote it
  ])('%p → %s … %s', (v, start, end) => {
    expect(parsePeriod(v)).toEqual({ ok: true, value: { start, end } });
  });
  test.each<CellValue>(['2022-2019', '2019-12-31/2019-01-01', 'trois ans', '01/01/2019', { error: '#REF!' }])('%p is unreadable', (v) => {
    expect(parsePeriod(v)).toMatchObject({ ok: false, empty: false });
  });
  test('empty', () => expect(parsePeriod(null)).toEqual({ ok: false, empty: true, raw: '' }));
});

describe('parseDateBound: a start or end cell', () => {
  test.each<[CellValue, 'start' | 'end', string]>([
    [2019, 'start', '2019-01-01'],
    [2022, 'end', '2022-12-31'],
    ['2019', 'end', '2019-12-31'],
    ['mars 2019', 'start', '2019-03-01'],
    ['févr. 2020', 'end', '2020-02-29'],
    ['03/2019', 'end', '2019-03-31'],
    ['2019-11', 'start', '2019-11-01'],
    ['juin-2018', 'end', '2018-06-30'],
    // a day stays that day, whichever the bound
    ['15/03/2019', 'end', '2019-03-15'],
    [43344, 'start', '2018-09-01'],
  ])('%p (%s) → %s', (input, bound, expected) => {
    expect(parseDateBound(input, bound)).toEqual({ ok: true, value: expected });
  });

  test.each<CellValue>(['13/2019', 'Année 2019', '2019-13', 'bientôt'])('%p is unreadable', (input) => {
    expect(parseDateBound(input, 'start').ok).toBe(false);
  });
});
