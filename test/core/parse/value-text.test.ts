import { parseAmount } from '../../../src/core/parse/parse-amount';
import { splitConventionCell } from '../../../src/core/parse/parse-convention-cell';
import { parseDate } from '../../../src/core/parse/parse-date';
import { parseDateBound, parsePeriod } from '../../../src/core/parse/parse-period';
import { parseSiret } from '../../../src/core/parse/parse-siret';
import { parseYear } from '../../../src/core/parse/parse-year';
import { MAX_VALUE_TEXT } from '../../../src/core/parse/value-text';

// a value padded inside to exactly the limit is read; one character more and it is not a value
const pad = (head: string, tail: string, length: number) => head + ' '.repeat(length - head.length - tail.length) + tail;
const HUGE = ['x'.repeat(5 * 1024 * 1024), 'ab '.repeat(2_000_000), '1 '.repeat(2_000_000) + 'mars 2019', 'lundi '.repeat(800_000) + '4 février 2019'];

describe.each([
  ['parseDate', (s: string) => parseDate(s), pad('12', 'mars 2019', MAX_VALUE_TEXT), '2019-03-12'],
  ['parseAmount', (s: string) => parseAmount(s), pad('1', '000 €', MAX_VALUE_TEXT), 1000],
  ['parseYear', (s: string) => parseYear(s), pad('exercice', '2019', MAX_VALUE_TEXT), 2019],
  ['parsePeriod', (s: string) => parsePeriod(s), pad('2019', '- 2022', MAX_VALUE_TEXT), { start: '2019-01-01', end: '2022-12-31' }],
  ['parseDateBound', (s: string) => parseDateBound(s, 'end'), pad('mars', '2019', MAX_VALUE_TEXT), '2019-03-31'],
  ['parseSiret', (s: string) => parseSiret(s), pad('412 345 678', '00012', MAX_VALUE_TEXT), '41234567800012'],
])('%s : au-delà de MAX_VALUE_TEXT caractères, un texte n’est pas une valeur', (_name, parse, atLimit, value) => {
  test(`${MAX_VALUE_TEXT} caractères : lu`, () => {
    expect(atLimit).toHaveLength(MAX_VALUE_TEXT);
    expect(parse(atLimit)).toEqual({ ok: true, value });
  });
  test(`${MAX_VALUE_TEXT + 1} caractères : pas une valeur, le texte gardé pour le message`, () => {
    const over = atLimit.replace(' ', '  ');
    expect(over).toHaveLength(MAX_VALUE_TEXT + 1);
    expect(parse(over)).toEqual(expect.objectContaining({ ok: false, empty: false, raw: over }));
  });
  test.each(HUGE.map((s) => [s.length, s]))('%i caractères : refusé sans erreur', (_n, s) => {
    expect(parse(s as string).ok).toBe(false);
  });
  test('des espaces autour ne comptent pas', () => {
    expect(parse(`   ${atLimit}   `)).toEqual({ ok: true, value });
  });
});

test('splitConventionCell : un paragraphe de plus de MAX_VALUE_TEXT caractères n’est pas « N° et date »', () => {
  expect(splitConventionCell(pad('CPO-2017-003', 'du 18/11/2016', MAX_VALUE_TEXT))).toEqual({ ref: 'CPO-2017-003', signedOn: '2016-11-18' });
  expect(splitConventionCell(pad('CPO-2017-003', 'du 18/11/2016', MAX_VALUE_TEXT + 1))).toBeUndefined();
  for (const s of HUGE) expect(splitConventionCell(s)).toBeUndefined();
});
