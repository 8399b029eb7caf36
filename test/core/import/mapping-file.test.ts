import { mappingFor, mappingFromReadings, validateMappingFile, type MappingFile } from '../../../src/core/import/mapping-file';
import { readSheet } from '../../../src/core/import/read-sheet';
import { defaultReference } from '../../../src/core/reference/default-reference';
import { runPipeline } from '../../../src/core/pipeline';
import { grid } from '../../fixtures/build';

const ref = defaultReference();
const rows = [
  ['Bénéficiaire', 'Montant', 'Autre montant'],
  ['CS A', 100, 40],
];

describe('mapping file', () => {
  test('round trip: the saved mapping read back gives the same columns', () => {
    const g = grid(rows, { file: 'CAF_2019.xlsx', sheet: 'Aides' });
    const first = readSheet(g, ref);
    const saved: MappingFile = JSON.parse(JSON.stringify(mappingFromReadings([first])));
    expect(validateMappingFile(saved)).toEqual([]);
    // the partner detected is no correction: written apart, to tell next year's renamed file
    expect(saved.sheets[0]).toMatchObject({ file: 'CAF_2019.xlsx', sheet: 'Aides', partnerDetected: 'CAF', headerRow: 1 });
    expect(saved.sheets[0]).not.toHaveProperty('partner');
    // the kind and the year detected are read again next time, never frozen in the mapping
    expect(saved.sheets[0]).not.toHaveProperty('year');
    expect(saved.sheets[0]).not.toHaveProperty('kind');
    const again = readSheet(g, ref, mappingFor(saved, g.file, g.sheet)?.columns);
    expect(again.columns.map((c) => [c.header, c.field])).toEqual(first.columns.map((c) => [c.header, c.field]));
  });

  test('a user override wins: a column moved to another field, another ignored with null', () => {
    const g = grid(rows, { file: 'CAF_2019.xlsx', sheet: 'Aides' });
    const saved = mappingFromReadings([readSheet(g, ref)]);
    saved.sheets[0].columns = { ...saved.sheets[0].columns, Montant: null, 'Autre montant': 'voted' };
    const r = readSheet(g, ref, mappingFor(saved, g.file, g.sheet)?.columns);
    expect(r.columns.map((c) => [c.header, c.field])).toEqual([
      ['Bénéficiaire', 'structureName'],
      ['Autre montant', 'voted'],
    ]);
  });

  test('next year’s file with the same stem and sheet reuses the mapping; another file does not', () => {
    const m: MappingFile = { version: 1, sheets: [{ file: 'CAF.xlsx', sheet: 'Aides', columns: {} }] };
    expect(mappingFor(m, 'caf.xlsm', 'AIDES')).toBe(m.sheets[0]);
    expect(mappingFor(m, 'MSA.xlsx', 'Aides')).toBeUndefined();
  });

  test('the pipeline applies the partner and year a user corrected', () => {
    const g = grid([['Structure', 'Montant voté'], ['CS A', 100]], { file: 'export.xlsx', sheet: 'Feuil1' });
    const mappings: MappingFile = { version: 1, sheets: [{ file: 'export.xlsx', sheet: 'Feuil1', partner: 'MSA', year: 2018, columns: {} }] };
    const r = runPipeline({ sources: [{ file: g.file, grids: [g] }], mappings, asOf: '2020-01-01' });
    expect(r.dataset.fundings.map((l) => [l.partner, l.year, l.voted])).toEqual([['MSA', 2018, 100]]);
    // the user's year is saved again with the mapping
    expect(mappingFromReadings(r.readings).sheets[0]).toMatchObject({ partner: 'MSA', year: 2018 });
  });

  test('next year’s file of the same name, its year in its title: read as its own year, not the year saved last time', () => {
    const workbook = (year: number, amount: number) => grid([[`Subventions CAF — exercice ${year}`], [], ['Structure', 'Montant voté'], ['CS A', amount]], { file: 'CAF_PS.xlsx', sheet: 'Aides' });
    const first = runPipeline({ sources: [{ file: 'CAF_PS.xlsx', grids: [workbook(2019, 100)] }], asOf: '2019-12-31' });
    expect(first.dataset.fundings.map((l) => [l.year, l.voted])).toEqual([[2019, 100]]);
    const saved: MappingFile = JSON.parse(JSON.stringify(mappingFromReadings(first.readings)));
    const next = runPipeline({ sources: [{ file: 'CAF_PS.xlsx', grids: [workbook(2020, 250)] }], mappings: saved, asOf: '2020-12-31' });
    expect(next.dataset.fundings.map((l) => [l.partner, l.year, l.voted])).toEqual([['CAF', 2020, 250]]);
    // its kind is detected again, with the evidence's confidence rather than a choice's 1
    expect(next.readings[0]).toMatchObject({ kind: 'fundings' });
    expect(next.readings[0].kindChosen).toBeUndefined();
    expect(next.readings[0].kindConfidence).toBeLessThan(1);
  });

  test('a kind the user chose is applied and saved again', () => {
    const g = grid([['Structure', 'Montant voté'], ['CS A', 100]], { file: 'export.xlsx', sheet: 'Feuil1' });
    const mappings: MappingFile = { version: 1, sheets: [{ file: 'export.xlsx', sheet: 'Feuil1', kind: 'structures', columns: {} }] };
    const r = runPipeline({ sources: [{ file: g.file, grids: [g] }], mappings, asOf: '2020-01-01' });
    expect(r.readings[0]).toMatchObject({ kind: 'structures', kindConfidence: 1, kindChosen: true });
    expect(mappingFromReadings(r.readings).sheets[0]).toMatchObject({ kind: 'structures' });
  });

  test.each<[unknown, RegExp]>([
    [null, /objet JSON/],
    [{ version: 2, sheets: [] }, /version/],
    [{ version: 1, sheets: {} }, /liste/],
    [{ version: 1, sheets: [{ file: 'a' }] }, /sheet/],
  ])('invalid mapping %j is explained in French', (v, msg) => {
    expect(validateMappingFile(v).join(' ')).toMatch(msg);
  });
});

test('a column the user ignored (null) stays ignored in the mapping saved again', () => {
  const g = grid(rows, { file: 'CAF_2019.xlsx', sheet: 'Aides' });
  const r = readSheet(g, ref, { Montant: null });
  // only the user's choice is a correction; the detected column is written apart, to be copied if wanted
  expect(mappingFromReadings([r]).sheets[0]).toMatchObject({ columns: { Montant: null }, detected: { 'Autre montant': 'voted' } });
  expect(mappingFromReadings([r]).sheets[0].columns).not.toHaveProperty('Autre montant');
});

describe('mergeMappings (what the CLI and the task pane save after a run)', () => {
  const { mergeMappings } = require('../../../src/core/import/mapping-file') as typeof import('../../../src/core/import/mapping-file');
  type MappingFile = import('../../../src/core/import/mapping-file').MappingFile;
  test('detected sheets win, saved sheets not read are kept, confirmed structures kept as written', () => {
    const saved: MappingFile = {
      version: 1,
      sheets: [
        { file: 'a.xlsx', sheet: 'S', columns: { Nom: 'structureName' } },
        { file: 'b.xlsx', sheet: 'T', columns: { X: null } },
      ],
      structures: [{ name: 'Les Oliviers', code: 'CS-1' }],
    };
    const detected: MappingFile = { version: 1, sheets: [{ file: 'a.xlsx', sheet: 'S', columns: { Nom: 'structureName', Montant: 'voted' } }] };
    const m = mergeMappings(saved, detected);
    expect(m.sheets.map((s) => `${s.file}|${s.sheet}|${Object.keys(s.columns).join(',')}`)).toEqual(['a.xlsx|S|Nom,Montant', 'b.xlsx|T|X']);
    expect(m.structures).toEqual([{ name: 'Les Oliviers', code: 'CS-1' }]);
    expect(mergeMappings(undefined, detected)).toEqual(detected);
  });
});
