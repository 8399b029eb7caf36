import { compareSourceFiles, findDuplicates } from '../../../src/core/link/find-duplicates';
import { line } from '../../fixtures/build';

const src = (file: string, sheet: string, row: number) => ({ file, sheet, row });

describe('findDuplicates (DOUBLON)', () => {
  test('the same funding in another sheet: the repeat is marked and never counted', () => {
    const a = line({
      structure: 'CS-A',
      dispositif: 'PS_AGC',
      voted: 1000,
      source: src('caf.xlsx', 'PS 2019', 5),
    });
    const b = line({
      structure: 'CS-A',
      dispositif: 'PS_AGC',
      voted: 1000,
      source: src('caf.xlsx', 'DM 2019', 7),
    });
    const f = findDuplicates([a, b]);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({
      code: 'DOUBLON',
      severity: 'alerte',
      structure: 'CS-A',
      year: 2019,
      voted: 1000,
      location: b.source,
      duplicateOf: a.source,
    });
    expect(f[0].message).toContain('caf.xlsx › PS 2019 › ligne 5');
    expect(a.duplicateOf).toBeUndefined();
    expect(b.duplicateOf).toEqual(a.source);
  });

  test('a complement file repeating a line of the file it is named after: the repeat is the complement’s, whatever the reading order', () => {
    const main = line({
      structure: 'CS-A',
      dispositif: 'CD_VIE_ASSO',
      voted: 13500,
      source: src('CD07_deliberations_2018-2020.csv', 'x', 165),
    });
    const comp = line({
      structure: 'CS-A',
      dispositif: 'CD_VIE_ASSO',
      voted: 13500,
      paid: 13500,
      source: src('CD07_deliberations_2018-2020_complement.csv', 'y', 6),
    });
    const f = findDuplicates([comp, main]);
    expect(f.map((x) => x.location)).toEqual([comp.source]);
    expect(main.duplicateOf).toBeUndefined();
  });

  test.each<[string | undefined, string | undefined, number]>([
    ['Accueil de loisirs ados', 'Départs en vacances des familles 2020', 0],
    ['Départs en vacances', 'Départs en vacances des familles 2020', 1],
    [undefined, 'Départs en vacances', 1],
    ['ACCUEIL DE LOISIRS', 'Accueil de loisirs', 1],
  ])('same partner, structure, year, dispositif and amount, objects %p / %p: %p duplicate', (oa, ob, n) => {
    const a = line({
      structure: 'CS-A',
      dispositif: 'CD_AJIR',
      voted: 4100,
      object: oa,
      source: src('cd.xlsx', 'Suivi', 180),
    });
    const b = line({
      structure: 'CS-A',
      dispositif: 'CD_AJIR',
      voted: 4100,
      object: ob,
      source: src('cd.xlsx', 'DM 2020', 3),
    });
    expect(findDuplicates([a, b])).toHaveLength(n);
  });

  test('an object that only names the line’s own dispositif does not tell two lines apart', () => {
    const named = (t: string) => (/insertion/i.test(t) ? 'CD_INSERTION' : undefined);
    const a = line({
      structure: 'CS-A',
      dispositif: 'CD_INSERTION',
      voted: 3600,
      object: 'Insertion',
      source: src('cd.xlsx', 'Année 2017', 54),
    });
    const b = line({
      structure: 'CS-A',
      dispositif: 'CD_INSERTION',
      voted: 3600,
      object: 'Actions collectives familles 2017',
      source: src('cd.xlsx', 'DM 2017', 8),
    });
    expect(findDuplicates([a, b], named)).toHaveLength(1);
    expect(
      findDuplicates([
        { ...a, duplicateOf: undefined },
        { ...b, duplicateOf: undefined },
      ]),
    ).toHaveLength(0);
  });

  test.each<[string, string]>([
    ['suivi.csv', 'suivi_complement.csv'],
    ['Suivi.xlsx', 'suivi (2).xlsx'],
    ['CAF_2019.xlsx', 'CD07_2019.xlsx'],
    ['a.csv', 'a.xlsx'],
  ])('%p counts before %p', (a, b) => {
    expect(compareSourceFiles(a, b)).toBeLessThan(0);
    expect(compareSourceFiles(b, a)).toBeGreaterThan(0);
  });

  test('across files, matched by SIRET or by name when the structure is unknown', () => {
    const a = line({
      partner: 'MSA',
      structureName: 'CS Inconnu',
      voted: 500,
      source: src('msa.xlsx', 'A', 3),
    });
    const b = line({
      partner: 'MSA',
      structureName: 'cs inconnu',
      voted: 500,
      source: src('msa-dm.xlsx', 'A', 3),
    });
    expect(findDuplicates([a, b])).toHaveLength(1);
  });

  test.each([
    ['another amount', { voted: 1000.01 }],
    ['another year', { year: 2020 }],
    ['another partner', { partner: 'CD07' }],
    ['another dispositif', { dispositif: 'PS_ACF' }],
    ['another structure', { structure: 'CS-B' }],
  ])('not a duplicate: %s', (_label, over) => {
    const a = line({
      structure: 'CS-A',
      dispositif: 'PS_AGC',
      voted: 1000,
      source: src('caf.xlsx', 'S1', 2),
    });
    const b = line({
      structure: 'CS-A',
      dispositif: 'PS_AGC',
      voted: 1000,
      ...over,
      source: src('caf.xlsx', 'S2', 2),
    });
    expect(findDuplicates([a, b])).toEqual([]);
  });

  test('two equal lines in the same sheet are two fundings (two actions), not a duplicate', () => {
    const a = line({ structure: 'CS-A', voted: 1000, source: src('cd.xlsx', 'S', 2) });
    const b = line({ structure: 'CS-A', voted: 1000, source: src('cd.xlsx', 'S', 3) });
    expect(findDuplicates([a, b])).toEqual([]);
  });

  test('three copies: two findings, both pointing at the first', () => {
    const ls = [1, 2, 3].map((i) =>
      line({ structure: 'CS-A', voted: 10, source: src(`f${i}.xlsx`, 'S', 2) }),
    );
    const f = findDuplicates(ls);
    expect(f.map((x) => x.duplicateOf?.file)).toEqual(['f1.xlsx', 'f1.xlsx']);
  });
});
