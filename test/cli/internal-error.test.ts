/** An unexpected exception is « erreur interne » naming the file, with a hint; its English text only with --verbose. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/run-cli';
import { EXAMPLES_DIR } from '../golden/examples-pipeline';

jest.mock('../../src/core/pipeline', () => ({
  runPipeline: () => {
    throw new TypeError("Cannot read properties of undefined (reading 'name')");
  },
}));

const dir = mkdtempSync(path.join(os.tmpdir(), 'avs-internal-'));

describe('internal error', () => {
  test('French, names the file, gives a hint; no English without --verbose', async () => {
    const r = await runCli(['build', EXAMPLES_DIR, '-o', path.join(dir, 'p.xlsx'), '-q']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Erreur interne pendant le traitement de .*p\.xlsx : l'outil a rencontré un cas imprévu\. Relancez avec --verbose/);
    expect(r.stderr).not.toMatch(/Cannot|TypeError|at /);
  });

  test('--verbose adds the technical detail', async () => {
    const r = await runCli(['build', EXAMPLES_DIR, '-o', path.join(dir, 'p.xlsx'), '-q', '--verbose']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Erreur interne');
    expect(r.stderr).toContain("TypeError: Cannot read properties of undefined (reading 'name')");
  });

  test('a system error on writing is French too, with the path', async () => {
    const ro = path.join(dir, 'dossier');
    writeFileSync(ro, 'un fichier, pas un dossier');
    const r = await runCli(['export-referentiel', '-o', path.join(ro, 'ref.xlsx')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Erreur : écriture impossible de .*dossier : (le fichier existe déjà \(EEXIST\)|un élément du chemin n'est pas un dossier \(ENOTDIR\))\./);
    expect(r.stderr).not.toMatch(/EEXIST:|ENOTDIR:/);
  });
});
