/** `pilotage-avs export-scdl`: valid files only, a clear refusal otherwise, drafts on demand. */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeWorkbook } from '../../src/adapters/exceljs/write-workbook';
import { SCDL_FIELDS, validateScdlCsv } from '../../src/core/export/scdl-schema';
import { defaultReference } from '../../src/core/reference/default-reference';
import { referenceSheet } from '../../src/core/reference/referentiel-sheet';
import { runCli } from '../helpers/run-cli';

const EXAMPLES = path.resolve(__dirname, '../../examples/partenaires');
const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'avs-scdl-cli-'));
const FILES = ['scdl-subventions-CAF.csv', 'scdl-subventions-CD07.csv', 'scdl-subventions-MSA.csv'];

// fictional SIRETs with a right check digit, as a user would type them in the référentiel's Partenaires section
const SIRETS: Record<string, string> = {
  CAF: '11111111100014',
  CD07: '22222222200028',
  MSA: '33333333300032',
  FACS: '44444444400046',
};

/** The embedded référentiel with SIRETs (all, or all but `without`), written as export-referentiel does. */
async function referenceWithSirets(dir: string, without: string[] = []): Promise<string> {
  const ref = defaultReference();
  for (const p of ref.partners) if (!without.includes(p.code)) p.siret = SIRETS[p.code];
  const file = path.join(dir, 'referentiel.xlsx');
  await writeWorkbook(file, [referenceSheet(ref)]);
  return file;
}

describe('pilotage-avs export-scdl', () => {
  test('with a référentiel carrying the partners’ SIRETs: one valid UTF-8 file per partner, exit 0', async () => {
    const dir = tmp();
    const out = path.join(dir, 'opendata');
    const res = await runCli([
      'export-scdl',
      EXAMPLES,
      '-o',
      out,
      '--reference',
      await referenceWithSirets(dir),
    ]);
    expect([res.code, res.stderr]).toEqual([0, '']);
    expect(readdirSync(out).sort()).toEqual(FILES);
    for (const f of FILES) {
      const bytes = readFileSync(path.join(out, f));
      expect([f, validateScdlCsv(new Uint8Array(bytes))]).toEqual([f, []]);
      expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
      expect(bytes.toString('utf8').split('\r\n')[0]).toBe(SCDL_FIELDS.join(','));
    }
    const cd07 = readFileSync(path.join(out, 'scdl-subventions-CD07.csv'), 'utf8');
    expect(cd07).toContain("Département de l'Ardèche,22222222200028,");
    expect(cd07).toMatch(/,2019-01-01\/2019-12-31,/);
    expect(res.stdout).toMatch(
      /scdl-subventions-CD07\.csv : \d+ subvention\(s\) de CD07, conforme au schéma SCDL « subventions » 2\.1\.1/,
    );
    // a line without a beneficiary SIRET is still reported, not published
    expect(res.stdout).toContain('Association Les Jardins partagés');
  });

  test('without partner SIRETs (the embedded référentiel): nothing written, the field and how to supply it, exit 1', async () => {
    const out = path.join(tmp(), 'opendata');
    const res = await runCli(['export-scdl', EXAMPLES, '-o', out, '--year', '2020']);
    expect(res.code).toBe(1);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
    expect(res.stderr).toContain(
      '3 fichier(s) SCDL non écrit(s), car non conforme(s) au schéma SCDL « subventions » 2.1.1',
    );
    for (const p of ['CAF', 'CD07', 'MSA'])
      expect(res.stderr).toContain(`idAttribuant (SIRET du partenaire ${p}`);
    expect(res.stderr).toContain('colonne SIRET de la section Partenaires du référentiel');
    expect(res.stderr).toContain('pilotage-avs export-referentiel -o referentiel.xlsx');
    expect(res.stderr).toContain('--reference referentiel.xlsx');
    expect(res.stderr).toContain('--brouillon');
    // one sentence per partner for the missing SIRET, not one per row
    expect(res.stderr.match(/idAttribuant \(SIRET du partenaire CD07/g)).toHaveLength(1);
  });

  test('one partner without SIRET: the others are written, that one is refused, exit 1', async () => {
    const dir = tmp();
    const out = path.join(dir, 'opendata');
    const res = await runCli([
      'export-scdl',
      EXAMPLES,
      '-o',
      out,
      '--reference',
      await referenceWithSirets(dir, ['MSA']),
    ]);
    expect(res.code).toBe(1);
    expect(readdirSync(out).sort()).toEqual(['scdl-subventions-CAF.csv', 'scdl-subventions-CD07.csv']);
    expect(res.stderr).toContain('1 fichier(s) SCDL non écrit(s)');
    expect(res.stderr).toMatch(/scdl-subventions-MSA\.csv \(partenaire MSA, \d+ subvention\(s\)\)/);
    expect(res.stderr).toContain(
      'idAttribuant (SIRET du partenaire MSA, Mutualité sociale agricole Ardèche Drôme Loire) manquant',
    );
  });

  test('--brouillon: the invalid files are written as drafts, their invalid rows named, exit 0', async () => {
    const out = path.join(tmp(), 'opendata');
    const res = await runCli(['export-scdl', EXAMPLES, '-o', out, '--year', '2020', '--brouillon']);
    expect([res.code, res.stderr]).toEqual([0, '']);
    expect(readdirSync(out).sort()).toEqual(FILES.map((f) => f.replace('.csv', '-brouillon.csv')));
    expect(res.stdout).toMatch(
      /scdl-subventions-CAF-brouillon\.csv : BROUILLON de CAF, \d+ subvention\(s\), NON CONFORME/,
    );
    expect(res.stdout).toContain('idAttribuant (SIRET du partenaire CAF');
    const draft = readFileSync(path.join(out, 'scdl-subventions-CAF-brouillon.csv'), 'utf8');
    expect(validateScdlCsv(draft).every((v) => v.field === 'idAttribuant')).toBe(true);
  });

  test('--help documents --brouillon and the exit code', async () => {
    const r = await runCli(['--help']);
    expect(r.stdout).toContain('--brouillon');
    expect(r.stdout).toContain('pour export-scdl : aussi un fichier SCDL non valide');
  });
});
