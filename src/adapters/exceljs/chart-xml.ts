import type { ChartSpec } from '../../core/model/sheet-spec';

/**
 * The DrawingML parts of native Excel charts, as pure functions of the ChartSpecs: one chart part
 * per chart (c:chartSpace), the sheet's drawing (one xdr:twoCellAnchor per chart) and their
 * relationships. Every series reads the sheet's own cells (`'Sheet'!$B$17:$B$20`) with the values
 * cached beside, so that Excel, LibreOffice and openpyxl show the same chart and a correction of
 * the figures flows into it. exceljs cannot write charts: add-charts.ts puts these parts in the
 * package it wrote.
 */

export const NS = {
  c: 'http://schemas.openxmlformats.org/drawingml/2006/chart',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  xdr: 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing',
  rels: 'http://schemas.openxmlformats.org/package/2006/relationships',
} as const;

export const CONTENT_TYPE = {
  chart: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml',
  drawing: 'application/vnd.openxmlformats-officedocument.drawing+xml',
} as const;

export const REL_TYPE = {
  chart: `${NS.r}/chart`,
  drawing: `${NS.r}/drawing`,
} as const;

/** Series colours: dark to light, distinct when printed in grey. */
export const SERIES_COLOURS = ['1F4E79', 'ED7D31', '70AD47', 'FFC000', '5B9BD5', '7F7F7F', '7030A0', 'C00000'];

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export const escXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** `B17:B20` on sheet `Synthèse COPIL 2020` → `'Synthèse COPIL 2020'!$B$17:$B$20`. */
export function absoluteRange(sheet: string, a1: string): string {
  const abs = a1
    .split(':')
    .map((p) => p.replace(/^\$?([A-Z]+)\$?(\d+)$/, '$$$1$$$2'))
    .join(':');
  return `'${sheet.replace(/'/g, "''")}'!${abs}`;
}

const num = (n: number) => (Number.isFinite(n) ? String(Math.round(n * 100) / 100) : '0');

function strRef(f: string, values: string[]): string {
  const pts = values.map((v, i) => `<c:pt idx="${i}"><c:v>${escXml(v)}</c:v></c:pt>`).join('');
  return `<c:strRef><c:f>${escXml(f)}</c:f><c:strCache><c:ptCount val="${values.length}"/>${pts}</c:strCache></c:strRef>`;
}

function numRef(f: string, values: number[]): string {
  const pts = values.map((v, i) => `<c:pt idx="${i}"><c:v>${num(v)}</c:v></c:pt>`).join('');
  return `<c:numRef><c:f>${escXml(f)}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${values.length}"/>${pts}</c:numCache></c:numRef>`;
}

/** Text properties: size in hundredths of a point. */
const txPr = (size: number, bold = false) =>
  `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="${bold ? 1 : 0}"/></a:pPr><a:endParaRPr lang="fr-FR"/></a:p></c:txPr>`;

const solid = (colour: string) => `<a:solidFill><a:srgbClr val="${colour}"/></a:solidFill>`;

function title(text: string): string {
  return `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1200" b="1"/></a:pPr><a:r><a:rPr lang="fr-FR" sz="1200" b="1"/><a:t>${escXml(text)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`;
}

const CAT_AX = 500001;
const VAL_AX = 500002;

function series(sheet: string, c: ChartSpec): string {
  const cat = `<c:cat>${strRef(absoluteRange(sheet, c.categories), c.categoryLabels)}</c:cat>`;
  return c.series
    .map((s, i) => {
      const colour = SERIES_COLOURS[i % SERIES_COLOURS.length];
      const tx = s.nameCell
        ? `<c:tx>${strRef(absoluteRange(sheet, s.nameCell), [s.name])}</c:tx>`
        : `<c:tx><c:v>${escXml(s.name)}</c:v></c:tx>`;
      const val = `<c:val>${numRef(absoluteRange(sheet, s.values), s.cached)}</c:val>`;
      const head = `<c:idx val="${i}"/><c:order val="${i}"/>${tx}`;
      if (c.kind === 'line')
        return `<c:ser>${head}<c:spPr><a:ln w="28575" cap="rnd">${solid(colour)}<a:round/></a:ln></c:spPr><c:marker><c:symbol val="circle"/><c:size val="7"/><c:spPr>${solid(colour)}<a:ln>${solid(colour)}</a:ln></c:spPr></c:marker>${cat}${val}<c:smooth val="0"/></c:ser>`;
      return `<c:ser>${head}<c:spPr>${solid(colour)}</c:spPr><c:invertIfNegative val="0"/>${cat}${val}</c:ser>`;
    })
    .join('');
}

function plot(sheet: string, c: ChartSpec): string {
  const axIds = `<c:axId val="${CAT_AX}"/><c:axId val="${VAL_AX}"/>`;
  if (c.kind === 'line')
    return `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series(sheet, c)}<c:marker val="1"/>${axIds}</c:lineChart>`;
  const dir = c.kind === 'columnClustered' ? 'col' : 'bar';
  const stacked = c.kind === 'barStacked';
  return `<c:barChart><c:barDir val="${dir}"/><c:grouping val="${stacked ? 'stacked' : 'clustered'}"/><c:varyColors val="0"/>${series(sheet, c)}<c:gapWidth val="${stacked ? 50 : 80}"/><c:overlap val="${stacked ? 100 : -10}"/>${axIds}</c:barChart>`;
}

/** Horizontal bars read top-down in the order of the sheet: reversed category axis, values below. */
function axes(c: ChartSpec): string {
  const horizontal = c.kind === 'barStacked' || c.kind === 'barClustered';
  const grid = '<c:majorGridlines><c:spPr><a:ln w="6350">' + solid('D9D9D9') + '</a:ln></c:spPr></c:majorGridlines>';
  const line = `<c:spPr><a:ln w="9525">${solid('7F7F7F')}</a:ln></c:spPr>`;
  const catAx =
    `<c:catAx><c:axId val="${CAT_AX}"/><c:scaling><c:orientation val="${horizontal ? 'maxMin' : 'minMax'}"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="${horizontal ? 'l' : 'b'}"/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `${line}${txPr(900)}<c:crossAx val="${VAL_AX}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`;
  const valAx =
    `<c:valAx><c:axId val="${VAL_AX}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="${horizontal ? 'b' : 'l'}"/>${grid}<c:numFmt formatCode="${escXml(c.valueFormat ?? 'General')}" sourceLinked="0"/>` +
    `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${line}${txPr(900)}` +
    `<c:crossAx val="${CAT_AX}"/><c:crosses val="${horizontal ? 'max' : 'autoZero'}"/><c:crossBetween val="between"/></c:valAx>`;
  return catAx + valAx;
}

/** One chart part (xl/charts/chartN.xml) for a chart of sheet `sheet`. */
export function chartXml(sheet: string, c: ChartSpec): string {
  return (
    XML_HEAD +
    `<c:chartSpace xmlns:c="${NS.c}" xmlns:a="${NS.a}" xmlns:r="${NS.r}">` +
    '<c:date1904 val="0"/><c:lang val="fr-FR"/><c:roundedCorners val="0"/>' +
    `<c:chart>${title(c.title)}<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>${plot(sheet, c)}${axes(c)}</c:plotArea>` +
    `<c:legend><c:legendPos val="b"/><c:overlay val="0"/>${txPr(900)}</c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `<c:spPr>${solid('FFFFFF')}<a:ln w="9525">${solid('BFBFBF')}</a:ln></c:spPr>${txPr(1000)}` +
    '</c:chartSpace>'
  );
}

/** A small gap (EMU) between a chart and the cell edges, so that side-by-side charts do not touch. */
const GAP = 38100;

/** The sheet's drawing part: chart k is `rId{k+1}` of the drawing's relationships. */
export function drawingXml(charts: ChartSpec[]): string {
  const anchors = charts.map((c, i) => {
    const from = `<xdr:from><xdr:col>${c.from.col - 1}</xdr:col><xdr:colOff>${GAP}</xdr:colOff><xdr:row>${c.from.row - 1}</xdr:row><xdr:rowOff>${GAP}</xdr:rowOff></xdr:from>`;
    const to = `<xdr:to><xdr:col>${c.to.col - 1}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${c.to.row - 1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>`;
    const frame =
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${escXml(`Graphique ${i + 1}`)}" descr="${escXml(c.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
      '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
      `<a:graphic><a:graphicData uri="${NS.c}"><c:chart xmlns:c="${NS.c}" xmlns:r="${NS.r}" r:id="rId${i + 1}"/></a:graphicData></a:graphic></xdr:graphicFrame>`;
    return `<xdr:twoCellAnchor editAs="oneCell">${from}${to}${frame}<xdr:clientData/></xdr:twoCellAnchor>`;
  });
  return `${XML_HEAD}<xdr:wsDr xmlns:xdr="${NS.xdr}" xmlns:a="${NS.a}">${anchors.join('')}</xdr:wsDr>`;
}

/** Relationships of a part: `[Id, Type, Target]`. */
export function relsXml(rels: [string, string, string][]): string {
  return `${XML_HEAD}<Relationships xmlns="${NS.rels}">${rels.map(([id, type, target]) => `<Relationship Id="${id}" Type="${type}" Target="${escXml(target)}"/>`).join('')}</Relationships>`;
}

/** The drawing's relationships: `rId{k+1}` → `../charts/<name>`. */
export const drawingRelsXml = (chartFiles: string[]) =>
  relsXml(chartFiles.map((f, i) => [`rId${i + 1}`, REL_TYPE.chart, `../charts/${f}`]));

/** `[Content_Types].xml` overrides for the new parts (`/xl/charts/chart1.xml`…). */
export const contentTypeOverrides = (parts: { name: string; type: string }[]) =>
  parts.map((p) => `<Override PartName="${escXml(p.name)}" ContentType="${p.type}"/>`).join('');
