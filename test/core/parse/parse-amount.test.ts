import { parseAmount, roundCents } from '../../../src/core/parse/parse-amount';
import type { CellValue } from '../../../src/core/model/grid';

describe('parseAmount', () => {
  test.each<[CellValue, number]>([
    [12500, 12500],
    [12500.004, 12500],
    [0.125, 0.13],
    ['12 500,00 €', 12500],
    ['12\u00a0500,00\u00a0€', 12500],
    ['12\u202f500,50 €', 12500.5],
    ['12.500,5', 12500.5],
    ['1 200', 1200],
    ['31,3 k€', 31300], // a unit written with the amount
    ['31,3 K€', 31300],
    ['2 k euros', 2000],
    ['1,2 M€', 1200000],
    ['12,5 keur', 12500],
    ['5.000', 5000],
    ['5 000', 5000],
    ['12.500', 12500],
    ['1.234.567', 1234567],
    ['1.234.567,89', 1234567.89],
    ['1,234,567.89', 1234567.89],
    ['12.5', 12.5],
    ['12.50', 12.5],
    ['12,5', 12.5],
    ['1,200', 1.2], // French files write decimals with a comma
    ['-800', -800],
    ['− 800', -800],
    ['(1 200)', -1200],
    ['1200 EUR', 1200],
    ['1200 euros', 1200],
    ['€ 1 200', 1200],
    ["1'200", 1200],
    ['-', 0],
    ['—', 0],
    ['−', 0],
    ['Néant', 0],
    ['0', 0],
    ['  23 000,01 € ', 23000.01],
  ])('%p → %p', (input, expected) => {
    expect(parseAmount(input)).toEqual({ ok: true, value: expected });
  });

  test.each<[CellValue, string]>([
    ['en attente', 'en attente'],
    ['12 500 ou 13 000', '12 500 ou 13 000'],
    ['N/A', 'N/A'],
    [{ error: '#REF!' }, '#REF!'],
    [{ error: '#DIV/0!' }, '#DIV/0!'],
    [Number.NaN, 'NaN'],
    [true, 'true'],
    ['1 2 a', '1 2 a'],
    ['31 k', '31 k'], // « k » alone is no unit (a code, a size)
    ['k€', 'k€'],
  ])('%p is unreadable, not zero', (input, raw) => {
    expect(parseAmount(input)).toEqual({ ok: false, empty: false, raw });
  });

  test.each<CellValue>([null, '', '   '])('%p is empty', (input) => {
    expect(parseAmount(input)).toEqual({ ok: false, empty: true, raw: '' });
  });

  test('a date is not an amount', () => {
    expect(parseAmount(new Date('2019-01-01T00:00:00Z')).ok).toBe(false);
  });

  test('roundCents never gives -0', () => {
    expect(Object.is(roundCents(-0.001), 0)).toBe(true);
    expect(roundCents(0.1 + 0.2)).toBe(0.3);
  });
});
