import type { FundingLine } from '../model/domain';
import type { FormulaCell } from '../model/sheet-spec';
import { columnLetter } from '../import/column-letter';
import { roundCents } from '../parse/parse-amount';
import { FUNDING_COLUMNS } from './canonical-tables';

/** Where the Financements table is written (canonical-tables.ts: header on row 1, sheet of that name). */
export const FUNDINGS_SHEET = 'Financements';

export type Measure = 'voted' | 'paid';
/** SUMIFS criteria on the Financements columns; `plan` is the exact plan code written on the line. */
export interface FundingCriteria {
  partner?: string;
  year?: number;
  plan?: string;
  axis?: string;
  structure?: string;
}

const CRITERIA_KEYS: (keyof FundingCriteria)[] = ['partner', 'year', 'plan', 'axis', 'structure'];

/**
 * The one place where a programming / COPIL figure is both written as a SUMIFS over the
 * Financements table and computed in TypeScript for the cached result: the two can never drift.
 * Ranges are absolute A1 ranges (not structured references) because LibreOffice, which the tests
 * and the PDF export use, does not evaluate `Financements[Montant voté]` in .xlsx files.
 */
export class FundingFormulas {
  /** The lines written in the Financements table, in its order (duplicates are not written). */
  readonly lines: FundingLine[];
  private readonly lastRow: number;
  private readonly byYear = new Map<number, FundingLine[]>();
  /** Lines by year and plan code, and by year and axis: a sum with either scans only its own lines. */
  private readonly byYearPlan = new Map<string, FundingLine[]>();
  private readonly byYearAxis = new Map<string, FundingLine[]>();
  private readonly memo = new Map<string, number>();

  constructor(fundings: FundingLine[]) {
    this.lines = fundings.filter((l) => !l.duplicateOf);
    this.lastRow = Math.max(this.lines.length + 1, 2);
    for (const l of this.lines) {
      const y = this.byYear.get(l.year);
      if (y) y.push(l);
      else this.byYear.set(l.year, [l]);
      if (l.plan !== undefined) push(this.byYearPlan, `${l.year}|${l.plan}`, l);
      if (l.axis !== undefined) push(this.byYearAxis, `${l.year}|${l.axis}`, l);
    }
  }

  /** The lines a sum with these criteria has to look at (a superset of those it keeps, in table order). */
  private candidates(c: FundingCriteria): FundingLine[] {
    if (c.year === undefined) return this.lines;
    if (c.plan !== undefined) return this.byYearPlan.get(`${c.year}|${c.plan}`) ?? [];
    if (c.axis !== undefined) return this.byYearAxis.get(`${c.year}|${c.axis}`) ?? [];
    return this.byYear.get(c.year) ?? [];
  }

  /** `'Financements'!$J$2:$J$41` for a column key of FUNDING_COLUMNS. */
  range(key: string): string {
    const i = FUNDING_COLUMNS.findIndex((c) => c.key === key);
    if (i < 0) throw new Error(`colonne ${key} absente du tableau Financements`);
    const L = columnLetter(i + 1);
    return `'${FUNDINGS_SHEET}'!$${L}$2:$${L}$${this.lastRow}`;
  }

  /** The amount, computed the way SUMIFS computes it (unreadable amounts are empty cells). */
  sum(measure: Measure, c: FundingCriteria): number {
    // memoised, and by year: a programming sheet asks for the same sums many times (subtotals)
    const key = `${measure}|${c.partner ?? ''}|${c.year ?? ''}|${c.plan ?? ''}|${c.axis ?? ''}|${c.structure ?? ''}`;
    const hit = this.memo.get(key);
    if (hit !== undefined) return hit;
    let t = 0;
    for (const l of this.candidates(c)) if (matches(l, c)) t += l[measure] ?? 0;
    const v = roundCents(t);
    this.memo.set(key, v);
    return v;
  }

  /** Lines of one year, in table order. */
  linesOf(year: number): FundingLine[] {
    return this.byYear.get(year) ?? [];
  }

  formula(measure: Measure, c: FundingCriteria): string {
    const parts = [this.range(measure)];
    for (const k of CRITERIA_KEYS) {
      const v = c[k];
      if (v === undefined) continue;
      parts.push(this.range(k), typeof v === 'number' ? String(v) : `"${v.replace(/"/g, '""')}"`);
    }
    return `SUMIFS(${parts.join(',')})`;
  }

  cell(measure: Measure, c: FundingCriteria): FormulaCell {
    return { formula: this.formula(measure, c), result: this.sum(measure, c) };
  }
}

function push(m: Map<string, FundingLine[]>, key: string, l: FundingLine) {
  const list = m.get(key);
  if (list) list.push(l);
  else m.set(key, [l]);
}

export function matches(l: FundingLine, c: FundingCriteria): boolean {
  return (
    (c.partner === undefined || l.partner === c.partner) &&
    (c.year === undefined || l.year === c.year) &&
    (c.plan === undefined || l.plan === c.plan) &&
    (c.axis === undefined || l.axis === c.axis) &&
    (c.structure === undefined || l.structure === c.structure)
  );
}

/** `E5` style reference inside the sheet being built. */
export const ref = (col: number, row: number) => `${columnLetter(col)}${row}`;
