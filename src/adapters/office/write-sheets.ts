import type { SheetSpec } from '../../core/model/sheet-spec';
import { applyOp } from './apply-op';
import { quietSync, type ExcelRun, type HostCapabilities } from './excel-host';
import { SETTINGS, parseNameList } from './generated-sheets';
import { packBatches, sheetOps } from './sheet-ops';

/** Below Excel on the web's 5 MB request limit, with room for the request envelope. */
export const DEFAULT_BATCH_BUDGET = 3_500_000;

export interface WriteOptions {
  caps: HostCapabilities;
  budget?: number;
  onProgress?: (done: number, total: number, label: string) => void;
}

export interface WriteResult {
  written: string[];
  /** Sheets not written because a sheet of that name is not one the add-in generated (French reason). */
  refused: { sheet: string; reason: string }[];
  syncs: number;
  batches: number;
}

/**
 * Writes generated sheets in the open workbook: one round trip to look at what exists, then one
 * per batch (values in row blocks, then tables, formats, validations, links, outline, print).
 * A sheet of the same name replaces its previous version only when the add-in generated it
 * (listed in the settings, or holding the same table); partners' sheets are never touched.
 */
export async function writeSheets(run: ExcelRun, specs: SheetSpec[], opts: WriteOptions): Promise<WriteResult> {
  const budget = opts.budget ?? DEFAULT_BATCH_BUDGET;
  return run(async (context) => {
    let syncs = 0;
    const sync = async () => {
      await quietSync(context, opts.caps);
      syncs++;
    };
    const wb = context.workbook;
    const sheets = wb.worksheets;
    sheets.load('items/name');
    const tables = wb.tables;
    tables.load('items/name,items/worksheet/name');
    const setting = wb.settings.getItemOrNullObject(SETTINGS.generated);
    setting.load('value');
    await sync();

    const generated = new Set(setting.isNullObject ? [] : parseNameList(setting.value));
    const existing = new Map(sheets.items.map((s) => [s.name.toLowerCase(), s]));
    const tableSheet = new Map(tables.items.map((t) => [t.name.toLowerCase(), t.worksheet.name.toLowerCase()]));
    const result: WriteResult = { written: [], refused: [], syncs: 0, batches: 0 };

    const plans = specs.map((spec) => ({ spec, batches: packBatches(sheetOps(spec), budget) }));
    const totalBatches = plans.reduce((n, p) => n + p.batches.length, 0);
    let done = 0;
    for (const { spec, batches } of plans) {
      const key = spec.name.toLowerCase();
      const old = existing.get(key);
      const ours = generated.has(spec.name) || spec.tables.some((t) => tableSheet.get(t.name.toLowerCase()) === key);
      if (old && !ours) {
        result.refused.push({
          sheet: spec.name,
          reason: `La feuille « ${spec.name} » existe déjà et n'a pas été créée par Pilotage AVS : elle n'est pas modifiée. Renommez-la pour laisser le complément créer la sienne.`,
        });
        done += batches.length;
        continue;
      }
      // the old version goes away in the same round trip as the first block of the new one
      if (old) old.name = `~${Date.now().toString(36)}`;
      const sheet = sheets.add(spec.name);
      if (old) old.delete();
      for (const batch of batches) {
        for (const op of batch) applyOp(sheet, op, opts.caps);
        await sync();
        result.batches++;
        opts.onProgress?.(++done, totalBatches, spec.name);
      }
      if (batches.length === 0) await sync();
      generated.add(spec.name);
      result.written.push(spec.name);
    }
    wb.settings.add(SETTINGS.generated, JSON.stringify([...generated]));
    await sync();
    result.syncs = syncs;
    return result;
  });
}
