import { mappingFromReadings, mergeMappings, withConfirmedStructure, type MappingFile } from '../core/import/mapping-file';
import type { Field } from '../core/import/fields';
import type { Grid, RejectedInput, SourceInput } from '../core/model/grid';
import type { SheetSpec } from '../core/model/sheet-spec';
import { runPipeline, type PipelineResult } from '../core/pipeline';

/** A file picked by the user, as the browser gives it. */
export interface PickedFile {
  name: string;
  bytes: () => Promise<Uint8Array>;
}

export type Progress = (done: number, total: number, label: string) => void;

/** Lets the browser paint between two pieces of work, so that the pane never freezes for long. */
export const yieldToUi = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const today = () => new Date().toISOString().slice(0, 10);

/**
 * The pane's state between steps, without any React: the sources read so far, the user's
 * mapping corrections, and the last pipeline result. Every change re-runs the one core pipeline.
 */
export class PaneSession {
  sources: SourceInput[] = [];
  rejected: RejectedInput[] = [];
  mappings: MappingFile | undefined;
  years: number[] | undefined;
  /** Excel only: every sheet of the open workbook, so that the core keeps typed notes and links cells. */
  existing: Grid[] | undefined;
  result: PipelineResult | undefined;
  asOf = today();
  /** Picked files whose sheets were copied into the open workbook. */
  insertedFiles = new Set<string>();

  /** Reads picked files one at a time with exceljs (loaded on first use). */
  async addFiles(files: PickedFile[], onProgress?: Progress, keep?: (file: string, bytes: Uint8Array) => Promise<boolean>): Promise<void> {
    const { readInput } = await import(/* webpackChunkName: "exceljs" */ './exceljs-chunk');
    let done = 0;
    for (const f of files) {
      onProgress?.(done, files.length, f.name);
      await yieldToUi();
      const bytes = await f.bytes();
      const r = await readInput(f.name, bytes);
      this.sources = this.sources.filter((s) => s.file !== f.name);
      this.rejected = this.rejected.filter((s) => s.file !== f.name);
      if ('grids' in r) {
        this.sources.push(r);
        // only a file Excel did copy has its cells in the workbook
        if (keep && (await keep(f.name, bytes))) this.insertedFiles.add(f.name);
      } else this.rejected.push(r);
      onProgress?.(++done, files.length, f.name);
    }
  }

  /** The sheets of the open workbook, as one more source (replacing the previous reading). */
  setWorkbookGrids(grids: Grid[], existing?: Grid[]): void {
    if (existing) this.existing = existing;
    const file = grids[0]?.file;
    if (!file) return;
    this.sources = [...this.sources.filter((s) => s.file !== file), { file, grids }];
  }

  /** Is this file › sheet a sheet of the open workbook (so that its cells can be shown)? */
  inWorkbook(file: string, sheet: string): boolean {
    return !!this.existing?.some((g) => g.file === file && g.sheet === sheet) || this.insertedFiles.has(file);
  }

  removeFile(file: string): void {
    this.sources = this.sources.filter((s) => s.file !== file);
    this.rejected = this.rejected.filter((s) => s.file !== file);
  }

  /** Runs the core on everything read so far (with the user's corrections). */
  run(onProgress?: Progress): PipelineResult {
    this.result = runPipeline({ sources: this.sources, rejected: this.rejected, mappings: this.mappings, asOf: this.asOf, years: this.years, existing: this.existing, onProgress });
    // the mapping in use becomes the starting point of the next corrections (with the confirmed structures)
    this.mappings = mergeMappings(this.mappings, mappingFromReadings(this.result.readings), this.result.unknownValues);
    return this.result;
  }

  /** The user chose another field for a column (null: ignore the column). */
  setColumnField(file: string, sheet: string, header: string, field: Field | null): void {
    const m = this.mappings ?? { version: 1, sheets: [] };
    let entry = m.sheets.find((s) => s.file === file && s.sheet === sheet);
    if (!entry) m.sheets.push((entry = { file, sheet, columns: {} }));
    entry.columns[header] = field;
    this.mappings = m;
  }

  /**
   * The user answered a « Structure ambiguë » finding: this name (and commune) is the structure
   * `code`, or none of the candidates (null). Saved with the mappings; the next run links it.
   */
  confirmStructure(name: string, commune: string | undefined, code: string | null): void {
    const m = this.mappings ?? { version: 1, sheets: [] };
    m.structures = withConfirmedStructure(m.structures, { name, commune, code });
    this.mappings = m;
  }

  setSheetPartnerYear(file: string, sheet: string, partner: string | undefined, year: number | undefined): void {
    const m = this.mappings ?? { version: 1, sheets: [] };
    let entry = m.sheets.find((s) => s.file === file && s.sheet === sheet);
    if (!entry) m.sheets.push((entry = { file, sheet, columns: {} }));
    entry.partner = partner;
    entry.year = year;
    this.mappings = m;
  }

  /** Generated sheets to write: the canonical tables, Contrôles, and the annual sheets of the chosen years. */
  sheetsToWrite(): SheetSpec[] {
    return this.result?.sheets ?? [];
  }

  /** The built workbook as .xlsx bytes with its native charts (standalone mode), exceljs loaded on demand. */
  async workbookBytes(): Promise<Uint8Array> {
    const { buildWorkbook, workbookBytes } = await import(/* webpackChunkName: "exceljs" */ './exceljs-chunk');
    const specs = this.sheetsToWrite();
    return workbookBytes(await buildWorkbook(specs), specs);
  }
}
