import * as XLSX from '@e965/xlsx';
import type { CellValue, Grid, RejectedInput, SourceInput } from '../../core/model/grid';
import { textInterner } from '../../core/parse/own-string';
import { decodeXml, excelToDate, isDateFormat } from '../exceljs/read-sheet-xml';
import { INPUT_LIMITS, PASSWORD_REASON } from '../exceljs/sniff-format';
import { entriesBytes, zipEntries } from '../exceljs/zip-outline';

/**
 * Reads an Excel 97-2003 workbook (.xls, BIFF8 in an OLE compound file) or an OpenDocument
 * spreadsheet (.ods) into grids, through SheetJS (@e965/xlsx, see README). Loaded with `import()`
 * by read-workbook.ts only when such a file is read. Before SheetJS builds anything, the file is
 * outlined here — the BIFF records of each sheet counted, or the ZIP directory and content.xml's
 * cells (repeats included) — so that a file over INPUT_LIMITS is refused by name. The grids are
 * those the .xlsx reading gives: formulas as their cached result, errors as CellError, dates from
 * the cell's number format as the same instant (excelToDate), merged ranges with only the master's
 * value, hidden sheets flagged, texts interned.
 */

export type LegacyKind = 'xls' | 'ods';

const PASSWORD = PASSWORD_REASON;
const DAMAGED: Record<LegacyKind, string> = {
  xls: 'classeur Excel 97-2003 illisible ou endommagé',
  ods: 'classeur OpenDocument illisible ou endommagé',
};

const mo = (n: number) => (n < 1048576 ? 'moins de 1 Mo' : `${Math.round(n / 1048576).toLocaleString('fr-FR')} Mo`);
const count = (n: number) => n.toLocaleString('fr-FR');

/** A refusal already worded for the user (the file's name is added by readLegacyWorkbook). */
class Refusal extends Error {}

interface SheetOutline {
  name: string;
  cells: number;
  hidden?: boolean;
}

function tooManyCells(sheets: SheetOutline[]): void {
  for (const s of sheets)
    if (s.cells > INPUT_LIMITS.cellsPerSheet)
      throw new Refusal(
        `› ${s.name} : feuille trop grande (${count(s.cells)} cellules déclarées, limite ${count(INPUT_LIMITS.cellsPerSheet)} par feuille) : fichier refusé sans être ouvert ; supprimez les lignes et colonnes inutiles ou découpez le fichier`,
      );
}

// ---------------------------------------------------------------------------------------------
// .xls: the Workbook stream's BIFF records

const BIFF = {
  BOF: 0x0809,
  FILEPASS: 0x002f,
  BOUNDSHEET: 0x0085,
  FORMULA: 0x0006,
  NUMBER: 0x0203,
  RK: 0x027e,
  MULRK: 0x00bd,
  LABELSST: 0x00fd,
  LABEL: 0x0204,
  RSTRING: 0x00d6,
  BOOLERR: 0x0205,
};
const ONE_CELL = new Set([BIFF.FORMULA, BIFF.NUMBER, BIFF.RK, BIFF.LABELSST, BIFF.LABEL, BIFF.RSTRING, BIFF.BOOLERR]);

/** The sheets of a BIFF8 Workbook stream with the value cells each holds, read record by record. */
export function outlineBiff(stream: Uint8Array): SheetOutline[] {
  const view = new DataView(stream.buffer, stream.byteOffset, stream.byteLength);
  const bySheetStart = new Map<number, SheetOutline>();
  const sheets: SheetOutline[] = [];
  let current: SheetOutline | undefined;
  let biff8 = true;
  let at = 0;
  while (at + 4 <= stream.length) {
    const type = view.getUint16(at, true);
    const len = view.getUint16(at + 2, true);
    const body = at + 4;
    if (body + len > stream.length) {
      // a stream is padded to its sector: a run of zeros at the end is not a record
      if (stream.subarray(at).every((b) => b === 0)) break;
      throw new Refusal(`${DAMAGED.xls} (enregistrement invalide ou coupé à l'octet ${count(at)} du classeur)`);
    }
    if (type === BIFF.FILEPASS && !current) throw new Refusal(PASSWORD);
    if (type === BIFF.BOUNDSHEET && len >= 8) {
      const start = view.getUint32(body, true);
      const cch = stream[body + 6];
      // BIFF8: a flags byte (UTF-16 or not) before the characters; BIFF5: none
      const wide = biff8 && (stream[body + 7] & 1) === 1;
      const from = body + (biff8 ? 8 : 7);
      const raw = stream.subarray(from, Math.min(body + len, from + cch * (wide ? 2 : 1)));
      const name = wide ? new TextDecoder('utf-16le').decode(raw) : String.fromCharCode(...raw);
      const s = { name, cells: 0, hidden: (stream[body + 4] & 3) !== 0 };
      bySheetStart.set(start, s);
      sheets.push(s);
    } else if (type === BIFF.BOF) {
      if (at === 0 && len >= 2) biff8 = view.getUint16(body, true) === 0x0600;
      current = bySheetStart.get(at) ?? current;
    }
    else if (current && ONE_CELL.has(type)) current.cells++;
    else if (current && type === BIFF.MULRK && len >= 6) current.cells += Math.floor((len - 6) / 6);
    at = body + len;
  }
  return sheets;
}

/** The Workbook stream of an OLE compound file; a refusal when it is encrypted or holds no workbook. */
function workbookStream(bytes: Uint8Array): Uint8Array {
  let cfb: { FileIndex: { name: string; content?: Uint8Array; type: number }[] };
  try {
    cfb = XLSX.CFB.read(bytes, { type: 'array' });
  } catch {
    throw new Refusal(`${DAMAGED.xls} (conteneur OLE incomplet ou corrompu)`);
  }
  const byName = (n: string) => cfb.FileIndex.find((f) => f.name === n && f.type === 2);
  if (byName('EncryptionInfo') || byName('EncryptedPackage')) throw new Refusal(PASSWORD);
  const wb = byName('Workbook') ?? byName('Book');
  if (!wb?.content || wb.content.length === 0) throw new Refusal(`${DAMAGED.xls} (aucun classeur dans le fichier : document Office d'un autre type ?)`);
  return wb.content instanceof Uint8Array ? wb.content : Uint8Array.from(wb.content as ArrayLike<number>);
}

// ---------------------------------------------------------------------------------------------
// .ods: the ZIP directory, then content.xml's tables

/** The ODS tables in order, with their hidden state and the value cells they declare (repeats multiplied). */
export function outlineOdsContent(xml: string): SheetOutline[] {
  const bodyAt = xml.search(/<(?:\w+:)?body\b/);
  const head = bodyAt >= 0 ? xml.slice(0, bodyAt) : '';
  const hiddenStyles = new Set<string>();
  for (const m of head.matchAll(/<(?:\w+:)?style(?=[\s/>])([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?style>)/g)) {
    if (!/\bfamily\s*=\s*"table"/.test(m[1])) continue;
    if (/<(?:\w+:)?table-properties\b[^>]*\bdisplay\s*=\s*"false"/.test(m[2] ?? '')) {
      const name = /\bname\s*=\s*"([^"]*)"/.exec(m[1])?.[1];
      if (name !== undefined) hiddenStyles.add(decodeXml(name));
    }
  }
  const sheets: SheetOutline[] = [];
  let current: SheetOutline | undefined;
  let rowRepeat = 1;
  const num = (attrs: string, name: string) => {
    const v = new RegExp(`\\b${name}\\s*=\\s*"(\\d+)"`).exec(attrs)?.[1];
    return v ? Math.max(1, Number(v)) : 1;
  };
  for (const m of xml.slice(Math.max(0, bodyAt)).matchAll(/<(\/?)(?:\w+:)?(table-cell|table-row|table)(?=[\s/>])([^>]*?)(\/?)>/g)) {
    const [, closing, tag, attrs, selfClosing] = m;
    if (closing) {
      if (tag === 'table') current = undefined;
      continue;
    }
    if (tag === 'table') {
      const name = decodeXml(/\bname\s*=\s*"([^"]*)"/.exec(attrs)?.[1] ?? `Feuille${sheets.length + 1}`);
      const style = /\bstyle-name\s*=\s*"([^"]*)"/.exec(attrs)?.[1];
      current = { name, cells: 0, hidden: style !== undefined && hiddenStyles.has(decodeXml(style)) };
      sheets.push(current);
    } else if (tag === 'table-row') rowRepeat = num(attrs, 'number-rows-repeated');
    // an empty cell (no value, no text) is not kept; any other is, once per repeat
    else if (current && (!selfClosing || /\bvalue-type\s*=/.test(attrs))) current.cells += rowRepeat * num(attrs, 'number-columns-repeated');
  }
  return sheets;
}

function outlineOds(bytes: Uint8Array): SheetOutline[] {
  const entries = zipEntries(bytes);
  if (!entries) throw new Refusal(`${DAMAGED.ods} (archive ZIP incomplète ou corrompue)`);
  const unzipped = entries.reduce((s, e) => s + e.size, 0);
  if (unzipped > INPUT_LIMITS.unzippedBytes)
    throw new Refusal(
      `contenu décompressé trop volumineux (${mo(unzipped)} pour un fichier de ${mo(bytes.length)}, limite ${mo(INPUT_LIMITS.unzippedBytes)}) : fichier refusé sans être ouvert (archive anormale ou « bombe de décompression »)`,
    );
  const content = entries.find((e) => e.name === 'content.xml');
  if (!content) throw new Refusal(`${DAMAGED.ods} (pas de partie content.xml)`);
  if (content.size > INPUT_LIMITS.sheetXmlBytes)
    throw new Refusal(`contenu des feuilles trop volumineux (${mo(content.size)} décompressés, limite ${mo(INPUT_LIMITS.sheetXmlBytes)}) : fichier refusé sans être ouvert`);
  let xml: string;
  try {
    xml = new TextDecoder().decode(entriesBytes(bytes, ['content.xml']).get('content.xml'));
  } catch {
    throw new Refusal(`${DAMAGED.ods} (archive ZIP incomplète ou corrompue)`);
  }
  return outlineOdsContent(xml);
}

// ---------------------------------------------------------------------------------------------

/** SheetJS's error codes (BIFF), as Excel shows them. */
const ERRORS: Record<number, string> = { 0x00: '#NULL!', 0x07: '#DIV/0!', 0x0f: '#VALUE!', 0x17: '#REF!', 0x1d: '#NAME?', 0x24: '#NUM!', 0x2a: '#N/A', 0x2b: '#GETTING_DATA' };

interface SjsCell {
  t: string;
  v?: unknown;
  w?: string;
  z?: string | number;
}

function cellValue(c: SjsCell | undefined, date1904: boolean): CellValue {
  if (!c || c.v === undefined || c.v === null) return null;
  switch (c.t) {
    case 's':
      return String(c.v);
    case 'b':
      return Boolean(c.v);
    case 'e':
      return { error: ERRORS[c.v as number] ?? c.w ?? '#N/A' };
    case 'd':
      return c.v instanceof Date ? c.v : new Date(String(c.v));
    case 'n': {
      const n = c.v as number;
      // a number shown as a date is the date, by the .xlsx reading's rule and instant
      return typeof c.z === 'string' && Number.isFinite(n) && isDateFormat(c.z) ? excelToDate(n, date1904) : n;
    }
    default:
      return null;
  }
}

/** SheetJS's workbook as grids, sheet by sheet, in the workbook's order. */
function toGrids(file: string, wb: XLSX.WorkBook, outline: SheetOutline[], kind: LegacyKind): Grid[] {
  const shared = textInterner();
  const date1904 = Boolean((wb.Workbook?.WBProps as { date1904?: boolean } | undefined)?.date1904);
  return wb.SheetNames.map((name, i) => {
    const ws = wb.Sheets[name] as XLSX.WorkSheet & { '!data'?: (SjsCell | undefined)[][] };
    const data = ws['!data'] ?? [];
    const merges = (ws['!merges'] ?? []).map((m) => ({ top: m.s.r + 1, left: m.s.c + 1, bottom: m.e.r + 1, right: m.e.c + 1 }));
    const width = INPUT_LIMITS.columns;
    let cells = 0;
    const rows: CellValue[][] = [];
    for (let r = 0; r < data.length; r++) {
      const src = data[r];
      const out: CellValue[] = [];
      if (src)
        for (let c = 0; c < Math.min(src.length, width); c++) {
          const v = cellValue(src[c], date1904);
          if (v === null) continue;
          if (++cells > INPUT_LIMITS.cellsPerSheet)
            throw new Refusal(`› ${name} : feuille trop grande (plus de ${count(INPUT_LIMITS.cellsPerSheet)} cellules, limite par feuille)`);
          out[c] = shared(v);
        }
      rows[r] = out;
    }
    // merged cells: only the master keeps a value, as exceljs gives them
    for (const m of merges)
      for (let r = m.top; r <= m.bottom && r <= rows.length; r++)
        for (let c = r === m.top ? m.left + 1 : m.left; c <= m.right && c <= rows[r - 1].length; c++) rows[r - 1][c - 1] = null;
    for (let r = 0; r < rows.length; r++) {
      const row = Array.from(rows[r], (v) => v ?? null);
      let len = row.length;
      while (len > 0 && row[len - 1] === null) len--;
      row.length = len;
      rows[r] = row;
    }
    let last = rows.length;
    while (last > 0 && rows[last - 1].length === 0) last--;
    rows.length = last;
    const hidden =
      kind === 'xls'
        ? ((wb.Workbook?.Sheets?.[i] as { Hidden?: number } | undefined)?.Hidden ?? 0) !== 0
        : ((outline.length === wb.SheetNames.length ? outline[i] : outline.find((s) => s.name === name))?.hidden ?? false);
    return { file, sheet: name, hidden, rows, merges };
  });
}

/**
 * Grids of every sheet of an .xls or .ods, or the French reason it cannot be read (named by its
 * file). Never throws.
 */
export function readLegacyWorkbook(file: string, bytes: Uint8Array, kind: LegacyKind): SourceInput | RejectedInput {
  try {
    if (bytes.length > INPUT_LIMITS.fileBytes) throw new Refusal(`fichier trop volumineux (${mo(bytes.length)}, limite ${mo(INPUT_LIMITS.fileBytes)})`);
    const outline = kind === 'xls' ? outlineBiff(workbookStream(bytes)) : outlineOds(bytes);
    tooManyCells(outline);
    let wb: XLSX.WorkBook;
    try {
      wb = XLSX.read(bytes, {
        type: 'array',
        dense: true,
        // dates from the number format and the serial, as the .xlsx reading does (cellDates would round BIFF times to the second)
        cellDates: false,
        cellNF: true,
        cellText: false,
        cellFormula: false,
        cellHTML: false,
        cellStyles: false,
        bookVBA: false,
        bookDeps: false,
        bookFiles: false,
        sheetStubs: false,
        WTF: false,
      });
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      if (/password|encrypt/i.test(msg)) throw new Refusal(PASSWORD);
      throw new Refusal(`${DAMAGED[kind]} (contenu non reconnu)`);
    }
    if (!wb.SheetNames.length) throw new Refusal(`${DAMAGED[kind]} (aucune feuille)`);
    return { file, grids: toGrids(file, wb, outline, kind) };
  } catch (e) {
    if (e instanceof Refusal) return { file, error: e.message.startsWith('›') ? `${file} ${e.message}` : `${file} : ${e.message}` };
    // anything else SheetJS or the outline tripped on: still a French refusal, never a crash
    return { file, error: `${file} : ${DAMAGED[kind]} (contenu non reconnu)` };
  }
}
