/**
 * The strict reading of compareWorld, for the acceptance suite: everything that differs from the
 * truth, as readable lines grouped by subject. An import that equals its truth gives empty lists.
 */
import type { ReportFinding } from '../../src/core/report/build-report';
import type { Truth } from '../world/truth';
import { compareWorld, unexplainedFindings, type FoundRun, type WorldScore } from './compare';

export interface StrictProblems {
  /** erreur/alerte findings no truth anomaly or flag explains. */
  falseAlarms: string[];
  /** Funding lines not read, read in excess, linked to the wrong structure, with a wrong amount. */
  fundingLines: string[];
  /** Conventions missed, in excess, linked to the wrong structure, of another type or period. */
  conventions: string[];
  /** Voted / paid sums per structure × partner × year that differ. */
  structureSums: string[];
  /** The rest compareWorld notes: structures, totals, flags, anomalies missed, files. */
  other: string[];
  score: WorldScore;
}

type Group = 'fundingLines' | 'conventions' | 'structureSums' | 'other';

const GROUP: Record<string, Group> = {
  'ligne non lue': 'fundingLines',
  'ligne mal rattachée': 'fundingLines',
  'montant faux': 'fundingLines',
  'versé faux': 'fundingLines',
  'ligne en trop': 'fundingLines',
  'convention manquée': 'conventions',
  'convention mal rattachée': 'conventions',
  'convention en trop': 'conventions',
  'convention mal typée': 'conventions',
  'convention mal datée': 'conventions',
  'montant par structure faux': 'structureSums',
};

/** `CODE fichier › feuille › ligne (partenaire exercice, structure) : message`. */
export function describeFinding(f: ReportFinding): string {
  const who = [f.partner, f.year, f.structure ?? f.structureName].filter((x) => x !== undefined && x !== '').join(' ');
  return `${f.code} ${f.file ?? '?'} › ${f.sheet ?? '?'} › ${f.row ?? '?'}${who ? ` (${who})` : ''} : ${f.message}`;
}

/** The first `max` lines, then how many more. */
function firstOf(lines: string[], max: number): string[] {
  return lines.length > max ? [...lines.slice(0, max), `… et ${lines.length - max} autre(s)`] : lines;
}

export function strictProblems(truth: Truth, found: FoundRun, max = 15): StrictProblems {
  const score = compareWorld(truth, found);
  const out: StrictProblems = { falseAlarms: [], fundingLines: [], conventions: [], structureSums: [], other: [], score };
  const unexplained = unexplainedFindings(truth, found);
  if (unexplained.length) {
    const byCode = new Map<string, number>();
    for (const f of unexplained) byCode.set(f.code, (byCode.get(f.code) ?? 0) + 1);
    out.falseAlarms = [
      `${unexplained.length} constat(s) erreur/alerte non expliqué(s) par la vérité : ${[...byCode].map(([c, n]) => `${c} × ${n}`).join(', ')}`,
      ...firstOf(unexplained.map(describeFinding), max),
    ];
  }
  const grouped = new Map<Group, string[]>();
  for (const n of score.notes) {
    if (n.what === 'fausse alerte') continue;
    const g: Group = GROUP[n.what] ?? 'other';
    grouped.set(g, [...(grouped.get(g) ?? []), `${n.what} : ${n.detail}`]);
  }
  for (const [g, lines] of grouped) out[g] = firstOf(lines, max);
  return out;
}
