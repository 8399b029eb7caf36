import { containsPhrase, normaliseText, tokens } from '../../../src/core/parse/normalise-text';

describe('normaliseText', () => {
  test.each<[string, string]>([
    ['Montant voté (€)', 'montant vote'],
    ['  Nom de la  STRUCTURE ', 'nom de la structure'],
    ["Nature de l'aide", 'nature de l aide'],
    ['Nature de l’aide', 'nature de l aide'],
    ['Cœur d’Ardèche', 'coeur d ardeche'],
    ['N° SIRET', 'n siret'],
    ['C.S. Le Pouzin', 'c s le pouzin'],
    ['Élan — Äéïôù', 'elan aeiou'],
    ['', ''],
    ['---', ''],
  ])('%p → %p', (s, expected) => {
    expect(normaliseText(s)).toBe(expected);
  });

  test('tokens and containsPhrase', () => {
    expect(tokens('Mt accordé 2019')).toEqual(['mt', 'accorde', '2019']);
    expect(tokens('  ')).toEqual([]);
    expect(containsPhrase(['montant', 'vote', 'euros'], ['montant', 'vote'])).toBe(true);
    expect(containsPhrase(['vote', 'montant'], ['montant', 'vote'])).toBe(false);
    expect(containsPhrase(['a'], [])).toBe(false);
  });
});
