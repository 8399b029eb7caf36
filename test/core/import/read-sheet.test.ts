import { readSheet } from '../../../src/core/import/read-sheet';
import { defaultReference } from '../../../src/core/reference/default-reference';
import type { CellValue } from '../../../src/core/model/grid';
import { grid } from '../../fixtures/build';

const ref = defaultReference();
const read = (rows: CellValue[][], opts = {}) => readSheet(grid(rows, opts), ref);
const names = (r: ReturnType<typeof read>) => r.records.map((x) => x.cells.structureName?.value);

describe('readSheet: classify', () => {
  test('funding lines', () => {
    expect(read([['Bénéficiaire', 'Exercice', 'Montant voté'], ['CS A', 2019, 1]]).kind).toBe('fundings');
  });
  test('funding lines with conventions on the same rows stay funding lines', () => {
    expect(read([['Structure', 'Année', 'Mt accordé', 'N° convention', 'Signée le'], ['CS A', 2019, 1, 'C-1', '01/02/2019']]).kind).toBe('fundings');
  });
  test('structures list', () => {
    expect(read([['Nom de la structure', 'Type de structure', 'SIRET', 'EPCI', 'Agrément'], ['CS A', 'CS', '41234567800012', 'CA Arche Agglo', 'AGC']]).kind).toBe('structures');
  });
  test('conventions list (even with a plain "Montant" column, which is then the annual amount)', () => {
    const r = read([
      ['Structure', 'Type de convention', 'Date de début', 'Date de fin', 'Montant'],
      ['CS A', 'CPO', '01/01/2019', '31/12/2021', 25000],
    ]);
    expect(r.kind).toBe('conventions');
    expect(r.columns.find((c) => c.header === 'Montant')?.field).toBe('annualAmount');
  });
  test('plan', () => {
    expect(read([['Code axe', 'Axe', 'Code objectif', 'Objectif', 'Code action', 'Action'], ['1', 'Culture', '1.1', 'x', '1.1.1', 'y']]).kind).toBe('plan');
  });
  test('not a table: reported with a French reason', () => {
    const r = read([['Compte rendu'], ['Présents : Mme X, M. Y']]);
    expect(r.kind).toBe('ignored');
    expect(r.reason).toMatch(/en-tête/);
    const r2 = read([['Commune', 'EPCI', 'Téléphone'], ['Privas', 'CA Privas Centre Ardèche', '04']]);
    expect(r2.kind).toBe('ignored');
    expect(r2.reason).toMatch(/colonnes/);
  });
  test('hidden sheet: ignored, whatever it holds', () => {
    const r = read([['Structure', 'Montant accordé'], ['CS A', 99999]], { hidden: true });
    expect(r).toMatchObject({ kind: 'ignored', reason: 'feuille masquée', records: [] });
  });
});

describe('readSheet: rows', () => {
  test('skips blank, total and sous-total rows, keeps their totals, gives Excel row numbers', () => {
    const r = read([
      ['Aides 2019'],
      ['Structure', 'Montant voté'],
      ['CS A', 100],
      [null, '  '],
      ['CS B', 200],
      ['Sous-total Privas', 300],
      ['CS C', 50],
      ['TOTAL GÉNÉRAL', 350],
      ['Total', null],
    ]);
    expect(names(r)).toEqual(['CS A', 'CS B', 'CS C']);
    expect(r.records.map((x) => x.row)).toEqual([3, 5, 7]);
    expect(r.skipped).toEqual({ blank: 1, total: 3, otherDepartement: 0 });
    expect(r.totals.map((t) => [t.row, t.fromRow])).toEqual([
      [6, 3],
      [8, 7],
      [9, 9],
    ]);
    expect(r.headerRow).toBe(2);
    expect(r.records[0].cells.voted).toEqual({ value: 100, col: 'B' });
  });

  test('a total written in a later column (label under the amounts) is still a total', () => {
    const r = read([
      ['Structure', 'Dispositif', 'Montant voté'],
      ['CS A', 'AJIR', 100],
      [null, 'Total', 100],
    ]);
    expect(r.records).toHaveLength(1);
  });

  test('keeps only the département of the reference (07), however the département is written', () => {
    const r = read([
      ['Département', 'Structure', 'Année', 'Mt accordé'],
      ['07', 'CS 1', 2019, 1],
      [7, 'CS 2', 2019, 1],
      ['26', 'CS Drôme', 2019, 1],
      ['42', 'CS Loire', 2019, 1],
      ['07 - Ardèche', 'CS 3', 2019, 1],
      ['Ardèche', 'CS 4', 2019, 1],
      ['Drôme', 'CS Drôme 2', 2019, 1],
      ['26 - Drôme', 'CS Drôme 3', 2019, 1],
      ['Loire (42)', 'CS Loire 2', 2019, 1],
      [null, 'CS 5', 2019, 1],
    ]);
    expect(names(r)).toEqual(['CS 1', 'CS 2', 'CS 3', 'CS 4', 'CS 5']);
    expect(r.skipped.otherDepartement).toBe(5);
  });

  test('or by postal code, even stored as a number', () => {
    const r = read([
      ['Structure', 'Code postal', 'Année', 'Montant'],
      ['CS 1', 7200, 2019, 1],
      ['CS 2', '07000', 2019, 1],
      ['CS Valence', 26000, 2019, 1],
    ]);
    expect(names(r)).toEqual(['CS 1', 'CS 2']);
  });

  test('partner and year from the sheet name, the file name or the title', () => {
    expect(read([['Structure', 'Montant voté'], ['CS A', 1]], { file: 'subventions.xlsx', sheet: 'MSA 2019' })).toMatchObject({ partner: 'MSA', year: 2019 });
    expect(read([['Structure', 'Montant voté'], ['CS A', 1]], { file: 'CD07_2020.xlsx', sheet: 'Feuil1' })).toMatchObject({ partner: 'CD07', year: 2020 });
    expect(
      read([['Caisse d’allocations familiales — exercice 2018'], [], ['Structure', 'Montant voté'], ['CS A', 1]], { file: 'export.xlsx', sheet: 'Feuil1' }),
    ).toMatchObject({ partner: 'CAF', year: 2018, headerRow: 3 });
  });

  test('the year written in the amount header counts when the sheet, title and file say none', () => {
    expect(read([['Structure', 'Montant voté 2019', 'Versé 2019'], ['CS A', 1, 1]], { file: 'CAF_export.xlsx', sheet: 'Feuil1' }).year).toBe(2019);
  });

  test('a grid placed lower and to the right keeps true Excel rows and columns', () => {
    const r = read([['Structure', 'Montant voté'], ['CS A', 1]], { originRow: 5, originCol: 3 });
    expect(r.headerRow).toBe(5);
    expect(r.records[0]).toEqual({ row: 6, cells: { structureName: { value: 'CS A', col: 'C' }, voted: { value: 1, col: 'D' } } });
  });
});

describe('readSheet: one sheet per département', () => {
  const rows = [['Structure', 'Année', 'Mt accordé'], ['CS A', 2019, 1]];
  test.each<[string, number]>([
    ['Ardèche', 1],
    ['07', 1],
    ['Drôme', 0],
    ['Loire 2019', 0],
    ['Dépt 26', 0],
    ['Rhône-Crussol', 1],
    ['Feuil1', 1],
    ['PS 2019', 1],
    ['Somme des aides', 1],
  ])('sheet %p keeps %p row(s)', (sheet, kept) => {
    expect(read(rows, { file: 'MSA_ADL.xlsx', sheet }).records).toHaveLength(kept);
  });
});

test('a row numbering the columns under the header is not data', () => {
  const r = read([
    ['Structure', 'Année', 'Montant demandé', 'Montant voté'],
    ['(1)', '(2)', '(3)', '(4)'],
    [1, 2, 3, 4],
    ['CS A', 2019, 10, 8],
  ]);
  expect(r.records.map((x) => x.row)).toEqual([4]);
});
