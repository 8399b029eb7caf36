import { normaliseText, phraseAt } from '../parse/normalise-text';
import { FIELDS, FIELD_NAMES, type Field } from './fields';

export const MIN_CONFIDENCE = 0.6;

const PLAN_SHEET_FIELDS: Field[] = ['axisCode', 'axisLabel', 'objectiveCode', 'objectiveLabel', 'actionCode', 'actionLabel', 'prioritaire'];
/** Feminine and plural endings dropped before comparing: "votée", "versées", "accordés" read as "voté". */
const stem = (t: string) => t.replace(/s$/, '').replace(/ee$/, 'e');
const SYNONYM_TOKENS = new Map<Field, string[][]>(
  FIELD_NAMES.map((f) => [f, FIELDS[f].map((s) => s.split(' ').map(stem))]),
);

/** Words that say a column is not that field although a synonym is inside ("Reste à verser"). */
const NOT_FIELD: Partial<Record<Field, string[]>> = { paid: ['reste', 'restant'], voted: ['reste', 'restant'], requested: ['reste', 'restant'] };

// Header detection scores every cell of the first rows against every field: tokenise each distinct label once (bounded).
const LABELS = new Map<string, { n: string; toks: string[]; scores: Map<Field, number> }>();
function labelTokens(label: string): { n: string; toks: string[]; scores: Map<Field, number> } {
  let e = LABELS.get(label);
  if (!e) {
    // initials with dots are one word: "C.P." is "CP", "N.I.R." is "NIR"
    const n = normaliseText(label.replace(/(?<![A-Za-z])((?:[A-Za-z]\.\s?){2,})/g, (m) => m.replace(/[.\s]/g, '') + ' '));
    e = { n, toks: n.split(' ').map(stem), scores: new Map() };
    if (LABELS.size >= 20_000) LABELS.clear();
    if (label.length <= 200) LABELS.set(label, e);
  }
  return e;
}

/** How well a header label names a field: 1 for an exact synonym, less for a synonym inside a longer label. */
export function scoreLabel(label: string, field: Field): number {
  const e = labelTokens(label);
  let score = e.scores.get(field);
  if (score === undefined) e.scores.set(field, (score = scoreTokens(e.n, e.toks, field)));
  return score;
}

/** First word of each synonym of a field: a label holding none of them cannot name the field. */
const FIRST_TOKENS = new Map<Field, Set<string>>([...SYNONYM_TOKENS].map(([f, syns]) => [f, new Set(syns.map((syn) => syn[0]))]));

/** Words after which a noun is a complement, not the head of the label ("Année de financement"). */
const PREPOSITIONS = new Set(['de', 'du', 'des', 'd', 'a', 'au', 'aux', 'pour', 'par', 'sur', 'en']);
const ARTICLES = new Set(['le', 'la', 'les', 'l', 'un', 'une']);

/** Words that name one field whatever surrounds them ("Identifiant SIRET", "N° SIREN"). */
const DECISIVE: Partial<Record<Field, string[]>> = { siret: ['siret', 'siren'] };

/** Every word of every synonym: an abbreviation ("Struct.", "Bénéf.") is read as the one word it starts. */
const VOCABULARY = [...new Set([...SYNONYM_TOKENS.values()].flat(2))];
const IN_VOCABULARY = new Set(VOCABULARY);
const EXPANDED = new Map<string, string>();
/** Abbreviations every partner writes. */
const USUAL: Record<string, string> = { cd: 'code', mt: 'montant', mnt: 'montant', mtt: 'montant', nb: 'nombre', dt: 'date', dte: 'date' };
export function expandAbbreviation(t: string): string {
  if (Object.hasOwn(USUAL, t)) return USUAL[t];
  // an abbreviation is letters: "001", "2019", "n2" are not (data cells are scored too)
  if (t.length < 3 || IN_VOCABULARY.has(t) || /\d/.test(t)) return t;
  let e = EXPANDED.get(t);
  if (e === undefined) {
    const words = VOCABULARY.filter((w) => w.length > t.length && w.startsWith(t));
    // several words share the prefix: the shortest when all the others extend it ("benef" → "beneficiaire")
    const shortest = words.sort((a, b) => a.length - b.length)[0];
    e = shortest && words.every((w) => w.startsWith(shortest)) ? shortest : t;
    if (EXPANDED.size >= 20_000) EXPANDED.clear();
    EXPANDED.set(t, e);
  }
  return e;
}

/** Is the word at `i` a complement ("… de la demande", "… du financement") rather than the label's head? */
function isComplement(toks: string[], i: number): boolean {
  let j = i - 1;
  while (j >= 0 && ARTICLES.has(toks[j])) j--;
  return j >= 0 && j < i && PREPOSITIONS.has(toks[j]);
}

/** Words that say "the name of": "Libellé structure", "Nom de l'équipement", "Dénomination du bénéficiaire". */
const NAMING = new Set(['nom', 'libelle', 'intitule', 'denomination', 'designation', 'appellation']);
const STRUCTURE_WORDS = new Set(SYNONYM_TOKENS.get('structureName')!.filter((syn) => syn.length === 1).map((syn) => syn[0]));

/** One-word synonyms of the fields a "Libellé …" can name (a structure, a dispositif, a commune…). */
const NAMED_WORDS = new Map<string, Field>();
for (const f of ['dispositif', 'commune', 'epci', 'territoire', 'plan', 'object'] as Field[])
  for (const syn of SYNONYM_TOKENS.get(f)!) if (syn.length === 1 && !NAMED_WORDS.has(syn[0])) NAMED_WORDS.set(syn[0], f);
for (const w of STRUCTURE_WORDS) NAMED_WORDS.set(w, 'structureName');

/**
 * "Libellé structure" names the structure and "Libellé dispositif" the dispositif, not an object:
 * after a naming word, the complement says what is named.
 */
function namedField(toks: string[]): Field | undefined {
  if (toks.length < 2 || !NAMING.has(toks[0])) return undefined;
  const rest = toks.slice(1).filter((t) => !PREPOSITIONS.has(t) && !ARTICLES.has(t));
  return rest.length === 1 && rest[0] !== 'nom' ? NAMED_WORDS.get(rest[0]) : undefined;
}

function scoreTokens(n: string, rawToks: string[], field: Field): number {
  if (!n) return 0;
  const toks = rawToks.map(expandAbbreviation);
  if (DECISIVE[field]?.some((w) => toks.includes(w))) return 0.95;
  const named = namedField(toks);
  if (named) return field === named ? 0.97 : 0;
  const first = FIRST_TOKENS.get(field)!;
  if (!toks.some((t) => first.has(t))) return 0;
  if (NOT_FIELD[field]?.some((w) => toks.includes(w))) return 0;
  const stemmed = toks.join(' ');
  let best = 0;
  for (const syn of SYNONYM_TOKENS.get(field)!) {
    const s = syn.join(' ');
    if (s === stemmed) return 1;
    const at = phraseAt(toks, syn);
    if (at < 0) continue;
    // the head of a French label comes first: "Année de financement" is a year, "Objet de la demande" an object
    let score = 0.6 + 0.3 * (s.length / stemmed.length);
    if (at === 0) score += 0.08;
    else if (isComplement(toks, at)) score -= 0.15;
    best = Math.max(best, Math.min(0.99, score));
  }
  return best;
}

export interface ColumnChoice {
  col: number; // 0-based column index in the grid
  header: string;
  field: Field;
  confidence: number;
}

/** True when the labels look like the plan itself (axes, objectives, actions as columns). */
function looksLikePlan(labels: string[]): boolean {
  const n = labels.map(normaliseText);
  return n.some((l) => /^objectifs?( generaux| general)?$|^(code |n )?objectif$/.test(l)) && n.some((l) => /action/.test(l));
}

/**
 * Maps header labels to canonical fields: each column to at most one field, each field to at most
 * one column, best scores first. `overrides` (from a saved mapping) win over detection.
 */
export function mapColumns(labels: string[], overrides?: Record<string, string | null>, subLabels?: string[]): ColumnChoice[] {
  const planSheet = looksLikePlan(labels);
  const candidates: ColumnChoice[] = [];
  const taken = new Set<number>();
  const used = new Set<Field>();
  const out: ColumnChoice[] = [];
  if (overrides) {
    labels.forEach((h, col) => {
      if (!h || !Object.prototype.hasOwnProperty.call(overrides, h)) return;
      const f = overrides[h];
      taken.add(col);
      if (f && (FIELD_NAMES as string[]).includes(f)) {
        out.push({ col, header: h, field: f as Field, confidence: 1 });
        used.add(f as Field);
      }
    });
  }
  labels.forEach((h, col) => {
    if (!h || taken.has(col)) return;
    for (const f of FIELD_NAMES) {
      const planField = PLAN_SHEET_FIELDS.includes(f);
      if (planSheet ? !planField && f !== 'observations' : planField) continue;
      // under a group label ("Financement" over "Mt attribué | Versements") the sub-label says the most
      const sub = subLabels?.[col];
      const c = Math.max(scoreLabel(h, f), sub && sub !== h ? scoreLabel(sub, f) : 0);
      if (c >= MIN_CONFIDENCE) candidates.push({ col, header: h, field: f, confidence: Math.round(c * 1000) / 1000 });
    }
  });
  // Stable: higher confidence first, then earlier column, then field order.
  candidates.sort((a, b) => b.confidence - a.confidence || a.col - b.col || FIELD_NAMES.indexOf(a.field) - FIELD_NAMES.indexOf(b.field));
  for (const c of candidates) {
    if (taken.has(c.col) || used.has(c.field)) continue;
    taken.add(c.col);
    used.add(c.field);
    out.push(c);
  }
  return out.sort((a, b) => a.col - b.col);
}
