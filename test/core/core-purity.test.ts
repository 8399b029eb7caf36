/** The lint rule that keeps src/core pure (no exceljs, office-js, DOM, Node API) really fires. */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/**
 * ESLint's Node API, run once in a child Node process (its config is an ES module, which jest's
 * CommonJS sandbox cannot import). lintText with a path under src/core: the config for that
 * folder applies and nothing is written to the working tree.
 */
const LINT = `
const { ESLint } = require('eslint');
const path = require('path');
const cases = JSON.parse(process.argv[1]);
const eslint = new ESLint({ cwd: process.cwd() });
Promise.all(cases.map((c) => eslint.lintText(c.code, { filePath: path.join(process.cwd(), c.file) })))
  .then((rs) => process.stdout.write(JSON.stringify(rs.map(([r]) => r.messages.map((m) => m.ruleId || m.message)))));
`;

const CORE = 'src/core/purity-probe.ts';
const CASES: { label: string; code: string; file: string; rule: string | null }[] = [
  { label: 'exceljs', code: "import ExcelJS from 'exceljs';\nexport const x = ExcelJS;\n", file: CORE, rule: 'no-restricted-imports' },
  { label: 'an exceljs sub-path', code: "import x from 'exceljs/dist/exceljs.min.js';\nexport const y = x;\n", file: CORE, rule: 'no-restricted-imports' },
  { label: 'a node: module', code: "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", file: 'src/core/import/purity-probe.ts', rule: 'no-restricted-imports' },
  { label: 'a bare Node module', code: "import path from 'path';\nexport const x = path;\n", file: CORE, rule: 'no-restricted-imports' },
  { label: 'office-js', code: "import '@microsoft/office-js';\n", file: CORE, rule: 'no-restricted-imports' },
  { label: 'React', code: "import React from 'react';\nexport const x = React;\n", file: CORE, rule: 'no-restricted-imports' },
  { label: 'Fluent UI', code: "import { Button } from '@fluentui/react-components';\nexport const x = Button;\n", file: CORE, rule: 'no-restricted-imports' },
  { label: 'an adapter', code: "import { readInput } from '../adapters/exceljs/read-workbook';\nexport const x = readInput;\n", file: CORE, rule: 'no-restricted-imports' },
  { label: 'document (DOM)', code: 'export const t = document.title;\n', file: CORE, rule: 'no-restricted-globals' },
  { label: 'window (DOM)', code: 'export const w = window;\n', file: CORE, rule: 'no-restricted-globals' },
  { label: 'Excel (office-js)', code: 'export const e = Excel;\n', file: CORE, rule: 'no-restricted-globals' },
  { label: 'process (Node)', code: 'export const p = process.env;\n', file: 'src/core/checks/purity-probe.ts', rule: 'no-restricted-globals' },
  { label: 'pure code', code: "import { normaliseText } from './parse/normalise-text';\nexport const n = normaliseText('É');\n", file: CORE, rule: null },
  { label: 'exceljs in an adapter', code: "import ExcelJS from 'exceljs';\nexport const x = ExcelJS;\n", file: 'src/adapters/exceljs/purity-probe.ts', rule: null },
];

describe('src/core stays pure (ESLint rule)', () => {
  let results: string[][];
  beforeAll(() => {
    results = JSON.parse(execFileSync(process.execPath, ['-e', LINT, JSON.stringify(CASES)], { cwd: ROOT, encoding: 'utf8' }));
  });

  test.each(CASES.map((c, i) => [c.label, c.file, i] as const))('%s in %s', (_label, _file, i) => {
    const c = CASES[i];
    if (c.rule) expect(results[i]).toContain(c.rule);
    else expect(results[i]).toEqual([]);
  });
});
