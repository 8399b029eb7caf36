import { LINE_POINTS, wrappedLines, wrappedRowHeight } from '../../../src/core/sheets/wrap-text';

describe('wrappedLines: lines a text takes in a column, word by word', () => {
  it.each<[string, number, number]>([
    ['', 10, 1],
    ['court', 10, 1],
    ['dix lettre', 10, 1],
    ['onze lettres', 10, 2],
    ['un deux trois quatre cinq', 10, 4], // un deux | trois | quatre | cinq
    ['anticonstitutionnellement', 10, 3], // a word longer than the line is cut into pieces
    ['ligne un\nligne deux', 40, 2],
    ["2 — Valoriser et développer l'offre d'animation globale et les approches participatives", 56, 2],
  ])('%j in %i characters: %i line(s)', (text, width, lines) => {
    expect(wrappedLines(text, width)).toBe(lines);
  });

  it('row height: the tallest cell of the row, one line at least', () => {
    expect(wrappedRowHeight([null, 'court'], [10, 10])).toBe(LINE_POINTS);
    expect(wrappedRowHeight(['un deux trois quatre cinq', 'court'], [10, 10])).toBe(4 * LINE_POINTS);
  });
});
