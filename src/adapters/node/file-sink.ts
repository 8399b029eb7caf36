import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { constants, crc32, deflateRawSync } from 'node:zlib';
import type { ChunkDeflater, ZipSink } from '../exceljs/zip-writer';

/** A ZipSink writing to `file` synchronously, flushed to disk (fsync) when the archive is closed. */
export function fileSink(file: string): ZipSink & { abort(): void; flush(): void } {
  const fd = openSync(file, 'w');
  let closed = false;
  return {
    write(b) {
      let done = 0;
      while (done < b.length) done += writeSync(fd, b, done, b.length - done);
    },
    /** What is written so far, on disk. */
    flush() {
      fsyncSync(fd);
    },
    close() {
      fsyncSync(fd);
      closeSync(fd);
      closed = true;
    },
    /** Closes the file without finishing it (the caller deletes it). */
    abort() {
      if (!closed) closeSync(fd);
      closed = true;
    },
  };
}

/** Node's native zlib as the ZIP writer's deflate engine (level 6, sync-flushed chunks). */
export const zlibDeflater: ChunkDeflater = {
  crc32: (data, previous) => crc32(data, previous),
  deflate: (data, final) => deflateRawSync(data, { level: 6, finishFlush: final ? constants.Z_FINISH : constants.Z_SYNC_FLUSH }),
};
