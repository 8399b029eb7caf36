import { makeFinding } from './checks/messages';
import { runChecks, sortFindings } from './checks/run-checks';
import {
  conventionsSheet,
  dispositifsSheet,
  fundingsSheet,
  partnersSheet,
  planSheet,
  structuresSheet,
} from './build/canonical-tables';
import { controlsSheet } from './build/controls-sheet';
import { importSources, type ImportResult } from './import/import-sources';
import type { MappingFile } from './import/mapping-file';
import type { Reference } from './model/domain';
import type { Finding } from './model/finding';
import type { RejectedInput, SourceInput } from './model/grid';
import type { SheetSpec } from './model/sheet-spec';
import { buildReport, type Report } from './report/build-report';
import { defaultReference } from './reference/default-reference';

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
}

export interface PipelineResult extends ImportResult {
  reference: Reference;
  findings: Finding[];
  report: Report;
  /** The canonical tables and the Contrôles sheet. */
  sheets: SheetSpec[];
}

/** The one pipeline the CLI, the task pane and the tests call: import, link, check, report, build. */
export function runPipeline(input: PipelineInput): PipelineResult {
  const reference = input.reference ?? defaultReference();
  const rejected = input.rejected ?? [];
  const imported = importSources(input.sources, reference, { mappings: input.mappings, onProgress: input.onProgress });
  const rejectedFindings = rejected.map((r) => makeFinding('FICHIER_REJETE', { detail: r.error }, { file: r.file, sheet: '', row: 0 }));
  const findings = sortFindings([...rejectedFindings, ...imported.findings, ...runChecks(imported.dataset, reference, { asOf: input.asOf })]);
  const files = input.files ?? [...input.sources.map((s) => s.file), ...rejected.map((r) => r.file)];
  const report = buildReport({ ...imported, rejected, findings, files, reference, generatedAt: input.asOf });
  const ds = imported.dataset;
  const sheets = [
    partnersSheet(reference),
    dispositifsSheet(reference),
    planSheet(reference),
    structuresSheet(ds, findings),
    conventionsSheet(ds, reference),
    fundingsSheet(ds, reference, findings),
    controlsSheet(findings),
  ];
  return { ...imported, rejected, reference, findings, report, sheets };
}
