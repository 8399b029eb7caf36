/**
 * Contract suite: the exceljs renderer (CLI, standalone pane) and the office adapter (Excel,
 * here the fake host) draw the same SheetSpecs the same way. Both results are reduced to one
 * host-neutral snapshot (cell kinds, values, number formats, tables, list validations, fills,
 * bold, outline levels, flag rules, print setup) and compared. The exceljs side goes through a
 * real .xlsx round trip; its native charts (added to the package by add-charts.ts) are read back
 * from the package and compared with the charts the office adapter creates: same type, title,
 * categories, series names and value ranges, position.
 */
import ExcelJS from 'exceljs';
import { buildWorkbook, workbookBytes } from '../../src/adapters/exceljs/build-workbook';
import { serialToDate } from '../../src/adapters/office/cell-values';
import { writeSheets } from '../../src/adapters/office/write-sheets';
import { columnLetter } from '../../src/core/import/column-letter';
import type { SheetSpec } from '../../src/core/model/sheet-spec';
import { makeFinding } from '../../src/core/checks/messages';
import { controlsSheet } from '../../src/core/sheets/controls-sheet';
import { packageCharts, type PackageChart } from '../helpers/package-charts';
import { examplePipeline } from './office/example-pipeline';
import { FakeWorkbook, parseAddress, type FakeSheet } from './office/fake-excel';

type CellSnap = { kind: 'text' | 'number' | 'bool' | 'date' | 'formula' | 'link'; value: string | number | boolean; format: string; bold: boolean; fill?: string };

interface SheetSnap {
  cells: Record<string, CellSnap>;
  tables: string[];
  validations: string[];
  flags: string[];
  outline: Record<number, number>;
  /** Rows hidden when the sheet opens (a folded outline). */
  hidden: number[];
  print?: string;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
/** exceljs reads `\ ` back as a plain space: the same format for Excel. */
const fmt = (f: string) => f.replace(/\\ /g, ' ');
const isDateFmt = (f: string) => /[dy]/i.test(f.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '')) && f !== 'General';

function exceljsSnap(ws: ExcelJS.Worksheet, spec: SheetSpec): SheetSnap {
  const cells: Record<string, CellSnap> = {};
  const outline: Record<number, number> = {};
  const hidden: number[] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    if (row.outlineLevel) outline[r] = row.outlineLevel;
    if (row.hidden) hidden.push(r);
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const v = cell.value;
      if (v === null || v === undefined || v === '') return;
      const format = fmt(cell.numFmt ?? 'General');
      const base = { format, bold: !!cell.font?.bold, fill: (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb?.slice(-6) };
      let snap: CellSnap;
      if (v instanceof Date) snap = { kind: 'date', value: iso(v), ...base };
      else if (typeof v === 'object' && 'formula' in v) snap = { kind: 'formula', value: `=${v.formula}`, ...base };
      else if (typeof v === 'object' && 'hyperlink' in v) snap = { kind: 'link', value: `${v.text} → ${String(v.hyperlink).replace(/^#/, '')}`, ...base };
      else if (typeof v === 'number') snap = isDateFmt(format) ? { kind: 'date', value: iso(serialToDate(v)), ...base } : { kind: 'number', value: v, ...base };
      else if (typeof v === 'boolean') snap = { kind: 'bool', value: v, ...base };
      else snap = { kind: 'text', value: String(v), ...base };
      cells[`${columnLetter(c)}${r}`] = snap;
    });
  });
  const dv = (ws as unknown as { dataValidations: { model: Record<string, { formulae: string[] }> } }).dataValidations.model;
  const tables = Object.values((ws as unknown as { tables: Record<string, { table: { name: string; tableRef: string } }> }).tables).map((t) => `${t.table.name} ${t.table.tableRef}`);
  const cf = (ws as unknown as { conditionalFormattings: { ref: string; rules: { formulae: string[] }[] }[] }).conditionalFormattings ?? [];
  const ps = ws.pageSetup;
  return {
    cells,
    tables: tables.sort(),
    validations: Object.entries(dv)
      .map(([range, v]) => `${range} ${v.formulae[0].replace(/^"|"$/g, '')}`)
      .sort(),
    flags: cf.map((c) => `${c.ref} =${c.rules[0].formulae[0]}`).sort(),
    outline,
    hidden,
    print: spec.print ? `${ps.orientation} ${ps.paperSize === 9 ? 'A4' : ps.paperSize} ${ps.fitToPage ? 'ajusté' : ''}` : undefined,
  };
}

function fakeSnap(s: FakeSheet, spec: SheetSpec): SheetSnap {
  const cells: Record<string, CellSnap> = {};
  for (const [k, cell] of s.cells) {
    const [r, c] = k.split(',').map(Number);
    if ((cell.value === '' || cell.value === null) && !cell.formula) continue;
    const format = fmt(cell.format ?? 'General');
    const base = { format, bold: !!cell.bold, fill: cell.fill?.replace('#', '') };
    let snap: CellSnap;
    if (cell.formula) snap = { kind: 'formula', value: cell.formula, ...base };
    else if (cell.link) snap = { kind: 'link', value: `${cell.link.textToDisplay} → ${cell.link.documentReference}`, ...base };
    else if (typeof cell.value === 'number') snap = isDateFmt(format) ? { kind: 'date', value: iso(serialToDate(cell.value)), ...base } : { kind: 'number', value: cell.value, ...base };
    else if (typeof cell.value === 'boolean') snap = { kind: 'bool', value: cell.value, ...base };
    else snap = { kind: 'text', value: cell.value, ...base };
    cells[`${columnLetter(c)}${r}`] = snap;
  }
  const outline: Record<number, number> = {};
  for (const g of s.groups) {
    const a = parseAddress(g);
    for (let r = a.top; r <= a.bottom; r++) outline[r] = (outline[r] ?? 0) + 1;
  }
  return {
    cells,
    tables: s.tables.map((t) => `${t.name} ${t.address}`).sort(),
    // exceljs reads validations back cell by cell
    validations: s.validations
      .flatMap((v) => {
        const a = parseAddress(v.address);
        const out: string[] = [];
        for (let r = a.top; r <= a.bottom; r++) for (let c = a.left; c <= a.right; c++) out.push(`${columnLetter(c)}${r} ${v.source.replace(/^=/, '')}`);
        return out;
      })
      .sort(),
    flags: s.conditionalFormats.map((c) => `${c.address} ${c.formula}`).sort(),
    outline,
    hidden: [...s.hiddenRows].sort((a, b) => a - b),
    print: spec.print ? `${s.print.orientation?.toLowerCase()} ${s.print.paperSize} ${s.print.fitWidth ? 'ajusté' : ''}` : undefined,
  };
}

/** Fills are only meaningful on cells that hold something; the fake marks empty ones too. */
function withoutEmptyFills(snap: SheetSnap): SheetSnap {
  return { ...snap, cells: Object.fromEntries(Object.entries(snap.cells).map(([k, c]) => [k, c.fill ? c : { ...c, fill: undefined }])) };
}

const HAND_MADE: SheetSpec = {
  name: 'Contrat',
  role: 'programmation',
  blocks: [
    { startRow: 1, cells: [['Programmation de test'], ['=HYPERLINK("http://exemple.invalid","piège")', { text: 'Voir Financements', target: "'Contrat'!A5" }]], style: 'title' },
    { startRow: 3, cells: [['Total', { formula: 'SUM(B6:B7)', result: 30 }, 'Au', { date: '2020-12-31' }]], style: 'keyfigures', formats: [undefined, 'amount', undefined, 'date'] },
  ],
  tables: [
    {
      name: 'ContratTable',
      headerRow: 5,
      columns: [
        { key: 'code', header: 'Action', type: 'code', list: ['1.1.1', '1.1.2', '2'] },
        { key: 'amount', header: 'Montant', type: 'amount' },
        { key: 'share', header: 'Part', type: 'percent' },
        { key: 'date', header: 'Décision', type: 'date' },
        { key: 'ok', header: 'Validé', type: 'boolean' },
        { key: 'flags', header: 'Signalements', type: 'text', listRange: "'Plan'!$E$2:$E$60" },
      ],
      rows: [
        ['2', { formula: 'SUM(B7:B8)', result: 30 }, 1, null, null, null],
        ['1.1.1', 10, 0.333, { date: '2019-03-12' }, 'oui', '=cmd|/c calc'],
        ['-1.1.2', 20, 0.667, { date: '2019-09-01' }, 'non', null],
      ],
      highlights: [
        { row: 1, level: 'erreur' },
        { row: 2, level: 'alerte' },
      ],
      outline: [0, 1, 1],
      subtotalRows: [0],
      flagColumn: 'flags',
    },
  ],
  freeze: { row: 5, col: 1 },
  print: { orientation: 'landscape', paperSize: 'A4', fitToWidth: true, footer: 'Page &P / &N' },
};

/** A Contrôles sheet with two causes of many lines around a single finding: folded groups. */
const unreadable = (row: number, structureName: string) =>
  makeFinding('MONTANT_ILLISIBLE', { partner: 'CAF', year: 2020, field: 'Montant versé', value: 'en attente', structureName }, { file: 'caf.xlsx', sheet: 'PS 2020', row, col: 'D' });
const GROUPED: SheetSpec = {
  ...controlsSheet([
    unreadable(3, 'CS A'),
    unreadable(5, 'CS B'),
    unreadable(9, 'CS C'),
    makeFinding('MONTANT_NEGATIF', { partner: 'CD07', year: 2020, amount: -800 }, { file: 'cd07.csv', sheet: 'cd07', row: 8, col: 'H' }),
    makeFinding('LIGNE_SANS_ACTION', { partner: 'MSA', year: 2019, dispositif: 'ADL', voted: 100 }, { file: 'msa.xlsx', sheet: 'DM', row: 3 }),
    makeFinding('LIGNE_SANS_ACTION', { partner: 'MSA', year: 2019, dispositif: 'ADL', voted: 50 }, { file: 'msa.xlsx', sheet: 'DM', row: 4 }),
  ]),
  name: 'Contrôles groupés',
};

describe('contract: exceljs and office adapters render the same SheetSpecs', () => {
  let specs: SheetSpec[];
  let exceljs: ExcelJS.Workbook;
  let fake: FakeWorkbook;
  let charts: PackageChart[];

  beforeAll(async () => {
    specs = [...(await examplePipeline()).sheets, HAND_MADE, { ...GROUPED, tables: GROUPED.tables.map((t) => ({ ...t, name: 'ControlesGroupes' })) }];
    const bytes = await workbookBytes(await buildWorkbook(specs), specs);
    charts = packageCharts(bytes);
    exceljs = new ExcelJS.Workbook();
    await exceljs.xlsx.load(bytes as unknown as ArrayBuffer);
    fake = new FakeWorkbook();
    await writeSheets(fake.run, specs, { caps: { api19: true, api110: true, api113: true } });
  }, 120_000);

  it('writes the same sheets, in the same order', () => {
    expect(fake.sheets.map((s) => s.name)).toEqual(exceljs.worksheets.map((w) => w.name));
  });

  it('the hand-made spec: formulas, links, dates, text that looks like a formula, fills, outline, validations', () => {
    const a = withoutEmptyFills(exceljsSnap(exceljs.getWorksheet('Contrat')!, HAND_MADE));
    const b = withoutEmptyFills(fakeSnap(fake.sheet('Contrat'), HAND_MADE));
    expect(b).toEqual(a);
    expect(a.cells.A2).toMatchObject({ kind: 'text', value: '=HYPERLINK("http://exemple.invalid","piège")', format: '@' });
    expect(a.cells.F7).toMatchObject({ kind: 'text', value: '=cmd|/c calc' });
    expect(a.cells.A8).toMatchObject({ kind: 'text', value: '-1.1.2' });
  });

  it('a Contrôles sheet with causes of many lines: the same groups, folded, in both hosts', () => {
    const spec = specs.find((s) => s.name === GROUPED.name)!;
    const a = withoutEmptyFills(exceljsSnap(exceljs.getWorksheet(spec.name)!, spec));
    const b = withoutEmptyFills(fakeSnap(fake.sheet(spec.name), spec));
    expect(b).toEqual(a);
    // header on row 4; rows: the 3 unreadable amounts (5, then 6-8), the negative amount (9), the MSA pair (10, then 11-12)
    expect(a.outline).toEqual({ 6: 1, 7: 1, 8: 1, 11: 1, 12: 1 });
    expect(a.hidden).toEqual([6, 7, 8, 11, 12]);
    expect(fake.sheet(spec.name).groups).toEqual(['6:8', '11:12']);
    expect([a.cells.I10.value, a.cells.J10.value]).toEqual([2, 150]);
    expect(a.cells.D5.value).toBe('Montant versé illisible « en attente » (CAF) : 3 lignes.');
    expect(a.cells.D5.bold).toBe(true);
  });

  it.each(['Partenaires', 'Dispositifs', 'Plan', 'Structures', 'Conventions', 'Financements', 'Contrôles'])('the %s sheet of the examples', (name) => {
    const spec = specs.find((s) => s.name === name)!;
    const a = withoutEmptyFills(exceljsSnap(exceljs.getWorksheet(name)!, spec));
    const b = withoutEmptyFills(fakeSnap(fake.sheet(name), spec));
    expect(Object.keys(a.cells).length).toBeGreaterThan(0);
    expect(b).toEqual(a);
  });

  it('the annual sheets of the examples (programmation, synthèse COPIL), when the core builds them', () => {
    const annual = specs.filter((s) => s.role === 'programmation' || s.role === 'synthese').filter((s) => s !== HAND_MADE);
    for (const spec of annual) {
      const a = withoutEmptyFills(exceljsSnap(exceljs.getWorksheet(spec.name)!, spec));
      const b = withoutEmptyFills(fakeSnap(fake.sheet(spec.name), spec));
      expect({ sheet: spec.name, ...b }).toEqual({ sheet: spec.name, ...a });
    }
  });

  it('the native charts: same type, title, categories, series ranges and position in both hosts', () => {
    const office: PackageChart[] = fake.sheets.flatMap((s) =>
      s.charts.map((c) => {
        expect(new Set(c.series.map((x) => x.categories)).size).toBe(1);
        // Excel quotes a sheet name with spaces in an address ('Synthèse COPIL 2020'!B2:B3); the package's refs are compared unquoted
        const ref = (a: string) => a.replace(/^'(.*)'!/, (_, n: string) => `${n.replace(/''/g, "'")}!`);
        return { sheet: s.name, type: c.type, title: c.title!, categories: ref(c.series[0].categories!), series: c.series.map((x) => ({ name: x.name!, values: ref(x.values!) })), position: c.position!, valueFormat: c.valueFormat };
      }),
    );
    const copils = specs.filter((s) => s.role === 'synthese');
    expect(copils.length).toBeGreaterThan(1);
    expect(charts.length).toBe(copils.reduce((n, s) => n + (s.charts?.length ?? 0), 0));
    for (const s of copils) expect(charts.filter((c) => c.sheet === s.name).map((c) => c.type)).toEqual(['BarStacked', 'BarClustered', expect.stringMatching(/^(ColumnClustered|LineMarkers)$/)]);
    expect(office).toEqual(charts);
  });
});
