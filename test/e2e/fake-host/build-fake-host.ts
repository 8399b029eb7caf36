/** Bundles the pane on the fake Excel host with esbuild into out/e2e-fake-host/ (page, script, the pane's CSS). */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';

const ROOT = path.resolve(__dirname, '../../..');
export const FAKE_HOST_DIR = path.join(ROOT, 'out/e2e-fake-host');

export function buildFakeHost(): string {
  mkdirSync(FAKE_HOST_DIR, { recursive: true });
  buildSync({
    entryPoints: [path.join(__dirname, 'entry.tsx')],
    bundle: true,
    outfile: path.join(FAKE_HOST_DIR, 'fake-host.js'),
    jsx: 'automatic',
    format: 'iife',
    target: 'es2020',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
    minify: true,
  });
  copyFileSync(path.join(ROOT, 'src/taskpane/taskpane.css'), path.join(FAKE_HOST_DIR, 'taskpane.css'));
  writeFileSync(
    path.join(FAKE_HOST_DIR, 'taskpane.html'),
    '<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Pilotage AVS (Excel simulé)</title><link rel="stylesheet" href="taskpane.css"></head><body><div id="container"></div><script src="fake-host.js"></script></body></html>',
  );
  return FAKE_HOST_DIR;
}
