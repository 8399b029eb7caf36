/** Issue 24 item 7: proof before accusation — a partner's total is said wrong only when no reading of the rows gives it. */
import { checkSourceTotals } from '../../../src/core/checks/check-source-totals';
import { readSheet } from '../../../src/core/import/read-sheet';
import { groupByCause } from '../../../src/core/report/group-findings';
import type { CellValue } from '../../../src/core/model/grid';
import { defaultReference } from '../../../src/core/reference/default-reference';
import { grid } from '../../fixtures/build';

const ref = defaultReference();
const check = (rows: CellValue[][], file = 'CAF_subventions.xlsx') => checkSourceTotals(readSheet(grid(rows, { file, sheet: 'Export' }), ref));
const brief = (rows: CellValue[][], file?: string) => check(rows, file).map((f) => [f.code, f.location?.row, f.reason ?? null]);

describe('which rows a total covers: no accusation when a plausible reading gives it', () => {
  test.each<[string, CellValue[][], (string | number | null)[][]]>([
    [
      'per-year sub-totals at the end of a long export sorted by structure',
      [
        ['Structure', 'Année', 'Montant voté'],
        ['CS A', 2019, 100],
        ['CS A', 2020, 110],
        ['CS B', 2019, 50],
        ['CS B', 2020, 60],
        ['Total 2019', null, 150],
        ['Total 2020', null, 170],
        ['Total général', null, 320],
      ],
      [],
    ],
    [
      'group totals « Total Centre social X » after lines sorted by year',
      [
        ['Structure', 'Année', 'Montant voté'],
        ['Centre social Les Oliviers', 2019, 100],
        ['Centre social La Cascade', 2019, 50],
        ['Centre social Les Oliviers', 2020, 120],
        ['Centre social La Cascade', 2020, 60],
        ['Total Centre social Les Oliviers', null, 220],
        ['Total CS La Cascade', null, 110],
        ['TOTAL', null, 330],
      ],
      [],
    ],
    [
      'a year total after sub-totals of dispositifs: the rows since the previous year total',
      [
        ['Structure', 'Montant voté'],
        ['CS A', 100],
        ['Sous-total AGC', 100],
        ['CS B', 50],
        ['Sous-total ACF', 50],
        ['Total 2019', 150],
        ['CS C', 70],
        ['Sous-total AGC', 70],
        ['Total 2020', 70],
        ['Total général', 220],
      ],
      [],
    ],
    [
      'a grand total that is the sum of the sub-totals, rows after the last sub-total left out',
      [
        ['Structure', 'Montant voté'],
        ['CS A', 100],
        ['Sous-total Nord', 100],
        ['CS B', 50],
        ['Sous-total Sud', 50],
        ['CS C', 30],
        ['Total général', 150],
      ],
      [],
    ],
    [
      'group totals under group labels (a lone « Centre social X » over its lines), then a grand total',
      [
        ['Structure', 'Dispositif', 'Montant voté'],
        ['Centre social Les Oliviers', null, null],
        [null, 'PS AGC', 100],
        [null, 'PS ACF', 50],
        ['Total Centre social Les Oliviers', null, 150],
        ['Centre social La Cascade', null, null],
        [null, 'PS AGC', 70],
        ['Total Centre social La Cascade', null, 70],
        ['Total général', null, 220],
      ],
      [],
    ],
    // the evidence leaves a misreading open: « à vérifier », not an accusation
    [
      'per-year totals whose year no row shows',
      [
        ['Structure', 'Montant voté'],
        ['CS A', 100],
        ['CS B', 50],
        ['CS A', 110],
        ['Total 2019', 160],
      ],
      [['TOTAL_SOURCE_A_VERIFIER', 5, 'groupe']],
    ],
    [
      'an unreadable amount among the rows it covers',
      [
        ['Structure', 'Montant voté'],
        ['CS A', 100],
        ['CS B', 'en attente'],
        ['TOTAL', 180],
      ],
      [['TOTAL_SOURCE_A_VERIFIER', 4, 'illisibles']],
    ],
    [
      'a run of rows just above gives it (a group the reading did not see)',
      [
        ['Structure', 'Montant voté'],
        ['CS A', 100],
        ['CS B', 200],
        ['CS C', 50],
        ['TOTAL', 250],
      ],
      [['TOTAL_SOURCE_A_VERIFIER', 5, 'suite']],
    ],
    // no reading gives it and nothing is left open: the partner's total is wrong
    [
      'a plain wrong total',
      [
        ['Structure', 'Montant voté'],
        ['CS A', 100],
        ['CS B', 200],
        ['TOTAL', 310],
      ],
      [['TOTAL_SOURCE_ECART', 4, null]],
    ],
    [
      'a wrong sub-total of a named group the rows do not show',
      [
        ['Structure', 'Montant voté'],
        ['CS A', 100],
        ['CS B', 200],
        ['Sous-total Nord', 310],
      ],
      [['TOTAL_SOURCE_ECART', 4, null]],
    ],
    [
      'a wrong group total of a structure whose rows are found',
      [
        ['Structure', 'Année', 'Montant voté'],
        ['Centre social Les Oliviers', 2019, 100],
        ['Centre social La Cascade', 2019, 50],
        ['Centre social Les Oliviers', 2020, 120],
        ['Total Centre social Les Oliviers', null, 230],
      ],
      [['TOTAL_SOURCE_ECART', 5, null]],
    ],
  ])('%s', (_what, rows, expected) => {
    expect(brief(rows)).toEqual(expected);
  });

  test('a wrong group total is compared with its group’s rows', () => {
    const [f] = check([
      ['Structure', 'Année', 'Montant voté'],
      ['Centre social Les Oliviers', 2019, 100],
      ['Centre social La Cascade', 2019, 50],
      ['Centre social Les Oliviers', 2020, 120],
      ['Total Centre social Les Oliviers', null, 230],
    ]);
    expect(f).toMatchObject({ code: 'TOTAL_SOURCE_ECART', severity: 'alerte', amount: 230, expected: 220 });
  });

  test('« à vérifier » names what was not settled, in French, as an info', () => {
    const [f] = check([['Structure', 'Montant voté'], ['CS A', 100], ['CS B', 50], ['Total 2019', 160]]);
    expect(f).toMatchObject({ code: 'TOTAL_SOURCE_A_VERIFIER', severity: 'info', amount: 160, value: 'Total 2019' });
    expect(f.message).toMatch(/« 2019 ».*aucune ligne lue/);
    expect(f.message).toMatch(/À vérifier/);
  });

  test('repeated causes: one grouped finding', () => {
    const findings = check([
      ['Structure', 'Montant voté'],
      ['CS A', 100],
      ['CS B', 50],
      ['Total 2019', 160],
      ['Total 2020', 170],
      ['Total 2021', 180],
    ]);
    expect(findings.map((f) => f.code)).toEqual(['TOTAL_SOURCE_A_VERIFIER', 'TOTAL_SOURCE_A_VERIFIER', 'TOTAL_SOURCE_A_VERIFIER']);
    const causes = groupByCause(findings);
    expect(causes.map((c) => [c.code, c.count, c.severity])).toEqual([['TOTAL_SOURCE_A_VERIFIER', 3, 'info']]);
    expect(causes[0].message).toMatch(/^Totaux du fichier à vérifier : .*\(CAF\) : 3 lignes/);
  });
});
