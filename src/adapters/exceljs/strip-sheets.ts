import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { decodeXml, resolvePart } from './read-sheet-xml';

/**
 * The package without the named sheets: their sheet parts, relationships, tables and drawings are
 * not even inflated, and workbook.xml, its relationships, the content types, the defined names
 * (localSheetId renumbered) and the active tab are rewritten to match. A re-fill loads only what
 * it keeps this way: the sheets a build writes again (a national Financements table of 250 000
 * rows, the Contrôles) never enter exceljs's model. Returns the bytes unchanged when no named sheet
 * is there; throws on a package it cannot follow (the caller then loads the whole workbook).
 */
export function stripSheets(bytes: Uint8Array, names: Iterable<string>): Uint8Array {
  const wanted = new Set([...names].map((n) => n.toLowerCase()));
  const small = unzipSync(bytes, { filter: (f) => /^(\[Content_Types\]\.xml|xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/worksheets\/_rels\/[^/]+\.rels|xl\/drawings\/_rels\/[^/]+\.rels)$/.test(f.name) });
  const wbXml = text(small, 'xl/workbook.xml');
  const wbRels = text(small, 'xl/_rels/workbook.xml.rels');
  if (!wbXml || !wbRels) throw new Error('paquet sans workbook.xml');
  const target = new Map<string, string>();
  for (const m of wbRels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(m[0], 'Id');
    const t = attr(m[0], 'Target');
    if (id && t) target.set(id, resolvePart('xl/workbook.xml', t));
  }
  const sheetTags = [...wbXml.matchAll(/<sheet\b[^>]*\/>/g)].map((m) => m[0]);
  const dropped = sheetTags.filter((t) => wanted.has(decodeXml(attr(t, 'name') ?? '').toLowerCase()));
  if (!dropped.length) return bytes;
  if (dropped.length === sheetTags.length) throw new Error('toutes les feuilles seraient retirées');
  const droppedIds = new Set(dropped.map((t) => attr(t, 'r:id') ?? ''));
  const parts = new Set<string>();
  for (const id of droppedIds) {
    const part = target.get(id);
    if (!part) throw new Error(`feuille sans partie (${id})`);
    parts.add(part);
    const rels = relsOf(part);
    parts.add(rels);
    // what only that sheet uses: its tables, comments, drawings and their charts
    for (const r of text(small, rels).matchAll(/<Relationship\b[^>]*>/g)) {
      if (attr(r[0], 'TargetMode') === 'External') continue;
      const t = attr(r[0], 'Target');
      if (!t || !/\/(table|comments|drawing|vmlDrawing|threadedComment)$/.test(attr(r[0], 'Type') ?? '')) continue;
      const p = resolvePart(part, t);
      parts.add(p);
      if (/\/drawing$/.test(attr(r[0], 'Type') ?? '')) {
        parts.add(relsOf(p));
        for (const c of text(small, relsOf(p)).matchAll(/<Relationship\b[^>]*>/g)) {
          const ct = attr(c[0], 'Target');
          if (ct && /\/chart$/.test(attr(c[0], 'Type') ?? '')) {
            const cp = resolvePart(p, ct);
            parts.add(cp);
            parts.add(relsOf(cp));
          }
        }
      }
    }
  }
  const files = unzipSync(bytes, { filter: (f) => !parts.has(f.name) });
  // sheet indices before → after, for the defined names local to a sheet
  const index = new Map<number, number>();
  let kept = 0;
  sheetTags.forEach((t, i) => {
    if (!dropped.includes(t)) index.set(i, kept++);
  });
  let xml = wbXml;
  for (const t of dropped) xml = xml.replace(t, '');
  xml = xml.replace(/<definedName\b([^>]*)>([\s\S]*?)<\/definedName>/g, (all, attrs: string) => {
    const local = /\blocalSheetId="(\d+)"/.exec(attrs);
    if (!local) return all;
    const to = index.get(Number(local[1]));
    return to === undefined ? '' : all.replace(/\blocalSheetId="\d+"/, `localSheetId="${to}"`);
  });
  xml = xml.replace(/<definedNames>\s*<\/definedNames>/, '');
  xml = xml.replace(/\b(activeTab|firstSheet)="(\d+)"/g, (_, a: string, n: string) => `${a}="${Math.min(index.get(Number(n)) ?? 0, kept - 1)}"`);
  files['xl/workbook.xml'] = strToU8(xml);
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    wbRels.replace(/<Relationship\b[^>]*>/g, (r) => (droppedIds.has(attr(r, 'Id') ?? '') ? '' : r)),
  );
  const types = text(small, '[Content_Types].xml');
  if (types)
    files['[Content_Types].xml'] = strToU8(
      types.replace(/<Override\b[^>]*>/g, (o) => (parts.has((attr(o, 'PartName') ?? '').replace(/^\//, '')) ? '' : o)),
    );
  // read again at once by exceljs: stored, not compressed
  return zipSync(files, { level: 0 });
}

const text = (files: Record<string, Uint8Array>, name: string) => (files[name] ? strFromU8(files[name]) : '');
const attr = (tag: string, name: string) => new RegExp(`\\s${name.replace(':', '\\:')}="([^"]*)"`).exec(tag)?.[1];
const relsOf = (part: string) => part.replace(/([^/]+)$/, '_rels/$1.rels');
