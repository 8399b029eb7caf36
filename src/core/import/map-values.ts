import { makeFinding } from '../checks/messages';
import type { Dispositif, Provenance, Reference } from '../model/domain';
import type { Finding, FindingCode } from '../model/finding';
import { normaliseText } from '../parse/normalise-text';
import { matchConventionType, matchDispositif, strictConventionType } from '../reference/match-dispositif';
import type { PlanIndex, PlanNode } from '../reference/plan-index';
import type { CodedField } from './value-labels';
import type { SheetReading } from './read-sheet';

/**
 * The user's answers for coded values, per field, partner and value as written:
 * `{"dispositif": {"CAF": {"FP": "CAF_FONDS_PROPRES"}}}`. `null` = « aucun » (the value names
 * nothing of the reference: left unlinked, not reported again); `""` = not answered yet.
 */
export type ValueMappings = Partial<Record<CodedField, Record<string, Record<string, string | null>>>>;

/** A value that no code, synonym, label or legend explained: asked once, reported once. */
export interface UnknownValue {
  field: CodedField;
  partner: string;
  value: string;
  count: number;
  amount: number;
  first: Provenance;
  lines: Provenance[];
  /** The first line's structure and year, named when the value is on one line only. */
  structureName?: string;
  year?: number;
  /** What the value is read as meanwhile (a convention type, a structure kind), when not nothing. */
  guess?: string;
}

const MAX_LINES_KEPT = 500;

const besideKey = (partner: string, field: string, code: string) => `${partner}|${field}|${normaliseText(code)}`;

const UNKNOWN_CODE: Record<CodedField, FindingCode> = {
  dispositif: 'DISPOSITIF_INCONNU',
  plan: 'ACTION_INCONNUE',
  conventionType: 'TYPE_CONVENTION_INCONNU',
  kind: 'TYPE_STRUCTURE_INCONNU',
};

/**
 * Resolves the coded values of a partner's rows (dispositif, plan node, convention type) in one
 * order for every sheet: the user's saved answer, the value itself (code, label, synonym), the
 * label written beside it on the same rows, the legend of its workbook, then the label the
 * partner's other sheets write beside the same code. What stays unknown
 * is gathered per field, partner and value, and reported once with its count of lines and amount.
 */
export class CodedValues {
  private unknown = new Map<string, UnknownValue>();
  private legends = new Map<string, Map<string, string>>();
  /** Labels written beside codes, by partner, field and code, for its sheets that do not write them (null: two labels). */
  private besides = new Map<string, string | null>();

  constructor(
    private ref: Reference,
    private plan: PlanIndex,
    private saved: ValueMappings = {},
  ) {}

  /** Codes of a legend sheet, for the other sheets of the same workbook. */
  addLegend(file: string, pairs: [string, string][]): void {
    const m = this.legends.get(file) ?? new Map<string, string>();
    for (const [code, label] of pairs) if (!m.has(normaliseText(code))) m.set(normaliseText(code), label);
    this.legends.set(file, m);
  }

  /**
   * The labels a sheet writes beside its codes, for every sheet of the same partner: a partner's
   * code means one thing in all its files, and a sheet of one line (or one without the label
   * column) is then read as the others. A code given two different labels is left out.
   */
  addRowLabels(reading: SheetReading): void {
    if (!reading.partner || !reading.valueLabels) return;
    for (const [field, labels] of Object.entries(reading.valueLabels)) {
      for (const [code, label] of Object.entries(labels ?? {})) {
        const key = besideKey(reading.partner, field, code);
        const had = this.besides.get(key);
        this.besides.set(key, had === undefined || (had !== null && normaliseText(had) === normaliseText(label)) ? label : null);
      }
    }
  }

  /** The user's answer for this value: a code, null (none), or undefined (not answered). */
  private answer(field: CodedField, partner: string, value: string): string | null | undefined {
    const byValue = this.saved[field]?.[partner];
    if (!byValue) return undefined;
    const n = normaliseText(value);
    for (const [k, v] of Object.entries(byValue)) if (normaliseText(k) === n && v !== '') return v;
    return undefined;
  }

  /** The texts that may explain a value, in order: itself, its label on the same rows, its legend. */
  private explanations(field: CodedField, value: string, reading: SheetReading): string[] {
    const out = [value];
    const beside = reading.valueLabels?.[field]?.[value];
    if (beside) out.push(beside);
    const legend = this.legends.get(reading.file)?.get(normaliseText(value));
    if (legend) out.push(legend);
    const elsewhere = reading.partner ? this.besides.get(besideKey(reading.partner, field, value)) : undefined;
    if (elsewhere && elsewhere !== beside) out.push(elsewhere);
    return out;
  }

  dispositif(texts: string[], partner: string, reading: SheetReading): { dispositif?: Dispositif; declined?: boolean } {
    const written = texts.find(Boolean);
    if (written) {
      const a = this.answer('dispositif', partner, written);
      if (a === null) return { declined: true };
      const chosen = a ? this.ref.dispositifs.find((d) => d.code === a && d.partner === partner) ?? this.ref.dispositifs.find((d) => d.code === a) : undefined;
      if (chosen) return { dispositif: chosen };
    }
    for (const t of texts) {
      if (!t) continue;
      for (const e of this.explanations('dispositif', t, reading)) {
        const d = matchDispositif([e], partner, this.ref);
        if (d) return { dispositif: d };
      }
    }
    return {};
  }

  /** A plan node written on a line: undefined when nothing is written, null when it names nothing. */
  planNode(text: string, partner: string, reading: SheetReading): PlanNode | null | undefined {
    if (!text) return undefined;
    const a = this.answer('plan', partner, text);
    if (a === null) return undefined;
    if (a) {
      const chosen = this.plan.resolve(a);
      if (chosen) return chosen;
    }
    for (const e of this.explanations('plan', text, reading)) {
      const n = this.plan.resolve(e);
      if (n) return n;
    }
    return null;
  }

  /**
   * The convention type of a conventions-list row or of a funding line's convention. A type
   * written but not recognised, for a partner with several types, that the sheet's or file's name
   * does not settle either, is read as the partner's first type and asked once (`at` given).
   */
  conventionType(written: string, context: string[], partner: string, reading: SheetReading, at?: Provenance): string | undefined {
    const a = written ? this.answer('conventionType', partner, written) : undefined;
    if (a) return a;
    if (written)
      for (const e of this.explanations('conventionType', written, reading)) {
        const t = strictConventionType(e, partner, this.ref);
        if (t) return t;
      }
    const fromContext = context.map((c) => strictConventionType(c, partner, this.ref)).find(Boolean);
    if (fromContext) return fromContext;
    const guess = matchConventionType([written], partner, this.ref);
    const several = this.ref.conventionTypes.filter((t) => t.partner === partner).length > 1;
    // « Aucun » answered (null): read as the guess, not asked again
    if (written && at && several && a !== null) {
      const label = this.ref.conventionTypes.find((t) => t.code === guess)?.label;
      this.noteUnknown('conventionType', partner, written, undefined, at, { guess: label });
    }
    return guess;
  }

  /** The structure kind the user chose for a value of a « Type » column: CS, EVS, null (none) or undefined. */
  kindAnswer(partner: string, value: string): string | null | undefined {
    return this.answer('kind', partner, value);
  }

  /**
   * A bare "Code" column read as structure codes may hold the codes of a dispositif ("601" with a
   * legend, "FG" beside « Aide au fonctionnement global »): when its labels or the workbook's legend
   * explain most of its values as dispositifs, it is the dispositif column.
   */
  recodeAsDispositif(reading: SheetReading): boolean {
    if (reading.kind !== 'fundings' || !reading.partner || reading.columns.some((c) => c.field === 'dispositif')) return false;
    const col = reading.columns.find((c) => c.field === 'structureCode');
    if (!col) return false;
    const values = new Set(reading.records.map((r) => String(r.cells.structureCode?.value ?? '').trim()).filter(Boolean));
    if (values.size === 0) return false;
    const labels = reading.valueLabels?.structureCode ?? {};
    const legend = this.legends.get(reading.file);
    let explained = 0;
    for (const v of values) {
      const texts = [labels[v], legend?.get(normaliseText(v))].filter((t): t is string => !!t);
      if (texts.some((t) => matchDispositif([t], reading.partner, this.ref))) explained++;
    }
    if (explained < 0.8 * values.size) return false;
    col.field = 'dispositif';
    for (const r of reading.records) {
      if (r.cells.structureCode) r.cells.dispositif = r.cells.structureCode;
      delete r.cells.structureCode;
    }
    if (reading.valueLabels?.structureCode) reading.valueLabels.dispositif = reading.valueLabels.structureCode;
    return true;
  }

  /** Records one line whose value stayed unknown. */
  noteUnknown(field: CodedField, partner: string, value: string, amount: number | undefined, at: Provenance, about: { structureName?: string; year?: number; guess?: string } = {}): void {
    const key = `${field}|${partner}|${normaliseText(value)}`;
    let u = this.unknown.get(key);
    if (!u) this.unknown.set(key, (u = { field, partner, value, count: 0, amount: 0, first: at, lines: [], ...about }));
    u.count++;
    u.amount += amount ?? 0;
    if (u.lines.length < MAX_LINES_KEPT) u.lines.push(at);
  }

  unknownValues(): UnknownValue[] {
    return [...this.unknown.values()];
  }

  /** One finding per unknown value and partner, with its count of lines and amount. */
  findings(): Finding[] {
    return this.unknownValues().map((u) =>
      makeFinding(
        UNKNOWN_CODE[u.field],
        {
          partner: u.partner,
          value: u.value,
          count: u.count,
          amount: Math.round(u.amount * 100) / 100,
          lines: u.lines,
          ...(u.guess ? { detail: u.guess } : {}),
          ...(u.count === 1 ? { structureName: u.structureName, year: u.year } : {}),
        },
        u.first,
      ),
    );
  }
}
