import { parsePeriod } from '../../../src/core/parse/parse-period';
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
  ])('%p → %s … %s', (v, start, end) => {
    expect(parsePeriod(v)).toEqual({ ok: true, value: { start, end } });
  });
  test.each<CellValue>(['2022-2019', 'trois ans', '01/01/2019', { error: '#REF!' }])('%p is unreadable', (v) => {
    expect(parsePeriod(v)).toMatchObject({ ok: false, empty: false });
  });
  test('empty', () => expect(parsePeriod(null)).toEqual({ ok: false, empty: true, raw: '' }));
});
