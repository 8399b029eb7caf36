/** Issue 24 item 7: a convention reference already in a conventions list is that convention; an ended convention is not stretched. */
import { checkConventions } from '../../../src/core/checks/check-conventions';
import { importSources } from '../../../src/core/import/import-sources';
import { conventionRefKey, periodInRef } from '../../../src/core/import/to-conventions';
import type { CellValue } from '../../../src/core/model/grid';
import { defaultReference } from '../../../src/core/reference/default-reference';
import { grid } from '../../fixtures/build';

const ref = defaultReference();
const STRUCTURES = grid(
  [
    ['Nom', 'SIRET', 'Type', 'Commune'],
    ['Centre social Le Pouzin', '41234567800012', 'CS', 'Le Pouzin'],
  ],
  { file: 'FACS_structures.xlsx', sheet: 'Structures' },
);
const conventionsList = (refs: string[]) =>
  grid(
    [
      ['Structure', 'SIRET', 'Type de convention', 'N° convention', 'Date de début', 'Date de fin'],
      ...refs.map((r): CellValue[] => ['Centre social Le Pouzin', '41234567800012', 'Convention pluriannuelle', r, '01/01/2017', '31/12/2019']),
    ],
    { file: 'CD07_conventions.xlsx', sheet: 'Conventions' },
  );
const fundings = (file: string, rows: [number, string][]) =>
  grid(
    [
      ['Structure', 'SIRET', 'Année', 'Dispositif', 'Montant voté', 'N° convention'],
      ...rows.map(([year, r]): CellValue[] => ['Centre social Le Pouzin', '41234567800012', year, 'Vie associative', 10000, r]),
    ],
    { file, sheet: 'Subventions' },
  );
const run = (...grids: ReturnType<typeof grid>[]) =>
  importSources(grids.map((g) => ({ file: g.file, grids: [g] })), ref);

describe('a reference written on funding lines and in the conventions list is one convention', () => {
  test.each<[string, string, string, string, number]>([
    ['the same reference', 'CPO-2017-003', 'CPO-2017-003', 'CD07', 1],
    ['another case', 'CPO-2017-003', 'cpo-2017-003', 'CD07', 1],
    ['spaces and separators', 'CPO-2017-003', ' CPO 2017 / 003 ', 'CD07', 1],
    ['« N° » before it', 'CPO-2017-003', 'N° CPO-2017-003', 'CD07', 1],
    ['« Convention n° » before it', '2017-003', 'Convention n° 2017-003', 'CD07', 1],
    ['a number that lost its leading zeros', '00123', '123', 'CD07', 1],
    // near but different: two conventions
    ['another number', 'CPO-2017-003', 'CPO-2017-004', 'CD07', 2],
    ['a zero inside the reference', 'CPO-2017-003', 'CPO-2017-03', 'CD07', 2],
    ['digits split otherwise', 'CPO-12-3', 'CPO-1-23', 'CD07', 2],
    ['a letter more', 'CPO-2017-003', 'CPO-2017-003B', 'CD07', 2],
    ['the same reference, another partner', 'CPO-2017-003', 'CPO-2017-003', 'CAF', 2],
  ])('%s', (_what, listed, onLines, partner, n) => {
    const r = run(STRUCTURES, conventionsList([listed]), fundings(`${partner}_subventions.xlsx`, [[2018, onLines]]));
    expect(r.dataset.conventions).toHaveLength(n);
  });

  test.each<[string, string]>([
    ['N° 00123', '123'],
    ['Réf. CPO-2017-003', 'cpo 2017 003'],
    ['CPO-2017-03', 'cpo 2017 03'],
  ])('conventionRefKey(%p) → %p', (written, key) => {
    expect(conventionRefKey(written)).toBe(key);
  });
});

describe('a line citing a convention whose period has ended does not stretch it', () => {
  test.each<[string, boolean, [number, string][], number[]]>([
    // listed 2017–2019, cited in 2020: the 2020 line is without a covering convention
    ['listed convention ended, cited the year after', true, [[2019, 'CPO-2017-003'], [2020, 'CPO-2017-003']], [2020]],
    ['listed convention, cited within its period', true, [[2018, 'CPO-2017-003'], [2019, 'CPO-2017-003']], []],
    // no list: the period written in the reference bounds it
    ['period in the reference, cited after it', false, [[2019, 'CPO 2017-2019'], [2020, 'CPO 2017-2019']], [2020]],
    ['no period anywhere: the years of its lines', false, [[2019, 'CPO-17-3'], [2020, 'CPO-17-3']], []],
  ])('%s', (_what, withList, rows, missing) => {
    const r = withList ? run(STRUCTURES, conventionsList(['CPO-2017-003']), fundings('CD07_subventions.xlsx', rows)) : run(STRUCTURES, fundings('CD07_subventions.xlsx', rows));
    const flagged = checkConventions(r.dataset, ref).filter((f) => f.code === 'CONVENTION_MANQUANTE' && f.reason === 'dispositif');
    expect(flagged.map((f) => f.year)).toEqual(missing);
  });

  test.each<[string, { start: number; end: number } | undefined]>([
    ['CPO 2017-2019', { start: 2017, end: 2019 }],
    ['Convention 2018/2020', { start: 2018, end: 2020 }],
    ['CPO-2017-003', undefined],
    ['2019-2009', undefined],
    ['2010-2030', undefined],
  ])('periodInRef(%p) → %j', (written, period) => {
    expect(periodInRef(written)).toEqual(period);
  });
});
