import type { Dataset, Reference } from '../model/domain';
import type { Finding } from '../model/finding';
import { makeFinding } from './messages';

/** Years with at least one funding line, ascending. */
export function fundedYears(ds: Dataset): number[] {
  return [...new Set(ds.fundings.filter((l) => !l.duplicateOf).map((l) => l.year))].sort((a, b) => a - b);
}

/**
 * Axes with no funded action in a year (no line with a voted amount above zero under the axis),
 * objectives of the plan with no action at all, and lines tied to no plan node.
 */
export function checkPlanCoverage(ds: Dataset, ref: Reference): Finding[] {
  const out: Finding[] = [];
  const funded = new Set<string>();
  for (const l of ds.fundings) if (!l.duplicateOf && l.axis && (l.voted ?? 0) > 0) funded.add(`${l.year}|${l.axis}`);
  for (const year of fundedYears(ds))
    for (const a of ref.plan)
      if (!funded.has(`${year}|${a.code}`)) out.push(makeFinding('AXE_NON_FINANCE', { year, axis: a.code, detail: a.label }));
  for (const a of ref.plan)
    for (const o of a.objectives)
      if (o.actions.length === 0) out.push(makeFinding('OBJECTIF_SANS_ACTION', { axis: a.code, objective: o.code, detail: o.label }));
  for (const l of ds.fundings)
    if (!l.duplicateOf && !l.plan)
      out.push(makeFinding('LIGNE_SANS_ACTION', { partner: l.partner, structure: l.structure, structureName: l.structureName, year: l.year, dispositif: l.dispositif, voted: l.voted }, l.source));
  return out;
}
