import { runPipeline } from '../../../src/core/pipeline';

test('a structures list with one row per agrément under a bare « Réf. »: the reference is the structure’s, its rows one structure with every agrément', () => {
  const rows = [
    ['Réf.', 'Structure', 'Nature', 'Commune', 'Agrément', 'Agrément du', 'Date fin agrément'],
    ['CS07-BOUR-01', "CS L'Arbre à Palabres", 'Centre social', 'Bourg-Saint-Andéol', 'ACF', '01/01/2016', '31/12/2018'],
    ['CS07-BOUR-01', "Centre Social L'Arbre à Palabres", 'Centre social', 'Bourg-Saint-Andéol', 'AGC', '01/01/2019', '31/12/2022'],
    ['EVS07-GUIL-01', "E.V.S. L'Étincelle", 'EVS', 'Guilherand-Granges', 'AL', '01/01/2017', '31/12/2020'],
  ];
  const r = runPipeline({ sources: [{ file: 'CAF07_structures.csv', grids: [{ file: 'CAF07_structures.csv', sheet: 'S', rows }] }], asOf: '2020-06-30' });
  expect(r.dataset.structures.map((s) => [s.code, s.agrements.map((a) => `${a.types.join('+')} ${a.start}`)])).toEqual([
    ['CS07-BOUR-01', ['ACF 2016-01-01', 'AGC 2019-01-01']],
    ['EVS07-GUIL-01', ['AL 2017-01-01']],
  ]);
  expect(r.findings.filter((f) => f.code === 'STRUCTURE_AMBIGUE')).toEqual([]);
});
