import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Report } from '../../src/core/report/build-report';
import { groupByCause } from '../../src/core/report/group-findings';
import type { Finding } from '../../src/core/model/finding';
import { describeIf } from '../helpers/require-or-skip';
import { SHARED_DIR } from '../helpers/shared';
import { runCli } from '../helpers/run-cli';

/**
 * The real open-data subsidy files of ../shared/real, read through the CLI as a user would, one at
 * a time, against what a correct reading finds (expected.json): every line and every cent accounted
 * for by the report's ledger, the grantors said once each, nothing refused, no structure invented,
 * a handful of grouped findings.
 */
const REAL_DIR = path.join(SHARED_DIR, 'real');
const EXPECTED = path.join(REAL_DIR, 'expected.json');

interface Expected {
  lines: number;
  amountSum: string;
  amountNonNumeric: string[];
  amountEmpty: number;
  grantors: { name: string; id: string; idValid: boolean; lines: number }[];
  beneficiaries: { distinct: number; siretValid: number; sirenValid: number; empty: number; other: number };
}

const cents = (x: number | string) => Math.round(Number(x) * 100);
type Ledger = NonNullable<Report['inputs'][number]['sheets'][number]['ledger']>;
const ledgers = (r: Report, file: string): Ledger[] =>
  (r.inputs.find((i) => i.file === file)?.sheets ?? []).flatMap((s) => (s.ledger ? [s.ledger] : []));
const accounted = (ls: Ledger[]) => ({
  lines: ls.reduce((n, l) => n + l.lines + l.setAside.reduce((m, a) => m + a.lines, 0), 0),
  voted: ls.reduce((n, l) => n + cents(l.voted) + l.setAside.reduce((m, a) => m + cents(a.voted), 0), 0),
  unexplained: ls.reduce((n, l) => n + l.unexplained.length, 0),
});
/** A report finding back as a Finding, to group it as the Contrôles sheet does. */
const asFinding = (f: Report['findings'][number]): Finding =>
  ({ ...f, location: f.file ? { file: f.file, sheet: f.sheet ?? '', row: f.row ?? 0 } : undefined }) as unknown as Finding;

const expected: Record<string, Expected> = existsSync(EXPECTED) ? JSON.parse(readFileSync(EXPECTED, 'utf8')).files : {};

describeIf('real open-data files (../shared/real)', existsSync(EXPECTED), `${EXPECTED} absent (dossier ../shared non fourni)`, () => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'avs-real-'));
  const build = async (file: string, mapping?: object) => {
    const out = path.join(work, `${Object.keys(expected).indexOf(file)}-${mapping ? 'm' : 'n'}`);
    const mappingPath = `${out}.mapping.json`;
    if (mapping) writeFileSync(mappingPath, JSON.stringify(mapping));
    const r = await runCli(['build', path.join(REAL_DIR, file), '-o', `${out}.xlsx`, '--report', `${out}.json`, '--mapping', mappingPath, '-q']);
    return {
      ...r,
      report: JSON.parse(readFileSync(`${out}.json`, 'utf8')) as Report,
      mapping: JSON.parse(readFileSync(mappingPath, 'utf8')) as { partners?: { name: string; siret?: string; code: string | null }[] },
    };
  };

  test.each(Object.keys(expected))('%s: read, every line and cent in the ledger, grantors said once each', async (file) => {
    const want = expected[file];
    const { code, stderr, stdout, report, mapping } = await build(file);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const input = report.inputs.find((i) => i.file === file)!;
    expect(input.status).toBe('ok');
    expect(input.sheets.filter((s) => s.openData)).toHaveLength(1);
    const got = accounted(ledgers(report, file));
    expect({ lines: got.lines, voted: got.voted }).toEqual({ lines: want.lines, voted: cents(want.amountSum) });
    expect(got.unexplained).toBe(0);
    // a grantor that is no partner: one finding per grantor (by identifier), with its lines; none per line
    const bySiren = new Map<string, number>();
    for (const g of want.grantors) bySiren.set(g.id.slice(0, 9), (bySiren.get(g.id.slice(0, 9)) ?? 0) + g.lines);
    const grantorFindings = report.findings.filter((f) => f.code === 'ATTRIBUANT_INCONNU').map((f) => ({ siret: String(f.siret), count: Number(f.count) }));
    expect(grantorFindings.map((f) => [f.siret!.slice(0, 9), f.count]).sort()).toEqual([...bySiren].sort());
    for (const g of want.grantors) expect(grantorFindings.some((f) => f.siret === g.id)).toBe(true);
    // and proposed in the mapping file, code still to give
    expect((mapping.partners ?? []).map((p) => p.siret?.slice(0, 9)).sort()).toEqual([...bySiren.keys()].sort());
    expect(mapping.partners!.every((p) => p.code === null)).toBe(true);
    // no beneficiary of an open-data file becomes a structure; no finding per line
    expect(report.counts.structures).toBe(0);
    expect(report.findings.filter((f) => ['PARTENAIRE_INCONNU', 'STRUCTURE_INCONNUE', 'CHAMP_OBLIGATOIRE', 'MONTANT_ILLISIBLE'].includes(f.code))).toEqual([]);
    // damaged identifiers recognised, said once
    const damaged = report.findings.filter((f) => f.code === 'IDENTIFIANT_ABIME');
    expect(damaged.reduce((n, f) => n + Number(f.count ?? 0), 0)).toBe(want.beneficiaries.other);
    expect(damaged.length).toBeLessThanOrEqual(1);
    // the summary says what was read, from whom, and what was set aside, with its amount
    expect(stdout).toMatch(/Données ouvertes : .* : \d+ ligne\(s\), 0 comptée\(s\), \d+ mise\(s\) de côté/);
    expect(stdout).toContain('attribuant absent du référentiel');
    for (const g of want.grantors) expect(stdout).toContain(g.id);
    // the Contrôles sheet: a handful of grouped causes about this file
    const causes = groupByCause(report.findings.filter((f) => f.file === file).map(asFinding));
    expect(causes.length).toBeLessThanOrEqual(5);
  });

  test.each(Object.keys(expected))('%s: once each grantor has a code, its lines are counted or set aside as beyond the agreement, to the cent', async (file) => {
    const want = expected[file];
    const partners = [...new Map(want.grantors.map((g) => [g.id.slice(0, 9), g])).values()].map((g, i) => ({ name: g.name, siret: g.id, code: `ATTR${i + 1}` }));
    const { code, report } = await build(file, { version: 1, sheets: [], partners });
    expect(code).toBe(0);
    expect(report.findings.filter((f) => f.code === 'ATTRIBUANT_INCONNU')).toEqual([]);
    const got = accounted(ledgers(report, file));
    expect({ lines: got.lines, voted: got.voted }).toEqual({ lines: want.lines, voted: cents(want.amountSum) });
    // no structures list given: every beneficiary is beyond the agreement, one finding for the file with its list
    const outside = report.findings.filter((f) => f.code === 'BENEFICIAIRES_HORS_ACCORD');
    expect(outside).toHaveLength(1);
    expect(outside[0].count).toBe(want.lines);
    expect(cents(Number(outside[0].amount ?? 0))).toBe(cents(want.amountSum));
    expect((outside[0].candidates as string[]).length).toBeGreaterThan(0);
    expect(report.counts.structures).toBe(0);
  });
});
