import { promises as fs, writeFileSync } from 'node:fs';
import path from 'node:path';
import { processAlive } from '../node/process-alive';
import ExcelJS from 'exceljs';
import type { SheetSpec } from '../../core/model/sheet-spec';
import { fileSink, zlibDeflater } from '../node/file-sink';
import { buildWorkbook, packedBytes, streamedPackage, workbookBytes } from './build-workbook';

export { buildWorkbook, workbookBytes };

/**
 * The temporary file to write before renaming it over `target`; on the way, removes the
 * temporaries that an interrupted build (kill -9, power cut) left beside it.
 */
export async function prepareTempFile(target: string): Promise<string> {
  const dir = path.dirname(path.resolve(target));
  const base = path.basename(target);
  await fs.mkdir(dir, { recursive: true });
  for (const n of await fs.readdir(dir)) {
    const m = n.startsWith(`.${base}.`) && /\.(\d+)\.\d+\.tmp$/.exec(n);
    if (m && Number(m[1]) !== process.pid && !processAlive(Number(m[1]))) await fs.rm(path.join(dir, n), { force: true });
  }
  return path.join(dir, `.${base}.${process.pid}.${Date.now()}.tmp`);
}

/**
 * TEST ONLY (test/hostile/kill-points.test.ts). `PILOTAGE_TEST_PAUSE_AT=<point>` makes the writer
 * stop at that point of the write (`apres-temporaire`: the temporary file exists, empty;
 * `mi-ecriture`: half of the bytes written and synced; `avant-renommage`: all written, not yet
 * renamed), after writing the point's name to `PILOTAGE_TEST_PAUSE_FILE`, so that a test can
 * kill -9 the process exactly there. `PILOTAGE_TEST_WRITE=direct` writes straight to the target
 * (the non-atomic variant that test shows failing). Neither is set in normal use.
 */
async function testPoint(point: string): Promise<void> {
  if (process.env.PILOTAGE_TEST_PAUSE_AT !== point) return;
  if (process.env.PILOTAGE_TEST_PAUSE_FILE) await fs.writeFile(process.env.PILOTAGE_TEST_PAUSE_FILE, point);
  await new Promise(() => setInterval(() => undefined, 60_000)); // until killed
}

async function writeInto(file: string, data: Uint8Array | Buffer): Promise<void> {
  const fh = await fs.open(file, 'w');
  try {
    await testPoint('apres-temporaire');
    const half = Math.floor(data.length / 2);
    await fh.write(data, 0, half, 0);
    await fh.sync();
    await testPoint('mi-ecriture');
    await fh.write(data, half, data.length - half, half);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * Writes to a temporary file beside the target, then renames it over the target: a crash or a
 * kill at any moment leaves the old file or the new one, never a half-written workbook.
 */
export async function writeFileAtomic(target: string, data: Uint8Array | Buffer): Promise<void> {
  if (process.env.PILOTAGE_TEST_WRITE === 'direct') return writeInto(target, data);
  const tmp = await prepareTempFile(target);
  try {
    await writeInto(tmp, data);
    await testPoint('avant-renommage');
    await fs.rename(tmp, target);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}

/**
 * Writes the workbook atomically. The tables (national files: 250 000 funding lines) are streamed
 * by our own writer into the package exceljs makes for the others (see pack-streamed-sheets.ts):
 * same tables, formats, validations and links, at streaming speed and bounded memory.
 * `opts.previous`: the bytes `existing` was read from (a re-fill): its kept sheets keep their
 * place and their charts.
 */
export async function writeWorkbook(target: string, specs: SheetSpec[], existing?: ExcelJS.Workbook, opts: { streamMinRows?: number; previous?: Uint8Array } = {}): Promise<void> {
  const { streamed, pack } = await streamedPackage(specs, existing, opts.streamMinRows, opts.previous);
  if (!streamed.length) return writeFileAtomic(target, packedBytes(pack, zlibDeflater));
  const direct = process.env.PILOTAGE_TEST_WRITE === 'direct';
  const tmp = direct ? target : await prepareTempFile(target);
  const sink = pausedMidWay(fileSink(tmp));
  try {
    await testPoint('apres-temporaire');
    pack(sink, zlibDeflater);
    if (direct) return;
    await testPoint('avant-renommage');
    await fs.rename(tmp, target);
  } catch (e) {
    sink.abort();
    await fs.rm(tmp, { force: true });
    throw e;
  }
}

/**
 * TEST ONLY: the streamed write is synchronous, so its `mi-ecriture` point blocks the thread
 * (Atomics.wait) once a first part of the archive is written and synced, until the test kills it.
 */
function pausedMidWay<S extends ReturnType<typeof fileSink>>(sink: S): S {
  if (process.env.PILOTAGE_TEST_PAUSE_AT !== 'mi-ecriture') return sink;
  let written = 0;
  return {
    ...sink,
    write(b: Uint8Array) {
      sink.write(b);
      written += b.length;
      if (written < 4096) return;
      sink.flush();
      if (process.env.PILOTAGE_TEST_PAUSE_FILE) writeFileSync(process.env.PILOTAGE_TEST_PAUSE_FILE, 'mi-ecriture');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); // until killed
    },
  };
}
