import { ledgerReport, type LedgerReport } from '../import/ledger';
import type { Dataset, Reference } from '../model/domain';
import type { Finding } from '../model/finding';
import type { RejectedInput } from '../model/grid';
import type { SheetReading } from '../import/read-sheet';
import { roundCents } from '../parse/parse-amount';
import { territoriesWithoutStructure } from '../checks/check-territories';

export interface ReportFinding {
  code: string;
  severity: string;
  message: string;
  partner?: string;
  structure?: string;
  siret?: string;
  year?: number;
  file?: string;
  sheet?: string;
  row?: number;
  cell?: string;
  [k: string]: unknown;
}

export interface Report {
  schemaVersion: 1;
  generatedAt: string;
  reference: string;
  inputs: {
    file: string;
    status: 'ok' | 'rejected';
    error?: string;
    sheets: {
      name: string;
      kind: string;
      partner?: string;
      year?: number;
      headerRow?: number;
      rows: number;
      mapping: Record<string, string>;
      reason?: string;
      /** The open-data schema recognised (SCDL, Etalab 2016, the arrêté's labels). */
      openData?: string;
      /** Where every line and euro of a funding sheet went (import/ledger.ts). */
      ledger?: LedgerReport;
      /** One of several tables side by side on the sheet (its range). */
      region?: string;
      /** What the reading took from the sheet's context (fill-down, form values, K€, group labels, notes). */
      context?: SheetReading['context'];
    }[];
  }[];
  counts: { structures: number; conventions: number; fundingLines: number; planActions: number; duplicates: number };
  structures: { code: string; name: string; kind: string; siret?: string; commune?: string; epci?: string }[];
  totals: { partner: string; year: number; voted: number; paid: number }[];
  findings: ReportFinding[];
  counts_by_severity: { erreur: number; alerte: number; info: number };
  flags: {
    axesWithoutFunding: { year: number; axis: string }[];
    structuresMissingConvention: { partner: string; siret?: string; structure: string; name?: string; year: number; reason: string; threshold?: number }[];
    epciWithoutStructure: string[];
  };
}

/** Sum of voted and paid per partner and year: each line once, readable amounts only. */
export function totalsByPartnerYear(ds: Dataset): Report['totals'] {
  const m = new Map<string, { partner: string; year: number; voted: number; paid: number }>();
  for (const l of ds.fundings) {
    if (l.duplicateOf) continue;
    const k = `${l.partner}|${l.year}`;
    const e = m.get(k) ?? { partner: l.partner, year: l.year, voted: 0, paid: 0 };
    e.voted += l.voted ?? 0;
    e.paid += l.paid ?? 0;
    m.set(k, e);
  }
  const order = new Map(ds.partners.map((p, i) => [p.code, i]));
  return [...m.values()]
    .map((e) => ({ ...e, voted: roundCents(e.voted), paid: roundCents(e.paid) }))
    .sort((a, b) => (order.get(a.partner) ?? 99) - (order.get(b.partner) ?? 99) || a.partner.localeCompare(b.partner) || a.year - b.year);
}

function flatten(f: Finding): ReportFinding {
  const { location, ...rest } = f;
  return { ...rest, ...(location ? { file: location.file, sheet: location.sheet, row: location.row, ...(location.col ? { cell: `${location.col}${location.row}` } : {}) } : {}) };
}

export function buildReport(args: {
  dataset: Dataset;
  findings: Finding[];
  readings: SheetReading[];
  rejected: RejectedInput[];
  files: string[];
  reference: Reference;
  generatedAt: string;
}): Report {
  const { dataset: ds, findings, readings } = args;
  const structuresBySiret = new Map(ds.structures.map((s) => [s.code, s]));
  const inputs: Report['inputs'] = args.files.map((file) => {
    const rej = args.rejected.find((r) => r.file === file);
    if (rej) return { file, status: 'rejected', error: rej.error, sheets: [] };
    return {
      file,
      status: 'ok',
      sheets: readings
        .filter((r) => r.file === file)
        .map((r) => ({
          name: r.sheet,
          kind: r.kind,
          partner: r.partner,
          year: r.year,
          headerRow: r.headerRow,
          rows: r.records.length,
          mapping: Object.fromEntries(r.columns.map((c) => [c.header, c.field])),
          ...(r.reason ? { reason: r.reason } : {}),
          ...(r.openData ? { openData: r.openData.family } : {}),
          ...(r.ledger ? { ledger: ledgerReport(r.ledger) } : {}),
          ...(r.region ? { region: r.region } : {}),
          ...(r.context ? { context: r.context } : {}),
        })),
    };
  });
  const sev = { erreur: 0, alerte: 0, info: 0 };
  for (const f of findings) sev[f.severity]++;
  return {
    schemaVersion: 1,
    generatedAt: args.generatedAt,
    reference: args.reference.name,
    inputs,
    counts: {
      structures: ds.structures.length,
      conventions: ds.conventions.length,
      fundingLines: ds.fundings.filter((l) => !l.duplicateOf).length,
      planActions: args.reference.plan.reduce((n, a) => n + a.objectives.reduce((m, o) => m + o.actions.length, 0), 0),
      duplicates: ds.fundings.filter((l) => l.duplicateOf).length,
    },
    structures: ds.structures.map((s) => ({ code: s.code, name: s.name, kind: s.kind, siret: s.siret, commune: s.commune, epci: s.epci })),
    totals: totalsByPartnerYear(ds),
    findings: findings.map(flatten),
    counts_by_severity: sev,
    flags: {
      axesWithoutFunding: findings.filter((f) => f.code === 'AXE_NON_FINANCE').map((f) => ({ year: f.year!, axis: f.axis! })),
      structuresMissingConvention: findings
        .filter((f) => f.code === 'CONVENTION_MANQUANTE')
        .map((f) => ({ partner: f.partner!, siret: f.siret ?? structuresBySiret.get(f.structure!)?.siret, structure: f.structure!, name: f.structureName, year: f.year!, reason: f.reason!, threshold: f.threshold }))
        .sort((a, b) => a.year - b.year || a.partner.localeCompare(b.partner) || a.structure.localeCompare(b.structure) || a.reason.localeCompare(b.reason)),
      epciWithoutStructure: territoriesWithoutStructure(ds, args.reference),
    },
  };
}
