import { formContext, isNoteText, thousandsIn } from '../../../src/core/import/sheet-context';
import type { CellValue } from '../../../src/core/model/grid';

const form = (rows: CellValue[][]) => {
  const out = formContext({ file: 'f.xlsx', sheet: 's', rows: [...rows, ['Exercice', 'Montant voté']] }, rows.length);
  return Object.fromEntries(Object.entries(out).map(([f, v]) => [f, `${String(v!.value)}@${v!.col}${v!.row}`]));
};

describe('formContext: what a form states above its table', () => {
  test.each<[string, CellValue[][], Record<string, string>]>([
    ['« Équipement : X » in one cell', [['Équipement : Centre social X']], { structureName: 'Centre social X@A1' }],
    ['label and value in two cells', [['Structure', 'ASSO. LES AMANDIERS'], ['Commune', 'Privas'], ['SIREN', '853439768']], { structureName: 'ASSO. LES AMANDIERS@B1', commune: 'Privas@B2', siret: '853439768@B3' }],
    ['a value a little further right', [['Commune :', null, 'Aubenas']], { commune: 'Aubenas@C1' }],
    ['a label beside another label is no value', [['Commune', 'SIRET']], {}],
    ['a title names nothing', [['Fiche de suivi — Département de l’Ardèche']], {}],
  ])('%s', (_, rows, expected) => {
    expect(form(rows)).toEqual(expected);
  });
});

describe('units and notes', () => {
  test.each([
    ['Montant voté (K€)', true],
    ["Montants en milliers d'euros", true],
    ['Montant (k)', true],
    ['Montant voté (€)', false],
    ['Kiosque', false],
  ])('%s: thousands %p', (t, yes) => expect(thousandsIn(t)).toBe(yes));
  test.each([
    ['Édité le 12/03/2021 — Page 2/5', true],
    ['Page 3 sur 7', true],
    ['Source : Département', true],
    ['2/5', true],
    ['Centre social Les Oliviers', false],
    ['Total 2019', false],
  ])('%s: note %p', (t, yes) => expect(isNoteText(t)).toBe(yes));
});
