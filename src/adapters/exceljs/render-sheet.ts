import ExcelJS from 'exceljs';
import type { SheetSpec, SpecValue, TableSpec } from '../../core/model/sheet-spec';
import { columnLetter } from '../../core/import/column-letter';
import { fitExcelText } from '../../core/sheets/excel-text';
import { FLAG_FONT, HIGHLIGHT_FILL, NUM_FMT } from '../../core/sheets/number-formats';

export { NUM_FMT };

const FILL = {
  erreur: `FF${HIGHLIGHT_FILL.erreur}`,
  alerte: `FF${HIGHLIGHT_FILL.alerte}`,
  info: `FF${HIGHLIGHT_FILL.info}`,
} as const;

/** The workbook's font (exceljs's default), named on every styled cell, as the streaming writer does. */
const FONT = 'Calibri';

function isoToDate(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

/** A SpecValue as an exceljs value. Strings are always plain strings: never a formula. */
export function toExcelValue(v: SpecValue): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return fitExcelText(v);
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if ('date' in v) return isoToDate(v.date);
  if ('formula' in v) return { formula: v.formula, result: v.result ?? undefined } as ExcelJS.CellFormulaValue;
  if ('target' in v) return { text: fitExcelText(v.text), hyperlink: `#${v.target}` } as ExcelJS.CellHyperlinkValue;
  return null;
}

function renderTable(ws: ExcelJS.Worksheet, t: TableSpec, collapsed = false) {
  const startCol = t.startCol ?? 1;
  const rows = t.rows.length ? t.rows : [t.columns.map(() => null)];
  ws.addTable({
    name: t.name,
    ref: `${columnLetter(startCol)}${t.headerRow}`,
    headerRow: true,
    totalsRow: false,
    style: { theme: 'TableStyleMedium2', showRowStripes: true },
    columns: t.columns.map((c) => ({ name: c.header, filterButton: true })),
    rows: rows.map((r) => r.map(toExcelValue)),
  });
  const first = t.headerRow + 1;
  const last = t.headerRow + rows.length;
  // headers as text, like every other text (a column titled « + commentaire » or « -1 »)
  t.columns.forEach((_c, i) => (ws.getCell(t.headerRow, startCol + i).numFmt = '@'));
  t.columns.forEach((c, i) => {
    const colIndex = startCol + i;
    const col = ws.getColumn(colIndex);
    if (c.width) col.width = c.width;
    const letter = columnLetter(colIndex);
    const fmt = NUM_FMT[c.type];
    for (let r = first; r <= last; r++) ws.getCell(r, colIndex).numFmt = fmt;
    const range = `${letter}${first}:${letter}${Math.max(last, first)}`;
    const dv = (ws as unknown as { dataValidations: { add(a: string, v: ExcelJS.DataValidation): void } }).dataValidations;
    if (c.list)
      dv.add(range, { type: 'list', allowBlank: true, formulae: [`"${c.list.join(',')}"`], showErrorMessage: true, errorTitle: 'Valeur non prévue', error: `Choisissez une valeur de la liste (${c.header}).` });
    else if (c.listRange)
      dv.add(range, { type: 'list', allowBlank: true, formulae: [c.listRange], showErrorMessage: true, errorTitle: 'Code inconnu', error: `Choisissez un code de la liste (${c.header}).` });
  });
  for (const h of t.highlights ?? []) {
    if (h.level === 'info') continue;
    for (let i = 0; i < t.columns.length; i++)
      ws.getCell(first + h.row, startCol + i).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL[h.level] } };
  }
  t.outline?.forEach((lvl, i) => {
    if (lvl <= 0) return;
    const row = ws.getRow(first + i);
    row.outlineLevel = lvl;
    // folded: the detail rows hidden, as Excel saves a closed group (its button shows « + »)
    if (collapsed) row.hidden = true;
  });
  // exceljs marks a row `collapsed` when its level reaches outlineLevelRow (default 0), and
  // LibreOffice then hides rows: one level above the deepest keeps every group open.
  const deepest = Math.max(0, ...(t.outline ?? []));
  if (deepest > 0) ws.properties.outlineLevelRow = Math.max(ws.properties.outlineLevelRow ?? 0, deepest + 1);
  for (const i of t.subtotalRows ?? []) ws.getRow(first + i).font = { name: FONT, bold: true, size: 11 };
  if (t.flagColumn) {
    const idx = t.columns.findIndex((c) => c.key === t.flagColumn);
    if (idx >= 0) {
      const L = columnLetter(startCol + idx);
      ws.addConditionalFormatting({
        ref: `${L}${first}:${L}${last}`,
        rules: [{ type: 'expression', priority: 1, formulae: [`LEN(${L}${first})>0`], style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: FILL.alerte } }, font: { color: { argb: `FF${FLAG_FONT}` }, bold: true } } }],
      });
    }
  }
}

/** Draws one SheetSpec on a new exceljs worksheet. */
export function renderSheet(wb: ExcelJS.Workbook, spec: SheetSpec): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(spec.name, {
    properties: spec.tabColor ? { tabColor: { argb: spec.tabColor } } : undefined,
    views: spec.freeze ? [{ state: 'frozen', ySplit: spec.freeze.row, xSplit: spec.freeze.col }] : undefined,
  });
  for (const b of spec.blocks) {
    b.cells.forEach((row, ri) =>
      row.forEach((v, ci) => {
        const cell = ws.getCell(b.startRow + ri, (b.startCol ?? 1) + ci);
        cell.value = toExcelValue(v);
        const f = b.formats?.[ci];
        if (f) cell.numFmt = NUM_FMT[f];
        else if (typeof v === 'string') cell.numFmt = '@';
        // the font named each time: a font without a name prints in LibreOffice's serif default
        if (b.style === 'title') cell.font = { name: FONT, bold: true, size: 14 };
        else if (b.style === 'subtitle') cell.font = { name: FONT, bold: true, size: 12 };
        else if (b.style === 'label' || (b.style === 'keyfigures' && ci % 2 === 0)) cell.font = { name: FONT, bold: true, size: 11 };
        const horizontal = b.align?.[ci];
        if (b.wrap || horizontal) cell.alignment = { ...(b.wrap ? { wrapText: true, vertical: 'top' as const } : {}), ...(horizontal ? { horizontal } : {}) };
      }),
    );
    b.rowHeights?.forEach((h, ri) => (ws.getRow(b.startRow + ri).height = h));
  }
  for (const t of spec.tables) renderTable(ws, t, !!spec.outlineCollapsed);
  spec.columnWidths?.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  if (spec.outlineSummaryAbove) ws.properties.outlineProperties = { summaryBelow: false, summaryRight: false };
  if (spec.print) {
    ws.pageSetup = {
      paperSize: 9,
      orientation: spec.print.orientation,
      fitToPage: !!spec.print.fitToWidth,
      fitToWidth: 1,
      fitToHeight: spec.print.fitToHeight ?? 0,
      printTitlesRow: spec.print.printTitleRows,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    } as Partial<ExcelJS.PageSetup>;
    const p = spec.print;
    const sections = (...parts: [string, string | undefined][]) => parts.map(([code, text]) => (text ? `${code}${text}` : '')).join('') || undefined;
    ws.headerFooter = {
      oddHeader: sections(['&L', p.header], ['&R', p.headerRight]),
      oddFooter: sections(['&L', p.footerLeft], ['&C', p.footer], ['&R', p.footerRight]),
    } as Partial<ExcelJS.HeaderFooter>;
    for (const r of p.rowBreaks ?? []) ws.getRow(r).addPageBreak();
  }
  return ws;
}
