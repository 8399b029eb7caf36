import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Report } from '../../src/core/report/build-report';
import { runFolder } from '../../scripts/eval/run-world';
import { truthFromSamples } from '../../scripts/eval/sample-truth';
import { strictProblems, type StrictProblems } from '../../scripts/eval/strict-problems';
import { describeWithSamples, SAMPLES_DIR } from '../helpers/shared';
import { runCli } from '../helpers/run-cli';

interface Truth {
  counts: { structures: number; fundingLines: number; conventions: number };
  structures: { code: string; name: string; kind: string; siret: string }[];
  totals: { partner: string; year: number; voted: number; paid: number }[];
  structuresMissingConvention: { partner: string; siret: string; year: number; reason: string; structure: string }[];
  axesWithoutFunding: { year: number; axis: string }[];
  epciWithoutStructure: string[];
  anomalies: { code: string; partner: string; year: number; file: string; sheet: string; row: number; structure: string; siret?: string }[];
}

describeWithSamples('acceptance on ../shared/samples', () => {
  let truth: Truth;
  let report: Report;
  let stdout: string;
  beforeAll(async () => {
    truth = JSON.parse(readFileSync(path.join(SAMPLES_DIR, 'truth.json'), 'utf8'));
    const dir = mkdtempSync(path.join(os.tmpdir(), 'avs-acc-'));
    const r = await runCli(['build', SAMPLES_DIR, '-o', path.join(dir, 'pilotage.xlsx'), '--report', path.join(dir, 'report.json'), '-q'], '2020-06-30');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    stdout = r.stdout;
    report = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'));
  });

  test('counts match truth', () => {
    expect(report.schemaVersion).toBe(1);
    expect(report.counts.structures).toBe(truth.counts.structures);
    expect(report.counts.fundingLines).toBe(truth.counts.fundingLines);
    expect(report.counts.conventions).toBe(truth.counts.conventions);
  });

  test('every total to the cent', () => {
    const key = (t: { partner: string; year: number }) => `${t.partner}|${t.year}`;
    const ours = new Map(report.totals.map((t) => [key(t), t]));
    expect(report.totals).toHaveLength(truth.totals.length);
    for (const t of truth.totals) {
      const o = ours.get(key(t));
      expect({ key: key(t), voted: o?.voted, paid: o?.paid }).toEqual({ key: key(t), voted: t.voted, paid: t.paid });
    }
  });

  test('every structure found with its code, kind and SIRET', () => {
    for (const s of truth.structures) {
      const o = report.structures.find((x) => x.code === s.code);
      expect(o && { code: o.code, kind: o.kind, siret: o.siret, name: o.name }).toEqual({ code: s.code, kind: s.kind, siret: s.siret, name: s.name });
    }
  });

  test('flags equal truth', () => {
    const mc = (x: { partner: string; siret?: string; year: number; reason: string }) => `${x.year}|${x.partner}|${x.siret}|${x.reason}`;
    expect(report.flags.structuresMissingConvention.map(mc).sort()).toEqual(truth.structuresMissingConvention.map(mc).sort());
    const ax = (x: { year: number; axis: string }) => `${x.year}|${x.axis}`;
    expect(report.flags.axesWithoutFunding.map(ax).sort()).toEqual(truth.axesWithoutFunding.map(ax).sort());
    expect(report.flags.epciWithoutStructure).toEqual(truth.epciWithoutStructure);
  });

  test('every anomaly found with its code, structure and location', () => {
    for (const a of truth.anomalies) {
      const hit = report.findings.find(
        (f) =>
          f.code === a.code &&
          f.file === a.file &&
          f.sheet === a.sheet &&
          f.row === a.row &&
          f.year === a.year &&
          f.partner === a.partner &&
          (f.structure === a.structure || f.structureName === a.structure),
      );
      expect({ anomaly: a, found: !!hit }).toEqual({ anomaly: a, found: true });
      expect(hit!.message.length).toBeGreaterThan(20);
    }
  });

  test('the CLI prints the two flags in French', () => {
    expect(stdout).toContain('Axes sans action financée : axe 1 en 2019, axe 1 en 2020, axe 3 en 2020');
    expect(stdout).toContain('Structures sans convention');
  });

  describe('strict: nothing but the truth (scripts/eval/compare.ts)', () => {
    let p: StrictProblems;
    beforeAll(async () => {
      p = strictProblems(truthFromSamples(JSON.parse(readFileSync(path.join(SAMPLES_DIR, 'truth.json'), 'utf8'))), await runFolder(SAMPLES_DIR, '2020-06-30'));
    });
    test('no false alarm: every erreur/alerte is explained by truth.json', () => expect(p.falseAlarms).toEqual([]));
    test('every funding line of truth.detail at its place, structure, voted and paid; none extra', () => {
      expect(p.fundingLines).toEqual([]);
      expect(p.score.lines.linkedRight).toBe(p.score.lines.truth);
    });
    test('every convention of truth.detail with its structure, type and period; none extra', () => expect(p.conventions).toEqual([]));
    test('voted and paid sums per structure × partner × year equal', () => {
      expect(p.structureSums).toEqual([]);
      expect(p.score.structureSums.truth).toBeGreaterThan(0);
    });
    test('structures, totals, flags, anomalies: nothing else differs', () => expect(p.other).toEqual([]));
  });
});
