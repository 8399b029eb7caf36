import { parseAgrementTypes, parseKind } from '../../../src/core/import/to-structures';
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
    ['X', 'CS', ['AGC']],
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
    ['', 'Centre socioculturel La Cascade', 'CS'],
    ['', 'Espace de vie sociale Le Lavoir', 'EVS'],
    ['', 'Maison pour tous du Mont Toulon', 'CS'],
    ['', 'Fédération ardéchoise des centres sociaux', 'FEDERATION'],
  ])('%p / %p → %s', (text, name, kind) => {
    expect(parseKind(text, name)).toBe(kind);
  });
});
