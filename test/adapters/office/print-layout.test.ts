/**
 * The COPIL synthesis printed from Excel as the CLI prints it: the office adapter writes every
 * print setting of the SheetSpec that ExcelApi 1.9 offers (wrap, row heights, alignment, margins,
 * right header, left and right footers, page breaks), as the exceljs writer does (render-sheet.ts).
 */
import { writeSheets } from '../../../src/adapters/office/write-sheets';
import { examplePipeline } from './example-pipeline';
import { FakeWorkbook } from './fake-excel';

describe('office adapter: COPIL print layout', () => {
  it('the COPIL sheet keeps its wrapped rows, row heights, alignment, margins, headers, footers and page breaks', async () => {
    const r = await examplePipeline();
    const copil = r.sheets.find((s) => s.print?.rowBreaks?.length)!;
    expect(copil).toBeDefined();
    const p = copil.print!;
    const wb = new FakeWorkbook();
    await writeSheets(wb.run, [copil], { caps: wb.caps });
    const s = wb.sheet(copil.name);
    expect(s.print).toMatchObject({
      rightHeader: p.headerRight,
      leftFooter: p.footerLeft,
      rightFooter: p.footerRight,
      margins: { leftMargin: 36, rightMargin: 36, topMargin: 43.2, bottomMargin: 43.2, headerMargin: 21.6, footerMargin: 21.6 },
      // a break after row r sits above row r + 1
      breaks: p.rowBreaks!.map((row) => row + 1),
    });
    for (const b of copil.blocks) {
      const col = b.startCol ?? 1;
      b.rowHeights?.forEach((h, ri) => expect(s.rowHeights?.get(b.startRow + ri)).toBe(h));
      if (b.wrap) expect(s.cells.get(`${b.startRow},${col}`)).toMatchObject({ wrap: true, vertical: 'Top' });
      b.align?.forEach((a, ci) => a && expect(s.cells.get(`${b.startRow},${col + ci}`)?.horizontal).toBe(a === 'right' ? 'Right' : 'Left'));
    }
    expect(copil.blocks.some((b) => b.wrap) && copil.blocks.some((b) => b.align?.some(Boolean))).toBe(true);
  });

  it('below ExcelApi 1.9 (no pageLayout): the cells are written, the page setup left as it is', async () => {
    const r = await examplePipeline();
    const copil = r.sheets.find((s) => s.print?.rowBreaks?.length)!;
    const wb = new FakeWorkbook({ api: '1.8' });
    const out = await writeSheets(wb.run, [copil], { caps: wb.caps });
    expect(out.written).toEqual([copil.name]);
    expect(wb.sheet(copil.name).print).toEqual({});
  });
});
