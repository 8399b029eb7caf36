import { parseBool } from '../../../src/core/parse/parse-bool';
import { parseSiret } from '../../../src/core/parse/parse-siret';
import type { CellValue } from '../../../src/core/model/grid';

describe('parseSiret', () => {
  test.each<[CellValue, string]>([
    ['41234567800011', '41234567800011'],
    ['412 345 678 00011', '41234567800011'],
    ['412.345.678.00011', '41234567800011'],
    ['412\u00a0345\u00a0678\u00a000011', '41234567800011'],
    [41234567800011, '41234567800011'],
    [1234567800011, '01234567800011'], // a number loses its leading zero
    ['412345678', '412345678'], // SIREN kept as is
  ])('%p → %p', (input, expected) => {
    expect(parseSiret(input)).toEqual({ ok: true, value: expected });
  });

  test.each<CellValue>(['4123456780001', 'en cours', '412345678000111', { error: '#N/A' }])('%p is not a SIRET', (input) => {
    expect(parseSiret(input).ok).toBe(false);
  });

  test('empty', () => {
    expect(parseSiret(null)).toEqual({ ok: false, empty: true, raw: '' });
    expect(parseSiret('  ')).toEqual({ ok: false, empty: true, raw: '' });
  });
});

describe('parseBool', () => {
  test.each<[CellValue, boolean]>([
    ['Oui', true],
    ['OUI', true],
    ['o', true],
    ['X', true],
    ['x', true],
    ['Vrai', true],
    [true, true],
    [1, true],
    ['Non', false],
    ['N', false],
    ['non', false],
    ['Faux', false],
    [false, false],
    [0, false],
  ])('%p → %p', (input, expected) => {
    expect(parseBool(input)).toEqual({ ok: true, value: expected });
  });

  test.each<CellValue>(['peut-être', 2, 'oui et non'])('%p is unreadable', (input) => {
    expect(parseBool(input).ok).toBe(false);
  });

  test.each<CellValue>([null, '', ' '])('%p is empty', (input) => {
    expect(parseBool(input)).toEqual({ ok: false, empty: true, raw: '' });
  });
});
