import { constants, inflateRawSync } from 'node:zlib';

export interface ZipEntryInfo {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  size: number; // declared uncompressed size
  localOffset: number;
}

export interface WorkbookOutline {
  entries: ZipEntryInfo[];
  unzippedBytes: number;
  /** Each worksheet with the cell count declared by its <dimension> (undefined when absent). */
  sheets: { name: string; entry: string; xmlBytes: number; cells?: number }[];
}

/** Central directory of a ZIP held in memory, without inflating anything; undefined if unreadable. */
export function zipEntries(b: Uint8Array): ZipEntryInfo[] | undefined {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--)
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) return undefined;
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out: ZipEntryInfo[] = [];
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return undefined;
    const nameLen = buf.readUInt16LE(p + 28);
    const extra = buf.readUInt16LE(p + 30);
    const comment = buf.readUInt16LE(p + 32);
    out.push({
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
      method: buf.readUInt16LE(p + 10),
      crc: buf.readUInt32LE(p + 16),
      compressedSize: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
    });
    p += 46 + nameLen + extra + comment;
  }
  return out;
}

/** The first `max` bytes of an entry, inflating only what is needed. */
export function entryHead(b: Uint8Array, e: ZipEntryInfo, max: number): string {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  const at = e.localOffset;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== 0x04034b50) return '';
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  // deflate expands at most ~1 032 times: a prefix of max/256 compressed bytes (at least 4 KB)
  // gives enough text for a header while bounding what a bomb can inflate to
  const take = e.method === 0 ? max : e.size <= max ? Math.min(e.compressedSize, 1 << 20) : Math.max(4096, Math.ceil(max / 256));
  const data = buf.subarray(start, Math.min(buf.length, start + Math.min(e.compressedSize || take, take)));
  try {
    const raw = e.method === 0 ? data : inflateRawSync(data, { finishFlush: constants.Z_SYNC_FLUSH });
    return raw.toString('utf8', 0, Math.min(raw.length, max));
  } catch {
    return '';
  }
}

function entryText(b: Uint8Array, entries: ZipEntryInfo[], name: string, max = 4 << 20): string {
  const e = entries.find((x) => x.name === name);
  return e && e.size <= max ? entryHead(b, e, max) : '';
}

const colNumber = (s: string) => s.split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

/** Cells of a range "A1:D1000000" (a single cell counts 1). */
export function rangeCells(ref: string): number | undefined {
  const m = /^([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?$/.exec(ref);
  if (!m) return undefined;
  const w = Math.abs(colNumber(m[3] ?? m[1]) - colNumber(m[1])) + 1;
  const h = Math.abs(Number(m[4] ?? m[2]) - Number(m[2])) + 1;
  return w * h;
}

const decodeXml = (s: string) =>
  s.replace(/&(lt|gt|amp|quot|apos);/g, (_, x: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[x] ?? '');

/**
 * What an .xlsx holds, read from its ZIP directory and the first bytes of each sheet, before
 * exceljs loads anything: total unzipped size (decompression bombs) and the declared size of each
 * sheet, by name, so that an oversized input is rejected by name without being loaded.
 */
export function outlineWorkbook(b: Uint8Array): WorkbookOutline | undefined {
  const entries = zipEntries(b);
  if (!entries) return undefined;
  const unzippedBytes = entries.reduce((s, e) => s + e.size, 0);
  const wbXml = entryText(b, entries, 'xl/workbook.xml');
  const rels = entryText(b, entries, 'xl/_rels/workbook.xml.rels');
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[0])?.[1];
    const t = /\bTarget="([^"]*)"/.exec(m[0])?.[1];
    if (id && t) targets.set(id, t.startsWith('/') ? t.slice(1) : `xl/${t}`);
  }
  const sheets: WorkbookOutline['sheets'] = [];
  for (const m of wbXml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = decodeXml(/\bname="([^"]*)"/.exec(m[0])?.[1] ?? '');
    const rid = /\br:id="([^"]*)"|\bid="([^"]*)"/.exec(m[0]);
    const entry = targets.get(rid?.[1] ?? rid?.[2] ?? '') ?? '';
    const e = entries.find((x) => x.name === entry);
    if (!e) continue;
    const head = entryHead(b, e, 64 * 1024);
    const ref = /<(?:\w+:)?dimension\b[^>]*\bref="([^"]*)"/.exec(head)?.[1];
    sheets.push({ name, entry, xmlBytes: e.size, cells: ref ? rangeCells(ref.replace(/\$/g, '')) : undefined });
  }
  return { entries, unzippedBytes, sheets };
}

/** The compressed bytes of an entry, as stored. */
export function entryRaw(b: Uint8Array, e: ZipEntryInfo): Uint8Array {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  const at = e.localOffset;
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  return b.subarray(start, start + e.compressedSize);
}

/** The whole content of an entry (for small entries and tests: no limit applied). */
export function entryBytes(b: Uint8Array, e: ZipEntryInfo): Buffer {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  const at = e.localOffset;
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  const data = buf.subarray(start, start + e.compressedSize);
  return e.method === 0 ? Buffer.from(data) : inflateRawSync(data);
}
