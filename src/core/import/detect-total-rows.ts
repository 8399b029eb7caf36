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
  /** How many data rows (or totals, for the sum of the sub-totals) it adds. */
  count: number;
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
  // the rows by the words and the distinctive names of their cells, indexed once (a national
  // file's per-structure totals would otherwise each read every cell)
  let byWord: Map<string, Set<RawRecord>> | undefined;
  let byName: Map<string, Set<RawRecord>> | undefined;
  const index = () => {
    byWord = new Map();
    byName = new Map();
    const add = (m: Map<string, Set<RawRecord>>, k: string, r: RawRecord) => {
      if (!k) return;
      const set = m.get(k) ?? new Set<RawRecord>();
      set.add(r);
      m.set(k, set);
    };
    for (const r of records)
      for (const c of Object.values(r.cells)) {
        if (typeof c?.value !== 'string' && typeof c?.value !== 'number') continue;
        const text = cellText(c.value);
        for (const w of normaliseText(text).split(' ')) add(byWord, w, r);
        add(byName, distinctiveName(text), r);
      }
  };
  const years = new Map<RawRecord, number | undefined>();
  const sliceSets = new Map<RawRecord[], Set<RawRecord>>();
  /** The rows of the group a label names (among `mine`), or why none was found: no row of its year, or none with its words. */
  const groupRows = (group: TotalGroup, mine: RawRecord[]): { text: string; members: RawRecord[]; notFound?: 'year' | 'words' } => {
    const text = [group.year ?? '', ...group.words].join(' ').trim();
    const yearOk = (r: RawRecord) => {
      if (group.year === undefined) return true;
      if (!years.has(r)) {
        const y = parseYear(r.cells.year?.value ?? null);
        years.set(r, y.ok ? y.value : undefined);
      }
      return (years.get(r) ?? self.year) === group.year;
    };
    let withWords: Set<RawRecord> | undefined; // undefined: every row (no words, or words the sheet itself says)
    if (group.words.length && !group.words.every((w) => selfWords.has(w))) {
      if (!byWord) index();
      const sets = group.words.map((w) => byWord!.get(w) ?? new Set<RawRecord>()).sort((a, b) => a.size - b.size);
      withWords = new Set([...sets[0]].filter((r) => sets.every((x) => x.has(r))));
      for (const r of byName!.get(distinctiveName(group.words.join(' '))) ?? []) withWords.add(r);
    }
    let members: RawRecord[];
    if (withWords) {
      let inMine = sliceSets.get(mine);
      if (!inMine) sliceSets.set(mine, (inMine = new Set(mine)));
      members = [...withWords].filter((r) => inMine!.has(r) && yearOk(r)).sort((a, b) => a.row - b.row);
    } else members = mine.filter(yearOk);
    if (members.length) return { text, members };
    return { text, members, notFound: group.year !== undefined && !mine.some(yearOk) ? 'year' : 'words' };
  };
  // the rows each total is about (all of them, or one year's and partner's in a wide layout),
  // sorted, with running sums per amount: a sum over rows between two totals costs two looks
  type Slice = { rows: RawRecord[]; sums: Map<AmountField, { sum: number[]; bad: number[] }> };
  const slices = new Map<string, Slice>();
  const sliceOf = (t: SourceTotal): Slice => {
    const key = `${t.year ?? ''}|${t.partner ?? ''}`;
    let sl = slices.get(key);
    if (!sl) {
      const rows = records
        .filter((r) => (t.year === undefined || r.cells.year?.value === t.year) && (t.partner === undefined || r.cells.partner?.value === t.partner))
        .sort((a, b) => a.row - b.row);
      slices.set(key, (sl = { rows, sums: new Map() }));
    }
    return sl;
  };
  const running = (sl: Slice, f: AmountField) => {
    let r = sl.sums.get(f);
    if (!r) {
      r = { sum: [0], bad: [0] };
      for (const rec of sl.rows) {
        const a = amountOf(rec, f);
        r.sum.push(r.sum[r.sum.length - 1] + (typeof a === 'number' ? a : 0));
        r.bad.push(r.bad[r.bad.length - 1] + (a === null ? 1 : 0));
      }
      sl.sums.set(f, r);
    }
    return r;
  };
  /** Index of the first row at or after `row` in a slice. */
  const at = (sl: Slice, row: number) => {
    let lo = 0;
    let hi = sl.rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sl.rows[mid].row < row) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const levels = totals.map((t) => totalLevel(t.label));
  const rank = (l: TotalLevel) => (l === 'sub' ? 0 : l === 'group' ? 1 : 2);
  /** The totals already seen, per year and partner: those about the same amounts. */
  const seen = new Map<string, number[]>();
  const sawSub = new Set<string>();
  totals.forEach((t, i) => {
    const level = levels[i];
    const sl = sliceOf(t);
    const seenKey = `${t.year ?? ''}|${t.partner ?? ''}`;
    const earlier = seen.get(seenKey) ?? [];
    seen.set(seenKey, earlier);
    const end = at(sl, t.row); // rows above: [0, end)
    const blockStart = at(sl, t.fromRow);
    let sameLevelBefore: number | undefined;
    for (let k = earlier.length - 1; k >= 0 && sameLevelBefore === undefined; k--) if (rank(levels[earlier[k]]) >= rank(level)) sameLevelBefore = earlier[k];
    const group = totalGroup(t.label);
    const found = group ? groupRows(group, sl.rows) : undefined;
    for (const field of AMOUNT_FIELDS_CHECKED) {
      const cell = t.cells[field];
      if (!cell) continue;
      const own = parseAmount(cell.value);
      if (!own.ok) continue; // a total without a cached value cannot be compared
      const run = running(sl, field);
      const scopes: TotalScope[] = [];
      let unreadable = 0;
      const range = (what: string, from: number, to: number, counts: boolean) => {
        if (counts) unreadable += run.bad[to] - run.bad[from];
        scopes.push({ what, count: to - from, sum: roundCents(run.sum[to] - run.sum[from]) });
      };
      const list = (what: string, rows: RawRecord[]) => {
        let sum = 0;
        for (const r of rows) {
          const a = amountOf(r, field);
          if (typeof a === 'number') sum += a;
          else if (a === null) unreadable++;
        }
        scopes.push({ what, count: rows.length, sum: roundCents(sum) });
      };
      range('les lignes depuis le total précédent', blockStart, end, true);
      if (sameLevelBefore !== undefined && totals[sameLevelBefore].fromRow !== t.fromRow)
        range('les lignes depuis le total précédent de même niveau', at(sl, totals[sameLevelBefore].row + 1), end, level !== 'sub');
      if (found && !found.notFound) {
        list(`les lignes du groupe « ${found.text} »`, found.members.filter((r) => r.row < t.row));
        if (found.members.some((r) => r.row > t.row)) list(`toutes les lignes du groupe « ${found.text} »`, found.members);
      }
      range('toutes les lignes au-dessus', 0, end, level === 'grand');
      // the sum of the lower totals above (since the previous total of its level)
      const lower: ReturnType<typeof parseAmount>[] = [];
      for (let k = earlier.length - 1; k >= 0; k--) {
        const j = earlier[k];
        if (sameLevelBefore !== undefined && totals[j].row <= totals[sameLevelBefore].row) break;
        if (rank(levels[j]) < rank(level)) lower.push(parseAmount(totals[j].cells[field]?.value ?? null));
      }
      const lowerSum = lower.reduce((sum, a) => sum + (a.ok ? a.value : 0), 0);
      if (lower.some((a) => a.ok)) scopes.push({ what: 'la somme des sous-totaux au-dessus', count: lower.length, sum: roundCents(lowerSum) });
      const blockSum = scopes[0].sum;
      const aboveSum = roundCents(run.sum[end]);
      const groupScope = scopes.find((x) => x.what.startsWith('les lignes du groupe'));
      const expected =
        level === 'group' && groupScope
          ? groupScope.sum
          : level !== 'sub' && earlier.length > 0 && (blockStart === end || sawSub.has(seenKey))
            ? aboveSum
            : blockSum;
      const reproduced = scopes.find((x) => near(x.sum, own.value));
      const c: TotalCoverage = { total: t, field, amount: own.value, level, scopes, expected, ...(reproduced ? { reproduced } : {}) };
      if (!reproduced) {
        // a run of rows just above it gives its amount: the sheet's grouping was read otherwise
        let from: number | undefined;
        for (let k = end - 1; k >= 0 && from === undefined; k--)
          if (run.sum[k + 1] !== run.sum[k] && near(run.sum[end] - run.sum[k], own.value)) from = sl.rows[k].row;
        // a year the rows do not show (a per-year sub-total of a long export), or words naming no row
        // of a total that follows no row of its own: which rows it covers is not known
        if (found?.notFound === 'year' || (found?.notFound === 'words' && blockStart === end))
          c.unsettled = { key: 'groupe', detail: `le groupe « ${found.text} » que nomme son libellé n'a été retrouvé dans aucune ligne lue` };
        else if (unreadable > 0)
          c.unsettled = { key: 'illisibles', detail: `${unreadable} montant${unreadable > 1 ? 's' : ''} illisible${unreadable > 1 ? 's' : ''} parmi les lignes qu'il peut couvrir` };
        else if (from !== undefined)
          c.unsettled = { key: 'suite', detail: `il est égal à la somme des lignes ${from} à ${sl.rows[end - 1].row}, que la lecture n'a pas regroupées ainsi` };
        else if (end === 0)
          c.unsettled = { key: 'vide', detail: 'aucune ligne lue au-dessus de lui' };
      }
      out.push(c);
    }
    earlier.push(i);
    if (level === 'sub') sawSub.add(seenKey);
  });
  return out;
}
