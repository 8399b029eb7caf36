/** The fake Excel host refuses what Excel refuses: one test per rule (see fake-excel.ts for the sources). */
import { FakeWorkbook, rewriteRefs, sheetNameError } from './fake-excel';

type Ctx = Excel.RequestContext;
const run = <T>(wb: FakeWorkbook, f: (c: Ctx) => Promise<T>) => wb.run(f);

describe('fake Excel: batching and loads', () => {
  it('queues operations until sync(); a property is readable only after load + sync, and only the loaded ones', async () => {
    const wb = new FakeWorkbook();
    wb.addSheet('A', [['x']]);
    await run(wb, async (c) => {
      const r = c.workbook.worksheets.getItem('A').getRange('A1');
      r.values = [['y']];
      expect(wb.cell('A', 'A1')!.value).toBe('x'); // not sent yet
      r.load('values');
      expect(() => r.values).toThrow(/PropertyNotLoaded/);
      await c.sync();
      expect(wb.cell('A', 'A1')!.value).toBe('y');
      expect(r.values).toEqual([['y']]);
      expect(() => r.numberFormat).toThrow(/PropertyNotLoaded/);
      const ws = c.workbook.worksheets;
      ws.load('items/name');
      await c.sync();
      expect(ws.items[0].name).toBe('A');
      expect(() => ws.items[0].visibility).toThrow(/PropertyNotLoaded/);
    });
  });

  it('a sync made to fail applies nothing of its batch, earlier syncs stay; an operation that throws keeps the ones before it', async () => {
    const wb = new FakeWorkbook();
    wb.addSheet('A');
    wb.failAtSync = 2;
    await expect(
      run(wb, async (c) => {
        const s = c.workbook.worksheets.getItem('A');
        s.getRange('A1').values = [[1]];
        await c.sync();
        s.getRange('A2').values = [[2]];
        await c.sync();
      }),
    ).rejects.toThrow(/GeneralException/);
    expect(wb.cell('A', 'A1')!.value).toBe(1);
    expect(wb.cell('A', 'A2')).toBeUndefined();
    await expect(
      run(wb, async (c) => {
        const s = c.workbook.worksheets.getItem('A');
        s.getRange('B1').values = [[1]];
        c.workbook.worksheets.add('A'); // refused: the name exists
        s.getRange('B2').values = [[2]];
        await c.sync();
      }),
    ).rejects.toThrow(/ItemAlreadyExists/);
    expect(wb.cell('A', 'B1')!.value).toBe(1);
    expect(wb.cell('A', 'B2')).toBeUndefined();
  });

  it('Excel on the web refuses a request or a response over 5 MB, counted in UTF-8 bytes; the desktop does not', async () => {
    // 90 cells of 30 000 « é »: 2.7 M characters, 5.4 MB in UTF-8
    for (const platform of ['web', 'desktop'] as const) {
      const wb = new FakeWorkbook({ platform });
      wb.addSheet('A');
      const huge = run(wb, async (c) => {
        const s = c.workbook.worksheets.getItem('A');
        for (let i = 1; i <= 90; i++) s.getRange(`B${i}`).values = [['é'.repeat(30_000)]];
        await c.sync();
      });
      if (platform === 'web') await expect(huge).rejects.toThrow(/RequestPayloadSizeLimitExceeded/);
      else await expect(huge).resolves.toBeUndefined();
    }
  });
});

describe('fake Excel: references, names, cell entry', () => {
  it('renaming a sheet rewrites references to it; deleting it turns them into #REF! (formulas, validations, conditional formats)', async () => {
    const wb = new FakeWorkbook();
    wb.addSheet('Plan', [['1']]);
    const other = wb.addSheet('Autre');
    other.cells.set('1,1', { value: '', formula: "=COUNTA('Plan'!$A$1:$A$9)+Plan!B2" });
    other.validations.push({ address: 'A2:A9', source: "='Plan'!$A$1:$A$9" });
    other.conditionalFormats.push({ address: 'B2:B9', formula: '=B2=Plan!$A$1' });
    await run(wb, async (c) => {
      c.workbook.worksheets.getItem('Plan').name = 'Plan 2';
      await c.sync();
    });
    expect(wb.allFormulas().map((f) => f.formula)).toEqual(["=COUNTA('Plan 2'!$A$1:$A$9)+'Plan 2'!B2", "='Plan 2'!$A$1:$A$9", "=B2='Plan 2'!$A$1"]);
    await run(wb, async (c) => {
      c.workbook.worksheets.getItem('Plan 2').delete();
      await c.sync();
    });
    expect(wb.allFormulas().map((f) => f.formula)).toEqual(['=COUNTA(#REF!)+#REF!', '=#REF!', '=B2=#REF!']);
    expect(rewriteRefs("=SUM('Autre'!A1:A2)", 'Plan', null)).toBe("=SUM('Autre'!A1:A2)");
  });

  it.each([
    ['', 'nom vide'],
    ['x'.repeat(32), 'plus de 31 caractères'],
    ['a/b', 'caractère interdit'],
    ['[a]', 'caractère interdit'],
    ["'a", 'apostrophe au début ou à la fin'],
    ['History', 'nom réservé'],
    ['financements', 'nom déjà pris'],
    ['Financements (2)', undefined],
  ])('sheet name %j: %s', (name, why) => {
    expect(sheetNameError(name, ['Financements'])).toBe(why);
  });

  it.each([
    ['=1+1', 'General', { formula: '=1+1' }],
    ['+ commentaire', 'General', { formula: '=+ commentaire', type: 'Error' }],
    ['-1', 'General', { value: -1 }],
    ['2019', 'General', { value: 2019 }],
    ['-1', '@', { value: '-1' }],
    ['=1+1', '@', { value: '=1+1' }],
  ])('%j typed in a %s cell', async (text, format, want) => {
    const wb = new FakeWorkbook();
    wb.addSheet('A');
    await run(wb, async (c) => {
      const r = c.workbook.worksheets.getItem('A').getRange('A1');
      r.numberFormat = [[format]];
      r.values = [[text]];
      await c.sync();
    });
    expect(wb.cell('A', 'A1')).toMatchObject(want);
  });

  it('refuses a text of more than 32 767 characters', async () => {
    const wb = new FakeWorkbook();
    wb.addSheet('A');
    await expect(
      run(wb, async (c) => {
        c.workbook.worksheets.getItem('A').getRange('A1').values = [['x'.repeat(32_768)]];
        await c.sync();
      }),
    ).rejects.toThrow(/32767/);
  });
});

describe('fake Excel: tables, merges, protection, platforms', () => {
  it('refuses a table over another table or over merged cells', async () => {
    const wb = new FakeWorkbook();
    const s = wb.addSheet('A');
    s.tables.push({ name: 'T', address: 'A1:B5' });
    s.merges.push('E1:F1');
    for (const address of ['B3:C8', 'D1:G4'])
      await expect(
        run(wb, async (c) => {
          c.workbook.worksheets.getItem('A').tables.add(address, true);
          await c.sync();
        }),
      ).rejects.toThrow(/chevauche|fusionnées/);
  });

  it('getMergedAreasOrNullObject fails over 512 merged areas', async () => {
    const wb = new FakeWorkbook();
    const s = wb.addSheet('A');
    s.merges.push(...Array.from({ length: 513 }, (_, i) => `A${i + 1}:B${i + 1}`));
    await expect(
      run(wb, async (c) => {
        const m = c.workbook.worksheets.getItem('A').getRange().getMergedAreasOrNullObject();
        m.load('address');
        await c.sync();
      }),
    ).rejects.toThrow(/plus de 512/);
  });

  it('a protected structure refuses new sheets; a protected sheet refuses writes', async () => {
    const wb = new FakeWorkbook();
    wb.addSheet('A').protected = true;
    await expect(run(wb, async (c) => (c.workbook.worksheets.getItem('A').getRange('A1').values = [[1]], c.sync()))).rejects.toThrow(/AccessDenied/);
    wb.structureProtected = true;
    await expect(run(wb, async (c) => (c.workbook.worksheets.add('B'), c.sync()))).rejects.toThrow(/AccessDenied/);
  });

  it.each([
    ['desktop', { api19: true, api110: true, api113: true, platform: 'desktop' }],
    ['web', { api19: true, api110: true, api113: true, platform: 'web' }],
    ['ios', { api19: true, api110: true, api113: true, platform: 'ios' }],
  ] as const)('platform %s answers isSetSupported', (platform, caps) => {
    expect(new FakeWorkbook({ platform }).caps).toEqual(caps);
    expect(new FakeWorkbook({ platform, api: '1.8' }).caps).toMatchObject({ api19: false, api110: false, api113: false });
  });
});
