/**
 * Metamorphic relations that hold today (issue 24): the same world written in two layouts gives the
 * same dataset — lines read, totals per partner × year, structures, conventions, and the erreur/alerte
 * findings with their values (code, partner, year, structure, amounts), wherever they are written.
 * Every funding file of the world is written by the family writer (scripts/world/families.ts) with the
 * base spec, then with the variant; lists and conventions files are the same bytes in both.
 * Every relation of RELATIONS holds: the four that failed on f2b8b83 (K€ in a header or a title,
 * year blocks side by side, the name once per group) hold since the import reads a sheet's context.
 */
import { differences, RELATIONS, specSignature } from '../../scripts/eval/metamorphic';

const SEEDS = [3, 11];
const HOLDING = [
  'colonne de montants inutilisée « Reste à verser »',
  'colonne de commentaires',
  'montants en K€ (en-tête « (K€) »)',
  'montants en K€ (titre « en milliers d’euros »)',
  'exercices en blocs côte à côte',
  'nom de la structure fusionné sur le groupe plutôt que recopié',
  'nom de la structure écrit une fois par groupe plutôt que recopié',
  'pieds de page et en-tête répété',
  'ordre des colonnes mélangé',
];

describe('metamorphic relations: same world, two layouts, same dataset', () => {
  test('the base layout is read (the relations compare something)', async () => {
    for (const seed of SEEDS) {
      const s = await specSignature(seed, {});
      expect(s.lines).toBeGreaterThan(100);
      expect(Object.keys(s.totals).length).toBeGreaterThan(5);
    }
  });

  const cases = RELATIONS.filter((r) => HOLDING.includes(r.name)).flatMap((r) =>
    SEEDS.map((seed) => [r.name, seed, r] as const),
  );
  test.each(cases)('%s (seed %i)', async (_name, seed, r) => {
    const d = differences(await specSignature(seed, r.base), await specSignature(seed, r.variant));
    expect(d).toEqual([]);
  });

  test('every holding relation is a known relation, and every relation holds', () => {
    expect(HOLDING.every((n) => RELATIONS.some((r) => r.name === n))).toBe(true);
    expect(RELATIONS.map((r) => r.name).sort()).toEqual([...HOLDING].sort());
  });
});
