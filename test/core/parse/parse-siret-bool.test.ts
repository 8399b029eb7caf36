import { parseBool } from '../../../src/core/parse/parse-bool';
import { luhnOk, parseSiret, siretKeyOk } from '../../../src/core/parse/parse-siret';
import type { CellValue } from '../../../src/core/model/grid';

describe('parseSiret', () => {
  test.each<[CellValue, string]>([
    ['41234567800012', '41234567800012'],
    ['412 345 678 00012', '41234567800012'],
    ['412.345.678.00012', '41234567800012'],
    ['412\u00a0345\u00a0678\u00a000012', '41234567800012'],
    [41234567800012, '41234567800012'],
    [1234567800010, '01234567800010'], // a number loses its leading zero
    ['412345670', '412345670'], // SIREN kept as is
    ['412\u202f345\u202f670', '412345670'], // thin spaces
    ['356000000', '356000000'], // La Poste's SIREN
    ['35600000000048', '35600000000048'], // La Poste's head office: an ordinary Luhn key
    ['35600000000015', '35600000000015'], // a La Poste establishment: digit sum 20, not Luhn-valid
  ])('%p → %p', (input, expected) => {
    expect(parseSiret(input)).toEqual({ ok: true, value: expected });
  });

  test.each<CellValue>(['4123456780001', 'en cours', '412345678000111', { error: '#N/A' }])('%p is not a SIRET', (input) => {
    expect(parseSiret(input).ok).toBe(false);
  });

  // a single mistyped digit, or two swapped digits, breaks the Luhn key
  test.each<CellValue>([
    '41234567800011',
    '41234567800021',
    '412 345 678 00013',
    41234567800013,
    '412345678',
    '14234567800012',
    '35600000000016', // La Poste, digit sum 21
    '35600000000049', // the head office with a wrong key
  ])('%p: wrong check digit', (input) => {
    expect(parseSiret(input)).toEqual({ ok: false, empty: false, raw: String(input), reason: 'checksum' });
  });

  test.each(['35600000000001', '35600000000010', '35600000000015'])('La Poste %p: accepted by the digit-sum rule only', (s) => {
    expect(luhnOk(s)).toBe(false);
    expect(siretKeyOk(s)).toBe(true);
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
