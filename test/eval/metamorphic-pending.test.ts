/**
 * Metamorphic relations the import does NOT hold yet (issue 24). Excluded from the default jest run
 * (jest.config.js testPathIgnorePatterns); run them with
 *   npx jest test/eval/metamorphic-pending.test.ts --testPathIgnorePatterns=/node_modules/ (path first: the option takes every word after it as a pattern)
 * They fail on purpose until the import reads these layouts; move each to metamorphic.test.ts (its
 * HOLDING list) when it passes. Same comparison as there: lines, totals per partner × year, structures,
 * conventions, erreur/alerte findings with their values.
 */
import { differences, RELATIONS, specSignature } from '../../scripts/eval/metamorphic';

const SEEDS = [3, 11];
const PENDING = [
  'montants en K€ (en-tête « (K€) »)',
  'montants en K€ (titre « en milliers d’euros »)',
  'exercices en blocs côte à côte',
  'nom de la structure écrit une fois par groupe plutôt que recopié',
];

describe('metamorphic relations pending (the import does not hold them yet)', () => {
  const cases = RELATIONS.filter((r) => PENDING.includes(r.name)).flatMap((r) =>
    SEEDS.map((seed) => [r.name, seed, r] as const),
  );
  test.each(cases)('%s (seed %i)', async (_name, seed, r) => {
    const d = differences(await specSignature(seed, r.base), await specSignature(seed, r.variant));
    expect(d).toEqual([]);
  });

  test('every pending relation is a known relation', () => {
    expect(PENDING.every((n) => RELATIONS.some((r) => r.name === n))).toBe(true);
  });
});
