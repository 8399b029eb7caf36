import { copyFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Report } from '../../src/core/report/build-report';
import type { MappingFile } from '../../src/core/import/mapping-file';
import { runCli } from '../helpers/run-cli';
import { workbookBytes } from '../fixtures/build';

const EXAMPLES = path.resolve(__dirname, '../../examples/partenaires');
const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'avs-cli-'));
const readJson = <T>(p: string): T => JSON.parse(readFileSync(p, 'utf8'));

describe('pilotage-avs: arguments and help', () => {
  test('--help in French, exit 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage/);
    expect(r.stdout).toMatch(/Codes de sortie/);
    expect(r.stdout).toMatch(/--strict/);
  });

  test.each<[string[], RegExp]>([
    [[], /Usage/],
    [['build', 'x.xlsx'], /-o <sortie\.xlsx>/],
    [['build', '-o', 'out.xlsx'], /au moins un fichier/],
    [['build', EXAMPLES, '-o', 'out.csv'], /extension \.xlsx/],
    [['build', EXAMPLES, '-o', 'out.xlsx', '--date', '31/12/2020'], /date invalide/],
    [['build', EXAMPLES, '-o', 'out.xlsx', '--inconnue'], /option inconnue/],
    [['build', EXAMPLES, '-o'], /attend une valeur/],
    [['publier'], /commande inconnue/],
  ])('bad arguments %j: exit 2 with a French message', async (args, msg) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toMatch(msg);
  });
});

describe('pilotage-avs build', () => {
  test('examples: exit 0, progress on stderr, French summary on stdout, workbook and report written', async () => {
    const dir = tmp();
    const out = path.join(dir, 'pilotage.xlsx');
    const r = await runCli(['build', EXAMPLES, '-o', out, '--report', path.join(dir, 'r.json')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/\[1\/4\] lecture de .*CAF07_PS_2019-2020\.xlsx/);
    expect(r.stderr).toMatch(/Écriture de/);
    expect(r.stdout).toMatch(/Contrôles : \d+ erreur\(s\), \d+ alerte\(s\), \d+ information\(s\)/);
    expect(r.stdout).toMatch(/Axes sans action financée : /);
    expect(r.stdout).toMatch(/Structures sans convention/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['Partenaires', 'Dispositifs', 'Plan', 'Structures', 'Conventions', 'Financements', 'Contrôles']));
    expect(readJson<Report>(path.join(dir, 'r.json')).schemaVersion).toBe(1);
  });

  test('-q: no progress', async () => {
    const dir = tmp();
    const r = await runCli(['build', EXAMPLES, '-o', path.join(dir, 'p.xlsx'), '-q']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });

  test('--strict: exit 3 when an erreur is found, 0 when none', async () => {
    const dir = tmp();
    expect((await runCli(['build', EXAMPLES, '-o', path.join(dir, 'p.xlsx'), '-q', '--strict'])).code).toBe(3);
    const clean = path.join(dir, 'CAF_2019.xlsx');
    writeFileSync(clean, await workbookBytes([{ name: 'PS 2019', rows: [['Structure', 'Prestation', 'Montant voté'], ['CS Les Oliviers', 'Subvention fonds propres', 1000]] }]));
    const r = await runCli(['build', clean, '-o', path.join(dir, 'c.xlsx'), '-q', '--strict', '--report', path.join(dir, 'c.json')]);
    expect(readJson<Report>(path.join(dir, 'c.json')).counts_by_severity.erreur).toBe(0);
    expect(r.code).toBe(0);
  });

  test('an unreadable file is reported by name with its reason, the rest of the build goes on', async () => {
    const dir = tmp();
    const inputs = path.join(dir, 'in');
    require('node:fs').mkdirSync(inputs);
    for (const f of readdirSync(EXAMPLES)) copyFileSync(path.join(EXAMPLES, f), path.join(inputs, f));
    writeFileSync(path.join(inputs, 'corrompu.xlsx'), Buffer.from('PK\u0003\u0004 pas vraiment un classeur'));
    writeFileSync(path.join(inputs, 'ancien.xls'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    const r = await runCli(['build', inputs, path.join(dir, 'absent.xlsx'), '-o', path.join(dir, 'p.xlsx'), '--report', path.join(dir, 'r.json')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/corrompu\.xlsx/);
    expect(r.stderr).toMatch(/ancien\.xls/);
    expect(r.stderr).toMatch(/absent\.xlsx : fichier ou dossier introuvable/);
    const report = readJson<Report>(path.join(dir, 'r.json'));
    const rejected = report.inputs.filter((i) => i.status === 'rejected');
    expect(rejected.map((i) => path.basename(i.file)).sort()).toEqual(['ancien.xls', 'corrompu.xlsx']);
    for (const i of rejected) expect(i.error).toMatch(/\S{5,}/);
    expect(report.counts.fundingLines).toBe(28);
  });

  test('nothing readable: exit 1 with a clear message', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'a.xlsx'), 'texte libre');
    const r = await runCli(['build', path.join(dir, 'a.xlsx'), '-o', path.join(dir, 'p.xlsx')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/a\.xlsx/);
    expect(r.stderr).toMatch(/aucun fichier lisible/);
    expect((await runCli(['build', path.join(dir, 'nulle-part'), '-o', path.join(dir, 'p.xlsx')])).code).toBe(1);
  });

  test('--mapping: written after the build, then read back with a user override that wins', async () => {
    const dir = tmp();
    const mapping = path.join(dir, 'correspondances.json');
    const report = path.join(dir, 'r.json');
    expect((await runCli(['build', EXAMPLES, '-o', path.join(dir, 'p.xlsx'), '-q', '--mapping', mapping, '--report', report])).code).toBe(0);
    const m = readJson<MappingFile>(mapping);
    const msa = m.sheets.find((s) => s.file.endsWith('MSA_ADL_2019-2020.xlsx') && s.sheet === 'Aides ADL')!;
    // what the detection found is written apart (« detected »): no correction until the user makes one
    expect(msa.detected).toMatchObject({ 'Mt accordé': 'voted', 'Mt payé': 'paid' });
    expect(msa.columns).toEqual({});
    const paidBefore = readJson<Report>(report).totals.filter((t) => t.partner === 'MSA').map((t) => t.paid);
    expect(paidBefore).toEqual([9100, 5450]);
    // the user says the "Mt payé" column is to be ignored
    msa.columns['Mt payé'] = null;
    writeFileSync(mapping, JSON.stringify(m));
    expect((await runCli(['build', EXAMPLES, '-o', path.join(dir, 'p.xlsx'), '-q', '--mapping', mapping, '--report', report])).code).toBe(0);
    expect(readJson<Report>(report).totals.filter((t) => t.partner === 'MSA').map((t) => t.paid)).toEqual([0, 0]);
    // and the choice is kept in the rewritten file
    expect(readJson<MappingFile>(mapping).sheets.find((s) => s.sheet === 'Aides ADL')!.columns['Mt payé']).toBeNull();
  });

  test('--mapping: the confirmed structures are kept in the rewritten file; an invalid entry is refused in French', async () => {
    const dir = tmp();
    const mapping = path.join(dir, 'correspondances.json');
    const structures = [{ name: 'Les Oliviers', commune: 'Privas', code: 'EVS-OLIV' }, { name: 'Le Pré', code: null }];
    writeFileSync(mapping, JSON.stringify({ version: 1, sheets: [], structures }));
    expect((await runCli(['build', EXAMPLES, '-o', path.join(dir, 'p.xlsx'), '-q', '--mapping', mapping])).code).toBe(0);
    const m = readJson<MappingFile>(mapping);
    expect(m.structures).toEqual(structures);
    expect(m.sheets.length).toBeGreaterThan(0);
    writeFileSync(mapping, JSON.stringify({ version: 1, sheets: [], structures: [{ name: 'Les Oliviers' }] }));
    const r = await runCli(['build', EXAMPLES, '-o', path.join(dir, 'p.xlsx'), '-q', '--mapping', mapping]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/structure confirmée n° 1 : « code »/);
  });

  test('--mapping with broken JSON: exit 1 naming the file', async () => {
    const dir = tmp();
    const mapping = path.join(dir, 'm.json');
    writeFileSync(mapping, '{ pas du json');
    const r = await runCli(['build', EXAMPLES, '-o', path.join(dir, 'p.xlsx'), '-q', '--mapping', mapping]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/m\.json : ce n'est pas du JSON valide/);
  });

  test('--reference: export-referentiel then build with it gives the same report', async () => {
    const dir = tmp();
    const ref = path.join(dir, 'referentiel.xlsx');
    expect((await runCli(['export-referentiel', '-o', ref])).code).toBe(0);
    await runCli(['build', EXAMPLES, '-o', path.join(dir, 'a.xlsx'), '-q', '--report', path.join(dir, 'a.json')]);
    const r = await runCli(['build', EXAMPLES, '-o', path.join(dir, 'b.xlsx'), '-q', '--report', path.join(dir, 'b.json'), '--reference', ref]);
    expect(r.code).toBe(0);
    const a = readJson<Report>(path.join(dir, 'a.json'));
    const b = readJson<Report>(path.join(dir, 'b.json'));
    expect(b.totals).toEqual(a.totals);
    expect(b.flags).toEqual(a.flags);
    expect(b.findings.map((f) => f.code)).toEqual(a.findings.map((f) => f.code));
  });

  test('--reference with a file that is not a référentiel: exit 1', async () => {
    const dir = tmp();
    const bad = path.join(dir, 'ref.xlsx');
    writeFileSync(bad, await workbookBytes([{ name: 'Feuil1', rows: [['rien']] }]));
    const r = await runCli(['build', EXAMPLES, '-o', path.join(dir, 'p.xlsx'), '-q', '--reference', bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Partenaires/);
  });
});
