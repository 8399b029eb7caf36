/** Real .xlsx bytes (made with exceljs) through the exceljs adapter and the core: what a user's file gives. */
import { readInput } from '../../../src/adapters/exceljs/read-workbook';
import { runPipeline } from '../../../src/core/pipeline';
import type { SourceInput } from '../../../src/core/model/grid';
import { workbookBytes } from '../../fixtures/build';

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('an .xlsx with merged titles, two-row header, formulas, error cells and a hidden sheet', () => {
  let result: ReturnType<typeof runPipeline>;
  beforeAll(async () => {
    const bytes = await workbookBytes([
      {
        name: 'Structures',
        rows: [
          ['Liste des structures'],
          ['Nom de la structure', 'Type', 'N° SIRET', 'Agréments CAF', 'Début agrément', 'Fin agrément', 'EPCI'],
          ['Centre social Le Pouzin', 'CS', 41234567800012, 'AGC', d('2018-01-01'), d('2021-12-31'), 'CA Privas Centre Ardèche'],
          ['Espace de vie sociale Les Oliviers', 'EVS', '412 345 678 00020', 'AL', d('2019-12-31'), d('2022-12-30'), "CC du Bassin d'Aubenas"],
        ],
        merges: ['A1:G1'],
      },
      {
        name: 'Prestations 2019',
        rows: [
          ["CAF de l'Ardèche — prestations de service 2019"],
          [],
          ['Equipement', 'Prestation', 'Montant', null, 'Observations'],
          [null, null, 'accordé', 'versé', null],
          ['CS du Pouzin', 'PS animation globale', { formula: '40000+2000.5', result: 42000.5 }, 42000.5, '=ne pas calculer'],
          ['EVS Les Oliviers', 'PS animation locale', { error: '#REF!' }, 10000, null],
          ['EVS Les Oliviers', 'PS animation globale', 5000, 5000, null],
          ['Total', null, { formula: 'SUM(C5:C7)', result: 47000.5 }, { formula: 'SUM(D5:D7)', result: 57000.5 }, null],
        ],
        merges: ['A1:E1', 'C3:D3'],
      },
      { name: 'Ancien', rows: [['Structure', 'Montant accordé'], ['CS du Pouzin', 99999]], hidden: true },
    ]);
    const input = (await readInput('CAF07_2019.xlsx', bytes)) as SourceInput;
    result = runPipeline({ sources: [input], asOf: '2019-06-30' });
  });

  test('sheets read as expected', () => {
    expect(result.report.inputs[0].sheets.map((s) => [s.name, s.kind, s.headerRow, s.rows])).toEqual([
      ['Structures', 'structures', 2, 2],
      ['Prestations 2019', 'fundings', 3, 3],
      ['Ancien', 'ignored', undefined, 0],
    ]);
  });

  test('cached formula results count, the error cell is a finding and never a zero', () => {
    expect(result.report.totals).toEqual([{ partner: 'CAF', year: 2019, voted: 47000.5, paid: 47000.5 }]);
    const illisible = result.findings.filter((f) => f.code === 'MONTANT_ILLISIBLE');
    expect(illisible.map((f) => [f.location?.row, f.location?.col, f.value, f.structure])).toEqual([[6, 'C', '#REF!', '41234567800020']]);
  });

  test('SIRET as a number or with spaces; the agrément starting 31 December covers that year', () => {
    expect(result.dataset.structures.map((s) => s.siret)).toEqual(['41234567800012', '41234567800020']);
    const rules = result.findings.filter((f) => f.code === 'DISPOSITIF_NON_AUTORISE' || f.code === 'AGREMENT_ABSENT_OU_EXPIRE');
    expect(rules.map((f) => [f.code, f.location?.row])).toEqual([['DISPOSITIF_NON_AUTORISE', 7]]);
  });

  test('the partner’s own SUM rows agree with the readable lines: no TOTAL_SOURCE_ECART', () => {
    expect(result.findings.filter((f) => f.code === 'TOTAL_SOURCE_ECART')).toEqual([]);
  });
});
