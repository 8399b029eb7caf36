/**
 * SCDL both ways: what `export-scdl` writes, read back by `build` with the same référentiel and the
 * structures list, gives the same lines and amounts per partner, structure and year.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeWorkbook } from '../../src/adapters/exceljs/write-workbook';
import { parseCsv } from '../../src/core/parse/parse-csv';
import { defaultReference } from '../../src/core/reference/default-reference';
import { referenceSheet } from '../../src/core/reference/referentiel-sheet';
import type { Report } from '../../src/core/report/build-report';
import { runCli } from '../helpers/run-cli';

const EXAMPLES = path.resolve(__dirname, '../../examples/partenaires');
const SIRETS: Record<string, string> = { CAF: '11111111100014', CD07: '22222222200028', MSA: '33333333300032', FACS: '44444444400046' };

test('export-scdl then build: the same lines and amounts, per partner, beneficiary and year', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'avs-scdl-rt-'));
  const ref = defaultReference();
  for (const p of ref.partners) p.siret = SIRETS[p.code];
  const refFile = path.join(dir, 'referentiel.xlsx');
  await writeWorkbook(refFile, [referenceSheet(ref)]);
  const out = path.join(dir, 'opendata');
  const exported = await runCli(['export-scdl', EXAMPLES, '-o', out, '--reference', refFile]);
  expect([exported.code, exported.stderr]).toEqual([0, '']);
  const files = readdirSync(out).filter((f) => f.endsWith('.csv'));
  expect(files.length).toBeGreaterThanOrEqual(3);

  // what was published: partner (by its SIRET), beneficiary's SIRET, year of the payment period, amount
  const partnerOf = new Map(Object.entries(SIRETS).map(([code, siret]) => [siret, code]));
  const published: string[] = [];
  for (const f of files) {
    const [head, ...rows] = parseCsv(readFileSync(path.join(out, f), 'utf8'), ',');
    const col = (name: string) => head.indexOf(name);
    for (const r of rows)
      published.push([partnerOf.get(String(r[col('idAttribuant')])), r[col('idBeneficiaire')], String(r[col('datesPeriodeVersement')]).slice(0, 4), Number(r[col('montant')]).toFixed(2)].join('|'));
  }
  expect(published.length).toBeGreaterThan(10);

  // read back with the structures list of the examples (the registry), nothing else
  const structures = path.join(EXAMPLES, 'FACS_reseau_2020.xlsx');
  const report = path.join(dir, 'rapport.json');
  const built = await runCli(['build', structures, ...files.map((f) => path.join(out, f)), '-o', path.join(dir, 'relu.xlsx'), '--report', report, '--reference', refFile, '-q']);
  expect([built.code, built.stderr]).toEqual([0, '']);
  const r = JSON.parse(readFileSync(report, 'utf8')) as Report;
  for (const f of files) expect(r.inputs.find((i) => i.file === f)?.sheets[0]).toMatchObject({ kind: 'fundings', openData: 'scdl' });
  expect(r.findings.filter((x) => ['ATTRIBUANT_INCONNU', 'BENEFICIAIRES_HORS_ACCORD', 'IDENTIFIANT_ABIME'].includes(x.code))).toEqual([]);
  // the lines read back: every published line counted, none set aside
  const ledgerLines = r.inputs.flatMap((i) => i.sheets).reduce((n, s) => n + (s.ledger?.lines ?? 0), 0);
  expect(ledgerLines).toBe(published.length);
  const totals = new Map<string, number>();
  for (const p of published) {
    const [partner, , year, amount] = p.split('|');
    totals.set(`${partner}|${year}`, Math.round(((totals.get(`${partner}|${year}`) ?? 0) + Number(amount)) * 100) / 100);
  }
  const readTotals = new Map((r.totals as { partner: string; year: number; voted: number }[]).filter((t) => t.voted).map((t) => [`${t.partner}|${t.year}`, Math.round(t.voted * 100) / 100]));
  expect(Object.fromEntries(readTotals)).toEqual(Object.fromEntries(totals));
});
