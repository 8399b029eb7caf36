import { FUNDING_COLUMNS } from '../../../src/core/sheets/canonical-tables';
import type { SheetSpec, SpecValue } from '../../../src/core/model/sheet-spec';
import type { HostCapabilities } from '../../../src/adapters/office/excel-host';
import { SETTINGS } from '../../../src/adapters/office/generated-sheets';
import { writeSheets } from '../../../src/adapters/office/write-sheets';
import { examplePipeline } from './example-pipeline';
import { FakeWorkbook } from './fake-excel';

const caps: HostCapabilities = { api19: true, api110: true, api113: true };

/** A Financements table of n rows, every cell filled, as the builders make it. */
function fundingSpec(n: number): SheetSpec {
  const rows: SpecValue[][] = [];
  for (let i = 0; i < n; i++)
    rows.push([
      'CAF', `S${i % 900}`, `Centre social n° ${i}`, '12345678901237', 2019 + (i % 2), 'PS AGC', '2.1.3', '2', 12500.5, 12000, 6000,
      'voté', { date: '2019-09-01' }, `CONV-${i}`, 'Animation globale', `CAF07_PS.xlsx › PS ${2019 + (i % 2)} › ligne ${i + 5}`,
    ]);
  return { name: 'Financements', role: 'table', blocks: [], tables: [{ name: 'Financements', headerRow: 1, columns: FUNDING_COLUMNS, rows }], freeze: { row: 1, col: 0 } };
}

describe('office adapter: writeSheets on the fake Excel host', () => {
  it('writes the canonical tables of the examples: cells, tables, formats, validations, settings', async () => {
    const result = await examplePipeline();
    const wb = new FakeWorkbook();
    wb.addSheet('Feuil1', [['notes de la technicienne']]);
    const out = await writeSheets(wb.run, result.sheets, { caps });
    expect(out.refused).toEqual([]);
    expect(out.written).toEqual(result.sheets.map((s) => s.name));

    const fin = wb.sheet('Financements');
    const spec = result.sheets.find((s) => s.name === 'Financements')!;
    const t = spec.tables[0];
    expect(fin.tables).toEqual([{ name: 'Financements', address: `A1:P${t.rows.length + 1}`, style: 'TableStyleMedium2' }]);
    expect(wb.cell('Financements', 'A1')!.value).toBe('Partenaire');
    expect(wb.cell('Financements', 'J1')!.value).toBe('Montant voté');
    // every data cell as the spec says, with its column's number format
    t.rows.forEach((row, ri) =>
      row.forEach((v, ci) => {
        const cell = wb.sheet('Financements').cells.get(`${ri + 2},${ci + 1}`);
        if (typeof v === 'number' || (typeof v === 'string' && v)) expect(cell?.value).toBe(v);
      }),
    );
    expect(wb.cell('Financements', 'J2')!.format).toBe('#,##0.00\\ "€"');
    expect(wb.cell('Financements', 'C2')!.format).toBe('@');
    expect(fin.validations.find((v) => v.address.startsWith('L2'))!.source).toBe('demandé,voté,conventionné,versé');
    expect(fin.freeze).toBeDefined();
    // the Contrôles sheet: counts, one row per finding
    const ctrl = wb.sheet('Contrôles');
    expect(ctrl.tables).toHaveLength(1);
    expect(wb.cell('Contrôles', 'B2')!.value).toBe(result.findings.filter((f) => f.severity === 'erreur').length);
    // generated sheets are listed in the settings; the user's sheet is untouched
    expect(JSON.parse(String(wb.settings.get(SETTINGS.generated)))).toEqual(expect.arrayContaining(['Financements', 'Contrôles']));
    expect(wb.modified.has('Feuil1')).toBe(false);
    expect(wb.cell('Feuil1', 'A1')!.value).toBe('notes de la technicienne');
    // calculation and screen updating suspended for each round trip that writes cells, and the
    // sheets share round trips ("Don't call suspendScreenUpdatingUntilNextSync repeatedly … the
    // Excel window flickers"): the examples are one; then one full calculation (issue 25 item 3)
    expect(wb.calcSuspensions).toBe(1);
    expect(wb.screenSuspensionsPerRun).toEqual([1]);
    expect(wb.syncs).toBe(4);
    expect(wb.calculations).toBe(1);
  });

  it('writes text as text: a structure name "=HYPERLINK(…)" never becomes a formula', async () => {
    const wb = new FakeWorkbook();
    const spec = fundingSpec(3);
    spec.tables[0].rows[0][2] = '=HYPERLINK("http://exemple.invalid","clic")';
    spec.tables[0].rows[1][2] = '+33 4 75 00 00 00';
    spec.tables[0].rows[2][2] = '@accueil';
    spec.blocks = [{ startRow: 1, cells: [['=1+1']], style: 'title' }];
    spec.tables[0].headerRow = 3;
    await writeSheets(wb.run, [spec], { caps });
    const name = wb.cell('Financements', 'C4')!;
    expect(name.value).toBe('=HYPERLINK("http://exemple.invalid","clic")');
    expect(name.format).toBe('@');
    expect(name.formula).toBeUndefined();
    expect(wb.cell('Financements', 'C5')!.formula).toBeUndefined();
    expect(wb.cell('Financements', 'A1')!.formula).toBeUndefined();
    expect(wb.cell('Financements', 'A1')!.bold).toBe(true);
  });

  it('writes formulas, links, highlights, outline, flags and print setup', async () => {
    const wb = new FakeWorkbook();
    const spec: SheetSpec = {
      name: 'Programmation 2020',
      role: 'programmation',
      blocks: [{ startRow: 1, cells: [['Programmation 2020'], ['Voir', { text: 'Financements', target: "'Financements'!A2" }]], style: 'title' }],
      tables: [
        {
          name: 'Programmation2020',
          headerRow: 4,
          columns: [
            { key: 'code', header: 'Action', type: 'code' },
            { key: 'amount', header: 'Montant', type: 'amount' },
            { key: 'flags', header: 'Signalements', type: 'text' },
          ],
          rows: [
            ['1', { formula: 'SUM(B6:B7)', result: 30 }, null],
            ['1.1.1', 10, 'sans convention'],
            ['1.1.2', 20, null],
          ],
          highlights: [{ row: 1, level: 'erreur' }],
          outline: [0, 1, 1],
          subtotalRows: [0],
          flagColumn: 'flags',
        },
      ],
      print: { orientation: 'landscape', paperSize: 'A4', fitToWidth: true, fitToHeight: 1, footer: 'Page &P / &N', printTitleRows: '$4:$4' },
      tabColor: 'FF0F7B6C',
    };
    await writeSheets(wb.run, [spec], { caps });
    const s = wb.sheet('Programmation 2020');
    expect(wb.cell(s.name, 'B5')!.formula).toBe('=SUM(B6:B7)');
    expect(wb.cell(s.name, 'B2')!.link).toEqual({ documentReference: "'Financements'!A2", textToDisplay: 'Financements' });
    expect(wb.cell(s.name, 'A6')!.fill).toBe('#FFC7CE');
    expect(wb.cell(s.name, 'A5')!.bold).toBe(true);
    expect(s.groups).toEqual(['6:7']);
    expect(s.conditionalFormats).toEqual([{ address: 'C5:C7', formula: '=LEN(C5)>0', fill: '#FFEB9C', font: '#9C5700', bold: true }]);
    expect(s.print).toMatchObject({ orientation: 'Landscape', paperSize: 'A4', fitWidth: 1, fitHeight: 1, titleRows: '$4:$4', centerFooter: 'Page &P / &N' });
    expect(s.tabColor).toBe('#0F7B6C');
  });

  it('draws native charts over the sheet cells: type, series values and names, categories, position', async () => {
    const wb = new FakeWorkbook();
    const spec: SheetSpec = {
      name: 'Synthèse COPIL 2020',
      role: 'synthese',
      blocks: [{ startRow: 1, cells: [['', 'Voté', 'Versé'], ['CAF', 1000, 800], ['CD07', 2000, 1500]] }],
      tables: [],
      charts: [
        { kind: 'barClustered', title: 'Voté et versé', categories: 'A2:A3', categoryLabels: ['CAF', 'CD07'], series: [{ name: 'Voté', nameCell: 'B1', values: 'B2:B3', cached: [1000, 2000] }, { name: 'Versé', values: 'C2:C3', cached: [800, 1500] }], valueFormat: '#,##0', from: { row: 5, col: 1 }, to: { row: 20, col: 4 } },
        { kind: 'line', title: 'Par ligne', categories: 'B1:C1', categoryLabels: ['Voté', 'Versé'], series: [{ name: 'CAF', values: 'B2:C2', cached: [1000, 800] }], from: { row: 20, col: 1 }, to: { row: 30, col: 4 } },
      ],
    };
    await writeSheets(wb.run, [spec], { caps });
    const s = wb.sheet(spec.name);
    expect(s.charts).toEqual([
      {
        name: 'Graphique 1',
        type: 'BarClustered',
        source: "'Synthèse COPIL 2020'!B2:B3",
        seriesBy: 'Columns',
        title: 'Voté et versé',
        series: [
          { name: 'Voté', values: "'Synthèse COPIL 2020'!B2:B3", categories: "'Synthèse COPIL 2020'!A2:A3" },
          { name: 'Versé', values: "'Synthèse COPIL 2020'!C2:C3", categories: "'Synthèse COPIL 2020'!A2:A3" },
        ],
        legend: 'Bottom',
        valueFormat: '#,##0',
        position: 'A5:C19',
      },
      { name: 'Graphique 2', type: 'LineMarkers', source: "'Synthèse COPIL 2020'!B2:C2", seriesBy: 'Rows', title: 'Par ligne', series: [{ name: 'CAF', values: "'Synthèse COPIL 2020'!B2:C2", categories: "'Synthèse COPIL 2020'!B1:C1" }], legend: 'Bottom', position: 'A20:C29' },
    ]);
  });

  it('never writes over a source sheet that has the name of a generated one: writes « Financements (2) » and points every reference at it', async () => {
    const wb = new FakeWorkbook();
    wb.addSheet('Financements', [['Bénéficiaire', 'Montant voté'], ['CS du Pouzin', 12000]]);
    const spec = fundingSpec(2);
    spec.tables[0].columns = spec.tables[0].columns.map((c) => (c.key === 'plan' ? { ...c, listRange: "'Financements'!$A$2:$A$3" } : c));
    const prog: SheetSpec = { name: 'Programmation 2020', role: 'programmation', blocks: [{ startRow: 1, cells: [[{ formula: "SUMIFS('Financements'!$J$2:$J$3,'Financements'!$A$2:$A$3,\"CAF\")", result: 0 }]] }], tables: [] };
    const out = await writeSheets(wb.run, [spec, prog], { caps });
    expect(out.written).toEqual(['Financements (2)', 'Programmation 2020']);
    expect(out.renamed).toEqual([{ from: 'Financements', to: 'Financements (2)', reason: expect.stringMatching(/n'a pas été créée par Pilotage AVS/) }]);
    expect(wb.modified.has('Financements')).toBe(false);
    expect(wb.cell('Financements', 'A2')!.value).toBe('CS du Pouzin');
    expect(wb.cell('Programmation 2020', 'A1')!.formula).toBe("=SUMIFS('Financements (2)'!$J$2:$J$3,'Financements (2)'!$A$2:$A$3,\"CAF\")");
    expect(wb.sheet('Financements (2)').validations.find((v) => v.address.startsWith('G2'))!.source).toBe("='Financements (2)'!$A$2:$A$3");
    // the next run finds its own « Financements (2) » again
    const again = await writeSheets(wb.run, [spec], { caps });
    expect(again.written).toEqual(['Financements (2)']);
    expect(wb.sheets.map((s) => s.name)).toEqual(['Financements', 'Financements (2)', 'Programmation 2020']);
  });

  it('replaces its own sheet on a re-run, keeping the other sheets', async () => {
    const wb = new FakeWorkbook();
    wb.addSheet('CAF 2019', [['Bénéficiaire'], ['CS du Pouzin']]);
    await writeSheets(wb.run, [fundingSpec(5)], { caps });
    await writeSheets(wb.run, [fundingSpec(2)], { caps });
    expect(wb.sheets.map((s) => s.name)).toEqual(['CAF 2019', 'Financements']);
    expect(wb.sheet('Financements').tables[0].address).toBe('A1:P3');
    expect(wb.modified.has('CAF 2019')).toBe(false);
  });

  it('syncs a constant number of times per sheet plus one per block: 1 000 vs 100 000 rows', async () => {
    const counts: Record<number, { syncs: number; batches: number; maxPayload: number }> = {};
    for (const n of [1_000, 100_000]) {
      const wb = new FakeWorkbook();
      const out = await writeSheets(wb.run, [fundingSpec(n)], { caps });
      expect(out.syncs).toBe(wb.syncs);
      counts[n] = { syncs: wb.syncs, batches: out.batches, maxPayload: Math.max(...wb.payloads) };
      expect(wb.sheet('Financements').tables[0].address).toBe(`A1:P${n + 1}`);
      expect(wb.cell('Financements', `C${n + 1}`)!.value).toBe(`Centre social n° ${n - 1}`);
      // every request stays under Excel on the web's 5 MB limit
      expect(counts[n].maxPayload).toBeLessThan(5 * 1024 * 1024);
    }
    // one look at the workbook + one for the settings + one sync per block + one calculation
    expect(counts[1_000].syncs).toBe(1 + 1 + counts[1_000].batches + 1);
    expect(counts[100_000].syncs).toBe(1 + 1 + counts[100_000].batches + 1);
    expect(counts[1_000].batches).toBe(1);
    expect(counts[100_000].batches).toBeLessThan(20);
    console.log(
      `syncs office-js (Financements) : 1 000 lignes → ${counts[1_000].syncs} sync (${counts[1_000].batches} bloc, ${(counts[1_000].maxPayload / 1e6).toFixed(2)} Mo max) ; ` +
        `100 000 lignes → ${counts[100_000].syncs} sync (${counts[100_000].batches} blocs, ${(counts[100_000].maxPayload / 1e6).toFixed(2)} Mo max par requête)`,
    );
  });
});

describe('office adapter: patches of a hand-made programming sheet', () => {
  it('changes only the listed cells, text as text, keeping the rest of the sheet', async () => {
    const { applyPatches } = await import('../../../src/adapters/office/apply-patches');
    const wb = new FakeWorkbook();
    wb.addSheet('Prog 2020 (COPIL)', [['Action', 'CAF', 'Notes'], ['1.1.1', null, 'à revoir en juin']]);
    wb.cell('Prog 2020 (COPIL)', 'B2'); // empty before
    const syncs = await applyPatches(
      wb.run,
      [{ sheet: 'Prog 2020 (COPIL)', cells: [{ row: 2, col: 2, value: 1500, format: 'amount', bold: true }, { row: 3, col: 1, value: '=pas une formule' }, { row: 3, col: 2, value: { formula: 'SUM(B2:B2)', result: 1500 } }] }],
      caps,
    );
    expect(syncs).toBe(3); // find the sheet, write, calculate
    expect(wb.cell('Prog 2020 (COPIL)', 'B2')).toMatchObject({ value: 1500, format: '#,##0.00\\ "€"', bold: true });
    expect(wb.cell('Prog 2020 (COPIL)', 'A3')).toMatchObject({ value: '=pas une formule', format: '@' });
    expect(wb.cell('Prog 2020 (COPIL)', 'A3')!.formula).toBeUndefined();
    expect(wb.cell('Prog 2020 (COPIL)', 'B3')!.formula).toBe('=SUM(B2:B2)');
    expect(wb.cell('Prog 2020 (COPIL)', 'C2')!.value).toBe('à revoir en juin');
    expect(await applyPatches(wb.run, [{ sheet: 'Absente', cells: [{ row: 1, col: 1, value: 1 }] }], caps)).toBe(1);
  });
});
