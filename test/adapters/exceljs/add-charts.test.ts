import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { addCharts } from '../../../src/adapters/exceljs/add-charts';
import { unkeptParts } from '../../../src/adapters/exceljs/load-existing';
import { buildWorkbook, workbookBytes } from '../../../src/adapters/exceljs/build-workbook';
import { absoluteRange, chartXml } from '../../../src/adapters/exceljs/chart-xml';
import type { ChartKind, ChartSpec, SheetSpec } from '../../../src/core/model/sheet-spec';
import { packageCharts } from '../../helpers/package-charts';

const chart = (kind: ChartKind, title: string, from: number): ChartSpec => ({
  kind,
  title,
  categories: 'A2:A3',
  categoryLabels: ['CAF', 'CD07 & <co>'],
  series: [
    { name: 'Voté', nameCell: 'B1', values: 'B2:B3', cached: [1000, 2000.5] },
    { name: 'Versé', nameCell: 'C1', values: 'C2:C3', cached: [800, 1500] },
  ],
  valueFormat: '#,##0\\ "€"',
  from: { row: from, col: 1 },
  to: { row: from + 10, col: 4 },
});

const SHEET = "Synthèse d'essai";
const spec = (charts: ChartSpec[]): SheetSpec => ({
  name: SHEET,
  role: 'synthese',
  blocks: [{ startRow: 1, cells: [['', 'Voté', 'Versé'], ['CAF', 1000, 800], ['CD07 & <co>', 2000.5, 1500]] }],
  // a table: the sheet already has relationships, the drawing's id must not clash
  tables: [{ name: 'Essai', headerRow: 40, columns: [{ key: 'a', header: 'A', type: 'text' }], rows: [['x']] }],
  charts,
  print: { orientation: 'landscape', paperSize: 'A4', rowBreaks: [20] },
});

const xmllint = spawnSync('xmllint', ['--version']).status === 0;
const PYTHON = '/usr/bin/python3';
const openpyxl = spawnSync(PYTHON, ['-c', 'import openpyxl']).status === 0;
const READ_CHARTS = path.join(__dirname, '../../interop/read-charts.py');

describe('add-charts: native chart parts in the package exceljs wrote', () => {
  it.each<[ChartKind, string]>([
    ['barStacked', 'BarStacked'],
    ['barClustered', 'BarClustered'],
    ['columnClustered', 'ColumnClustered'],
    ['line', 'LineMarkers'],
  ])('%s: one chart part over the sheet cells, read back as %s; cells, table and page breaks kept', async (kind, type) => {
    const specs = [spec([chart(kind, `Graphique ${kind}`, 5), chart('barClustered', 'Second', 16)]), { ...spec([]), name: 'Autre', tables: [], charts: undefined }];
    const bytes = await workbookBytes(await buildWorkbook(specs), specs);
    const charts = packageCharts(bytes);
    expect(charts.map((c) => [c.sheet, c.type, c.title, c.position])).toEqual([
      [SHEET, type, `Graphique ${kind}`, 'A5:C14'],
      [SHEET, 'BarClustered', 'Second', 'A16:C25'],
    ]);
    expect(charts[0].categories).toBe(`${SHEET}!A2:A3`);
    expect(charts[0].series).toEqual([
      { name: 'Voté', values: `${SHEET}!B2:B3` },
      { name: 'Versé', values: `${SHEET}!C2:C3` },
    ]);
    expect(charts[0].valueFormat).toBe('#,##0\\ "€"');
    const files = unzipSync(bytes);
    const types = strFromU8(files['[Content_Types].xml']);
    for (const p of ['/xl/charts/chart1.xml', '/xl/charts/chart2.xml', '/xl/drawings/drawing1.xml']) expect(types).toContain(`PartName="${p}"`);
    const rels = strFromU8(files['xl/worksheets/_rels/sheet1.xml.rels']);
    const ids = [...rels.matchAll(/Id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(rels).toContain('relationships/table');
    expect(rels).toContain('relationships/drawing');
    // <drawing> before <tableParts>, as the schema orders them
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']);
    expect(sheet.indexOf('<drawing ')).toBeGreaterThan(sheet.indexOf('<rowBreaks'));
    expect(sheet.indexOf('<drawing ')).toBeLessThan(sheet.indexOf('<tableParts'));
    if (xmllint) {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'avs-charts-'));
      for (const name of Object.keys(files).filter((n) => /\.(xml|rels)$/.test(n))) {
        const f = path.join(dir, name.replace(/[/[\]]/g, '_'));
        writeFileSync(f, files[name]);
        expect({ name, status: spawnSync('xmllint', ['--noout', f]).status }).toEqual({ name, status: 0 });
      }
    }
    if (openpyxl) {
      const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'avs-charts-')), 'c.xlsx');
      writeFileSync(file, bytes);
      const read = JSON.parse(spawnSync(PYTHON, [READ_CHARTS, file]).stdout.toString('utf8'));
      expect(read[SHEET].map((c: { type: string; title: string }) => [c.type, c.title])).toEqual([
        [kind === 'line' ? 'LineChart' : 'BarChart', `Graphique ${kind}`],
        ['BarChart', 'Second'],
      ]);
    }
    // exceljs still reads the cells, the table and the other sheet
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.getWorksheet(SHEET)!.getCell('A3').value).toBe('CD07 & <co>');
    expect(wb.getWorksheet('Autre')!.getCell('B2').value).toBe(1000);
  });

  it('chart XML: sheet names quoted, values cached, text escaped', () => {
    expect(absoluteRange("Synthèse d'essai", 'B2:B3')).toBe("'Synthèse d''essai'!$B$2:$B$3");
    const xml = chartXml(SHEET, chart('barStacked', 'Voté & versé <2020>', 1));
    expect(xml).toContain("<c:f>'Synthèse d''essai'!$A$2:$A$3</c:f>");
    expect(xml).toContain('<c:v>CD07 &amp; &lt;co&gt;</c:v>');
    expect(xml).toContain('<c:v>2000.5</c:v>');
    expect(xml).toContain('<a:t>Voté &amp; versé &lt;2020&gt;</a:t>');
    expect(xml).toContain('<c:grouping val="stacked"/>');
    expect(xml).toContain('<c:overlap val="100"/>');
  });

  it('no charts asked, or a sheet that is not in the package: the package is left as it is', async () => {
    const specs = [{ ...spec([]), charts: undefined }];
    const bytes = new Uint8Array((await (await buildWorkbook(specs)).xlsx.writeBuffer()) as ArrayBuffer);
    expect(addCharts(bytes, [])).toBe(bytes);
    expect(packageCharts(addCharts(bytes, [{ sheet: 'Absente', charts: [chart('line', 'x', 1)] }]))).toEqual([]);
  });
});

describe('re-filling a workbook that holds charts: which are lost', () => {
  // the tool's own synthesis with its two charts, and a user's sheet with one chart of theirs
  const build = async () => {
    const user: SheetSpec = { ...spec([chart('barClustered', 'Le mien', 1)]), name: "Notes d'avril", role: 'synthese', print: undefined };
    return workbookBytes(await buildWorkbook([spec([chart('barClustered', 'a', 1), chart('line', 'b', 12)]), user]), [spec([chart('barClustered', 'a', 1), chart('line', 'b', 12)]), user]);
  };
  test('the charts of a sheet written again are drawn again: not reported', async () => {
    const bytes = await build();
    expect(unkeptParts(bytes)).toEqual(['3 graphique(s)']);
    expect(unkeptParts(bytes, new Map([[SHEET, 2]]))).toEqual(['1 graphique(s)']);
    expect(unkeptParts(bytes, new Map([[SHEET, 2], ["Notes d'avril", 1]]))).toEqual([]);
  });
  test('a chart beyond those the tool draws on its sheet (a user added one there) is reported', async () => {
    const bytes = await build();
    expect(unkeptParts(bytes, new Map([[SHEET, 1]]))).toEqual(['2 graphique(s)']);
  });
});
