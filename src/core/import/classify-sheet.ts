import type { Reference } from '../model/domain';
import type { CellValue } from '../model/grid';
import { cellText } from '../parse/cell-text';
import { normaliseText, tokens } from '../parse/normalise-text';
import { parseAmount } from '../parse/parse-amount';
import { parseDate } from '../parse/parse-date';
import type { Field } from './fields';
import type { ColumnChoice } from './map-columns';

export type SheetKind = 'structures' | 'conventions' | 'fundings' | 'plan' | 'legend' | 'ignored';

export const SHEET_KINDS: SheetKind[] = ['structures', 'conventions', 'fundings', 'plan', 'legend', 'ignored'];

export function isSheetKind(v: unknown): v is SheetKind {
  return typeof v === 'string' && (SHEET_KINDS as string[]).includes(v);
}

/** Kinds that hold rows of data (a legend only explains codes, "ignored" holds nothing). */
export const DATA_KINDS: SheetKind[] = ['structures', 'conventions', 'fundings', 'plan'];

/** What the values under a mapped column look like (from the first data rows). */
export interface ColumnProfile {
  filled: number;
  /** Share of filled cells that are dates, amounts (non-integer or ≥ 100), SIRET-like, short codes. */
  dates: number;
  amounts: number;
  sirets: number;
  shortCodes: number;
  /** Share of filled cells that are words, not amounts (« Subvention sur fonds propres »). */
  words: number;
  /** Distinct normalised texts, at most 50. */
  texts: string[];
}

const MONEY: Field[] = ['voted', 'paid', 'requested', 'annualAmount'];
/** An amount column whose cells are mostly words (a legend's labels under « Subvention… ») holds no money. */
const holdsMoney = (p: ColumnProfile | undefined) => !p || p.filled < 2 || p.words <= 0.5;

export interface KindScore {
  kind: SheetKind;
  /** 0–1: how clearly the best kind leads the second. */
  confidence: number;
  scores: Record<SheetKind, number>;
  /** A structures list that also carries the funding of each structure: read as both. */
  alsoStructures: boolean;
}

/**
 * Evidence each mapped field brings to each kind (positive: typical of it; negative: a list of
 * that kind would not have this column). A kind is the sum of its evidence: no single column
 * decides, so that a conventions list with a "Type" column stays a conventions list.
 */
const FIELD_WEIGHT: Record<'structures' | 'conventions' | 'fundings', Partial<Record<Field, number>>> = {
  structures: {
    kind: 1.5, epci: 2, territoire: 1.5, gestion: 2, agrementTypes: 2.5, agrementStart: 2, agrementEnd: 2, agrementPeriod: 2,
    referentFamille: 2, adherentFacs: 2, commune: 0.5, postalCode: 0.5, inseeCode: 0.5, siret: 0.5, structureCode: 1, otherName: 1,
    voted: -1.5, paid: -2, requested: -1.5, year: -1, dispositif: -1.5, plan: -1, decisionDate: -2, signedOn: -2, conventionRef: -2,
    conventionType: -2, annualAmount: -1.5, status: -1,
  },
  conventions: {
    conventionType: 2.5, conventionRef: 2, signedOn: 2, start: 1.5, end: 1.5, period: 1.5, annualAmount: 2, lineRef: 0.5,
    paid: -2, requested: -1.5, decisionDate: -1, plan: -1.5, status: -0.5, epci: -1, gestion: -1, agrementTypes: -1.5,
    agrementStart: -1, agrementEnd: -1, referentFamille: -1.5, adherentFacs: -1.5, territoire: -1,
  },
  fundings: {
    voted: 2.5, paid: 2, requested: 2, year: 1, decisionDate: 1.5, dispositif: 1.5, politique: 1, plan: 1.5, object: 0.5, status: 1,
    dossier: 0.5, annualAmount: 0.5, conventionType: -1, start: -0.5, end: -0.5, period: -0.5, agrementTypes: -0.5,
  },
};

/** Words of sheet and file names that point to a kind ("Conventions COF", "Annuaire des structures"). */
const NAME_WORDS: [SheetKind, RegExp, number][] = [
  ['conventions', /\b(conventions?|conventionnements?|cpo|cof|contrats?)\b/, 2],
  ['structures', /\b(structures|annuaire|repertoire|adherents|equipements|agrements|referentiel des structures|liste des (centres|structures|equipements))\b/, 1.5],
  ['fundings', /\b(subventions?|financements?|paiements?|versements?|deliberations?|prestations?|suivi|aides?|cp|dotations?|budget|ps)\b/, 1],
  ['legend', /\b(legende|codes?|nomenclature|correspondances?|lexique|table des codes|libelles)\b/, 3],
];

/** Structure-list columns that, three or more of them, make a funding sheet a structures list too. */
const STRUCTURE_LIST_FIELDS: Field[] = ['kind', 'agrementTypes', 'agrementStart', 'agrementEnd', 'agrementPeriod', 'gestion', 'referentFamille', 'adherentFacs'];

const IDENTITY: Field[] = ['structureName', 'siret', 'structureCode'];

/** The columns' values, for evidence: read once per sheet on the first rows below the header. */
export function profileColumn(rows: CellValue[][], col: number): ColumnProfile {
  let filled = 0;
  let dates = 0;
  let amounts = 0;
  let sirets = 0;
  let shortCodes = 0;
  let words = 0;
  const texts = new Set<string>();
  for (const row of rows) {
    const v = row[col];
    if (v === null || v === undefined || (typeof v === 'string' && !v.trim())) continue;
    filled++;
    const t = cellText(v);
    const digits = t.replace(/[\s.\u00a0\u202f]/g, '');
    if (/^\d{14}$|^\d{9}$/.test(digits)) sirets++;
    else if (v instanceof Date || (typeof v === 'string' && parseDate(v).ok)) dates++;
    else if (typeof v === 'number' ? !Number.isInteger(v) || Math.abs(v) >= 100 : parseAmount(v).ok && /\d{3}|,\d{2}|€/.test(t)) amounts++;
    // "FP", "PS ACF", "AJ-12", or a numeric code (406)
    if (typeof v === 'string' ? /^[A-Za-z0-9][A-Za-z0-9_.-]{0,7}(?: [A-Za-z0-9_.-]{1,6})?$/.test(t.trim()) : typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 100000) shortCodes++;
    if (typeof v === 'string' && /\p{L}{3}/u.test(t) && !parseAmount(v).ok) words++;
    if (typeof v === 'string' && texts.size < 50) texts.add(normaliseText(t));
  }
  const share = (n: number) => (filled ? n / filled : 0);
  return { filled, dates: share(dates), amounts: share(amounts), sirets: share(sirets), shortCodes: share(shortCodes), words: share(words), texts: [...texts] };
}

/** Does this text name a convention type of the reference (strictly: a code, label or keyword, or the word "convention")? */
export function namesConventionType(text: string, ref: Reference): boolean {
  const toks = tokens(text);
  if (toks.length === 0) return false;
  if (toks.includes('convention') || toks.includes('conventions')) return true;
  const joined = ` ${toks.join(' ')} `;
  return ref.conventionTypes.some((t) => [t.code, t.label, ...t.keywords].some((k) => k.length >= 3 && joined.includes(` ${normaliseText(k)} `)));
}

/** Does this text say a structure kind (CS, EVS, centre social, espace de vie sociale…)? */
export function namesStructureKind(text: string): boolean {
  return /^(cs|csc|evs|csi|mpt)$|centre social|centres sociaux|espace de vie|socioculturel|maison pour tous|federation/.test(normaliseText(text));
}

export interface ClassifyInput {
  columns: ColumnChoice[];
  /** Profiles of the mapped columns, by grid column. */
  profiles: Map<number, ColumnProfile>;
  sheet: string;
  file: string;
  /** Amounts split in one column per year or partner. */
  wide: boolean;
  /** Filled columns in the data rows (all, mapped or not). */
  filledColumns: number;
  ref: Reference;
  /** The sheet names its structure outside the table (« Équipement : … » above it, group labels between its lines). */
  contextIdentity?: boolean;
}

function looksLikePlan(fields: Set<Field>): boolean {
  const has = (...fs: Field[]) => fs.some((f) => fields.has(f));
  return has('actionLabel', 'actionCode') && has('objectiveLabel', 'objectiveCode', 'axisLabel', 'axisCode');
}

/**
 * The kind of a sheet from all its evidence: mapped columns, the values under them, its sheet
 * and file names. Returns every kind's score so that the choice can be shown and changed.
 */
export function classifySheet(input: ClassifyInput): KindScore {
  const scores: Record<SheetKind, number> = { structures: 0, conventions: 0, fundings: 0, plan: 0, legend: 0, ignored: 0.5 };
  const fields = new Set(input.columns.map((c) => c.field));
  const profileOf = (f: Field) => {
    const c = input.columns.find((x) => x.field === f);
    return c ? input.profiles.get(c.col) : undefined;
  };
  if (looksLikePlan(fields)) scores.plan = 10;
  const identity = IDENTITY.some((f) => fields.has(f)) || !!input.contextIdentity;
  for (const c of input.columns) {
    const p = input.profiles.get(c.col);
    // a column with nothing under it says little about the rows; an « amount » of words says nothing
    const weight = p && p.filled === 0 ? 0.3 : MONEY.includes(c.field) && !holdsMoney(p) ? 0 : 1;
    for (const k of ['structures', 'conventions', 'fundings'] as const) {
      let w = FIELD_WEIGHT[k][c.field] ?? 0;
      // "Montant accordé", "Subvention votée": a decision on a grant, which a conventions list calls "Montant annuel"
      if (k === 'conventions' && c.field === 'voted' && !/^montant( en)?( euros?)?$/.test(normaliseText(c.header))) w = -1.5;
      if (k === 'conventions' && c.field === 'year') w = -0.5;
      scores[k] += w * weight * Math.min(1, c.confidence + 0.2);
    }
  }
  // "Type": structure kinds (CS, EVS) on a structures list, convention types (COF, CPO) on a conventions list
  const kindProfile = profileOf('kind');
  if (kindProfile && kindProfile.texts.length) {
    const conv = kindProfile.texts.filter((t) => namesConventionType(t, input.ref)).length / kindProfile.texts.length;
    const struct = kindProfile.texts.filter(namesStructureKind).length / kindProfile.texts.length;
    if (conv > 0.5 && conv > struct) {
      scores.conventions += 2.5 + FIELD_WEIGHT.structures.kind!;
      scores.structures -= 2 * FIELD_WEIGHT.structures.kind!;
    } else if (struct > 0.5) scores.structures += 0.5;
  }
  // dates under start/end: a period of validity (convention) or of agrément
  for (const f of ['start', 'end', 'signedOn'] as const) {
    const p = profileOf(f);
    if (p && p.dates > 0.5) scores.conventions += 0.5;
  }
  // amounts under the amount columns: money rows
  for (const f of ['voted', 'paid', 'requested'] as const) {
    const p = profileOf(f);
    if (p && p.amounts > 0.5) scores.fundings += 0.5;
  }
  if (input.wide) scores.fundings += 4;
  const names = `${normaliseText(input.sheet)} | ${normaliseText(input.file.replace(/\.[a-z0-9]+$/i, ''))}`;
  const sheetName = normaliseText(input.sheet);
  for (const [k, re, w] of NAME_WORDS) {
    // the sheet's own name weighs more than the file's
    if (re.test(sheetName)) scores[k] += w;
    else if (re.test(names)) scores[k] += w / 2;
  }
  // a legend: two or three columns, short codes beside their labels, no money, no identity of a structure
  const codeCol = input.columns.find((c) => (input.profiles.get(c.col)?.shortCodes ?? 0) > 0.8);
  const moneyFields = input.columns.some((c) => MONEY.includes(c.field) && holdsMoney(input.profiles.get(c.col)));
  if (input.filledColumns <= 3 && codeCol && !moneyFields) scores.legend += 1.5;
  else scores.legend = Math.min(scores.legend, 1);
  if (!identity) {
    for (const k of ['structures', 'conventions', 'fundings'] as const) scores[k] = Math.min(scores[k], 0);
  }
  const ranked = (Object.keys(scores) as SheetKind[]).sort((a, b) => scores[b] - scores[a]);
  let kind = ranked[0];
  const best = scores[kind];
  const second = Math.max(0, scores[ranked[1]]);
  // too little evidence for any kind: not a table of ours
  if (best < 2 && kind !== 'legend') kind = 'ignored';
  if (kind === 'legend' && best < 2.5) kind = 'ignored';
  const confidence = kind === 'ignored' ? 1 - Math.exp(-Math.max(0.5, 2 - best)) : 1 - Math.exp(-(best - second));
  const listFields = STRUCTURE_LIST_FIELDS.filter((f) => fields.has(f)).length;
  // a structures list that also carries each structure's funding ("PS versée 2019") is read as both
  if (kind === 'structures' && (input.wide || (['voted', 'paid', 'requested'] as Field[]).some((f) => fields.has(f)))) kind = 'fundings';
  const alsoStructures = kind === 'fundings' && listFields >= 3;
  return { kind, confidence: Math.round(confidence * 100) / 100, scores, alsoStructures };
}

/**
 * Fields whose meaning depends on the kind: on a conventions list a bare "Montant" is the annual
 * amount, a "N°" the convention's reference and a "Type" its type; on a structures list a plain
 * "Début" / "Fin" / "Période" is the agrément's.
 */
export function adaptColumnsToKind(columns: ColumnChoice[], kind: SheetKind, profiles: Map<number, ColumnProfile>): ColumnChoice[] {
  const fields = new Set(columns.map((c) => c.field));
  const rename = (from: Field, to: Field, when = true) =>
    (columns = columns.map((c) => (c.field === from && !fields.has(to) && when ? { ...c, field: to } : c)));
  if (kind === 'conventions') {
    // "Convention" over words ("Conv. d'objectifs et de financement") beside a "N°": the words are its type
    const refCol = columns.find((c) => c.field === 'conventionRef');
    const refTexts = refCol ? profiles.get(refCol.col)?.texts ?? [] : [];
    if (refCol && fields.has('lineRef') && !fields.has('conventionType') && refTexts.length && refTexts.filter((t) => !/\d/.test(t)).length > 0.8 * refTexts.length) {
      columns = columns.map((c) => (c === refCol ? { ...c, field: 'conventionType' } : c.field === 'lineRef' ? { ...c, field: 'conventionRef' } : c));
      fields.delete('lineRef');
      fields.add('conventionType');
    }
    rename('voted', 'annualAmount');
    rename('lineRef', 'conventionRef');
    const k = columns.find((c) => c.field === 'kind');
    const p = k ? profiles.get(k.col) : undefined;
    // "Type" on a conventions list is the convention's type unless its values are CS / EVS
    if (k && !(p && p.texts.length && p.texts.filter(namesStructureKind).length > p.texts.length / 2)) rename('kind', 'conventionType');
  }
  if (kind === 'structures') {
    // a bare « Réf. » or « N° » on a structures list is the structure's own reference: rows sharing it are one structure
    rename('lineRef', 'structureCode');
    rename('start', 'agrementStart');
    rename('end', 'agrementEnd');
    rename('period', 'agrementPeriod');
  }
  return columns;
}
