import { promises as fs } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { SheetSpec } from '../../core/model/sheet-spec';
import { renderSheet } from './render-sheet';

/**
 * Builds the output workbook: generated sheets replace their previous version, every other sheet
 * of an existing workbook (partners' sheets, users' own sheets) is kept as it is.
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

/** Is this process id still running? (a temporary file of a live build must not be touched) */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

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
    if (m && Number(m[1]) !== process.pid && !alive(Number(m[1]))) await fs.rm(path.join(dir, n), { force: true });
  }
  return path.join(dir, `.${base}.${process.pid}.${Date.now()}.tmp`);
}

/**
 * Writes to a temporary file beside the target, then renames it over the target: a crash or a
 * kill at any moment leaves the old file or the new one, never a half-written workbook.
 */
export async function writeFileAtomic(target: string, data: Uint8Array | Buffer): Promise<void> {
  const tmp = await prepareTempFile(target);
  try {
    const fh = await fs.open(tmp, 'w');
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fs.rename(tmp, target);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}

export async function writeWorkbook(target: string, specs: SheetSpec[], existing?: ExcelJS.Workbook): Promise<void> {
  const wb = await buildWorkbook(specs, existing);
  const buf = await wb.xlsx.writeBuffer();
  await writeFileAtomic(target, new Uint8Array(buf as ArrayBuffer));
}
