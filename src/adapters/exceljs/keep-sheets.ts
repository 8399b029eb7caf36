import type ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import { insertDrawing, sheetParts } from './add-charts';
import { REL_TYPE, relsXml } from './chart-xml';
import { decodeXml, relativePart as relative, resolvePart } from './read-sheet-xml';

/**
 * What a re-fill must carry over for the sheets it keeps (the user's own sheets, the Programmation
 * and Synthèse COPIL of years no longer asked for), which exceljs re-serialises from its model:
 * their place in the sheet order, their charts (exceljs drops DrawingML charts), and a `sheetPr`
 * in the order ISO/IEC 29500 requires (exceljs writes `pageSetUpPr` before `outlinePr`, which
 * Excel reports as « Nous avons trouvé un problème dans du contenu… »).
 */

const attr = (tag: string, name: string) => {
  const v = new RegExp(`\\s${name.replace(':', '\\:')}="([^"]*)"`).exec(tag)?.[1];
  return v === undefined ? undefined : decodeXml(v);
};
const relsOf = (part: string) => part.replace(/([^/]+)$/, '_rels/$1.rels');
const text = (files: Record<string, Uint8Array>, name: string) => (files[name] ? strFromU8(files[name]) : '');
const relationships = (xml: string) => [...xml.matchAll(/<Relationship\b[^>]*>/g)].map((m) => m[0]);

/** Sheet names of a package, in workbook order (workbook.xml only is inflated). */
export function packageSheetOrder(bytes: Uint8Array): string[] {
  const wb = unzipSync(bytes, { filter: (f) => f.name === 'xl/workbook.xml' })['xl/workbook.xml'];
  return wb
    ? [...strFromU8(wb).matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)].map((m) => attr(m[0], 'name') ?? '')
    : [];
}

/**
 * Puts every kept sheet back where it was: right after the sheet that preceded it in `previous`
 * (the order of the workbook before this re-fill), generated sheets keeping the specs' order.
 * exceljs appends each sheet it draws again, so that kept sheets would otherwise all move ahead
 * of Partenaires.
 */
export function restoreSheetOrder(wb: ExcelJS.Workbook, generated: string[], previous: string[]): void {
  const key = (s: string) => s.toLowerCase();
  const isGenerated = new Set(generated.map(key));
  const sheets = wb.worksheets;
  const byName = new Map(sheets.map((ws) => [key(ws.name), ws]));
  const order = sheets.filter((ws) => isGenerated.has(key(ws.name)));
  const kept = sheets.filter((ws) => !isGenerated.has(key(ws.name)));
  const placed = new Set<ExcelJS.Worksheet>(order);
  for (const [i, name] of previous.entries()) {
    const ws = byName.get(key(name));
    if (!ws || isGenerated.has(key(name)) || placed.has(ws)) continue;
    let at = 0;
    for (let j = i - 1; j >= 0; j--) {
      const before = byName.get(key(previous[j]));
      if (before && placed.has(before)) {
        at = order.indexOf(before) + 1;
        break;
      }
    }
    order.splice(at, 0, ws);
    placed.add(ws);
  }
  for (const ws of kept) if (!placed.has(ws)) order.push(ws);
  order.forEach((ws, i) => ((ws as unknown as { orderNo: number }).orderNo = i + 1));
}

/** CT_SheetPr's children in the schema's order. */
const SHEET_PR_ORDER = ['tabColor', 'outlinePr', 'pageSetUpPr'];

/**
 * The worksheet part with its `<sheetPr>` children in schema order. Only the head of the part is
 * decoded (sheetPr is its first child): the rest is copied as bytes.
 */
export function orderSheetPr(part: Uint8Array): Uint8Array {
  const head = new TextDecoder().decode(part.subarray(0, 4096));
  const m = /<sheetPr\b[^>]*>([\s\S]*?)<\/sheetPr>/.exec(head);
  if (!m) return part;
  const children = [...m[1].matchAll(/<(\w+)\b[^>]*?(?:\/>|>[\s\S]*?<\/\1>)/g)];
  const rank = (n: string) =>
    SHEET_PR_ORDER.includes(n) ? SHEET_PR_ORDER.indexOf(n) : SHEET_PR_ORDER.length;
  const sorted = [...children].sort((a, b) => rank(a[1]) - rank(b[1]));
  if (sorted.every((c, i) => c === children[i])) return part;
  const open = m[0].slice(0, m[0].length - m[1].length - '</sheetPr>'.length);
  const fixed = `${open}${sorted.map((c) => c[0]).join('')}</sheetPr>`;
  const end = m.index + m[0].length;
  const prefix = new TextEncoder().encode(head.slice(0, m.index) + fixed);
  const rest = part.subarray(new TextEncoder().encode(head.slice(0, end)).length);
  const out = new Uint8Array(prefix.length + rest.length);
  out.set(prefix);
  out.set(rest, prefix.length);
  return out;
}

/** Every worksheet part of `parts` with its sheetPr in order (see orderSheetPr). */
export function orderSheetPrs(parts: Record<string, Uint8Array>): Record<string, Uint8Array> {
  for (const name of Object.keys(parts))
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(name)) parts[name] = orderSheetPr(parts[name]);
  return parts;
}

/** Whether a sheet part of `files` has a drawing holding at least one chart. */
function drawingWithCharts(files: Record<string, Uint8Array>, sheetPart: string): string | undefined {
  for (const r of relationships(text(files, relsOf(sheetPart)))) {
    if (!/\/drawing$/.test(attr(r, 'Type') ?? '') || attr(r, 'TargetMode') === 'External') continue;
    const drawing = resolvePart(sheetPart, attr(r, 'Target') ?? '');
    if (
      files[drawing] &&
      relationships(text(files, relsOf(drawing))).some((c) => /\/chart$/.test(attr(c, 'Type') ?? ''))
    )
      return drawing;
  }
  return undefined;
}

/** Charts of `bytes` on sheets that are not in `rewritten`: those a re-fill carries over (keepCharts). */
export function keptChartSheets(bytes: Uint8Array, rewritten: Iterable<string>): Set<string> {
  const skip = new Set([...rewritten].map((s) => s.toLowerCase()));
  const files = unzipSync(bytes, {
    filter: (f) =>
      /^xl\/(workbook\.xml|_rels\/workbook\.xml\.rels|worksheets\/_rels\/[^/]+\.rels|drawings\/[^/]+\.xml|drawings\/_rels\/[^/]+\.rels)$/.test(
        f.name,
      ),
  });
  const out = new Set<string>();
  for (const [name, part] of sheetParts(files))
    if (!skip.has(name.toLowerCase()) && drawingWithCharts(files, part)) out.add(name);
  return out;
}

/**
 * `parts` (the package being written) with the drawings and charts that the kept sheets had in
 * `previous` (the workbook before this re-fill): for each sheet of `parts` not in `rewritten` whose
 * previous version had a drawing with charts, that drawing and everything it refers to (charts,
 * their styles, images) copied under new part names, with their content types, and the sheet
 * pointing to it (in place of the drawing exceljs wrote for the sheet's pictures, which the
 * previous drawing holds too).
 */
export function keepCharts(
  parts: Record<string, Uint8Array>,
  previous: Uint8Array,
  rewritten: Iterable<string>,
): Record<string, Uint8Array> {
  const kept = keptChartSheets(previous, rewritten);
  if (!kept.size) return parts;
  const old = unzipSync(previous, {
    filter: (f) =>
      !/^xl\/(worksheets|tables|pivotCache|pivotTables)\/[^/]+\.xml$/.test(f.name) &&
      f.name !== 'xl/sharedStrings.xml',
  });
  const oldSheets = sheetParts(old);
  const newSheets = sheetParts(parts);
  let types = strFromU8(parts['[Content_Types].xml']);
  const oldTypes = text(old, '[Content_Types].xml');
  const overrideOf = (xml: string, part: string) =>
    [...xml.matchAll(/<Override\b[^>]*>/g)]
      .map((m) => m[0])
      .find((o) => (attr(o, 'PartName') ?? '').replace(/^\//, '').toLowerCase() === part.toLowerCase());
  const defaultOf = (xml: string, ext: string) =>
    [...xml.matchAll(/<Default\b[^>]*>/g)]
      .map((m) => m[0])
      .find((d) => (attr(d, 'Extension') ?? '').toLowerCase() === ext.toLowerCase());

  const freeName = (part: string) => {
    const m = /^(.*\/)?([^/]*?)(\d*)(\.[^./]+)$/.exec(part);
    if (!m) return `${part}.${Date.now()}`;
    const [, dir = '', base, , ext] = m;
    const taken = (n: string) => Object.keys(parts).some((p) => p.toLowerCase() === n.toLowerCase());
    for (let n = 1; ; n++) if (!taken(`${dir}${base}${n}${ext}`)) return `${dir}${base}${n}${ext}`;
  };
  const copied = new Map<string, string>();
  const copy = (from: string): string => {
    const done = copied.get(from);
    if (done) return done;
    const to = freeName(from);
    copied.set(from, to);
    parts[to] = old[from];
    const rels = text(old, relsOf(from));
    if (rels)
      parts[relsOf(to)] = strToU8(
        rels.replace(/<Relationship\b[^>]*>/g, (r) => {
          const t = attr(r, 'Target');
          if (!t || attr(r, 'TargetMode') === 'External') return r;
          const target = resolvePart(from, t);
          if (!old[target]) return r;
          const dir = to.split('/').slice(0, -1).join('/');
          return r.replace(/\sTarget="[^"]*"/, ` Target="${relative(dir, copy(target))}"`);
        }),
      );
    const override = overrideOf(oldTypes, from);
    const ext = /\.([^./]+)$/.exec(from)?.[1] ?? '';
    if (override)
      types = types.replace(
        '</Types>',
        `${override.replace(/\sPartName="[^"]*"/, ` PartName="/${to}"`)}</Types>`,
      );
    else if (!defaultOf(types, ext)) {
      const d = defaultOf(oldTypes, ext);
      if (d) types = types.replace(/(<Types\b[^>]*>)/, `$1${d}`);
    }
    return to;
  };

  for (const name of kept) {
    const oldPart = oldSheets.get(name);
    const part = newSheets.get(name);
    if (!oldPart || !part || !parts[part]) continue;
    const drawing = drawingWithCharts(old, oldPart);
    if (!drawing) continue;
    const target = relative(part.split('/').slice(0, -1).join('/'), copy(drawing));
    const relsPath = relsOf(part);
    const rels = text(parts, relsPath);
    const current = relationships(rels).find((r) => /\/drawing$/.test(attr(r, 'Type') ?? ''));
    if (current) {
      // exceljs's drawing (the sheet's pictures, also in the previous drawing) gives way to the previous one
      const replaced = resolvePart(part, attr(current, 'Target') ?? '');
      for (const p of [replaced, relsOf(replaced)]) delete parts[p];
      const o = overrideOf(types, replaced);
      if (o) types = types.replace(o, '');
      parts[relsPath] = strToU8(
        rels.replace(current, current.replace(/\sTarget="[^"]*"/, ` Target="${target}"`)),
      );
      continue;
    }
    const ids = [...rels.matchAll(/\sId="rId(\d+)"/g)].map((m) => Number(m[1]));
    const id = `rId${Math.max(0, ...ids) + 1}`;
    parts[relsPath] = strToU8(
      rels
        ? rels.replace(
            '</Relationships>',
            `<Relationship Id="${id}" Type="${REL_TYPE.drawing}" Target="${target}"/></Relationships>`,
          )
        : relsXml([[id, REL_TYPE.drawing, target]]),
    );
    parts[part] = strToU8(insertDrawing(strFromU8(parts[part]), id));
  }
  parts['[Content_Types].xml'] = strToU8(types);
  return parts;
}
