/**
 * Excel 97-2003 (.xls) and OpenDocument (.ods) files made in memory, for the tests and the hostile
 * corpus (make-hostile.ts): SheetJS's own writer (@e965/xlsx, BIFF8 and ODS) for real workbooks —
 * no LibreOffice needed — and hand-built compound files or archives for the broken ones.
 */
import * as XLSX from '@e965/xlsx';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';

/** A cell as SheetJS takes it: a plain value, or an object ({ t, v, z, f }). */
export type SjsCell = string | number | boolean | null | XLSX.CellObject;

export interface SjsSheet {
  name: string;
  rows: SjsCell[][];
  hidden?: boolean;
  /** 1-based, inclusive. */
  merges?: { top: number; left: number; bottom: number; right: number }[];
}

/** Error cells are written by SheetJS to BIFF but not to ODS: this text stands for one in an .ods (see writeOds). */
const ERROR_MARK = '__ERREUR__';

export function sheetjsBook(sheets: SjsSheet[], forOds = false): XLSX.WorkBook {
  const wb = XLSX.utils.book_new();
  for (const s of sheets) {
    const rows = s.rows.map((r) =>
      r.map((c) => (forOds && c && typeof c === 'object' && c.t === 'e' ? { t: 's' as const, v: `${ERROR_MARK}${String(c.w)}` } : c)),
    );
    const ws = XLSX.utils.aoa_to_sheet(rows);
    if (s.merges) ws['!merges'] = s.merges.map((m) => ({ s: { r: m.top - 1, c: m.left - 1 }, e: { r: m.bottom - 1, c: m.right - 1 } }));
    XLSX.utils.book_append_sheet(wb, ws, s.name);
  }
  wb.Workbook = { Sheets: sheets.map((s) => ({ name: s.name, Hidden: s.hidden ? 1 : 0 })) };
  return wb;
}

export function writeXls(sheets: SjsSheet[]): Uint8Array {
  return new Uint8Array(XLSX.write(sheetjsBook(sheets), { bookType: 'biff8', type: 'buffer' }) as Buffer);
}

export function writeXlsx(sheets: SjsSheet[]): Uint8Array {
  return new Uint8Array(XLSX.write(sheetjsBook(sheets), { bookType: 'xlsx', type: 'buffer' }) as Buffer);
}

/** An ODS archive from its parts, `mimetype` first and stored, as OpenDocument requires. */
export function odsArchive(contentXml: string, parts: Record<string, string> = {}): Uint8Array {
  const files: Zippable = { mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }] };
  files['content.xml'] = strToU8(contentXml);
  files['META-INF/manifest.xml'] = strToU8(
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>',
  );
  for (const [k, v] of Object.entries(parts)) files[k] = strToU8(v);
  return zipSync(files);
}

/**
 * SheetJS's ODS, then what its writer leaves out made as LibreOffice writes it: hidden sheets
 * (a table style with table:display="false") and error cells (calcext:value-type="error").
 */
export function writeOds(sheets: SjsSheet[]): Uint8Array {
  const raw = unzipSync(new Uint8Array(XLSX.write(sheetjsBook(sheets, true), { bookType: 'ods', type: 'buffer' }) as Buffer));
  let xml = strFromU8(raw['content.xml']);
  xml = xml.replace(
    /<table:table-cell\b[^>]*office:value-type="string"[^>]*>\s*<text:p>__ERREUR__([^<]*)<\/text:p>\s*<\/table:table-cell>/g,
    (_, err: string) => `<table:table-cell table:formula="of:=${err}" office:value-type="string" office:string-value="" calcext:value-type="error"><text:p>${err}</text:p></table:table-cell>`,
  );
  xml = xml.replace('</office:automatic-styles>', '<style:style style:name="taMasquee" style:family="table"><style:table-properties table:display="false"/></style:style></office:automatic-styles>');
  for (const s of sheets.filter((x) => x.hidden)) xml = xml.replace(new RegExp(`(<table:table table:name="${s.name}" table:style-name=")[^"]*"`), '$1taMasquee"');
  const files: Zippable = { mimetype: [raw.mimetype, { level: 0 }] };
  for (const [k, v] of Object.entries(raw)) if (k !== 'mimetype') files[k] = k === 'content.xml' ? strToU8(xml) : v;
  return zipSync(files);
}

/** One BIFF record: type, length, body. */
export function biffRecord(type: number, body: Uint8Array | number[] = []): Uint8Array {
  const b = body instanceof Uint8Array ? body : Uint8Array.from(body);
  const out = new Uint8Array(4 + b.length);
  new DataView(out.buffer).setUint16(0, type, true);
  new DataView(out.buffer).setUint16(2, b.length, true);
  out.set(b, 4);
  return out;
}

const concat = (parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** An OLE compound file holding these streams (SheetJS's CFB writer). */
export function compoundFile(streams: Record<string, Uint8Array>): Uint8Array {
  const cfb = XLSX.CFB.utils.cfb_new();
  for (const [name, content] of Object.entries(streams)) XLSX.CFB.utils.cfb_add(cfb, `/${name}`, content);
  return new Uint8Array(XLSX.CFB.write(cfb, { type: 'buffer' }) as Buffer);
}

const bof = (dt: number) => biffRecord(0x0809, [0x00, 0x06, dt & 0xff, dt >> 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
const EOF = biffRecord(0x000a);

/** A BIFF8 workbook stream of one sheet named `name` whose cells are `cellRecords`. */
export function biffWorkbook(name: string, cellRecords: Uint8Array[], globals: Uint8Array[] = []): Uint8Array {
  const nameBytes = Uint8Array.from(name, (c) => c.charCodeAt(0) & 0xff);
  const boundsheet = (at: number) => {
    const body = new Uint8Array(8 + nameBytes.length);
    new DataView(body.buffer).setUint32(0, at, true);
    body[6] = nameBytes.length;
    body.set(nameBytes, 8);
    return biffRecord(0x0085, body);
  };
  const head = [bof(0x0005), ...globals];
  const sheetAt = head.reduce((n, r) => n + r.length, 0) + boundsheet(0).length + EOF.length;
  return concat([...head, boundsheet(sheetAt), EOF, bof(0x0010), ...cellRecords, EOF]);
}

/** An encrypted .xls: its globals hold a FILEPASS record (RC4), as Excel writes one with a password. */
export function encryptedXls(): Uint8Array {
  const filepass = biffRecord(0x002f, [0x01, 0x00, 0x01, 0x00, 0x01, 0x00, ...new Array<number>(48).fill(0x5a)]);
  return compoundFile({ Workbook: biffWorkbook('Feuil1', [], [filepass]) });
}

/** An .xls whose one sheet holds `cells` numbers (MULRK records of 250 cells each): small on disk. */
export function manyCellsXls(cells: number): Uint8Array {
  const records: Uint8Array[] = [];
  for (let done = 0, row = 0; done < cells; row++) {
    const n = Math.min(250, cells - done);
    const body = new Uint8Array(6 + 6 * n);
    const v = new DataView(body.buffer);
    v.setUint16(0, row & 0xffff, true);
    v.setUint16(2, 0, true);
    for (let i = 0; i < n; i++) v.setUint32(4 + 6 * i + 2, (i << 2) | 2, true); // RK: integer i
    v.setUint16(4 + 6 * n, n - 1, true);
    records.push(biffRecord(0x00bd, body));
    done += n;
  }
  return compoundFile({ Workbook: biffWorkbook('Extraction', records) });
}

/** Random bytes as the Workbook stream of a valid compound file. */
export function malformedXls(seed = 7, length = 6000): Uint8Array {
  let x = seed;
  const noise = Uint8Array.from({ length }, () => ((x = (x * 1103515245 + 12345) >>> 0), x >>> 24));
  return compoundFile({ Workbook: noise });
}

const ODS_NS =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"';

/** content.xml of one table whose body is `rowsXml`. */
export function odsContent(table: string, rowsXml: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${ODS_NS} office:version="1.2"><office:body><office:spreadsheet><table:table table:name="${table}">${rowsXml}</table:table></office:spreadsheet></office:body></office:document-content>`;
}

/** A row of `rows` repeats holding `cols` repeats of one number: a few hundred bytes declaring rows × cols cells. */
export function repeatedCellsOds(rows: number, cols: number): Uint8Array {
  return odsArchive(
    odsContent(
      'Extraction',
      `<table:table-row table:number-rows-repeated="${rows}"><table:table-cell table:number-columns-repeated="${cols}" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>`,
    ),
  );
}

/** An .ods whose ZIP directory declares content.xml at `declared` bytes (the content itself is small). */
export function odsDeclaring(declared: number): Uint8Array {
  const b = odsArchive(odsContent('Feuille1', '<table:table-row><table:table-cell office:value-type="float" office:value="1"/></table:table-row>'));
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  // the central directory entry of content.xml: uncompressed size at +24
  for (let at = b.length - 22; at >= 0; at--) {
    if (v.getUint32(at, true) !== 0x02014b50) continue;
    const nameLen = v.getUint16(at + 28, true);
    if (new TextDecoder().decode(b.subarray(at + 46, at + 46 + nameLen)) === 'content.xml') v.setUint32(at + 24, declared >>> 0, true);
  }
  return b;
}

/** A ZIP holding only its `mimetype` (stored, first): an OpenDocument package with nothing in it. */
export function zipWithMimetype(mimetype: string): Uint8Array {
  return zipSync({ mimetype: [strToU8(mimetype), { level: 0 }] });
}
