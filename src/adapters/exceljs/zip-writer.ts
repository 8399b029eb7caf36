import { Zip, ZipDeflate, ZipPassThrough, strToU8, type ZipInputFile } from 'fflate';

/**
 * Streaming ZIP writer (what an .xlsx is made of) on fflate's `Zip`, synchronous and bounded in
 * memory: each entry is deflated as it is written, in ~1 MB chunks, and the archive's bytes go
 * straight to `sink` (a file in Node, a list of chunks for a Blob in the task pane), so a
 * 100 MB sheet never sits in memory as one string. No node: import: runs in the browser too.
 */
export interface ZipSink {
  write(chunk: Uint8Array): void;
  /** Called once after the last chunk. */
  close(): void;
}

/** Fixed date of every entry (1980-01-01, the first ZIP date): identical inputs give identical bytes. */
const MTIME = new Date(1980, 0, 1, 0, 0, 0);
const CHUNK = 1 << 20;
const ZIP32_MAX = 0xfffffffe;

/**
 * A deflate engine for the entries, chunk by chunk: `deflate` returns complete raw-deflate
 * blocks ending on a byte boundary (a sync flush; the last chunk, `final`, ends the stream),
 * so that chunks simply follow one another. Node passes its native zlib (several times faster
 * than a JavaScript deflate); without one, fflate's own `ZipDeflate` compresses (browser).
 */
export interface ChunkDeflater {
  crc32(data: Uint8Array, previous: number): number;
  deflate(data: Uint8Array, final: boolean): Uint8Array;
}

/** An entry deflated by a ChunkDeflater: fflate's custom `ZipInputFile`, fflate writing the headers. */
class EngineDeflate implements ZipInputFile {
  crc = 0;
  size = 0;
  readonly compression = 8;
  mtime = MTIME;
  ondata?: ZipInputFile['ondata'];

  constructor(
    readonly filename: string,
    private readonly engine: ChunkDeflater,
  ) {}

  push(chunk: Uint8Array, final = false) {
    this.crc = this.engine.crc32(chunk, this.crc) >>> 0;
    this.size += chunk.length;
    this.ondata!(null, this.engine.deflate(chunk, final) as Uint8Array<ArrayBuffer>, final);
  }
}


export class ZipWriter {
  private readonly zip: Zip;
  private bytes = 0;
  private failure: Error | undefined;
  private open: ZipEntry | undefined;

  constructor(
    private readonly sink: ZipSink,
    private readonly engine?: ChunkDeflater,
  ) {
    this.zip = new Zip((err, chunk, final) => {
      if (err) {
        this.failure = err;
        return;
      }
      this.bytes += chunk.length;
      // fflate writes 32-bit ZIP: past 4 GB the offsets would wrap
      if (this.bytes > ZIP32_MAX) this.failure = new Error('archive trop volumineuse (limite ZIP 4 Go)');
      else this.sink.write(chunk);
      if (final) this.sink.close();
    });
  }

  private check() {
    if (this.failure) throw this.failure;
  }

  /** Starts an entry; write its content with `write`, then call `end`. Entries never overlap. */
  /** `level` applies to fflate's own deflate (no engine given). */
  entry(name: string, opts: { store?: boolean; level?: Level } = {}): ZipEntry {
    if (this.open) throw new Error(`entrée ZIP « ${this.open.name} » non terminée`);
    const file = opts.store ? new ZipPassThrough(name) : this.engine ? new EngineDeflate(name, this.engine) : new ZipDeflate(name, { level: opts.level ?? 6 });
    file.mtime = MTIME;
    this.zip.add(file);
    this.check();
    this.open = new ZipEntry(name, file, () => {
      this.open = undefined;
      this.check();
    });
    return this.open;
  }

  /** A whole entry at once. */
  add(name: string, data: string | Uint8Array, opts: { store?: boolean; level?: Level } = {}) {
    const e = this.entry(name, opts);
    e.write(data);
    e.end();
  }

  /**
   * An entry whose deflated bytes are already made (`chunks`, complete raw deflate once
   * concatenated), of `size` bytes and CRC-32 `crc` once inflated: copied as it is, nothing is
   * deflated (fflate's custom `ZipInputFile`).
   */
  addDeflated(name: string, crc: number, size: number, chunks: Iterable<Uint8Array>) {
    if (this.open) throw new Error(`entrée ZIP « ${this.open.name} » non terminée`);
    const file: ZipInputFile = { filename: name, crc, size, compression: 8, mtime: MTIME, ondata: undefined };
    this.zip.add(file);
    // fflate's handler is typed for ArrayBuffer-backed arrays; it only reads the bytes
    const send = (c: Uint8Array, final: boolean) => file.ondata!(null, c as Uint8Array<ArrayBuffer>, final);
    let prev: Uint8Array | undefined;
    for (const c of chunks) {
      if (prev) send(prev, false);
      prev = c;
    }
    send(prev ?? new Uint8Array([3, 0]), true); // [3, 0]: an empty final deflate block
    this.check();
  }

  /** Writes the central directory and hands the last bytes to the sink, which it then closes. */
  close() {
    if (this.open) throw new Error(`entrée ZIP « ${this.open.name} » non terminée`);
    this.zip.end();
    this.check();
  }
}

type Level = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

export class ZipEntry {
  private pending: string[] = [];
  private pendingLength = 0;

  constructor(
    readonly name: string,
    private readonly file: { push(chunk: Uint8Array, final?: boolean): void },
    private readonly done: () => void,
  ) {}

  /** Appends text (UTF-8) or bytes; text is batched into ~1 MB chunks before deflating. */
  write(data: string | Uint8Array) {
    if (typeof data === 'string') {
      this.pending.push(data);
      this.pendingLength += data.length;
      if (this.pendingLength >= CHUNK) this.flushText(false);
    } else {
      this.flushText(false);
      if (data.length) this.file.push(data, false);
    }
  }

  private flushText(final: boolean) {
    if (!this.pending.length) {
      if (final) this.file.push(new Uint8Array(0), true);
      return;
    }
    const b = strToU8(this.pending.length === 1 ? this.pending[0] : this.pending.join(''));
    this.pending = [];
    this.pendingLength = 0;
    this.file.push(b, final);
  }

  end() {
    this.flushText(true);
    this.done();
  }
}
