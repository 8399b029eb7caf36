import { mappingFromReadings, mergeMappings, type MappingFile } from '../../../src/core/import/mapping-file';
import type { Grid, SourceInput } from '../../../src/core/model/grid';
import { runPipeline } from '../../../src/core/pipeline';

/**
 * Never a dead end: every decision of the reading model can be set by hand in the mapping file (the
 * pane saves the same thing) — a hidden sheet's kind, the header row, the fill-down of a column, the
 * unit, the structure of a whole sheet — and next year's renamed files find last year's corrections
 * by their header, say so, and can refuse them.
 */
const registry: SourceInput = {
  file: 'FACS_structures.xlsx',
  grids: [
    {
      file: 'FACS_structures.xlsx',
      sheet: 'Structures',
      rows: [
        ['Nom de la structure', 'SIRET', 'Commune', 'Type'],
        ['Centre social Les Oliviers', '53412340100018', 'Privas', 'Centre social'],
        ['EVS La Passerelle', '77568030900017', 'Aubenas', 'EVS'],
      ],
    },
  ],
};
const source = (file: string, ...grids: Omit<Grid, 'file'>[]): SourceInput => ({ file, grids: grids.map((g) => ({ file, ...g })) });
const run = (src: SourceInput, mappings?: MappingFile) => runPipeline({ sources: [registry, src], asOf: '2021-06-30', ...(mappings ? { mappings } : {}) });
const lines = (r: ReturnType<typeof run>) => r.dataset.fundings.map((l) => `${l.structure ?? l.structureName}|${l.year}|${l.voted}`);
const entry = (file: string, sheet: string, more: Partial<MappingFile['sheets'][number]>): MappingFile => ({ version: 1, sheets: [{ file, sheet, columns: {}, ...more }] });

describe('choices set by hand, through the mapping file', () => {
  test('a hidden sheet is read when its kind is chosen, and not before', () => {
    const src = source('CD07.xlsx', { sheet: 'Cachée', hidden: true, rows: [['Structure', 'Exercice', 'Montant voté'], ['Centre social Les Oliviers', 2019, 1000]] });
    expect(lines(run(src))).toEqual([]);
    const r = run(src, entry('CD07.xlsx', 'Cachée', { kind: 'fundings' }));
    expect(lines(r)).toEqual(['53412340100018|2019|1000']);
    expect(r.readings.find((x) => x.sheet === 'Cachée')?.kind).toBe('fundings');
  });

  test('the structure of a whole sheet given by hand (a form whose name the tool could not find)', () => {
    const src = source('CAF07_fiche.xlsx', { sheet: 'Fiche 12', rows: [['Fiche n° 12'], [], ['Exercice', 'Dispositif', 'Montant voté'], [2019, 'Animation globale', 45000], [2020, 'Animation globale', 46000]] });
    expect(lines(run(src))).toEqual([]);
    const r = run(src, entry('CAF07_fiche.xlsx', 'Fiche 12', { kind: 'fundings', context: { structureName: 'Centre social Les Oliviers' } }));
    expect(lines(r)).toEqual(['53412340100018|2019|45000', '53412340100018|2020|46000']);
    // saved again as the user's choice
    expect(mappingFromReadings(r.readings).sheets.find((s) => s.sheet === 'Fiche 12')).toMatchObject({ kind: 'fundings', context: { structureName: 'Centre social Les Oliviers' } });
  });

  test('fill-down chosen for a column the detection left alone, or refused where it filled', () => {
    // one blank only: not a pattern the detection trusts
    const rows = [['Structure', 'Exercice', 'Montant voté'], ['Centre social Les Oliviers', 2019, 1000], [null, 2020, 2000], ['EVS La Passerelle', 2019, 500]];
    const src = source('CD07.xlsx', { sheet: 'S', rows });
    const before = run(src);
    expect(lines(before)).toEqual(['53412340100018|2019|1000', '77568030900017|2019|500']);
    expect(before.findings.filter((f) => f.code === 'CHAMP_OBLIGATOIRE')).toHaveLength(1);
    const after = run(src, entry('CD07.xlsx', 'S', { fillDown: ['structureName'] }));
    expect(lines(after)).toEqual(['53412340100018|2019|1000', '53412340100018|2020|2000', '77568030900017|2019|500']);
    // a detected fill-down refused: the blank lines are incomplete again, and said
    const grouped = source('CD07.xlsx', { sheet: 'S', rows: [...rows.slice(0, 3), [null, 2021, 2500], ['EVS La Passerelle', 2019, 500], [null, 2020, 600]] });
    expect(lines(run(grouped))).toHaveLength(5);
    expect(lines(run(grouped, entry('CD07.xlsx', 'S', { fillDown: [] })))).toHaveLength(2);
  });

  test('the unit chosen: thousands where the header does not say so, or euros where the title misleads', () => {
    const src = source('CD07.xlsx', { sheet: 'S', rows: [['Structure', 'Exercice', 'Montant voté'], ['Centre social Les Oliviers', 2019, 31.3], ['EVS La Passerelle', 2019, 12]] });
    expect(lines(run(src, entry('CD07.xlsx', 'S', { unit: 'milliers' })))).toEqual(['53412340100018|2019|31300', '77568030900017|2019|12000']);
    const titled = source('CD07.xlsx', { sheet: 'S', rows: [["Tableau (en milliers d'euros jusqu'en 2018)"], ['Structure', 'Exercice', 'Montant voté'], ['Centre social Les Oliviers', 2019, 31300], ['EVS La Passerelle', 2019, 12000]] });
    expect(lines(run(titled, entry('CD07.xlsx', 'S', { unit: 'euros' })))).toEqual(['53412340100018|2019|31300', '77568030900017|2019|12000']);
  });

  test('the header row chosen by hand', () => {
    // a first row of labels that the detection prefers; the real header is row 3
    const src = source('CD07.xlsx', { sheet: 'S', rows: [['Structure', 'Montant', 'Exercice', 'Commentaire'], ['(à ne pas lire : ancien tableau)'], ['Bénéficiaire', 'Subvention votée', 'Année'], ['Centre social Les Oliviers', 1000, 2019]] });
    const r = run(src, entry('CD07.xlsx', 'S', { header: 3 }));
    expect(lines(r)).toEqual(['53412340100018|2019|1000']);
    expect(r.readings.find((x) => x.sheet === 'S')?.headerRow).toBe(3);
    expect(mappingFromReadings(r.readings).sheets.find((s) => s.sheet === 'S')).toMatchObject({ header: 3 });
  });
});

describe('corrections follow next year’s renamed files by their header', () => {
  const rows = (y: number) => [['Equipement', 'Cd aide', 'Mt notifié', 'Mt réglé'], ['Centre social Les Oliviers', 'X', 1000 + y, 900], ['EVS La Passerelle', 'X', 500, 400]];
  const lastYear = source(`MSA_ADL_2019-2020.xlsx`, { sheet: 'Aides 2019', rows: rows(2019) });
  const nextYear = source(`MSA_ADL_2020-2021.xlsx`, { sheet: 'Aides 2020', rows: rows(2020) });
  // last year the user said « Mt réglé » is to be ignored
  const saved = (): MappingFile => {
    const first = run(lastYear);
    const m = mergeMappings(undefined, mappingFromReadings(first.readings));
    const e = m.sheets.find((s) => s.sheet === 'Aides 2019')!;
    e.columns = { ...e.columns, 'Mt réglé': null };
    return m;
  };

  test('applied to the renamed file, and said once', () => {
    const r = run(nextYear, saved());
    expect(r.dataset.fundings.every((l) => l.paid === undefined)).toBe(true);
    const f = r.findings.filter((x) => x.code === 'CORRECTIONS_REPRISES');
    expect(f).toEqual([expect.objectContaining({ detail: 'MSA_ADL_2019-2020.xlsx › Aides 2019', location: expect.objectContaining({ file: 'MSA_ADL_2020-2021.xlsx', sheet: 'Aides 2020' }) })]);
    expect(r.readings.find((x) => x.sheet === 'Aides 2020')?.appliedFrom).toEqual({ file: 'MSA_ADL_2019-2020.xlsx', sheet: 'Aides 2019' });
    // saved for the new names too: next year it is an exact match
    expect(mappingFromReadings(r.readings).sheets.find((s) => s.sheet === 'Aides 2020')?.columns).toEqual({ 'Mt réglé': null });
  });

  test('refused: not applied, and the refusal is kept', () => {
    const m = saved();
    m.sheets.push({ file: 'MSA_ADL_2020-2021.xlsx', sheet: 'Aides 2020', columns: {}, reuse: false });
    const r = run(nextYear, m);
    expect(r.dataset.fundings.map((l) => l.paid)).toEqual([900, 400]);
    expect(r.findings.filter((x) => x.code === 'CORRECTIONS_REPRISES')).toEqual([]);
    expect(mappingFromReadings(r.readings).sheets.find((s) => s.sheet === 'Aides 2020')).toMatchObject({ reuse: false });
  });

  test('a sheet with another header, or of another partner, finds nothing', () => {
    const other = source('CAF07_2020.xlsx', { sheet: 'Aides 2020', rows: rows(2020) });
    expect(run(other, saved()).findings.filter((x) => x.code === 'CORRECTIONS_REPRISES')).toEqual([]);
    const differentHeader = source('MSA_ADL_2020-2021.xlsx', { sheet: 'Aides 2020', rows: [['Structure', 'Exercice', 'Montant voté'], ['Centre social Les Oliviers', 2020, 1]] });
    expect(run(differentHeader, saved()).findings.filter((x) => x.code === 'CORRECTIONS_REPRISES')).toEqual([]);
  });
});
