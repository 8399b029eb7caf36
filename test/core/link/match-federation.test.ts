import { StructureMatcher } from '../../../src/core/link/match-structures';
import type { Structure } from '../../../src/core/model/domain';
import { defaultReference } from '../../../src/core/reference/default-reference';
import { structure } from '../../fixtures/build';

// How the reference names its federation partner (code, name, aliases), as import-sources passes it.
const federationNames = defaultReference()
  .partners.filter((p) => /f[ée]d[ée]ration/i.test(p.type ?? ''))
  .flatMap((p) => [p.code, p.name, ...(p.aliases ?? [])]);

describe('StructureMatcher: the federation partner, however the list and the line write it', () => {
  // the list spells it out without the initials' order and its type cell said nothing the kind parser knew
  const registry: Structure[] = [
    structure('FED', { name: 'Fédération Ardéchoise des Centres Sociaux', kind: 'CS', commune: 'Aubenas' }),
    structure('CS-OLIV', { name: 'Centre social Les Oliviers', commune: 'Privas' }),
    structure('CS-FACE', { name: 'Centre social La Façade', commune: 'Annonay' }),
  ];
  test.each<[string, string | undefined, string | null]>([
    ['FACS', undefined, 'FED'],
    ['FACS 07', undefined, 'FED'],
    ['F.A.C.S.', undefined, 'FED'],
    ['FACS', 'Privas', 'FED'], // the place of the action, not the federation's seat
    ['Fédération des centres sociaux de l’Ardèche', undefined, 'FED'],
    ['Centre social Les Oliviers', 'Privas', 'CS-OLIV'],
    ['CS La Façade', 'Annonay', 'CS-FACE'],
    ['Association Les Amis', undefined, null],
  ])('%p (%p) → %p', (name, commune, code) => {
    const m = new StructureMatcher(registry, [], federationNames).match({ name, commune });
    expect(m.kind === 'matched' ? m.structure.code : null).toBe(code);
  });

  test('without the reference names, the registry does not know « FACS » is its federation', () => {
    const other: Structure[] = [
      structure('FED', {
        name: 'Fédération des centres sociaux de l’Ardèche',
        kind: 'CS',
        commune: 'Aubenas',
      }),
    ];
    expect(new StructureMatcher(other).match({ name: 'FACS' }).kind).toBe('unknown');
    const m = new StructureMatcher(other, [], federationNames).match({ name: 'FACS' });
    expect(m.kind === 'matched' && m.structure.code).toBe('FED');
  });
});
