/**
 * Never lose data: same inputs give the same tables byte for byte, a user's own sheets survive a
 * rebuild (a build killed with SIGKILL: kill-points.test.ts).
 */
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

// kill -9 at chosen points of the write: test/hostile/kill-points.test.ts
