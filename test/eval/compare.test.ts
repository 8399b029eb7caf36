import { compareWorld, nameKey, unexplainedFindings, type FoundRun } from '../../scripts/eval/compare';
import { truthFromSamples } from '../../scripts/eval/sample-truth';
import { strictProblems } from '../../scripts/eval/strict-problems';
import { regressions, summarise } from '../../scripts/eval/summary';
import type { Dataset, FundingLine, Structure } from '../../src/core/model/domain';
import type { Report, ReportFinding } from '../../src/core/report/build-report';
import type { Truth } from '../../scripts/world/truth';

const F = 'CAF_2019.xlsx';
const truth = (): Truth => ({
  set: 'test',
  seed: 1,
  years: [2019],
  structures: [
    { code: 'CS1', name: 'Centre social Les Oliviers', kind: 'CS', siret: '11111111111111', commune: 'Privas', epci: 'E', gestion: 'associative', agrements: [], referentFamille: false, adherentFacs: true },
    { code: 'EVS1', name: 'Espace de vie sociale La Ruche', kind: 'EVS', siret: '22222222222222', commune: 'Aubenas', epci: 'E', gestion: 'associative', agrements: [], referentFamille: false, adherentFacs: true },
  ],
  counts: { structures: 2, fundingLines: 2, conventions: 1 },
  totals: [{ partner: 'CAF', year: 2019, voted: 30000, paid: 30000 }],
  structuresMissingConvention: [{ partner: 'CAF', siret: '11111111111111', year: 2019, reason: 'seuil_23000', structure: 'CS1', name: 'Centre social Les Oliviers' }],
  axesWithoutFunding: [{ year: 2019, axis: '1' }],
  epciWithoutStructure: [],
  anomalies: [{ code: 'DISPOSITIF_NON_AUTORISE', partner: 'CAF', year: 2019, file: F, sheet: '2019', row: 3, structure: 'EVS1', siret: '22222222222222', dispositif: 'PS_AGC' }],
  rejectedFiles: ['notes.xlsx'],
  expectedFindings: [
    { code: 'DISPOSITIF_NON_AUTORISE', file: F, sheet: '2019', row: 3, partner: 'CAF', year: 2019, siret: '22222222222222' },
    { code: 'CONVENTION_MANQUANTE', partner: 'CAF', siret: '11111111111111', year: 2019, reason: 'seuil_23000' },
    { code: 'AXE_NON_FINANCE', year: 2019, axis: '1' },
    { code: 'FICHIER_REJETE', file: 'notes.xlsx' },
  ],
  files: [F, 'notes.xlsx'],
  detail: {
    epciReference: [],
    conventions: [{ partner: 'CAF', type: 'COF', ref: 'COF-1', structure: 'EVS1', siret: '22222222222222', start: '2019-01-01', end: '2019-12-31', annualAmount: null }],
    fundingLines: [
      { partner: 'CAF', year: 2019, structure: 'CS1', siret: '11111111111111', dispositif: 'PS_AGC', plan: '2', axis: '2', voted: 25000, paid: 25000, file: F, sheet: '2019', row: 2 },
      { partner: 'CAF', year: 2019, structure: 'EVS1', siret: '22222222222222', dispositif: 'PS_AGC', plan: '2', axis: '2', voted: 5000, paid: 5000, file: F, sheet: '2019', row: 3 },
    ],
  },
});

const structure = (code: string, name: string, siret?: string): Structure => ({ code, name, kind: 'CS', siret, agrements: [], aliases: [] });
const line = (id: number, structure: string | undefined, row: number, voted: number): FundingLine => ({ id, partner: 'CAF', structure, structureName: structure ?? '?', year: 2019, voted, paid: voted, status: 'voté', source: { file: F, sheet: '2019', row } });
const finding = (f: Partial<ReportFinding> & { code: string; severity: string }): ReportFinding => ({ message: 'm', ...f });

function found(edit: (d: Dataset, r: Report) => void = () => {}): FoundRun {
  const dataset: Dataset = {
    partners: [],
    structures: [structure('A', 'CS Les Oliviers', '11111111111111'), structure('B', 'La Ruche (AUBENAS)')],
    conventions: [{ partner: 'CAF', structure: 'B', structureName: 'La Ruche', type: 'COF', ref: 'COF-1', start: '2019-01-01', end: '2019-12-31', source: { file: F, sheet: 'COF', row: 2 } }],
    fundings: [line(0, 'A', 2, 25000), line(1, 'B', 3, 5000)],
  };
  const report = {
    schemaVersion: 1,
    generatedAt: '',
    reference: '',
    inputs: [
      { file: F, status: 'ok', sheets: [] },
      { file: 'notes.xlsx', status: 'rejected', sheets: [] },
    ],
    counts: { structures: 2, conventions: 1, fundingLines: 2, planActions: 0, duplicates: 0 },
    structures: [],
    totals: [{ partner: 'CAF', year: 2019, voted: 30000, paid: 30000 }],
    findings: [
      finding({ code: 'DISPOSITIF_NON_AUTORISE', severity: 'erreur', file: F, sheet: '2019', row: 3, year: 2019, partner: 'CAF', structure: 'B' }),
      finding({ code: 'CONVENTION_MANQUANTE', severity: 'alerte', file: F, sheet: '2019', row: 2, year: 2019, partner: 'CAF', structure: 'A', siret: '11111111111111', reason: 'seuil_23000' }),
      finding({ code: 'AXE_NON_FINANCE', severity: 'alerte', year: 2019, axis: '1' }),
      finding({ code: 'FICHIER_REJETE', severity: 'erreur', file: 'notes.xlsx', sheet: '', row: 0 }),
      finding({ code: 'TERRITOIRE_NON_POURVU', severity: 'info' }),
    ],
    counts_by_severity: { erreur: 0, alerte: 0, info: 0 },
    flags: {
      axesWithoutFunding: [{ year: 2019, axis: '1' }],
      structuresMissingConvention: [{ partner: 'CAF', siret: '11111111111111', structure: 'A', year: 2019, reason: 'seuil_23000' }],
      epciWithoutStructure: [],
    },
  } as Report;
  edit(dataset, report);
  return { dataset, report };
}

describe('compareWorld', () => {
  test('a perfect reading: nothing missed, no false alarm', () => {
    const s = compareWorld(truth(), found());
    expect(s.notes).toEqual([]);
    expect(s).toMatchObject({
      totals: { exact: true, wrong: 0 },
      structures: { missed: 0, phantom: 0 },
      lines: { linkedRight: 2, wrongLink: 0, notRead: 0, extra: 0 },
      conventions: { missed: 0, extra: 0, wrongStructure: 0 },
      missingConvention: { exact: true },
      axes: { exact: true },
      anomalies: { missed: 0 },
      falseAlarms: { count: 0 },
      files: { missedRejections: 0, wrongRejections: 0 },
    });
  });

  test.each([
    ['a phantom twin', (d: Dataset) => d.structures.push(structure('C', 'Centre social Les Oliviers (Privas)')), { structures: { missed: 0, phantom: 1 } }],
    ['an unknown phantom', (d: Dataset) => d.structures.push(structure('Z', 'Type de convention')), { structures: { missed: 0, phantom: 1 } }],
    ['a missed structure', (d: Dataset) => d.structures.splice(1, 1), { structures: { missed: 1, phantom: 0 } }],
    ['a line linked to the wrong structure', (d: Dataset) => (d.fundings[0].structure = 'B'), { lines: { linkedRight: 1, wrongLink: 1 } }],
    ['a line not read', (d: Dataset) => d.fundings.pop(), { lines: { notRead: 1 } }],
    ['a total row read as a line', (d: Dataset) => d.fundings.push(line(9, undefined, 4, 30000)), { lines: { extra: 1 } }],
    ['a duplicate is not a line', (d: Dataset) => d.fundings.push({ ...line(9, 'A', 9, 25000), duplicateOf: { file: F, sheet: '2019', row: 2 } }), { lines: { extra: 0 } }],
    ['a missed convention and an extra one', (d: Dataset) => (d.conventions[0].ref = 'COF-1 du 01/01/2019'), { conventions: { missed: 1, extra: 1 } }],
  ])('%s', (_name, edit, expected) => {
    expect(compareWorld(truth(), found((d) => edit(d)))).toMatchObject(expected);
  });

  test.each([
    ['an error at a row the truth does not explain', finding({ code: 'DISPOSITIF_INCONNU', severity: 'erreur', file: F, sheet: '2019', row: 2, year: 2019 }), 1],
    ['an expected code at another row', finding({ code: 'DISPOSITIF_NON_AUTORISE', severity: 'erreur', file: F, sheet: '2019', row: 2, year: 2019 }), 1],
    ['an alert about a structure that has its convention', finding({ code: 'CONVENTION_MANQUANTE', severity: 'alerte', file: F, sheet: '2019', row: 3, year: 2019, partner: 'CAF', structure: 'B', reason: 'dispositif' }), 1],
    ['an axis that is funded', finding({ code: 'AXE_NON_FINANCE', severity: 'alerte', year: 2019, axis: '2' }), 1],
    ['an info finding', finding({ code: 'FEUILLE_IGNOREE', severity: 'info', file: F, sheet: 'x', row: 0 }), 0],
    ['the expected flag written at another row', finding({ code: 'CONVENTION_MANQUANTE', severity: 'alerte', file: F, sheet: '2019', row: 3, year: 2019, partner: 'CAF', structure: 'A', reason: 'seuil_23000' }), 0],
  ])('false alarms: %s', (_name, f, n) => {
    expect(compareWorld(truth(), found((_d, r) => r.findings.push(f))).falseAlarms.count).toBe(n);
  });

  test('a missed anomaly, a wrong total, a file accepted that should be refused', () => {
    const s = compareWorld(
      truth(),
      found((_d, r) => {
        r.findings.splice(0, 1);
        r.totals[0].paid = 29999.99;
        r.inputs[1].status = 'ok';
      }),
    );
    expect(s).toMatchObject({ anomalies: { missed: 1 }, totals: { exact: false, wrong: 1 }, files: { missedRejections: 1, wrongRejections: 0 } });
  });

  test.each([
    ['C.S. Les Oliviers (PRIVAS)', 'oliviers'],
    ['Centre social Les Oliviers – Privas', 'oliviers'],
    ['CENTRE SOCIOCULTUREL LE FIL D’ARIANE', 'fil ariane'],
    ['E.V.S. La Ruche', 'ruche'],
    ['Maison pour tous Les Genêts', 'genets'],
  ])('nameKey(%s) = %s', (name, key) => expect(nameKey(name)).toBe(key));

  test('regressions: counts may not grow, shares may not fall', () => {
    const base = summarise([compareWorld(truth(), found())]);
    const worse = summarise([compareWorld(truth(), found((d, r) => (d.structures.push(structure('Z', 'Phantom')), r.findings.push(finding({ code: 'DISPOSITIF_INCONNU', severity: 'erreur', file: F, sheet: '2019', row: 2 })))))]);
    expect(regressions(base, base)).toEqual([]);
    expect(regressions(worse, base)).toEqual(expect.arrayContaining([expect.stringMatching(/^structuresPhantom/), expect.stringMatching(/^falseAlarms /), expect.stringMatching(/^structuresExactPct/)]));
    expect(regressions(base, worse)).toEqual([]);
  });
});

describe('unexplainedFindings and strictProblems', () => {
  const extra = finding({ code: 'MONTANT_ILLISIBLE', severity: 'erreur', file: F, sheet: '2019', row: 2, year: 2019, partner: 'CAF', structure: 'A', message: 'Montant illisible « ? »' });
  test('a perfect reading: nothing unexplained, every list empty', () => {
    expect(unexplainedFindings(truth(), found())).toEqual([]);
    expect(strictProblems(truth(), found())).toMatchObject({ falseAlarms: [], fundingLines: [], conventions: [], structureSums: [], other: [] });
  });
  test('one extra erreur is reported with its code, place and message', () => {
    expect(unexplainedFindings(truth(), found((_d, r) => r.findings.push(extra)))).toEqual([extra]);
    expect(strictProblems(truth(), found((_d, r) => r.findings.push(extra))).falseAlarms).toEqual([
      '1 constat(s) erreur/alerte non expliqué(s) par la vérité : MONTANT_ILLISIBLE × 1',
      'MONTANT_ILLISIBLE CAF_2019.xlsx › 2019 › 2 (CAF 2019 A) : Montant illisible « ? »',
    ]);
  });
  test.each([
    ['another partner', { partner: 'CD07' }],
    ['another structure', { structure: 'A' }],
  ])('the expected code at its row but for %s is unexplained', (_n, edit) => {
    const f = finding({ code: 'DISPOSITIF_NON_AUTORISE', severity: 'erreur', file: F, sheet: '2019', row: 3, year: 2019, partner: 'CAF', structure: 'B', ...edit });
    expect(unexplainedFindings(truth(), found((_d, r) => (r.findings[0] = f)))).toEqual([f]);
  });
  test('a wrong paid amount, a wrong sum per structure and a wrong convention period are listed', () => {
    const p = strictProblems(truth(), found((d) => ((d.fundings[0].paid = 24000), (d.conventions[0].start = '2019-01-01'), (d.conventions[0].end = '2020-12-31'))));
    expect(p.fundingLines).toEqual([`versé faux : ${F}|2019|2|2019|CAF 24000 au lieu de 25000`]);
    expect(p.structureSums).toEqual(['montant par structure faux : CS1|CAF|2019 : voté 25000 au lieu de 25000, versé 24000 au lieu de 25000']);
    expect(p.conventions).toEqual(['convention mal datée : CAF|COF-1 du 2019-01-01 au 2020-12-31 au lieu du 2019-01-01 au 2019-12-31']);
  });
});

describe('truthFromSamples', () => {
  const without = (keys: string[]) => Object.fromEntries(Object.entries(truth()).filter(([k]) => !keys.includes(k)));
  const sample = without(['seed', 'rejectedFiles', 'expectedFindings', 'files']);
  test('derives what the samples do not write: expected findings, files, no refused file', () => {
    const t = truthFromSamples(sample);
    expect(t.rejectedFiles).toEqual([]);
    expect(t.files).toEqual([F]);
    expect(t.expectedFindings).toEqual([
      { code: 'DISPOSITIF_NON_AUTORISE', file: F, sheet: '2019', row: 3, partner: 'CAF', year: 2019, siret: '22222222222222' },
      { code: 'CONVENTION_MANQUANTE', partner: 'CAF', siret: '11111111111111', year: 2019, reason: 'seuil_23000' },
      { code: 'AXE_NON_FINANCE', year: 2019, axis: '1' },
    ]);
  });
  test('a truth without detail is refused', () => {
    expect(() => truthFromSamples(without(['seed', 'rejectedFiles', 'expectedFindings', 'files', 'detail']))).toThrow(/detail/);
  });
});

