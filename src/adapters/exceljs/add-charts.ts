import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { ChartSpec, SheetSpec } from '../../core/model/sheet-spec';
import { CONTENT_TYPE, REL_TYPE, chartXml, contentTypeOverrides, drawingRelsXml, drawingXml, NS, relsXml } from './chart-xml';

export interface SheetCharts {
  sheet: string;
  charts: ChartSpec[];
}

/** The charts the specs ask for, sheet by sheet. */
export const chartsOf = (specs: SheetSpec[]): SheetCharts[] =>
  specs.filter((s) => s.charts?.length).map((s) => ({ sheet: s.name, charts: s.charts! }));

const unesc = (s: string) =>
  s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unesc(m[1]) : undefined;
};

/** Where each sheet of the workbook is in the package: name → `xl/worksheets/sheetN.xml`. */
export function sheetParts(files: Record<string, Uint8Array>): Map<string, string> {
  const wb = strFromU8(files['xl/workbook.xml']);
  const rels = strFromU8(files['xl/_rels/workbook.xml.rels']);
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(m[0], 'Id');
    const target = attr(m[0], 'Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const out = new Map<string, string>();
  for (const m of wb.matchAll(/<sheet\b[^>]*>/g)) {
    const name = attr(m[0], 'name');
    const id = attr(m[0], 'r:id');
    const part = id && targets.get(id);
    if (name && part) out.set(name, part);
  }
  return out;
}

const nextNumber = (files: Record<string, Uint8Array>, re: RegExp) =>
  Math.max(0, ...Object.keys(files).map((n) => Number(re.exec(n)?.[1] ?? 0))) + 1;

/** Elements of a worksheet that come after `<drawing>` (ECMA-376 CT_Worksheet order). */
const AFTER_DRAWING = ['legacyDrawing', 'legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst'];

/** The sheet XML with `<drawing r:id>` at its place in CT_Worksheet's order. */
export function insertDrawing(sheetXml: string, relId: string): string {
  if (/<drawing\b/.test(sheetXml)) throw new Error('la feuille a déjà un dessin : graphiques non ajoutés');
  // the r: prefix as the root declares it (exceljs does), else declared on the element
  const root = /<worksheet\b[^>]*>/.exec(sheetXml)?.[0] ?? '';
  const el = root.includes(`xmlns:r="${NS.r}"`) ? `<drawing r:id="${relId}"/>` : `<drawing xmlns:r="${NS.r}" r:id="${relId}"/>`;
  let at = sheetXml.lastIndexOf('</worksheet>');
  for (const name of AFTER_DRAWING) {
    const i = sheetXml.search(new RegExp(`<${name}[\\s>/]`));
    if (i >= 0 && i < at) at = i;
  }
  return sheetXml.slice(0, at) + el + sheetXml.slice(at);
}

/**
 * The package `pkg` (a finished .xlsx) with native charts added to the named sheets: for each
 * sheet, one drawing part anchoring its charts, one chart part per chart, the relationships and
 * the content types. Pure (bytes in, bytes out), so that the CLI and the standalone pane in the
 * browser add the same charts; sheets that are not in the package are skipped.
 */
export function addCharts(pkg: Uint8Array, sheets: SheetCharts[]): Uint8Array {
  if (!sheets.some((s) => s.charts.length)) return pkg;
  return zipSync(addChartParts(unzipSync(pkg), sheets), { level: 6 });
}

/** The same on the package's parts (name → bytes), so that the package is zipped only once by its writer. */
export function addChartParts(files: Record<string, Uint8Array>, sheets: SheetCharts[]): Record<string, Uint8Array> {
  const wanted = sheets.filter((s) => s.charts.length);
  if (!wanted.length) return files;
  const parts = sheetParts(files);
  let drawingNo = nextNumber(files, /^xl\/drawings\/drawing(\d+)\.xml$/);
  let chartNo = nextNumber(files, /^xl\/charts\/chart(\d+)\.xml$/);
  const overrides: { name: string; type: string }[] = [];
  for (const { sheet, charts } of wanted) {
    const part = parts.get(sheet);
    if (!part || !files[part]) continue;
    const drawing = `drawing${drawingNo++}.xml`;
    const chartFiles = charts.map(() => `chart${chartNo++}.xml`);
    charts.forEach((c, i) => {
      files[`xl/charts/${chartFiles[i]}`] = strToU8(chartXml(sheet, c));
      overrides.push({ name: `/xl/charts/${chartFiles[i]}`, type: CONTENT_TYPE.chart });
    });
    files[`xl/drawings/${drawing}`] = strToU8(drawingXml(charts));
    files[`xl/drawings/_rels/${drawing}.rels`] = strToU8(drawingRelsXml(chartFiles));
    overrides.push({ name: `/xl/drawings/${drawing}`, type: CONTENT_TYPE.drawing });

    const relsPath = part.replace(/([^/]+)$/, '_rels/$1.rels');
    const existing = files[relsPath] ? strFromU8(files[relsPath]) : '';
    const ids = [...existing.matchAll(/\sId="rId(\d+)"/g)].map((m) => Number(m[1]));
    const relId = `rId${Math.max(0, ...ids) + 1}`;
    const rel = `<Relationship Id="${relId}" Type="${REL_TYPE.drawing}" Target="../drawings/${drawing}"/>`;
    files[relsPath] = strToU8(existing ? existing.replace('</Relationships>', `${rel}</Relationships>`) : relsXml([[relId, REL_TYPE.drawing, `../drawings/${drawing}`]]));
    files[part] = strToU8(insertDrawing(strFromU8(files[part]), relId));
  }
  const types = strFromU8(files['[Content_Types].xml']);
  files['[Content_Types].xml'] = strToU8(types.replace('</Types>', `${contentTypeOverrides(overrides)}</Types>`));
  // [Content_Types].xml first, as Office writes it
  const ordered: Record<string, Uint8Array> = { '[Content_Types].xml': files['[Content_Types].xml'] };
  for (const [name, data] of Object.entries(files)) if (name !== '[Content_Types].xml') ordered[name] = data;
  return ordered;
}
