/**
 * A small in-memory model of the parts of the Excel JavaScript API the office adapter uses.
 * It behaves like Excel where it matters for the tests: loaded properties can only be read after
 * `context.sync()`, a string starting with "=" becomes a formula unless the cell is formatted as
 * text ("@"), tables and settings are workbook-wide. It records every sync and the size of what
 * each sync would send, and which sheets were modified.
 */
import { columnLetter } from '../../../src/core/import/column-letter';

export interface FakeCell {
  value: string | number | boolean;
  type?: 'Error';
  format?: string;
  formula?: string;
  link?: { documentReference?: string; textToDisplay?: string };
  bold?: boolean;
  size?: number;
  fill?: string;
}

export interface FakeSheet {
  name: string;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden';
  cells: Map<string, FakeCell>;
  tables: { name: string; address: string; style?: string }[];
  validations: { address: string; source: string; title?: string; message?: string }[];
  conditionalFormats: { address: string; formula: string; fill?: string; font?: string; bold?: boolean }[];
  groups: string[];
  freeze?: string;
  print: { orientation?: string; paperSize?: string; fitWidth?: number; fitHeight?: number; titleRows?: string; leftHeader?: string; centerFooter?: string };
  tabColor?: string;
  charts: FakeChart[];
  columnWidths: Map<number, number>;
  merges: string[];
  active?: boolean;
  selected?: string;
}

export interface FakeChart {
  type: string;
  source: string;
  seriesBy: string;
  title?: string;
  position?: string;
  series: { name?: string; values?: string; categories?: string }[];
  legend?: string;
  valueFormat?: string;
}

const colNumber = (s: string) => s.split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

export function parseAddress(a: string) {
  const bare = a.replace(/^.*!/, '').replace(/\$/g, '');
  let m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(bare);
  if (m) return { top: Number(m[2]), left: colNumber(m[1]), bottom: Number(m[4] ?? m[2]), right: colNumber(m[3] ?? m[1]) };
  m = /^(\d+):(\d+)$/.exec(bare);
  if (m) return { top: Number(m[1]), left: 1, bottom: Number(m[2]), right: 16384 };
  m = /^([A-Z]+):([A-Z]+)$/.exec(bare);
  if (m) return { top: 1, left: colNumber(m[1]), bottom: 1048576, right: colNumber(m[2]) };
  throw new Error(`adresse invalide dans le faux Excel : ${a}`);
}

const key = (r: number, c: number) => `${r},${c}`;

export class FakeWorkbook {
  name = 'Pilotage 2020.xlsx';
  sheets: FakeSheet[] = [];
  settings = new Map<string, unknown>();
  syncs = 0;
  /** Estimated characters sent by each sync (values, formats and other payloads). */
  payloads: number[] = [];
  pending = 0;
  modified = new Set<string>();
  calcSuspensions = 0;
  screenSuspensions = 0;

  addSheet(name: string, rows: (string | number | boolean | null | { error: string } | { serial: number; format: string })[][] = [], hidden = false): FakeSheet {
    const s: FakeSheet = {
      name,
      visibility: hidden ? 'Hidden' : 'Visible',
      cells: new Map(),
      tables: [],
      validations: [],
      conditionalFormats: [],
      groups: [],
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

  /** The `Excel.run` of this workbook. */
  run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => batch(new FakeContext(this) as unknown as Excel.RequestContext);
}

/** Objects whose loaded properties are readable only after a sync. */
class Loadable {
  protected ready = false;
  private wanted = false;
  constructor(protected ctx: FakeContext) {}
  load(_props?: string | string[] | object) {
    this.wanted = true;
    this.ctx.loads.push(this);
    return this;
  }
  /** called by sync */
  settle() {
    if (this.wanted) this.ready = true;
  }
  protected need(prop: string) {
    if (!this.ready) throw new Error(`PropertyNotLoaded: ${prop} lu avant load() + sync()`);
  }
}

class FakeContext {
  loads: Loadable[] = [];
  workbook: FakeWorkbookApi;
  application: { suspendApiCalculationUntilNextSync(): void; suspendScreenUpdatingUntilNextSync(): void };
  constructor(public wb: FakeWorkbook) {
    this.workbook = new FakeWorkbookApi(this);
    this.application = {
      suspendApiCalculationUntilNextSync: () => void wb.calcSuspensions++,
      suspendScreenUpdatingUntilNextSync: () => void wb.screenSuspensions++,
    };
  }
  send(obj: unknown, sheet?: string) {
    this.wb.pending += JSON.stringify(obj ?? null).length;
    if (sheet) this.wb.modified.add(sheet);
  }
  async sync() {
    this.wb.syncs++;
    this.wb.payloads.push(this.wb.pending);
    this.wb.pending = 0;
    for (const l of this.loads) l.settle();
    this.loads = [];
  }
}

class FakeWorkbookApi extends Loadable {
  worksheets: FakeWorksheets;
  tables: FakeTables;
  settings: FakeSettings;
  constructor(ctx: FakeContext) {
    super(ctx);
    this.worksheets = new FakeWorksheets(ctx);
    this.tables = new FakeTables(ctx);
    this.settings = new FakeSettings(ctx);
  }
  get name() {
    this.need('workbook.name');
    return this.ctx.wb.name;
  }
}

class FakeSettings {
  constructor(private ctx: FakeContext) {}
  add(k: string, v: unknown) {
    this.ctx.send(v);
    this.ctx.wb.settings.set(k, v);
  }
  getItemOrNullObject(k: string) {
    const ctx = this.ctx;
    return new (class extends Loadable {
      get isNullObject() {
        this.need('isNullObject');
        return !ctx.wb.settings.has(k);
      }
      get value() {
        this.need('value');
        return ctx.wb.settings.get(k);
      }
    })(ctx);
  }
}

class FakeTables extends Loadable {
  get items() {
    this.need('tables.items');
    return this.ctx.wb.sheets.flatMap((s) => s.tables.map((t) => ({ name: t.name, worksheet: { name: s.name } })));
  }
}

class FakeWorksheets extends Loadable {
  get items() {
    this.need('worksheets.items');
    return this.ctx.wb.sheets.map((s) => new FakeWorksheet(this.ctx, s, true));
  }
  add(name: string) {
    if (this.ctx.wb.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) throw new Error(`ItemAlreadyExists: ${name}`);
    this.ctx.send(name, name);
    return new FakeWorksheet(this.ctx, this.ctx.wb.addSheet(name), true);
  }
  getItem(name: string) {
    return new FakeWorksheet(this.ctx, this.ctx.wb.sheet(name), true);
  }
  getItemOrNullObject(name: string) {
    const s = this.ctx.wb.sheets.find((x) => x.name === name);
    return s ? new FakeWorksheet(this.ctx, s, true) : { isNullObject: true };
  }
}

class FakeWorksheet extends Loadable {
  isNullObject = false;
  tables: { add: (address: string, hasHeaders: boolean) => { name: string; style: string } };
  freezePanes: { freezeAt(r: string): void; freezeRows(n: number): void; freezeColumns(n: number): void };
  pageLayout: Record<string, unknown>;
  charts: { add(type: string, source: FakeRange, seriesBy: string): unknown };
  constructor(ctx: FakeContext, public s: FakeSheet, loaded: boolean) {
    super(ctx);
    this.ready = loaded;
    this.tables = {
      add: (address, hasHeaders) => {
        if (!hasHeaders) throw new Error('tables.add sans en-têtes');
        const t = { name: `Tableau${s.tables.length + 1}`, address, style: '' };
        s.tables.push(t);
        ctx.send(address, s.name);
        return {
          set name(n: string) {
            if (ctx.wb.sheets.some((x) => x.tables.some((y) => y !== t && y.name.toLowerCase() === n.toLowerCase()))) throw new Error(`nom de tableau déjà pris : ${n}`);
            t.name = n;
          },
          get name() {
            return t.name;
          },
          set style(v: string) {
            t.style = v;
          },
          get style() {
            return t.style;
          },
        };
      },
    };
    this.freezePanes = {
      freezeAt: (r) => void (s.freeze = r),
      freezeRows: (n) => void (s.freeze = `${n}:${n}`),
      freezeColumns: (n) => void (s.freeze = `A:${columnLetter(n)}`),
    };
    const hf = {
      set leftHeader(v: string) {
        s.print.leftHeader = v;
      },
      set centerFooter(v: string) {
        s.print.centerFooter = v;
      },
    };
    this.pageLayout = {
      set orientation(v: string) {
        s.print.orientation = v;
      },
      set paperSize(v: string) {
        s.print.paperSize = v;
      },
      set zoom(v: { horizontalFitToPages?: number; verticalFitToPages?: number }) {
        s.print.fitWidth = v.horizontalFitToPages;
        s.print.fitHeight = v.verticalFitToPages;
      },
      setPrintTitleRows: (r: string) => void (s.print.titleRows = r),
      headersFooters: { defaultForAllPages: hf },
    };
    this.charts = {
      add: (type, source, seriesBy) => {
        const c: FakeChart = { type, source: source.address, seriesBy, series: [] };
        s.charts.push(c);
        ctx.send(c, s.name);
        // one series per column (or row) of the source, as Excel makes them
        const a = parseAddress(source.address);
        const n = seriesBy === 'Columns' ? a.right - a.left + 1 : a.bottom - a.top + 1;
        for (let i = 0; i < n; i++) c.series.push({});
        const series = (x: FakeChart['series'][number]) => ({
          set name(v: string) {
            x.name = v;
          },
          setValues: (r: FakeRange) => void (x.values = r.address),
          setXAxisValues: (r: FakeRange) => void (x.categories = r.address),
        });
        return {
          title: { set text(t: string) { c.title = t; } },
          setPosition: (p: string, q?: string) => void (c.position = q ? `${p}:${q}` : p),
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
    };
  }
  get name() {
    return this.s.name;
  }
  set name(n: string) {
    this.ctx.send(n, this.s.name);
    this.s.name = n;
  }
  get visibility() {
    return this.s.visibility;
  }
  set tabColor(c: string) {
    this.ctx.send(c, this.s.name);
    this.s.tabColor = c;
  }
  delete() {
    this.ctx.send('delete', this.s.name);
    this.ctx.wb.sheets = this.ctx.wb.sheets.filter((x) => x !== this.s);
  }
  activate() {
    for (const x of this.ctx.wb.sheets) x.active = x === this.s;
  }
  getRange(address?: string) {
    return new FakeRange(this.ctx, this.s, address ? parseAddress(address) : { top: 1, left: 1, bottom: 1048576, right: 16384 });
  }
  getRangeByIndexes(r: number, c: number, rows: number, cols: number) {
    return new FakeRange(this.ctx, this.s, { top: r + 1, left: c + 1, bottom: r + rows, right: c + cols });
  }
  getUsedRangeOrNullObject(_valuesOnly?: boolean) {
    let top = Infinity,
      left = Infinity,
      bottom = 0,
      right = 0;
    for (const [k, v] of this.s.cells) {
      if (v.value === '' && !v.formula) continue;
      const [r, c] = k.split(',').map(Number);
      top = Math.min(top, r);
      left = Math.min(left, c);
      bottom = Math.max(bottom, r);
      right = Math.max(right, c);
    }
    const r = new FakeRange(this.ctx, this.s, { top, left, bottom, right });
    r.isNullObjectValue = bottom === 0;
    return r;
  }
}

class FakeRange extends Loadable {
  isNullObjectValue = false;
  constructor(ctx: FakeContext, private s: FakeSheet, private a: { top: number; left: number; bottom: number; right: number }) {
    super(ctx);
  }
  get isNullObject() {
    this.need('isNullObject');
    return this.isNullObjectValue;
  }
  get address() {
    return `${this.s.name}!${columnLetter(this.a.left)}${this.a.top}:${columnLetter(this.a.right)}${this.a.bottom}`;
  }
  get rowIndex() {
    this.need('rowIndex');
    return this.a.top - 1;
  }
  get columnIndex() {
    this.need('columnIndex');
    return this.a.left - 1;
  }
  get rowCount() {
    this.need('rowCount');
    return this.a.bottom - this.a.top + 1;
  }
  get columnCount() {
    this.need('columnCount');
    return this.a.right - this.a.left + 1;
  }
  private each<T>(f: (cell: FakeCell | undefined, r: number, c: number) => T): T[][] {
    const out: T[][] = [];
    for (let r = this.a.top; r <= this.a.bottom; r++) {
      const row: T[] = [];
      for (let c = this.a.left; c <= this.a.right; c++) row.push(f(this.s.cells.get(key(r, c)), r, c));
      out.push(row);
    }
    return out;
  }
  private cellAt(r: number, c: number): FakeCell {
    let cell = this.s.cells.get(key(r, c));
    if (!cell) this.s.cells.set(key(r, c), (cell = { value: '' }));
    return cell;
  }
  private setEach(v: unknown[][], prop: string, f: (cell: FakeCell, x: unknown) => void) {
    const rows = this.a.bottom - this.a.top + 1;
    const cols = this.a.right - this.a.left + 1;
    if (v.length !== rows || v.some((r) => r.length !== cols)) throw new Error(`${prop} : tableau ${v.length}×${v[0]?.length} pour une plage ${rows}×${cols}`);
    this.ctx.send(v, this.s.name);
    v.forEach((row, ri) => row.forEach((x, ci) => f(this.cellAt(this.a.top + ri, this.a.left + ci), x)));
  }
  get values() {
    this.need('values');
    return this.each((c) => (c ? c.value : ''));
  }
  set values(v: unknown[][]) {
    this.setEach(v, 'values', (cell, x) => {
      cell.type = undefined;
      cell.formula = undefined;
      // like Excel: "=…" typed in a cell that is not text becomes a formula
      if (typeof x === 'string' && /^[=]/.test(x) && cell.format !== '@') cell.formula = x;
      cell.value = x as FakeCell['value'];
    });
  }
  get valueTypes() {
    this.need('valueTypes');
    return this.each((c) => (!c || c.value === '' ? 'Empty' : c.type === 'Error' ? 'Error' : typeof c.value === 'number' ? 'Double' : typeof c.value === 'boolean' ? 'Boolean' : 'String'));
  }
  get numberFormat() {
    this.need('numberFormat');
    return this.each((c) => c?.format ?? 'General');
  }
  set numberFormat(v: string[][]) {
    this.setEach(v, 'numberFormat', (cell, x) => void (cell.format = x as string));
  }
  set formulas(v: unknown[][]) {
    this.setEach(v, 'formulas', (cell, x) => {
      cell.formula = String(x);
      cell.value = '';
    });
  }
  set hyperlink(h: { documentReference?: string; textToDisplay?: string }) {
    this.ctx.send(h, this.s.name);
    const cell = this.cellAt(this.a.top, this.a.left);
    cell.link = h;
    if (h.textToDisplay) cell.value = h.textToDisplay;
  }
  get format() {
    const { ctx, s, a } = this;
    const mark = (f: (c: FakeCell) => void) => {
      this.ctx.send(this.address, this.s.name);
      this.each((_c, r, c) => f(this.cellAt(r, c)));
    };
    return {
      font: {
        set bold(b: boolean) {
          mark((c) => (c.bold = b));
        },
        set size(n: number) {
          mark((c) => (c.size = n));
        },
      },
      fill: {
        set color(col: string) {
          mark((c) => (c.fill = col));
        },
      },
      set columnWidth(w: number) {
        ctx.send(w, s.name);
        for (let c = a.left; c <= a.right; c++) s.columnWidths.set(c, w);
      },
    };
  }
  getEntireColumn() {
    return new FakeRange(this.ctx, this.s, { top: 1, left: this.a.left, bottom: 1048576, right: this.a.right });
  }
  get dataValidation() {
    const v = { address: this.address.replace(/^.*!/, ''), source: '' } as FakeSheet['validations'][number];
    this.s.validations.push(v);
    this.ctx.send(v.address, this.s.name);
    return {
      set rule(r: { list: { source: string } }) {
        v.source = r.list.source;
      },
      set errorAlert(e: { title: string; message: string }) {
        v.title = e.title;
        v.message = e.message;
      },
      set ignoreBlanks(_b: boolean) {},
    };
  }
  get conditionalFormats() {
    return {
      add: (type: string) => {
        if (type !== 'Custom') throw new Error(`format conditionnel non simulé : ${type}`);
        const cf: FakeSheet['conditionalFormats'][number] = { address: this.address.replace(/^.*!/, ''), formula: '' };
        this.s.conditionalFormats.push(cf);
        this.ctx.send(cf, this.s.name);
        return {
          custom: {
            rule: { set formula(f: string) { cf.formula = f; } },
            format: {
              fill: { set color(c: string) { cf.fill = c; } },
              font: { set color(c: string) { cf.font = c; }, set bold(b: boolean) { cf.bold = b; } },
            },
          },
        };
      },
    };
  }
  group(by: string) {
    if (by !== 'ByRows') throw new Error('group par colonnes non simulé');
    this.ctx.send(by, this.s.name);
    this.s.groups.push(`${this.a.top}:${this.a.bottom}`);
  }
  select() {
    this.s.selected = `${columnLetter(this.a.left)}${this.a.top}`;
  }
  getMergedAreasOrNullObject() {
    const s = this.s;
    return new (class extends Loadable {
      get isNullObject() {
        this.need('isNullObject');
        return s.merges.length === 0;
      }
      get address() {
        this.need('address');
        return s.merges.map((m) => `${s.name}!${m}`).join(',');
      }
    })(this.ctx);
  }
}
