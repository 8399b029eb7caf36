import { yearInText } from '../parse/parse-year';
import { normaliseText } from '../parse/normalise-text';
import { MIN_CONFIDENCE, scoreLabel, type ColumnChoice } from './map-columns';

const AMOUNTS = ['voted', 'paid', 'requested'] as const;

/** Amount columns of a sheet laid out with one column per year ("Montant voté 2019", "Versé 2020", "2021"). */
export interface YearColumns {
  /** The columns that are not per-year amounts. */
  base: ColumnChoice[];
  /** Per year (ascending), its amount columns. */
  years: { year: number; columns: ColumnChoice[] }[];
}

/**
 * Detects the "one column per year" layout: amount columns whose headers carry two or more
 * different years. Each data row then holds one funding line per year, and none may be lost
 * (mapping only the first year's column would drop the others silently).
 */
export function detectYearColumns(labels: string[], columns: ColumnChoice[], saved?: Record<string, string | null>): YearColumns | undefined {
  const found: (ColumnChoice & { year: number })[] = [];
  labels.forEach((label, col) => {
    const year = yearInText(label);
    if (!label || year === undefined || (saved && saved[label] === null)) return;
    const mapped = columns.find((c) => c.col === col);
    if (mapped && !(AMOUNTS as readonly string[]).includes(mapped.field)) return;
    let field = mapped?.field;
    let confidence = mapped?.confidence ?? 0;
    if (!field) {
      for (const f of AMOUNTS) {
        const s = scoreLabel(label, f);
        if (s >= MIN_CONFIDENCE && s > confidence) [field, confidence] = [f, s];
      }
      // a bare year ("2019", "Exercice 2019") over an amount column is the voted amount
      if (!field && /^(exercice |annee )?\d{4}$/.test(normaliseText(label))) [field, confidence] = ['voted', 0.7];
    }
    if (field) found.push({ col, header: label, field, confidence, year });
  });
  const years = [...new Set(found.map((f) => f.year))].sort((a, b) => a - b);
  if (years.length < 2) return undefined;
  const perYear = new Set(found.map((f) => f.col));
  return {
    base: columns.filter((c) => !perYear.has(c.col) && c.field !== 'year'),
    years: years.map((year) => {
      const cols: ColumnChoice[] = [];
      for (const f of found) if (f.year === year && !cols.some((c) => c.field === f.field)) cols.push({ col: f.col, header: f.header, field: f.field, confidence: f.confidence });
      return { year, columns: cols };
    }),
  };
}
