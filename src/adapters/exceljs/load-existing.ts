import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { Grid } from '../../core/model/grid';
import { workbookToGrids } from './read-workbook';
import { decodeXml, readSheetGrids, readSheetXml, relativePart as relative, resolvePart, xmlSheetsToGrids, type XmlSheet } from './read-sheet-xml';
import { stripSheets } from './strip-sheets';

/**
 * The workbook being re-filled, whatever program saved it last. Three ways, tried in turn:
 *  1. exceljs's model, as written by this tool or Excel;
 *  2. the same after repairing what exceljs cannot follow in other savers' packages
 *     (openpyxl writes absolute part names, `/xl/tables/table1.xml`, that exceljs does not resolve);
 *  3. the sheet XML read directly (read-sheet-xml.ts), values and cached results: the sheets are
 *     rebuilt as values and formulas, so every typed note and every user's cell is kept, but
 *     their formatting is not (the `notes` say so).
 */
export interface ExistingWorkbook {
  wb: ExcelJS.Workbook;
  grids: Grid[];
  how: 'exceljs' | 'repaired' | 'xml';
  /** French notes for the user (what could not be carried over). */
  notes: string[];
  /** What the package holds that exceljs drops on writing (charts, pivot tables…), in French. */
  unkept: string[];
}

/**
 * Parts exceljs does not write back: charts, pivot tables, slicers, external links…
 * `rewritten`: the sheets this run writes again, with the number of charts it draws on each (the
 * COPIL's own charts): those are not lost, only charts beyond them (a user's chart added there).
 * `keptCharts`: the charts of the sheets not rewritten are carried over by the writer
 * (keep-sheets.ts, when it is given the previous package): they are not lost either.
 */
export function unkeptParts(bytes: Uint8Array, rewritten: ReadonlyMap<string, number> = new Map(), keptCharts = false): string[] {
  let names: string[];
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(bytes, {
      filter: (f) =>
        /^xl\/(charts|pivotTables|slicers|externalLinks|chartsheets)\/[^/]+\.xml$/i.test(f.name) ||
        ((rewritten.size > 0 || keptCharts) && /^xl\/(workbook\.xml|_rels\/workbook\.xml\.rels|worksheets\/_rels\/[^/]+\.rels|drawings\/_rels\/[^/]+\.rels)$/i.test(f.name)),
    });
    names = Object.keys(parts).filter((n) => /^xl\/(charts|pivotTables|slicers|externalLinks|chartsheets)\//i.test(n));
  } catch {
    return [];
  }
  const count = (re: RegExp) => names.filter((n) => re.test(n)).length;
  const out: string[] = [];
  let charts = count(/^xl\/(charts|chartsheets)\//i);
  for (const [sheet, n] of chartsPerSheet(parts)) charts -= keptCharts && !rewritten.has(sheet) ? n : Math.min(n, rewritten.get(sheet) ?? 0);
  const pivots = count(/^xl\/pivotTables\//i);
  const links = count(/^xl\/externalLinks\//i);
  const slicers = count(/^xl\/slicers\//i);
  if (charts) out.push(`${charts} graphique(s)`);
  if (pivots) out.push(`${pivots} tableau(x) croisé(s) dynamique(s)`);
  if (links) out.push(`${links} liaison(s) vers d'autres classeurs`);
  if (slicers) out.push(`${slicers} segment(s)`);
  return out;
}

/** Sheet name → charts drawn on it: workbook → sheet part → its drawing → the drawing's charts. */
function chartsPerSheet(parts: Record<string, Uint8Array>): Map<string, number> {
  const text = (n: string) => (parts[n] ? strFromU8(parts[n]) : '');
  const targets = (rels: string, type: string) =>
    [...rels.matchAll(/<Relationship\b[^>]*>/g)]
      .map((m) => m[0])
      .filter((r) => new RegExp(`Type="[^"]*/${type}"`).test(r))
      .map((r) => ({ id: /\bId="([^"]+)"/.exec(r)?.[1], target: /\bTarget="([^"]+)"/.exec(r)?.[1] ?? '' }));
  const sheetPart = new Map(targets(text('xl/_rels/workbook.xml.rels'), 'worksheet').map((r) => [r.id, resolvePart('xl/workbook.xml', r.target)]));
  const out = new Map<string, number>();
  for (const m of text('xl/workbook.xml').matchAll(/<sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const part = sheetPart.get(/\br:id="([^"]+)"/.exec(m[0])?.[1]);
    if (!name || !part) continue;
    const rels = text(part.replace(/([^/]+)$/, '_rels/$1.rels'));
    let n = 0;
    for (const d of targets(rels, 'drawing')) {
      const drawing = resolvePart(part, d.target);
      n += targets(text(drawing.replace(/([^/]+)$/, '_rels/$1.rels')), 'chart').length;
    }
    out.set(decodeXml(name), n);
  }
  return out;
}

/** Absolute relationship targets made relative to their source part, as exceljs expects them. */
export function repairPackage(bytes: Uint8Array): Uint8Array {
  const zip = unzipSync(bytes);
  for (const name of Object.keys(zip)) {
    if (!/\.rels$/i.test(name)) continue;
    // xl/worksheets/_rels/sheet1.xml.rels describes xl/worksheets/sheet1.xml
    const sourceDir = name.replace(/_rels\/[^/]*\.rels$/i, '').replace(/\/$/, '');
    const xml = strFromU8(zip[name]);
    const fixed = xml.replace(/(\sTarget\s*=\s*")\/([^"]*)"/g, (all, pre: string, abs: string) => {
      if (/TargetMode\s*=\s*"External"/.test(all)) return all;
      return `${pre}${relative(sourceDir, abs)}"`;
    });
    if (fixed !== xml) zip[name] = strToU8(fixed);
  }
  return zipSync(zip, { level: 6 });
}

/** A workbook holding the XML reading: values, and formulas with their cached result. */
export function workbookFromXml(sheets: XmlSheet[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const used = new Set<string>();
  for (const s of sheets) {
    if (used.has(s.name.toLowerCase())) continue;
    used.add(s.name.toLowerCase());
    const ws = wb.addWorksheet(s.name, { state: s.hidden ? 'hidden' : 'visible' });
    s.cells.forEach((row, r) =>
      row.forEach((c, k) => {
        if (!c) return;
        const v = c.value;
        const plain: ExcelJS.CellValue = v !== null && typeof v === 'object' && !(v instanceof Date) ? { error: v.error } as ExcelJS.CellErrorValue : v;
        ws.getCell(r + 1, k + 1).value = c.formula
          ? ({ formula: c.formula, result: plain ?? undefined } as ExcelJS.CellFormulaValue)
          : plain;
      }),
    );
    for (const m of s.merges) if (m.bottom > m.top || m.right > m.left) ws.mergeCells(m.top, m.left, m.bottom, m.right);
  }
  return wb;
}

async function viaExceljs(file: string, bytes: Uint8Array): Promise<{ wb: ExcelJS.Workbook; grids: Grid[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return { wb, grids: workbookToGrids(file, wb) };
}

/** The XML way only: used too when exceljs loaded the workbook but cannot write it back. */
export function existingFromXml(file: string, bytes: Uint8Array): ExistingWorkbook {
  const sheets = readSheetXml(bytes);
  return {
    wb: workbookFromXml(sheets),
    grids: xmlSheetsToGrids(file, sheets),
    how: 'xml',
    unkept: unkeptParts(bytes),
    notes: [
      `le classeur ${file} a été enregistré par un programme dont l'outil ne sait pas relire toute la présentation : ses feuilles ont été relues cellule par cellule (valeurs, formules et notes saisies gardées ; mise en forme de vos propres feuilles non reprise)`,
    ],
  };
}

/**
 * The sheets the build writes again left out of exceljs's model (strip-sheets.ts), only the cells
 * of `cellsOf` among them read, from their XML: a national re-fill no longer loads a Financements
 * table of 250 000 rows and the Contrôles into the model. Undefined when the package cannot be
 * followed that way (the whole workbook is then loaded).
 */
async function withoutRewritten(file: string, bytes: Uint8Array, rewritten: string[], cellsOf: string[]): Promise<Pick<ExistingWorkbook, 'wb' | 'grids'> | undefined> {
  let stripped: Uint8Array;
  try {
    stripped = stripSheets(bytes, rewritten);
  } catch {
    return undefined;
  }
  if (stripped === bytes) return undefined;
  try {
    const { wb, grids } = await viaExceljs(file, stripped);
    const present = new Set(grids.map((g) => g.sheet.toLowerCase()));
    const read = readSheetGrids(file, bytes, cellsOf);
    // the other rewritten sheets: their names only (the Contrôles links name the workbook's sheets)
    const names = xmlSheetNames(bytes).filter((n) => !present.has(n.toLowerCase()) && !read.some((g) => g.sheet === n));
    return { wb, grids: [...grids, ...read, ...names.map((sheet) => ({ file, sheet, rows: [] }))] };
  } catch {
    return undefined;
  }
}

/** Sheet names of a package, from workbook.xml only. */
function xmlSheetNames(bytes: Uint8Array): string[] {
  const wb = unzipSync(bytes, { filter: (f) => f.name === 'xl/workbook.xml' })['xl/workbook.xml'];
  return wb ? [...strFromU8(wb).matchAll(/<(?:\w+:)?sheet\b[^>]*\bname="([^"]*)"/g)].map((m) => decodeXml(m[1])) : [];
}

/**
 * Loads the workbook to re-fill; throws only a French message (the three ways all failed).
 * `rewritten`: sheets this build writes again whatever happens, `cellsOf` those of them whose
 * previous cells the build reads (the Financements table, for Changements).
 */
export async function loadExistingWorkbook(file: string, bytes: Uint8Array, opts: { rewritten?: string[]; cellsOf?: string[] } = {}): Promise<ExistingWorkbook> {
  const unkept = unkeptParts(bytes);
  const notes: string[] = [];
  if (opts.rewritten?.length) {
    const light = await withoutRewritten(file, bytes, opts.rewritten, opts.cellsOf ?? []);
    if (light) return { ...light, how: 'exceljs', notes, unkept };
  }
  try {
    return { ...(await viaExceljs(file, bytes)), how: 'exceljs', notes, unkept };
  } catch {
    // another saver's package: repaired, then read directly
  }
  try {
    return { ...(await viaExceljs(file, repairPackage(bytes))), how: 'repaired', notes, unkept };
  } catch {
    // not enough: the cells themselves
  }
  try {
    return existingFromXml(file, bytes);
  } catch (e) {
    const msg = (e as Error).message;
    throw new Error(/^[a-zà-ÿ]/.test(msg) && /[éèàç]|classeur|feuille/.test(msg) ? msg : 'ce n’est pas un classeur .xlsx lisible (archive ou XML endommagé)');
  }
}
