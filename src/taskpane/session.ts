import { fundedYears } from '../core/checks/check-plan-coverage';
import { mappingFor, mappingFromReadings, mergeMappings, withConfirmedStructure, withValueAnswer, type MappingFile } from '../core/import/mapping-file';
import type { SheetReading } from '../core/import/read-sheet';
import { makeFinding } from '../core/checks/messages';
import type { Finding } from '../core/model/finding';
import { withSavedPartners, type SavedPartner } from '../core/import/saved-partners';
import type { Field } from '../core/import/fields';
import type { SheetKind } from '../core/import/read-sheet';
import type { CodedField } from '../core/import/value-labels';
import type { Reference } from '../core/model/domain';
import type { Grid, RejectedInput, SourceInput } from '../core/model/grid';
import type { SheetSpec } from '../core/model/sheet-spec';
import { runPipeline, type PipelineResult } from '../core/pipeline';
import { defaultReference } from '../core/reference/default-reference';
import { readReferenceSheet, REFERENTIEL_SHEET } from '../core/reference/referentiel-sheet';
import { partnerCodeError, sameGrantor } from './open-data';

/** A file picked by the user, as the browser gives it. */
export interface PickedFile {
  name: string;
  bytes: () => Promise<Uint8Array>;
}

export type Progress = (done: number, total: number, label: string) => void;

/** Lets the browser paint between two pieces of work, so that the pane never freezes for long. */
export const yieldToUi = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const today = () => new Date().toISOString().slice(0, 10);

/** Where a column's field comes from, as the Correspondances step says it. */
export type ColumnSource = 'main' | 'enregistree' | 'detection';

/** The fields a sheet may fill down its groups (written once per group): the « recopier vers le bas » toggles. */
export const GROUPABLE: Field[] = ['structureName', 'siret', 'commune', 'year', 'dispositif', 'partner'];
/** The values the user may give for every line of a sheet (« Structure de toute la feuille »…). */
export type SheetContextField = 'structureName' | 'siret' | 'commune' | 'year' | 'partner' | 'dispositif';

const colKey = (file: string, sheet: string, header: string) => `${file}\u0000${sheet}\u0000${header}`;
/** The sheet's kind, as a key of the hand-set choices (no header is empty). */
const kindKey = (file: string, sheet: string) => colKey(file, sheet, '');

/**
 * The pane's state between steps, without any React: the sources read so far, the user's
 * mapping corrections, the years and the reference, and the last pipeline result. Every change
 * re-runs the one core pipeline.
 */
export class PaneSession {
  sources: SourceInput[] = [];
  rejected: RejectedInput[] = [];
  /**
   * The corrections in use: the saved ones (workbook settings or browser storage) and the user's
   * edits. Detection is not fed back into it, so that « Rétablir la détection » gives detection back.
   */
  mappings: MappingFile | undefined;
  /** The saved corrections were asked for once (a reset must not bring them back). */
  savedLoaded = false;
  /** Columns the user set by hand in this session. */
  private handSet = new Set<string>();
  /** Years the user unticked: every other funded year, new ones included, is produced. */
  unticked = new Set<number>();
  /** The reference used instead of the embedded 2017-2020 agreement, and where it was read. */
  reference: Reference | undefined;
  referenceSource: string | undefined;
  /** Excel only: every sheet of the open workbook, so that the core keeps typed notes and links cells. */
  existing: Grid[] | undefined;
  result: PipelineResult | undefined;
  asOf = today();
  /** Picked files whose sheets were copied into the open workbook. */
  insertedFiles = new Set<string>();

  /** Reads picked files one at a time with exceljs (loaded on first use); says which were read and which refused. */
  async addFiles(files: PickedFile[], onProgress?: Progress, keep?: (file: string, bytes: Uint8Array) => Promise<boolean>): Promise<{ read: string[]; refused: string[] }> {
    const { readInput } = await import(/* webpackChunkName: "exceljs" */ './exceljs-chunk');
    const out = { read: [] as string[], refused: [] as string[] };
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
        out.read.push(f.name);
        // only a file Excel did copy has its cells in the workbook
        if (keep && (await keep(f.name, bytes))) this.insertedFiles.add(f.name);
      } else {
        this.rejected.push(r);
        out.refused.push(f.name);
      }
      onProgress?.(++done, files.length, f.name);
    }
    return out;
  }

  /**
   * The sheets of the open workbook, as one more source (replacing the previous reading). A
   * `Référentiel` sheet is not a partner's sheet: it becomes the reference. Returns its errors.
   */
  setWorkbookGrids(grids: Grid[], existing?: Grid[]): string[] {
    if (existing) this.existing = existing;
    const refGrid = (existing ?? grids).find((g) => g.sheet === REFERENTIEL_SHEET);
    const errors = refGrid ? this.useReferenceGrid(refGrid, `feuille « ${REFERENTIEL_SHEET} » du classeur`) : [];
    const partners = grids.filter((g) => g.sheet !== REFERENTIEL_SHEET);
    const file = grids[0]?.file;
    if (file) this.sources = [...this.sources.filter((s) => s.file !== file), ...(partners.length ? [{ file, grids: partners }] : [])];
    return errors;
  }

  /** Reads a `Référentiel` sheet: used from the next run on; French errors (naming the cell) when it is not usable. */
  useReferenceGrid(grid: Grid, source: string): string[] {
    const { reference, errors } = readReferenceSheet(grid);
    if (!reference) return errors;
    this.reference = reference;
    this.referenceSource = source;
    return [];
  }

  /** Standalone: a Référentiel chosen as a file (its `Référentiel` sheet, or its first sheet, as the CLI's --reference). */
  async readReferenceFile(f: PickedFile): Promise<string[]> {
    const { readInput } = await import(/* webpackChunkName: "exceljs" */ './exceljs-chunk');
    const r = await readInput(f.name, await f.bytes());
    if ('error' in r) return [r.error];
    const grid = r.grids.find((g) => g.sheet === REFERENTIEL_SHEET) ?? r.grids[0];
    if (!grid) return [`${f.name} : aucune feuille`];
    return this.useReferenceGrid(grid, f.name);
  }

  /** Back to the embedded reference (accord-cadre 2017-2020). */
  dropReference(): void {
    this.reference = undefined;
    this.referenceSource = undefined;
  }

  /** Is this file › sheet a sheet of the open workbook (so that its cells can be shown)? */
  inWorkbook(file: string, sheet: string): boolean {
    return !!this.existing?.some((g) => g.file === file && g.sheet === sheet) || this.insertedFiles.has(file);
  }

  removeFile(file: string): void {
    this.sources = this.sources.filter((s) => s.file !== file);
    this.rejected = this.rejected.filter((s) => s.file !== file);
    this.insertedFiles.delete(file);
  }

  /** Asks once for the saved corrections (a later reset is not undone by the next run). */
  async loadSaved(load: () => Promise<MappingFile | undefined>): Promise<void> {
    if (this.savedLoaded) return;
    this.savedLoaded = true;
    const saved = await load();
    if (saved && (saved.sheets.length || saved.structures?.length || saved.partners?.length || (saved.values && Object.keys(saved.values).length))) this.mappings = saved;
  }

  /** Funded years of the last run, in order. */
  fundedYears(): number[] {
    return this.result ? fundedYears(this.result.dataset) : [];
  }

  /** The years to produce: every funded year the user did not untick. */
  chosenYears(): number[] {
    return this.fundedYears().filter((y) => !this.unticked.has(y));
  }

  setYear(year: number, ticked: boolean): void {
    if (ticked) this.unticked.delete(year);
    else this.unticked.add(year);
  }

  /** Runs the core on everything read so far (with the user's corrections, years and reference). */
  run(onProgress?: Progress): PipelineResult {
    const go = (years: number[] | undefined) =>
      runPipeline({ sources: this.sources, rejected: this.rejected, mappings: this.mappings, reference: this.reference, asOf: this.asOf, years, existing: this.existing, onProgress });
    const wanted = (funded: number[]) => (this.unticked.size ? funded.filter((y) => !this.unticked.has(y)) : undefined);
    // the years funded so far; when the data brings others, they are produced too (run again with them)
    let years = wanted(this.fundedYears());
    let r = go(years?.length ? years : undefined);
    const now = wanted(fundedYears(r.dataset));
    if (years && now?.length && now.join() !== years.join()) r = go((years = now));
    this.result = r;
    return r;
  }

  /** The mapping to save or export: the one the CLI reads and writes (`--mapping`). */
  mappingToSave(): MappingFile {
    const detected = mappingFromReadings(this.result?.readings ?? []);
    return mergeMappings(this.mappings, detected, this.result?.unknownValues, this.result?.unknownGrantors);
  }

  private entry(file: string, sheet: string) {
    const m = (this.mappings ??= { version: 1, sheets: [] });
    let entry = m.sheets.find((s) => s.file === file && s.sheet === sheet);
    if (!entry) m.sheets.push((entry = { file, sheet, columns: {} }));
    return entry;
  }

  /** The user chose another field for a column (null: ignore the column). */
  setColumnField(file: string, sheet: string, header: string, field: Field | null): void {
    this.entry(file, sheet).columns[header] = field;
    this.handSet.add(colKey(file, sheet, header));
  }

  /** Where the field of this column comes from: set by hand now, a saved correction, or detection. */
  columnSource(file: string, sheet: string, header: string): ColumnSource {
    if (this.handSet.has(colKey(file, sheet, header))) return 'main';
    const e = mappingFor(this.mappings, file, sheet);
    return e && Object.prototype.hasOwnProperty.call(e.columns, header) ? 'enregistree' : 'detection';
  }

  /** Does a correction (by hand or saved) apply to this sheet? */
  hasCorrections(file: string, sheet: string): boolean {
    const e = mappingFor(this.mappings, file, sheet);
    return (
      !!e &&
      (Object.keys(e.columns).length > 0 ||
        e.partner !== undefined ||
        e.year !== undefined ||
        e.kind !== undefined ||
        e.header !== undefined ||
        e.fillDown !== undefined ||
        e.unit !== undefined ||
        e.context !== undefined)
    );
  }

  /**
   * The user chose what the sheet is (structures, conventions, fundings, plan, legend, or
   * ignored): the next run reads it as that kind, whatever detection says.
   */
  setSheetKind(file: string, sheet: string, kind: SheetKind): void {
    this.entry(file, sheet).kind = kind;
    this.handSet.add(kindKey(file, sheet));
  }

  /** Where the sheet's kind comes from: chosen by hand now, a saved correction, or detection. */
  kindSource(file: string, sheet: string): ColumnSource {
    if (this.handSet.has(kindKey(file, sheet))) return 'main';
    return mappingFor(this.mappings, file, sheet)?.kind !== undefined ? 'enregistree' : 'detection';
  }

  /** « Rétablir la détection » for the sheet's kind only. */
  resetKind(file: string, sheet: string): void {
    for (const e of this.mappings?.sheets ?? []) if (e === mappingFor(this.mappings, file, sheet) || (e.file === file && e.sheet === sheet)) delete e.kind;
    this.handSet.delete(kindKey(file, sheet));
  }

  /** « Rétablir la détection » for one column. */
  resetColumn(file: string, sheet: string, header: string): void {
    for (const e of this.mappings?.sheets ?? []) if (e === mappingFor(this.mappings, file, sheet) || (e.file === file && e.sheet === sheet)) delete e.columns[header];
    this.handSet.delete(colKey(file, sheet, header));
  }

  /** « Rétablir la détection » for a whole sheet: columns, partner and year as detected. */
  resetSheet(file: string, sheet: string): void {
    if (this.mappings) {
      const found = mappingFor(this.mappings, file, sheet);
      this.mappings.sheets = this.mappings.sheets.filter((e) => e !== found && !(e.file === file && e.sheet === sheet));
    }
    const prefix = `${file}\u0000${sheet}\u0000`;
    for (const k of [...this.handSet]) if (k.startsWith(prefix)) this.handSet.delete(k);
  }

  /** Every correction forgotten (the saved ones too, once the host saves this empty mapping). */
  resetAll(): void {
    this.mappings = undefined;
    this.handSet.clear();
    this.savedLoaded = true;
  }

  /** « Structure de toute la feuille » and the other values for every line of a sheet: set, or back to the sheet's own (empty). */
  setSheetValue(file: string, sheet: string, field: SheetContextField, value: string | undefined): void {
    const e = this.entry(file, sheet);
    const v = value?.trim();
    const context = { ...(e.context ?? {}) };
    if (v) context[field] = v;
    else delete context[field];
    if (Object.keys(context).length) e.context = context;
    else delete e.context;
  }

  /** The header's Excel row (and height) chosen by the user; undefined: the detection's. */
  setHeaderRow(file: string, sheet: string, row: number | undefined, height?: 1 | 2): void {
    const e = this.entry(file, sheet);
    if (row === undefined) {
      delete e.header;
      delete e.headerHeight;
      return;
    }
    e.header = row;
    if (height === 2) e.headerHeight = 2;
    else delete e.headerHeight;
  }

  /** The amounts' unit chosen by the user; undefined: the detection's (« K€ » in a header or a title). */
  setUnit(file: string, sheet: string, unit: 'euros' | 'milliers' | undefined): void {
    const e = this.entry(file, sheet);
    if (unit) e.unit = unit;
    else delete e.unit;
  }

  /**
   * « Recopier vers le bas » for one field of a sheet: the user's list starts from what is in force
   * (the saved choice, else the detection's `detected`); [] refuses the detection's fill-down.
   */
  setFillDown(file: string, sheet: string, field: Field, on: boolean, detected: Field[] = []): void {
    const e = this.entry(file, sheet);
    const now = new Set((e.fillDown ?? detected) as Field[]);
    if (on) now.add(field);
    else now.delete(field);
    e.fillDown = GROUPABLE.filter((f) => now.has(f));
  }

  /** The fill-down back to the detection's. */
  resetFillDown(file: string, sheet: string): void {
    delete this.entry(file, sheet).fillDown;
  }

  /**
   * The user refused last year's corrections found for this renamed sheet by its header: saved as
   * `reuse: false` for this file and sheet; the next run reads the sheet on its own evidence.
   */
  refuseReuse(file: string, sheet: string): void {
    this.entry(file, sheet).reuse = false;
  }

  /**
   * Every sheet of every file read, as the pane shows them: the run's readings, and those of a file
   * where the core recognised no table (the run's `unreadReadings`), so that the user can still
   * choose their kind, header row and columns.
   */
  shownReadings(): SheetReading[] {
    return [...(this.result?.readings ?? []), ...(this.result?.unreadReadings ?? [])];
  }

  /** Files read of which the core recognised no table. */
  unrecognisedFiles(): string[] {
    return [...new Set((this.result?.unreadReadings ?? []).map((r) => r.file))];
  }

  /**
   * The findings as Contrôles shows them: a file that was read but where no table was recognised is
   * no « Fichier illisible » (the notice said it was read): each of its sheets is a « Feuille
   * ignorée » alert, saying what to do.
   */
  shownFindings(): Finding[] {
    const findings = this.result?.findings ?? [];
    const files = new Set(this.unrecognisedFiles());
    if (!files.size) return findings;
    const out = findings.filter((f) => !(f.code === 'FICHIER_REJETE' && f.location && files.has(f.location.file)));
    for (const r of this.shownReadings().filter((x) => files.has(x.file)))
      out.push({
        ...makeFinding(
          'FEUILLE_IGNOREE',
          { detail: `« ${r.sheet} » de ${r.file} (${r.reason ?? 'non reconnue'}) : aucune feuille de ce fichier n'est lue ; choisissez sa nature (étape Sources) ou ses colonnes (étape Correspondances)` },
          { file: r.file, sheet: r.sheet, row: r.headerRow ?? 1 },
        ),
        severity: 'alerte',
      });
    return out;
  }

  /**
   * The user answered a « Structure ambiguë » finding: this name (and commune) is the structure
   * `code`, or none of the candidates (null). Saved with the mappings; the next run links it.
   */
  confirmStructure(name: string, commune: string | undefined, code: string | null): void {
    const m = (this.mappings ??= { version: 1, sheets: [] });
    m.structures = withConfirmedStructure(m.structures, { name, commune, code });
  }

  /**
   * The user answered an unknown coded value: for this partner, `value` (as written) is the code
   * `code` of the reference, or names nothing (null). Saved with the mappings; the next run reads
   * its lines with it.
   */
  answerValue(field: CodedField, partner: string, value: string, code: string | null): void {
    const m = (this.mappings ??= { version: 1, sheets: [] });
    m.values = withValueAnswer(m.values, field, partner, value, code);
  }

  /** The partners of the next run: the reference in use with the grantors given a code (as `runPipeline` makes them). */
  partners() {
    return withSavedPartners(this.reference ?? defaultReference(), this.mappings?.partners).partners;
  }

  /**
   * The user gave an open-data grantor a code: `isNew`, a new partner (the code is checked: letters,
   * digits, « _ » and « - », no partner has it yet); else the code of a partner of the référentiel,
   * which takes the grantor's name and SIRET. Saved in the mapping's `partners` (the CLI's
   * `--mapping` file), replacing what was said of this grantor; the next run counts its lines (or
   * sets them aside as beyond the agreement). Returns the French reason when refused, nothing is changed then.
   */
  givePartnerCode(grantor: { name: string; siret?: string }, code: string, isNew: boolean): string | undefined {
    const c = code.trim();
    // the grantor's own earlier code is no other partner's
    const others = withSavedPartners(this.reference ?? defaultReference(), this.mappings?.partners?.filter((p) => !sameGrantor(p, grantor))).partners;
    if (isNew) {
      const error = partnerCodeError(c, others);
      if (error) return error;
    } else if (!others.some((p) => p.code === c)) return `« ${c} » n'est aucun partenaire du référentiel.`;
    const m = (this.mappings ??= { version: 1, sheets: [] });
    const entry: SavedPartner = { name: grantor.name, ...(grantor.siret ? { siret: grantor.siret } : {}), code: c };
    m.partners = [...(m.partners ?? []).filter((p) => !sameGrantor(p, grantor)), entry];
    return undefined;
  }

  /** The grantor's code forgotten: it is proposed again (code to give), its lines set aside as before. */
  dropPartnerCode(grantor: { name: string; siret?: string }): void {
    if (!this.mappings?.partners) return;
    this.mappings.partners = this.mappings.partners.map((p) => (sameGrantor(p, grantor) ? { ...p, code: null } : p));
  }

  setSheetPartnerYear(file: string, sheet: string, partner: string | undefined, year: number | undefined): void {
    const entry = this.entry(file, sheet);
    entry.partner = partner;
    entry.year = year;
  }

  /** Generated sheets to write: the canonical tables, Contrôles, and the annual sheets of the chosen years; nothing when no year is ticked. */
  sheetsToWrite(): SheetSpec[] {
    if (!this.result || (this.fundedYears().length > 0 && this.chosenYears().length === 0)) return [];
    return this.result.sheets;
  }

  /** The built workbook as .xlsx bytes with its native charts (standalone mode), exceljs loaded on demand. */
  async workbookBytes(specs: SheetSpec[] = this.sheetsToWrite()): Promise<Uint8Array> {
    // the same package as the CLI's: tables streamed by our writer, the rest drawn by exceljs
    const { streamedWorkbookBytes } = await import(/* webpackChunkName: "exceljs" */ './exceljs-chunk');
    return streamedWorkbookBytes(specs);
  }
}
