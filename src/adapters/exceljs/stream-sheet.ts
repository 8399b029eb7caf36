import { fitExcelText } from '../../core/sheets/excel-text';
import { FLAG_FONT, HIGHLIGHT_FILL, NUM_FMT } from '../../core/sheets/number-formats';
import { columnLetter } from '../../core/import/column-letter';
import type { Block, SheetSpec, SpecValue, TableSpec } from '../../core/model/sheet-spec';

/**
 * Streams one SheetSpec as SpreadsheetML, row by row, with the same cells, number formats,
 * fonts, fills, validations, links, outline and print setup as `renderSheet` draws through
 * exceljs (test/interop/stream-writer.test.ts compares both). Used for the big table sheets,
 * where exceljs's in-memory model costs minutes and gigabytes.
 */

export const esc = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);

/** Cell text: XML-escaped, CR kept (a parser would turn a raw one into LF), characters XML cannot carry dropped (invisible anyway). */
function escText(s: string): string {
  return esc(fitExcelText(s))
    .replace(/\r/g, '&#13;')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
}

type FontKind = 'normal' | 'bold' | 'title' | 'subtitle';
const FONT_XML: Record<FontKind, string> = {
  normal: '<font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>',
  bold: '<font><b/><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>',
  title: '<font><b/><sz val="14"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>',
  subtitle: '<font><b/><sz val="12"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>',
};
type FillKind = 'none' | 'erreur' | 'alerte';

/**
 * The styles the streamed sheets need, numbered after those already in the package's
 * styles.xml (exceljs wrote it for the other sheets), so that both kinds of sheets share it.
 */
export class StyleBook {
  private xfs = new Map<string, number>();
  private xfXml: string[] = [];
  private numFmts = new Map<string, number>();
  private fonts = new Map<FontKind, number>();
  private fills = new Map<FillKind, number>();
  private dxfXml: string[] = [];

  constructor(private readonly base: { xfs: number; fonts: number; fills: number; dxfs: number; numFmtIds: number[] }) {}

  private numFmtId(fmt: string | undefined): number {
    if (!fmt || fmt === 'General') return 0;
    if (fmt === '@') return 49;
    if (fmt === '0') return 1;
    let id = this.numFmts.get(fmt);
    if (id === undefined) {
      id = Math.max(163, ...this.base.numFmtIds, ...this.numFmts.values()) + 1;
      this.numFmts.set(fmt, id);
    }
    return id;
  }

  /** Index of the cell format with this number format, font and fill. */
  xf(fmt: string | undefined, font: FontKind = 'normal', fill: FillKind = 'none'): number {
    const key = `${fmt}|${font}|${fill}`;
    let i = this.xfs.get(key);
    if (i !== undefined) return i;
    const numFmtId = this.numFmtId(fmt);
    let fontId = 0;
    if (font !== 'normal') {
      fontId = this.fonts.get(font) ?? this.base.fonts + this.fonts.size;
      this.fonts.set(font, fontId);
    }
    let fillId = 0;
    if (fill !== 'none') {
      fillId = this.fills.get(fill) ?? this.base.fills + this.fills.size;
      this.fills.set(fill, fillId);
    }
    i = this.base.xfs + this.xfXml.length;
    this.xfXml.push(
      `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="0" xfId="0"${numFmtId ? ' applyNumberFormat="1"' : ''}${fontId ? ' applyFont="1"' : ''}${fillId ? ' applyFill="1"' : ''}/>`,
    );
    this.xfs.set(key, i);
    return i;
  }

  /** Differential format of flag cells (conditional formatting). */
  flagDxf(): number {
    if (!this.dxfXml.length)
      this.dxfXml.push(`<dxf><font><b/><color rgb="FF${FLAG_FONT}"/></font><fill><patternFill patternType="solid"><bgColor rgb="FF${HIGHLIGHT_FILL.alerte}"/></patternFill></fill></dxf>`);
    return this.base.dxfs;
  }

  /** styles.xml with our formats appended to each collection. */
  mergeInto(xml: string): string {
    const append = (s: string, tag: string, items: string[], after?: string) => {
      if (!items.length) return s;
      const re = new RegExp(`<${tag} count="(\\d+)"([^>]*?)(/?)>`);
      const m = re.exec(s);
      if (!m) {
        const anchor = after ? s.indexOf(`<${after}`) : -1;
        const block = `<${tag} count="${items.length}">${items.join('')}</${tag}>`;
        return anchor >= 0 ? s.slice(0, anchor) + block + s.slice(anchor) : s.replace('</styleSheet>', `${block}</styleSheet>`);
      }
      const n = Number(m[1]) + items.length;
      const open = `<${tag} count="${n}"${m[2]}>`;
      if (m[3] === '/') return s.replace(m[0], `${open}${items.join('')}</${tag}>`);
      const close = s.indexOf(`</${tag}>`, m.index);
      return s.slice(0, m.index) + open + s.slice(m.index + m[0].length, close) + items.join('') + s.slice(close);
    };
    let s = xml;
    s = append(s, 'numFmts', [...this.numFmts].map(([f, id]) => `<numFmt numFmtId="${id}" formatCode="${esc(f)}"/>`), 'fonts');
    s = append(s, 'fonts', [...this.fonts.keys()].map((k) => FONT_XML[k]));
    s = append(
      s,
      'fills',
      [...this.fills.keys()].map((k) => `<fill><patternFill patternType="solid"><fgColor rgb="FF${HIGHLIGHT_FILL[k as 'erreur' | 'alerte']}"/><bgColor indexed="64"/></patternFill></fill>`),
    );
    s = append(s, 'cellXfs', this.xfXml);
    s = append(s, 'dxfs', this.dxfXml, 'tableStyles');
    return s;
  }
}

/** Days since 1899-12-30, as Excel counts (1900 leap-year bug included for dates after February 1900). */
function isoToSerial(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000;
}

interface CellOut {
  xml: string;
  link?: { ref: string; target: string; text: string };
}

function cell(ref: string, v: SpecValue, s: number): CellOut | undefined {
  const st = s ? ` s="${s}"` : '';
  if (v === null || v === undefined) return s ? { xml: `<c r="${ref}"${st}/>` } : undefined;
  if (typeof v === 'string') return { xml: `<c r="${ref}"${st} t="inlineStr"><is><t xml:space="preserve">${escText(v)}</t></is></c>` };
  if (typeof v === 'number') return Number.isFinite(v) ? { xml: `<c r="${ref}"${st}><v>${v}</v></c>` } : s ? { xml: `<c r="${ref}"${st}/>` } : undefined;
  if (typeof v === 'boolean') return { xml: `<c r="${ref}"${st} t="b"><v>${v ? 1 : 0}</v></c>` };
  if ('date' in v) return { xml: `<c r="${ref}"${st}><v>${isoToSerial(v.date)}</v></c>` };
  if ('formula' in v) {
    const r = v.result;
    const val = r === null || r === undefined ? '' : typeof r === 'number' ? `<v>${r}</v>` : `<v>${escText(String(r))}</v>`;
    return { xml: `<c r="${ref}"${st}${typeof r === 'string' ? ' t="str"' : ''}><f>${esc(v.formula)}</f>${val}</c>` };
  }
  if ('target' in v)
    return { xml: `<c r="${ref}"${st} t="inlineStr"><is><t xml:space="preserve">${escText(v.text)}</t></is></c>`, link: { ref, target: v.target, text: v.text } };
  return undefined;
}

function blockStyle(b: Block, ci: number, v: SpecValue, styles: StyleBook): number {
  const f = b.formats?.[ci];
  const fmt = f ? NUM_FMT[f] : typeof v === 'string' ? '@' : undefined;
  const font: FontKind =
    b.style === 'title' ? 'title' : b.style === 'subtitle' ? 'subtitle' : b.style === 'label' || (b.style === 'keyfigures' && ci % 2 === 0) ? 'bold' : 'normal';
  return fmt || font !== 'normal' ? styles.xf(fmt, font) : 0;
}

/** Can this sheet be streamed? (charts, wrapped blocks and page breaks are drawn by renderSheet only) */
export function isStreamable(spec: SheetSpec): boolean {
  return !spec.charts?.length && !spec.blocks.some((b) => b.wrap || b.rowHeights) && !spec.print?.rowBreaks?.length;
}

interface Sink {
  write(s: string): void;
}

/**
 * Writes the worksheet XML of `spec`. In the sheet's relationships, `spec.tables[i]` is
 * `rId${i + 1}` and the returned links follow, in order.
 */
export function streamSheet(out: Sink, spec: SheetSpec, styles: StyleBook): { links: string[] } {
  const tables = spec.tables.map((t) => ({ t, rows: t.rows.length ? t.rows : [t.columns.map(() => null)], startCol: t.startCol ?? 1 }));
  // free cells of the blocks, by row (few: titles, key figures)
  const blockRows = new Map<number, { col: number; v: SpecValue; s: number }[]>();
  for (const b of spec.blocks)
    b.cells.forEach((row, ri) =>
      row.forEach((v, ci) => {
        const r = b.startRow + ri;
        const list = blockRows.get(r) ?? [];
        list.push({ col: (b.startCol ?? 1) + ci, v, s: blockStyle(b, ci, v, styles) });
        blockRows.set(r, list);
      }),
    );
  let maxRow = Math.max(0, ...blockRows.keys());
  let maxCol = 1;
  for (const b of spec.blocks) for (const row of b.cells) maxCol = Math.max(maxCol, (b.startCol ?? 1) + row.length - 1);
  for (const x of tables) {
    maxRow = Math.max(maxRow, x.t.headerRow + x.rows.length);
    maxCol = Math.max(maxCol, x.startCol + x.t.columns.length - 1);
  }

  const props: string[] = [];
  if (spec.tabColor) props.push(`<tabColor rgb="${spec.tabColor}"/>`);
  if (spec.outlineSummaryAbove) props.push('<outlinePr summaryBelow="0" summaryRight="0"/>');
  if (spec.print?.fitToWidth) props.push('<pageSetUpPr fitToPage="1"/>');
  out.write(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">',
  );
  if (props.length) out.write(`<sheetPr>${props.join('')}</sheetPr>`);
  out.write(`<dimension ref="A1:${columnLetter(maxCol)}${Math.max(1, maxRow)}"/>`);
  if (spec.freeze && (spec.freeze.row || spec.freeze.col)) {
    const { row, col } = spec.freeze;
    const pane = row && col ? 'bottomRight' : row ? 'bottomLeft' : 'topRight';
    out.write(
      `<sheetViews><sheetView workbookViewId="0"><pane${col ? ` xSplit="${col}"` : ''}${row ? ` ySplit="${row}"` : ''} topLeftCell="${columnLetter(col + 1)}${row + 1}" activePane="${pane}" state="frozen"/><selection pane="${pane}"/></sheetView></sheetViews>`,
    );
  } else out.write('<sheetViews><sheetView workbookViewId="0"/></sheetViews>');
  const outlineMax = Math.max(0, ...tables.flatMap((x) => x.t.outline ?? []));
  out.write(`<sheetFormatPr defaultRowHeight="15"${outlineMax ? ` outlineLevelRow="${outlineMax}"` : ''}/>`);
  const widths = new Map<number, number>();
  for (const x of tables) x.t.columns.forEach((c, i) => c.width && widths.set(x.startCol + i, c.width));
  spec.columnWidths?.forEach((w, i) => widths.set(i + 1, w));
  if (widths.size)
    out.write(
      `<cols>${[...widths]
        .sort((a, b) => a[0] - b[0])
        .map(([c, w]) => `<col min="${c}" max="${c}" width="${w}" customWidth="1"/>`)
        .join('')}</cols>`,
    );

  // per table: data-cell style of each column, plain, highlighted, bold
  const per = tables.map((x) => {
    const fmts = x.t.columns.map((c) => NUM_FMT[c.type]);
    const hl = new Map<number, 'erreur' | 'alerte'>();
    for (const h of x.t.highlights ?? []) if (h.level !== 'info') hl.set(h.row, h.level);
    return {
      ...x,
      plain: fmts.map((f) => styles.xf(f)),
      bold: fmts.map((f) => styles.xf(f, 'bold')),
      fill: { erreur: fmts.map((f) => styles.xf(f, 'normal', 'erreur')), alerte: fmts.map((f) => styles.xf(f, 'normal', 'alerte')) },
      boldFill: { erreur: fmts.map((f) => styles.xf(f, 'bold', 'erreur')), alerte: fmts.map((f) => styles.xf(f, 'bold', 'alerte')) },
      hl,
      sub: new Set(x.t.subtotalRows ?? []),
    };
  });
  const links: NonNullable<CellOut['link']>[] = [];
  const letters: string[] = [];
  for (let c = 1; c <= maxCol; c++) letters[c] = columnLetter(c);

  out.write('<sheetData>');
  for (let r = 1; r <= maxRow; r++) {
    const cells: { col: number; xml: string }[] = [];
    let outline = 0;
    let boldRow = false;
    for (const b of blockRows.get(r) ?? []) {
      const c = cell(`${letters[b.col]}${r}`, b.v, b.s);
      if (c) cells.push({ col: b.col, xml: c.xml });
      if (c?.link) links.push(c.link);
    }
    for (const x of per) {
      const i = r - x.t.headerRow - 1;
      if (r === x.t.headerRow) x.t.columns.forEach((col, k) => cells.push({ col: x.startCol + k, xml: cell(`${letters[x.startCol + k]}${r}`, col.header, styles.xf('@'))!.xml }));
      else if (i >= 0 && i < x.rows.length) {
        const row = x.rows[i];
        const fill = x.hl.get(i);
        const bold = x.sub.has(i);
        if (bold) boldRow = true;
        outline = Math.max(outline, x.t.outline?.[i] ?? 0);
        const st = bold ? (fill ? x.boldFill[fill] : x.bold) : fill ? x.fill[fill] : x.plain;
        for (let k = 0; k < x.t.columns.length; k++) {
          const c = cell(`${letters[x.startCol + k]}${r}`, row[k] ?? null, st[k]);
          if (c) cells.push({ col: x.startCol + k, xml: c.xml });
          if (c?.link) links.push(c.link);
        }
      }
    }
    if (!cells.length && !outline) continue;
    if (cells.length > 1) cells.sort((a, b) => a.col - b.col);
    const attrs = `${outline ? ` outlineLevel="${outline}"${spec.outlineCollapsed ? ' hidden="1"' : ''}` : ''}${boldRow ? ` s="${styles.xf(undefined, 'bold')}" customFormat="1"` : ''}`;
    out.write(`<row r="${r}"${attrs}>${cells.map((c) => c.xml).join('')}</row>`);
  }
  out.write('</sheetData>');

  const cf: string[] = [];
  const dv: string[] = [];
  per.forEach((x, p) => {
    const first = x.t.headerRow + 1;
    const last = x.t.headerRow + x.rows.length;
    x.t.columns.forEach((c, i) => {
      const L = letters[x.startCol + i];
      const sqref = `${L}${first}:${L}${Math.max(last, first)}`;
      if (c.list)
        dv.push(
          `<dataValidation type="list" allowBlank="1" showErrorMessage="1" errorTitle="Valeur non prévue" error="${esc(`Choisissez une valeur de la liste (${c.header}).`)}" sqref="${sqref}"><formula1>${esc(`"${c.list.join(',')}"`)}</formula1></dataValidation>`,
        );
      else if (c.listRange)
        dv.push(
          `<dataValidation type="list" allowBlank="1" showErrorMessage="1" errorTitle="Code inconnu" error="${esc(`Choisissez un code de la liste (${c.header}).`)}" sqref="${sqref}"><formula1>${esc(c.listRange)}</formula1></dataValidation>`,
        );
    });
    if (x.t.flagColumn) {
      const idx = x.t.columns.findIndex((c) => c.key === x.t.flagColumn);
      if (idx >= 0) {
        const L = letters[x.startCol + idx];
        cf.push(
          `<conditionalFormatting sqref="${L}${first}:${L}${last}"><cfRule type="expression" dxfId="${styles.flagDxf()}" priority="${p + 1}"><formula>${esc(`LEN(${L}${first})>0`)}</formula></cfRule></conditionalFormatting>`,
        );
      }
    }
  });
  out.write(cf.join(''));
  if (dv.length) out.write(`<dataValidations count="${dv.length}">${dv.join('')}</dataValidations>`);
  // as exceljs writes them (and reads them back when the tool reopens its own workbook): a
  // relationship to "#'Sheet'!A1", numbered after the tables
  const t0 = tables.length;
  if (links.length)
    out.write(`<hyperlinks>${links.map((l, i) => `<hyperlink ref="${l.ref}" r:id="rId${t0 + i + 1}" location="${esc(`#${l.target}`)}"/>`).join('')}</hyperlinks>`);
  const p = spec.print;
  out.write('<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>');
  if (p) {
    out.write(`<pageSetup paperSize="9" orientation="${p.orientation}" fitToWidth="1" fitToHeight="${p.fitToHeight ?? 0}"/>`);
    if (p.header || p.footer)
      out.write(`<headerFooter>${p.header ? `<oddHeader>${esc(`&L${p.header}`)}</oddHeader>` : ''}${p.footer ? `<oddFooter>${esc(`&C${p.footer}`)}</oddFooter>` : ''}</headerFooter>`);
  }
  if (tables.length) out.write(`<tableParts count="${tables.length}">${tables.map((_, i) => `<tablePart r:id="rId${i + 1}"/>`).join('')}</tableParts>`);
  out.write('</worksheet>');
  return { links: links.map((l) => `#${l.target}`) };
}

/** The table part of `t` (a ListObject): header names, range, style. */
export function tableXml(t: TableSpec, id: number): string {
  const startCol = t.startCol ?? 1;
  const rows = Math.max(1, t.rows.length);
  const ref = `${columnLetter(startCol)}${t.headerRow}:${columnLetter(startCol + t.columns.length - 1)}${t.headerRow + rows}`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="${id}" name="${esc(t.name)}" displayName="${esc(t.name)}" ref="${ref}" headerRowCount="1" totalsRowShown="0">` +
    `<autoFilter ref="${ref}"/><tableColumns count="${t.columns.length}">${t.columns.map((c, i) => `<tableColumn id="${i + 1}" name="${esc(c.header)}"/>`).join('')}</tableColumns>` +
    '<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>'
  );
}
