import type { CellValue } from '../model/grid';
import { normaliseText } from '../parse/normalise-text';

/**
 * Words that open a partner's total row: "TOTAL", "Total 2019", "Sous-total AJIR", "S/Total",
 * "Totaux", "Montant total", "Ensemble", "Total général", "Cumul".
 */
const TOTAL_RE = /^(sous ?total|s total|total|totaux|montant total|ensemble|cumul|somme)\b/;

/** Cheap first look on the raw text before normalising. */
const TOTAL_START = /^\W*(sous|s\s*\/|tota|montant\W+tota|ensemble|cumul|somme)/i;

/** How many leading cells may hold the label of a total row. */
const LABEL_CELLS = 16;

/** The label of a total row ("Sous-total AJIR", "TOTAL GÉNÉRAL") when the row says it is one. */
export function totalLabel(row: CellValue[]): string | undefined {
  for (let c = 0; c < Math.min(row.length, LABEL_CELLS); c++) {
    const v = row[c];
    if (typeof v !== 'string' || !TOTAL_START.test(v)) continue;
    const t = v.trim();
    // "Somme" alone is a total; "Somme allouée" is a header word, and data rows hold names
    const n = normaliseText(t);
    if (TOTAL_RE.test(n) && !/^somme \w/.test(n)) return t;
  }
  return undefined;
}

/** A sub-total names a group ("Sous-total AJIR"); a grand total covers everything above. */
export function isSubtotalLabel(label: string): boolean {
  return /^(sous|s total)/.test(normaliseText(label));
}

/**
 * Without words, a row is still a total when it names no structure and its amount is the sum of
 * the data rows since the previous total (two or more of them): a partner's sub-total whose label
 * cell was left empty or merged away.
 */
export function isUnlabelledTotal(amount: number | undefined, blockAmounts: number[], namesAStructure: boolean): boolean {
  if (namesAStructure || amount === undefined || blockAmounts.length < 2 || amount === 0) return false;
  const sum = blockAmounts.reduce((s, a) => s + a, 0);
  return Math.abs(sum - amount) <= 0.005;
}
