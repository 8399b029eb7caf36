import ExcelJS from 'exceljs';
import type { SheetSpec } from '../../core/model/sheet-spec';
import { unzipSync } from 'fflate';
import { addChartParts, chartsOf } from './add-charts';
import { ZipWriter, type ChunkDeflater } from './zip-writer';
import { renderSheet } from './render-sheet';

/**
 * Builds the output workbook: generated sheets replace their previous version, every other sheet
 * of an existing workbook (partners' sheets, users' own sheets) is kept as it is.
 * Kept apart from the file writing (Node only) so that the task pane can use it in a browser.
 */
export async function buildWorkbook(specs: SheetSpec[], existing?: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const wb = existing ?? new ExcelJS.Workbook();
  wb.creator = 'Pilotage AVS';
  wb.calcProperties = { fullCalcOnLoad: true } as ExcelJS.Workbook['calcProperties'];
  for (const spec of specs) {
    const old = wb.getWorksheet(spec.name);
    if (old) wb.removeWorksheet(old.id);
    renderSheet(wb, spec);
  }
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
 */
export async function workbookParts(wb: ExcelJS.Workbook, specs: SheetSpec[]): Promise<Record<string, Uint8Array>> {
  const stored = (await wb.xlsx.writeBuffer({ zip: { compression: 'STORE' } } as ExcelJS.XlsxWriteOptions)) as ArrayBuffer;
  return addChartParts(unzipSync(new Uint8Array(stored)), chartsOf(specs));
}

/**
 * Zips parts in their order, each deflated by `engine` (Node's zlib) or by fflate's own deflate;
 * `store`: not compressed (an intermediate package another writer reads again).
 */
export function zipParts(parts: Record<string, Uint8Array>, engine?: ChunkDeflater, store = false): Uint8Array {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const zip = new ZipWriter(
    {
      write: (c) => {
        chunks.push(c);
        size += c.length;
      },
      close: () => undefined,
    },
    engine,
  );
  for (const [name, data] of Object.entries(parts)) zip.add(name, data, { store });
  zip.close();
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
