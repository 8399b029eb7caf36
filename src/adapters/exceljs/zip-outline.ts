import { Unzip, UnzipInflate, strFromU8, unzipSync } from 'fflate';

/**
 * Reading an .xlsx's ZIP through fflate, without loading it: its directory (names and declared
 * sizes, nothing inflated), one small part, the first bytes of a sheet. No node: import: the
 * task pane can use it too.
 */
export interface ZipEntryInfo {
  name: string;
  method: number;
  compressedSize: number;
  size: number; // declared uncompressed size
}

export interface WorkbookOutline {
  entries: ZipEntryInfo[];
  unzippedBytes: number;
  /** Each worksheet with the cell count declared by its <dimension> (undefined when absent). */
  sheets: { name: string; entry: string; xmlBytes: number; cells?: number }[];
}

/** Central directory of a ZIP held in memory, read by fflate without inflating anything; undefined if unreadable. */
export function zipEntries(b: Uint8Array): ZipEntryInfo[] | undefined {
  const out: ZipEntryInfo[] = [];
  try {
    unzipSync(b, {
      filter: (f) => {
        out.push({ name: f.name, method: f.compression, compressedSize: f.size, size: f.originalSize });
        return false; // listed, never inflated
      },
    });
  } catch {
    return undefined;
  }
  return out;
}

/** The whole content of the entries named in `names` (small parts; the caller bounds their declared size). */
export function entriesBytes(b: Uint8Array, names: Iterable<string>): Map<string, Uint8Array> {
  const wanted = new Set(names);
  const files = unzipSync(b, { filter: (f) => wanted.has(f.name) });
  return new Map(Object.entries(files));
}

/** The text of one entry, '' when absent, unreadable or declared larger than `max` bytes. */
export function entryText(b: Uint8Array, entries: ZipEntryInfo[], name: string, max = 4 << 20): string {
  const e = entries.find((x) => x.name === name);
  if (!e || e.size > max) return '';
  try {
    const data = entriesBytes(b, [name]).get(name);
    return data ? strFromU8(data) : '';
  } catch {
    return '';
  }
}

/**
 * The first `max` bytes (as text) of each entry in `names`. One pass of fflate's streaming
 * `Unzip` per entry, fed 16 KB at a time and stopped as soon as the head is known: no other
 * entry is inflated, and no more than `max` bytes of output are kept, whatever the entry
 * inflates to.
 */
export function entryHeads(b: Uint8Array, names: Iterable<string>, max: number): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of new Set(names)) {
    const head = entryHead(b, name, max);
    if (head !== undefined) out.set(name, head);
  }
  return out;
}

function entryHead(b: Uint8Array, name: string, max: number): string | undefined {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let found = false;
  let done = false;
  const unzip = new Unzip((file) => {
    if (file.name !== name || found) return;
    found = true;
    file.ondata = (err, data, final) => {
      if (done) return;
      if (!err && data) {
        chunks.push(data.subarray(0, Math.max(0, max - size)));
        size += data.length;
      }
      if (err || final || size >= max) done = true;
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  const STEP = 16 * 1024;
  try {
    for (let at = 0; at < b.length && !done; at += STEP) unzip.push(b.subarray(at, Math.min(b.length, at + STEP)), at + STEP >= b.length);
  } catch {
    /* a damaged archive: what was read so far */
  }
  if (!found) return undefined;
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let p = 0;
  for (const c of chunks) {
    all.set(c, p);
    p += c.length;
  }
  // a head cut inside a multi-byte character ends with U+FFFD: harmless for the tags looked for
  return new TextDecoder().decode(all);
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
 * sheet, by name, so that an oversized input is rejected by name without being loaded. With
 * `maxUnzipped`, an archive declaring more is outlined from its directory alone (no sheet read).
 */
export function outlineWorkbook(b: Uint8Array, maxUnzipped = Infinity): WorkbookOutline | undefined {
  const entries = zipEntries(b);
  if (!entries) return undefined;
  const unzippedBytes = entries.reduce((s, e) => s + e.size, 0);
  if (unzippedBytes > maxUnzipped) return { entries, unzippedBytes, sheets: [] };
  const wbXml = entryText(b, entries, 'xl/workbook.xml');
  const rels = entryText(b, entries, 'xl/_rels/workbook.xml.rels');
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[0])?.[1];
    const t = /\bTarget="([^"]*)"/.exec(m[0])?.[1];
    if (id && t) targets.set(id, t.startsWith('/') ? t.slice(1) : `xl/${t}`);
  }
  const found: { name: string; e: ZipEntryInfo }[] = [];
  for (const m of wbXml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = decodeXml(/\bname="([^"]*)"/.exec(m[0])?.[1] ?? '');
    const rid = /\br:id="([^"]*)"|\bid="([^"]*)"/.exec(m[0]);
    const entry = targets.get(rid?.[1] ?? rid?.[2] ?? '') ?? '';
    const e = entries.find((x) => x.name === entry);
    if (e) found.push({ name, e });
  }
  const heads = entryHeads(
    b,
    found.map((f) => f.e.name),
    64 * 1024,
  );
  const sheets = found.map(({ name, e }) => {
    const ref = /<(?:\w+:)?dimension\b[^>]*\bref="([^"]*)"/.exec(heads.get(e.name) ?? '')?.[1];
    return { name, entry: e.name, xmlBytes: e.size, cells: ref ? rangeCells(ref.replace(/\$/g, '')) : undefined };
  });
  return { entries, unzippedBytes, sheets };
}
