import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { runCli } from '../helpers/run-cli';
import { EXAMPLES_DIR } from './examples-pipeline';

describe('CLI: --year, --pdf, export-scdl arguments', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'avs-cli-annual-'));

  test('--year 2019,2020 or repeated; a bad year is a usage error in French (exit 2)', async () => {
    const out = path.join(dir, 'p.xlsx');
    const r = await runCli(['build', EXAMPLES_DIR, '-o', out, '--year', '2020', '-q']);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name).filter((n) => /\d{4}$/.test(n))).toEqual([
      'Programmation 2020',
      'Synthèse COPIL 2020',
    ]);
    const bad = await runCli(['build', EXAMPLES_DIR, '-o', out, '--year', '20x0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('exercice invalide « 20x0 » : année sur 4 chiffres attendue');
  });

  test('--pdf needs a .pdf name; export-scdl needs -o; help lists them', async () => {
    const r = await runCli([
      'build',
      EXAMPLES_DIR,
      '-o',
      path.join(dir, 'q.xlsx'),
      '--pdf',
      path.join(dir, 'c.txt'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('le fichier --pdf doit avoir l’extension .pdf');
    const s = await runCli(['export-scdl', EXAMPLES_DIR]);
    expect(s.code).toBe(2);
    expect(s.stderr).toContain('indiquez le dossier où écrire les fichiers SCDL');
    const help = await runCli(['--help']);
    for (const w of [
      '--year',
      '--pdf',
      'export-scdl',
      'Programmation AAAA',
      'Synthèse COPIL AAAA',
      'Changements',
    ])
      expect(help.stdout).toContain(w);
  });
});
