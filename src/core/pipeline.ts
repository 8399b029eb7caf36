import { withSavedPartners } from './import/saved-partners';
import { makeFinding } from './checks/messages';
import { runChecks, sortFindings } from './checks/run-checks';
import {
  conventionsSheet,
  dispositifsSheet,
  fundingsSheet,
  partnersSheet,
  planSheet,
  structuresSheet,
} from './sheets/canonical-tables';
import { CONTROLS_SHEET, controlsSheet, sheetsInWorkbook } from './sheets/controls-sheet';
import { annualSheets, type AnnualOutput } from './sheets/annual-sheets';
import type { SheetPatch } from './model/sheet-patch';
import type { Grid } from './model/grid';
import { importSources, type ImportResult } from './import/import-sources';
import type { MappingFile } from './import/mapping-file';
import type { Reference } from './model/domain';
import type { Finding } from './model/finding';
import type { RejectedInput, SourceInput } from './model/grid';
import type { SheetSpec } from './model/sheet-spec';
import { buildReport, type Report } from './report/build-report';
import { defaultReference } from './reference/default-reference';
import { CHANGES_SHEET } from './sheets/changes-sheet';
import { FUNDINGS_SHEET } from './sheets/funding-formulas';

/**
 * Sheets every build writes again, whatever the years asked: a re-fill never needs their previous
 * presentation, only the previous Financements cells (for Changements).
 */
export const REWRITTEN_EVERY_BUILD = ['Partenaires', 'Dispositifs', 'Plan', 'Structures', 'Conventions', FUNDINGS_SHEET, CONTROLS_SHEET, CHANGES_SHEET];

export interface PipelineInput {
  sources: SourceInput[];
  rejected?: RejectedInput[];
  /** All input file names in the order given, rejected ones included (for the report). */
  files?: string[];
  reference?: Reference;
  mappings?: MappingFile;
  /** Reference date (ISO) for "agrément ending within 12 months"; also stamped on the report. */
  asOf: string;
  onProgress?: (done: number, total: number, label: string) => void;
  /**
   * Called between the pipeline's phases (import, checks, annual sheets), when the previous one's
   * working data has been let go: the CLI collects garbage there, so that the heap is sized on
   * what is alive (see adapters/node/collect-garbage.ts).
   */
  onPhase?: (phase: 'import' | 'checks' | 'annual') => void;
  /** Years of the Programmation / Synthèse COPIL sheets (`--year`); all funded years by default. */
  years?: number[];
  /**
   * The sheets of the workbook being filled in, when it exists (as Grids, formulas as cached
   * results): typed cells of the programming sheets, hand-made programming sheets and the previous
   * Financements table (for Changements) are read from them.
   */
  existing?: Grid[];
}

export interface PipelineResult extends ImportResult {
  reference: Reference;
  findings: Finding[];
  report: Report;
  /** The canonical tables, the Contrôles sheet, then Programmation / Synthèse COPIL per year and Changements. */
  sheets: SheetSpec[];
  /** Cells to write in place into hand-made programming sheets of the existing workbook. */
  patches: SheetPatch[];
  annual: Pick<AnnualOutput, 'years' | 'kept' | 'changes'>;
}

/** The one pipeline the CLI, the task pane and the tests call: import, link, check, report, build. */
export function runPipeline(input: PipelineInput): PipelineResult {
  // grantors of open-data exports the user gave a code (mapping file) are partners for the whole run
  const reference = withSavedPartners(input.reference ?? defaultReference(), input.mappings?.partners);
  const imported = importSources(input.sources, reference, { mappings: input.mappings, onProgress: input.onProgress });
  input.onPhase?.('import');
  const rejected = [...(input.rejected ?? []), ...imported.rejected];
  const rejectedFindings = rejected.map((r) => makeFinding('FICHIER_REJETE', { detail: r.error }, { file: r.file, sheet: '', row: 0 }));
  const checked = [...rejectedFindings, ...imported.findings, ...runChecks(imported.dataset, reference, { asOf: input.asOf })];
  input.onPhase?.('checks');
  const annual = annualSheets({ dataset: imported.dataset, reference, findings: sortFindings(checked), asOf: input.asOf, years: input.years, existing: input.existing });
  input.onPhase?.('annual');
  const findings = sortFindings([...checked, ...annual.findings]);
  const files = input.files ?? [...input.sources.map((s) => s.file), ...rejected.map((r) => r.file)];
  const report = buildReport({ ...imported, rejected, findings, files, reference, generatedAt: input.asOf });
  const ds = imported.dataset;
  const tables = [
    partnersSheet(reference),
    dispositifsSheet(reference),
    planSheet(reference),
    structuresSheet(ds, findings),
    conventionsSheet(ds, reference),
    fundingsSheet(ds, reference, findings),
  ];
  // source sheets that live in the workbook being written: the Contrôles rows link to their cells
  const generated = [...tables, ...annual.sheets].map((x) => x.name).concat(CONTROLS_SHEET);
  const sheets = [...tables, controlsSheet(findings, sheetsInWorkbook(input.existing, generated)), ...annual.sheets];
  return { ...imported, rejected, reference, findings, report, sheets, patches: annual.patches, annual: { years: annual.years, kept: annual.kept, changes: annual.changes } };
}
