import { epciFromCommunes } from '../../../src/core/link/epci-from-commune';
import { structure } from '../../fixtures/build';

describe('epciFromCommunes', () => {
  test.each<[string, [string, string | undefined][], (string | undefined)[]]>([
    ['a commune with one EPCI lends it', [['Le Teil', 'CC Ardèche Rhône Coiron'], ['LE TEIL', undefined]], ['CC Ardèche Rhône Coiron', 'CC Ardèche Rhône Coiron']],
    ['a commune given two EPCI lends none', [['Le Teil', 'CC A'], ['Le Teil', 'CC B'], ['Le Teil', undefined]], ['CC A', 'CC B', undefined]],
    ['one EPCI written two ways is one', [['Le Teil', 'Communauté de communes du Bassin'], ['Le Teil', 'CC Bassin'], ['Le Teil', undefined]], ['Communauté de communes du Bassin', 'CC Bassin', 'Communauté de communes du Bassin']],
    ['another commune lends nothing', [['Le Teil', 'CC A'], ['Cruas', undefined]], ['CC A', undefined]],
  ])('%s', (_, given, expected) => {
    const structures = given.map(([commune, epci], i) => structure(`S${i}`, { commune, epci }));
    epciFromCommunes(structures);
    expect(structures.map((s) => s.epci)).toEqual(expected);
  });
});
