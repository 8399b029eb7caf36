#!/usr/bin/env node
// Starts the CLI from the single-file bundle made by `npm run build:cli` when it is up to date
// (start-up in a fraction of a second), otherwise from the TypeScript sources through tsx, so
// that a checkout needs no build step and an edited source is never shadowed by a stale bundle.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const bundle = path.join(root, 'dist-cli', 'pilotage-avs.js');

function newestSource(dir) {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (e.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

function bundleIsFresh() {
  try {
    return fs.statSync(bundle).mtimeMs >= newestSource(path.join(root, 'src'));
  } catch {
    return false;
  }
}

let main;
if (bundleIsFresh()) ({ main } = require(bundle));
else {
  try {
    require.resolve('tsx/cjs');
  } catch {
    // tsx is a dev dependency: missing after `npm ci --omit=dev` when no bundle was built
    console.error('pilotage-avs : ni paquet à jour (dist-cli/pilotage-avs.js) ni tsx pour lancer les sources TypeScript.');
    console.error('Lancez « npm ci » (avec les dépendances de développement) ou « npm run build:cli ».');
    process.exit(1);
  }
  require('tsx/cjs');
  ({ main } = require('../src/cli/main.ts'));
}
main(process.argv.slice(2)).then((code) => process.exit(code));
