/**
 * A strict in-memory model of the parts of the Excel JavaScript API the office adapter uses.
 * It refuses what Excel refuses, so that adapter bugs show up in jest and not in a technician's
 * Excel. Each rule cites what it models (office-js reference = @types/office-js doc comments,
 * "resource limits" = learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization).
 *
 * - Batching: every setter and method is queued on the context and runs, in order, at `sync()`
 *   (office-js proxies). A loaded property is readable only after the sync that ran its `load`,
 *   and only the properties named in `load` (PropertyNotLoaded otherwise), with the value it had
 *   at that point of the batch.
 * - No transaction: an operation that throws stops the batch, the earlier operations of the batch
 *   and every earlier sync stay applied. `failAtSync = n` makes the n-th sync fail before running
 *   anything (a lost connection, a host error), so that tests can stop a write at any point.
 * - Payloads (resource limits, "Excel add-ins"): Excel on the web limits a request and a response
 *   to 5 MB; the fake counts UTF-8 bytes of the JSON it would send and receive.
 * - References: renaming a sheet rewrites every reference to it (cell formulas, list validation
 *   sources, conditional format formulas); deleting a sheet turns them into #REF!.
 * - Sheet names (Excel UI rules): 1 to 31 characters, none of [ ] : * ? / \, no apostrophe at
 *   either end, not "History", unique without regard to case.
 * - Cell entry in a General cell, as Excel parses typed text: "=…", "+…", "-…" become formulas
 *   (or numbers: "-1", "2019"); only a text format ("@") keeps them as text.
 * - A cell holds at most 32 767 characters (Excel specifications and limits).
 * - Tables (ListObjects) may not overlap another table or a merged area; resize (ExcelApi 1.13)
 *   keeps the header row and must overlap the old range; `delete` clears the table's cells.
 * - getMergedAreasOrNullObject fails when the range holds more than 512 merged areas (reference).
 * - insertWorksheetsFromBase64 (ExcelApi 1.13): not on iOS ("only supported for Office on
 *   Windows, Mac, and the web"), refuses bytes that are not an xlsx package, and on the web
 *   refuses sources with charts, comments, PivotTables or slicers (UnsupportedFeature).
 * - Protection: a protected workbook structure refuses adding, deleting and renaming sheets;
 *   a protected sheet refuses writes to its (locked by default) cells.
 * - Platform profiles (`desktop`, `web`, `ios`) answer isSetSupported and set the limits.
 * - Co-authoring (FakeCoauthoring): each co-author works on its own copy of the workbook. What a
 *   sync of one copy changed (cells, new sheets, visibility, settings) reaches the other copies
 *   after a delay, in order; a value changes on every copy to the one of its last writer (the
 *   document's order), so the copies converge. Tables, charts, formats and deletions travel not.
 */
import { columnLetter } from '../../../src/core/import/column-letter';
import type { HostCapabilities } from '../../../src/adapters/office/excel-host';
import { capabilitiesOf } from '../../../src/adapters/office/excel-host';

export interface FakeCell {
  value: string | number | boolean;
  type?: 'Error';
  format?: string;
  formula?: string;
  link?: { documentReference?: string; textToDisplay?: string };
  bold?: boolean;
  size?: number;
  fill?: string;
  wrap?: boolean;
  horizontal?: string;
  vertical?: string;
  /** A formula whose result is not computed yet (see FakeWorkbook.calculationMode). */
  stale?: boolean;
}

export interface FakeSheet {
  id: string;
  name: string;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden';
  cells: Map<string, FakeCell>;
  tables: { name: string; address: string; style?: string }[];
  validations: { address: string; source: string; title?: string; message?: string }[];
  conditionalFormats: { address: string; formula: string; fill?: string; font?: string; bold?: boolean }[];
  groups: string[];
  /** Rows hidden (by `rowHidden` or a folded outline). */
  hiddenRows: Set<number>;
  freeze?: string;
  print: {
    orientation?: string;
    paperSize?: string;
    fitWidth?: number;
    fitHeight?: number;
    titleRows?: string;
    leftHeader?: string;
    rightHeader?: string;
    leftFooter?: string;
    centerFooter?: string;
    rightFooter?: string;
    /** Margins in points (leftMargin…footerMargin). */
    margins?: Record<string, number>;
    /** Manual page breaks: the row each sits above (horizontalPageBreaks.add). */
    breaks?: number[];
  };
  /** Row heights set (points). */
  rowHeights?: Map<number, number>;
  tabColor?: string;
  charts: FakeChart[];
  columnWidths: Map<number, number>;
  merges: string[];
  protected?: boolean;
  active?: boolean;
  selected?: string;
  /** Reading this sheet's used range fails at sync with this message (a sheet Excel cannot read). */
  readError?: string;
}

export type Platform = 'desktop' | 'web' | 'ios';
type Rect = { top: number; left: number; bottom: number; right: number };
type Raw = string | number | boolean | null | { error: string } | { serial: number; format: string };
export interface FakeChart {
  name: string;
  type: string;
  source: string;
  seriesBy: string;
  title?: string;
  position?: string;
  series: { name?: string; values?: string; categories?: string }[];
  legend?: string;
  valueFormat?: string;
}

const MB5 = 5 * 1024 * 1024;
export const MAX_CELL_TEXT = 32767;
const colNumber = (s: string) => s.split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
const key = (r: number, c: number) => `${r},${c}`;
// TextEncoder, not Buffer: the fake also runs in Chromium (test/e2e/fake-host)
const ENCODER = new TextEncoder();
export const utf8Bytes = (v: unknown) => ENCODER.encode(JSON.stringify(v ?? null)).length;

/** An office-js error: `code` as OfficeExtension.Error has it. */
export class FakeExcelError extends Error {
  constructor(
    public code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

export function parseAddress(a: string): Rect {
  const bare = a.replace(/^.*!/, '').replace(/\$/g, '');
  let m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(bare);
  if (m) return { top: Number(m[2]), left: colNumber(m[1]), bottom: Number(m[4] ?? m[2]), right: colNumber(m[3] ?? m[1]) };
  m = /^(\d+):(\d+)$/.exec(bare);
  if (m) return { top: Number(m[1]), left: 1, bottom: Number(m[2]), right: 16384 };
  m = /^([A-Z]+):([A-Z]+)$/.exec(bare);
  if (m) return { top: 1, left: colNumber(m[1]), bottom: 1048576, right: colNumber(m[2]) };
  throw new FakeExcelError('InvalidArgument', `adresse invalide : ${a}`);
}
const a1 = (r: Rect) => `${columnLetter(r.left)}${r.top}:${columnLetter(r.right)}${r.bottom}`;
const overlaps = (x: Rect, y: Rect) => x.left <= y.right && y.left <= x.right && x.top <= y.bottom && y.top <= x.bottom;
const inside = (x: Rect, y: Rect) => x.left >= y.left && x.right <= y.right && x.top >= y.top && x.bottom <= y.bottom;

/** A sheet name as a formula writes it: quoted when it is not a plain identifier. */
export const quoteSheet = (n: string) => (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(n) ? n : `'${n.replace(/'/g, "''")}'`);
/** `Sheet!A1`, `'My sheet'!$A$1:$B$2`, `'X'!1:3` in a formula: [whole, name]. */
const SHEET_REF = /(?:'((?:[^']|'')+)'|([A-Za-z_\u00C0-\u024F][\w.\u00C0-\u024F]*))!(\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?|\$?[A-Z]{1,3}:\$?[A-Z]{1,3}|\$?\d+:\$?\d+)/g;

/** Rewrites the references to sheet `from` in a formula: to `to`, or to #REF! when deleted. */
export function rewriteRefs(formula: string, from: string, to: string | null): string {
  return formula.replace(SHEET_REF, (whole, quoted: string | undefined, plain: string | undefined, cells: string) => {
    const name = quoted !== undefined ? quoted.replace(/''/g, "'") : plain!;
    if (name.toLowerCase() !== from.toLowerCase()) return whole;
    return to === null ? '#REF!' : `${quoteSheet(to)}!${cells}`;
  });
}

/** Why Excel refuses a sheet name, or undefined when it takes it. */
export function sheetNameError(name: string, others: string[]): string | undefined {
  if (!name.trim()) return 'nom vide';
  if (name.length > 31) return 'plus de 31 caractères';
  if (/[[\]:*?/\\]/.test(name)) return 'caractère interdit';
  if (name.startsWith("'") || name.endsWith("'")) return 'apostrophe au début ou à la fin';
  if (name.toLowerCase() === 'history') return 'nom réservé';
  if (others.some((o) => o.toLowerCase() === name.toLowerCase())) return 'nom déjà pris';
  return undefined;
}

export interface FakeOptions {
  platform?: Platform;
  /** Highest ExcelApi version the host answers to (default: 1.17 on desktop and web, 1.13 on iOS). */
  api?: string;
}

export class FakeWorkbook {
  name = 'Pilotage 2020.xlsx';
  sheets: FakeSheet[] = [];
  settings = new Map<string, unknown>();
  platform: Platform;
  api: string;
  /** Workbook structure protected (Review › Protect Workbook). */
  structureProtected = false;
  /** insertWorksheetsFromBase64 inserts the sheets, then fails (Excel on the web, office-js #3179). */
  failAfterInsert = false;
  /** Defined names of the workbook (Formulas › Name Manager): a table may not take one of them. */
  definedNames: string[] = [];
  /** The n-th sync (1-based, counted over the workbook's life) fails before running anything. */
  failAtSync?: number;
  /** The n-th sync never answers (Excel on the web waiting on a lost service). */
  hangAtSync?: number;
  syncs = 0;
  /** UTF-8 bytes of each request (sync), and of each response. */
  payloads: number[] = [];
  responses: number[] = [];
  modified = new Set<string>();
  calcSuspensions = 0;
  screenSuspensions = 0;
  /**
   * Application.calculationMode: per application in Excel (another open workbook may set it).
   * A formula written while calculation is suspended (from the suspension on, in its batch) or
   * manual has no result until `application.calculate` runs: the cell shows 0 or a stale value.
   */
  calculationMode: 'Automatic' | 'Manual' = 'Automatic';
  /** application.calculate calls that ran (calculation not suspended at that point). */
  calculations = 0;
  /** Cell writes that ran while the screen was live (no suspendScreenUpdatingUntilNextSync before them in their batch). */
  liveScreenWrites = 0;
  /** Screen-updating suspensions counted per `Excel.run`. */
  screenSuspensionsPerRun: number[] = [];
  runs = 0;
  /** The co-authored document this copy belongs to (FakeCoauthoring.join). */
  coauthoring?: FakeCoauthoring;
  private nextId = 1;

  constructor(opts: FakeOptions = {}) {
    this.platform = opts.platform ?? 'desktop';
    this.api = opts.api ?? (this.platform === 'ios' ? '1.13' : '1.17');
  }

  /** Office.context.requirements.isSetSupported for this host. */
  isSetSupported = (set: string, version: string) => {
    if (set !== 'ExcelApi') return false;
    const [a, b] = version.split('.').map(Number);
    const [x, y] = this.api.split('.').map(Number);
    return a < x || (a === x && b <= y);
  };

  /** What the adapter would detect in this host (same code as in Excel). */
  get caps(): HostCapabilities {
    return capabilitiesOf(this.isSetSupported, this.platform);
  }

  /** Request and response limit of this host: 5 MB on the web (resource limits). */
  get payloadLimit() {
    return this.platform === 'web' ? MB5 : Infinity;
  }

  addSheet(name: string, rows: Raw[][] = [], hidden = false): FakeSheet {
    const s: FakeSheet = {
      id: `{S${this.nextId++}}`,
      name,
      visibility: hidden ? 'Hidden' : 'Visible',
      cells: new Map(),
      tables: [],
      validations: [],
      conditionalFormats: [],
      groups: [],
      hiddenRows: new Set(),
      print: {},
      charts: [],
      columnWidths: new Map(),
      merges: [],
    };
    rows.forEach((r, ri) =>
      r.forEach((v, ci) => {
        if (v === null) return;
        if (typeof v === 'object' && 'error' in v) s.cells.set(key(ri + 1, ci + 1), { value: v.error, type: 'Error' });
        else if (typeof v === 'object') s.cells.set(key(ri + 1, ci + 1), { value: v.serial, format: v.format });
        else s.cells.set(key(ri + 1, ci + 1), { value: v });
      }),
    );
    this.sheets.push(s);
    return s;
  }

  sheet(name: string): FakeSheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`feuille absente : ${name}`);
    return s;
  }

  cell(sheet: string, address: string): FakeCell | undefined {
    const a = parseAddress(address);
    return this.sheet(sheet).cells.get(key(a.top, a.left));
  }

  /** Cells holding a formula without a computed result (written while calculation was suspended or manual). */
  staleFormulas(): string[] {
    return this.sheets.flatMap((s) => [...s.cells].filter(([, c]) => c.formula && c.stale).map(([k]) => `${s.name}!${k}`));
  }

  /** Every formula, validation source and conditional format formula of the workbook. */
  allFormulas(): { sheet: string; where: string; formula: string }[] {
    const out: { sheet: string; where: string; formula: string }[] = [];
    for (const s of this.sheets) {
      for (const [k, c] of s.cells) if (c.formula) out.push({ sheet: s.name, where: k, formula: c.formula });
      for (const v of s.validations) out.push({ sheet: s.name, where: `validation ${v.address}`, formula: v.source });
      for (const f of s.conditionalFormats) out.push({ sheet: s.name, where: `format ${f.address}`, formula: f.formula });
    }
    return out;
  }

  /** Applies a change of sheet reference to every formula of the workbook. */
  rewriteAll(from: string, to: string | null) {
    for (const s of this.sheets) {
      for (const c of s.cells.values()) if (c.formula) c.formula = rewriteRefs(c.formula, from, to);
      for (const v of s.validations) v.source = rewriteRefs(v.source, from, to);
      for (const f of s.conditionalFormats) f.formula = rewriteRefs(f.formula, from, to);
    }
  }

  newSheet(name: string): FakeSheet {
    if (this.structureProtected) throw new FakeExcelError('AccessDenied', 'structure du classeur protégée');
    const why = sheetNameError(name, this.sheets.map((s) => s.name));
    if (why) throw new FakeExcelError(why === 'nom déjà pris' ? 'ItemAlreadyExists' : 'InvalidArgument', `nom de feuille « ${name} » : ${why}`);
    return this.addSheet(name);
  }

  /** The `Excel.run` of this workbook. */
  run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    this.runs++;
    const ctx = new FakeContext(this);
    try {
      return await batch(ctx as unknown as Excel.RequestContext);
    } finally {
      this.screenSuspensionsPerRun.push(ctx.screenSuspensions);
    }
  };
}

type Op = { bytes: number; sheet?: () => FakeSheet | undefined; run: () => void | Promise<void>; write?: boolean };

class FakeContext {
  queue: Op[] = [];
  responseBytes = 0;
  screenSuspensions = 0;
  /** Set by the suspensions as the batch runs: they cover the operations after them, until the end of the sync. */
  calcSuspendedNow = false;
  screenSuspendedNow = false;
  workbook: FakeWorkbookApi;
  application: { suspendApiCalculationUntilNextSync(): void; suspendScreenUpdatingUntilNextSync(): void; calculate(type: string): void };
  constructor(public wb: FakeWorkbook) {
    this.workbook = new FakeWorkbookApi(this);
    this.application = {
      suspendApiCalculationUntilNextSync: () =>
        this.enqueue(8, () => {
          wb.calcSuspensions++;
          this.calcSuspendedNow = true;
        }, undefined, false),
      suspendScreenUpdatingUntilNextSync: () => {
        if (!wb.isSetSupported('ExcelApi', '1.9')) throw new FakeExcelError('ApiNotFound', 'suspendScreenUpdatingUntilNextSync (ExcelApi 1.9)');
        this.screenSuspensions++;
        this.enqueue(8, () => {
          wb.screenSuspensions++;
          this.screenSuspendedNow = true;
        }, undefined, false);
      },
      // Application.calculate (ExcelApi 1.1): every formula of the workbook computed, unless calculation is suspended
      calculate: (type: string) => {
        if (!['Recalculate', 'Full', 'FullRebuild'].includes(type)) throw new FakeExcelError('InvalidArgument', `calculate(${type})`);
        this.enqueue(type, () => {
          if (this.calcSuspendedNow) return;
          wb.calculations++;
          for (const s of wb.sheets) for (const c of s.cells.values()) c.stale = undefined;
        }, undefined, false);
      },
    };
  }
  /** A formula written now: computed unless calculation is suspended or manual. */
  formulaStale() {
    return this.calcSuspendedNow || this.wb.calculationMode === 'Manual';
  }
  /** Queues an operation; `sheet` (when it writes cells) is checked for protection and marked modified. */
  enqueue(payload: unknown, run: Op['run'], sheet?: () => FakeSheet | undefined, write = true) {
    this.queue.push({ bytes: typeof payload === 'number' ? payload : utf8Bytes(payload), run, sheet, write });
  }
  async sync() {
    const wb = this.wb;
    wb.syncs++;
    const ops = this.queue;
    this.queue = [];
    this.responseBytes = 0;
    this.calcSuspendedNow = false;
    this.screenSuspendedNow = false;
    const request = ops.reduce((n, o) => n + o.bytes, 100);
    wb.payloads.push(request);
    if (wb.failAtSync === wb.syncs) throw new FakeExcelError('GeneralException', `sync ${wb.syncs} interrompue (échec simulé)`);
    if (request > wb.payloadLimit) throw new FakeExcelError('RequestPayloadSizeLimitExceeded', `requête de ${request} octets`);
    // a hanging sync (Excel on the web waiting for the service): never answers
    if (wb.hangAtSync === wb.syncs) return new Promise<void>(() => undefined);
    const before = wb.coauthoring && snapshot(wb);
    try {
      for (const op of ops) {
        const s = op.sheet?.();
        if (s && op.write) {
          if (s.protected) throw new FakeExcelError('AccessDenied', `feuille « ${s.name} » protégée`);
          wb.modified.add(s.name);
          if (!this.screenSuspendedNow) wb.liveScreenWrites++;
        }
        await op.run();
      }
    } finally {
      // no transaction: what ran reaches the co-authors, even when the batch stopped
      if (before) wb.coauthoring!.publish(wb, changesSince(before, wb));
    }
    wb.responses.push(this.responseBytes);
    if (this.responseBytes > wb.payloadLimit) throw new FakeExcelError('ResponsePayloadSizeLimitExceeded', `réponse de ${this.responseBytes} octets`);
  }
}

/**
 * A proxy object: `load('a,b')` queues a snapshot of those properties, readable after the sync.
 * Subclasses say how to read each property (`read`) at sync time.
 */
abstract class Proxy {
  private loaded = new Map<string, unknown>();
  private nullState?: boolean;
  constructor(protected ctx: FakeContext) {}
  protected abstract read(prop: string): unknown;
  /** false when the object designates nothing (OrNullObject methods) */
  protected exists(): boolean {
    return true;
  }
  load(props?: string | string[] | Record<string, unknown>) {
    const list = (typeof props === 'string' ? props.split(',') : Array.isArray(props) ? props : Object.keys(props ?? {})).map((p) => p.trim()).filter(Boolean);
    this.ctx.enqueue(
      0,
      () => {
        if (!this.exists()) return;
        for (const p of list) {
          const v = this.read(p);
          this.loaded.set(p, v);
          this.ctx.responseBytes += utf8Bytes(v instanceof Proxy ? null : v);
        }
      },
      undefined,
      false,
    );
    return this;
  }
  /** Queued by every OrNullObject method: isNullObject is known after the sync. */
  trackNull() {
    this.ctx.enqueue(8, () => void (this.nullState = !this.exists()), undefined, false);
    return this;
  }
  get isNullObject(): boolean {
    if (this.nullState === undefined) throw new FakeExcelError('PropertyNotLoaded', 'isNullObject lu avant sync()');
    return this.nullState;
  }
  protected get<T>(prop: string): T {
    if (!this.loaded.has(prop)) throw new FakeExcelError('PropertyNotLoaded', `${prop} lu sans load('${prop}') + sync()`);
    return this.loaded.get(prop) as T;
  }
}

class FakeWorkbookApi extends Proxy {
  worksheets: FakeWorksheets;
  tables: FakeTables;
  settings: FakeSettings;
  protection: FakeProtection;
  names: FakeNames;
  constructor(ctx: FakeContext) {
    super(ctx);
    this.names = new FakeNames(ctx);
    this.worksheets = new FakeWorksheets(ctx);
    this.tables = new FakeTables(ctx);
    this.settings = new FakeSettings(ctx);
    this.protection = new FakeProtection(ctx);
  }
  protected read(p: string) {
    if (p === 'name') return this.ctx.wb.name;
    throw new FakeExcelError('InvalidArgument', `propriété ${p}`);
  }
  get name() {
    return this.get<string>('name');
  }
  insertWorksheetsFromBase64(base64: string, options?: { positionType?: string }) {
    const wb = this.ctx.wb;
    if (!wb.isSetSupported('ExcelApi', '1.13')) throw new FakeExcelError('ApiNotFound', 'insertWorksheetsFromBase64 (ExcelApi 1.13)');
    const result: { ids?: string[] } = {};
    this.ctx.enqueue(base64.length, async () => {
      if (wb.platform === 'ios') throw new FakeExcelError('NotImplemented', "insertWorksheetsFromBase64 n'existe pas sur iOS");
      if (wb.structureProtected) throw new FakeExcelError('AccessDenied', 'structure du classeur protégée');
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 0x03 || bytes[3] !== 0x04) throw new FakeExcelError('InvalidArgument', "ce n'est pas un classeur .xlsx");
      const text = new TextDecoder('latin1').decode(bytes);
      if (wb.platform === 'web' && /xl\/(charts|pivotTables|slicers)\/|xl\/comments\d*\.xml|xl\/threadedComments\//.test(text))
        throw new FakeExcelError('UnsupportedFeature', 'graphiques, commentaires, tableaux croisés ou segments');
      const ExcelJS = (await import('exceljs')).default;
      const src = new ExcelJS.Workbook();
      await src.xlsx.load(bytes as unknown as ArrayBuffer);
      const ids: string[] = [];
      src.eachSheet((ws) => {
        let name = ws.name;
        for (let i = 2; sheetNameError(name, wb.sheets.map((s) => s.name)); i++) name = `${ws.name} (${i})`;
        const rows: Raw[][] = [];
        ws.eachRow({ includeEmpty: true }, (row, r) => {
          const vals: Raw[] = [];
          row.eachCell({ includeEmpty: true }, (c, ci) => void (vals[ci - 1] = c.value === null || c.value === undefined ? null : typeof c.value === 'object' ? String(c.text) : (c.value as Raw)));
          rows[r - 1] = vals;
        });
        const s = wb.addSheet(name, Array.from(rows, (r) => r ?? []));
        if (options?.positionType === 'Beginning') wb.sheets.unshift(wb.sheets.pop()!);
        ids.push(s.id);
      });
      // Excel on the web: the sheets are inserted, then the call fails (OfficeDev/office-js #3179, #6142)
      if (wb.failAfterInsert) throw new FakeExcelError('GeneralException', 'insertWorksheetsFromBase64 : erreur après insertion');
      result.ids = ids;
    });
    return {
      get value(): string[] {
        if (!result.ids) throw new FakeExcelError('PropertyNotLoaded', 'value lu avant sync()');
        return result.ids;
      },
    };
  }
}

/** workbook.names (ExcelApi 1.1/1.4): the defined names, `items/name` only. */
class FakeNames extends Proxy {
  protected read(p: string) {
    if (p !== 'items/name') throw new FakeExcelError('InvalidArgument', `propriété ${p}`);
    return this.ctx.wb.definedNames.map((name) => ({ name }));
  }
  get items(): { name: string }[] {
    return this.get('items/name');
  }
}

class FakeProtection extends Proxy {
  protected read(p: string) {
    if (p === 'protected') return this.ctx.wb.structureProtected;
    throw new FakeExcelError('InvalidArgument', `propriété ${p}`);
  }
  get protected() {
    return this.get<boolean>('protected');
  }
}

class FakeSettings {
  constructor(private ctx: FakeContext) {}
  add(k: string, v: unknown) {
    this.ctx.enqueue(v, () => void this.ctx.wb.settings.set(k, v), undefined, false);
  }
  getItemOrNullObject(k: string) {
    const ctx = this.ctx;
    return new (class extends Proxy {
      protected exists() {
        return ctx.wb.settings.has(k);
      }
      protected read(p: string) {
        if (p === 'value') return ctx.wb.settings.get(k);
        throw new FakeExcelError('InvalidArgument', `propriété ${p}`);
      }
      get value() {
        return this.get<unknown>('value');
      }
      /** Setting.delete (ExcelApi 1.4), at sync: the setting must exist then. */
      delete() {
        ctx.enqueue(8, () => {
          if (!ctx.wb.settings.has(k)) throw new FakeExcelError('ItemNotFound', `paramètre « ${k} » absent`);
          ctx.wb.settings.delete(k);
        }, undefined, false);
      }
    })(ctx).trackNull();
  }
}

/** A table, found by name when the batch runs. */
class FakeTable extends Proxy {
  constructor(
    ctx: FakeContext,
    private find: () => { s: FakeSheet; t: FakeSheet['tables'][number] } | undefined,
  ) {
    super(ctx);
  }
  private must() {
    const f = this.find();
    if (!f) throw new FakeExcelError('ItemNotFound', 'tableau absent');
    return f;
  }
  protected exists() {
    return !!this.find();
  }
  protected read(p: string) {
    const { s, t } = this.must();
    if (p === 'name') return t.name;
    if (p === 'worksheet/name') return s.name;
    throw new FakeExcelError('InvalidArgument', `propriété ${p}`);
  }
  get name(): string {
    return this.get<string>('name');
  }
  set name(n: string) {
    this.ctx.enqueue(n, () => {
      const { t } = this.must();
      if (!/^[A-Za-z_\u00C0-\u024F][\w.\u00C0-\u024F]*$/.test(n) || n.length > 255) throw new FakeExcelError('InvalidArgument', `nom de tableau ${n}`);
      if (this.ctx.wb.sheets.some((x) => x.tables.some((y) => y !== t && y.name.toLowerCase() === n.toLowerCase()))) throw new FakeExcelError('InvalidArgument', `nom de tableau déjà pris : ${n}`);
      // tables and defined names share one namespace (Excel: "The name entered already exists")
      if (this.ctx.wb.definedNames.some((x) => x.toLowerCase() === n.toLowerCase())) throw new FakeExcelError('InvalidArgument', `nom de tableau égal à un nom défini : ${n}`);
      t.name = n;
    }, () => this.find()?.s);
  }
  get worksheet() {
    return { name: this.get<string>('worksheet/name') };
  }
  set style(v: string) {
    this.ctx.enqueue(v, () => void (this.must().t.style = v), () => this.find()?.s);
  }
  resize(address: string) {
    if (!this.ctx.wb.isSetSupported('ExcelApi', '1.13')) throw new FakeExcelError('ApiNotFound', 'table.resize (ExcelApi 1.13)');
    this.ctx.enqueue(address, () => {
      const { s, t } = this.must();
      const old = parseAddress(t.address);
      const next = parseAddress(address);
      // reference: "must overlap with the original table range and the headers must be in the same row"
      if (next.top !== old.top || !overlaps(old, next)) throw new FakeExcelError('InvalidArgument', `redimensionnement ${t.address} → ${address}`);
      checkTableArea(s, next, t);
      t.address = a1(next);
    }, () => this.find()?.s);
  }
  getRange() {
    return new FakeRange(this.ctx, () => this.find()?.s, () => {
      const f = this.find();
      return f && parseAddress(f.t.address);
    });
  }
  /** Like ListObject.Delete: the table and its cells' contents go. */
  delete() {
    this.ctx.enqueue('delete', () => {
      const { s, t } = this.must();
      const r = parseAddress(t.address);
      for (const k of [...s.cells.keys()]) {
        const [row, col] = k.split(',').map(Number);
        if (row >= r.top && row <= r.bottom && col >= r.left && col <= r.right) s.cells.delete(k);
      }
      s.tables = s.tables.filter((x) => x !== t);
    }, () => this.find()?.s);
  }
  /** "Converts the table into a normal range of cells. All data is preserved." */
  convertToRange() {
    this.ctx.enqueue('convert', () => {
      const { s, t } = this.must();
      s.tables = s.tables.filter((x) => x !== t);
    }, () => this.find()?.s);
  }
}

function checkTableArea(s: FakeSheet, r: Rect, self?: FakeSheet['tables'][number]) {
  for (const t of s.tables) if (t !== self && overlaps(parseAddress(t.address), r)) throw new FakeExcelError('InvalidOperation', `le tableau chevauche ${t.name}`);
  for (const m of s.merges) if (overlaps(parseAddress(m), r)) throw new FakeExcelError('InvalidOperation', `le tableau couvre des cellules fusionnées (${m})`);
}

function findTable(wb: FakeWorkbook, name: string) {
  for (const s of wb.sheets) {
    const t = s.tables.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (t) return { s, t };
  }
  return undefined;
}

class FakeTables extends Proxy {
  protected read(p: string) {
    if (!p.startsWith('items')) throw new FakeExcelError('InvalidArgument', `propriété ${p}`);
    const subs = p.split('/').slice(1).join('/');
    return this.ctx.wb.sheets.flatMap((s) =>
      s.tables.map((t) => ({ name: t.name, ...(subs === 'worksheet/name' ? { worksheet: { name: s.name } } : {}) })),
    );
  }
  load(props?: string | string[] | Record<string, unknown>) {
    return super.load(typeof props === 'string' ? props.split(',').map((p) => p.trim()) : props);
  }
  get items(): { name: string; worksheet: { name: string } }[] {
    const names = this.get<{ name: string }[]>('items/name');
    let sheets: { worksheet?: { name: string } }[] = [];
    try {
      sheets = this.get('items/worksheet/name');
    } catch {
      /* not loaded */
    }
    return names.map((n, i) => ({
      name: n.name,
      get worksheet() {
        if (!sheets[i]?.worksheet) throw new FakeExcelError('PropertyNotLoaded', 'items/worksheet/name');
        return sheets[i].worksheet!;
      },
    }));
  }
  getItem(name: string) {
    return new FakeTable(this.ctx, () => findTable(this.ctx.wb, name));
  }
  getItemOrNullObject(name: string) {
    return new FakeTable(this.ctx, () => findTable(this.ctx.wb, name)).trackNull();
  }
}

class FakeWorksheets extends Proxy {
  private props: string[] = [];
  protected read(p: string) {
    if (p !== 'items') throw new FakeExcelError('InvalidArgument', `propriété ${p}`);
    // each sheet with the properties asked for, as they are at this point of the batch
    return this.ctx.wb.sheets.map((s) => ({ s, snap: Object.fromEntries(this.props.map((k) => [k, sheetProp(s, k)])) }));
  }
  load(props?: string | string[] | Record<string, unknown>) {
    const list = typeof props === 'string' ? props.split(',').map((p) => p.trim()) : Array.isArray(props) ? props : [];
    for (const p of list) {
      if (!p.startsWith('items/')) throw new FakeExcelError('InvalidArgument', `propriété ${p}`);
      this.props.push(p.slice('items/'.length));
    }
    return super.load('items');
  }
  get items(): FakeWorksheet[] {
    return this.get<{ s: FakeSheet; snap: Record<string, unknown> }[]>('items').map(({ s, snap }) => new FakeWorksheet(this.ctx, () => (this.ctx.wb.sheets.includes(s) ? s : undefined), snap));
  }
  add(name: string) {
    let created: FakeSheet | undefined;
    this.ctx.enqueue(name, () => {
      created = this.ctx.wb.newSheet(name);
      this.ctx.wb.modified.add(name);
    });
    return new FakeWorksheet(this.ctx, () => created);
  }
  /** By name without regard to case, as Excel finds sheets, or by id. */
  private byKey(k: string) {
    return this.ctx.wb.sheets.find((x) => x.name.toLowerCase() === k.toLowerCase() || x.id === k);
  }
  getItem(nameOrId: string) {
    return new FakeWorksheet(this.ctx, () => {
      const s = this.byKey(nameOrId);
      if (!s) throw new FakeExcelError('ItemNotFound', `feuille ${nameOrId}`);
      return s;
    });
  }
  getItemOrNullObject(nameOrId: string) {
    return new FakeWorksheet(this.ctx, () => this.byKey(nameOrId)).trackNull();
  }
}

function sheetProp(s: FakeSheet, p: string): unknown {
  if (p === 'name' || p === 'visibility' || p === 'id') return s[p];
  if (p === 'protection/protected') return !!s.protected;
  throw new FakeExcelError('InvalidArgument', `propriété ${p}`);
}

class FakeWorksheet extends Proxy {
  tables: { add: (address: string, hasHeaders: boolean) => FakeTable };
  freezePanes: { freezeAt(r: string): void; freezeRows(n: number): void; freezeColumns(n: number): void; unfreeze(): void };
  pageLayout: Record<string, unknown>;
  horizontalPageBreaks: { add(at: string): void };
  charts: { add(type: string, source: FakeRange, seriesBy: string): unknown; load(p: string): unknown; items: { delete(): void }[] };
  constructor(
    ctx: FakeContext,
    public ref: () => FakeSheet | undefined,
    private snap?: Record<string, unknown>,
  ) {
    super(ctx);
    const must = () => {
      const s = ref();
      if (!s) throw new FakeExcelError('ItemNotFound', 'feuille absente');
      return s;
    };
    const q = (payload: unknown, f: (s: FakeSheet) => void) => ctx.enqueue(payload, () => f(must()), ref);
    this.tables = {
      add: (address, hasHeaders) => {
        if (!hasHeaders) throw new Error('tables.add sans en-têtes');
        let t: FakeSheet['tables'][number] | undefined;
        q(address, (s) => {
          const r = parseAddress(address);
          checkTableArea(s, r);
          let n = 1;
          while (findTable(ctx.wb, `Tableau${n}`)) n++;
          t = { name: `Tableau${n}`, address: a1(r), style: '' };
          s.tables.push(t);
          // the header row holds the column names, as text
          for (let c = r.left; c <= r.right; c++) {
            const cell = s.cells.get(key(r.top, c));
            if (!cell || cell.value === '') s.cells.set(key(r.top, c), { ...cell, value: `Colonne${c - r.left + 1}` });
          }
        });
        return new FakeTable(ctx, () => (t ? { s: must(), t } : undefined));
      },
    };
    this.freezePanes = {
      freezeAt: (r) => q(r, (s) => void (s.freeze = r)),
      freezeRows: (n) => q(n, (s) => void (s.freeze = `${n}:${n}`)),
      freezeColumns: (n) => q(n, (s) => void (s.freeze = `A:${columnLetter(n)}`)),
      unfreeze: () => q(0, (s) => void (s.freeze = undefined)),
    };
    const hf = {
      set leftHeader(v: string) {
        q(v, (s) => void (s.print.leftHeader = v));
      },
      set rightHeader(v: string) {
        q(v, (s) => void (s.print.rightHeader = v));
      },
      set leftFooter(v: string) {
        q(v, (s) => void (s.print.leftFooter = v));
      },
      set centerFooter(v: string) {
        q(v, (s) => void (s.print.centerFooter = v));
      },
      set rightFooter(v: string) {
        q(v, (s) => void (s.print.rightFooter = v));
      },
    };
    const margin = (name: string) => ({
      set(v: number) {
        needPageLayout();
        q(v, (s) => void ((s.print.margins ??= {})[name] = v));
      },
      enumerable: true,
    });
    const needPageLayout = () => {
      if (!ctx.wb.isSetSupported('ExcelApi', '1.9')) throw new FakeExcelError('ApiNotFound', 'pageLayout (ExcelApi 1.9)');
    };
    this.pageLayout = {
      set orientation(v: string) {
        needPageLayout();
        q(v, (s) => void (s.print.orientation = v));
      },
      set paperSize(v: string) {
        q(v, (s) => void (s.print.paperSize = v));
      },
      set zoom(v: { horizontalFitToPages?: number; verticalFitToPages?: number }) {
        q(v, (s) => {
          s.print.fitWidth = v.horizontalFitToPages;
          s.print.fitHeight = v.verticalFitToPages;
        });
      },
      setPrintTitleRows: (r: string) => q(r, (s) => void (s.print.titleRows = r)),
      headersFooters: { defaultForAllPages: hf },
    };
    for (const m of ['leftMargin', 'rightMargin', 'topMargin', 'bottomMargin', 'headerMargin', 'footerMargin']) Object.defineProperty(this.pageLayout, m, margin(m));
    this.horizontalPageBreaks = {
      add: (at: string) => {
        if (!ctx.wb.isSetSupported('ExcelApi', '1.9')) throw new FakeExcelError('ApiNotFound', 'horizontalPageBreaks (ExcelApi 1.9)');
        q(at, (s) => void (s.print.breaks ??= []).push(parseAddress(at).top));
      },
    };
    let chartItems: { delete(): void }[] | undefined;
    this.charts = {
      add: (type, source, seriesBy) => {
        // the chart object is the add-in's until the sync adds it to the sheet: its properties are set on it directly
        const c: FakeChart = { name: '', type, source: source.address, seriesBy, series: [] };
        // one series per column (or row) of the source, as Excel makes them
        const a = parseAddress(source.address);
        const n = seriesBy === 'Columns' ? a.right - a.left + 1 : a.bottom - a.top + 1;
        for (let i = 0; i < n; i++) c.series.push({});
        q(c, (s) => {
          c.name = `Graphique ${s.charts.length + 1}`;
          s.charts.push(c);
        });
        const series = (x: FakeChart['series'][number]) => ({
          set name(v: string) {
            x.name = v;
          },
          setValues: (r: FakeRange) => void (x.values = r.address),
          setXAxisValues: (r: FakeRange) => void (x.categories = r.address),
        });
        return {
          title: { set text(t: string) { c.title = t; } },
          setPosition: (p: string, p2?: string) => void (c.position = p2 ? `${p}:${p2}` : p),
          legend: { set position(v: string) { c.legend = v; } },
          axes: { valueAxis: { set numberFormat(v: string) { c.valueFormat = v; } } },
          series: {
            getItemAt: (i: number) => series(c.series[i]),
            add: (name: string) => {
              const x = { name };
              c.series.push(x);
              return series(x);
            },
          },
        };
      },
      load: () => {
        ctx.enqueue(0, () => {
          const s = ref();
          chartItems = (s?.charts ?? []).map((c) => ({ delete: () => q('delete', (sh) => void (sh.charts = sh.charts.filter((x) => x !== c))) }));
        }, undefined, false);
        return this.charts;
      },
      get items() {
        if (!chartItems) throw new FakeExcelError('PropertyNotLoaded', 'charts.items');
        return chartItems;
      },
    };
  }
  protected exists() {
    return !!this.ref();
  }
  protected read(p: string) {
    const s = this.ref();
    if (!s) throw new FakeExcelError('ItemNotFound', 'feuille absente');
    return sheetProp(s, p);
  }
  private prop<T>(p: string): T {
    if (this.snap && p in this.snap) return this.snap[p] as T;
    return this.get<T>(p);
  }
  get name(): string {
    return this.prop('name');
  }
  set name(n: string) {
    this.ctx.enqueue(n, () => {
      const s = this.ref();
      if (!s) throw new FakeExcelError('ItemNotFound', 'feuille absente');
      if (this.ctx.wb.structureProtected) throw new FakeExcelError('AccessDenied', 'structure du classeur protégée');
      const why = sheetNameError(n, this.ctx.wb.sheets.filter((x) => x !== s).map((x) => x.name));
      if (why) throw new FakeExcelError('InvalidArgument', `nom de feuille « ${n} » : ${why}`);
      const old = s.name;
      s.name = n;
      // Excel rewrites every reference to the renamed sheet
      this.ctx.wb.rewriteAll(old, n);
    }, this.ref);
  }
  get id(): string {
    return this.prop('id');
  }
  get visibility(): string {
    return this.prop('visibility');
  }
  /**
   * Worksheet.visibility (ExcelApi 1.1): the last visible sheet may not be hidden (a fake workbook
   * made with no sheet, which Excel never has, lets its first sheet be hidden).
   */
  set visibility(v: string) {
    if (!['Visible', 'Hidden', 'VeryHidden'].includes(v)) throw new FakeExcelError('InvalidArgument', `visibilité ${v}`);
    this.ctx.enqueue(v, () => {
      const s = this.ref();
      if (!s) throw new FakeExcelError('ItemNotFound', 'feuille absente');
      const others = this.ctx.wb.sheets.filter((x) => x !== s);
      if (v !== 'Visible' && others.length && !others.some((x) => x.visibility === 'Visible'))
        throw new FakeExcelError('InvalidOperation', 'le classeur doit garder une feuille visible');
      s.visibility = v as FakeSheet['visibility'];
    }, undefined, false);
  }
  get protection() {
    return { protected: this.prop<boolean>('protection/protected') };
  }
  set tabColor(c: string) {
    this.ctx.enqueue(c, () => void (this.ref()!.tabColor = c), this.ref);
  }
  /** Shows the rows of the first `rowLevels` outline levels and hides the deeper ones (ExcelApi 1.10; 0 = rows untouched). */
  showOutlineLevels(rowLevels: number, columnLevels: number) {
    if (!this.ctx.wb.isSetSupported('ExcelApi', '1.10')) throw new FakeExcelError('ApiNotFound', 'worksheet.showOutlineLevels (ExcelApi 1.10)');
    if (columnLevels !== 0) throw new Error('niveaux de colonnes non simulés');
    this.ctx.enqueue([rowLevels, columnLevels], () => {
      const s = this.ref();
      if (!s) throw new FakeExcelError('ItemNotFound', 'feuille absente');
      if (rowLevels <= 0) return;
      const depth = new Map<number, number>();
      for (const g of s.groups) {
        const a = parseAddress(g);
        for (let r = a.top; r <= a.bottom; r++) depth.set(r, (depth.get(r) ?? 0) + 1);
      }
      // level 1 = the rows outside every group
      for (const [r, d] of depth) {
        if (d + 1 > rowLevels) s.hiddenRows.add(r);
        else s.hiddenRows.delete(r);
      }
    }, this.ref);
  }
  delete() {
    this.ctx.enqueue('delete', () => {
      const s = this.ref();
      if (!s) throw new FakeExcelError('ItemNotFound', 'feuille absente');
      if (this.ctx.wb.structureProtected) throw new FakeExcelError('AccessDenied', 'structure du classeur protégée');
      this.ctx.wb.sheets = this.ctx.wb.sheets.filter((x) => x !== s);
      // references to a deleted sheet become #REF!
      this.ctx.wb.rewriteAll(s.name, null);
    });
  }
  activate() {
    this.ctx.enqueue(0, () => {
      for (const x of this.ctx.wb.sheets) x.active = x === this.ref();
    }, undefined, false);
  }
  getRange(address?: string) {
    return new FakeRange(this.ctx, this.ref, address ? parseAddress(address) : { top: 1, left: 1, bottom: 1048576, right: 16384 });
  }
  getRangeByIndexes(r: number, c: number, rows: number, cols: number) {
    return new FakeRange(this.ctx, this.ref, { top: r + 1, left: c + 1, bottom: r + rows, right: c + cols });
  }
  getUsedRangeOrNullObject(_valuesOnly?: boolean) {
    const rect = () => {
      const s = this.ref();
      if (!s) return undefined;
      if (s.readError) throw new FakeExcelError('GeneralException', s.readError);
      let top = Infinity,
        left = Infinity,
        bottom = 0,
        right = 0;
      for (const [k, v] of s.cells) {
        if (v.value === '' && !v.formula) continue;
        const [r, c] = k.split(',').map(Number);
        top = Math.min(top, r);
        left = Math.min(left, c);
        bottom = Math.max(bottom, r);
        right = Math.max(right, c);
      }
      return bottom === 0 ? undefined : { top, left, bottom, right };
    };
    return new FakeRange(this.ctx, this.ref, rect).trackNull();
  }
}

/** Excel's parsing of a value typed in a cell that is not text. */
function enter(cell: FakeCell, x: unknown) {
  cell.type = undefined;
  cell.formula = undefined;
  if (typeof x === 'string' && x.length > MAX_CELL_TEXT) throw new FakeExcelError('InvalidArgument', `texte de ${x.length} caractères (maximum ${MAX_CELL_TEXT})`);
  if (typeof x !== 'string' || cell.format === '@' || x === '') {
    cell.value = x as FakeCell['value'];
    return;
  }
  const t = x.trim();
  if (t !== '' && /^[+-]?(\d+([.,]\d*)?|[.,]\d+)(E[+-]?\d+)?$/i.test(t)) {
    cell.value = Number(t.replace(',', '.'));
    return;
  }
  if (/^[=+-]/.test(x)) {
    cell.formula = x.startsWith('=') ? x : `=${x}`;
    cell.value = '#NAME?';
    cell.type = 'Error';
    return;
  }
  cell.value = x;
}

class FakeRange extends Proxy {
  private rect: () => Rect | undefined;
  constructor(
    ctx: FakeContext,
    private ref: () => FakeSheet | undefined,
    a: Rect | (() => Rect | undefined),
  ) {
    super(ctx);
    this.rect = typeof a === 'function' ? a : () => a;
  }
  private sheet() {
    const s = this.ref();
    if (!s) throw new FakeExcelError('ItemNotFound', 'feuille absente');
    return s;
  }
  private a(): Rect {
    const r = this.rect();
    if (!r) throw new FakeExcelError('ItemNotFound', 'plage nulle');
    return r;
  }
  protected exists() {
    return !!this.ref() && !!this.rect();
  }
  private q(payload: unknown, f: (s: FakeSheet, a: Rect) => void) {
    this.ctx.enqueue(payload, () => f(this.sheet(), this.a()), this.ref);
  }
  private each<T>(s: FakeSheet, a: Rect, f: (cell: FakeCell | undefined) => T): T[][] {
    const out: T[][] = [];
    for (let r = a.top; r <= a.bottom; r++) {
      const row: T[] = [];
      for (let c = a.left; c <= a.right; c++) row.push(f(s.cells.get(key(r, c))));
      out.push(row);
    }
    return out;
  }
  protected read(p: string): unknown {
    const s = this.sheet();
    const a = this.a();
    switch (p) {
      case 'address':
        return `${quoteSheet(s.name)}!${a1(a)}`;
      case 'rowIndex':
        return a.top - 1;
      case 'columnIndex':
        return a.left - 1;
      case 'rowCount':
        return a.bottom - a.top + 1;
      case 'columnCount':
        return a.right - a.left + 1;
      case 'values':
        return this.each(s, a, (c) => (c ? c.value : ''));
      case 'valueTypes':
        return this.each(s, a, (c) => (!c || c.value === '' ? 'Empty' : c.type === 'Error' ? 'Error' : typeof c.value === 'number' ? 'Double' : typeof c.value === 'boolean' ? 'Boolean' : 'String'));
      case 'numberFormat':
        return this.each(s, a, (c) => c?.format ?? 'General');
      case 'formulas':
        return this.each(s, a, (c) => c?.formula ?? (c ? c.value : ''));
    }
    throw new FakeExcelError('InvalidArgument', `propriété ${p}`);
  }
  /** Without a sheet name, as the adapter builds addresses. */
  get address(): string {
    const s = this.ref();
    const a = this.rect();
    if (s && a) return `${quoteSheet(s.name)}!${a1(a)}`;
    return this.get<string>('address');
  }
  get rowIndex(): number {
    return this.get('rowIndex');
  }
  get columnIndex(): number {
    return this.get('columnIndex');
  }
  get rowCount(): number {
    return this.get('rowCount');
  }
  get columnCount(): number {
    return this.get('columnCount');
  }
  get values(): (string | number | boolean)[][] {
    return this.get('values');
  }
  get valueTypes(): string[][] {
    return this.get('valueTypes');
  }
  get numberFormat(): string[][] {
    return this.get('numberFormat');
  }
  get formulas(): unknown[][] {
    return this.get('formulas');
  }
  private setEach(v: unknown[][], prop: string, f: (cell: FakeCell, x: unknown) => void) {
    this.q(v, (s, a) => {
      const rows = a.bottom - a.top + 1;
      const cols = a.right - a.left + 1;
      if (v.length !== rows || v.some((r) => r.length !== cols)) throw new FakeExcelError('InvalidArgument', `${prop} : tableau ${v.length}×${v[0]?.length} pour une plage ${rows}×${cols}`);
      v.forEach((row, ri) =>
        row.forEach((x, ci) => {
          const k = key(a.top + ri, a.left + ci);
          let cell = s.cells.get(k);
          if (!cell) s.cells.set(k, (cell = { value: '' }));
          f(cell, x);
        }),
      );
    });
  }
  set values(v: unknown[][]) {
    this.setEach(v, 'values', enter);
  }
  set numberFormat(v: string[][]) {
    this.setEach(v, 'numberFormat', (cell, x) => void (cell.format = x as string));
  }
  set formulas(v: unknown[][]) {
    this.setEach(v, 'formulas', (cell, x) => {
      if (String(x).length > 8192) throw new FakeExcelError('InvalidArgument', 'formule de plus de 8 192 caractères');
      if (typeof x === 'string' && x.startsWith('=')) {
        cell.formula = x;
        cell.value = '';
        cell.type = undefined;
        cell.stale = this.ctx.formulaStale() || undefined;
      } else enter(cell, x);
    });
  }
  set hyperlink(h: { documentReference?: string; textToDisplay?: string }) {
    this.q(h, (s, a) => {
      let cell = s.cells.get(key(a.top, a.left));
      if (!cell) s.cells.set(key(a.top, a.left), (cell = { value: '' }));
      cell.link = h;
      if (h.textToDisplay) cell.value = h.textToDisplay;
    });
  }
  get format() {
    const mark = (payload: unknown, f: (c: FakeCell) => void) =>
      this.q(payload, (s, a) => {
        for (let r = a.top; r <= a.bottom; r++)
          for (let c = a.left; c <= a.right; c++) {
            let cell = s.cells.get(key(r, c));
            if (!cell) s.cells.set(key(r, c), (cell = { value: '' }));
            f(cell);
          }
      });
    const q = (payload: unknown, f: (s: FakeSheet, a: Rect) => void) => this.q(payload, f);
    return {
      font: {
        set bold(b: boolean) {
          mark(b, (c) => (c.bold = b));
        },
        set size(n: number) {
          mark(n, (c) => (c.size = n));
        },
      },
      fill: {
        set color(col: string) {
          mark(col, (c) => (c.fill = col));
        },
      },
      set columnWidth(w: number) {
        q(w, (s, a) => {
          for (let c = a.left; c <= a.right; c++) s.columnWidths.set(c, w);
        });
      },
      set wrapText(b: boolean) {
        mark(b, (c) => (c.wrap = b));
      },
      set horizontalAlignment(v: string) {
        mark(v, (c) => (c.horizontal = v));
      },
      set verticalAlignment(v: string) {
        mark(v, (c) => (c.vertical = v));
      },
      /** RangeFormat.rowHeight (ExcelApi 1.2), in points: Excel's rows are 0 to 409 points high. */
      set rowHeight(h: number) {
        if (h < 0 || h > 409) throw new FakeExcelError('InvalidArgument', `hauteur de ligne ${h}`);
        q(h, (s, a) => {
          s.rowHeights ??= new Map();
          for (let r = a.top; r <= a.bottom; r++) s.rowHeights.set(r, h);
        });
      },
    };
  }
  getEntireColumn() {
    return new FakeRange(this.ctx, this.ref, () => {
      const a = this.rect();
      return a && { top: 1, left: a.left, bottom: 1048576, right: a.right };
    });
  }
  /** clear('All' | 'Contents' | 'Formats'): cells of the range; a table wholly inside a Clear All goes too (desktop), else tables stay with their cells emptied. */
  clear(applyTo: string = 'All') {
    this.q(applyTo, (s, a) => {
      for (const [k, c] of [...s.cells]) {
        const [r, col] = k.split(',').map(Number);
        if (!inside({ top: r, left: col, bottom: r, right: col }, a)) continue;
        if (applyTo === 'Formats') s.cells.set(k, { value: c.value, formula: c.formula, type: c.type, link: c.link });
        else if (applyTo === 'Contents') s.cells.set(k, { value: '', format: c.format, bold: c.bold, size: c.size, fill: c.fill });
        else s.cells.delete(k);
      }
      if (applyTo === 'All') {
        s.merges = s.merges.filter((m) => !inside(parseAddress(m), a));
        // desktop Excel: a Clear All over a range holding a whole table deletes the table
        if (this.ctx.wb.platform === 'desktop') s.tables = s.tables.filter((t) => !inside(parseAddress(t.address), a));
      }
    });
  }
  get dataValidation() {
    const v = { address: '', source: '' } as FakeSheet['validations'][number];
    let added = false;
    const ensure = (s: FakeSheet, a: Rect) => {
      if (added) return;
      added = true;
      v.address = a1(a);
      s.validations = s.validations.filter((x) => !inside(parseAddress(x.address), a));
      s.validations.push(v);
    };
    const q = (payload: unknown, f: (s: FakeSheet, a: Rect) => void) => this.q(payload, f);
    return {
      set rule(r: { list: { source: string } }) {
        q(r, (s, a) => {
          ensure(s, a);
          if (r.list.source.length > 255 && !r.list.source.startsWith('=')) throw new FakeExcelError('InvalidArgument', 'liste de plus de 255 caractères');
          v.source = r.list.source;
        });
      },
      set errorAlert(e: { title: string; message: string }) {
        q(e, (s, a) => {
          ensure(s, a);
          v.title = e.title;
          v.message = e.message;
        });
      },
      set ignoreBlanks(_b: boolean) {
        q(_b, () => undefined);
      },
      clear: () => this.q('clear', (s, a) => void (s.validations = s.validations.filter((x) => !overlaps(parseAddress(x.address), a)))),
    };
  }
  get conditionalFormats() {
    return {
      add: (type: string) => {
        if (type !== 'Custom') throw new Error(`format conditionnel non simulé : ${type}`);
        const cf: FakeSheet['conditionalFormats'][number] = { address: '', formula: '' };
        this.q(type, (s, a) => {
          cf.address = a1(a);
          s.conditionalFormats.push(cf);
        });
        const q = (payload: unknown, f: () => void) => this.q(payload, f);
        return {
          custom: {
            rule: { set formula(f: string) { q(f, () => void (cf.formula = f)); } },
            format: {
              fill: { set color(c: string) { q(c, () => void (cf.fill = c)); } },
              font: { set color(c: string) { q(c, () => void (cf.font = c)); }, set bold(b: boolean) { q(b, () => void (cf.bold = b)); } },
            },
          },
        };
      },
      clearAll: () => this.q('clearAll', (s, a) => void (s.conditionalFormats = s.conditionalFormats.filter((x) => !overlaps(parseAddress(x.address), a)))),
    };
  }
  set rowHidden(h: boolean) {
    this.q(h, (s, a) => {
      if (!h) for (const r of [...s.hiddenRows]) if (r >= a.top && r <= a.bottom) s.hiddenRows.delete(r);
      else for (let r = a.top; r <= a.bottom; r++) s.hiddenRows.add(r);
    });
  }
  group(by: string) {
    if (!this.ctx.wb.isSetSupported('ExcelApi', '1.10')) throw new FakeExcelError('ApiNotFound', 'range.group (ExcelApi 1.10)');
    if (by !== 'ByRows') throw new Error('group par colonnes non simulé');
    this.q(by, (s, a) => void s.groups.push(`${a.top}:${a.bottom}`));
  }
  ungroup(by: string) {
    if (!this.ctx.wb.isSetSupported('ExcelApi', '1.10')) throw new FakeExcelError('ApiNotFound', 'range.ungroup (ExcelApi 1.10)');
    // "removes the outermost level from the outline" (office-js docs, Group and ungroup)
    this.q(by, (s, a) => {
      const inRange = s.groups.filter((g) => overlaps(parseAddress(g), a));
      // "ungrouping a sheet with no outline may throw" (issue 25): the fake always does
      if (!inRange.length) throw new FakeExcelError('InvalidOperation', 'aucun plan à dissocier');
      const outer = inRange.filter((g) => !inRange.some((h) => h !== g && inside(parseAddress(g), parseAddress(h))));
      s.groups = s.groups.filter((g) => !outer.includes(g));
    });
  }
  select() {
    this.ctx.enqueue(0, () => void (this.sheet().selected = `${columnLetter(this.a().left)}${this.a().top}`), undefined, false);
  }
  getMergedAreasOrNullObject() {
    if (!this.ctx.wb.isSetSupported('ExcelApi', '1.13')) throw new FakeExcelError('ApiNotFound', 'getMergedAreasOrNullObject (ExcelApi 1.13)');
    const areas = () => {
      const s = this.sheet();
      const a = this.a();
      return s.merges.filter((m) => overlaps(parseAddress(m), a));
    };
    const sheetName = () => this.sheet().name;
    return new (class extends Proxy {
      protected exists() {
        const n = areas().length;
        // reference: "if the merged areas count in this range is more than 512, then this method will fail"
        if (n > 512) throw new FakeExcelError('GeneralException', `${n} zones fusionnées (plus de 512)`);
        return n > 0;
      }
      protected read(p: string) {
        if (p === 'address') return areas().map((m) => `${quoteSheet(sheetName())}!${m}`).join(',');
        throw new FakeExcelError('InvalidArgument', `propriété ${p}`);
      }
      get address() {
        return this.get<string>('address');
      }
    })(this.ctx).trackNull();
  }
}

type CellChange = { sheet: string; key: string; cell?: FakeCell };
interface Changes {
  sheets: { name: string; visibility: FakeSheet['visibility'] }[];
  cells: CellChange[];
  settings: { key: string; value?: unknown; deleted?: boolean }[];
}
interface Snapshot {
  sheets: Map<FakeSheet, { name: string; visibility: FakeSheet['visibility']; cells: Map<string, string> }>;
  settings: Map<string, string>;
}
const cellJson = (c: FakeCell) => JSON.stringify({ ...c, stale: undefined });

function snapshot(wb: FakeWorkbook): Snapshot {
  return {
    sheets: new Map(wb.sheets.map((s) => [s, { name: s.name, visibility: s.visibility, cells: new Map([...s.cells].map(([k, c]) => [k, cellJson(c)])) }])),
    settings: new Map([...wb.settings].map(([k, v]) => [k, JSON.stringify(v)])),
  };
}

function changesSince(before: Snapshot, wb: FakeWorkbook): Changes {
  const out: Changes = { sheets: [], cells: [], settings: [] };
  for (const s of wb.sheets) {
    const was = before.sheets.get(s);
    if (!was || was.visibility !== s.visibility) out.sheets.push({ name: s.name, visibility: s.visibility });
    for (const [k, c] of s.cells) if (was?.cells.get(k) !== cellJson(c)) out.cells.push({ sheet: s.name, key: k, cell: { ...c } });
    if (was) for (const k of was.cells.keys()) if (!s.cells.has(k)) out.cells.push({ sheet: s.name, key: k });
  }
  for (const [k, v] of wb.settings) if (before.settings.get(k) !== JSON.stringify(v)) out.settings.push({ key: k, value: v });
  for (const k of before.settings.keys()) if (!wb.settings.has(k)) out.settings.push({ key: k, deleted: true });
  return out;
}

/**
 * One co-authored document and its co-authors' copies (Excel on the web or desktop with
 * AutoSave): a copy sees its own writes at once and the others' `delayMs` later. Every change is
 * numbered in the document's order; a copy takes a change only if it has no later one for that
 * cell, sheet or setting, so that every copy ends with the last writer's value. Settings travel
 * like cells here: in Excel each co-author works on an in-memory copy of them (office-js
 * reference, Office.Settings: « settingsChanged » fires only on the web), so the lock and the
 * merge on save must not count on them.
 */
export class FakeCoauthoring {
  private seq = 0;
  private pending = 0;
  private idle: (() => void)[] = [];
  readonly copies: FakeWorkbook[] = [];
  private versions = new Map<FakeWorkbook, Map<string, number>>();
  constructor(
    public delayMs = 20,
    /** Settings reach the other copies this much later (default: as cells). */
    public settingsDelayMs = delayMs,
  ) {}

  /** A co-author opens the document: a copy of `from` (or an empty workbook). */
  join(from?: FakeWorkbook, opts: FakeOptions = {}): FakeWorkbook {
    const wb = new FakeWorkbook(opts);
    if (from) {
      wb.name = from.name;
      for (const s of from.sheets) {
        const c = wb.addSheet(s.name);
        c.visibility = s.visibility;
        for (const [k, cell] of s.cells) c.cells.set(k, { ...cell });
      }
      for (const [k, v] of from.settings) wb.settings.set(k, v);
    }
    wb.coauthoring = this;
    this.copies.push(wb);
    this.versions.set(wb, new Map(this.versions.get(from!) ?? []));
    return wb;
  }

  /** Resolves once every change sent so far has reached every copy. */
  settled(): Promise<void> {
    return this.pending ? new Promise((r) => this.idle.push(r)) : Promise.resolve();
  }

  publish(from: FakeWorkbook, ch: Changes) {
    if (!ch.sheets.length && !ch.cells.length && !ch.settings.length) return;
    const seq = ++this.seq;
    const mine = this.versions.get(from)!;
    for (const s of ch.sheets) mine.set(`sheet:${s.name.toLowerCase()}`, seq);
    for (const c of ch.cells) mine.set(`cell:${c.sheet.toLowerCase()}!${c.key}`, seq);
    for (const s of ch.settings) mine.set(`setting:${s.key}`, seq);
    for (const to of this.copies) {
      if (to === from) continue;
      this.deliver(to, () => this.applyCells(to, ch, seq), this.delayMs);
      if (ch.settings.length) this.deliver(to, () => this.applySettings(to, ch, seq), this.settingsDelayMs);
    }
  }

  private deliver(to: FakeWorkbook, apply: () => void, delay: number) {
    this.pending++;
    setTimeout(() => {
      apply();
      if (--this.pending === 0) for (const r of this.idle.splice(0)) r();
    }, delay);
    void to;
  }

  private newer(to: FakeWorkbook, id: string, seq: number) {
    const v = this.versions.get(to)!;
    if ((v.get(id) ?? 0) > seq) return false;
    v.set(id, seq);
    return true;
  }

  private applyCells(to: FakeWorkbook, ch: Changes, seq: number) {
    const find = (n: string) => to.sheets.find((s) => s.name.toLowerCase() === n.toLowerCase());
    for (const s of ch.sheets) {
      const mine = find(s.name);
      if (!mine) to.addSheet(s.name).visibility = s.visibility;
      else if (this.newer(to, `sheet:${s.name.toLowerCase()}`, seq)) mine.visibility = s.visibility;
    }
    for (const c of ch.cells) {
      const sheet = find(c.sheet);
      if (!sheet || !this.newer(to, `cell:${c.sheet.toLowerCase()}!${c.key}`, seq)) continue;
      if (c.cell) sheet.cells.set(c.key, { ...c.cell });
      else sheet.cells.delete(c.key);
    }
  }

  private applySettings(to: FakeWorkbook, ch: Changes, seq: number) {
    for (const s of ch.settings) {
      if (!this.newer(to, `setting:${s.key}`, seq)) continue;
      if (s.deleted) to.settings.delete(s.key);
      else to.settings.set(s.key, s.value);
    }
  }
}
