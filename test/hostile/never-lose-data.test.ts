/**
 * Never lose data: same inputs give the same tables byte for byte, a user's own sheets survive a
 * rebuild, and a build killed with SIGKILL at a random moment leaves the old workbook or the new
 * one, never a broken file (and its temporary file is swept by the next build).
 */
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8 } from 'fflate';
import { entriesBytes, zipEntries } from '../../src/adapters/exceljs/zip-outline';
import { runCli } from '../helpers/run-cli';

const ROOT = path.resolve(__dirname, '../..');
const EXAMPLES = path.join(ROOT, 'examples/partenaires');
let tmp: string;

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'pilotage-donnees-'));
});
afterAll(async () => {
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
});

/** Sheet and table parts of an .xlsx, inflated: what a user sees, without document properties (dates). */
async function tableParts(file: string): Promise<Map<string, string>> {
  const b = new Uint8Array(await fs.readFile(file));
  const out = new Map<string, string>();
  const names = (zipEntries(b) ?? []).map((e) => e.name).filter((n) => /^xl\/(worksheets|tables)\/.*\.xml$|^xl\/(sharedStrings|styles|workbook)\.xml$/.test(n));
  for (const [name, data] of entriesBytes(b, names)) out.set(name, strFromU8(data));
  return out;
}

async function opens(file: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets.map((w) => w.name);
}

it('deux constructions sur les mêmes entrées donnent les mêmes tableaux, octet pour octet', async () => {
  const a = path.join(tmp, 'a.xlsx');
  const b = path.join(tmp, 'b.xlsx');
  expect((await runCli(['build', EXAMPLES, '-o', a, '-q'])).code).toBe(0);
  expect((await runCli(['build', EXAMPLES, '-o', b, '-q'])).code).toBe(0);
  const pa = await tableParts(a);
  const pb = await tableParts(b);
  expect(pa.size).toBeGreaterThanOrEqual(8);
  expect([...pb.keys()]).toEqual([...pa.keys()]);
  for (const [name, xml] of pa) expect({ name, same: pb.get(name) === xml }).toEqual({ name, same: true });
});

it('une reconstruction garde les feuilles et notes ajoutées par l’utilisateur', async () => {
  const out = path.join(tmp, 'annote.xlsx');
  expect((await runCli(['build', EXAMPLES, '-o', out, '-q'])).code).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const notes = wb.addWorksheet('Mes notes');
  notes.getCell('A1').value = 'À revoir en comité technique';
  notes.getCell('B2').value = 12500;
  await wb.xlsx.writeFile(out);
  expect((await runCli(['build', EXAMPLES, '-o', out, '-q'])).code).toBe(0);
  const again = new ExcelJS.Workbook();
  await again.xlsx.readFile(out);
  const kept = again.getWorksheet('Mes notes');
  expect(kept?.getCell('A1').value).toBe('À revoir en comité technique');
  expect(kept?.getCell('B2').value).toBe(12500);
  expect(again.getWorksheet('Financements')).toBeDefined();
});

/** Runs the CLI as a separate process (as a user would) and kills it with SIGKILL after `ms`. */
function buildAndKill(output: string, ms: number): Promise<{ killed: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/pilotage-avs.js'), 'build', EXAMPLES, '-o', output, '-q', '--date', '2020-12-31'], { cwd: ROOT, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      resolve({ killed: signal === 'SIGKILL' });
    });
  });
}

it('kill -9 à un moment aléatoire : l’ancien classeur ou le nouveau, jamais un fichier cassé', async () => {
  const out = path.join(tmp, 'pilotage.xlsx');
  // the old output: an annotated workbook that must never be lost
  expect((await runCli(['build', EXAMPLES, '-o', out, '-q'])).code).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  wb.addWorksheet('Ancien').getCell('A1').value = 'version précédente';
  await wb.xlsx.writeFile(out);
  const old = await fs.readFile(out);

  // how long a full run takes here, to spread the kills over all of it (start-up, read, write, rename)
  await fs.writeFile(path.join(tmp, 'mesure.xlsx'), old);
  const t0 = Date.now();
  await buildAndKill(path.join(tmp, 'mesure.xlsx'), 120_000);
  const full = Date.now() - t0;

  const outcomes: string[] = [];
  for (let i = 0; i < 6; i++) {
    const ms = Math.round(((i + Math.random()) / 6) * full * 1.3);
    const { killed } = await buildAndKill(out, ms);
    const now = await fs.readFile(out);
    const sheets = await opens(out); // throws if broken
    const same = now.equals(old);
    if (!same) expect(sheets).toEqual(expect.arrayContaining(['Ancien', 'Financements', 'Contrôles']));
    outcomes.push(`${ms} ms : ${killed ? 'tué' : 'terminé'}, ${same ? 'ancien' : 'nouveau'} classeur`);
  }
  console.log(`kill -9 (exécution complète ${full} ms)\n  ${outcomes.join('\n  ')}`);
  // the next build sweeps the temporaries left by the killed ones
  expect((await runCli(['build', EXAMPLES, '-o', out, '-q'])).code).toBe(0);
  expect((await fs.readdir(tmp)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
}, 120_000);
