import { parseDate, serialToIso } from '../../../src/core/parse/parse-date';
import type { CellValue } from '../../../src/core/model/grid';

describe('parseDate', () => {
  test.each<[CellValue, string]>([
    [43344, '2018-09-01'], // Excel serial
    [43344.5, '2018-09-01'], // serial with a time
    [new Date(Date.UTC(2018, 8, 1)), '2018-09-01'],
    ['01/09/2018', '2018-09-01'],
    ['1/9/2018', '2018-09-01'],
    ['1-9-18', '2018-09-01'],
    ['01.09.2018', '2018-09-01'],
    ['2018-09-01', '2018-09-01'],
    ['2018-9-1', '2018-09-01'],
    ['2018-09-01T00:00:00Z', '2018-09-01'],
    ['2017/09/08', '2017-09-08'], // year first with slashes (an open-data export)
    ['2017.09.08', '2017-09-08'],
    ['31/12/2019', '2019-12-31'],
    ['29/02/2020', '2020-02-29'],
    ['43344', '2018-09-01'],
    [' 01/01/2020 ', '2020-01-01'],
    ['12-mars-19', '2019-03-12'], // Excel's jj-mmm-aa shown as text
    ['12 mars 19', '2019-03-12'],
    ['1er-janv-2020', '2020-01-01'],
  ])('%p → %p', (input, expected) => {
    expect(parseDate(input)).toEqual({ ok: true, value: expected });
  });

  test.each<CellValue>(['31/02/2019', '29/02/2019', '13/13/2019', 'janvier', 'le 3', { error: '#VALUE!' }, new Date('x'), -5, true, '2019-13-01', 2019, '2019', 1900, 'mars 2019'])(
    '%p is unreadable',
    (input) => {
      const r = parseDate(input);
      expect(r.ok).toBe(false);
      expect(r.ok === false && r.empty).toBe(false);
    },
  );

  test.each<CellValue>([null, '', '  '])('%p is empty', (input) => {
    expect(parseDate(input)).toEqual({ ok: false, empty: true, raw: '' });
  });

  test('serials: 1 is 1900-01-01, 61 is 1900-03-01 (after the fictitious 29/02/1900)', () => {
    expect(serialToIso(61)).toBe('1900-03-01');
    expect(serialToIso(25569)).toBe('1970-01-01');
    expect(serialToIso(0)).toBeUndefined();
  });
});
