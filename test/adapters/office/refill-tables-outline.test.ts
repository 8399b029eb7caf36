/**
 * A re-fill of a sheet with a table and an outline (issue 25, item 5): desktop Excel may delete a
 * table under a Clear All, so the cells around a kept table are cleared, not the table; the
 * outline removed is the one the previous version drew (its depth recorded), and ungrouping a
 * sheet without outline does not stop the write.
 */
import type { SheetSpec } from '../../../src/core/model/sheet-spec';
import { FUNDING_COLUMNS } from '../../../src/core/sheets/canonical-tables';
import { subtractRect, writeSheets } from '../../../src/adapters/office/write-sheets';
import { FakeWorkbook } from './fake-excel';

function spec(outline: number[], note = 'v1'): SheetSpec {
  const rows = outline.map((_, i) => ['CAF', `S${i}`, `Centre ${i} ${note}`, '12345678901237', 2020, 'PS AGC', '2.1.3', '2', 100, 100, 50, 'voté', null, `C-${i}`, 'AG', 'caf.xlsx']);
  return { name: 'Contrôles', role: 'controles', blocks: [{ startRow: 1, cells: [[`Contrôles ${note}`]], style: 'title' }], tables: [{ name: 'Controles', headerRow: 3, columns: FUNDING_COLUMNS, rows, outline }] };
}

describe('office adapter: re-fill of a sheet with a table and an outline', () => {
  it('the kept table survives the clearing (desktop Excel deletes a table under a Clear All) and is resized', async () => {
    const wb = new FakeWorkbook({ platform: 'desktop' });
    await writeSheets(wb.run, [spec([0, 0, 0, 0])], { caps: wb.caps });
    const out = await writeSheets(wb.run, [spec([0, 0], 'v2')], { caps: wb.caps });
    expect(out.written).toEqual(['Contrôles']);
    expect(wb.sheet('Contrôles').tables).toEqual([{ name: 'Controles', address: 'A3:P5', style: 'TableStyleMedium2' }]);
    expect(wb.cell('Contrôles', 'A1')!.value).toBe('Contrôles v2');
    expect(wb.cell('Contrôles', 'C5')!.value).toBe('Centre 1 v2');
    expect(wb.cell('Contrôles', 'C6')?.value ?? '').toBe('');
  });

  it('the previous outline goes whole when the new one is shallower: no group left over unrelated rows', async () => {
    const wb = new FakeWorkbook();
    // rows 4-8: a group of 4 rows (5-8) holding a group of 2 (6-7)
    await writeSheets(wb.run, [spec([0, 1, 2, 2, 1])], { caps: wb.caps });
    expect([...wb.sheet('Contrôles').groups].sort()).toEqual(['5:8', '6:7']);
    await writeSheets(wb.run, [spec([0, 0, 1, 1, 0, 0], 'v2')], { caps: wb.caps });
    expect(wb.sheet('Contrôles').groups).toEqual(['6:7']);
  });

  it('a sheet drawn without outline, then with one: no ungroup on a sheet that has none (Excel may refuse it)', async () => {
    const wb = new FakeWorkbook();
    await writeSheets(wb.run, [spec([0, 0, 0])], { caps: wb.caps });
    const out = await writeSheets(wb.run, [spec([0, 1, 1], 'v2')], { caps: wb.caps });
    expect(out.written).toEqual(['Contrôles']);
    expect(wb.sheet('Contrôles').groups).toEqual(['5:6']);
  });

  it('rectangle subtraction: the sheet around a table', () => {
    const sheet = { top: 1, left: 1, bottom: 100, right: 50 };
    const parts = subtractRect(sheet, { top: 3, left: 2, bottom: 10, right: 5 });
    expect(parts).toEqual([
      { top: 1, left: 1, bottom: 2, right: 50 },
      { top: 11, left: 1, bottom: 100, right: 50 },
      { top: 3, bottom: 10, left: 1, right: 1 },
      { top: 3, bottom: 10, left: 6, right: 50 },
    ]);
    const cells = parts.reduce((n, r) => n + (r.bottom - r.top + 1) * (r.right - r.left + 1), 0);
    expect(cells).toBe(100 * 50 - 8 * 4);
  });
});
