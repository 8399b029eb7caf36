/**
 * kill -9 at chosen points of the write, and two builds at once on one output.
 * The writer's test hook (PILOTAGE_TEST_PAUSE_AT, see write-workbook.ts) stops it exactly at a
 * point; the test then kills it. The atomic write leaves the old workbook at every point; the
 * non-atomic variant (PILOTAGE_TEST_WRITE=direct) leaves a broken file: the test can fail.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { lockPath } from '../../src/adapters/node/output-lock';
import { runCli } from '../helpers/run-cli';

const ROOT = path.resolve(__dirname, '../..');
const EXAMPLES = path.join(ROOT, 'examples/partenaires');
const POINTS = ['apres-temporaire', 'mi-ecriture', 'avant-renommage'];
let tmp: string;
let old: Buffer;

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'pilotage-kill-'));
  const seed = path.join(tmp, 'seed.xlsx');
  expect((await runCli(['build', EXAMPLES, '-o', seed, '-q'])).code).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(seed);
  wb.addWorksheet('Ancien').getCell('A1').value = 'version précédente';
  await wb.xlsx.writeFile(seed);
  old = await fs.readFile(seed);
}, 120_000);
afterAll(async () => {
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
});

function start(output: string, env: Record<string, string> = {}): { child: ChildProcess; done: Promise<{ code: number | null; signal: string | null; stderr: string }> } {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/pilotage-avs.js'), 'build', EXAMPLES, '-o', output, '-q', '--date', '2020-12-31'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: string | null; stderr: string }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
  return { child, done };
}

async function waitFor(file: string, ms = 90_000): Promise<string> {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    if (existsSync(file)) return fs.readFile(file, 'utf8');
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${file} jamais écrit`);
}

/** Kills a build at `point`; what the output then is: the old workbook, a new valid one, or broken. */
async function killAt(point: string, variant: 'atomique' | 'direct'): Promise<'ancien' | 'nouveau' | 'cassé'> {
  const out = path.join(tmp, `${variant}-${point}.xlsx`);
  await fs.writeFile(out, old);
  const marker = path.join(tmp, `${variant}-${point}.reached`);
  const env: Record<string, string> = { PILOTAGE_TEST_PAUSE_AT: point, PILOTAGE_TEST_PAUSE_FILE: marker };
  if (variant === 'direct') env.PILOTAGE_TEST_WRITE = 'direct';
  const { child, done } = start(out, env);
  expect(await waitFor(marker)).toBe(point); // the kill lands at the point, not at random
  child.kill('SIGKILL');
  expect((await done).signal).toBe('SIGKILL');
  const now = await fs.readFile(out);
  if (now.equals(old)) return 'ancien';
  try {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(now as unknown as ArrayBuffer);
    return wb.getWorksheet('Financements') ? 'nouveau' : 'cassé';
  } catch {
    return 'cassé';
  }
}

describe('kill -9 at chosen points of the write', () => {
  test.each(POINTS)('atomic write killed at %s: the old workbook, whole', async (point) => {
    expect(await killAt(point, 'atomique')).toBe('ancien');
  }, 120_000);

  test('the non-atomic variant fails the same test (broken file at the start and mid-way)', async () => {
    const outcomes = [];
    // (a direct write has no rename: its last point does not exist)
    for (const p of POINTS.slice(0, 2)) outcomes.push(`${p}: ${await killAt(p, 'direct')}`);
    expect(outcomes).toEqual(['apres-temporaire: cassé', 'mi-ecriture: cassé']);
  }, 300_000);

  test('the next build sweeps the temporary files the killed ones left, and is not blocked by their locks', async () => {
    const out = path.join(tmp, 'atomique-mi-ecriture.xlsx');
    expect(existsSync(lockPath(out))).toBe(true); // left by the killed process…
    const r = await runCli(['build', EXAMPLES, '-o', out, '-q']);
    expect(r.code).toBe(0); // …and stale: its process is dead
    expect((await fs.readdir(tmp)).filter((n) => n.startsWith('.atomique-mi-ecriture') && n.endsWith('.tmp'))).toEqual([]);
    expect(existsSync(lockPath(out))).toBe(false);
  }, 120_000);
});

describe('two builds at once on one output', () => {
  test('run together: the second waits for the first, both succeed, the workbook is whole', async () => {
    const out = path.join(tmp, 'concurrent.xlsx');
    await fs.writeFile(out, old);
    const a = start(out);
    const b = start(out);
    const [ra, rb] = await Promise.all([a.done, b.done]);
    expect([ra.code, rb.code]).toEqual([0, 0]);
    expect(ra.stderr + rb.stderr).toMatch(/est en cours d'écriture par une autre construction .*: attente de la fin/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['Ancien', 'Financements', 'Contrôles']));
    expect(existsSync(lockPath(out))).toBe(false);
  }, 180_000);

  test('held too long: the second stops with a French message naming who and since when, nothing written', async () => {
    const out = path.join(tmp, 'tenu.xlsx');
    await fs.writeFile(out, old);
    const marker = path.join(tmp, 'tenu.reached');
    const a = start(out, { PILOTAGE_TEST_PAUSE_AT: 'avant-renommage', PILOTAGE_TEST_PAUSE_FILE: marker });
    await waitFor(marker);
    const b = start(out, { PILOTAGE_LOCK_TIMEOUT_MS: '1500' });
    const rb = await b.done;
    expect(rb.code).toBe(1);
    expect(rb.stderr).toMatch(new RegExp(`Erreur : tenu\\.xlsx est en cours d'écriture par une autre construction \\(.* processus ${a.child.pid}, depuis le .*\\) : rien n'a été écrit`));
    expect((await fs.readFile(out)).equals(old)).toBe(true);
    a.child.kill('SIGKILL');
    await a.done;
  }, 180_000);
});
