/** How one partner file writes names, amounts, dates, dispositifs and headers (drawn once per file). */
import { DISPOSITIF_WORDS, FEDERATION, HEADERS, MONTHS, PREFIX_SHORT } from './pools';
import type { Random } from './random';
import type { Cell } from './sheet-builder';
import type { WLine, WStructure } from './types';

export type NameForm = 'official' | 'short' | 'core' | 'dash' | 'paren' | 'caps' | 'shortParen';
export type DispositifForm = 'refCode' | 'label' | 'shortLabel' | 'numericLegend' | 'shortLegend';

export interface Style {
  nameForms: (readonly [NameForm, number])[];
  headerCase: 'as' | 'caps' | 'capsPlain' | 'abbrev';
  amount: 'number' | 'text' | 'mixed' | 'formula';
  textAmount: 'euro' | 'comma' | 'dots';
  date: 'date' | 'text' | 'iso' | 'long' | 'abbr';
  /** Periods (conventions, agréments) written as years alone: « Du 2019 », « Au 2022 ». */
  periodAsYear: boolean;
  dispositif: DispositifForm;
  labelOf: Record<string, string>;
  shortOf: Record<string, string>;
  numericOf: Record<string, string>;
  planAsNumber: boolean;
  siret: 'none' | 'full' | 'spaces' | 'siren';
  /** CSV: decimal separator of plain numbers. */
  csvDecimal?: ',' | '.';
}

export function drawStyle(rnd: Random, csv: false | ',' | '.'): Style {
  const forms: NameForm[] = ['official', 'short', 'core', 'dash', 'paren', 'caps', 'shortParen'];
  const main = rnd.pick(forms);
  const nameForms: (readonly [NameForm, number])[] = [[main, 8], ...(rnd.chance(0.5) ? rnd.sample(forms, rnd.int(1, 2)).map((f) => [f, 1] as const) : [])];
  const labelOf: Record<string, string> = {};
  const shortOf: Record<string, string> = {};
  const numericOf: Record<string, string> = {};
  let n = rnd.int(1, 6) * 100;
  for (const [code, w] of Object.entries(DISPOSITIF_WORDS)) {
    labelOf[code] = rnd.pick(w.labels);
    shortOf[code] = rnd.pick(w.short);
    numericOf[code] = String(++n);
  }
  return {
    nameForms,
    headerCase: rnd.weighted([['as', 6], ['caps', 2], ['capsPlain', 1], ['abbrev', 2]] as const),
    amount: csv ? rnd.weighted([['number', 5], ['text', 3]] as const) : rnd.weighted([['number', 5], ['text', 2], ['mixed', 2], ['formula', 2]] as const),
    textAmount: rnd.pick(['euro', 'comma', 'dots'] as const),
    date: rnd.weighted([['date', 4], ['text', 3], ['iso', 1], ['long', 1], ['abbr', 1]] as const),
    dispositif: rnd.weighted([['label', 5], ['shortLabel', 3], ['numericLegend', 2], ['shortLegend', 1], ['refCode', 1]] as const),
    labelOf,
    shortOf,
    numericOf,
    planAsNumber: rnd.chance(0.4),
    siret: rnd.weighted([['none', 4], ['full', 4], ['spaces', 1], ['siren', 1]] as const),
    csvDecimal: csv || undefined,
    periodAsYear: rnd.chance(0.2),
  };
}

const stripAccents = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');

export function header(style: Style, rnd: Random, field: string): string {
  const h = rnd.pick(HEADERS[field]);
  return caseHeader(style, h);
}

export function caseHeader(style: Style, h: string): string {
  switch (style.headerCase) {
    case 'caps':
      return h.toUpperCase();
    case 'capsPlain':
      return stripAccents(h).toUpperCase();
    case 'abbrev':
      return h.replace(/^Montant /, 'Mt ').replace(/^Numéro/, 'N°').replace(/^Structure$/, 'Struct.').replace(/^Observations$/, 'Obs.').replace(/^Exercice$/, 'Exerc.').replace(/^Commune$/, 'Cne');
    default:
      return h;
  }
}

function shortPrefix(rnd: Random, prefix: string): string {
  return rnd.pick(PREFIX_SHORT[prefix] ?? [prefix]);
}

/** The structure's name as this file writes it. */
export function structureName(style: Style, rnd: Random, s: WStructure): string {
  if (s.kind === 'FEDERATION') return rnd.pick(FEDERATION.forms);
  const form = rnd.weighted(style.nameForms);
  const dash = rnd.pick([' – ', ' - ']);
  switch (form) {
    case 'official':
      return s.name;
    case 'short':
      return `${shortPrefix(rnd, s.prefix)} ${s.core}`;
    case 'core':
      return s.core;
    case 'dash':
      return `${s.core}${dash}${s.commune}`;
    case 'paren':
      return `${s.core} (${rnd.chance(0.5) ? s.commune.toUpperCase() : s.commune})`;
    case 'caps':
      return rnd.chance(0.5) ? s.name.toUpperCase() : `${shortPrefix(rnd, s.prefix)} ${s.core}`.toUpperCase();
    case 'shortParen':
      return `${shortPrefix(rnd, s.prefix)} ${s.core} (${s.commune})`;
  }
}

export function siretText(style: Style, siret: string): string | null {
  switch (style.siret) {
    case 'none':
      return null;
    case 'full':
      return siret;
    case 'spaces':
      return `${siret.slice(0, 3)} ${siret.slice(3, 6)} ${siret.slice(6, 9)} ${siret.slice(9)}`;
    case 'siren':
      return siret.slice(0, 9);
  }
}

function frNumber(v: number, decimals: boolean, thousands: string, decimal = ','): string {
  const neg = v < 0;
  const [i, d] = Math.abs(v).toFixed(2).split('.');
  const int = i.replace(/\B(?=(\d{3})+(?!\d))/g, thousands);
  return `${neg ? '-' : ''}${int}${decimals || d !== '00' ? decimal + d : ''}`;
}

/** An amount as a text cell the way people type it. */
export function amountText(style: Style, rnd: Random, v: number): string {
  switch (style.textAmount) {
    case 'euro':
      return `${frNumber(v, true, rnd.pick(['\u00a0', '\u202f', ' ']))}\u00a0€`;
    case 'comma':
      return frNumber(v, true, '');
    case 'dots':
      return frNumber(v, false, '.');
  }
}

/** An amount cell (number, text or formula with its cached result). */
export function amountCell(style: Style, rnd: Random, v: number | null): Cell {
  if (v === null) return null;
  const mode = style.amount === 'mixed' ? rnd.pick(['number', 'text'] as const) : style.amount;
  if (mode === 'text') return amountText(style, rnd, v);
  if (mode === 'formula' && Math.abs(v) >= 1000 && rnd.chance(0.3)) {
    const a = Math.round(v * 0.6);
    const b = Math.round((v - a) * 100) / 100;
    return { formula: `${a}+${b}`, result: v };
  }
  return v;
}

export function dateCell(style: Style, iso: string): Cell {
  const [y, m, d] = iso.split('-').map(Number);
  switch (style.date) {
    case 'date':
      return new Date(Date.UTC(y, m - 1, d));
    case 'text':
      return `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`;
    case 'iso':
      return iso;
    case 'long':
      return `${d === 1 ? '1er' : d} ${MONTHS[m - 1]} ${y}`;
    case 'abbr': // Excel's jj-mmm-aa as text
      return `${d}-${MONTHS_ABBR[m - 1]}-${String(y % 100).padStart(2, '0')}`;
  }
}

const MONTHS_ABBR = ['janv', 'févr', 'mars', 'avr', 'mai', 'juin', 'juil', 'août', 'sept', 'oct', 'nov', 'déc'];

/** The start or end of a period of whole years: a date, or the year alone in some files. */
export function boundCell(style: Style, year: number, bound: 'start' | 'end'): Cell {
  if (style.periodAsYear) return style.date === 'date' ? year : String(year);
  return dateCell(style, bound === 'start' ? `${year}-01-01` : `${year}-12-31`);
}

export function planCell(style: Style, plan: string | null): Cell {
  if (plan === null) return null;
  if (style.planAsNumber && /^\d+(\.\d+)?$/.test(plan)) return Number(plan);
  return plan;
}

/** The cells of the dispositif columns (one or two). */
export function dispositifCells(style: Style, l: WLine): Cell[] {
  switch (style.dispositif) {
    case 'refCode':
      return [l.dispositif];
    case 'label':
      return [style.labelOf[l.dispositif]];
    case 'shortLabel':
      return [style.shortOf[l.dispositif], style.labelOf[l.dispositif]];
    case 'numericLegend':
      return [style.planAsNumber ? Number(style.numericOf[l.dispositif]) : style.numericOf[l.dispositif]];
    case 'shortLegend':
      return [style.shortOf[l.dispositif]];
  }
}

export function needsLegend(style: Style): boolean {
  return style.dispositif === 'numericLegend' || style.dispositif === 'shortLegend';
}
