import ExcelJS from 'exceljs';
import type { CellValue, Grid, RejectedInput, SourceInput } from '../../core/model/grid';
import { noResult, resolveFormulaCells } from '../../core/parse/evaluate-formula';
import { csvToGrid } from '../../core/parse/parse-csv';
import { textInterner } from '../../core/parse/own-string';
import { readSheetXml, xmlSheetsToGrids, type XmlSheet } from './read-sheet-xml';
import { INPUT_LIMITS, sniffFormat } from './sniff-format';

/**
 * One exceljs cell as a plain value: formulas as their cached result, errors as CellError; a
 * formula stored without a result as `noResult(formula)` (worked out by workbookToGrids when simple).
 */
export function toCellValue(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('error' in v && typeof (v as ExcelJS.CellErrorValue).error === 'string') return { error: (v as ExcelJS.CellErrorValue).error };
    if ('formula' in v || 'sharedFormula' in v) {
      const r = (v as ExcelJS.CellFormulaValue).result;
      if (r === undefined || r === null) return noResult((v as ExcelJS.CellFormulaValue).formula || undefined);
      return toCellValue(r as ExcelJS.CellValue);
    }
    if ('richText' in v) return (v as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join('');
    if ('text' in v) return String((v as ExcelJS.CellHyperlinkValue).text ?? '');
  }
  return String(v);
}

function parseRange(r: string) {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(r);
  if (!m) return undefined;
  const col = (s: string) => s.split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { left: col(m[1]), top: Number(m[2]), right: col(m[3] ?? m[1]), bottom: Number(m[4] ?? m[2]) };
}

/**
 * Grids of every sheet of an .xlsx/.xlsm workbook already loaded by exceljs. A text repeated in
 * the workbook (a structure's name on each of its lines, a dispositif, a year's label) is one
 * string in memory: exceljs makes a new one per cell, and a national build holds every grid.
 */
export function workbookToGrids(file: string, wb: ExcelJS.Workbook): Grid[] {
  const grids: Grid[] = [];
  const shared = textInterner();
  wb.eachSheet((ws) => {
    const rows: CellValue[][] = [];
    // formula cells stored without a result (a file written by a script): worked out when simple
    const pending: { row: number; col: number }[] = [];
    const maxCells = INPUT_LIMITS.loadedCellsPerSheet;
    const width = Math.min(ws.columnCount, INPUT_LIMITS.columns);
    if (ws.rowCount * Math.max(width, 1) > maxCells)
      throw new Error(`la feuille « ${ws.name} » dépasse ${maxCells.toLocaleString('fr-FR')} cellules`);
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      // sized once to the row's last cell: an array grown cell by cell keeps up to twice its length
      const out: CellValue[] = new Array<CellValue>(Math.min(row.cellCount, width)).fill(null);
      row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
        if (colNumber > width) return;
        // merged slaves repeat the master's value in exceljs: keep only the master
        if (cell.isMerged && cell.master !== cell) return;
        // exceljs drops a cached result of 0 from cell.value; cell.result keeps it
        if (cell.type === ExcelJS.ValueType.Formula && (cell.result === undefined || cell.result === null)) {
          // exceljs gives a shared formula's text moved to this cell
          out[colNumber - 1] = noResult(cell.formula || undefined);
          pending.push({ row: rowNumber - 1, col: colNumber - 1 });
        } else out[colNumber - 1] = shared(cell.type === ExcelJS.ValueType.Formula ? toCellValue((cell.result ?? null) as ExcelJS.CellValue) : toCellValue(cell.value));
      });
      let len = out.length;
      while (len > 0 && out[len - 1] === null) len--;
      out.length = len; // ends at its last value, as before
      rows[rowNumber - 1] = out;
    });
    for (let i = 0; i < rows.length; i++) if (!rows[i]) rows[i] = [];
    if (pending.length) resolveFormulaCells(rows, pending);
    const merges = ((ws.model as unknown as { merges?: string[] }).merges ?? []).map(parseRange).filter((m): m is NonNullable<typeof m> => !!m);
    grids.push({ file, sheet: ws.name, hidden: ws.state !== 'visible', rows, merges });
  });
  return grids;
}

type LegacyReader = typeof import('../sheetjs/read-legacy-workbook').readLegacyWorkbook;
/** The .xls/.ods reader: its own chunk in the pane, loaded when such a file is read (README). */
let legacyReader = async (): Promise<LegacyReader> => (await import(/* webpackChunkName: "sheetjs" */ '../sheetjs/read-legacy-workbook')).readLegacyWorkbook;
/**
 * A host that has the reader at hand gives it (the CLI: run from its TypeScript sources by tsx/cjs,
 * a dynamic `import()` of a source goes through Node's ESM loader, which cannot load it).
 */
export function useLegacyReader(reader: LegacyReader): void {
  legacyReader = async () => reader;
}

/**
 * Reads one input (bytes and its file name) into grids, or says in French why it cannot:
 * corrupt, encrypted, too large. .xls and .ods are read by read-legacy-workbook.ts (SheetJS).
 * Never throws for bad input.
 */
export async function readInput(file: string, bytes: Uint8Array): Promise<SourceInput | RejectedInput> {
  const format = sniffFormat(file, bytes);
  if (format.kind === 'rejected') return { file, error: `${file} : ${format.reason}` };
  if (format.kind === 'csv') {
    try {
      return { file, grids: [csvToGrid(file, bytes)] };
    } catch (e) {
      return { file, error: `${file} : fichier CSV illisible (${(e as Error).message})` };
    }
  }
  if (format.kind === 'xls' || format.kind === 'ods') {
    // SheetJS only for these (README): its own chunk in the pane, loaded when such a file is read
    try {
      const readLegacyWorkbook = await legacyReader();
      return readLegacyWorkbook(file, bytes, format.kind);
    } catch (e) {
      return { file, error: `${file} : lecture impossible (${(e as Error).message})` };
    }
  }
  const direct = readCellsDirectly(file, bytes);
  if (direct) return direct;
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    const msg = String((e as Error).message);
    // Excel forbids two sheet names equal but for case; some tools write them anyway
    const dup = /Worksheet name already exists: (.*)/.exec(msg);
    if (dup) return { file, error: `${file} : deux feuilles portent le même nom à la casse près (« ${dup[1]} ») ; Excel l'interdit : renommez l'une d'elles puis relancez` };
    // another saver's package (openpyxl, strict OOXML…): its cells, read another way
    const other = await readOtherSaver(file, bytes);
    if (other) return other;
    const zip = /central directory|end of data|signature|zip|invalid|unexpected/i.test(msg);
    return { file, error: `${file} : classeur Excel illisible ou endommagé (${zip ? 'archive ZIP incomplète ou corrompue' : 'contenu XML non reconnu'})` };
  }
  if (wb.worksheets.length === 0) return { file, error: `${file} : classeur Excel illisible ou endommagé (aucune feuille : archive vide ou incomplète)` };
  try {
    return { file, grids: workbookToGrids(file, wb) };
  } catch (e) {
    return { file, error: `${file} : ${(e as Error).message}` };
  }
}

/**
 * The cells read straight from the sheet XML (read-sheet-xml.ts): values, cached results and dates
 * as exceljs gives them, at twice its speed and without its workbook model (styles, formats and
 * drawings an import never looks at). Undefined when that reading does not settle the file — an
 * archive it cannot read, no sheet, two sheet names equal but for case — so that exceljs reads it
 * and says in French what is wrong.
 */
function readCellsDirectly(file: string, bytes: Uint8Array): SourceInput | RejectedInput | undefined {
  let sheets: XmlSheet[];
  try {
    sheets = readSheetXml(bytes);
  } catch (e) {
    const msg = (e as Error).message;
    return /dépasse/.test(msg) ? { file, error: `${file} : ${msg}` } : undefined;
  }
  const names = sheets.map((x) => x.name.toLowerCase());
  if (!sheets.length || new Set(names).size !== names.length) return undefined;
  return { file, grids: xmlSheetsToGrids(file, sheets) };
}

/** exceljs could not load it: the repaired package, else the sheet XML (load-existing.ts); undefined when neither reads. */
async function readOtherSaver(file: string, bytes: Uint8Array): Promise<SourceInput | RejectedInput | undefined> {
  const { repairPackage } = await import('./load-existing');
  const { readSheetXml, xmlSheetsToGrids } = await import('./read-sheet-xml');
  try {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(repairPackage(bytes) as unknown as ArrayBuffer);
    return { file, grids: workbookToGrids(file, wb) };
  } catch {
    // still not: the cells themselves
  }
  try {
    const sheets = readSheetXml(bytes);
    return sheets.length ? { file, grids: xmlSheetsToGrids(file, sheets) } : undefined;
  } catch (e) {
    const msg = (e as Error).message;
    return /dépasse/.test(msg) ? { file, error: `${file} : ${msg}` } : undefined;
  }
}
