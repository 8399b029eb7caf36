import type { Dataset, Partner, Reference } from '../model/domain';
import type { Finding } from '../model/finding';
import { FundingFormulas } from './funding-formulas';

/** What the programming, COPIL and Changements builders share for one fill. */
export interface AnnualContext {
  ds: Dataset;
  ref: Reference;
  findings: Finding[];
  /** Date of the fill (ISO), printed on the sheets. */
  asOf: string;
  ff: FundingFormulas;
  /** Partners with an amount column: active ones, and inactive ones that still have lines. */
  partners: Partner[];
  structureName: (code: string | undefined, fallback: string) => string;
}

export function annualContext(ds: Dataset, ref: Reference, findings: Finding[], asOf: string): AnnualContext {
  const ff = new FundingFormulas(ds.fundings);
  const withLines = new Set(ff.lines.map((l) => l.partner));
  const names = new Map(ds.structures.map((s) => [s.code, s.name]));
  return {
    ds,
    ref,
    findings,
    asOf,
    ff,
    partners: ref.partners.filter((p) => p.active || withLines.has(p.code)),
    structureName: (code, fallback) => (code && names.get(code)) || fallback,
  };
}
