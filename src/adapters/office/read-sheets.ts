import type { CellValue, Grid, RejectedInput } from '../../core/model/grid';
import { fromOfficeCell } from './cell-values';
import { utf8Length, type ExcelRun, type HostCapabilities } from './excel-host';
import { SETTINGS, parseNameList } from './generated-sheets';
import { LOCK_SHEET, recordedGeneratedSheets } from './generation-lock';
import { errorCode, reasonOf } from './host-errors';

/**
 * Bytes of response per read round trip: Excel on the web refuses a response over 5 MB, counted
 * in UTF-8 bytes of values, value types and number formats together. A 30-character text costs
 * about 52 bytes with its type and format, more with accents, so slices are sized by the bytes
 * the rows already read took, not by a number of cells.
 */
export const READ_BYTES_PER_SYNC = 3_000_000;
/** First slice of a sheet, before anything is known about its rows. */
export const FIRST_SLICE_CELLS = 5_000;
/** Merged areas looked at when the whole sheet has too many (more than 512 fails): its top rows, where headers are. */
export const MERGE_FALLBACK_ROWS = 200;

export interface ReadOptions {
  caps: HostCapabilities;
  /** File name shown in findings; defaults to the workbook's name. */
  file?: string;
  /** Sheet names not to read (besides the sheets the add-in generated). */
  skip?: string[];
  /** Read the generated sheets too (typed notes of the programming sheets, links of Contrôles). */
  includeGenerated?: boolean;
  onProgress?: (done: number, total: number, label: string) => void;
  /** Receives the sheets that could not be read (French reason naming the sheet); the others are still read. */
  unread?: RejectedInput[];
}

function parseA1(a: string) {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(a.replace(/^.*!/, ''));
  if (!m) return undefined;
  const col = (s: string) => s.split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { left: col(m[1]), top: Number(m[2]), right: col(m[3] ?? m[1]), bottom: Number(m[4] ?? m[2]) };
}

const rowBytes = (values: unknown[], types: unknown[], formats: unknown[]) =>
  utf8Length(JSON.stringify(values)) +
  utf8Length(JSON.stringify(types)) +
  utf8Length(JSON.stringify(formats));

/**
 * Merged areas of a sheet: getMergedAreasOrNullObject "will fail" when a range holds more than
 * 512 of them (office-js reference), so the whole sheet is tried first, then its top rows
 * (where headers are merged), then none: a sheet is never lost for its merges.
 */
async function readMerges(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  used: { rowIndex: number; columnIndex: number; rowCount: number; columnCount: number },
) {
  const tries = [used.rowCount, Math.min(used.rowCount, MERGE_FALLBACK_ROWS)].filter(
    (n, i, a) => a.indexOf(n) === i,
  );
  for (const rows of tries) {
    try {
      const merged = sheet
        .getRangeByIndexes(used.rowIndex, used.columnIndex, rows, used.columnCount)
        .getMergedAreasOrNullObject();
      merged.load('address');
      await context.sync();
      if (merged.isNullObject || !merged.address) return [];
      return merged.address
        .split(',')
        .map(parseA1)
        .filter((m): m is NonNullable<typeof m> => !!m);
    } catch {
      // more than 512 merged areas: try a smaller range
    }
  }
  return [];
}

/**
 * The workbook's sheets as grids (values, number formats to tell dates, `valueTypes` to tell
 * errors like #REF!). Each sheet is read on its own (a sheet that fails does not fail the others),
 * in row slices sized by bytes (READ_BYTES_PER_SYNC). Sheets the add-in generated are not sources
 * and are skipped.
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
    // the generation lock's very hidden sheet is the add-in's, never a source nor a sheet to keep
    const skip = new Set([...generated, ...(opts.skip ?? []), LOCK_SHEET]);
    const todo = sheets.items
      .filter((s) => !skip.has(s.name))
      .map((s) => ({ name: s.name, hidden: s.visibility !== 'Visible' }));

    const grids: Grid[] = [];
    let done = 0;
    for (const { name, hidden } of todo) {
      try {
        grids.push(await readOne(name, hidden));
      } catch (e) {
        // Excel no longer answering: the other sheets would wait the same, the read stops
        if (errorCode(e) === 'SyncTimeout') throw e;
        opts.unread?.push({ file, error: `Feuille « ${name} » non lue : ${reasonOf(e)}` });
      }
      opts.onProgress?.(++done, todo.length, name);
    }
    return grids;

    async function readOne(name: string, hidden: boolean): Promise<Grid> {
      const sheet = wb.worksheets.getItem(name);
      const range = sheet.getUsedRangeOrNullObject(true);
      range.load('rowIndex,columnIndex,rowCount,columnCount');
      await context.sync();
      const grid: Grid = { file, sheet: name, hidden, rows: [] };
      if (!range.isNullObject) {
        const used = {
          rowIndex: range.rowIndex,
          columnIndex: range.columnIndex,
          rowCount: range.rowCount,
          columnCount: range.columnCount,
        };
        const rows: CellValue[][] = [];
        let rowsPerSlice = Math.max(1, Math.floor(FIRST_SLICE_CELLS / Math.max(1, used.columnCount)));
        let maxRowBytes = 0;
        for (let start = 0; start < used.rowCount; start += rowsPerSlice) {
          if (maxRowBytes > 0) rowsPerSlice = Math.max(1, Math.floor(READ_BYTES_PER_SYNC / maxRowBytes));
          const n = Math.min(rowsPerSlice, used.rowCount - start);
          const slice = sheet.getRangeByIndexes(used.rowIndex + start, used.columnIndex, n, used.columnCount);
          slice.load('values,valueTypes,numberFormat');
          await context.sync();
          const [values, types, formats] = [slice.values, slice.valueTypes, slice.numberFormat];
          values.forEach((r, ri) => {
            // the widest row so far, with a margin for the rows not seen yet
            maxRowBytes = Math.max(maxRowBytes, Math.ceil(rowBytes(r, types[ri], formats[ri]) * 1.5) + 16);
            rows.push(r.map((v, ci) => fromOfficeCell(v, types[ri][ci], formats[ri][ci])));
          });
        }
        grid.rows = rows;
        grid.originRow = used.rowIndex + 1;
        grid.originCol = used.columnIndex + 1;
        if (opts.caps.api113) {
          const merges = await readMerges(context, sheet, used);
          if (merges.length) grid.merges = merges;
        }
      }
      return grid;
    }
  });
}

/**
 * Names of the sheets the add-in generated in this workbook: its settings, and the record in the
 * lock sheet (what co-authors generated, whose settings may not have reached this copy).
 */
export async function generatedSheetNames(run: ExcelRun): Promise<string[]> {
  return run(async (context) => {
    const setting = context.workbook.settings.getItemOrNullObject(SETTINGS.generated);
    setting.load('value');
    await context.sync();
    const fromSettings = setting.isNullObject ? [] : parseNameList(setting.value);
    return [...new Set([...fromSettings, ...(await recordedGeneratedSheets(context))])];
  });
}

/**
 * The Contrôles sheet the add-in generated: `Contrôles`, or `Contrôles (2)`… when the workbook
 * already held a sheet of that name (resolveSheetName), found in the generated-sheet record.
 * Undefined when none was generated (a user's own « Contrôles » is never the add-in's).
 */
export async function generatedControlsSheet(run: ExcelRun): Promise<string | undefined> {
  const names = await generatedSheetNames(run);
  const controls = names.filter((n) => /^Contrôles( \(\d+\))?$/i.test(n));
  return controls.find((n) => n.toLowerCase() === 'contrôles') ?? controls.sort().at(-1);
}
