/**
 * The Synthèse COPIL as a committee member gets it: the CLI's workbook and its --pdf on the
 * examples. openpyxl reads the native charts back; the PDF pages are rendered to images
 * (pdftoppm, screenshots in out/copil/) and each chart must be drawn under its title; no text
 * is cut: LibreOffice shows every text of the spec in full (CSV of the sheet, as shown), each
 * fits its column and the empty ones beside it, or wraps in a row tall enough.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { absoluteRange } from '../../src/adapters/exceljs/chart-xml';
import { sofficeConvert } from '../../src/adapters/node/soffice';
import type { SheetSpec } from '../../src/core/model/sheet-spec';
import { parseCsv } from '../../src/core/parse/parse-csv';
import { CHAR_UNITS, LINE_POINTS, wrappedLines } from '../../src/core/sheets/wrap-text';
import { runCli } from '../helpers/run-cli';
import { describeWithSoffice, hasPoppler } from '../helpers/soffice';
import { EXAMPLES_DIR, runExamples } from './examples-pipeline';

const ROOT = path.resolve(__dirname, '../..');
const SHOTS = path.join(ROOT, 'out/copil');
const PYTHON = '/usr/bin/python3';
const READ_CHARTS = path.join(__dirname, '../interop/read-charts.py');
const hasOpenpyxl = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import openpyxl']).status === 0;
// every sheet to its own CSV, cells as shown (fr-FR formats), UTF-8
const CSV_AS_SHOWN = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1';

interface Picture {
  width: number;
  height: number;
  rgb: Buffer;
}
/** A binary PPM (P6) as pdftoppm writes it. */
function readPpm(file: string): Picture {
  const b = readFileSync(file);
  const head = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(b.subarray(0, 50).toString('latin1'))!;
  return { width: Number(head[1]), height: Number(head[2]), rgb: b.subarray(head[0].length) };
}
/** Pixels of colour (not white, grey or black) in a rectangle: the series fills of the charts. */
function colouredPixels(p: Picture, x0: number, y0: number, x1: number, y1: number): number {
  let n = 0;
  for (let y = Math.max(0, Math.floor(y0)); y < Math.min(p.height, y1); y++)
    for (let x = Math.max(0, Math.floor(x0)); x < Math.min(p.width, x1); x++) {
      const i = (y * p.width + x) * 3;
      const r = p.rgb[i];
      const g = p.rgb[i + 1];
      const bl = p.rgb[i + 2];
      if (Math.max(r, g, bl) - Math.min(r, g, bl) > 60) n++;
    }
  return n;
}

interface Word {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
/** Words of each page with their boxes (points), from `pdftotext -bbox`. */
function pdfWords(pdf: string): { width: number; height: number; words: Word[] }[] {
  const html = execFileSync('pdftotext', ['-bbox', pdf, '-']).toString('utf8');
  return [...html.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)].map((m) => ({
    width: Number(m[1]),
    height: Number(m[2]),
    words: [...m[3].matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((w) => ({
      x0: Number(w[1]),
      y0: Number(w[2]),
      x1: Number(w[3]),
      y1: Number(w[4]),
      text: w[5].replace(/&amp;/g, '&').replace(/&apos;|&#39;/g, "'").replace(/&quot;/g, '"'),
    })),
  }));
}
/** The box of a run of words equal to `text`, if the page has it. */
function findText(words: Word[], text: string): Word | undefined {
  const want = text.split(/\s+/);
  for (let i = 0; i + want.length <= words.length; i++)
    if (want.every((w, k) => words[i + k].text === w)) {
      const run = words.slice(i, i + want.length);
      return { text, x0: Math.min(...run.map((w) => w.x0)), y0: Math.min(...run.map((w) => w.y0)), x1: Math.max(...run.map((w) => w.x1)), y1: Math.max(...run.map((w) => w.y1)) };
    }
  return undefined;
}

const norm = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describeWithSoffice('Synthèse COPIL printed: native charts drawn on every year\'s page, no text cut', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'avs-copil-'));
  const xlsx = path.join(dir, 'pilotage.xlsx');
  const pdf = path.join(dir, 'synthese.pdf');
  let copils: SheetSpec[];

  beforeAll(async () => {
    copils = (await runExamples()).sheets.filter((s) => s.role === 'synthese');
    const r = await runCli(['build', EXAMPLES_DIR, '-o', xlsx, '--pdf', pdf, '-q'], '2020-12-31');
    expect(r.code).toBe(0);
  }, 240_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  (hasOpenpyxl ? test : test.skip)('openpyxl reads the native charts of each COPIL sheet, over the sheet cells', () => {
    const read = JSON.parse(execFileSync(PYTHON, [READ_CHARTS, xlsx]).toString('utf8')) as Record<string, { type: string; barDir: string | null; grouping: string; title: string; series: { name: string; values: string; categories: string }[]; from: number[]; to: number[] }[]>;
    expect(copils.length).toBe(2);
    for (const spec of copils) {
      const charts = read[spec.name];
      expect(charts.length).toBeGreaterThanOrEqual(2);
      expect(charts).toEqual(
        spec.charts!.map((c) => ({
          type: c.kind === 'line' ? 'LineChart' : 'BarChart',
          barDir: c.kind === 'line' ? null : c.kind === 'columnClustered' ? 'col' : 'bar',
          grouping: c.kind === 'barStacked' ? 'stacked' : c.kind === 'line' ? 'standard' : 'clustered',
          title: c.title,
          series: c.series.map((s) => ({ name: absoluteRange(spec.name, s.nameCell!), values: absoluteRange(spec.name, s.values), categories: absoluteRange(spec.name, c.categories) })),
          from: [c.from.row - 1, c.from.col - 1],
          to: [c.to.row - 1, c.to.col - 1],
        })),
      );
    }
    // the other sheets have none
    expect(Object.entries(read).filter(([name, c]) => c.length && !name.startsWith('Synthèse COPIL'))).toEqual([]);
  });

  (hasPoppler ? test : test.skip)('LibreOffice draws each chart on the PDF: coloured pixels under its title; screenshots in out/copil/', () => {
    rmSync(SHOTS, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });
    const DPI = 60;
    execFileSync('pdftoppm', ['-r', String(DPI), '-png', pdf, path.join(SHOTS, 'page')]);
    execFileSync('pdftoppm', ['-r', String(DPI), pdf, path.join(dir, 'page')]);
    const pictures = readdirSync(dir).filter((f) => f.endsWith('.ppm')).sort().map((f) => readPpm(path.join(dir, f)));
    const pages = pdfWords(pdf);
    expect(pictures.length).toBe(pages.length);
    expect(readdirSync(SHOTS).filter((f) => f.endsWith('.png'))).toHaveLength(pages.length);
    const px = (pt: number) => (pt * DPI) / 72;
    const chartPages = new Set<number>();
    for (const spec of copils)
      for (const c of spec.charts!) {
        // the chart's page: the one of this year whose words include its title
        const i = pages.findIndex((p) => findText(p.words, `Synthèse COPIL ${spec.name.slice(-4)}`) && findText(p.words, c.title));
        expect({ chart: c.title, page: i >= 0 }).toEqual({ chart: c.title, page: true });
        chartPages.add(i);
        const t = findText(pages[i].words, c.title)!;
        const mid = (t.x0 + t.x1) / 2;
        const drawn = colouredPixels(pictures[i], px(mid - 170), px(t.y1 + 4), px(mid + 170), px(t.y1 + 220));
        expect({ chart: c.title, drawn: drawn > 300 }).toEqual({ chart: c.title, drawn: true });
      }
    // the count means something: pages without a chart have no coloured pixel
    pictures.forEach((p, i) => {
      if (!chartPages.has(i)) expect({ page: i + 1, coloured: colouredPixels(p, 0, 0, p.width, p.height) }).toEqual({ page: i + 1, coloured: 0 });
    });
    expect(chartPages.size).toBe(2 * copils.length);
  });

  test('no text cut: LibreOffice shows each text in full; it fits its column (and the empty ones beside) or wraps', async () => {
    const out = path.join(dir, 'csv');
    const r = await sofficeConvert(xlsx, CSV_AS_SHOWN, out, { locale: 'fr-FR' });
    if (!r.ok) throw new Error(r.error);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const problems: string[] = [];
    let checked = 0;
    for (const spec of copils) {
      const grid = parseCsv(readFileSync(path.join(out, `pilotage-${spec.name}.csv`), 'utf8'), ',').map((row) => row.map((v) => norm(v === null ? '' : String(v))));
      const ws = wb.getWorksheet(spec.name)!;
      const lastCol = spec.columnWidths!.length;
      const width = (c: number) => ws.getColumn(c).width ?? 8.43;
      for (const b of spec.blocks)
        b.cells.forEach((row, ri) =>
          row.forEach((v, ci) => {
            if (v === null || v === '') return;
            const r0 = b.startRow + ri;
            const c0 = (b.startCol ?? 1) + ci;
            const shown = grid[r0 - 1]?.[c0 - 1] ?? '';
            const where = `${spec.name}!${String.fromCharCode(64 + c0)}${r0}`;
            checked++;
            if (typeof v === 'string' && shown !== norm(v)) problems.push(`${where} : LibreOffice montre ${JSON.stringify(shown)} au lieu de ${JSON.stringify(v)}`);
            if (shown.includes('###')) problems.push(`${where} : ${shown}`);
            const size = b.style === 'title' ? 14 : b.style === 'subtitle' ? 12 : 11;
            const bold = b.style === 'title' || b.style === 'subtitle' || b.style === 'label' ? 1.1 : 1;
            const need = shown.length * CHAR_UNITS * (size / 11) * bold;
            if (typeof v !== 'string') {
              if (need > width(c0)) problems.push(`${where} : « ${shown} » plus large que sa colonne (${width(c0)})`);
              return;
            }
            if (b.wrap) {
              const height = ws.getRow(r0).height ?? LINE_POINTS;
              if (wrappedLines(shown, width(c0)) * LINE_POINTS > height) problems.push(`${where} : « ${shown} » coupé (hauteur ${height} pt)`);
              return;
            }
            // text overflows into the empty cells on its right, up to the printed columns
            let avail = width(c0);
            for (let c = c0 + 1; c <= lastCol && !(grid[r0 - 1]?.[c - 1] ?? ''); c++) avail += width(c);
            if (need > avail) problems.push(`${where} : « ${shown} » coupé (${need.toFixed(0)} > ${avail.toFixed(0)})`);
          }),
        );
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(200);
  }, 240_000);
});
