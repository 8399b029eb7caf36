import { detectSeparator, parseCsv } from '../parse/parse-csv';
import { siretKeyOk } from '../parse/parse-siret';

/**
 * The SCDL « subventions » schema, version 2.1.1 (OpenDataFrance; schema.data.gouv.fr,
 * scdl/subventions/2.1.1, a Table Schema), written out as rules, and a validator. Sources:
 * - the schema's documentation (schema.data.gouv.fr/scdl/subventions/2.1.1/documentation.html):
 *   the 16 fields and their order, which are required, types, patterns, enumerations, lengths,
 *   bounds; missing values are represented by "";
 * - its changelog (2.1.0): idBeneficiaire no longer required, rnaBeneficiaire and dispositifAide
 *   added, custom check « one-of-required »: idBeneficiaire or rnaBeneficiaire filled;
 * - its custom checks « french-siret-value » on idAttribuant and idBeneficiaire (since 2.0.0):
 *   a SIRET with a right check digit (Luhn; INSEE's exception for La Poste);
 * - the regulatory format it derives from (github.com/etalab/format-subventions): UTF-8, the
 *   column separator is the comma, every line has as many fields as the header, decimal point.
 * No schema constraint is added here except two that the types imply: a date (and each date of
 * datesPeriodeVersement) must exist in the calendar, and a period must not end before it starts.
 */
export const SCDL_SCHEMA = {
  name: 'scdl/subventions',
  version: '2.1.1',
  url: 'https://schema.data.gouv.fr/scdl/subventions/2.1.1/',
} as const;

export const SCDL_FIELDS = [
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
] as const;

export type ScdlField = (typeof SCDL_FIELDS)[number];
export type ScdlRow = Record<ScdlField, string>;

export interface ScdlFieldRule {
  /** French title, as the schema gives it. */
  title: string;
  required: boolean;
  type: 'string' | 'date' | 'number' | 'boolean';
  pattern?: RegExp;
  /** how the pattern reads, for a message */
  patternText?: string;
  enum?: readonly string[];
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  trueValues?: readonly string[];
  falseValues?: readonly string[];
  /** custom check « french-siret-value » */
  siret?: boolean;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const PERIOD = /^[0-9]{4}-[0-9]{2}-[0-9]{2}(\/[0-9]{4}-[0-9]{2}-[0-9]{2})?$/;
/** Table Schema « number »: decimal point, optional sign and exponent, no group separator. */
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export const SCDL_RULES: Record<ScdlField, ScdlFieldRule> = {
  nomAttribuant: { title: "Nom de l'attribuant", required: true, type: 'string' },
  idAttribuant: {
    title: "Identification de l'attribuant",
    required: true,
    type: 'string',
    pattern: /^\d{14}$/,
    patternText: '14 chiffres (SIRET)',
    siret: true,
  },
  dateConvention: { title: 'Date de la convention de subvention', required: true, type: 'date' },
  referenceDecision: { title: 'Référence de la décision', required: false, type: 'string' },
  nomBeneficiaire: { title: 'Nom du bénéficiaire', required: true, type: 'string' },
  idBeneficiaire: {
    title: 'Identification SIRET du bénéficiaire',
    required: false,
    type: 'string',
    siret: true,
  },
  rnaBeneficiaire: {
    title: 'Identification RNA du bénéficiaire',
    required: false,
    type: 'string',
    pattern: /^W\d{9}$/,
    patternText: 'W suivi de 9 chiffres (RNA)',
  },
  objet: { title: 'Objet de la subvention', required: true, type: 'string', maxLength: 256 },
  montant: { title: 'Montant total de la subvention', required: true, type: 'number' },
  nature: {
    title: 'Nature de la subvention',
    required: true,
    type: 'string',
    enum: [
      'aide en numéraire',
      'aide en nature',
      'aide en numéraire;aide en nature',
      'aide en nature;aide en numéraire',
    ],
  },
  conditionsVersement: {
    title: 'Conditions de versement de la subvention',
    required: true,
    type: 'string',
    maxLength: 256,
  },
  datesPeriodeVersement: {
    title: 'Date ou période de versement',
    required: true,
    type: 'string',
    pattern: PERIOD,
    patternText: 'AAAA-MM-JJ ou AAAA-MM-JJ/AAAA-MM-JJ',
  },
  idRAE: { title: "Identifiant RAE de l'aide", required: false, type: 'string', maxLength: 5 },
  notificationUE: {
    title: "Aide d'État notifiée à la Commission européenne",
    required: true,
    type: 'boolean',
    trueValues: ['oui'],
    falseValues: ['non'],
  },
  pourcentageSubvention: {
    title: 'Pourcentage du montant total attribué au bénéficiaire',
    required: true,
    type: 'number',
    minimum: 0.01,
    maximum: 1,
  },
  dispositifAide: { title: "Dispositif d'aide", required: false, type: 'string' },
};

/** The column separator the regulatory format imposes, and the file's encoding. */
export const SCDL_SEPARATOR = ',';
export const SCDL_ENCODING = 'utf-8';

export type ScdlRule =
  | 'required'
  | 'type'
  | 'pattern'
  | 'enum'
  | 'maxLength'
  | 'minimum'
  | 'maximum'
  | 'siret'
  | 'oneOfRequired'
  | 'header'
  | 'fieldCount'
  | 'encoding'
  | 'separator';

export interface ScdlViolation {
  /** line of the CSV file (1 = header); 0 for the file as a whole */
  line: number;
  /** the field at fault; for one-of-required, the first of the two */
  field?: ScdlField;
  rule: ScdlRule;
  value?: string;
  /** French, for the user */
  message: string;
}

/** A calendar date written AAAA-MM-JJ. */
export function isIsoDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const quote = (v: string) => `« ${v.length > 60 ? v.slice(0, 59) + '…' : v} »`;

function fieldViolations(field: ScdlField, v: string, line: number): ScdlViolation[] {
  const r = SCDL_RULES[field];
  const out: ScdlViolation[] = [];
  const add = (rule: ScdlRule, why: string) =>
    out.push({ line, field, rule, value: v, message: `${field} (${r.title}) ${why}` });
  if (v === '') {
    if (r.required) add('required', 'est obligatoire et vide');
    return out;
  }
  if (r.type === 'date' && !isIsoDate(v)) add('type', `${quote(v)} n'est pas une date AAAA-MM-JJ`);
  if (r.type === 'number' && !NUMBER.test(v))
    add('type', `${quote(v)} n'est pas un nombre écrit avec un point décimal, sans espace (ex. 47800.20)`);
  if (r.type === 'boolean' && ![...(r.trueValues ?? []), ...(r.falseValues ?? [])].includes(v))
    add('type', `${quote(v)} : seules les valeurs « oui » et « non » sont admises`);
  if (r.pattern && !r.pattern.test(v)) add('pattern', `${quote(v)} ne suit pas le motif ${r.patternText}`);
  if (field === 'datesPeriodeVersement' && PERIOD.test(v)) {
    const [a, b] = v.split('/');
    if (!isIsoDate(a) || (b !== undefined && !isIsoDate(b))) add('pattern', `${quote(v)} : date inexistante`);
    else if (b !== undefined && b < a) add('pattern', `${quote(v)} : la période finit avant de commencer`);
  }
  if (r.enum && !r.enum.includes(v))
    add('enum', `${quote(v)} n'est pas une valeur admise (${r.enum.map((e) => `« ${e} »`).join(', ')})`);
  if (r.maxLength !== undefined && [...v].length > r.maxLength)
    add('maxLength', `a ${[...v].length} caractères, au plus ${r.maxLength} sont admis`);
  if (r.type === 'number' && NUMBER.test(v)) {
    const n = Number(v);
    if (r.minimum !== undefined && n < r.minimum)
      add('minimum', `${quote(v)} est inférieur au minimum ${r.minimum}`);
    if (r.maximum !== undefined && n > r.maximum)
      add('maximum', `${quote(v)} est supérieur au maximum ${r.maximum}`);
  }
  if (r.siret) {
    if (!/^\d{14}$/.test(v)) {
      if (!r.pattern) add('siret', `${quote(v)} n'est pas un SIRET de 14 chiffres`);
    } else if (!siretKeyOk(v)) add('siret', `${quote(v)} : la clé de contrôle du SIRET est fausse`);
  }
  return out;
}

/** Every way a row breaks the schema (empty list: the row is valid). `line`: its line in the file. */
export function validateScdlRow(
  row: Partial<Record<ScdlField, string | null | undefined>>,
  line = 2,
): ScdlViolation[] {
  const out: ScdlViolation[] = [];
  const get = (f: ScdlField) => row[f] ?? '';
  for (const f of SCDL_FIELDS) out.push(...fieldViolations(f, get(f), line));
  if (get('idBeneficiaire') === '' && get('rnaBeneficiaire') === '')
    out.push({
      line,
      field: 'idBeneficiaire',
      rule: 'oneOfRequired',
      value: '',
      message:
        'idBeneficiaire (SIRET) ou rnaBeneficiaire (RNA) : au moins un des deux est obligatoire, les deux sont vides',
    });
  return out;
}

/**
 * A whole CSV file against the schema: strict UTF-8, the comma as separator, the header exactly
 * the 16 fields in order, every line as wide as the header, every row valid. A UTF-8 BOM is
 * tolerated (it is UTF-8), but the exporter writes none.
 */
export function validateScdlCsv(content: Uint8Array | string): ScdlViolation[] {
  let text: string;
  if (typeof content === 'string') text = content;
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(content);
    } catch {
      return [{ line: 0, rule: 'encoding', message: "le fichier n'est pas encodé en UTF-8" }];
    }
  }
  text = text.replace(/^\uFEFF/, '');
  const out: ScdlViolation[] = [];
  const sep = detectSeparator(text);
  if (sep !== SCDL_SEPARATOR && text.includes(sep))
    out.push({
      line: 0,
      rule: 'separator',
      value: sep,
      message: `le séparateur de colonnes est ${sep === '\t' ? 'la tabulation' : `« ${sep} »`} : le format réglementaire impose la virgule`,
    });
  const records = parseCsv(text, SCDL_SEPARATOR).map((r) => r.map((v) => (v === null ? '' : String(v))));
  const header = records[0] ?? [];
  if (header.join(',') !== SCDL_FIELDS.join(','))
    out.push({
      line: 1,
      rule: 'header',
      value: header.join(','),
      message: `l'en-tête doit être exactement, dans cet ordre : ${SCDL_FIELDS.join(',')}`,
    });
  records.slice(1).forEach((r, k) => {
    const line = k + 2;
    if (r.length === 1 && r[0] === '') return; // a blank line
    if (r.length !== header.length)
      out.push({ line, rule: 'fieldCount', message: `${r.length} champ(s) au lieu de ${header.length}` });
    const row: Partial<Record<ScdlField, string>> = {};
    for (const f of SCDL_FIELDS) {
      const i = header.indexOf(f);
      row[f] = i >= 0 ? (r[i] ?? '') : '';
    }
    out.push(...validateScdlRow(row, line));
  });
  return out;
}

/** Line numbers as « 2, 3, 5 » (the first `max`, then « … »). */
const linesList = (ls: number[], max = 8) =>
  ls.slice(0, max).join(', ') + (ls.length > max ? `… (${ls.length} lignes)` : '');

/**
 * The violations of a file in a few French sentences, one per field and rule: the first message
 * and the lines where it occurs (a partner without SIRET gives one sentence, not one per row).
 */
export function summariseViolations(violations: ScdlViolation[]): string[] {
  const groups = new Map<string, ScdlViolation[]>();
  for (const v of violations) {
    const k = `${v.field ?? ''}|${v.rule}`;
    groups.set(k, [...(groups.get(k) ?? []), v]);
  }
  return [...groups.values()].map((g) => {
    const lines = [...new Set(g.map((v) => v.line))].filter((l) => l > 0);
    const where = lines.length ? ` (ligne${lines.length > 1 ? 's' : ''} ${linesList(lines)})` : '';
    return `${g[0].message}${g.length > 1 && new Set(g.map((v) => v.message)).size > 1 ? ', entre autres' : ''}${where}`;
  });
}
