import { containsPhrase, normaliseText } from '../parse/normalise-text';
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
    const n = normaliseText(label);
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

function scoreTokens(n: string, toks: string[], field: Field): number {
  if (!n) return 0;
  const first = FIRST_TOKENS.get(field)!;
  if (!toks.some((t) => first.has(t))) return 0;
  if (NOT_FIELD[field]?.some((w) => toks.includes(w))) return 0;
  const stemmed = toks.join(' ');
  let best = 0;
  for (const syn of SYNONYM_TOKENS.get(field)!) {
    const s = syn.join(' ');
    if (s === stemmed) return 1;
    if (containsPhrase(toks, syn)) best = Math.max(best, 0.6 + 0.3 * (s.length / stemmed.length));
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
export function mapColumns(labels: string[], overrides?: Record<string, string | null>): ColumnChoice[] {
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
      const c = scoreLabel(h, f);
      if (c >= MIN_CONFIDENCE) candidates.push({ col, header: h, field: f, confidence: c });
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
