import type { Reference } from '../model/domain';
import type { SheetLedger } from './ledger';
import type { CellValue, Grid } from '../model/grid';
import { cellText } from '../parse/cell-text';
import { normaliseText } from '../parse/normalise-text';
import { yearInText } from '../parse/parse-year';
import { columnLetter } from './column-letter';
import {
  adaptColumnsToKind,
  classifySheet,
  profileColumn,
  type ColumnProfile,
  type SheetKind,
} from './classify-sheet';
import { detectHeader, headerAt } from './detect-header';
import { detectPartner } from './detect-partner';
import { isUnlabelledTotal, totalLabel } from './detect-total-rows';
import { AMOUNT_FIELDS, type Field } from './fields';

const IDENTITY: Field[] = ['structureName', 'siret', 'structureCode'];
/** What names a structure on a line: a « Code » column may hold a dispositif's code as well as a structure's. */
const NAMES: Field[] = ['structureName', 'siret'];
/** What belongs to a structure rather than to a line. */
const OF_STRUCTURE: Field[] = [...IDENTITY, 'commune', 'postalCode', 'inseeCode', 'departement'];
import { readLegend, sameRowLabels, type LabelledField } from './value-labels';
import { parseAmount } from '../parse/parse-amount';
import { departementCode, departementOfSheet } from './departements';
import { mapColumns, type ColumnChoice } from './map-columns';
import { detectYearColumns } from './year-columns';
import { findSubsidyHeader, subsidyHeaderGuess, type SubsidyFamily } from './subsidy-export';
import { amountScales, formContext, groupedColumns, isNoteText, spreadVerticalMerges } from './sheet-context';

export type { SheetKind };

export interface RecordCell {
  value: CellValue;
  col: string; // Excel column letter
}

export interface RawRecord {
  row: number; // Excel row, 1-based
  cells: Partial<Record<Field, RecordCell>>;
}

/** A partner's own TOTAL / sous-total row, with the data rows it sums. */
export interface SourceTotal {
  row: number;
  label: string;
  cells: Partial<Record<Field, RecordCell>>;
  fromRow: number; // first data row it covers
  /** In a sheet with one amount column per year or per partner, the year and partner this total is about. */
  year?: number;
  partner?: string;
}

export interface SheetReading {
  file: string;
  sheet: string;
  kind: SheetKind;
  /** 0–1: how clearly the evidence points to this kind (1 when the user chose it). */
  kindConfidence?: number;
  /** The text of the rows above the header (title, notes): it may name the year, the partner or the dispositif. */
  title?: string;
  /** Every kind's score, so that the choice can be shown and changed. */
  kindScores?: Record<SheetKind, number>;
  /** A legend sheet: each code with its label ("FP" → "Subvention sur fonds propres"). */
  legend?: [string, string][];
  /** For coded columns, the label written beside each code on the same rows. */
  valueLabels?: Partial<Record<LabelledField, Record<string, string>>>;
  /** Why a sheet is ignored, in French. */
  reason?: string;
  partner?: string;
  year?: number;
  /**
   * The kind and the year are the user's (a saved mapping's): saved again. Detected ones are not
   * saved, so that next year's file of the same name (« CAF_PS.xlsx » every year) is read on its
   * own evidence (its year, its kind with its confidence), not frozen as last year's.
   */
  kindChosen?: boolean;
  yearChosen?: boolean;
  /** The partner is the user's (a saved mapping's): a detected one is read again from next year's names. */
  partnerChosen?: boolean;
  headerRow?: number; // Excel row of the (first) header row
  headerHeight?: number;
  /** Every label of the header row, by grid column (0-based, '' for an empty cell): mapped or not, so that any column can be assigned by hand. */
  headerLabels?: string[];
  columns: ColumnChoice[];
  records: RawRecord[];
  totals: SourceTotal[];
  skipped: { blank: number; total: number; otherDepartement: number };
  /** A list of structures (type, agréments, gestion…) that also carries funding amounts: read as both. */
  alsoStructures?: boolean;
  /** Headers the user's saved mapping says to ignore (null), kept so that the choice is saved again. */
  ignoredHeaders?: string[];
  /** Rows of other départements: never counted, but the partner's own totals include them. */
  otherDepartementRecords?: RawRecord[];
  /**
   * An open-data subsidy export (SCDL, Etalab 2016, the arrêté's labels): each line's grantor is its
   * partner, its date its year; its beneficiaries are not structures until the registry says so.
   */
  openData?: { family: SubsidyFamily; known: number[] };
  /** Where every line and euro of the sheet went (ledger.ts), filled in by the import. */
  ledger?: SheetLedger;
  /** One of several tables side by side on the sheet: its range (split-regions.ts). */
  region?: string;
  /** What the user set by hand for this sheet (saved again as it is). */
  choices?: SheetChoices;
  /** The headers whose field the user chose (a saved correction): only these are saved as corrections. */
  chosenHeaders?: string[];
  /** A saved correction found for another file or sheet with the same header (next year's file). */
  appliedFrom?: { file: string; sheet: string };
  /** The user refused last year's corrections for this sheet: saved again so that they are not found again. */
  reuseRefused?: boolean;
  /**
   * What the reading took from the sheet's context rather than from each line (sheet-context.ts),
   * so that it can be shown and undone: fields filled down their group, values given above a
   * form-like table, amount columns read in thousands, group labels and notes between the lines.
   */
  context?: {
    filledDown?: Field[];
    form?: Partial<Record<Field, string>>;
    thousands?: string[];
    groupLabels?: number;
    notes?: number;
    /** Tables of another kind below the lines (comments…): their rows are not lines. */
    otherTables?: number;
  };
}

export type SheetMapping = Record<string, string | null>;

/**
 * What the user set by hand for a sheet's reading model (the pane, or the mapping file): the header
 * row, the fields filled down their group, the unit of the amounts, values that hold for every line
 * (the structure of a one-sheet-per-structure workbook). Each one replaces the detection's answer.
 */
export interface SheetChoices {
  headerRow?: number;
  headerHeight?: 1 | 2;
  /** The fields written once per group; [] = none (the detection's fill-down refused). */
  fillDown?: Field[];
  unit?: 'euros' | 'milliers';
  context?: Partial<Record<Field, string>>;
}

/** A row "1 2 3 4 …" or "(1) (2) (3)" under a header numbers its columns: not data. */
function numbersColumns(row: CellValue[]): boolean {
  let n = 0;
  let prev = -1;
  for (const v of row) {
    if (v === null || v === undefined || v === '') continue;
    // stops at the first cell that is not the next number: data rows cost one look
    const k =
      typeof v === 'number'
        ? v
        : typeof v === 'string' && /^\(?\d+\)?$/.test(v.trim())
          ? Number(v.trim().replace(/[()]/g, ''))
          : NaN;
    if (!Number.isInteger(k) || (n > 0 && k !== prev + 1)) return false;
    prev = k;
    n++;
  }
  return n >= 3;
}

function departementOf(rec: RawRecord): string | undefined {
  const d = rec.cells.departement;
  if (d && cellText(d.value)) return departementCode(cellText(d.value));
  const cp = rec.cells.postalCode;
  if (cp && cellText(cp.value)) {
    let t = cellText(cp.value).replace(/\s/g, '');
    if (/^\d{4}$/.test(t)) t = '0' + t; // a postal code stored as a number
    if (/^\d{5}$/.test(t)) return t.slice(0, 2);
  }
  return undefined;
}

/** The one year written in the amount headers ("Montant voté 2019", "Versé 2019"), if any. */
function yearInAmountHeaders(columns: ColumnChoice[]): number | undefined {
  const years = new Set(
    columns.filter((c) => AMOUNT_FIELDS.includes(c.field)).map((c) => yearInText(c.header)),
  );
  return years.size === 1 ? [...years][0] : undefined;
}

/**
 * Reads one sheet: finds its header, maps its columns, classifies it, and returns its data rows
 * as raw records (values still unparsed) with their Excel row numbers.
 */
export function readSheet(
  grid: Grid,
  ref: Reference,
  saved?: SheetMapping,
  savedKind?: SheetKind,
  choices?: SheetChoices,
): SheetReading {
  const base: SheetReading = {
    file: grid.file,
    sheet: grid.sheet,
    ...(grid.region ? { region: grid.region } : {}),
    kind: 'ignored',
    columns: [],
    records: [],
    totals: [],
    skipped: { blank: 0, total: 0, otherDepartement: 0 },
  };
  // a hidden sheet is read only when the user chose its kind
  if (grid.hidden && (!savedKind || savedKind === 'ignored')) return { ...base, reason: 'feuille masquée' };
  if (choices && Object.keys(choices).length) base.choices = choices;
  // a known open-data schema is read by its columns' roles, exactly, before any guess
  const subsidy = findSubsidyHeader(grid);
  const chosenHeader = choices?.headerRow ? headerAt(grid, choices.headerRow, saved, choices.headerHeight ?? 1) : undefined;
  const header = chosenHeader ?? (subsidy ? subsidyHeaderGuess(subsidy, saved) : detectHeader(grid, saved));
  if (!header) {
    // a legend without a header row: codes beside their labels
    const legend = readLegend(grid.rows, 0);
    if (legend && savedKind !== 'ignored') return { ...base, kind: 'legend', kindConfidence: 0.7, legend };
    return { ...base, reason: "aucune ligne d'en-tête reconnue" };
  }
  // « Équipement : Centre social X » above a form-like table: every line is that structure's
  const form: ReturnType<typeof formContext> = subsidy ? {} : formContext(grid, header.index);
  // values the user gave for the whole sheet win over what the sheet says above its table
  for (const [f, v] of Object.entries(choices?.context ?? {}))
    if (v !== undefined && v !== '') form[f as Field] = { value: v, col: '', row: 0 };
  const identity =
    !!form.structureName ||
    header.columns.some((c) => c.field === 'structureName' || c.field === 'siret' || c.field === 'structureCode');
  // amounts only in columns named after years or partners ("Part CAF", "Subvention Département")
  // what the values under each column look like, on the first data rows
  const sample = grid.rows.slice(header.index + header.height, header.index + header.height + 60);
  const holdsAmounts = (col: number) => {
    const filled = sample
      .map((r) => r[col])
      .filter((v) => v !== null && v !== undefined && cellText(v).trim() !== '');
    const words = filled.filter((v) => typeof v === 'string' && !parseAmount(v).ok).length;
    return words <= filled.length / 2;
  };
  const wideLayout = identity && !subsidy
    ? detectYearColumns(header.labels, header.columns, saved, ref.partners, holdsAmounts)
    : undefined;
  const profiles = new Map<number, ColumnProfile>();
  for (const c of header.columns) profiles.set(c.col, profileColumn(sample, c.col));
  const filledColumns = new Set(
    sample.flatMap((r) =>
      r.map((v, c) => (v !== null && v !== undefined && v !== '' ? c : -1)).filter((c) => c >= 0),
    ),
  ).size;
  // a lone name over lines that carry money: the table's structure is named by group labels
  const groupLabelled = sample.some((r, k) => {
    const cells = r.filter((v) => v !== null && v !== undefined && cellText(v) !== '');
    const next = sample[k + 1] ?? [];
    return (
      cells.length === 1 &&
      typeof cells[0] === 'string' &&
      /\p{L}{3}/u.test(cells[0]) &&
      yearInText(cells[0]) === undefined &&
      !isNoteText(cells[0]) &&
      !totalLabel(r) &&
      next.filter((v) => typeof v === 'number' || (typeof v === 'string' && parseAmount(v).ok)).length >= 1 &&
      next.filter((v) => v !== null && v !== undefined && cellText(v) !== '').length >= 2
    );
  });
  const scored = classifySheet({
    contextIdentity: !!form.structureName || groupLabelled,
    columns: header.columns,
    profiles,
    sheet: grid.sheet,
    file: grid.file,
    wide: !!wideLayout,
    filledColumns,
    ref,
  });
  if (subsidy) {
    scored.kind = 'fundings';
    scored.confidence = 0.95;
  }
  const kind: SheetKind = savedKind ?? scored.kind;
  if (!subsidy) header.columns = adaptColumnsToKind(header.columns, kind, profiles);
  if (kind === 'legend') {
    // « Code | Désignation » over « GLOB | Financement global »: a short legend's first code can pass
    // for a second header row; the legend is then read from that row
    const below = readLegend(grid.rows, header.index + header.height);
    const fromSecond = header.height === 2 ? readLegend(grid.rows, header.index + 1) : undefined;
    const legend = fromSecond && fromSecond.length > (below?.length ?? 0) ? fromSecond : below;
    if (legend)
      return {
        ...base,
        kind,
        kindConfidence: savedKind ? 1 : scored.confidence,
        kindScores: scored.scores,
        headerRow: header.index + (grid.originRow ?? 1),
        headerLabels: header.labels,
        legend,
      };
  }
  // a header found among a legend's own rows ("PVF | Projets vacances familles" over "VIE ASSO | …"): the whole sheet is the legend
  if (kind === 'ignored' && !savedKind) {
    const legend = readLegend(grid.rows, 0);
    if (legend) return { ...base, kind: 'legend', kindConfidence: 0.7, kindScores: scored.scores, legend };
  }
  const originRow = grid.originRow ?? 1;
  const originCol = grid.originCol ?? 1;
  const titleText = grid.rows
    .slice(0, header.index)
    .flatMap((r) => r.map((v) => cellText(v)))
    .filter(Boolean)
    .join(' ');
  // an open-data export names its grantor on every line: the file's name says nothing of the partner
  const partner = subsidy
    ? undefined
    : detectPartner(grid.sheet, ref.partners) ??
    detectPartner(grid.file.replace(/\.[a-z]+$/i, ''), ref.partners) ??
    detectPartner(titleText, ref.partners);
  // the year a title states, the row nearest the table first (« Année 2018 » under « … 2017-2019 »)
  let titleYear: number | undefined;
  for (let i = header.index - 1; i >= 0 && titleYear === undefined; i--)
    titleYear = yearInText((grid.rows[i] ?? []).map((v) => cellText(v)).filter(Boolean).join(' '));
  const year =
    // one of several tables side by side: the label above it says its year, not the sheet's name
    (grid.region ? titleYear : undefined) ??
    yearInText(grid.sheet) ??
    titleYear ??
    yearInAmountHeaders(header.columns) ??
    yearInText(grid.file.replace(/\.[a-z]+$/i, ''));
  const reading: SheetReading = {
    ...base,
    kind,
    kindConfidence: savedKind ? 1 : scored.confidence,
    kindScores: scored.scores,
    reason:
      kind === 'ignored'
        ? 'les colonnes ne décrivent ni des structures, ni des conventions, ni des financements, ni le plan'
        : kind === 'legend'
          ? 'légende sans codes lisibles'
          : undefined,
    partner,
    year,
    ...(titleText ? { title: titleText } : {}),
    headerRow: header.index + originRow,
    headerHeight: header.height,
    headerLabels: header.labels,
    columns: header.columns,
    ...(kind === 'fundings' && scored.alsoStructures && !subsidy ? { alsoStructures: true } : {}),
    ...(subsidy && kind === 'fundings' ? { openData: { family: subsidy.found.family, known: subsidy.found.roles.map((r) => r.col) } } : {}),
    ...(saved ? { ignoredHeaders: [...new Set(header.labels.filter((h) => h && saved[h] === null))] } : {}),
    ...(saved ? { chosenHeaders: [...new Set(header.labels.filter((h) => h && Object.prototype.hasOwnProperty.call(saved, h) && saved[h] !== null))] } : {}),
  };
  if (kind === 'ignored' || kind === 'legend') return reading;
  const wide = kind === 'fundings' ? wideLayout : undefined;
  if (wide)
    reading.columns = [...wide.base, ...wide.groups.flatMap((g) => g.columns)].sort((a, b) => a.col - b.col);
  const letters = new Map<number, string>();
  const letter = (col: number) =>
    letters.get(col) ?? letters.set(col, columnLetter(col + originCol)).get(col)!;
  const filled = (v: CellValue | undefined) =>
    v !== null && v !== undefined && !(typeof v === 'string' && v.trim() === '');
  const cellsOf = (row: CellValue[], cols: ColumnChoice[]) => {
    const cells: RawRecord['cells'] = {};
    for (const c of cols) {
      let value = row[c.col] ?? null;
      const scale = scales.get(c.col);
      // a text that writes its own unit (« 31,3 k€ ») is read with it, never scaled twice
      if (scale && value !== null && !(typeof value === 'string' && /[kKmM]\s*(?:€|eur)/i.test(value))) {
        // « 31,3 » under « Montant (K€) » is 31 300 €
        // a typed number keeps its decimals (4,2005 K€ is 4 200,50 €); a text is read first
        const p = typeof value === 'number' ? { ok: Number.isFinite(value), value } : parseAmount(value);
        if (p.ok) value = Math.round((p as { value: number }).value * scale * 100) / 100;
      }
      cells[c.field] = { value, col: letter(c.col) };
    }
    return cells;
  };
  /** One record per group (year, partner) holding an amount; its year and partner cells are the amount's own column. */
  const perYear = (row: CellValue[], base: RawRecord['cells'], onlyFilled: boolean) =>
    wide!.groups
      .filter((g) => !onlyFilled || g.columns.some((c) => filled(row[c.col])))
      .map((g) => {
        const col = columnLetter(g.columns[0].col + originCol);
        const cells: RawRecord['cells'] = { ...base, ...cellsOf(row, g.columns) };
        if (g.year !== undefined) cells.year = { value: g.year, col };
        if (g.partner !== undefined) cells.partner = { value: g.partner, col };
        return { year: g.year, partner: g.partner, cells };
      });
  // Several tables stacked on one sheet: the header written again, a title row "Exercice 2020"
  const headerRows = grid.rows
    .slice(header.index, header.index + header.height)
    .map((r) => r.map((v) => normaliseText(cellText(v ?? null))));
  const repeatsHeader = (row: CellValue[]) =>
    headerRows.some((h) => {
      // cheap first look: the first named header cell must be repeated as text
      const c0 = h.findIndex(Boolean);
      const v0 = row[c0];
      if (typeof v0 !== 'string' || normaliseText(v0) !== h[c0]) return false;
      const named = h.filter(Boolean).length;
      const same = h.filter((t, c) => t && normaliseText(cellText(row[c] ?? null)) === t).length;
      return same >= 2 && same * 2 >= named;
    });
  const hasYearColumn = header.columns.some((c) => c.field === 'year') || !!form.year;
  const dataStart = header.index + header.height;
  const amountCols = new Set(reading.columns.filter((c) => AMOUNT_FIELDS.includes(c.field)).map((c) => c.col));
  // a name or a year merged over its group's lines belongs to each of them
  const rows = spreadVerticalMerges(grid, dataStart, amountCols);
  const dataIdx: number[] = [];
  for (let i = dataStart; i < rows.length; i++) {
    const row = rows[i] ?? [];
    if (reading.columns.some((c) => filled(row[c.col])) && !totalLabel(row) && !repeatsHeader(row)) dataIdx.push(i);
  }
  const baseColumns = wide ? wide.base : header.columns;
  const grouped = new Set(
    choices?.fillDown ? choices.fillDown.filter((f) => baseColumns.some((c) => c.field === f)) : groupedColumns(rows, dataIdx, baseColumns).map((c) => c.field),
  );
  const scales =
    choices?.unit === 'euros'
      ? new Map<number, number>()
      : choices?.unit === 'milliers'
        ? new Map(reading.columns.filter((c) => AMOUNT_FIELDS.includes(c.field)).map((c) => [c.col, 1000]))
        : amountScales(reading.columns, titleText, rows, dataIdx);
  const context: NonNullable<SheetReading['context']> = {};
  if (grouped.size) context.filledDown = [...grouped];
  const formFields = Object.keys(form) as Field[];
  if (formFields.length) context.form = Object.fromEntries(formFields.map((f) => [f, cellText(form[f]!.value)]));
  if (scales.size) context.thousands = reading.columns.filter((c) => scales.has(c.col)).map((c) => c.header);
  const last = new Map<Field, RecordCell>();
  let otherTable = false;
  const ownFields = new Set(header.columns.map((c) => c.field));
  /**
   * The header of another table: two or more cells, every one a field's usual name, no amount, and
   * not our header again — with at least one field our table does not have (« Commentaire »).
   */
  const headsOtherTable = (row: CellValue[]) => {
    const texts = row.map((v) => (typeof v === 'string' ? v.trim() : v === null || v === undefined ? '' : '#'));
    const filledTexts = texts.filter(Boolean);
    if (filledTexts.length < 2 || filledTexts.includes('#') || filledTexts.some((t) => t.length > 40 || parseAmount(t).ok)) return false;
    const mapped = mapColumns(texts);
    return mapped.length === filledTexts.length && mapped.every((c) => c.confidence >= 0.9) && mapped.some((c) => !ownFields.has(c.field));
  };
  let groupLabel: RecordCell | undefined;
  const identityBlank = (row: CellValue[]) => !NAMES.some((f) => baseColumns.some((c) => c.field === f && filled(row[c.col])));
  /** The next row that carries a mapped value, below `i`. */
  const nextDataRow = (i: number) => {
    for (let j = i + 1; j < rows.length; j++) if (reading.columns.some((c) => filled(rows[j]?.[c.col]))) return rows[j];
    return undefined;
  };
  // one sheet per département ("Drôme", "Loire") in a file that covers several
  const sheetDepartement = departementOfSheet(grid.sheet);
  let sectionYear: { year: number; col: string } | undefined;
  let fromRow = header.index + header.height + originRow;
  // voted amounts of the data rows since the previous total, to recognise a total without words
  let blockAmounts: number[] = [];
  for (let i = dataStart; i < rows.length; i++) {
    const row = rows[i] ?? [];
    const excelRow = i + originRow;
    const cells = cellsOf(row, wide ? wide.base : header.columns);
    const any = reading.columns.some((c) => filled(row[c.col]));
    if (!any) {
      reading.skipped.blank++;
      continue;
    }
    // below the header of another table (« Équipement | Commentaire » under the data): not our lines,
    // until our header comes again
    if (otherTable && !repeatsHeader(row)) {
      reading.skipped.blank++;
      continue;
    }
    if (!subsidy && headsOtherTable(row)) {
      otherTable = true;
      context.otherTables = (context.otherTables ?? 0) + 1;
      reading.skipped.blank++;
      continue;
    }
    // a form's lines all name its structure: none of them is a total without words
    const namesAStructure = !!form.structureName || IDENTITY.some((f) => filled(cells[f]?.value ?? null));
    const voted = cells.voted ? parseAmount(cells.voted.value) : undefined;
    const label =
      totalLabel(row) ??
      (!subsidy && isUnlabelledTotal(voted?.ok ? voted.value : undefined, blockAmounts, namesAStructure)
        ? 'Total (sans libellé)'
        : undefined);
    if (label) {
      reading.skipped.total++;
      if (wide)
        for (const y of perYear(row, cells, false))
          reading.totals.push({
            row: excelRow,
            label,
            cells: y.cells,
            fromRow,
            year: y.year,
            partner: y.partner,
          });
      else reading.totals.push({ row: excelRow, label, cells, fromRow });
      fromRow = excelRow + 1;
      blockAmounts = [];
      continue;
    }
    if (repeatsHeader(row) || numbersColumns(row)) {
      reading.skipped.blank++;
      otherTable = false;
      // a header written again (after a page break) starts the groups afresh
      last.clear();
      groupLabel = undefined;
      continue;
    }
    let only = -1;
    for (let c = 0; c < row.length; c++)
      if (filled(row[c])) {
        if (only >= 0) {
          only = -2;
          break;
        }
        only = c;
      }
    const lone = only >= 0 && typeof row[only] === 'string' ? (row[only] as string).trim() : '';
    if (lone && yearInText(lone) !== undefined && !/\d{14}|\d{3} ?\d{3} ?\d{3}/.test(lone)) {
      // a title between two stacked tables: the lines below are of that year
      sectionYear = { year: yearInText(lone)!, col: columnLetter(only + originCol) };
      reading.skipped.blank++;
      continue;
    }
    if (lone && isNoteText(lone)) {
      // a page footer or a note between the lines: no line of the table
      context.notes = (context.notes ?? 0) + 1;
      reading.skipped.blank++;
      continue;
    }
    if (lone && !subsidy) {
      // the title of another table below (« Observations du service » over « Équipement | Commentaire »)
      const next = nextDataRow(i);
      if (next && headsOtherTable(next)) {
        context.notes = (context.notes ?? 0) + 1;
        reading.skipped.blank++;
        continue;
      }
    }
    if (lone && amountCols.size && ![...amountCols].some((c) => filled(row[c]))) {
      // a lone label over lines that name no structure: the name of their group (« Centre social X »)
      const next = nextDataRow(i);
      if (next && identityBlank(next) && [...amountCols].some((c) => filled(next[c]))) {
        groupLabel = { value: lone, col: columnLetter(only + originCol) };
        context.groupLabels = (context.groupLabels ?? 0) + 1;
        reading.skipped.blank++;
        continue;
      }
    }
    if (sectionYear && !hasYearColumn && !wide)
      cells.year = { value: sectionYear.year, col: sectionYear.col };
    // what the line does not say, its context does: its group's value written above, its group label, the form above the table
    // a structure's name, SIRET or commune is its group's only when the line names no structure itself
    const namesItself = NAMES.some((f) => filled(cells[f]?.value ?? null));
    for (const f of grouped) {
      const c = cells[f];
      if (c && filled(c.value)) last.set(f, c);
      else if (last.has(f) && (!OF_STRUCTURE.includes(f) || !namesItself)) cells[f] = last.get(f)!;
    }
    if (groupLabel && !NAMES.some((f) => filled(cells[f]?.value ?? null))) cells.structureName = groupLabel;
    for (const f of formFields)
      if (!filled(cells[f]?.value ?? null) && !(f === 'year' && cells.year)) cells[f] = { value: form[f]!.value, col: form[f]!.col };
    const rec: RawRecord = { row: excelRow, cells };
    const dep = departementOf(rec) ?? sheetDepartement;
    if (dep && !ref.departements.includes(dep)) {
      reading.skipped.otherDepartement++;
      // kept per year in a wide layout, so that the partner's own totals per year can be checked
      const others = (reading.otherDepartementRecords ??= []);
      if (wide) for (const l of perYear(row, cells, true)) others.push({ row: excelRow, cells: l.cells });
      else others.push(rec);
      if (voted?.ok) blockAmounts.push(voted.value);
      continue;
    }
    if (!wide) {
      reading.records.push(rec);
      if (voted?.ok) blockAmounts.push(voted.value);
    } else {
      const lines = perYear(row, cells, true);
      // a row with no amount in any year is still read, so that the empty amount is reported
      if (lines.length === 0)
        reading.records.push({ row: excelRow, cells: perYear(row, cells, false)[0].cells });
      for (const l of lines) reading.records.push({ row: excelRow, cells: l.cells });
    }
  }
  const labels = sameRowLabels(grid, reading.records, header.columns, originRow);
  if (labels) reading.valueLabels = labels;
  if (Object.keys(context).length) reading.context = context;
  return reading;
}
