import type { CellValue, Grid } from '../model/grid';
import { cellText } from '../parse/cell-text';
import { normaliseText } from '../parse/normalise-text';
import type { Field } from './fields';
import type { ColumnChoice } from './map-columns';
import type { HeaderGuess } from './detect-header';
import { SCDL_FIELDS, type ScdlField } from '../export/scdl-schema';

/**
 * The open-data subsidy exports every authority publishes (« données essentielles des conventions
 * de subvention »): the SCDL subventions schema (camelCase names, any letter case), the 2016
 * Etalab format (COLL_ = grantor, ATTRIB_ = beneficiary, SUB_ = the grant) and the arrêté's French
 * labels in the authorities' own wording. Recognised by the roles of their columns, so that a
 * column order, a missing or an added column, or another wording of a known role does not matter.
 */
export type SubsidyRole =
  | 'grantorName'
  | 'grantorId'
  | 'grantorType'
  | 'date'
  | 'decisionRef'
  | 'beneficiaryName'
  | 'beneficiaryId'
  | 'beneficiaryRna'
  | 'beneficiaryType'
  | 'object'
  | 'amount'
  | 'nature'
  | 'paymentConditions'
  | 'paymentDates'
  | 'idRAE'
  | 'notificationUE'
  | 'percentage'
  | 'scheme';

export type SubsidyFamily = 'scdl' | 'etalab2016' | 'libelles';

/** Where each role goes among the import's fields; roles without a field are known and left aside on purpose. */
const ROLE_FIELD: Partial<Record<SubsidyRole, Field>> = {
  grantorName: 'grantor',
  grantorId: 'grantorId',
  date: 'decisionDate',
  decisionRef: 'lineRef',
  beneficiaryName: 'structureName',
  beneficiaryId: 'siret',
  object: 'object',
  amount: 'voted',
  // a payment period of exactly one calendar year names the grant's year (to-fundings.ts)
  paymentDates: 'period',
  scheme: 'dispositif',
};

/** The SCDL field each role reads, on the schema's own list (what `export-scdl` writes, read back the same). */
const SCDL_ROLE: Record<ScdlField, SubsidyRole> = {
  nomAttribuant: 'grantorName',
  idAttribuant: 'grantorId',
  dateConvention: 'date',
  referenceDecision: 'decisionRef',
  nomBeneficiaire: 'beneficiaryName',
  idBeneficiaire: 'beneficiaryId',
  rnaBeneficiaire: 'beneficiaryRna',
  objet: 'object',
  montant: 'amount',
  nature: 'nature',
  conditionsVersement: 'paymentConditions',
  datesPeriodeVersement: 'paymentDates',
  idRAE: 'idRAE',
  notificationUE: 'notificationUE',
  pourcentageSubvention: 'percentage',
  dispositifAide: 'scheme',
};
/** The SCDL names and the 2016 Etalab names, compared without case, accents or separators. */
const SCDL: Record<string, SubsidyRole> = Object.fromEntries(SCDL_FIELDS.map((f) => [f.toLowerCase(), SCDL_ROLE[f]]));
const ETALAB_2016: Record<string, SubsidyRole> = {
  collnom: 'grantorName',
  collsiret: 'grantorId',
  colltype: 'grantorType',
  actedate: 'date',
  acteref: 'decisionRef',
  attribnom: 'beneficiaryName',
  attribsiret: 'beneficiaryId',
  attribtype: 'beneficiaryType',
  subobjet: 'object',
  subobj: 'object',
  submontant: 'amount',
  subnature: 'nature',
  subdatedebut: 'paymentDates',
  subdatefin: 'paymentDates',
  subversement: 'paymentConditions',
  subdispositif: 'scheme',
  ident: 'idRAE',
  notifeu: 'notificationUE',
};

type Party = 'grantor' | 'beneficiary' | 'attributaire';

/** Which party a French label speaks of. « Attributaire » is the grantor for some, the beneficiary for others. */
function partyOf(n: string): Party | undefined {
  if (/\bbeneficiaire/.test(n)) return 'beneficiary';
  if (/\battribuant|\bautorite administrative|\bcollectivite|\bfinanceur|\bdonneur/.test(n)) return 'grantor';
  if (/\battributaire/.test(n)) return 'attributaire';
  return undefined;
}

/** The role of a French label, its party still to settle; the most specific patterns first. */
function labelRole(n: string): { role: SubsidyRole | 'partyName' | 'partyId' | 'partyType'; party?: Party } | undefined {
  const party = partyOf(n);
  if (/\bpourcentage\b|\btaux\b/.test(n)) return { role: 'percentage' };
  if (/\brae\b/.test(n)) return { role: 'idRAE' };
  if (/\bnotifi/.test(n) && /\bue\b|europeenne|commission/.test(n)) return { role: 'notificationUE' };
  if (/\bconditions?\b.*\bversement/.test(n)) return { role: 'paymentConditions' };
  if (/\b(dates?|periodes?)\b.*\bversement|\bmandat\b|\bsolde\b/.test(n)) return { role: 'paymentDates' };
  if (/\bmontant\b/.test(n)) return { role: 'amount' };
  if (/\bdate\b.*\b(convention|decision|deliberation|attribution|acte)\b/.test(n)) return { role: 'date' };
  if (/\b(reference|ref|numero|n)\b.*\b(decision|deliberation|acte)\b/.test(n)) return { role: 'decisionRef' };
  if (/\bobjet\b/.test(n)) return { role: 'object' };
  if (/\bdispositif\b/.test(n)) return { role: 'scheme' };
  if (/\bnature\b/.test(n)) return { role: 'nature' };
  if (/\brna\b/.test(n)) return { role: 'beneficiaryRna' };
  if (!party) return undefined;
  if (/\b(siret|siren|identification|identifiant|id)\b/.test(n)) return { role: 'partyId', party };
  if (/\btype\b|\bcategorie\b/.test(n)) return { role: 'partyType', party };
  return { role: 'partyName', party };
}

export interface SubsidyExport {
  family: SubsidyFamily;
  /** Every recognised column with its role, known or mapped to a field. */
  roles: { col: number; header: string; role: SubsidyRole }[];
  /** The import's columns: the roles that have a field. */
  columns: ColumnChoice[];
}

const compact = (label: string) => normaliseText(label).replace(/ /g, '');

/**
 * The roles of a header row, when it is a subsidy export: a grant's amount, its beneficiary and its
 * grantor among at least five known roles. `rows` (the data below) settle « attributaire » when the
 * labels do not: the grantor's column holds one or two names, the beneficiary's many.
 */
export function recogniseSubsidyExport(labels: string[], rows: CellValue[][] = []): SubsidyExport | undefined {
  const roles: { col: number; header: string; role: SubsidyRole }[] = [];
  const pending: { col: number; header: string; role: 'partyName' | 'partyId' | 'partyType' }[] = [];
  let scdl = 0;
  let etalab = 0;
  const partiesSeen = new Set<Party>();
  labels.forEach((header, col) => {
    if (!header || header.length > 120) return;
    const key = compact(header);
    if (SCDL[key]) {
      scdl++;
      roles.push({ col, header, role: SCDL[key] });
      return;
    }
    if (ETALAB_2016[key]) {
      etalab++;
      roles.push({ col, header, role: ETALAB_2016[key] });
      return;
    }
    const r = labelRole(normaliseText(header));
    if (!r) return;
    if (r.party) partiesSeen.add(r.party);
    if (r.role === 'partyName' || r.role === 'partyId' || r.role === 'partyType') {
      const party = r.party === 'attributaire' ? undefined : r.party;
      if (party) roles.push({ col, header, role: `${party}${r.role === 'partyName' ? 'Name' : r.role === 'partyId' ? 'Id' : 'Type'}` as SubsidyRole });
      else pending.push({ col, header, role: r.role });
    } else roles.push({ col, header, role: r.role });
  });
  if (pending.length) {
    // « attributaire » is the party the other labels do not name; else the one with fewer names in its column
    const attributaire: 'grantor' | 'beneficiary' = partiesSeen.has('beneficiary')
      ? 'grantor'
      : partiesSeen.has('grantor')
        ? 'beneficiary'
        : fewNames(rows, pending.find((p) => p.role === 'partyName')?.col)
          ? 'grantor'
          : 'beneficiary';
    for (const p of pending)
      roles.push({ col: p.col, header: p.header, role: `${attributaire}${p.role === 'partyName' ? 'Name' : p.role === 'partyId' ? 'Id' : 'Type'}` as SubsidyRole });
  }
  // each role once, in column order: a second column of the same role is left to the user
  roles.sort((a, b) => a.col - b.col);
  const seen = new Set<SubsidyRole>();
  const unique = roles.filter((r) => (r.role === 'paymentDates' ? true : !seen.has(r.role) && (seen.add(r.role), true)));
  const has = (r: SubsidyRole) => seen.has(r);
  if (!has('amount') || !(has('beneficiaryName') || has('beneficiaryId')) || !(has('grantorName') || has('grantorId')) || seen.size < 5)
    return undefined;
  const family: SubsidyFamily = scdl >= 5 ? 'scdl' : etalab >= 5 ? 'etalab2016' : 'libelles';
  // each field from one column: of a start and an end of payment (SUB_DATE_DEBUT, SUB_DATE_FIN), the first
  const fields = new Set<Field>();
  const columns: ColumnChoice[] = unique
    .filter((r) => ROLE_FIELD[r.role] && !fields.has(ROLE_FIELD[r.role]!) && fields.add(ROLE_FIELD[r.role]!))
    .map((r) => ({ col: r.col, header: r.header, field: ROLE_FIELD[r.role]!, confidence: 1 }));
  return { family, roles: unique, columns };
}

/** At most two distinct names in a column's filled cells (a grantor's column), with enough rows to tell. */
function fewNames(rows: CellValue[][], col: number | undefined): boolean {
  if (col === undefined) return false;
  const names = new Set<string>();
  let filled = 0;
  for (const r of rows) {
    const t = normaliseText(cellText(r[col] ?? null));
    if (!t) continue;
    filled++;
    names.add(t);
  }
  return filled >= 3 && names.size <= 2;
}

const SCAN_ROWS = 30;

/** The first of a sheet's top rows that heads a subsidy export, with its roles; undefined for any other sheet. */
export function findSubsidyHeader(grid: Grid): { index: number; labels: string[]; found: SubsidyExport } | undefined {
  const limit = Math.min(grid.rows.length, SCAN_ROWS);
  for (let i = 0; i < limit; i++) {
    const row = grid.rows[i] ?? [];
    const labels = row.map((v) => (typeof v === 'string' ? cellText(v) : ''));
    if (labels.filter(Boolean).length < 5) continue;
    const found = recogniseSubsidyExport(labels, grid.rows.slice(i + 1, i + 61));
    if (found) return { index: i, labels, found };
  }
  return undefined;
}

/** The header as the rest of the reading takes it; a saved mapping (the user's corrections) still wins, column by column. */
export function subsidyHeaderGuess(
  h: { index: number; labels: string[]; found: SubsidyExport },
  saved?: Record<string, string | null>,
): HeaderGuess {
  let columns = h.found.columns.map((c) => ({ ...c }));
  if (saved)
    h.labels.forEach((label, col) => {
      if (!label || !Object.prototype.hasOwnProperty.call(saved, label)) return;
      const field = saved[label];
      columns = columns.filter((c) => c.col !== col && c.field !== field);
      if (field) columns.push({ col, header: label, field: field as Field, confidence: 1 });
    });
  columns.sort((a, b) => a.col - b.col);
  return { index: h.index, height: 1, labels: h.labels, columns, score: columns.length };
}
