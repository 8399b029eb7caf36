import { fitExcelText } from '../../core/sheets/excel-text';
import type { HostCapabilities } from './excel-host';
import { cellAddress, rectAddress, type SheetOp } from './sheet-ops';

/** Points per character of column width (Excel's default font: about 7 px, i.e. 5.25 pt). */
const POINTS_PER_CHAR = 5.6;

/** Where the operations of one sheet go: the worksheet, and the tables kept from its last version. */
export interface OpTarget {
  /** The workbook's tables (to resize a kept one). */
  tables?: Excel.TableCollection;
  /** Lower-case names of the tables of the previous version that are resized in place. */
  keep?: Set<string>;
}

/** Queues one operation on a worksheet (nothing is sent until the caller syncs). */
export function applyOp(sheet: Excel.Worksheet, op: SheetOp, caps: HostCapabilities, target: OpTarget = {}): void {
  switch (op.kind) {
    case 'cells': {
      const range = sheet.getRange(rectAddress(op.row, op.col, op.values.length, op.values[0]?.length ?? 1));
      range.numberFormat = op.formats; // first: '@' makes the text columns text
      range.values = op.values;
      return;
    }
    case 'value':
      sheet.getRange(cellAddress(op.row, op.col)).values = [[op.value]];
      return;
    case 'formula':
      sheet.getRange(cellAddress(op.row, op.col)).formulas = [[op.formula]];
      return;
    case 'link':
      sheet.getRange(cellAddress(op.row, op.col)).hyperlink = { documentReference: op.target, textToDisplay: fitExcelText(op.text) };
      return;
    case 'font': {
      const font = sheet.getRange(op.address).format.font;
      if (op.bold !== undefined) font.bold = op.bold;
      if (op.size !== undefined) font.size = op.size;
      return;
    }
    case 'fill':
      sheet.getRange(op.address).format.fill.color = op.color;
      return;
    case 'align': {
      const f = sheet.getRange(op.address).format;
      if (op.wrap) {
        f.wrapText = true;
        f.verticalAlignment = 'Top';
      }
      if (op.horizontal) f.horizontalAlignment = op.horizontal === 'right' ? 'Right' : 'Left';
      return;
    }
    case 'rowHeight':
      sheet.getRange(`${op.row}:${op.row}`).format.rowHeight = op.height;
      return;
    case 'width':
      sheet.getRange(`${cellAddress(1, op.col)}`).getEntireColumn().format.columnWidth = op.width * POINTS_PER_CHAR;
      return;
    case 'table': {
      if (target.tables && target.keep?.has(op.name.toLowerCase())) {
        // the same table, resized (ExcelApi 1.13): formulas, names and charts on it keep working
        target.tables.getItem(op.name).resize(op.address);
        return;
      }
      const table = sheet.tables.add(op.address, true);
      table.name = op.name;
      table.style = 'TableStyleMedium2';
      return;
    }
    case 'validation': {
      const dv = sheet.getRange(op.address).dataValidation;
      dv.rule = { list: { inCellDropDown: true, source: op.source } };
      dv.errorAlert = { showAlert: true, style: 'Stop', title: op.title, message: op.message };
      dv.ignoreBlanks = true;
      return;
    }
    case 'flag': {
      const cf = sheet.getRange(op.address).conditionalFormats.add('Custom');
      cf.custom.rule.formula = op.formula;
      cf.custom.format.fill.color = op.fill;
      cf.custom.format.font.color = op.font;
      cf.custom.format.font.bold = true;
      return;
    }
    case 'outline':
      if (caps.api110) sheet.getRange(op.rows).group('ByRows');
      return;
    case 'outlineLevels':
      // Worksheet.showOutlineLevels (ExcelApi 1.10): a column level of 0 leaves the columns alone
      if (caps.api110) sheet.showOutlineLevels(op.rows, 0);
      return;
    case 'freeze':
      if (op.row > 0 && op.col > 0) sheet.freezePanes.freezeAt(rectAddress(1, 1, op.row, op.col));
      else if (op.row > 0) sheet.freezePanes.freezeRows(op.row);
      else sheet.freezePanes.freezeColumns(op.col);
      return;
    case 'print': {
      if (!caps.api19) return;
      const p = sheet.pageLayout;
      p.orientation = op.setup.orientation === 'landscape' ? 'Landscape' : 'Portrait';
      p.paperSize = 'A4';
      if (op.setup.fitToWidth) p.zoom = op.setup.fitToHeight ? { horizontalFitToPages: 1, verticalFitToPages: op.setup.fitToHeight } : { horizontalFitToPages: 1 };
      if (op.setup.printTitleRows) p.setPrintTitleRows(op.setup.printTitleRows);
      // the CLI's margins (exceljs, in inches), in points: 0.5 in left and right, 0.6 top and bottom, 0.3 header and footer
      p.leftMargin = 36;
      p.rightMargin = 36;
      p.topMargin = 43.2;
      p.bottomMargin = 43.2;
      p.headerMargin = 21.6;
      p.footerMargin = 21.6;
      const hf = p.headersFooters.defaultForAllPages;
      if (op.setup.header) hf.leftHeader = op.setup.header;
      if (op.setup.headerRight) hf.rightHeader = op.setup.headerRight;
      if (op.setup.footerLeft) hf.leftFooter = op.setup.footerLeft;
      if (op.setup.footer) hf.centerFooter = op.setup.footer;
      if (op.setup.footerRight) hf.rightFooter = op.setup.footerRight;
      // a break after row r: Excel's manual break sits above the row given (ExcelApi 1.9)
      for (const r of op.setup.rowBreaks ?? []) sheet.horizontalPageBreaks.add(`A${r + 1}`);
      return;
    }
    case 'tabColor':
      sheet.tabColor = op.color;
      return;
    case 'note':
      return;
    case 'chart': {
      const chart = sheet.charts.add(op.type, sheet.getRange(op.source), op.seriesBy);
      chart.title.text = op.title;
      op.series.forEach((s, i) => {
        const series = i === 0 ? chart.series.getItemAt(0) : chart.series.add(s.name);
        series.setValues(sheet.getRange(s.values));
        series.setXAxisValues(sheet.getRange(op.categories));
        series.name = s.name;
      });
      chart.legend.position = 'Bottom';
      if (op.valueFormat) chart.axes.valueAxis.numberFormat = op.valueFormat;
      chart.setPosition(op.from, op.to);
      return;
    }
  }
}
