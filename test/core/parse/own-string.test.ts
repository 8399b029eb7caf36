import { ownString } from '../../../src/core/parse/own-string';

describe('ownString: a copy of a cell text, equal to it', () => {
  const xml = '<row><c t="inlineStr"><is><t>Centre social Les Oliviers — Aubenas</t></is></c></row>';
  test.each([
    ['a short text', 'CAF'],
    ['a long text cut out of XML', xml.slice(27, 63)],
    ['accents, quotes, backslashes, controls', 'L’Escale « ÉVS » "x" \\ \t\r\n fin de texte'],
    ['a lone surrogate', 'texte \ud800 coupé au milieu'],
    ['a text looking like JSON', '{"a": [1, 2]} et encore du texte'],
  ])('%s', (_, s) => {
    expect(ownString(s)).toBe(s);
  });
});
