import type { Partner } from '../model/domain';
import { yearInText } from '../parse/parse-year';
import { normaliseText } from '../parse/normalise-text';
import { detectPartner } from './detect-partner';
import { MIN_CONFIDENCE, scoreLabel, type ColumnChoice } from './map-columns';

const AMOUNTS = ['voted', 'paid', 'requested'] as const;

/** Every word naming a partner (code, name, aliases; "CD07" as "cd" and "07"). */
function partnerWords(partners: Partner[], code: string): Set<string> {
  const p = partners.find((x) => x.code === code);
  const texts = p ? [p.code, p.name, ...p.aliases] : [code];
  return new Set(texts.flatMap((t) => normaliseText(t.replace(/([A-Za-z])(\d)/g, '$1 $2')).split(' ')));
}

/** One group of amount columns: those of one year and/or one partner. */
export interface ColumnGroup {
  year?: number;
  partner?: string;
  columns: ColumnChoice[];
}

/**
 * Amount columns of a sheet laid out with one column per year ("Montant voté 2019", "Versé 2020",
 * "2021") or per partner ("Part CAF", "Subvention Département", "MSA"), or both ("CAF 2019").
 */
export interface YearColumns {
  /** The columns that are not split amounts. */
  base: ColumnChoice[];
  groups: ColumnGroup[];
}

/**
 * Detects the "one amount column per year or per partner" layout: amount columns whose headers
 * carry two or more different years or partners. Each data row then holds one funding line per
 * group, and none may be lost (mapping only the first column would drop the others silently).
 */
export function detectYearColumns(
  labels: string[],
  columns: ColumnChoice[],
  saved?: Record<string, string | null>,
  partners: Partner[] = [],
  /** false when the values under a column are words or codes ("Cd": AJIR, CULT), not amounts */
  holdsAmounts: (col: number) => boolean = () => true,
): YearColumns | undefined {
  const found: (ColumnChoice & { year?: number; partner?: string })[] = [];
  /** Amount columns of a year or partner whose word names no measure. */
  const unnamed: { col: number; header: string; year?: number; partner?: string }[] = [];
  labels.forEach((label, col) => {
    if (!label || (saved && saved[label] === null)) return;
    const year = yearInText(label);
    const partner = partners.length ? detectPartner(label, partners) : undefined;
    if (year === undefined && partner === undefined) return;
    const found0 = columns.find((c) => c.col === col);
    // "Subvention Département" may have been read as the département: an amount word wins
    const mapped = found0 && (AMOUNTS as readonly string[]).includes(found0.field) ? found0 : undefined;
    let field = mapped?.field;
    let confidence = mapped?.confidence ?? 0;
    if (!field) {
      for (const f of AMOUNTS) {
        const s = scoreLabel(label, f);
        if (s >= MIN_CONFIDENCE && s > confidence) [field, confidence] = [f, s];
      }
      // a bare year or partner ("2019", "CAF", "Part CAF 2019") over an amount column is the voted amount
      const rest = normaliseText(label)
        .split(' ')
        .filter((t) => !/^(exercice|annee|part|participation|financement|\d{4})$/.test(t));
      // ("CD" alone is read as "Code" too: money under it makes it the Département's column)
      // a label naming its own year (« Exercice 2020 Engagé ») is no year column, whatever « Exercice » says
      const free = !found0 || found0.field === 'structureCode' || (found0.field === 'year' && year !== undefined);
      if (!field && free && holdsAmounts(col) && (rest.length === 0 || (partner && rest.every((t) => partnerWords(partners, partner).has(t))))) [field, confidence] = ['voted', 0.7];
    }
    if (field) found.push({ col, header: label, field, confidence, year, partner });
    else if (holdsAmounts(col) && (!found0 || found0.field === 'structureCode' || (found0.field === 'year' && year !== undefined)))
      unnamed.push({ col, header: label, year, partner });
  });
  // « Engagé 2018 | Mandaté 2018 | Engagé 2019 | Mandaté 2019 »: where every group of the pattern has one
  // column whose word is unknown beside a known measure, that column is the pattern's other measure
  const keyOf = (f: { year?: number; partner?: string }) => `${f.partner ?? ''}|${f.year ?? ''}`;
  const unnamedKeys = new Set(unnamed.map(keyOf));
  if (unnamed.length >= 2 && unnamedKeys.size === unnamed.length) {
    const measures = (k: string) => new Set(found.filter((f) => keyOf(f) === k).map((f) => f.field));
    const missing = [...unnamedKeys].map((k) => {
      const has = measures(k);
      return has.size === 0 ? undefined : AMOUNTS.find((m) => !has.has(m));
    });
    if (missing.every((m) => m !== undefined) && new Set(missing).size === 1)
      for (const u of unnamed) found.push({ ...u, field: missing[0]!, confidence: 0.65 });
  }
  // « Notifié | Soldé » under each year, neither word known: the same two words in the same order in
  // every group (two or more) are the pattern's two measures, the decision first, then the payment
  const byKey = new Map<string, typeof unnamed>();
  for (const u of unnamed) if (!found.some((f) => f.col === u.col)) byKey.set(keyOf(u), [...(byKey.get(keyOf(u)) ?? []), u]);
  const words = (h: string) => normaliseText(h).split(' ').filter((t) => !/^(exercice|annee|\d{4})$/.test(t)).join(' ');
  const pairs = [...byKey.values()];
  if (
    pairs.length >= 2 &&
    pairs.every((g) => g.length === 2 && !found.some((f) => keyOf(f) === keyOf(g[0]))) &&
    pairs.every((g) => words(g[0].header) === words(pairs[0][0].header) && words(g[1].header) === words(pairs[0][1].header)) &&
    words(pairs[0][0].header) !== words(pairs[0][1].header)
  )
    for (const [first, second] of pairs) found.push({ ...first, field: 'voted', confidence: 0.6 }, { ...second, field: 'paid', confidence: 0.6 });

  found.sort((a, b) => a.col - b.col);
  const key = (f: { year?: number; partner?: string }) => `${f.partner ?? ''}|${f.year ?? ''}`;
  const keys = [...new Set(found.map(key))];
  if (keys.length < 2) return undefined;
  const split = new Set(found.map((f) => f.col));
  const groups = keys.map((k) => {
    const first = found.find((f) => key(f) === k)!;
    const cols: ColumnChoice[] = [];
    for (const f of found) if (key(f) === k && !cols.some((c) => c.field === f.field)) cols.push({ col: f.col, header: f.header, field: f.field, confidence: f.confidence });
    return { year: first.year, partner: first.partner, columns: cols };
  });
  groups.sort((a, b) => (a.year ?? 0) - (b.year ?? 0) || a.columns[0].col - b.columns[0].col);
  const hasYears = groups.some((g) => g.year !== undefined);
  const hasPartners = groups.some((g) => g.partner !== undefined);
  return {
    base: columns.filter((c) => !split.has(c.col) && !(hasYears && c.field === 'year') && !(hasPartners && c.field === 'partner')),
    groups,
  };
}
