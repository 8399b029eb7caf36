import type { Dataset, Reference } from '../model/domain';
import type { Finding, Severity } from '../model/finding';
import { checkAgrementsExpiring } from './check-agrements-expiring';
import { checkAmounts } from './check-amounts';
import { checkConventions } from './check-conventions';
import { checkDispositifRules } from './check-dispositif-rules';
import { checkPlanCoverage } from './check-plan-coverage';
import { checkTerritories } from './check-territories';

export interface CheckOptions {
  /** Reference date for "agrément ending within 12 months" (ISO). */
  asOf: string;
}

const SEVERITY_ORDER: Record<Severity, number> = { erreur: 0, alerte: 1, info: 2 };

/** Severity, then file › sheet › row, then code: the same order in the report, the sheet and the pane. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => {
      const x = a.f;
      const y = b.f;
      return (
        SEVERITY_ORDER[x.severity] - SEVERITY_ORDER[y.severity] ||
        (x.location?.file ?? '\uffff').localeCompare(y.location?.file ?? '\uffff') ||
        (x.location?.sheet ?? '').localeCompare(y.location?.sheet ?? '') ||
        (x.location?.row ?? 0) - (y.location?.row ?? 0) ||
        x.code.localeCompare(y.code) ||
        (x.year ?? 0) - (y.year ?? 0) ||
        (x.axis ?? '').localeCompare(y.axis ?? '') ||
        a.i - b.i
      );
    })
    .map((x) => x.f);
}

/** Every rule check of DESIGN.md §7 on the canonical dataset. */
export function runChecks(ds: Dataset, ref: Reference, opts: CheckOptions): Finding[] {
  return [
    ...checkAmounts(ds),
    ...checkDispositifRules(ds, ref),
    ...checkConventions(ds, ref),
    ...checkPlanCoverage(ds, ref),
    ...checkAgrementsExpiring(ds, opts.asOf),
    ...checkTerritories(ds, ref),
  ];
}
