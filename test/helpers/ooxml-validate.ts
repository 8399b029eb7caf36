/**
 * Validates every part of an .xlsx package against the ISO/IEC 29500 transitional schemas
 * (../shared/schemas/ooxml, see its README) with `xmllint --noout --schema`: the part's content
 * type (or, for `[Content_Types].xml`, its name) chooses the schema and the root element it must
 * have. Before validating, Markup Compatibility content is removed as a consumer that knows only
 * the transitional namespaces would (ISO/IEC 29500-3): elements and attributes of the namespaces
 * listed in `mc:Ignorable`, the `mc:*` attributes, and each `mc:AlternateContent` replaced by the
 * content of its `mc:Fallback` (dropped when there is none). The README's other known gap of the
 * schemas, `xml:space` on a SpreadsheetML `<t>` (Excel writes it), is removed too.
 * Parts are validated in one xmllint call per schema.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { SHARED_DIR } from './shared';

export const OOXML_SCHEMAS_DIR = path.join(SHARED_DIR, 'schemas', 'ooxml');
export const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;
export const hasOoxmlSchemas = existsSync(path.join(OOXML_SCHEMAS_DIR, 'ISO-IEC29500-4_2016', 'sml.xsd'));
export const OOXML_MISSING = !hasXmllint
  ? 'xmllint absent de cette machine (paquet libxml2-utils, installé par .ci/run)'
  : `${OOXML_SCHEMAS_DIR} absent (dossier ../shared non fourni)`;

const ISO = 'ISO-IEC29500-4_2016';
const OPC = 'ecma/fouth-edition';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const MC = 'http://schemas.openxmlformats.org/markup-compatibility/2006';

interface Target {
  schema: string;
  /** `{namespace}localName` of the root element the part must have. */
  root: string;
}
const sml = (root: string): Target => ({ schema: `${ISO}/sml.xsd`, root: `{${MAIN}}${root}` });
const OD = 'application/vnd.openxmlformats-officedocument.';
const SML = `${OD}spreadsheetml.`;

/** Content type → schema and root element. */
const BY_CONTENT_TYPE: Record<string, Target> = {
  [`${SML}sheet.main+xml`]: sml('workbook'),
  [`${SML}template.main+xml`]: sml('workbook'),
  'application/vnd.ms-excel.sheet.macroEnabled.main+xml': sml('workbook'),
  [`${SML}worksheet+xml`]: sml('worksheet'),
  [`${SML}chartsheet+xml`]: sml('chartsheet'),
  [`${SML}dialogsheet+xml`]: sml('dialogsheet'),
  [`${SML}sharedStrings+xml`]: sml('sst'),
  [`${SML}styles+xml`]: sml('styleSheet'),
  [`${SML}table+xml`]: sml('table'),
  [`${SML}comments+xml`]: sml('comments'),
  [`${SML}calcChain+xml`]: sml('calcChain'),
  [`${SML}externalLink+xml`]: sml('externalLink'),
  [`${SML}pivotTable+xml`]: sml('pivotTableDefinition'),
  [`${SML}pivotCacheDefinition+xml`]: sml('pivotCacheDefinition'),
  [`${SML}pivotCacheRecords+xml`]: sml('pivotCacheRecords'),
  [`${SML}queryTable+xml`]: sml('queryTable'),
  [`${SML}connections+xml`]: sml('connections'),
  [`${SML}tableSingleCells+xml`]: sml('singleXmlCells'),
  [`${SML}sheetMetadata+xml`]: sml('metadata'),
  [`${SML}volatileDependencies+xml`]: sml('volTypes'),
  [`${SML}revisionHeaders+xml`]: sml('headers'),
  [`${SML}revisionLog+xml`]: sml('revisions'),
  [`${SML}userNames+xml`]: sml('users'),
  [`${OD}theme+xml`]: {
    schema: `${ISO}/dml-main.xsd`,
    root: '{http://schemas.openxmlformats.org/drawingml/2006/main}theme',
  },
  [`${OD}drawing+xml`]: {
    schema: `${ISO}/dml-spreadsheetDrawing.xsd`,
    root: '{http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing}wsDr',
  },
  [`${OD}drawingml.chart+xml`]: {
    schema: `${ISO}/dml-chart.xsd`,
    root: '{http://schemas.openxmlformats.org/drawingml/2006/chart}chartSpace',
  },
  [`${OD}drawingml.chartshapes+xml`]: {
    schema: `${ISO}/dml-chartDrawing.xsd`,
    root: '{http://schemas.openxmlformats.org/drawingml/2006/chart}userShapes',
  },
  [`${OD}extended-properties+xml`]: {
    schema: `${ISO}/shared-documentPropertiesExtended.xsd`,
    root: '{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}Properties',
  },
  [`${OD}custom-properties+xml`]: {
    schema: `${ISO}/shared-documentPropertiesCustom.xsd`,
    root: '{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}Properties',
  },
  'application/vnd.openxmlformats-package.relationships+xml': {
    schema: `${OPC}/opc-relationships.xsd`,
    root: '{http://schemas.openxmlformats.org/package/2006/relationships}Relationships',
  },
  'application/vnd.openxmlformats-package.core-properties+xml': {
    schema: `${OPC}/opc-coreProperties.xsd`,
    root: '{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}coreProperties',
  },
};
const CONTENT_TYPES: Target = {
  schema: `${OPC}/opc-contentTypes.xsd`,
  root: '{http://schemas.openxmlformats.org/package/2006/content-types}Types',
};

export interface SchemaFailure {
  part: string;
  message: string;
}
export interface PackageValidation {
  /** Every part of the package. */
  parts: number;
  /** Parts validated against a schema. */
  validated: number;
  /** Parts without a schema in the folder (VML, Office 2013+ chart styles, images…), with their content type. */
  unvalidated: { part: string; contentType: string }[];
  failures: SchemaFailure[];
}

const attrOf = (tag: string, name: string) =>
  new RegExp(`\\s${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)
    .exec(tag)
    ?.slice(1)
    .find((v) => v !== undefined);

/** Content type of each part, from `[Content_Types].xml` (Override, else Default by extension). */
function contentTypes(files: Record<string, Uint8Array>): (part: string) => string {
  const xml = files['[Content_Types].xml'] ? strFromU8(files['[Content_Types].xml']) : '';
  const overrides = new Map<string, string>();
  const defaults = new Map<string, string>();
  for (const m of xml.matchAll(/<(?:\w+:)?Override\b[^>]*>/g))
    overrides.set(
      (attrOf(m[0], 'PartName') ?? '').replace(/^\//, '').toLowerCase(),
      attrOf(m[0], 'ContentType') ?? '',
    );
  for (const m of xml.matchAll(/<(?:\w+:)?Default\b[^>]*>/g))
    defaults.set((attrOf(m[0], 'Extension') ?? '').toLowerCase(), attrOf(m[0], 'ContentType') ?? '');
  return (part) =>
    overrides.get(part.toLowerCase()) ??
    defaults.get(/\.([^./]+)$/.exec(part)?.[1].toLowerCase() ?? '') ??
    '';
}

const TOKEN =
  /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<\/?[A-Za-z_][^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>|[^<]+/g;
const ATTR = /([^\s=/]+)\s*=\s*("[^"]*"|'[^']*')/g;
const unq = (v: string) => v.slice(1, -1);

interface Frame {
  ns: Map<string, string>;
  ignorable: Set<string>;
  /** dropped wrapper whose children are kept (mc:AlternateContent's mc:Fallback), or its AlternateContent. */
  wrapper?: 'ac' | 'fallback';
  /** namespace declarations of dropped wrappers, to carry onto the elements kept inside them. */
  carried: [string, string][];
}

/**
 * The part without Markup Compatibility content (see the file comment), and the `{ns}name` of its
 * root element. Text, comments and kept tags are copied as they are.
 */
export function stripMarkupCompatibility(xml: string): { xml: string; root: string } {
  const out: string[] = [];
  const stack: Frame[] = [
    { ns: new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]), ignorable: new Set(), carried: [] },
  ];
  let skip = 0;
  let root = '';
  for (const m of xml.matchAll(TOKEN)) {
    const tok = m[0];
    if (!tok.startsWith('<') || tok.startsWith('<!') || tok.startsWith('<?')) {
      if (!skip && stack[stack.length - 1].wrapper !== 'ac') out.push(tok);
      continue;
    }
    if (tok.startsWith('</')) {
      if (skip) {
        skip--;
        continue;
      }
      const f = stack.pop()!;
      if (!f.wrapper) out.push(tok);
      continue;
    }
    const selfClosing = tok.endsWith('/>');
    if (skip) {
      if (!selfClosing) skip++;
      continue;
    }
    const parent = stack[stack.length - 1];
    const name = /^<([^\s/>]+)/.exec(tok)![1];
    const attrs = [...tok.matchAll(ATTR)].map((a) => [a[1], unq(a[2])] as [string, string]);
    const ns = new Map(parent.ns);
    const declared: [string, string][] = [];
    for (const [k, v] of attrs) {
      if (k === 'xmlns') ns.set('', v);
      else if (k.startsWith('xmlns:')) ns.set(k.slice(6), v);
      if (k === 'xmlns' || k.startsWith('xmlns:')) declared.push([k, v]);
    }
    const prefix = name.includes(':') ? name.split(':')[0] : '';
    const local = name.includes(':') ? name.split(':')[1] : name;
    const uri = ns.get(prefix) ?? '';
    const ignorable = new Set(parent.ignorable);
    const mcIgnorable = attrs.find(
      ([k]) => k.includes(':') && ns.get(k.split(':')[0]) === MC && k.endsWith(':Ignorable'),
    );
    for (const p of (mcIgnorable?.[1] ?? '').split(/\s+/).filter(Boolean))
      if (ns.has(p)) ignorable.add(ns.get(p)!);
    if (!root) root = `{${uri}}${local}`;
    // inside mc:AlternateContent, only mc:Fallback's content is kept
    const inAc = parent.wrapper === 'ac';
    const fallback = inAc && uri === MC && local === 'Fallback';
    if (ignorable.has(uri) || (inAc && !fallback)) {
      if (!selfClosing) skip = 1;
      continue;
    }
    if ((uri === MC && local === 'AlternateContent') || fallback) {
      if (!selfClosing)
        stack.push({
          ns,
          ignorable,
          wrapper: fallback ? 'fallback' : 'ac',
          carried: [...parent.carried, ...declared],
        });
      continue;
    }
    const kept = attrs.filter(([k]) => {
      if (k === 'xmlns' || k.startsWith('xmlns:')) return true;
      if (!k.includes(':')) return true;
      const a = ns.get(k.split(':')[0]) ?? '';
      if (a === MC || ignorable.has(a)) return false;
      return !(k === 'xml:space' && uri === MAIN && local === 't');
    });
    // declarations of the dropped wrappers this element may need
    for (const [k, v] of parent.wrapper ? parent.carried : [])
      if (!kept.some(([a]) => a === k)) kept.push([k, v]);
    const esc = (v: string) => v.replace(/"/g, '&quot;');
    out.push(`<${name}${kept.map(([k, v]) => ` ${k}="${esc(v)}"`).join('')}${selfClosing ? '/>' : '>'}`);
    if (!selfClosing) stack.push({ ns, ignorable, carried: [] });
  }
  return { xml: out.join(''), root };
}

/** An XML catalog for the imports the schemas make by URL or by a wrong relative path (offline). */
function catalogFile(dir: string): string {
  const s = `file://${path.resolve(OOXML_SCHEMAS_DIR)}`;
  const dc = 'http://dublincore.org/schemas/xmls/qdc/2003/04/02';
  const catalog = path.join(dir, 'catalog.xml');
  writeFileSync(
    catalog,
    `<?xml version="1.0"?>
<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
  <uri name="${dc}/dc.xsd" uri="${s}/dublin-core/dc.xsd"/>
  <uri name="${dc}/dcterms.xsd" uri="${s}/dublin-core/dcterms.xsd"/>
  <system systemId="${dc}/dc.xsd" uri="${s}/dublin-core/dc.xsd"/>
  <system systemId="${dc}/dcterms.xsd" uri="${s}/dublin-core/dcterms.xsd"/>
  <rewriteURI uriStartString="${s}/ISO/" rewritePrefix="${s}/${ISO}/"/>
  <rewriteSystem systemIdStartString="${s}/ISO/" rewritePrefix="${s}/${ISO}/"/>
</catalog>
`,
  );
  return catalog;
}

/** xmllint on `files` (path → part name) against one schema: the failures, by part. */
function xmllint(schema: string, files: Map<string, string>, catalogPath: string): SchemaFailure[] {
  const r = spawnSync(
    'xmllint',
    ['--nonet', '--noout', '--schema', path.join(OOXML_SCHEMAS_DIR, schema), ...files.keys()],
    {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, XML_CATALOG_FILES: catalogPath },
    },
  );
  if (r.error) throw r.error;
  const text = `${r.stdout}\n${r.stderr}`;
  const messages = new Map<string, string[]>();
  const valid = new Set<string>();
  let current: string | undefined;
  for (const line of text.split('\n')) {
    if (/Schemas parser warning/.test(line)) {
      current = undefined;
      continue;
    }
    const file = [...files.keys()].find((f) => line.startsWith(`${f}:`) || line.startsWith(`${f} `));
    if (file) {
      current = file;
      if (line === `${file} validates`) valid.add(file);
      else if (line !== `${file} fails to validate`)
        messages.set(file, [...(messages.get(file) ?? []), line.slice(file.length + 1).trim()]);
    } else if (current && line.trim()) messages.get(current)?.push(line.trim());
    else if (line.trim() && !current) messages.set('', [...(messages.get('') ?? []), line.trim()]);
  }
  const out: SchemaFailure[] = [];
  for (const [f, part] of files) {
    if (valid.has(f)) continue;
    out.push({
      part,
      message: (messages.get(f) ?? messages.get('') ?? [`pas de verdict de xmllint (code ${r.status})`]).join(
        '\n',
      ),
    });
  }
  return out;
}

/** Every part of the package checked against its schema (see the file comment). */
export function validatePackage(bytes: Uint8Array): PackageValidation {
  const files = unzipSync(bytes);
  const names = Object.keys(files).filter((n) => !n.endsWith('/'));
  const typeOf = contentTypes(files);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'avs-ooxml-'));
  const catalogPath = catalogFile(dir);
  const failures: SchemaFailure[] = [];
  const unvalidated: PackageValidation['unvalidated'] = [];
  const bySchema = new Map<string, Map<string, string>>();
  let validated = 0;
  try {
    names.forEach((part, i) => {
      const contentType = part === '[Content_Types].xml' ? '' : typeOf(part);
      const target = part === '[Content_Types].xml' ? CONTENT_TYPES : BY_CONTENT_TYPE[contentType];
      if (!target)
        return void unvalidated.push({ part, contentType: contentType || '(aucun type de contenu)' });
      validated++;
      const { xml, root } = stripMarkupCompatibility(strFromU8(files[part]));
      if (root !== target.root)
        return void failures.push({
          part,
          message: `élément racine ${root || '(aucun)'}, attendu ${target.root}`,
        });
      const file = path.join(dir, `p${i}.xml`);
      writeFileSync(file, xml);
      if (!bySchema.has(target.schema)) bySchema.set(target.schema, new Map());
      bySchema.get(target.schema)!.set(file, part);
    });
    for (const [schema, batch] of bySchema) failures.push(...xmllint(schema, batch, catalogPath));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { parts: names.length, validated, unvalidated, failures };
}
