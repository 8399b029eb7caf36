import { parseYear, yearInText } from '../../../src/core/parse/parse-year';
import type { CellValue } from '../../../src/core/model/grid';

describe('parseYear', () => {
  test.each<[CellValue, number]>([
    [2018, 2018],
    ['2018', 2018],
    [' 2019 ', 2019],
    ['2018.0', 2018],
    ['Exercice 2018', 2018],
    ['année 2020', 2020],
    [new Date(Date.UTC(2019, 5, 1)), 2019],
    ['01/09/2018', 2018],
    [43344, 2018], // a date serial in a year column
    ['2019 (DM1)', 2019],
    ['CP du 12/03/2019', 2019],
  ])('%p → %p', (input, expected) => {
    expect(parseYear(input)).toEqual({ ok: true, value: expected });
  });

  test.each<CellValue>(['deux mille dix-huit', { error: '#REF!' }, 2018.5, 'N/A', '18', 150, '2019-2020', '2019/2020'])('%p is unreadable', (input) => {
    const r = parseYear(input);
    expect(r.ok).toBe(false);
    expect(r.ok === false && r.empty).toBe(false);
  });

  test.each<CellValue>([null, '', '  '])('%p is empty', (input) => {
    expect(parseYear(input)).toEqual({ ok: false, empty: true, raw: '' });
  });
});

describe('yearInText', () => {
  test.each<[string, number | undefined]>([
    ['PS 2019', 2019],
    ['Subventions exercice 2020', 2020],
    ['CAF07_PS_2019-2020', undefined], // two years: none chosen
    ['Feuil1', undefined],
    ['Budget 20190', undefined],
    ['2019 et 2019', 2019],
    ['CP du 12/03/2019', 2019],
  ])('%p → %p', (text, expected) => {
    expect(yearInText(text)).toBe(expected);
  });
});
