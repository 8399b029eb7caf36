/** bin/pilotage-avs.js: the bundle when fresh, else the sources through tsx (a dev dependency). */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
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
