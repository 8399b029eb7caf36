import ExcelJS from 'exceljs';
import type { SheetSpec } from '../../core/model/sheet-spec';
import { unzipSync } from 'fflate';
import { addChartParts, chartsOf } from './add-charts';
import { ZipWriter, type ChunkDeflater, type ZipSink } from './zip-writer';
import { renderSheet } from './render-sheet';
import { packStreamedSheets } from './pack-streamed-sheets';
import { isStreamable } from './stream-sheet';
import { keepCharts, orderSheetPrs, packageSheetOrder, restoreSheetOrder } from './keep-sheets';

/**
 * Builds the output workbook: generated sheets replace their previous version, every other sheet
 * of an existing workbook (partners' sheets, users' own sheets) is kept as it is.
 * Kept apart from the file writing (Node only) so that the task pane can use it in a browser.
 * `previousOrder`: the sheet names of the workbook being re-filled, in its order, where the kept
 * sheets go back (exceljs appends every sheet drawn again).
 */
export async function buildWorkbook(specs: SheetSpec[], existing?: ExcelJS.Workbook, previousOrder?: string[]): Promise<ExcelJS.Workbook> {
  const wb = existing ?? new ExcelJS.Workbook();
  wb.creator = 'Pilotage AVS';
  wb.calcProperties = { fullCalcOnLoad: true } as ExcelJS.Workbook['calcProperties'];
  for (const spec of specs) {
    const old = wb.getWorksheet(spec.name);
    if (old) wb.removeWorksheet(old.id);
    renderSheet(wb, spec);
  }
  if (existing && previousOrder?.length) restoreSheetOrder(wb, specs.map((s) => s.name), previousOrder);
  return wb;
}

/**
 * The workbook as .xlsx bytes, with the native charts the specs ask for (exceljs writes the
 * cells, add-charts.ts the charts). Browser-safe: the standalone pane downloads these bytes.
 */
export async function workbookBytes(wb: ExcelJS.Workbook, specs: SheetSpec[], engine?: ChunkDeflater): Promise<Uint8Array> {
  return zipParts(await workbookParts(wb, specs), engine);
}

/**
 * The package's parts (name → bytes, [Content_Types].xml first), charts included. exceljs stores
 * its parts uncompressed, so that they are deflated once, by the writer that zips the package:
 * JSZip's deflate then fflate's inflate and deflate again cost a third of a département's build.
 * `previous`: the workbook being re-filled, whose kept sheets keep their charts (keep-sheets.ts).
 */
export async function workbookParts(wb: ExcelJS.Workbook, specs: SheetSpec[], previous?: Uint8Array): Promise<Record<string, Uint8Array>> {
  const stored = (await wb.xlsx.writeBuffer({ zip: { compression: 'STORE' } } as ExcelJS.XlsxWriteOptions)) as ArrayBuffer;
  // exceljs writes a loaded sheet's sheetPr children out of the schema's order
  const parts = addChartParts(orderSheetPrs(unzipSync(new Uint8Array(stored))), chartsOf(specs));
  return previous ? keepCharts(parts, previous, specs.map((s) => s.name)) : parts;
}

/**
 * Zips parts in their order, each deflated by `engine` (Node's zlib) or by fflate's own deflate;
 * `store`: not compressed (an intermediate package another writer reads again).
 */
export function zipParts(parts: Record<string, Uint8Array>, engine?: ChunkDeflater, store = false): Uint8Array {
  const mem = memorySink();
  zipInto(parts, mem.sink, engine, store);
  return mem.bytes();
}

/**
 * From this many rows, a sheet is streamed rather than drawn in exceljs's in-memory model: every
 * sheet our writer can draw (no chart, wrapped text, row heights or page breaks), since it writes
 * the same tables, formats, validations and links (test/interop/stream-writer.test.ts) several
 * times faster; exceljs keeps the COPIL sheets and the user's own sheets.
 */
export const STREAM_MIN_ROWS = 1;

const rowCount = (s: SheetSpec) => s.blocks.reduce((n, b) => n + b.cells.length, 0) + s.tables.reduce((n, t) => n + t.rows.length + 1, 0);

/**
 * The package in two steps, for the CLI (into a file) and the pane (into memory) alike: `parts`,
 * what exceljs draws (the streamed sheets as empty placeholders that keep their place, tab
 * colour, freeze and print titles; charts added), then `pack`, which writes the whole archive to
 * a sink, the streamed sheets drawn by our own writer. `previous`: the bytes of the workbook
 * `existing` was read from, for the kept sheets' place and charts (keep-sheets.ts).
 */
export async function streamedPackage(specs: SheetSpec[], existing?: ExcelJS.Workbook, streamMinRows = STREAM_MIN_ROWS, previous?: Uint8Array): Promise<{ streamed: SheetSpec[]; pack: (sink: ZipSink, engine?: ChunkDeflater) => void }> {
  const streamed = specs.filter((s) => isStreamable(s) && rowCount(s) >= streamMinRows);
  const names = new Set(streamed.map((s) => s.name));
  const wb = await buildWorkbook(
    specs.map((s) => (names.has(s.name) ? { ...s, blocks: [], tables: [] } : s)),
    existing,
    existing && previous ? packageSheetOrder(previous) : undefined,
  );
  // charts first: they belong to sheets drawn by exceljs (a sheet with charts is never streamed)
  const parts = await workbookParts(wb, specs, existing ? previous : undefined);
  if (!streamed.length) return { streamed, pack: (sink, engine) => zipInto(parts, sink, engine) };
  // stored, not deflated: packStreamedSheets reads it again and deflates every part once
  const stored = zipParts(parts, undefined, true);
  return { streamed, pack: (sink, engine) => packStreamedSheets(stored, streamed, sink, engine) };
}

/** The workbook as .xlsx bytes in memory, its tables streamed: the pane's download. */
export async function streamedWorkbookBytes(specs: SheetSpec[], engine?: ChunkDeflater): Promise<Uint8Array> {
  return packedBytes((await streamedPackage(specs)).pack, engine);
}

/** What `pack` writes, gathered in memory. */
export function packedBytes(pack: (sink: ZipSink, engine?: ChunkDeflater) => void, engine?: ChunkDeflater): Uint8Array {
  const mem = memorySink();
  pack(mem.sink, engine);
  return mem.bytes();
}

function zipInto(parts: Record<string, Uint8Array>, sink: ZipSink, engine?: ChunkDeflater, store = false): void {
  const zip = new ZipWriter(sink, engine);
  for (const [name, data] of Object.entries(parts)) zip.add(name, data, { store });
  zip.close();
}

function memorySink(): { sink: ZipSink; bytes: () => Uint8Array } {
  const chunks: Uint8Array[] = [];
  let size = 0;
  return {
    sink: {
      write: (c) => {
        chunks.push(c);
        size += c.length;
      },
      close: () => undefined,
    },
    bytes: () => {
      const out = new Uint8Array(size);
      let at = 0;
      for (const c of chunks) {
        out.set(c, at);
        at += c.length;
      }
      return out;
    },
  };
}
