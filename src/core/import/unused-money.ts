import { makeFinding } from '../checks/messages';
import type { Finding } from '../model/finding';
import type { Grid } from '../model/grid';
import { cellText } from '../parse/cell-text';
import { normaliseText } from '../parse/normalise-text';
import { parseAmount } from '../parse/parse-amount';
import { columnLetter } from './column-letter';
import { AMOUNT_FIELDS } from './fields';
import { cents } from './ledger';
import type { SheetReading } from './read-sheet';

/** Header words that say a column holds money (« Engagé 2018 », « Part CAF (€) », « Mt notifié »). */
const MONEY = /\b(montants?|mt|mnt|euros?|eur|ke|k|subventions?|votee?s?|versee?s?|accordee?s?|attribuee?s?|budgets?|financements?|dotations?|aides?|sommes?|prevue?s?|realisee?s?|engagee?s?|mandatee?s?|payee?s?|demandee?s?|notifiee?s?|allouee?s?|decidee?s?|participations?)\b/;
/** Words that say it does not, or that it is derived from the columns read (a row total, what remains). */
const NOT_MONEY = /\b(reste|restant|ecart|difference|taux|pourcentage|nombre|nb|effectifs?|heures|code|siret|siren|insee|postal|cp|n|numero|ref|reference|dates?|annee|exercice|age|total|totaux|cumul|moyenne|ratio)\b/;

const near = (a: number, b: number) => Math.abs(a - b) < 0.005 + Math.abs(b) * 1e-9;

/**
 * Money in a funding sheet that no line counts: a column named for money (or for a year) whose
 * values are amounts, mapped to no field. One entry per column for the ledger, one finding per sheet
 * with the amount and the ranges. A column whose values are the sum or difference of the columns
 * read on their row (a row total, « reste à verser ») is derived, not lost.
 */
export function unusedMoney(
  grid: Grid,
  reading: SheetReading,
): { columns: { range: string; amountCents: number; reason: string }[]; finding?: Finding; hidden: { lines: number; amountCents: number }[] } | undefined {
  const labels = reading.headerLabels;
  if (!labels || reading.records.length === 0) return undefined;
  const originRow = grid.originRow ?? 1;
  const originCol = grid.originCol ?? 1;
  const used = new Set<number>([...reading.columns.map((c) => c.col), ...(reading.openData?.known ?? [])]);
  const amountCols = reading.columns.filter((c) => AMOUNT_FIELDS.includes(c.field)).map((c) => c.col);
  const rows = [...new Set(reading.records.map((r) => r.row - originRow))].sort((a, b) => a - b);
  const columns: { range: string; amountCents: number; reason: string }[] = [];
  const hiddenCols = new Set(grid.hiddenCols ?? []);
  const hidden: { lines: number; amountCents: number }[] = [];
  labels.forEach((header, col) => {
    if (used.has(col) || !header) return;
    const n = normaliseText(header);
    if (NOT_MONEY.test(n) || !(MONEY.test(n) || header.includes('€') || /(?:^|\D)(19|20)\d{2}(?!\d)/.test(header))) return;
    let filled = 0;
    let amounts = 0;
    let derived = 0;
    let sum = 0;
    let first = -1;
    let last = -1;
    for (const i of rows) {
      const row = grid.rows[i] ?? [];
      const v = row[col];
      if (v === null || v === undefined || cellText(v) === '') continue;
      filled++;
      const p = parseAmount(v);
      if (!p.ok) continue;
      amounts++;
      sum += cents(p.value);
      if (first < 0) first = i;
      last = i;
      const read = amountCols.map((c) => parseAmount(row[c] ?? null)).filter((x) => x.ok).map((x) => (x as { value: number }).value);
      if (read.length >= 1 && (near(p.value, read.reduce((t, x) => t + x, 0)) || (read.length >= 2 && near(p.value, read[0] - read[1]))))
        derived++;
    }
    if (amounts < 2 || amounts < filled * 0.6 || sum === 0 || derived >= amounts * 0.8) return;
    // a column the partner hid keeps old figures on purpose: set aside, said in the ledger, no alert
    if (hiddenCols.has(col + originCol)) return void hidden.push({ lines: amounts, amountCents: sum });
    const letter = columnLetter(col + originCol);
    columns.push({ range: `${letter}${first + originRow}:${letter}${last + originRow}`, amountCents: sum, reason: `colonne « ${header} » non utilisée` });
  });
  if (!columns.length) return hidden.length ? { columns, hidden } : undefined;
  const total = columns.reduce((t, c) => t + c.amountCents, 0) / 100;
  const first = columns[0].range.replace(/\d.*$/, '');
  const finding = makeFinding(
    'MONTANTS_NON_LUS',
    { amount: total, count: columns.length, detail: columns.map((c) => `${c.reason.replace(/^colonne /, '').replace(/ non utilisée$/, '')} en ${c.range}`).join(', ') },
    { file: reading.file, sheet: reading.sheet, row: reading.headerRow ?? 1, col: first },
  );
  return { columns, finding, hidden };
}
