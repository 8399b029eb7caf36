import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { readInput, workbookToGrids } from '../../../src/adapters/exceljs/read-workbook';
import { isDateFormat, readSheetXml } from '../../../src/adapters/exceljs/read-sheet-xml';
import type { Grid } from '../../../src/core/model/grid';
import { EXAMPLES_DIR } from '../../golden/examples-pipeline';

const SAMPLES = path.resolve(__dirname, '../../../../shared/samples');

/** What exceljs's model gives for the same bytes: the reading the direct one must equal. */
async function viaExceljs(file: string, bytes: Uint8Array): Promise<Grid[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbookToGrids(file, wb);
}
const norm = (grids: Grid[]) => grids.map((g) => ({ ...g, merges: [...(g.merges ?? [])].sort((a, b) => a.top - b.top || a.left - b.left) }));

describe('partner workbooks read straight from their XML: the same grids as exceljs', () => {
  const files = [
    ...readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.xlsx')).map((f) => path.join(EXAMPLES_DIR, f)),
    ...(existsSync(SAMPLES) ? readdirSync(SAMPLES).filter((f) => /\.xlsx$/.test(f)).map((f) => path.join(SAMPLES, f)) : []),
  ];
  test.each(files)('%s', async (f) => {
    const bytes = new Uint8Array(readFileSync(f));
    const direct = await readInput(path.basename(f), bytes);
    expect('grids' in direct && norm(direct.grids)).toEqual(norm(await viaExceljs(path.basename(f), bytes)));
  });

  test('dates in every way a workbook stores them, times, percentages and text formats', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Conventions');
    const rows: [unknown, string | undefined][] = [
      [new Date(Date.UTC(2019, 2, 12)), 'dd/mm/yyyy'],
      [new Date(Date.UTC(2020, 11, 31)), 'd mmmm yyyy'],
      [new Date(Date.UTC(2018, 0, 1, 14, 30)), 'dd/mm/yy hh:mm'],
      [43831, '[$-40C]d mmm yy;@'],
      [0.5, 'h:mm'],
      [12500.5, '#,##0.00 "€"'],
      [0.25, '0%'],
      [1234, '[Red]0'],
      [45000, '"Jour "0'],
      [{ formula: 'A1+1', result: new Date(Date.UTC(2019, 2, 13)) }, 'dd/mm/yyyy'],
      ['12/03/2019', '@'],
    ];
    rows.forEach(([v, fmt], i) => {
      const c = ws.getCell(i + 1, 1);
      c.value = v as ExcelJS.CellValue;
      if (fmt) c.numFmt = fmt;
    });
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const direct = await readInput('dates.xlsx', bytes);
    const expected = await viaExceljs('dates.xlsx', bytes);
    expect('grids' in direct && direct.grids).toEqual(expected);
    const col = expected[0].rows.map((r) => r[0]);
    expect(col.slice(0, 5).every((v) => v instanceof Date)).toBe(true);
    expect(col.slice(5, 9)).toEqual([12500.5, 0.25, 1234, 45000]);
  });

  test('the 1904 date system and ISO date cells (t="d")', () => {
    const files: Record<string, string> = {
      '[Content_Types].xml': '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
      '_rels/.rels': '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
      'xl/workbook.xml': '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="1"/><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
      'xl/_rels/workbook.xml.rels': '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
      'xl/styles.xml': '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>',
      'xl/worksheets/sheet1.xml': '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" s="1"><v>0</v></c><c r="B1" t="d"><v>2019-03-12T00:00:00Z</v></c><c r="C1"><v>0</v></c></row></sheetData></worksheet>',
    };
    const [s] = readSheetXml(zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)]))));
    expect(s.cells[0].map((c) => c?.value)).toEqual([new Date(Date.UTC(1904, 0, 1)), new Date(Date.UTC(2019, 2, 12)), 0]);
  });

  test.each<[string, boolean]>([
    ['dd/mm/yyyy', true],
    ['[$-40C]d mmmm yyyy', true],
    ['h:mm', true],
    ['#,##0.00 "€"', false],
    ['[Red]0', false],
    ['"Jour "0', false],
    ['0%', false],
    ['General', false],
  ])('format %p is a date: %p', (code, date) => expect(isDateFormat(code)).toBe(date));
});
