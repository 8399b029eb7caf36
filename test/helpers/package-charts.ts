import { strFromU8, unzipSync } from 'fflate';
import { sheetParts } from '../../src/adapters/exceljs/add-charts';
import { columnLetter } from '../../src/core/import/column-letter';

/** A chart as read back from an .xlsx package, in the office adapter's terms (for the contract suite). */
export interface PackageChart {
  sheet: string;
  type: string;
  title: string;
  categories: string;
  series: { name: string; values: string }[];
  position: string;
  valueFormat?: string;
}

const text = (files: Record<string, Uint8Array>, name: string) => (files[name] ? strFromU8(files[name]) : '');
const relsOf = (part: string) => part.replace(/([^/]+)$/, '_rels/$1.rels');
const resolve = (from: string, target: string) => {
  const parts = from.split('/').slice(0, -1);
  for (const t of target.split('/')) {
    if (t === '..') parts.pop();
    else if (t !== '.') parts.push(t);
  }
  return parts.join('/');
};
function rels(files: Record<string, Uint8Array>, part: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const r of text(files, relsOf(part)).matchAll(/<Relationship\b[^>]*\bId="([^"]+)"[^>]*\bTarget="([^"]+)"/g)) m.set(r[1], resolve(part, r[2]));
  return m;
}
/** `'Synthèse COPIL 2020'!$B$17:$B$20` → `Synthèse COPIL 2020!B17:B20` (the fake host's addresses). */
export const plainRange = (f: string) => f.replace(/^'(.*)'!/, (_, s: string) => `${s.replace(/''/g, "'")}!`).replace(/\$/g, '');
const unesc = (s: string) => s.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

function chartType(xml: string): string {
  if (/<c:lineChart>/.test(xml)) return /<c:lineChart>[\s\S]*<c:marker val="1"\/>/.test(xml) ? 'LineMarkers' : 'Line';
  const dir = /<c:barDir val="(\w+)"/.exec(xml)?.[1];
  const grouping = /<c:grouping val="(\w+)"/.exec(xml)?.[1] ?? '';
  return `${dir === 'col' ? 'Column' : 'Bar'}${grouping[0].toUpperCase()}${grouping.slice(1)}`;
}

/** Every chart of the package, sheet by sheet, in drawing order. */
export function packageCharts(bytes: Uint8Array): PackageChart[] {
  const files = unzipSync(bytes);
  const out: PackageChart[] = [];
  for (const [sheet, part] of sheetParts(files)) {
    const sheetXml = text(files, part);
    const id = /<drawing\b[^>]*r:id="([^"]+)"/.exec(sheetXml)?.[1];
    if (!id) continue;
    const drawing = rels(files, part).get(id)!;
    const chartRels = rels(files, drawing);
    for (const a of text(files, drawing).matchAll(/<xdr:twoCellAnchor\b[\s\S]*?<\/xdr:twoCellAnchor>/g)) {
      const cell = (tag: string) => {
        const m = new RegExp(`<xdr:${tag}><xdr:col>(\\d+)</xdr:col>.*?<xdr:row>(\\d+)</xdr:row>`).exec(a[0])!;
        return { col: Number(m[1]), row: Number(m[2]) };
      };
      const from = cell('from');
      const to = cell('to');
      const chartXml = text(files, chartRels.get(/<c:chart\b[^>]*r:id="([^"]+)"/.exec(a[0])![1])!);
      const series = [...chartXml.matchAll(/<c:ser>([\s\S]*?)<\/c:ser>/g)].map((m) => ({
        name: unesc(/<c:tx>[\s\S]*?<c:v>([^<]*)<\/c:v>/.exec(m[1])?.[1] ?? ''),
        values: plainRange(unesc(/<c:val><c:numRef><c:f>([^<]+)<\/c:f>/.exec(m[1])![1])),
      }));
      out.push({
        sheet,
        type: chartType(chartXml),
        title: unesc(/<c:title>[\s\S]*?<a:t>([^<]*)<\/a:t>/.exec(chartXml)?.[1] ?? ''),
        categories: plainRange(unesc(/<c:cat><c:\w+Ref><c:f>([^<]+)<\/c:f>/.exec(chartXml)![1])),
        series,
        // 1-based cells the chart covers: the drawing's 0-based `to` is the cell just past it
        position: `${columnLetter(from.col + 1)}${from.row + 1}:${columnLetter(to.col)}${to.row}`,
        valueFormat: unesc(/<c:valAx>[\s\S]*?<c:numFmt formatCode="([^"]*)"/.exec(chartXml)?.[1] ?? '') || undefined,
      });
    }
  }
  return out;
}
