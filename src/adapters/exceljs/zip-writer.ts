import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { constants, crc32, deflateRawSync } from 'node:zlib';

/**
 * A minimal streaming ZIP writer (what an .xlsx is made of), synchronous and bounded in memory:
 * each entry is deflated in independent chunks ended by a sync flush, so a 100 MB sheet never
 * sits in memory as one string. Sizes go in a data descriptor after each entry (flag bit 3).
 * Node only (node:zlib, node:fs): the task pane keeps using exceljs.
 */
export class ZipWriter {
  private offset = 0;
  private readonly central: Buffer[] = [];
  private count = 0;
  private readonly fd: number;

  constructor(file: string) {
    this.fd = openSync(file, 'w');
  }

  private put(b: Buffer) {
    let done = 0;
    while (done < b.length) done += writeSync(this.fd, b, done, b.length - done);
    this.offset += b.length;
  }

  /** Starts an entry; write its content with `write`, then call `end`. Entries never overlap. */
  entry(name: string, opts: { store?: boolean } = {}): ZipEntry {
    return new ZipEntry(this, name, !!opts.store);
  }

  /** A whole entry at once. */
  add(name: string, data: string | Buffer, opts: { store?: boolean } = {}) {
    const e = this.entry(name, opts);
    e.write(data);
    e.end();
  }

  /** @internal */
  writeLocalHeader(name: Buffer, store: boolean): number {
    const at = this.offset;
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4); // version needed
    h.writeUInt16LE(0x0808, 6); // data descriptor + UTF-8 names
    h.writeUInt16LE(store ? 0 : 8, 8);
    h.writeUInt32LE(DOS_DATE_1980, 10); // fixed date: identical inputs give identical bytes
    h.writeUInt16LE(name.length, 26);
    this.put(h);
    this.put(name);
    return at;
  }

  /** @internal */
  writeData(b: Buffer) {
    this.put(b);
  }

  /** @internal */
  finishEntry(name: Buffer, store: boolean, headerAt: number, crc: number, size: number, csize: number) {
    if (size > 0xfffffffe || csize > 0xfffffffe || this.offset > 0xfffffffe) throw new Error('archive trop volumineuse (limite ZIP 4 Go)');
    const d = Buffer.alloc(16);
    d.writeUInt32LE(0x08074b50, 0);
    d.writeUInt32LE(crc >>> 0, 4);
    d.writeUInt32LE(csize, 8);
    d.writeUInt32LE(size, 12);
    this.put(d);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x0808, 8);
    c.writeUInt16LE(store ? 0 : 8, 10);
    c.writeUInt32LE(DOS_DATE_1980, 12);
    c.writeUInt32LE(crc >>> 0, 16);
    c.writeUInt32LE(csize, 20);
    c.writeUInt32LE(size, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(headerAt, 42);
    this.central.push(c, name);
    this.count++;
  }

  /** Copies an entry already compressed (from another archive) as it is: no inflate, no deflate. */
  addRaw(name: string, method: number, crc: number, size: number, compressed: Uint8Array) {
    const n = Buffer.from(name, 'utf8');
    const store = method === 0;
    const at = this.writeLocalHeader(n, store);
    this.writeData(Buffer.from(compressed.buffer, compressed.byteOffset, compressed.byteLength));
    this.finishEntry(n, store, at, crc, size, compressed.byteLength);
  }

  /** Writes the central directory, flushes to disk and closes the file. */
  close() {
    const start = this.offset;
    for (const b of this.central) this.put(b);
    const e = Buffer.alloc(22);
    e.writeUInt32LE(0x06054b50, 0);
    e.writeUInt16LE(this.count, 8);
    e.writeUInt16LE(this.count, 10);
    e.writeUInt32LE(this.offset - start, 12);
    e.writeUInt32LE(start, 16);
    this.put(e);
    fsyncSync(this.fd);
    closeSync(this.fd);
  }

  /** Closes the file without finishing it (the caller deletes it). */
  abort() {
    try {
      closeSync(this.fd);
    } catch {
      /* already closed */
    }
  }
}

// 1980-01-01 00:00 in MS-DOS format (date in the high word)
const DOS_DATE_1980 = (1 << 5 | 1) << 16;
const CHUNK = 1 << 20;

export class ZipEntry {
  private readonly name: Buffer;
  private readonly headerAt: number;
  private crc = 0;
  private size = 0;
  private csize = 0;
  private pending: string[] = [];
  private pendingLength = 0;

  constructor(
    private readonly zip: ZipWriter,
    name: string,
    private readonly store: boolean,
  ) {
    this.name = Buffer.from(name, 'utf8');
    this.headerAt = zip.writeLocalHeader(this.name, store);
  }

  /** Appends text (UTF-8) or bytes; text is batched into ~1 MB chunks before deflating. */
  write(data: string | Buffer) {
    if (typeof data === 'string') {
      this.pending.push(data);
      this.pendingLength += data.length;
      if (this.pendingLength >= CHUNK) this.flushText();
    } else {
      this.flushText();
      this.emit(data);
    }
  }

  private flushText() {
    if (!this.pending.length) return;
    const b = Buffer.from(this.pending.join(''), 'utf8');
    this.pending = [];
    this.pendingLength = 0;
    this.emit(b);
  }

  private emit(raw: Buffer) {
    if (raw.length === 0) return;
    this.crc = crc32(raw, this.crc);
    this.size += raw.length;
    // each chunk is a complete run of deflate blocks ending on a byte boundary (sync flush), so
    // chunks can simply follow one another; `end` adds the final empty block
    const out = this.store ? raw : deflateRawSync(raw, { level: 6, finishFlush: constants.Z_SYNC_FLUSH });
    this.csize += out.length;
    this.zip.writeData(out);
  }

  /** Appends an already-deflated chunk (sync-flushed) of `rawLength` bytes whose CRC is `rawCrc`. @internal for tests and generators */
  writeDeflated(deflated: Buffer, raw: Buffer) {
    this.flushText();
    this.crc = crc32(raw, this.crc);
    this.size += raw.length;
    this.csize += deflated.length;
    this.zip.writeData(deflated);
  }

  end() {
    this.flushText();
    if (!this.store) {
      const last = deflateRawSync(Buffer.alloc(0));
      this.csize += last.length;
      this.zip.writeData(last);
    }
    this.zip.finishEntry(this.name, this.store, this.headerAt, this.crc, this.size, this.csize);
  }
}
