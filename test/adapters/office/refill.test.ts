/**
 * A re-fill through the office adapter on the strict fake: references to generated sheets survive
 * (defect 1) and a write stopped at any sync ends complete once re-run (defect 2).
 */
import type { SheetSpec } from '../../../src/core/model/sheet-spec';
import { SETTINGS } from '../../../src/adapters/office/generated-sheets';
import { WriteInterrupted, writeSheets } from '../../../src/adapters/office/write-sheets';
import { makeFinding } from '../../../src/core/checks/messages';
import type { Finding } from '../../../src/core/model/finding';
import { controlsSheet } from '../../../src/core/sheets/controls-sheet';
import { examplePipeline } from './example-pipeline';
import { FakeWorkbook, type FakeSheet } from './fake-excel';

let specs: SheetSpec[];
beforeAll(async () => {
  specs = (await examplePipeline()).sheets;
}, 60_000);

/** What a sheet shows: cells, tables, validations, conditional formats, groups, hidden rows. */
function snap(s: FakeSheet) {
  const cells = [...s.cells].filter(([, c]) => c.value !== '' || c.formula).map(([k, c]) => `${k} ${JSON.stringify([c.value, c.formula ?? null, c.format ?? 'General', c.link?.documentReference ?? null])}`).sort();
  return {
    cells,
    tables: s.tables.map((t) => `${t.name} ${t.address}`).sort(),
    validations: s.validations.map((v) => `${v.address} ${v.source}`).sort(),
    flags: s.conditionalFormats.map((f) => `${f.address} ${f.formula}`).sort(),
    groups: [...s.groups].sort(),
    hidden: [...s.hiddenRows].sort((a, b) => a - b),
    freeze: s.freeze,
  };
}

const refErrors = (wb: FakeWorkbook) => wb.allFormulas().filter((f) => f.formula.includes('#REF!'));

describe('office adapter: a re-fill replaces sheet contents in place', () => {
  it('running the examples twice leaves no #REF! in any formula or validation; user formulas on generated sheets survive', async () => {
    const wb = new FakeWorkbook();
    wb.addSheet('Mes calculs', [['Total voté']]);
    await writeSheets(wb.run, specs, { caps: wb.caps });
    expect(refErrors(wb)).toEqual([]);
    // the technician's own formulas on Financements and Plan
    wb.sheet('Mes calculs').cells.set('2,1', { value: '', formula: "=SUM('Financements'!$J$2:$J$500)" });
    wb.sheet('Mes calculs').cells.set('3,1', { value: '', formula: '=COUNTA(Plan!$J$2:$J$69)' });
    const first = Object.fromEntries(specs.map((s) => [s.name, snap(wb.sheet(s.name))]));
    const out = await writeSheets(wb.run, specs, { caps: wb.caps });
    expect(out.written).toEqual(specs.map((s) => s.name));
    expect(refErrors(wb)).toEqual([]);
    expect(wb.sheet('Dispositifs').validations.map((v) => v.source)).toContain(specs.find((s) => s.name === 'Dispositifs')!.tables[0].columns.find((c) => c.listRange)!.listRange!.replace(/^/, '='));
    expect(wb.cell('Mes calculs', 'A2')!.formula).toBe("=SUM('Financements'!$J$2:$J$500)");
    expect(wb.cell('Mes calculs', 'A3')!.formula).toBe('=COUNTA(Plan!$J$2:$J$69)');
    // the second fill is the first one again, sheet for sheet
    for (const s of specs) expect({ sheet: s.name, ...snap(wb.sheet(s.name)) }).toEqual({ sheet: s.name, ...first[s.name] });
  }, 60_000);

  it('the Contrôles sheet re-filled with other causes: its folded groups follow the new rows, no row left hidden', async () => {
    const wb = new FakeWorkbook();
    const unread = (row: number, value: string) => makeFinding('MONTANT_ILLISIBLE', { partner: 'CAF', field: 'Montant versé', value }, { file: 'caf.xlsx', sheet: 'PS', row });
    const write = (findings: Finding[]) => writeSheets(wb.run, [controlsSheet(findings)], { caps: wb.caps });
    // header on row 4: a cause of 4 lines (5, then 6-9), one of 2 lines (10, then 11-12)
    await write([unread(2, 'a'), unread(3, 'a'), unread(4, 'a'), unread(5, 'a'), unread(6, 'b'), unread(7, 'b')]);
    expect([wb.sheet('Contrôles').groups, [...wb.sheet('Contrôles').hiddenRows].sort((a, b) => a - b)]).toEqual([['6:9', '11:12'], [6, 7, 8, 9, 11, 12]]);
    // now: a cause of 2 lines (5, then 6-7), then a single finding (8)
    await write([unread(2, 'c'), unread(3, 'a'), unread(4, 'a')]);
    expect(wb.sheet('Contrôles').groups).toEqual(['6:7']);
    expect([...wb.sheet('Contrôles').hiddenRows].sort((a, b) => a - b)).toEqual([6, 7]);
  });

  it('a shorter Financements on the re-fill: the table is resized, old rows cleared', async () => {
    const wb = new FakeWorkbook();
    const fin = specs.find((s) => s.name === 'Financements')!;
    await writeSheets(wb.run, [fin], { caps: wb.caps });
    const shorter: SheetSpec = { ...fin, tables: [{ ...fin.tables[0], rows: fin.tables[0].rows.slice(0, 3), highlights: fin.tables[0].highlights?.filter((h) => h.row < 3) }] };
    await writeSheets(wb.run, [shorter], { caps: wb.caps });
    expect(wb.sheet('Financements').tables.map((t) => `${t.name} ${t.address}`)).toEqual(['Financements A1:P4']);
    expect([...wb.sheet('Financements').cells].filter(([k, c]) => Number(k.split(',')[0]) > 4 && (c.value !== '' || c.fill || c.format))).toEqual([]);
  });
});

describe('office adapter: a write stopped at any sync ends complete once re-run', () => {
  const sample = () => specs.filter((s) => ['Dispositifs', 'Plan', 'Financements', 'Contrôles'].includes(s.name) || s.role === 'programmation');

  function reference(prefill: boolean) {
    return (async () => {
      const wb = new FakeWorkbook();
      wb.addSheet('Notes', [['à garder']]);
      if (prefill) await writeSheets(wb.run, sample(), { caps: wb.caps });
      const before = wb.syncs;
      await writeSheets(wb.run, sample(), { caps: wb.caps });
      return { wb, syncs: wb.syncs - before };
    })();
  }

  it.each([
    ['first fill', false],
    ['re-fill', true],
  ])('%s: fails at every sync, then the re-run gives the same workbook as a write that never failed', async (_label, prefill) => {
    const ref = await reference(prefill as boolean);
    const want = Object.fromEntries(sample().map((s) => [s.name, snap(ref.wb.sheet(s.name))]));
    expect(ref.syncs).toBeGreaterThan(3);
    for (let k = 1; k <= ref.syncs; k++) {
      const wb = new FakeWorkbook();
      wb.addSheet('Notes', [['à garder']]);
      if (prefill) await writeSheets(wb.run, sample(), { caps: wb.caps });
      wb.failAtSync = wb.syncs + k;
      const error = await writeSheets(wb.run, sample(), { caps: wb.caps }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(WriteInterrupted);
      expect((error as Error).message).toMatch(/relancez l'écriture/);
      wb.failAtSync = undefined;
      const out = await writeSheets(wb.run, sample(), { caps: wb.caps });
      expect({ k, refused: out.refused, renamed: out.renamed }).toEqual({ k, refused: [], renamed: [] });
      expect(wb.sheets.map((s) => s.name)).toEqual(ref.wb.sheets.map((s) => s.name));
      for (const s of sample()) expect({ k, sheet: s.name, ...snap(wb.sheet(s.name)) }).toEqual({ k, sheet: s.name, ...want[s.name] });
      expect(refErrors(wb)).toEqual([]);
      expect(JSON.parse(String(wb.settings.get(SETTINGS.generated)))).toEqual(expect.arrayContaining(sample().map((s) => s.name)));
    }
  }, 120_000);
});
