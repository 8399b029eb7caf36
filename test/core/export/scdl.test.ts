import { exportScdl } from '../../../src/core/export/scdl';
import { parseCsv } from '../../../src/core/parse/parse-csv';
import { defaultReference } from '../../../src/core/reference/default-reference';
import { runExamples } from '../../golden/examples-pipeline';

/** The rules of the SCDL « subventions » schema (schema.data.gouv.fr, scdl/subventions 2.1), written out here independently of the exporter. */
const SCHEMA_FIELDS = [
  'nomAttribuant',
  'idAttribuant',
  'dateConvention',
  'referenceDecision',
  'nomBeneficiaire',
  'idBeneficiaire',
  'rnaBeneficiaire',
  'objet',
  'montant',
  'nature',
  'conditionsVersement',
  'datesPeriodeVersement',
  'idRAE',
  'notificationUE',
  'pourcentageSubvention',
  'dispositifAide',
];
const REQUIRED = [
  'nomAttribuant',
  'idAttribuant',
  'dateConvention',
  'nomBeneficiaire',
  'objet',
  'montant',
  'nature',
  'conditionsVersement',
  'datesPeriodeVersement',
  'notificationUE',
  'pourcentageSubvention',
];
const isDate = (s: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) &&
  !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
  new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/** Luhn key of a SIRET (INSEE), written again here. */
const luhn = (d: string) =>
  [...d]
    .reverse()
    .reduce(
      (t, c, i) => t + (i % 2 ? ((2 * Number(c)) % 10) + Math.floor((2 * Number(c)) / 10) : Number(c)),
      0,
    ) %
    10 ===
  0;

function validate(csv: string): string[] {
  const errors: string[] = [];
  if (csv.charCodeAt(0) === 0xfeff) errors.push('BOM en tête');
  const rows = parseCsv(csv, ',').filter((r) => r.some((v) => v !== null && v !== ''));
  const header = rows[0].map(String);
  if (JSON.stringify(header) !== JSON.stringify(SCHEMA_FIELDS)) errors.push(`en-tête ${header.join(',')}`);
  rows.slice(1).forEach((r, i) => {
    const v = (f: string) => (r[header.indexOf(f)] === null ? '' : String(r[header.indexOf(f)]));
    const at = `ligne ${i + 2}`;
    for (const f of REQUIRED) if (!v(f)) errors.push(`${at} : ${f} vide`);
    if (!/^\d{14}$/.test(v('idAttribuant')) || !luhn(v('idAttribuant')))
      errors.push(`${at} : idAttribuant ${v('idAttribuant')}`);
    if (!/^\d{14}$/.test(v('idBeneficiaire')) || !luhn(v('idBeneficiaire')))
      errors.push(`${at} : idBeneficiaire ${v('idBeneficiaire')}`);
    if (v('objet').length > 256) errors.push(`${at} : objet de plus de 256 caractères`);
    if (!isDate(v('dateConvention'))) errors.push(`${at} : dateConvention ${v('dateConvention')}`);
    if (!/^\d+(\.\d+)?$/.test(v('montant')) || Number(v('montant')) <= 0)
      errors.push(`${at} : montant ${v('montant')}`);
    if (
      !v('nature')
        .split(';')
        .every((n) => ['aide en numéraire', 'aide en nature'].includes(n))
    )
      errors.push(`${at} : nature ${v('nature')}`);
    if (!['unique', 'échelonné'].includes(v('conditionsVersement')))
      errors.push(`${at} : conditionsVersement ${v('conditionsVersement')}`);
    // ISO 8601: one date, or a period whose two dates are separated by a slash (2.1.1 pattern)
    const period = v('datesPeriodeVersement').split('/');
    if (!(period.length <= 2 && period.every(isDate)))
      errors.push(`${at} : datesPeriodeVersement ${v('datesPeriodeVersement')}`);
    if (!['oui', 'non'].includes(v('notificationUE')))
      errors.push(`${at} : notificationUE ${v('notificationUE')}`);
    const pct = Number(v('pourcentageSubvention'));
    if (!(pct > 0 && pct <= 1)) errors.push(`${at} : pourcentageSubvention ${v('pourcentageSubvention')}`);
  });
  return errors;
}

// fictional SIRETs for the test reference (the embedded reference has none: reported, see below)
const SIRETS: Record<string, string> = {
  CAF: '11111111100014',
  CD07: '22222222200028',
  MSA: '33333333300032',
  FACS: '44444444400046',
};

describe('SCDL « subventions » export', () => {
  test('every file validates against the schema rules; lines without SIRET are reported, not published', async () => {
    const r = await runExamples();
    const ref = defaultReference();
    for (const p of ref.partners) p.siret = SIRETS[p.code];
    const { files, findings } = exportScdl(r.dataset, ref);
    expect(files.map((f) => f.fileName)).toEqual([
      'scdl-subventions-CAF.csv',
      'scdl-subventions-CD07.csv',
      'scdl-subventions-MSA.csv',
    ]);
    for (const f of files)
      expect([f.fileName, validate(f.csv), f.violations, f.attribuant]).toEqual([
        f.fileName,
        [],
        [],
        undefined,
      ]);
    expect(files[0].rows[0].datesPeriodeVersement).toMatch(/^(\d{4})-01-01\/\1-12-31$/);
    expect(files.every((f) => f.csv.endsWith('\r\n'))).toBe(true);
    const noSiret = findings.filter((f) => f.code === 'SCDL_SANS_SIRET');
    expect(noSiret.map((f) => f.structureName)).toEqual(['Association Les Jardins partagés']);
    expect(noSiret[0].message).toContain('sans SIRET valide de 14 chiffres');
    expect(noSiret[0].location?.file).toBe('CD07_subventions_2019-2020.csv');
    // published + reported = every positive voted amount of the partner
    for (const f of files) {
      const published = f.rows.reduce((t, x) => t + Number(x.montant), 0);
      const reported = findings
        .filter((x) => x.partner === f.partner && x.code !== 'SCDL_ATTRIBUANT_SANS_SIRET')
        .reduce((t, x) => t + (x.voted ?? 0), 0);
      const voted = r.dataset.fundings
        .filter((l) => l.partner === f.partner && !l.duplicateOf && (l.voted ?? 0) > 0)
        .reduce((t, l) => t + (l.voted ?? 0), 0);
      expect([f.partner, Math.round((published + reported) * 100)]).toEqual([
        f.partner,
        Math.round(voted * 100),
      ]);
    }
    const msa = files.find((f) => f.partner === 'MSA')!.rows[0];
    expect(msa).toMatchObject({
      nomAttribuant: 'Mutualité sociale agricole Ardèche Drôme Loire',
      idAttribuant: SIRETS.MSA,
      dateConvention: '2019-01-15',
      referenceDecision: 'MSA-19-001',
      idBeneficiaire: '41234567800012',
      montant: '5200.00',
    });
  });

  test('a partner without SIRET in the reference is reported (idAttribuant cannot be filled): its file does not validate', async () => {
    const r = await runExamples({ years: [2020] });
    const { files, findings } = exportScdl(r.dataset, defaultReference(), { years: [2020] });
    const missing = findings.filter((f) => f.code === 'SCDL_ATTRIBUANT_SANS_SIRET');
    expect(missing.map((f) => f.partner)).toEqual(['CAF', 'CD07', 'MSA']);
    expect(missing[0].message).toContain('colonne SIRET de la section Partenaires du référentiel');
    for (const f of files) {
      expect(f.attribuant).toBe('absent');
      expect(f.violations.length).toBe(f.rows.length);
      expect(f.violations.every((v) => v.field === 'idAttribuant' && v.rule === 'required')).toBe(true);
      expect(validate(f.csv).every((e) => e.includes('idAttribuant'))).toBe(true);
    }
  });

  test('a partner SIRET whose check digit is wrong is not published', async () => {
    const r = await runExamples({ years: [2020] });
    const ref = defaultReference();
    for (const p of ref.partners) p.siret = SIRETS[p.code];
    ref.partners.find((p) => p.code === 'CAF')!.siret = '11111111100015';
    const { files, findings } = exportScdl(r.dataset, ref, { years: [2020] });
    const caf = files.find((f) => f.partner === 'CAF')!;
    expect(caf.attribuant).toBe('cle');
    expect(caf.rows.every((x) => x.idAttribuant === '')).toBe(true);
    expect(findings.find((f) => f.code === 'SCDL_ATTRIBUANT_SANS_SIRET')?.message).toContain(
      '« 11111111100015 »',
    );
    expect(files.filter((f) => f.violations.length === 0).map((f) => f.partner)).toEqual(['CD07', 'MSA']);
  });
});
