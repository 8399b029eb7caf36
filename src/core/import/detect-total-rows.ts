import type { CellValue } from '../model/grid';
import { distinctiveName } from '../link/structure-names';
import { cellText } from '../parse/cell-text';
import { normaliseText } from '../parse/normalise-text';
import { parseAmount, roundCents } from '../parse/parse-amount';
import { parseYear } from '../parse/parse-year';
import type { RawRecord, SourceTotal } from './read-sheet';

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

/**
 * A total row's level: a sub-total (« Sous-total AJIR », « S/Total »), a group total that names
 * its group (« Total 2019 », « Total Centre social X »), or a grand total that names none
 * (« TOTAL », « Total général », « Ensemble »).
 */
export type TotalLevel = 'sub' | 'group' | 'grand';

const TOTAL_WORDS = /^(sous ?total|s total|total|totaux|montant total|ensemble|cumul|somme)\b ?/;
/** Words of a total's label that name no group: articles, « général », the amount's own words. */
const FILLER = new Set(
  ('de des du d la le les l a au aux pour par en et sur ' +
    'general generale generaux globale global gen annee annees exercice exercices euros eur ttc ht ' +
    'structures structure lignes ligne dossiers beneficiaires montant montants subvention subventions financement financements aide aides ' +
    'vote votes votee votees verse verses versee versees accorde accordes accordee attribue attribues demande demandes paye payes ' +
    'sans libelle').split(' '),
);
const YEAR = /^(19|20)\d\d$/;

/** The group a total's label names: a year, words (a structure, a dispositif, a territory), or both; undefined for none. */
export interface TotalGroup {
  year?: number;
  words: string[];
}

export function totalGroup(label: string): TotalGroup | undefined {
  const toks = normaliseText(label).replace(TOTAL_WORDS, '').split(' ').filter((t) => t && !FILLER.has(t));
  if (toks.length === 0) return undefined;
  const years = toks.filter((t) => YEAR.test(t));
  return { year: years.length === 1 ? Number(years[0]) : undefined, words: toks.filter((t) => !YEAR.test(t)) };
}

export function totalLevel(label: string): TotalLevel {
  if (isSubtotalLabel(label)) return 'sub';
  return totalGroup(label) ? 'group' : 'grand';
}

/** Which data rows a total row may cover: one plausible reading, in French, with its rows and sum. */
export interface TotalScope {
  /** « les lignes depuis le total précédent », « les lignes du groupe « 2019 » »… */
  what: string;
  rows: number[];
  sum: number;
}

/** What a total row was compared with, and what was not settled when none of it gives its amount. */
export interface TotalCoverage {
  total: SourceTotal;
  field: AmountField;
  /** The total's own amount (its cell's cached value). */
  amount: number;
  level: TotalLevel;
  scopes: TotalScope[];
  /** The scope that gives its amount, if any. */
  reproduced?: TotalScope;
  /**
   * Why a misreading of the sheet is not excluded (French), with a short key for grouping:
   * the label's group not found, unreadable amounts, a run of rows that gives the amount, no row.
   */
  unsettled?: { key: 'groupe' | 'illisibles' | 'suite' | 'vide'; detail: string };
  /** What the total should be if the sheet was read right: its block, or every row above for a grand total over earlier totals. */
  expected: number;
}

export type AmountField = 'voted' | 'paid' | 'requested';
const AMOUNT_FIELDS_CHECKED: AmountField[] = ['voted', 'paid', 'requested'];
const near = (a: number, b: number) => Math.abs(a - b) <= 0.005;

/** What else a sheet says of itself: its partner, year, sheet and file names, title (a group « CAF » or « 2019 » may be the whole sheet). */
export interface SheetSelf {
  partner?: string;
  year?: number;
  sheet: string;
  file: string;
  title?: string;
}

/**
 * The one home of "which data rows does this total row cover". Each total is compared with every
 * plausible reading: the rows since the previous total, the rows since the previous total of its
 * level, the rows of the group its label names (« Total 2019 »: that year's rows; « Total Centre
 * social X »: that structure's rows), every row above, and the sum of the lower totals above.
 * Amounts are parsed once per row. Rows of other départements count: the partner's total includes them.
 */
export function totalCoverage(totals: SourceTotal[], records: RawRecord[], self: SheetSelf): TotalCoverage[] {
  const out: TotalCoverage[] = [];
  if (totals.length === 0) return out;
  const parsed = new Map<RawRecord, Partial<Record<AmountField, number | null>>>();
  /** A row's amount: a number, null when unreadable, undefined when empty. */
  const amountOf = (r: RawRecord, f: AmountField): number | null | undefined => {
    let p = parsed.get(r);
    if (!p) parsed.set(r, (p = {}));
    if (!(f in p)) {
      const a = parseAmount(r.cells[f]?.value ?? null);
      p[f] = a.ok ? a.value : a.empty ? undefined : null;
    }
    return p[f];
  };
  const selfWords = new Set(
    [self.partner ?? '', self.sheet, self.file.replace(/\.[a-z]+$/i, ''), self.title ?? ''].flatMap((t) => normaliseText(t).split(' ')).filter(Boolean),
  );
  const sorted = [...records].sort((a, b) => a.row - b.row);
  const levels = totals.map((t) => totalLevel(t.label));
  totals.forEach((t, i) => {
    const level = levels[i];
    const mine = sorted.filter(
      (r) => (t.year === undefined || r.cells.year?.value === t.year) && (t.partner === undefined || r.cells.partner?.value === t.partner),
    );
    const above = mine.filter((r) => r.row < t.row);
    // the totals above about the same amounts (same year and partner in a wide layout)
    const earlier = totals.map((x, j) => ({ x, j })).filter(({ x, j }) => j < i && x.year === t.year && x.partner === t.partner);
    const rank = (l: TotalLevel) => (l === 'sub' ? 0 : l === 'group' ? 1 : 2);
    const sameLevelBefore = [...earlier].reverse().find(({ j }) => rank(levels[j]) >= rank(level));
    const group = totalGroup(t.label);
    for (const field of AMOUNT_FIELDS_CHECKED) {
      const cell = t.cells[field];
      if (!cell) continue;
      const own = parseAmount(cell.value);
      if (!own.ok) continue; // a total without a cached value cannot be compared
      const scopes: TotalScope[] = [];
      let unreadable = 0;
      const scope = (what: string, rows: RawRecord[]) => {
        let s = 0;
        for (const r of rows) {
          const a = amountOf(r, field);
          if (typeof a === 'number') s += a;
          else if (a === null) unreadable++;
        }
        scopes.push({ what, rows: rows.map((r) => r.row), sum: roundCents(s) });
      };
      const block = above.filter((r) => r.row >= t.fromRow);
      scope('les lignes depuis le total précédent', block);
      if (sameLevelBefore && sameLevelBefore.x.fromRow !== t.fromRow)
        scope('les lignes depuis le total précédent de même niveau', above.filter((r) => r.row > sameLevelBefore.x.row));
      let groupNotFound: 'year' | 'words' | undefined;
      if (group) {
        const inSheet = (words: string[]) => words.every((w) => selfWords.has(w));
        const yearOk = (r: RawRecord) => {
          if (group.year === undefined) return true;
          const y = parseYear(r.cells.year?.value ?? null);
          return y.ok ? y.value === group.year : self.year === group.year;
        };
        const wordsOk = (r: RawRecord) => {
          if (group.words.length === 0 || inSheet(group.words)) return true;
          const key = distinctiveName(group.words.join(' '));
          return Object.values(r.cells).some((c) => {
            if (typeof c?.value !== 'string' && typeof c?.value !== 'number') return false;
            const text = cellText(c.value);
            const toks = new Set(normaliseText(text).split(' '));
            return group.words.every((w) => toks.has(w)) || (!!key && distinctiveName(text) === key);
          });
        };
        const members = mine.filter((r) => yearOk(r) && wordsOk(r));
        const text = [group.year ?? '', ...group.words].join(' ').trim();
        if (members.length === 0) groupNotFound = group.year !== undefined && !mine.some(yearOk) ? 'year' : 'words';
        else {
          scope(`les lignes du groupe « ${text} »`, members.filter((r) => r.row < t.row));
          if (members.some((r) => r.row > t.row)) scope(`toutes les lignes du groupe « ${text} »`, members);
        }
      }
      scope('toutes les lignes au-dessus', above);
      // the sum of the lower totals above (since the previous total of its level)
      const lower = earlier.filter(({ x, j }) => rank(levels[j]) < rank(level) && (!sameLevelBefore || x.row > sameLevelBefore.x.row));
      const lowerSum = lower.map(({ x }) => parseAmount(x.cells[field]?.value ?? null)).filter((a) => a.ok);
      if (lowerSum.length) scopes.push({ what: 'la somme des sous-totaux au-dessus', rows: [], sum: roundCents(lowerSum.reduce((s, a) => s + (a.ok ? a.value : 0), 0)) });
      const blockSum = scopes[0].sum;
      const groupScope = scopes.find((s) => s.what.startsWith('les lignes du groupe'));
      const expected = level === 'group' && groupScope ? groupScope.sum : level !== 'sub' && earlier.length > 0 && (block.length === 0 || earlier.some(({ j }) => levels[j] === 'sub')) ? scopes.find((s) => s.what === 'toutes les lignes au-dessus')!.sum : blockSum;
      const reproduced = scopes.find((s) => near(s.sum, own.value));
      const c: TotalCoverage = { total: t, field, amount: own.value, level, scopes, expected, ...(reproduced ? { reproduced } : {}) };
      if (!reproduced) {
        // a run of rows just above it gives its amount: the sheet's grouping was read otherwise
        let run = 0;
        let from: number | undefined;
        for (let k = above.length - 1; k >= 0 && from === undefined; k--) {
          const a = amountOf(above[k], field);
          if (typeof a === 'number') run = roundCents(run + a);
          if (near(run, own.value) && typeof a === 'number') from = above[k].row;
        }
        // a year the rows do not show (a per-year sub-total of a long export), or words naming no row
        // of a total that follows no row of its own: which rows it covers is not known
        if (groupNotFound === 'year' || (groupNotFound === 'words' && block.length === 0))
          c.unsettled = { key: 'groupe', detail: `le groupe « ${[group!.year ?? '', ...group!.words].join(' ').trim()} » que nomme son libellé n'a été retrouvé dans aucune ligne lue` };
        else if (unreadable > 0)
          c.unsettled = { key: 'illisibles', detail: `${unreadable} montant${unreadable > 1 ? 's' : ''} illisible${unreadable > 1 ? 's' : ''} parmi les lignes qu'il peut couvrir` };
        else if (from !== undefined)
          c.unsettled = { key: 'suite', detail: `il est égal à la somme des lignes ${from} à ${above[above.length - 1].row}, que la lecture n'a pas regroupées ainsi` };
        else if (block.length === 0 && above.length === 0)
          c.unsettled = { key: 'vide', detail: 'aucune ligne lue au-dessus de lui' };
      }
      out.push(c);
    }
  });
  return out;
}
