import { mapColumns, scoreLabel, MIN_CONFIDENCE } from '../../../src/core/import/map-columns';
import type { Field } from '../../../src/core/import/fields';

const fieldOf = (labels: string[]) => Object.fromEntries(mapColumns(labels).map((c) => [c.header, c.field]));

describe('mapColumns: French synonyms, case and accents', () => {
  test.each<[string, Field]>([
    ['Montant voté (€)', 'voted'],
    ['MONTANT VOTE', 'voted'],
    ['Mt accordé', 'voted'],
    ['Subvention accordée', 'voted'],
    ['Montant attribué 2019', 'voted'],
    ['Montant versé', 'paid'],
    ['Mt payé', 'paid'],
    ['Montant demandé', 'requested'],
    ['Bénéficiaire', 'structureName'],
    ['Nom de la structure', 'structureName'],
    ['Nom du bénéficiaire', 'structureName'],
    ['C.P.', 'postalCode'], // initials with dots are one word
    ['LIBELLÉ STRUCTURE', 'structureName'], // "the label of": the complement is the entity
    ['Libellé de l’équipement', 'structureName'],
    ['Dénomination du bénéficiaire', 'structureName'],
    ['Intitulé du projet', 'object'],
    ['Libellé dispositif', 'dispositif'],
    ['Nom de la commune', 'commune'],
    ['Décision du', 'decisionDate'],
    ['Convention signée le', 'signedOn'], // alone, without a « N° convention » column to take the reference
    ['AGREE DEPUIS LE', 'agrementStart'],
    ['Libellé', 'object'],
    ['Structure bénéficiaire', 'structureName'],
    ['Exercice', 'year'],
    ['Année', 'year'],
    ['ANNEE', 'year'],
    ['N° SIRET', 'siret'],
    ['Siret', 'siret'],
    ["Nature de l'aide", 'dispositif'],
    ['Nature de l’aide', 'dispositif'],
    ['Dispositif', 'dispositif'],
    ['Action du schéma', 'plan'],
    ['Axe', 'plan'],
    ['Ville', 'commune'],
    ['Code postal', 'postalCode'],
    ['Département', 'departement'],
    ['Date de décision', 'decisionDate'],
    ['Date de la commission permanente', 'decisionDate'],
    ['N° convention', 'conventionRef'],
    ['Code INSEE', 'inseeCode' as Field],
  ])('%p → %p', (label, field) => {
    expect(fieldOf([label])).toEqual({ [label]: field });
  });

  test('an exact synonym scores 1, a synonym inside a longer label less, unrelated 0', () => {
    expect(scoreLabel('Montant voté', 'voted')).toBe(1);
    const partial = scoreLabel('Montant voté par la commission', 'voted');
    expect(partial).toBeGreaterThanOrEqual(MIN_CONFIDENCE);
    expect(partial).toBeLessThan(1);
    expect(scoreLabel('Téléphone', 'voted')).toBe(0);
  });

  test('each field takes one column and the best label wins it; requested and paid are not taken for voted', () => {
    expect(fieldOf(['Structure', 'Montant demandé', 'Montant', 'Montant versé'])).toEqual({
      Structure: 'structureName',
      'Montant demandé': 'requested',
      Montant: 'voted',
      'Montant versé': 'paid',
    });
  });

  test('"Commune" and "Code commune": the exact label keeps commune, the other is not a structure code', () => {
    const m = fieldOf(['Nom', 'Code commune', 'Commune']);
    expect(m.Commune).toBe('commune');
    expect(m['Code commune']).not.toBe('structureCode');
  });

  test('unknown labels are left out, with their confidence shown for the others', () => {
    const cols = mapColumns(['Téléphone', 'Bénéficiaire', '', 'Courriel']);
    expect(cols).toHaveLength(1);
    expect(cols[0]).toEqual({ col: 1, header: 'Bénéficiaire', field: 'structureName', confidence: 1 });
  });

  test('overrides from a saved mapping win, and null ignores a column', () => {
    const cols = mapColumns(['Nom', 'Montant', 'Libre'], { Montant: 'paid', Nom: null, Libre: 'voted' });
    expect(cols.map((c) => [c.header, c.field])).toEqual([
      ['Montant', 'paid'],
      ['Libre', 'voted'],
    ]);
  });

  test('a plan sheet maps axes, objectives and actions, not funding fields', () => {
    expect(fieldOf(['Code axe', 'Axe', 'Code objectif', 'Objectif', 'Code action', 'Action'])).toEqual({
      'Code axe': 'axisCode',
      Axe: 'axisLabel',
      'Code objectif': 'objectiveCode',
      Objectif: 'objectiveLabel',
      'Code action': 'actionCode',
      Action: 'actionLabel',
    });
  });
});

describe('mapColumns: how finance software and other partners name columns', () => {
  test.each<[string[], Record<string, string>]>([
    [['Tiers', 'Campagne', 'Somme'], { Tiers: 'structureName', Campagne: 'year', Somme: 'voted' }],
    [['Nom du tiers', 'Montant sollicité', 'Montant proposé', 'Montant liquidé'], { 'Nom du tiers': 'structureName', 'Montant sollicité': 'requested', 'Montant proposé': 'voted', 'Montant liquidé': 'paid' }],
    [['Nom de l’association', 'Nature de l’aide', 'Montant de l’aide', 'Date de notification'], { 'Nom de l’association': 'structureName', 'Nature de l’aide': 'dispositif', 'Montant de l’aide': 'voted', 'Date de notification': 'decisionDate' }],
    [['Structure bénéficiaire', 'Montant demandé', 'Montant voté', 'Montant versé', 'Reste à verser'], { 'Structure bénéficiaire': 'structureName', 'Montant demandé': 'requested', 'Montant voté': 'voted', 'Montant versé': 'paid' }],
  ])('%j', (labels, expected) => {
    expect(fieldOf(labels)).toEqual(expected);
  });
});

test('"Reste à verser" is not the paid amount', () => {
  expect(fieldOf(['Structure', 'Montant voté', 'Reste à verser'])).toEqual({ Structure: 'structureName', 'Montant voté': 'voted' });
});
