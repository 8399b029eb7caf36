import { Unzip, UnzipInflate, strFromU8, unzipSync, type Unzipped } from 'fflate';
import type { CellValue, Grid } from '../../core/model/grid';
import { noResult, resolveFormulaCells, shiftFormula } from '../../core/parse/evaluate-formula';
import { ownString } from '../../core/parse/own-string';
import { INPUT_LIMITS } from './sniff-format';

/**
 * Reads the cells of an .xlsx package straight from its sheet XML, without exceljs's workbook
 * model: for a workbook that another program saved in a way exceljs cannot load (absolute part
 * names, tables, drawings or styles it does not understand). Values and cached formula results
 * only; shared strings, inline strings, booleans and error cells. Tolerates namespace prefixes
 * (`<x:c>`) and the strict OOXML namespaces. A formula stored without its result is worked out
 * when simple (core/parse/evaluate-formula.ts), else marked so: never read as an empty cell.
 */
export interface XmlCell {
  value: CellValue;
  /** The formula text without '=', when the cell holds one (shared formulas: the master's only). */
  formula?: string;
  /**
   * A formula cell stored without its result (a file written by a script): the formula to work
   * out, a shared one moved to this cell; '' when it could not be moved. `value` is then null.
   */
  noResult?: string;
}

export interface XmlSheet {
  name: string;
  hidden: boolean;
  /** cells[row-1][col-1] */
  cells: (XmlCell | undefined)[][];
  merges: { top: number; left: number; bottom: number; right: number }[];
  /** Columns the sheet hides (1-based), from its <cols>. */
  hiddenCols?: number[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeXml(s: string): string {
  // most cell texts hold no entity and no _xHHHH_ escape
  if (!s.includes('&') && !s.includes('_x')) return s;
  return s
    .replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
      e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ENTITIES[e],
    )
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

// one compiled expression per attribute name (millions of cells: compiling each time cost seconds)
const ATTR = new Map<string, RegExp>();
const attr = (tag: string, name: string): string | undefined => {
  let re = ATTR.get(name);
  if (!re) ATTR.set(name, (re = new RegExp(`\\s(?:\\w+:)?${name}\\s*=\\s*("([^"]*)"|'([^']*)')`)));
  const m = re.exec(tag);
  return m ? decodeXml(m[2] ?? m[3]) : undefined;
};

/** The text of every `<t>` in an `<si>` or `<is>` (rich text runs joined; phonetic runs skipped). */
function textOf(xml: string): string {
  const noPhonetic = xml.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, '');
  let out = '';
  for (const m of noPhonetic.matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g)) out += decodeXml(m[1]);
  return out;
}

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

function parseRef(ref: string): { row: number; col: number } | undefined {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref);
  return m ? { col: colNumber(m[1]), row: Number(m[2]) } : undefined;
}

/** `xl/worksheets/sheet1.xml` from a relationship target, relative or absolute. */
/** The path of part `to` relative to folder `fromDir` (« ../charts/chart1.xml »), as relationships write it. */
export function relativePart(fromDir: string, to: string): string {
  const a = fromDir ? fromDir.split('/') : [];
  const b = to.split('/');
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
}

export function resolvePart(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

function entry(zip: Unzipped, name: string): string | undefined {
  const direct = zip[name];
  if (direct) return strFromU8(direct);
  // part names are case-insensitive in OPC
  const k = Object.keys(zip).find((x) => x.toLowerCase() === name.toLowerCase());
  return k ? strFromU8(zip[k]) : undefined;
}

function rels(zip: Unzipped, part: string): Map<string, string> {
  const dir = part.split('/').slice(0, -1).join('/');
  const file = part.split('/').pop();
  const xml = entry(zip, `${dir ? dir + '/' : ''}_rels/${file}.rels`) ?? '';
  const out = new Map<string, string>();
  for (const m of xml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const id = attr(m[0], 'Id');
    const target = attr(m[0], 'Target');
    if (id && target && attr(m[0], 'TargetMode') !== 'External') out.set(id, resolvePart(part, target));
  }
  return out;
}

/** Which cell styles show a number as a date, read from styles.xml as exceljs reads them. */
interface DateStyles {
  isDate(styleIndex: string | undefined): boolean;
  date1904: boolean;
}
const NO_DATES: DateStyles = { isDate: () => false, date1904: false };

/** Built-in number formats that are dates or times (exceljs's table: 14–22, 45–47). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** A format code showing a date or a time: y, m, d, h, s or b outside quotes and brackets. */
export function isDateFormat(code: string): boolean {
  return /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

function dateStyles(stylesXml: string, date1904: boolean): DateStyles {
  const custom = new Map<number, string>();
  for (const m of stylesXml.matchAll(/<(?:\w+:)?numFmt\b[^>]*>/g)) {
    const id = Number(attr(m[0], 'numFmtId'));
    const code = attr(m[0], 'formatCode');
    if (Number.isFinite(id) && code !== undefined) custom.set(id, code);
  }
  const xfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(stylesXml)?.[1] ?? '';
  const dateXf: boolean[] = [];
  for (const m of xfs.matchAll(/<(?:\w+:)?xf\b[^>]*>/g)) {
    const id = Number(attr(m[0], 'numFmtId') ?? 0);
    const code = custom.get(id);
    dateXf.push(code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id));
  }
  if (!dateXf.some(Boolean)) return { ...NO_DATES, date1904 };
  return { isDate: (s) => s !== undefined && dateXf[Number(s)] === true, date1904 };
}

/** The instant exceljs gives a date serial (days since 1899-12-30, UTC; 1904 system shifted). */
export function excelToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

function parseSheet(xml: string, shared: string[], name: string, hidden: boolean, dates: DateStyles = NO_DATES): XmlSheet {
  const p = sheetParser(shared, name, hidden, dates);
  p.rows(/<(?:\w+:)?sheetData\b[^>]*>([\s\S]*?)<\/(?:\w+:)?sheetData>/.exec(xml)?.[1] ?? '');
  p.merges(xml);
  return p.done();
}

/**
 * The cells of a sheet, read from pieces of its XML each made of whole rows (`rows`), so that a
 * sheet of hundreds of Mo is read without ever being one string (see streamSheetXml).
 */
function sheetParser(shared: string[], name: string, hidden: boolean, dates: DateStyles, valuesOnly = false) {
  const cells: (XmlCell | undefined)[][] = [];
  // values only (a grid, no formulas): one value per cell rather than an object
  const values: CellValue[][] = [];
  // texts are copied out of the piece they were cut from (ownString), each distinct one once:
  // otherwise one kept text keeps its whole piece of XML alive
  const texts = new Map<string, string>();
  const own = (v: CellValue): CellValue => {
    if (typeof v !== 'string') return v;
    let o = texts.get(v);
    if (o === undefined) {
      o = ownString(v);
      texts.set(o, o); // the key too: a cut-out key would keep its piece of XML alive
    }
    return o;
  };
  const merges: XmlSheet['merges'] = [];
  const hiddenCols = new Set<number>();
  // shared formulas' masters (si → text and cell), to move their text to a child without result
  const masters = new Map<string, { formula: string; row: number; col: number }>();
  const maxCells = INPUT_LIMITS.loadedCellsPerSheet;
  let count = 0;
  let rowNo = 0;
  return {
    rows(xml: string) {
      for (const rm of xml.matchAll(/<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g)) {
        const r = attr(rm[1], 'r');
        rowNo = r ? Number(r) : rowNo + 1;
        let colNo = 0;
        for (const cm of (rm[2] ?? '').matchAll(/<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g)) {
          const ref = attr(cm[1], 'r');
          const at = ref ? parseRef(ref) : undefined;
          colNo = at ? at.col : colNo + 1;
          const row = at ? at.row : rowNo;
          if (colNo > INPUT_LIMITS.columns) continue;
          const t = attr(cm[1], 't') ?? 'n';
          const body = cm[2] ?? '';
          const v = /<(?:\w+:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?v>/.exec(body)?.[1];
          const fm = /<(?:\w+:)?f\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?f>)/.exec(body);
          const f = fm?.[2];
          // a formula's text with its cell, or (no result stored) the text to work out
          let pending: string | undefined;
          if (fm && !valuesOnly) {
            const si = fm[1].includes('shared') && attr(fm[1], 't') === 'shared' ? attr(fm[1], 'si') : undefined;
            if (si !== undefined && f !== undefined && f.trim() !== '') masters.set(si, { formula: decodeXml(f), row, col: colNo });
            if (t !== 'inlineStr' && (v === undefined || (t !== 'str' && v.trim() === ''))) {
              if (f !== undefined && f.trim() !== '') pending = decodeXml(f);
              else {
                const m = si !== undefined ? masters.get(si) : undefined;
                pending = (m && shiftFormula(m.formula, row - m.row, colNo - m.col)) ?? '';
              }
            }
          }
          let value: CellValue = null;
          if (t === 's') value = v !== undefined ? (shared[Number(v)] ?? null) : null;
          else if (t === 'inlineStr') value = textOf(body.replace(/<(?:\w+:)?f\b[\s\S]*?<\/(?:\w+:)?f>/g, ''));
          else if (t === 'str') value = v !== undefined ? decodeXml(v) : null;
          else if (t === 'b') value = v !== undefined ? v.trim() === '1' : null;
          else if (t === 'e') value = v !== undefined ? { error: decodeXml(v) } : null;
          else if (t === 'd') value = v !== undefined && !Number.isNaN(Date.parse(v)) ? new Date(v) : null;
          else if (v !== undefined && v.trim() !== '') {
            const n = Number(v);
            // a number shown as a date is the date (as exceljs reads it: same serial, same instant)
            value = Number.isFinite(n) ? (dates.isDate(attr(cm[1], 's')) ? excelToDate(n, dates.date1904) : n) : decodeXml(v);
          }
          if (value === null && f === undefined && pending === undefined) continue;
          if (++count > maxCells) throw new Error(`la feuille « ${name} » dépasse ${maxCells.toLocaleString('fr-FR')} cellules`);
          value = own(value);
          if (valuesOnly) (values[row - 1] ??= [])[colNo - 1] = value;
          else {
            const cell: XmlCell = f !== undefined && f.trim() !== '' ? { value, formula: ownString(decodeXml(f)) } : { value };
            if (pending !== undefined) cell.noResult = ownString(pending);
            (cells[row - 1] ??= [])[colNo - 1] = cell;
          }
        }
      }
    },
    merges(xml: string) {
      // hidden columns (<col min max hidden="1">) come before the rows: in the first piece
      if (xml.includes('<cols') || xml.includes(':cols'))
        for (const m of xml.matchAll(/<(?:\w+:)?col\b[^>]*>/g)) {
          const h = attr(m[0], 'hidden');
          if (h !== '1' && h !== 'true') continue;
          const min = Number(attr(m[0], 'min'));
          const max = Math.min(Number(attr(m[0], 'max')), INPUT_LIMITS.columns);
          for (let c = min; Number.isInteger(c) && c <= max; c++) hiddenCols.add(c);
        }
      for (const m of xml.matchAll(/<(?:\w+:)?mergeCell\b[^>]*>/g)) {
        const [a, b] = (attr(m[0], 'ref') ?? '').split(':');
        const p = a ? parseRef(a) : undefined;
        const q = b ? parseRef(b) : p;
        if (p && q) merges.push({ top: p.row, left: p.col, bottom: q.row, right: q.col });
      }
    },
    done(): XmlSheet {
      for (let i = 0; i < cells.length; i++) cells[i] ??= [];
      return { name, hidden, cells, merges, ...(hiddenCols.size ? { hiddenCols: [...hiddenCols] } : {}) };
    },
    grid(file: string): Grid {
      for (let i = 0; i < values.length; i++) values[i] = values[i] ? Array.from(values[i], (v) => v ?? null) : [];
      return { file, sheet: name, hidden, rows: values, merges };
    },
  };
}

/**
 * One sheet part inflated piece by piece (fflate's streaming Unzip: no other entry inflated),
 * decoded as UTF-8 and handed to the parser in pieces that end before a row starts.
 */
function streamSheetXml(bytes: Uint8Array, part: string, parser: ReturnType<typeof sheetParser>): boolean {
  const decoder = new TextDecoder();
  let buf = '';
  let found = false;
  let failure: Error | undefined;
  const feed = (final: boolean) => {
    const cut = final ? buf.length : lastRowStart(buf);
    if (cut <= 0) return;
    const piece = buf.slice(0, cut);
    buf = buf.slice(cut);
    parser.rows(piece);
    parser.merges(piece);
  };
  const unzip = new Unzip((file) => {
    if (file.name !== part || found) return;
    found = true;
    file.ondata = (err, data, final) => {
      if (err) failure = err;
      else {
        buf += decoder.decode(data, { stream: !final });
        try {
          feed(final);
        } catch (e) {
          failure = e as Error;
        }
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  const STEP = 64 << 10;
  for (let at = 0; at < bytes.length && !failure; at += STEP) unzip.push(bytes.subarray(at, Math.min(bytes.length, at + STEP)), at + STEP >= bytes.length);
  if (failure) throw failure;
  return found;
}

/** Where the last row element starts (`<row` or a prefixed `<x:row`); everything before it is whole rows. */
function lastRowStart(s: string): number {
  const plain = s.lastIndexOf('<row');
  const colon = s.lastIndexOf(':row');
  if (colon > plain) {
    const lt = s.lastIndexOf('<', colon);
    if (lt >= 0 && /^<\w+$/.test(s.slice(lt, colon))) return lt;
  }
  return plain;
}

/** The sheets of an .xlsx package, read from their XML. Throws (French) when the package has no workbook part. */
export function readSheetXml(bytes: Uint8Array, only?: Iterable<string>): XmlSheet[] {
  return readSheets(bytes, only).sheets;
}

/**
 * Grids of the named sheets only, read as they inflate, one value per cell: a re-fill reads the
 * previous Financements table (hundreds of Mo of XML) this way in bounded memory.
 */
export function readSheetGrids(file: string, bytes: Uint8Array, only: Iterable<string>): Grid[] {
  return readSheets(bytes, only, file).grids;
}

function readSheets(bytes: Uint8Array, only?: Iterable<string>, gridsOf?: string): { sheets: XmlSheet[]; grids: Grid[] } {
  const grids: Grid[] = [];
  const wanted = only ? new Set([...only].map((n) => n.toLowerCase())) : undefined;
  // with `only`: the other sheets and the drawings are not even inflated (a re-fill reads one table)
  const zip = wanted
    ? unzipSync(bytes, { filter: (f) => !/^xl\/(worksheets\/[^/]+\.xml|charts\/|drawings\/|media\/|tables\/|pivot)/i.test(f.name) })
    : unzipSync(bytes);
  const rootRels = entry(zip, '_rels/.rels') ?? '';
  const officeDoc = [...rootRels.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)].find((m) => /officeDocument$/.test(attr(m[0], 'Type') ?? ''));
  const wbPart = officeDoc ? resolvePart('', attr(officeDoc[0], 'Target') ?? '') : 'xl/workbook.xml';
  const wbXml = entry(zip, wbPart);
  if (!wbXml) throw new Error('le classeur ne contient pas de partie « workbook »');
  const wbRels = rels(zip, wbPart);
  const relsXml = entry(zip, `${wbPart.split('/').slice(0, -1).join('/')}/_rels/${wbPart.split('/').pop()}.rels`) ?? '';
  const sstTarget = [...relsXml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)].find((m) => /sharedStrings$/.test(attr(m[0], 'Type') ?? ''));
  const sstXml = sstTarget ? entry(zip, resolvePart(wbPart, attr(sstTarget[0], 'Target') ?? '')) : undefined;
  const shared = sstXml ? [...sstXml.matchAll(/<(?:\w+:)?si\b[^>]*>([\s\S]*?)<\/(?:\w+:)?si>|<(?:\w+:)?si\s*\/>/g)].map((m) => textOf(m[1] ?? '')) : [];
  const stylesTarget = [...relsXml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)].find((m) => /\/styles$/.test(attr(m[0], 'Type') ?? ''));
  const stylesXml = stylesTarget ? entry(zip, resolvePart(wbPart, attr(stylesTarget[0], 'Target') ?? '')) : undefined;
  const props = /<(?:\w+:)?workbookPr\b[^>]*>/.exec(wbXml)?.[0] ?? '';
  const date1904 = /^(1|true)$/.test(attr(props, 'date1904') ?? '');
  const dates = dateStyles(stylesXml ?? '', date1904);
  const out: XmlSheet[] = [];
  for (const m of wbXml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = attr(m[0], 'name') ?? `Feuille${out.length + 1}`;
    if (wanted && !wanted.has(name.toLowerCase())) continue;
    const rid = attr(m[0], 'id');
    const part = rid ? wbRels.get(rid) : undefined;
    if (wanted && part) {
      // a table of hundreds of Mo of XML: read as it inflates, never held as one string
      const parser = sheetParser(shared, name, (attr(m[0], 'state') ?? 'visible') !== 'visible', dates, gridsOf !== undefined);
      if (streamSheetXml(bytes, part, parser)) {
        if (gridsOf !== undefined) grids.push(parser.grid(gridsOf));
        else out.push(parser.done());
      }
      continue;
    }
    const xml = part ? entry(zip, part) : undefined;
    // a chart sheet or a dialog sheet has no cells
    if (!xml || !/<(?:\w+:)?worksheet\b/.test(xml)) continue;
    out.push(parseSheet(xml, shared, name, (attr(m[0], 'state') ?? 'visible') !== 'visible', dates));
  }
  return { sheets: out, grids };
}

/**
 * The XML reading as grids, as `workbookToGrids` gives them: formulas as their cached result; one
 * stored without it worked out when simple, else `noResult(formula)` (core/parse/evaluate-formula.ts).
 */
export function xmlSheetsToGrids(file: string, sheets: XmlSheet[]): Grid[] {
  const texts = new Map<string, string>();
  const own = (v: string) => {
    let o = texts.get(v);
    if (o === undefined) {
      o = ownString(v);
      texts.set(o, o); // the key too: a cut-out key would keep its piece of XML alive
    }
    return o;
  };
  return sheets.map((s) => {
    const pending: { row: number; col: number }[] = [];
    // texts copied out of the sheet's XML (see ownString), each distinct one once
    const rows = s.cells.map((r, i) =>
      Array.from(r, (c, j): CellValue => {
        if (!c) return null;
        if (c.noResult !== undefined) {
          pending.push({ row: i, col: j });
          return noResult(c.noResult || undefined);
        }
        return typeof c.value === 'string' ? own(c.value) : c.value;
      }),
    );
    if (pending.length) resolveFormulaCells(rows, pending);
    return { file, sheet: s.name, hidden: s.hidden, rows, merges: s.merges, ...(s.hiddenCols ? { hiddenCols: s.hiddenCols } : {}) };
  });
}
