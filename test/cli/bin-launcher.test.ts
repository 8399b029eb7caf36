/** bin/pilotage-avs.js: the bundle when fresh, else the sources through tsx (a dev dependency). */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BIN = path.resolve(__dirname, '../../bin/pilotage-avs.js');

test('from the checkout: --help works (bundle or sources through tsx)', () => {
  const r = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('Pilotage AVS — outil en ligne de commande');
});

test('no fresh bundle and no tsx (npm ci --omit=dev): a French message, exit 1', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'avs-bin-'));
  mkdirSync(path.join(root, 'bin'));
  mkdirSync(path.join(root, 'src/cli'), { recursive: true });
  copyFileSync(BIN, path.join(root, 'bin/pilotage-avs.js'));
  writeFileSync(path.join(root, 'src/cli/main.ts'), 'export {};\n');
  const r = spawnSync(process.execPath, [path.join(root, 'bin/pilotage-avs.js'), '--help'], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH },
  });
  expect(r.status).toBe(1);
  expect(r.stderr).toContain('ni paquet à jour (dist-cli/pilotage-avs.js) ni tsx');
  expect(r.stderr).toContain('npm run build:cli');
});

test('from the sources (no bundle): an .xls is read — the reader loaded on demand works under tsx/cjs too', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'avs-bin-src-'));
  mkdirSync(path.join(root, 'bin'));
  copyFileSync(BIN, path.join(root, 'bin/pilotage-avs.js'));
  symlinkSync(path.resolve(__dirname, '../../src'), path.join(root, 'src'));
  symlinkSync(path.resolve(__dirname, '../../node_modules'), path.join(root, 'node_modules'));
  // an Excel 97-2003 workbook of two funding lines, as a partner sends it
  const XLSX = require('@e965/xlsx') as typeof import('@e965/xlsx');
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Structure', 'Exercice', 'Montant voté'], ['Centre social Les Oliviers', 2019, 45000], ['EVS La Passerelle', 2019, 12000]]), 'CAF 2019');
  const xls = path.join(root, 'CAF07_2019.xls');
  writeFileSync(xls, XLSX.write(wb, { bookType: 'biff8', type: 'buffer' }));
  const report = path.join(root, 'r.json');
  const r = spawnSync(process.execPath, [path.join(root, 'bin/pilotage-avs.js'), 'build', xls, '-o', path.join(root, 'o.xlsx'), '--report', report, '-q'], { encoding: 'utf8' });
  expect([r.status, r.stderr]).toEqual([0, '']);
  const input = JSON.parse(readFileSync(report, 'utf8')).inputs[0];
  expect(input).toMatchObject({ status: 'ok', sheets: [expect.objectContaining({ kind: 'fundings', rows: 2 })] });
}, 120_000);
