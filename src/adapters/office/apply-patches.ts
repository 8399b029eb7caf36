import { NUM_FMT } from '../../core/sheets/number-formats';
import type { SheetPatch } from '../../core/model/sheet-patch';
import { applyOp } from './apply-op';
import { recalculate, suspendForWrite, type ExcelRun, type HostCapabilities } from './excel-host';
import { cellAddress, packBatches, type SheetOp } from './sheet-ops';
import { DEFAULT_BATCH_BUDGET } from './write-sheets';
import { toOfficeValue } from './cell-values';

/**
 * The core's cell patches for hand-made programming sheets (sheets the user made, that the core
 * chose to fill in place): only the listed cells change, the user's layout and notes stay.
 * Same operations as a generated sheet, so text stays text and formulas are formulas.
 */
export function patchOps(p: SheetPatch): SheetOp[] {
  const ops: SheetOp[] = [];
  for (const c of p.cells) {
    const v = c.value;
    const format = typeof v === 'string' ? '@' : c.format ? NUM_FMT[c.format] : undefined;
    if (format) ops.push({ kind: 'cells', row: c.row, col: c.col, values: [[toOfficeValue(v)]], formats: [[format]] });
    else ops.push({ kind: 'value', row: c.row, col: c.col, value: toOfficeValue(v) });
    if (v && typeof v === 'object' && 'formula' in v) ops.push({ kind: 'formula', row: c.row, col: c.col, formula: `=${v.formula}` });
    if (v && typeof v === 'object' && 'target' in v) ops.push({ kind: 'link', row: c.row, col: c.col, text: v.text, target: v.target });
    if (c.bold) ops.push({ kind: 'font', address: cellAddress(c.row, c.col), bold: true });
  }
  return ops;
}

export async function applyPatches(run: ExcelRun, patches: SheetPatch[], caps: HostCapabilities): Promise<number> {
  if (patches.length === 0) return 0;
  return run(async (context) => {
    let syncs = 0;
    let wrote = false;
    for (const p of patches) {
      const sheet = context.workbook.worksheets.getItemOrNullObject(p.sheet);
      await context.sync();
      syncs++;
      if (sheet.isNullObject) continue;
      for (const batch of packBatches(patchOps(p), DEFAULT_BATCH_BUDGET)) {
        // suspensions first: they cover the operations queued after them
        suspendForWrite(context, caps, true);
        for (const op of batch) applyOp(sheet, op, caps);
        await context.sync();
        syncs++;
        wrote = true;
      }
    }
    // formulas written without a result are calculated (calculation was suspended, or manual)
    if (wrote) {
      await recalculate(context);
      syncs++;
    }
    return syncs;
  });
}
