#!/usr/bin/env node
// Runs the TypeScript CLI directly (tsx), so that a checkout needs no build step.
require('tsx/cjs');
const { main } = require('../src/cli/main.ts');
main(process.argv.slice(2)).then((code) => process.exit(code));
