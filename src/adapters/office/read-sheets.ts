import type { CellValue, Grid } from '../../core/model/grid';
import { fromOfficeCell } from './cell-values';
import type { ExcelRun, HostCapabilities } from './excel-host';
import { SETTINGS, parseNameList } from './generated-sheets';

/** Cells read per round trip: keeps each response well under Excel on the web's 5 MB limit. */
export const READ_CELLS_PER_SYNC = 100_000;

export interface ReadOptions {
  caps: HostCapabilities;
  /** File name shown in findings; defaults to the workbook's name. */
  file?: string;
  /** Sheet names not to read (besides the sheets the add-in generated). */
  skip?: string[];
  /** Read the generated sheets too (typed notes of the programming sheets, links of Contrôles). */
  includeGenerated?: boolean;
  onProgress?: (done: number, total: number, label: string) => void;
}

function parseA1(a: string) {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(a.replace(/^.*!/, ''));
  if (!m) return undefined;
  const col = (s: string) => s.split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { left: col(m[1]), top: Number(m[2]), right: col(m[3] ?? m[1]), bottom: Number(m[4] ?? m[2]) };
}

/**
 * The workbook's sheets as grids (values, number formats to tell dates, `valueTypes` to tell
 * errors like #REF!), in row slices of READ_CELLS_PER_SYNC cells. Sheets the add-in generated
 * are not sources and are skipped.
 */
export async function readSheets(run: ExcelRun, opts: ReadOptions): Promise<Grid[]> {
  return run(async (context) => {
    const wb = context.workbook;
    wb.load('name');
    const sheets = wb.worksheets;
    sheets.load('items/name,items/visibility');
    const setting = wb.settings.getItemOrNullObject(SETTINGS.generated);
    setting.load('value');
    await context.sync();
    const file = opts.file ?? (wb.name || 'Classeur actif');
    const generated = opts.includeGenerated || setting.isNullObject ? [] : parseNameList(setting.value);
    const skip = new Set([...generated, ...(opts.skip ?? [])]);
    const todo = sheets.items.filter((s) => !skip.has(s.name));

    const used = todo.map((s) => {
      const r = s.getUsedRangeOrNullObject(true);
      r.load('rowIndex,columnIndex,rowCount,columnCount');
      const merged = opts.caps.api113 ? s.getRange().getMergedAreasOrNullObject() : undefined;
      merged?.load('address');
      return { sheet: s, range: r, merged };
    });
    await context.sync();

    const grids: Grid[] = [];
    let done = 0;
    for (const { sheet, range, merged } of used) {
      const grid: Grid = { file, sheet: sheet.name, hidden: sheet.visibility !== 'Visible', rows: [] };
      if (!range.isNullObject) {
        const rowsPerSlice = Math.max(1, Math.floor(READ_CELLS_PER_SYNC / Math.max(1, range.columnCount)));
        const rows: CellValue[][] = [];
        for (let start = 0; start < range.rowCount; start += rowsPerSlice) {
          const n = Math.min(rowsPerSlice, range.rowCount - start);
          const slice = sheet.getRangeByIndexes(range.rowIndex + start, range.columnIndex, n, range.columnCount);
          slice.load('values,valueTypes,numberFormat');
          await context.sync();
          const [values, types, formats] = [slice.values, slice.valueTypes, slice.numberFormat];
          values.forEach((r, ri) => rows.push(r.map((v, ci) => fromOfficeCell(v, types[ri][ci], formats[ri][ci]))));
        }
        grid.rows = rows;
        grid.originRow = range.rowIndex + 1;
        grid.originCol = range.columnIndex + 1;
      }
      if (merged && !merged.isNullObject && merged.address)
        grid.merges = merged.address
          .split(',')
          .map(parseA1)
          .filter((m): m is NonNullable<typeof m> => !!m);
      grids.push(grid);
      opts.onProgress?.(++done, used.length, sheet.name);
    }
    return grids;
  });
}

/** Names of the sheets the add-in generated in this workbook (from its settings). */
export async function generatedSheetNames(run: ExcelRun): Promise<string[]> {
  return run(async (context) => {
    const setting = context.workbook.settings.getItemOrNullObject(SETTINGS.generated);
    setting.load('value');
    await context.sync();
    return setting.isNullObject ? [] : parseNameList(setting.value);
  });
}
