import { isSubtotalLabel, isUnlabelledTotal, totalGroup, totalLabel, totalLevel } from '../../../src/core/import/detect-total-rows';
import type { CellValue } from '../../../src/core/model/grid';

describe('totalLabel: the words that open a partner’s total row', () => {
  test.each<[CellValue[], string | undefined]>([
    [['TOTAL', 350], 'TOTAL'],
    [['Total 2019', 350], 'Total 2019'],
    [['TOTAL GÉNÉRAL', 350], 'TOTAL GÉNÉRAL'],
    [['Sous-total AJIR', 300], 'Sous-total AJIR'],
    [['S/Total Nord', 300], 'S/Total Nord'],
    [['Totaux', 350], 'Totaux'],
    [['Montant total', 350], 'Montant total'],
    [['MONTANT TOTAL 2019', 350], 'MONTANT TOTAL 2019'],
    [[null, '  Montant  total ', 350], 'Montant  total'],
    [['Ensemble', 350], 'Ensemble'],
    [['ENSEMBLE DES STRUCTURES', 350], 'ENSEMBLE DES STRUCTURES'],
    [['', 'Ensemble', null, 350], 'Ensemble'],
    [['Cumul', 350], 'Cumul'],
    [['Somme', 350], 'Somme'],
    // data rows and header words
    [['Centre social Ensemble', 350], undefined],
    [['CS Le Montant', 350], undefined],
    [['Montant notifié', 'Montant voté'], undefined],
    [['Somme allouée', 350], undefined],
    [['Totalement', 350], undefined],
    [[350, 'CS du Pouzin'], undefined],
  ])('%p → %p', (row, label) => {
    expect(totalLabel(row)).toBe(label);
  });

  test('the label is looked for in the leading cells only', () => {
    expect(totalLabel([...Array<CellValue>(15).fill(null), 'Montant total'])).toBe('Montant total');
    expect(totalLabel([...Array<CellValue>(16).fill(null), 'Montant total'])).toBeUndefined();
  });
});

describe('sub-totals and totals without words', () => {
  test.each<[string, boolean]>([
    ['Sous-total AJIR', true],
    ['S/Total Nord', true],
    ['sous total', true],
    ['TOTAL GÉNÉRAL', false],
    ['Montant total', false],
    ['Ensemble', false],
  ])('%p is a sub-total: %p', (label, sub) => {
    expect(isSubtotalLabel(label)).toBe(sub);
  });

  test('a row naming no structure whose amount is the sum of the rows above', () => {
    expect(isUnlabelledTotal(300, [100, 200], false)).toBe(true);
    expect(isUnlabelledTotal(300, [100, 200], true)).toBe(false);
    expect(isUnlabelledTotal(300, [300], false)).toBe(false);
    expect(isUnlabelledTotal(310, [100, 200], false)).toBe(false);
    expect(isUnlabelledTotal(undefined, [100, 200], false)).toBe(false);
  });
});

describe('one rule for a total’s level and the group its label names', () => {
  test.each<[string, 'sub' | 'group' | 'grand', { year?: number; words: string[] } | undefined]>([
    ['Sous-total AJIR', 'sub', { year: undefined, words: ['ajir'] }],
    ['S/Total Nord', 'sub', { year: undefined, words: ['nord'] }],
    ['Total 2019', 'group', { year: 2019, words: [] }],
    ['TOTAL VOTÉ 2019', 'group', { year: 2019, words: [] }],
    ['Total Centre social Les Oliviers', 'group', { year: undefined, words: ['centre', 'social', 'oliviers'] }],
    ['Total CAF 2020', 'group', { year: 2020, words: ['caf'] }],
    ['TOTAL', 'grand', undefined],
    ['Total général', 'grand', undefined],
    ['TOTAL GÉNÉRAL DES SUBVENTIONS', 'grand', undefined],
    ['Montant total versé', 'grand', undefined],
    ['ENSEMBLE DES STRUCTURES', 'grand', undefined],
    ['Total (sans libellé)', 'grand', undefined],
  ])('%p: %s', (label, level, group) => {
    expect(totalLevel(label)).toBe(level);
    expect(totalGroup(label)).toEqual(group);
  });
});
