/**
 * Lasting errors of Excel (issue 25, item 2): a protected sheet, a table name equal to a defined
 * name, a list validation over 255 characters fail the same way at every run. They are looked at
 * before writing, or said with what to do, never as « relancez » alone.
 */
import type { SheetSpec } from '../../../src/core/model/sheet-spec';
import { FUNDING_COLUMNS } from '../../../src/core/sheets/canonical-tables';
import { lastingAdvice } from '../../../src/adapters/office/host-errors';
import { interruptedMessage, writeSheets } from '../../../src/adapters/office/write-sheets';
import { FakeExcelError, FakeWorkbook } from './fake-excel';

function spec(name = 'Financements', table = 'Financements'): SheetSpec {
  const rows = [['CAF', 'S1', 'Centre social', '12345678901237', 2020, 'PS AGC', '2.1.3', '2', 100, 100, 50, 'voté', null, 'C-1', 'AG', 'caf.xlsx']];
  return { name, role: 'table', blocks: [], tables: [{ name: table, headerRow: 1, columns: FUNDING_COLUMNS, rows }] };
}

describe('office adapter: lasting Excel errors said with what to do', () => {
  it('a generated sheet the user protected is left alone and said; the other sheets are written', async () => {
    const wb = new FakeWorkbook();
    await writeSheets(wb.run, [spec(), spec('Plan', 'Plan')], { caps: wb.caps });
    wb.sheet('Financements').protected = true;
    const out = await writeSheets(wb.run, [spec(), spec('Plan', 'Plan')], { caps: wb.caps });
    expect(out.refused).toEqual([{ sheet: 'Financements', reason: expect.stringMatching(/« Financements » est protégée \(Révision › Ôter la protection de la feuille\)/) }]);
    expect(out.written).toEqual(['Plan']);
  });

  it('a table name taken by a defined name of the workbook: the table gets another name instead of failing', async () => {
    const wb = new FakeWorkbook();
    wb.definedNames = ['financements'];
    const out = await writeSheets(wb.run, [spec()], { caps: wb.caps });
    expect(out.written).toEqual(['Financements']);
    expect(wb.sheet('Financements').tables.map((t) => t.name)).toEqual(['Financements_2']);
  });

  it('a Référentiel list over 255 characters: the column is written without its drop-down, and a note says why', async () => {
    const wb = new FakeWorkbook();
    const s = spec();
    const codes = Array.from({ length: 40 }, (_, i) => `CODE-LONG-${i}`);
    s.tables[0].columns = s.tables[0].columns.map((c) => (c.key === 'partner' ? { ...c, list: codes } : c));
    const out = await writeSheets(wb.run, [s], { caps: wb.caps });
    expect(out.written).toEqual(['Financements']);
    expect(wb.sheet('Financements').validations.some((v) => v.address.startsWith('A'))).toBe(false);
    expect(out.notes).toEqual([expect.stringMatching(/« Partenaire » du tableau Financements est écrite sans liste déroulante.*255 caractères/)]);
  });

  it('the message of a stopped write: « relancez » alone only for a passing cause', () => {
    const denied = new FakeExcelError('AccessDenied', 'feuille protégée');
    expect(lastingAdvice(denied)).toMatch(/Ôtez la protection/);
    expect(interruptedMessage('bloc 1', denied)).not.toMatch(/relancez l'écriture/);
    expect(interruptedMessage('bloc 1', denied)).toMatch(/Ôtez la protection .* puis relancez/);
    expect(interruptedMessage('bloc 1', new FakeExcelError('InvalidArgument', 'x'))).toMatch(/Relancer ne suffit pas/);
    expect(interruptedMessage('bloc 1', new FakeExcelError('GeneralException', 'x'))).toMatch(/relancez l'écriture/);
  });
});
