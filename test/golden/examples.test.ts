/**
 * End to end on the example partner workbooks of the repo (examples/partenaires, made by
 * scripts/make-examples.ts). Every expected value below is worked out by hand from the rows
 * written in that script, not copied from a run.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Report } from '../../src/core/report/build-report';
import { defaultReference } from '../../src/core/reference/default-reference';
import { runCli } from '../helpers/run-cli';

const EXAMPLES = path.resolve(__dirname, '../../examples/partenaires');
const CAF = 'CAF07_PS_2019-2020.xlsx';
const CD = 'CD07_subventions_2019-2020.csv';
const MSA = 'MSA_ADL_2019-2020.xlsx';
const FACS = 'FACS_reseau_2020.xlsx';

describe('golden: examples/partenaires end to end', () => {
  let report: Report;
  let stdout: string;
  beforeAll(async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'avs-golden-'));
    const r = await runCli(['build', EXAMPLES, '-o', path.join(dir, 'p.xlsx'), '--report', path.join(dir, 'r.json'), '-q', '--date', '2020-12-31']);
    expect(r.code).toBe(0);
    stdout = r.stdout;
    report = JSON.parse(readFileSync(path.join(dir, 'r.json'), 'utf8'));
  });

  test('sheets: kind, partner, header row and rows read', () => {
    const sheets = report.inputs.flatMap((i) => i.sheets.map((s) => [path.basename(i.file), s.name, s.kind, s.partner ?? null, s.headerRow ?? null, s.rows]));
    expect(sheets).toEqual([
      [CAF, 'PS 2019', 'fundings', 'CAF', 4, 8], // two-row header on rows 4-5, merged title
      [CAF, 'PS 2020', 'fundings', 'CAF', 4, 7],
      [CAF, 'Brouillon', 'ignored', null, null, 0], // hidden
      [CD, 'CD07_subventions_2019-2020', 'fundings', 'CD07', 1, 9], // the empty Total row skipped
      [FACS, 'Réseau 2020', 'structures', 'FACS', 3, 7],
      [FACS, 'Conventions partenaires', 'conventions', 'FACS', 1, 8],
      [MSA, 'Aides ADL', 'fundings', 'MSA', 3, 4], // départements 26 and 42 left out
    ]);
    expect(report.inputs.every((i) => i.status === 'ok')).toBe(true);
  });

  test('counts', () => {
    // 8 + 7 CAF, 9 CD07, 4 MSA lines; 8 listed conventions + MSA-19-001 written on MSA lines
    expect(report.counts).toMatchObject({ structures: 7, conventions: 9, fundingLines: 28, planActions: 48, duplicates: 0 });
  });

  test('totals to the cent (unreadable paid amount and other départements never count)', () => {
    expect(report.totals).toEqual([
      { partner: 'CAF', year: 2019, voted: 314201.55, paid: 312850.75 },
      { partner: 'CAF', year: 2020, voted: 290850, paid: 239250 }, // "en attente" not counted
      { partner: 'CD07', year: 2019, voted: 42500, paid: 42500 }, // "3.800" is 3 800 €
      { partner: 'CD07', year: 2020, voted: 54100, paid: 41600 }, // -800 counted, and flagged
      { partner: 'MSA', year: 2019, voted: 9100, paid: 9100 },
      { partner: 'MSA', year: 2020, voted: 7900, paid: 5450 },
    ]);
  });

  test('structures, kinds and SIRET (written with spaces)', () => {
    expect(report.structures.map((s) => [s.code, s.kind, s.siret])).toEqual([
      ['FACS07', 'FEDERATION', '64890679000015'],
      ['CS07-AUBE-02', 'CS', '41234567800012'],
      ['CS07-ANNO-02', 'CS', '41234567800020'],
      ['CS07-PRIV-03', 'CS', '41234567800038'],
      ['EVS07-LARG-02', 'EVS', '41234567800046'],
      ['EVS07-TOUR-02', 'EVS', '41234567800053'],
      ['CS07-TEIL-02', 'CS', '41234567800061'],
    ]);
  });

  test('flags', () => {
    expect(report.flags.axesWithoutFunding).toEqual([
      { year: 2019, axis: '3' },
      { year: 2020, axis: '1' },
    ]);
    expect(report.flags.structuresMissingConvention.map((m) => [m.year, m.partner, m.structure, m.siret, m.reason])).toEqual([
      [2019, 'MSA', 'CS07-TEIL-02', '41234567800061', 'dispositif'], // financement global without convention de partenariat
      [2020, 'CAF', 'CS07-PRIV-03', '41234567800038', 'seuil_23000'], // COF-17-03 ended 31/12/2019
      [2020, 'CD07', 'CS07-TEIL-02', '41234567800061', 'seuil_23000'], // 24 300 € and no CD07 convention
      [2020, 'CD07', 'EVS07-TOUR-02', '41234567800053', 'dispositif'], // conférence des financeurs
    ]);
  });

  test('findings with their code, structure and location', () => {
    const located = report.findings
      .filter((f) => f.file)
      .map((f) => [f.code, f.file && path.basename(f.file), f.sheet, f.row, f.cell ?? null, f.structure ?? null]);
    expect(located).toEqual(
      expect.arrayContaining([
        ['DISPOSITIF_NON_AUTORISE', CAF, 'PS 2020', 9, null, 'EVS07-LARG-02'], // PS AGC to an EVS
        ['MONTANT_ILLISIBLE', CAF, 'PS 2020', 10, 'D10', 'EVS07-TOUR-02'], // "en attente"
        ['MONTANT_NEGATIF', CD, 'CD07_subventions_2019-2020', 8, null, 'CS07-PRIV-03'],
        ['STRUCTURE_INCONNUE', CD, 'CD07_subventions_2019-2020', 10, 'B10', null], // Association Les Jardins partagés
        ['VERSE_SUPERIEUR_VOTE', MSA, 'Aides ADL', 7, null, 'EVS07-TOUR-02'],
        ['FEUILLE_IGNOREE', CAF, 'Brouillon', 1, null, null],
      ]),
    );
    const epciWithout = defaultReference().epci.length - 6; // six EPCI hold a CS or EVS of the list
    const count = (code: string) => report.findings.filter((f) => f.code === code).length;
    expect({
      DISPOSITIF_NON_AUTORISE: count('DISPOSITIF_NON_AUTORISE'),
      MONTANT_ILLISIBLE: count('MONTANT_ILLISIBLE'),
      MONTANT_NEGATIF: count('MONTANT_NEGATIF'),
      STRUCTURE_INCONNUE: count('STRUCTURE_INCONNUE'),
      STRUCTURE_AMBIGUE: count('STRUCTURE_AMBIGUE'),
      CONVENTION_MANQUANTE: count('CONVENTION_MANQUANTE'),
      VERSE_SUPERIEUR_VOTE: count('VERSE_SUPERIEUR_VOTE'),
      AXE_NON_FINANCE: count('AXE_NON_FINANCE'),
      AGREMENT_ABSENT_OU_EXPIRE: count('AGREMENT_ABSENT_OU_EXPIRE'), // Mont Toulon's 2019 is covered by its COF
      AGREMENT_BIENTOT_EXPIRE: count('AGREMENT_BIENTOT_EXPIRE'), // La Cascade, Mont Toulon, Le Lavoir, Les Terrasses
      OBJECTIF_SANS_ACTION: count('OBJECTIF_SANS_ACTION'),
      TERRITOIRE_NON_POURVU: count('TERRITOIRE_NON_POURVU'),
      DOUBLON: count('DOUBLON'),
      TOTAL_SOURCE_ECART: count('TOTAL_SOURCE_ECART'), // the CAF's SUM rows are right
      LIGNE_SANS_ACTION: count('LIGNE_SANS_ACTION'),
    }).toEqual({
      DISPOSITIF_NON_AUTORISE: 1,
      MONTANT_ILLISIBLE: 1,
      MONTANT_NEGATIF: 1,
      STRUCTURE_INCONNUE: 1,
      STRUCTURE_AMBIGUE: 0,
      CONVENTION_MANQUANTE: 4,
      VERSE_SUPERIEUR_VOTE: 1,
      AXE_NON_FINANCE: 2,
      AGREMENT_ABSENT_OU_EXPIRE: 0,
      AGREMENT_BIENTOT_EXPIRE: 4,
      OBJECTIF_SANS_ACTION: 1,
      TERRITOIRE_NON_POURVU: epciWithout,
      DOUBLON: 0,
      TOTAL_SOURCE_ECART: 0,
      LIGNE_SANS_ACTION: 0,
    });
    expect(report.counts_by_severity).toEqual({ erreur: 4, alerte: 7, info: 4 + 1 + epciWithout + 1 });
  });

  test('the French summary', () => {
    expect(stdout).toContain('Axes sans action financée : axe 3 en 2019, axe 1 en 2020');
    expect(stdout).toContain('Centre social Le Chambon — MSA 2019 (dispositif conventionné)');
    expect(stdout).toContain('CAF    2019 314\u202f201,55 € | 2020 290\u202f850,00 €');
  });
});
