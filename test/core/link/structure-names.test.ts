import { distinctiveName, sameStructureName, splitName } from '../../../src/core/link/structure-names';

describe('distinctiveName: the one comparison key of matching, lists merging and structures read from lines', () => {
  test.each<[string, string]>([
    ['Centre social Le Pouzin', 'pouzin'],
    ['CS du Pouzin', 'pouzin'],
    ['C.S. Le Pouzin', 'pouzin'],
    ['CENTRE SOCIO-CULTUREL DU POUZIN', 'pouzin'],
    ['CS Le Grand Pré (Bourg-St-Andéol)', 'grand pre'],
    ['CS Le Grand Pré ( Bourg Saint Andéol ) ', 'grand pre'],
    ['Les Terrasses – La Voulte-sur-Rhône', 'terrasses'],
    ['Les Terrasses - Tournon', 'terrasses'],
    ['Les Terrasses — Tournon', 'terrasses'],
    ['Espace de vie sociale Les Tilleuls', 'tilleuls'],
    ['EVS Les Tilleuls (Burzet)', 'tilleuls'],
    ['Foyer rural de Saint-Agrève', 'saint agreve'],
    ['CS St-Agrève', 'saint agreve'],
    ['FACS 07', 'facs'],
    ['CS 26 La Forge', 'forge'],
    ["C.S. L'Escale", 'escale'],
    ['Centre social', ''], // only generic words: nothing to compare
    ['Centre social Bourg-Saint-Andéol', 'bourg saint andeol'], // a hyphen without spaces joins words
  ])('%p → %p', (name, key) => {
    expect(distinctiveName(name)).toBe(key);
  });

  test.each<[string, { base: string; tail?: string; bracketed?: boolean }]>([
    ['CS Le Grand Pré (Bourg-Saint-Andéol)', { base: 'CS Le Grand Pré', tail: 'Bourg-Saint-Andéol', bracketed: true }],
    ['Les Terrasses – La Voulte', { base: 'Les Terrasses', tail: 'La Voulte' }],
    ['Espace Jeunes - Vie locale', { base: 'Espace Jeunes', tail: 'Vie locale' }],
    ['Saint-Agrève', { base: 'Saint-Agrève' }],
    ['CS (ancien) Le Moulin', { base: 'CS (ancien) Le Moulin' }],
  ])('splitName(%p)', (name, split) => {
    expect(splitName(name)).toEqual(split);
  });

  test.each<[string, string | undefined, string, string | undefined, boolean]>([
    ['CS du Pouzin', undefined, 'Centre social Le Pouzin', undefined, true],
    ['Les Tilleuls (Burzet)', undefined, 'Espace de vie sociale Les Tilleuls', 'Burzet', true],
    ['Les Tilleuls – Burzet', undefined, 'EVS Les Tilleuls', 'Burzet', true],
    ['CS Le Grand Pré', 'Bourg-St-Andéol', 'Centre social Le Grand Pré (Bourg-Saint-Andéol)', undefined, true],
    ['Les Oliviers', 'Aubenas', 'Les Oliviers', 'Privas', false],
    ['Les Oliviers (Aubenas)', undefined, 'Les Oliviers (Privas)', undefined, false],
    ['CS Le Pouzin', undefined, 'CS Le Chambon', undefined, false],
    ['Centre social', undefined, 'Centre social', undefined, false],
  ])('%p (%p) and %p (%p) are one structure: %p', (a, ca, b, cb, same) => {
    expect(sameStructureName({ name: a, commune: ca }, { name: b, commune: cb })).toBe(same);
  });
});
