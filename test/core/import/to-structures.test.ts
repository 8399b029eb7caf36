import { mergeStructures, parseAgrementTypes, parseKind } from '../../../src/core/import/to-structures';
import type { StructureKind } from '../../../src/core/model/domain';

describe('parseAgrementTypes', () => {
  test.each<[string, StructureKind | undefined, string[]]>([
    ['AGC+ACF', 'CS', ['AGC', 'ACF']],
    ['AGC, ACF', 'CS', ['AGC', 'ACF']],
    ['AGC et ACF', 'CS', ['AGC', 'ACF']],
    ['AGC / ACF', 'CS', ['AGC', 'ACF']],
    ['Animation globale + ACF', 'CS', ['AGC', 'ACF']],
    ['Animation globale et coordination, animation collective familles', 'CS', ['AGC', 'ACF']],
    ['AL', 'EVS', ['AL']],
    ['Animation locale', 'EVS', ['AL']],
    ['Oui', 'EVS', ['AL']],
    ['X', 'CS', ['AGC', 'ACF']], // the kind's agréments (kindAgrements), as for a COF without a list
    ['Non', 'CS', []],
    ['', 'CS', []],
    ['en cours', 'CS', []],
  ])('%p (%s) → %j', (text, kind, expected) => {
    expect(parseAgrementTypes(text, kind)).toEqual(expected);
  });
});

describe('parseKind', () => {
  test.each<[string, string, StructureKind]>([
    ['CS', '', 'CS'],
    ['Centre social', '', 'CS'],
    ['EVS', '', 'EVS'],
    ['Espace de vie sociale', '', 'EVS'],
    ['Fédération', '', 'FEDERATION'],
    ['Tête de réseau', 'F.A.C.S.', 'FEDERATION'],
    ['TETE DE RESEAU', '', 'FEDERATION'],
    ['Union départementale', '', 'FEDERATION'],
    ['', 'Centre socioculturel La Cascade', 'CS'],
    ['', 'Espace de vie sociale Le Lavoir', 'EVS'],
    ['', 'Maison pour tous du Mont Toulon', 'CS'],
    ['', 'Fédération ardéchoise des centres sociaux', 'FEDERATION'],
  ])('%p / %p → %s', (text, name, kind) => {
    expect(parseKind(text, name)).toBe(kind);
  });
});

describe('mergeStructures', () => {
  const s = (code: string, name: string, over: Record<string, unknown> = {}) => ({ code, name, kind: 'CS' as const, agrements: [], aliases: [], ...over });
  test('the same structure in two lists, by SIRET, code, or name written differently: one structure, with both names', () => {
    const facs = [s('CS07-POUZ', 'Centre social Le Pouzin', { siret: '41234567800012', commune: 'Le Pouzin' }), s('EVS07-OLIV', 'Espace de vie sociale Les Oliviers', { kind: 'EVS' })];
    const caf = [s('CAF-1', 'CS du Pouzin', { agrementTypes: ['AGC'] }), s('CAF-2', 'EVS Les Oliviers', { kind: 'EVS', epci: 'CA Arche Agglo' }), s('CAF-3', 'Centre social La Cascade')];
    const merged = mergeStructures([facs, caf]);
    expect(merged.map((x) => [x.code, x.aliases, x.agrementTypes ?? null, x.epci ?? null])).toEqual([
      ['CS07-POUZ', ['CS du Pouzin'], ['AGC'], null],
      ['EVS07-OLIV', ['EVS Les Oliviers'], null, 'CA Arche Agglo'],
      ['CAF-3', [], null, null],
    ]);
  });
  test('two different SIRET are two structures, whatever their names', () => {
    const merged = mergeStructures([[s('A', 'Centre social Le Pouzin', { siret: '41234567800012' })], [s('B', 'CS du Pouzin', { siret: '41234567800020' })]]);
    expect(merged).toHaveLength(2);
  });
});
