/** Copying partner files (defect 3), text as text (defect 9), the 32 767 cap (defect 8), on the strict fake. */
import ExcelJS from 'exceljs';
import { insertWorkbookFiles } from '../../../src/adapters/office/insert-sheets';
import { writeSheets } from '../../../src/adapters/office/write-sheets';
import type { SheetSpec } from '../../../src/core/model/sheet-spec';
import { FakeWorkbook, type Platform } from './fake-excel';

async function xlsx(withComment: boolean): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('CAF 2019');
  ws.addRow(['Bénéficiaire', 'Montant voté']);
  ws.addRow(['CS du Pouzin', 12000]);
  if (withComment) ws.getCell('A2').note = 'à vérifier';
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('office adapter: copying partner files into the workbook', () => {
  it.each<[Platform, string, RegExp | null]>([
    ['desktop', 'plain.xlsx', null],
    ['web', 'plain.xlsx', null],
    ['ios', 'plain.xlsx', /iPad/],
    ['desktop', 'caf.csv', /n'est pas un classeur Excel/],
    ['web', 'commente.xlsx', /commentaires : Excel sur le web refuse/],
    ['desktop', 'commente.xlsx', null],
  ])('%s, %s', async (platform, name, refused) => {
    const wb = new FakeWorkbook({ platform });
    wb.addSheet('CAF 2019', [['déjà là']]);
    const bytes = name.endsWith('.csv') ? new TextEncoder().encode('Bénéficiaire;Montant\nCS du Pouzin;12000\n') : await xlsx(name.startsWith('commente'));
    const [out] = await insertWorkbookFiles(wb.run, wb.caps, [{ name, bytes }]);
    if (refused) {
      expect(out).toEqual({ file: name, sheets: [], message: expect.stringMatching(refused) });
      expect(wb.sheets).toHaveLength(1);
    } else {
      // Excel renamed the copy: the name comes from the returned id, not from the file
      expect(out).toEqual({ file: name, sheets: ['CAF 2019 (2)'], renamed: { 'CAF 2019': 'CAF 2019 (2)' } });
      expect(wb.cell('CAF 2019 (2)', 'A2')!.value).toBe('CS du Pouzin');
    }
  });

  it('goes on with the other files when one is refused by Excel', async () => {
    const wb = new FakeWorkbook({ platform: 'desktop' });
    wb.structureProtected = true;
    const out = await insertWorkbookFiles(wb.run, wb.caps, [{ name: 'a.xlsx', bytes: await xlsx(false) }]);
    expect(out[0].message).toMatch(/structure du classeur est protégée/);
    wb.structureProtected = false;
    const two = await insertWorkbookFiles(wb.run, wb.caps, [
      { name: 'faux.xlsx', bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]) },
      { name: 'b.xlsx', bytes: await xlsx(false) },
    ]);
    expect(two[0].message).toMatch(/n'a pas été copié/);
    expect(two[1]).toEqual({ file: 'b.xlsx', sheets: ['CAF 2019'] });
  });
});

describe('office adapter: every text written as text, within 32 767 characters', () => {
  const spec = (header: string, text: string): SheetSpec => ({
    name: 'Contrôles',
    role: 'controles',
    blocks: [],
    tables: [{ name: 'Controles', headerRow: 1, columns: [{ key: 'a', header, type: 'text' }, { key: 'b', header: '-1', type: 'amount' }], rows: [[text, '-2,5']] }],
  });

  it('user headers « + commentaire » and « -1 », and a text in an amount column, stay text', async () => {
    const wb = new FakeWorkbook();
    await writeSheets(wb.run, [spec('+ commentaire', 'ok')], { caps: wb.caps });
    expect(wb.cell('Contrôles', 'A1')).toMatchObject({ value: '+ commentaire', format: '@' });
    expect(wb.cell('Contrôles', 'A1')!.formula).toBeUndefined();
    expect(wb.cell('Contrôles', 'B1')).toMatchObject({ value: '-1', format: '@' });
    expect(wb.cell('Contrôles', 'B2')).toMatchObject({ value: '-2,5', format: '@' });
  });

  it('a message quoting a huge cell is cut to 32 767 characters instead of failing the write', async () => {
    const wb = new FakeWorkbook();
    const out = await writeSheets(wb.run, [spec('Message', 'x'.repeat(40_000))], { caps: wb.caps });
    expect(out.written).toEqual(['Contrôles']);
    expect(String(wb.cell('Contrôles', 'A2')!.value)).toHaveLength(32_767);
  });

  it('request sizes are counted in UTF-8 bytes: accented texts stay under 5 MB on the web', async () => {
    const wb = new FakeWorkbook({ platform: 'web' });
    const rows = Array.from({ length: 20_000 }, (_, i) => ['é'.repeat(200) + i, i]);
    await writeSheets(wb.run, [{ name: 'Contrôles', role: 'controles', blocks: [], tables: [{ name: 'Controles', headerRow: 1, columns: [{ key: 'a', header: 'Texte', type: 'text' }, { key: 'b', header: 'N', type: 'integer' }], rows }] }], { caps: wb.caps });
    expect(Math.max(...wb.payloads)).toBeLessThan(5 * 1024 * 1024);
    expect(wb.cell('Contrôles', 'B20001')!.value).toBe(19_999);
  }, 60_000);
});
