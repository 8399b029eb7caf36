/**
 * scripts/office-debug.js (npm start / npm stop) with a fake npx first in PATH: no network. The
 * fake records its arguments, writes the given stderr and exits with the given status.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const { platformToDebug, TOOL } = require('../../scripts/office-debug.js') as {
  platformToDebug: (args: string[], platform: string) => { ok: boolean; args?: string[]; reason?: string };
  TOOL: string;
};

const SCRIPT = path.resolve(__dirname, '../../scripts/office-debug.js');
const ROOT = path.resolve(__dirname, '../..');

function run(args: string[], fake?: { stderr: string; status: number }) {
  const bin = mkdtempSync(path.join(os.tmpdir(), 'avs-fake-npx-'));
  const calls = path.join(bin, 'calls.txt');
  if (fake) {
    writeFileSync(path.join(bin, 'stderr.txt'), `${fake.stderr}\n`);
    writeFileSync(
      path.join(bin, 'npx'),
      `#!/bin/sh\necho "$@" > '${calls}'\n/bin/cat '${bin}/stderr.txt' >&2\nexit ${fake.status}\n`,
    );
    chmodSync(path.join(bin, 'npx'), 0o755);
  }
  const r = spawnSync(process.execPath, [SCRIPT, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: bin, HOME: bin },
  });
  return {
    status: r.status,
    stderr: r.stderr,
    npxArgs: existsSync(calls) ? readFileSync(calls, 'utf8').trim() : null,
  };
}

const web = ['start', 'web', '--document', 'https://exemple.sharepoint.com/classeur.xlsx'];

describe('npm start / npm stop through npx, French message when it cannot run', () => {
  test.each([
    {
      name: 'keytar cannot be built (no libsecret)',
      fake: {
        status: 1,
        stderr:
          "npm error gyp: Call to 'pkg-config --cflags libsecret-1' returned exit status 1 while in binding.gyp",
      },
      problem: 'la construction du module natif keytar a échoué',
    },
    {
      name: 'registry out of reach',
      fake: { status: 1, stderr: 'npm error code ENOTFOUND' },
      problem: 'le registre npm est injoignable',
    },
    {
      name: 'the tool reports an error but exits 0',
      fake: { status: 0, stderr: 'Error: Unable to start debugging.' },
      problem: 'office-addin-debugging a signalé une erreur',
    },
    {
      name: 'any other failure',
      fake: { status: 7, stderr: 'boom' },
      problem: `npx ${TOOL} s’est arrêté avec le code 7 (téléchargement de l’outil, construction de keytar`,
    },
  ])('$name: exit 1, what went wrong, what npm start needs, the alternatives', ({ fake, problem }) => {
    const r = run(web, fake);
    expect(r.npxArgs).toBe(
      `--yes ${TOOL} start manifest.xml web --document https://exemple.sharepoint.com/classeur.xlsx`,
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(fake.stderr);
    expect(r.stderr).toContain(`npm start : impossible de charger le complément — ${problem}`);
    for (const need of [
      'Windows ou Mac avec Excel de bureau',
      'registre npm',
      'libsecret-1-dev',
      'à la main',
      'mode autonome',
    ])
      expect(r.stderr).toContain(need);
  });

  test('npx missing from PATH: says so', () => {
    const r = run(web);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('npx est introuvable');
  });

  test('the tool succeeds: exit 0, no message', () => {
    const r = run(['stop', 'web'], {
      status: 0,
      stderr: 'npm warn exec The following package was not found and will be installed',
    });
    expect(r.npxArgs).toBe(`--yes ${TOOL} stop manifest.xml web`);
    expect(r.status).toBe(0);
    expect(r.stderr).not.toContain('impossible');
  });

  test('unknown command: usage, exit 2, npx not called', () => {
    const r = run(['restart'], { status: 0, stderr: '' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('usage : node scripts/office-debug.js start|stop');
    expect(r.npxArgs).toBeNull();
  });

  test.each([
    { args: [], platform: 'win32', expected: { ok: true, args: ['desktop'] } },
    {
      args: ['--app', 'excel'],
      platform: 'darwin',
      expected: { ok: true, args: ['desktop', '--app', 'excel'] },
    },
    {
      args: ['web', '--document', 'u'],
      platform: 'linux',
      expected: { ok: true, args: ['web', '--document', 'u'] },
    },
    { args: ['Desktop'], platform: 'win32', expected: { ok: true, args: ['Desktop'] } },
    {
      args: [],
      platform: 'linux',
      expected: { ok: false, reason: 'Excel de bureau n’existe pas sur cette machine (linux).' },
    },
    {
      args: ['macos'],
      platform: 'win32',
      expected: { ok: false, reason: 'Excel de bureau n’existe pas sur cette machine (win32).' },
    },
  ])('platform: $args on $platform', ({ args, platform, expected }) => {
    expect(platformToDebug(args, platform)).toEqual(expected);
  });
});

test('no platform: Excel desktop where it exists (Windows, Mac), otherwise a message and npx not called', () => {
  const r = run(['start'], { status: 0, stderr: '' });
  if (process.platform === 'win32' || process.platform === 'darwin') {
    expect(r.npxArgs).toBe(`--yes ${TOOL} start manifest.xml desktop`);
    expect(r.status).toBe(0);
  } else {
    expect(r.status).toBe(1);
    expect(r.npxArgs).toBeNull();
    expect(r.stderr).toContain(`Excel de bureau n’existe pas sur cette machine (${process.platform}).`);
    expect(r.stderr).toContain('npm start -- web --document');
  }
});
