/**
 * The SCDL « subventions » 2.1.1 validator against every constraint the schema states
 * (schema.data.gouv.fr/scdl/subventions/2.1.1; custom checks one-of-required and
 * french-siret-value; encoding and separator from github.com/etalab/format-subventions), both
 * ways: a valid row passes, each kind of invalid row fails naming its field and rule.
 */
import {
  isIsoDate,
  SCDL_FIELDS,
  SCDL_RULES,
  SCDL_SCHEMA,
  summariseViolations,
  validateScdlCsv,
  validateScdlRow,
  type ScdlField,
  type ScdlRow,
  type ScdlRule,
} from '../../../src/core/export/scdl-schema';
import { toCsv } from '../../../src/core/export/scdl';

// the schema's own examples (Région Bretagne, 23350001600040, …), completed
const VALID: ScdlRow = {
  nomAttribuant: 'Région Bretagne',
  idAttribuant: '23350001600040',
  dateConvention: '2017-06-27',
  referenceDecision: '2017-03-103',
  nomBeneficiaire: 'Association Les Petits Débrouillards Bretagne',
  idBeneficiaire: '38047555800058',
  rnaBeneficiaire: 'W380475558',
  objet: 'Animations climat-énergie dans les lycées de la région',
  montant: '47800.20',
  nature: 'aide en numéraire;aide en nature',
  conditionsVersement: 'échelonné',
  datesPeriodeVersement: '2017-03-14/2018-03-14',
  idRAE: '12345',
  notificationUE: 'non',
  pourcentageSubvention: '0.45',
  dispositifAide: '65d5b6c7-102c-4440-ac3b-768f708edc0a',
};
const rules = (row: Partial<ScdlRow>) => validateScdlRow({ ...VALID, ...row }).map((v) => [v.field, v.rule]);

describe('SCDL « subventions » schema: fields', () => {
  test('version 2.1.1, 16 fields in the schema order', () => {
    expect(SCDL_SCHEMA.version).toBe('2.1.1');
    expect(SCDL_FIELDS).toEqual([
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
    ]);
  });

  test('required fields, as the schema lists them', () => {
    expect(SCDL_FIELDS.filter((f) => SCDL_RULES[f].required)).toEqual([
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
    ]);
  });
});

describe('valid rows pass', () => {
  test.each<[string, Partial<ScdlRow>]>([
    ['the schema examples', {}],
    [
      'optional fields empty (RNA given, no SIRET)',
      { referenceDecision: '', idBeneficiaire: '', idRAE: '', dispositifAide: '' },
    ],
    ['no RNA, a SIRET', { rnaBeneficiaire: '' }],
    ['a single payment date', { datesPeriodeVersement: '2017-09-20' }],
    ['each nature value', { nature: 'aide en numéraire' }],
    ['aide en nature', { nature: 'aide en nature' }],
    ['both natures the other way', { nature: 'aide en nature;aide en numéraire' }],
    ['notificationUE oui', { notificationUE: 'oui' }],
    ['pourcentage at its bounds (0.01)', { pourcentageSubvention: '0.01' }],
    ['pourcentage at its bounds (1)', { pourcentageSubvention: '1' }],
    ['pourcentage 1.00', { pourcentageSubvention: '1.00' }],
    ['montant integer', { montant: '22000' }],
    ['objet of exactly 256 characters', { objet: 'é'.repeat(256) }],
    ['conditionsVersement « autre »: free text up to 256', { conditionsVersement: 'x'.repeat(256) }],
    ['idRAE of 5 characters', { idRAE: 'AB123' }],
    ['La Poste head office SIRET', { idBeneficiaire: '35600000000048' }],
    ['a 29 February', { dateConvention: '2020-02-29' }],
  ])('%s', (_, row) => {
    expect(validateScdlRow({ ...VALID, ...row })).toEqual([]);
  });
});

describe('each kind of invalid row fails, naming its field', () => {
  test.each<[string, Partial<ScdlRow>, [ScdlField, ScdlRule][]]>([
    // required
    ...SCDL_FIELDS.filter((f) => SCDL_RULES[f].required).map<
      [string, Partial<ScdlRow>, [ScdlField, ScdlRule][]]
    >((f) => [`${f} empty`, { [f]: '' }, [[f, 'required']]]),
    // custom check one-of-required
    [
      'neither idBeneficiaire nor rnaBeneficiaire',
      { idBeneficiaire: '', rnaBeneficiaire: '' },
      [['idBeneficiaire', 'oneOfRequired']],
    ],
    // idAttribuant: pattern ^\d{14}$ and the SIRET key
    ['idAttribuant of 9 digits (a SIREN)', { idAttribuant: '233500016' }, [['idAttribuant', 'pattern']]],
    ['idAttribuant with spaces', { idAttribuant: '233 500 016 00040' }, [['idAttribuant', 'pattern']]],
    ['idAttribuant with a wrong key', { idAttribuant: '23350001600041' }, [['idAttribuant', 'siret']]],
    // idBeneficiaire: SIRET (french-siret-value)
    ['idBeneficiaire of 13 digits', { idBeneficiaire: '1810086080001' }, [['idBeneficiaire', 'siret']]],
    ['idBeneficiaire with a wrong key', { idBeneficiaire: '38047555800059' }, [['idBeneficiaire', 'siret']]],
    // rnaBeneficiaire: ^W\d{9}$
    ['rnaBeneficiaire without W', { rnaBeneficiaire: '380475558' }, [['rnaBeneficiaire', 'pattern']]],
    ['rnaBeneficiaire of 8 digits', { rnaBeneficiaire: 'W38047555' }, [['rnaBeneficiaire', 'pattern']]],
    // dates
    ['dateConvention in French', { dateConvention: '27/06/2017' }, [['dateConvention', 'type']]],
    ['dateConvention with slashes', { dateConvention: '2017/09/08' }, [['dateConvention', 'type']]],
    ['dateConvention that does not exist', { dateConvention: '2019-02-29' }, [['dateConvention', 'type']]],
    ['dateConvention with a time', { dateConvention: '2017-06-27T00:00:00' }, [['dateConvention', 'type']]],
    // datesPeriodeVersement: ^AAAA-MM-JJ(/AAAA-MM-JJ)?$
    [
      'period with an underscore (the old regulatory format)',
      { datesPeriodeVersement: '2019-01-01_2019-12-31' },
      [['datesPeriodeVersement', 'pattern']],
    ],
    [
      'several dates separated by ;',
      { datesPeriodeVersement: '2019-01-01;2019-06-01' },
      [['datesPeriodeVersement', 'pattern']],
    ],
    [
      'period of dates in French',
      { datesPeriodeVersement: '01/01/2019/31/12/2019' },
      [['datesPeriodeVersement', 'pattern']],
    ],
    [
      'period with a date that does not exist',
      { datesPeriodeVersement: '2019-01-01/2019-13-31' },
      [['datesPeriodeVersement', 'pattern']],
    ],
    [
      'period ending before it starts',
      { datesPeriodeVersement: '2019-12-31/2019-01-01' },
      [['datesPeriodeVersement', 'pattern']],
    ],
    // montant: number with a decimal point
    ['montant with a decimal comma', { montant: '47800,20' }, [['montant', 'type']]],
    ['montant with thousands spaces', { montant: '47 800.20' }, [['montant', 'type']]],
    ['montant with a euro sign', { montant: '47800 €' }, [['montant', 'type']]],
    // enumerations
    ['nature capitalised', { nature: 'Aide en numéraire' }, [['nature', 'enum']]],
    ['nature separated by a comma', { nature: 'aide en numéraire,aide en nature' }, [['nature', 'enum']]],
    ['nature unknown', { nature: 'subvention' }, [['nature', 'enum']]],
    ['notificationUE Non', { notificationUE: 'Non' }, [['notificationUE', 'type']]],
    ['notificationUE false', { notificationUE: 'false' }, [['notificationUE', 'type']]],
    // lengths
    ['objet of 257 characters', { objet: 'x'.repeat(257) }, [['objet', 'maxLength']]],
    [
      'conditionsVersement of 257 characters',
      { conditionsVersement: 'x'.repeat(257) },
      [['conditionsVersement', 'maxLength']],
    ],
    ['idRAE of 6 characters', { idRAE: '123456' }, [['idRAE', 'maxLength']]],
    // pourcentage: number between 0.01 and 1
    ['pourcentage 0', { pourcentageSubvention: '0' }, [['pourcentageSubvention', 'minimum']]],
    ['pourcentage 0.009', { pourcentageSubvention: '0.009' }, [['pourcentageSubvention', 'minimum']]],
    [
      'pourcentage 100 (a percent, not a fraction)',
      { pourcentageSubvention: '100' },
      [['pourcentageSubvention', 'maximum']],
    ],
    ['pourcentage 1.01', { pourcentageSubvention: '1.01' }, [['pourcentageSubvention', 'maximum']]],
    ['pourcentage written 45 %', { pourcentageSubvention: '45 %' }, [['pourcentageSubvention', 'type']]],
    [
      'pourcentage with a decimal comma',
      { pourcentageSubvention: '0,45' },
      [['pourcentageSubvention', 'type']],
    ],
  ])('%s', (_, row, expected) => {
    expect(rules(row)).toEqual(expected);
  });

  test('the message is French and names the field and the value', () => {
    const [v] = validateScdlRow({ ...VALID, datesPeriodeVersement: '2019-01-01_2019-12-31' }, 7);
    expect(v).toMatchObject({ line: 7, field: 'datesPeriodeVersement', value: '2019-01-01_2019-12-31' });
    expect(v.message).toBe(
      'datesPeriodeVersement (Date ou période de versement) « 2019-01-01_2019-12-31 » ne suit pas le motif AAAA-MM-JJ ou AAAA-MM-JJ/AAAA-MM-JJ',
    );
    const [e] = validateScdlRow({ ...VALID, idAttribuant: '' });
    expect(e.message).toBe("idAttribuant (Identification de l'attribuant) est obligatoire et vide");
  });

  test('isIsoDate', () => {
    expect(['2020-02-29', '2019-12-31'].map(isIsoDate)).toEqual([true, true]);
    expect(['2019-02-29', '2019-00-10', '19-01-01', '2019-1-1', ''].map(isIsoDate)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('the file: encoding, separator, header, width', () => {
  const csv = toCsv([VALID, { ...VALID, nomBeneficiaire: 'Centre social « L’Île », Privas' }]);
  const kinds = (c: Uint8Array | string) => validateScdlCsv(c).map((v) => [v.line, v.field, v.rule]);

  test('a file the exporter writes: UTF-8, comma, CRLF, the 16 fields: valid (text or bytes)', () => {
    expect(validateScdlCsv(csv)).toEqual([]);
    expect(validateScdlCsv(new TextEncoder().encode(csv))).toEqual([]);
    // a BOM is still UTF-8
    expect(validateScdlCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(csv)]))).toEqual([]);
  });

  test('not UTF-8 (Windows-1252 bytes): encoding', () => {
    const cp1252 = Uint8Array.from([...csv].map((c) => (c.charCodeAt(0) < 0x100 ? c.charCodeAt(0) : 0x3f)));
    expect(kinds(cp1252)).toEqual([[0, undefined, 'encoding']]);
  });

  test('semicolon separated: separator (and the header no longer reads)', () => {
    const semi = csv.replace(/,/g, ';');
    expect(kinds(semi)[0]).toEqual([0, undefined, 'separator']);
    expect(kinds(semi).map((k) => k[2])).toContain('header');
  });

  test('a missing, extra or moved column: header', () => {
    const lines = csv.split('\r\n');
    const noDispositif = lines.map((l, i) => (i === 0 ? l.replace(/,dispositifAide$/, '') : l)).join('\r\n');
    expect(kinds(noDispositif)[0]).toEqual([1, undefined, 'header']);
    const swapped = csv.replace('nomAttribuant,idAttribuant', 'idAttribuant,nomAttribuant');
    expect(kinds(swapped)[0]).toEqual([1, undefined, 'header']);
  });

  test('a line narrower than the header: fieldCount, and its fields are checked', () => {
    const short = csv + 'Région Bretagne,23350001600040\r\n';
    const k = kinds(short);
    expect(k).toContainEqual([4, undefined, 'fieldCount']);
    expect(k).toContainEqual([4, 'dateConvention', 'required']);
  });

  test('summary: one sentence per field and rule, with its lines', () => {
    const rows = Array.from({ length: 12 }, () => ({ ...VALID, idAttribuant: '' }));
    const s = summariseViolations(validateScdlCsv(toCsv(rows)));
    expect(s).toEqual([
      "idAttribuant (Identification de l'attribuant) est obligatoire et vide (lignes 2, 3, 4, 5, 6, 7, 8, 9… (12 lignes))",
    ]);
  });
});
