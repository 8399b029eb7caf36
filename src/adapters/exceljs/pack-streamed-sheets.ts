import type { SheetSpec } from '../../core/model/sheet-spec';
import { strFromU8, unzipSync } from 'fflate';
import { StyleBook, esc, streamSheet, tableXml } from './stream-sheet';
import { outlineWorkbook } from './zip-outline';
import { ZipWriter, type ChunkDeflater, type ZipSink } from './zip-writer';

const count = (xml: string, tag: string) => Number(new RegExp(`<${tag} count="(\\d+)"`).exec(xml)?.[1] ?? 0);

/**
 * Writes to `sink` the package exceljs produced (`excel`, where each sheet of `streamed` is an
 * empty placeholder), with those sheets streamed in full by `streamSheet` through fflate's
 * streaming Zip: every other part is carried over, styles.xml gets the streamed sheets' formats
 * appended, and their tables become table parts of their own. Memory stays at one ~1 MB chunk
 * plus the specs. No node: import: the sink decides where the bytes go, `engine` what deflates
 * them (Node's zlib in the CLI, fflate's own deflate when absent).
 */
export function packStreamedSheets(excel: Uint8Array, streamed: SheetSpec[], sink: ZipSink, engine?: ChunkDeflater): void {
  const outline = outlineWorkbook(excel);
  if (!outline) throw new Error('paquet exceljs illisible');
  const entries = outline.entries;
  // the package holds the small sheets and empty placeholders: small enough to inflate whole
  const parts = unzipSync(excel);
  const bySheet = new Map(streamed.map((s) => [s.name, s]));
  const sheetEntry = new Map<string, SheetSpec>();
  for (const s of outline.sheets) {
    const spec = bySheet.get(s.name);
    if (spec) sheetEntry.set(s.entry, spec);
  }
  const relsOf = (entry: string) => entry.replace(/([^/]+)$/, '_rels/$1.rels');
  const skipped = new Set([...sheetEntry.keys()].map(relsOf));
  const text = (name: string) => (parts[name] ? strFromU8(parts[name]) : '');
  const stylesXml = text('xl/styles.xml');
  const numFmtIds = [...stylesXml.matchAll(/numFmtId="(\d+)"/g)].map((m) => Number(m[1]));
  const styles = new StyleBook({ xfs: count(stylesXml, 'cellXfs'), fonts: count(stylesXml, 'fonts'), fills: count(stylesXml, 'fills'), dxfs: count(stylesXml, 'dxfs'), numFmtIds });
  let tableId = 0;
  let tablePart = 0;
  for (const e of entries) {
    const m = /^xl\/tables\/table(\d+)\.xml$/.exec(e.name);
    if (m) {
      tablePart = Math.max(tablePart, Number(m[1]));
      tableId = Math.max(tableId, Number(/\bid="(\d+)"/.exec(text(e.name))?.[1] ?? 0));
    }
  }

  const zip = new ZipWriter(sink, engine);
  const newTables: string[] = [];
  for (const e of entries) {
    if (e.name === 'xl/styles.xml' || e.name === '[Content_Types].xml' || skipped.has(e.name)) continue;
    const spec = sheetEntry.get(e.name);
    if (!spec) {
      zip.add(e.name, parts[e.name] ?? new Uint8Array(0));
      continue;
    }
    const part = zip.entry(e.name);
    const { links } = streamSheet(part, spec, styles);
    part.end();
    const rels: string[] = [];
    spec.tables.forEach((t, i) => {
      const name = `table${++tablePart}.xml`;
      newTables.push(`/xl/tables/${name}`);
      zip.add(`xl/tables/${name}`, tableXml(t, ++tableId));
      rels.push(`<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/table" Target="../tables/${name}"/>`);
    });
    links.forEach((target, i) =>
      rels.push(`<Relationship Id="rId${spec.tables.length + i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="${esc(target)}" TargetMode="External"/>`),
    );
    if (rels.length)
      zip.add(relsOf(e.name), `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`);
  }
  zip.add('xl/styles.xml', styles.mergeInto(stylesXml));
  const overrides = newTables.map((p) => `<Override PartName="${esc(p)}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/>`).join('');
  zip.add('[Content_Types].xml', text('[Content_Types].xml').replace('</Types>', `${overrides}</Types>`));
  zip.close();
}
