/**
 * More of the hostile corpus (make-hostile.ts): what other programs save (LibreOffice, openpyxl,
 * strict OOXML, .xlsb), formulas exceljs does not evaluate (shared, array, external links), parts
 * it does not read (pivot tables, comments, images, charts), sizes (16 384 columns, 300 sheets,
 * a 5 MB line), odd names and encodings. Each case says what must happen: `lu` (read, with at
 * least `lines` funding lines) or `refuse` (rejected by name with this French message).
 */
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import * as legacy from './legacy-fixtures';

const HEADER = ['Structure', 'SIRET', 'Année', 'Dispositif', 'Montant voté', 'Montant versé', 'Date de décision'];
const GOOD = ['Centre social Les Oliviers', '41234567800012', 2019, 'PS animation globale', 40000, 40000, '15/03/2019'];

const LEGACY: legacy.SjsSheet[] = [{ name: 'PS 2019', rows: [HEADER, GOOD] }];
const half = (b: Uint8Array) => b.subarray(0, Math.floor(b.length / 2));

export type Expect = { lu: true; lines: number } | { refuse: RegExp };
export interface ExtraCase {
  file: string;
  make: (p: string) => Promise<void> | void;
  expect: Expect;
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_STRICT = 'http://purl.oclc.org/ooxml/spreadsheetml/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL_STRICT = 'http://purl.oclc.org/ooxml/officeDocument/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);
const letter = (n: number) => {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
};

/** A cell: text (inline string), number, or raw `<c>` inner XML with attributes. */
type Cell = string | number | null | { raw: string; t?: string };
const cellXml = (v: Cell, ref: string, p = '') => {
  if (v === null) return '';
  if (typeof v === 'number') return `<${p}c r="${ref}"><${p}v>${v}</${p}v></${p}c>`;
  if (typeof v === 'string') return `<${p}c r="${ref}" t="inlineStr"><${p}is><${p}t xml:space="preserve">${esc(v)}</${p}t></${p}is></${p}c>`;
  return `<${p}c r="${ref}"${v.t ? ` t="${v.t}"` : ''}>${v.raw}</${p}c>`;
};
const sheetXml = (rows: Cell[][], o: { ns?: string; prefix?: string; extra?: string; startCol?: number } = {}) => {
  const p = o.prefix ? `${o.prefix}:` : '';
  const xmlns = o.prefix ? `xmlns:${o.prefix}="${o.ns ?? NS}"` : `xmlns="${o.ns ?? NS}"`;
  const body = rows.map((r, i) => `<${p}row r="${i + 1}">${r.map((v, k) => cellXml(v, `${letter(k + (o.startCol ?? 1))}${i + 1}`, p)).join('')}</${p}row>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><${p}worksheet ${xmlns} xmlns:r="${REL}"><${p}sheetData>${body}</${p}sheetData>${o.extra ?? ''}</${p}worksheet>`;
};

interface Pkg {
  sheets: { name: string; xml: string; state?: string }[];
  strict?: boolean;
  prefix?: string;
  parts?: Record<string, string | Uint8Array>;
  workbookExtra?: string;
  relsExtra?: string;
  noStyles?: boolean;
  sharedStrings?: string[];
}

/** A package written part by part (fflate), as a foreign tool would. */
function writePkg(file: string, pkg: Pkg) {
  const ns = pkg.strict ? NS_STRICT : NS;
  const rel = pkg.strict ? REL_STRICT : REL;
  const p = pkg.prefix ? `${pkg.prefix}:` : '';
  const xmlns = pkg.prefix ? `xmlns:${pkg.prefix}="${ns}"` : `xmlns="${ns}"`;
  const files: Record<string, Uint8Array> = {};
  const put = (n: string, v: string | Uint8Array) => (files[n] = typeof v === 'string' ? strToU8(v) : v);
  put(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${pkg.sheets
      .map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
      .join('')}${pkg.noStyles ? '' : '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'}${pkg.sharedStrings ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : ''}</Types>`,
  );
  put('_rels/.rels', `<?xml version="1.0"?><Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  put(
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8"?><${p}workbook ${xmlns} xmlns:r="${rel}">${pkg.workbookExtra ?? ''}<${p}sheets>${pkg.sheets
      .map((s, i) => `<${p}sheet name="${esc(s.name)}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`)
      .join('')}</${p}sheets></${p}workbook>`,
  );
  put(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0"?><Relationships xmlns="${PKG}">${pkg.sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${rel}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}${
      pkg.noStyles ? '' : `<Relationship Id="rIdS" Type="${rel}/styles" Target="styles.xml"/>`
    }${pkg.sharedStrings ? `<Relationship Id="rIdT" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/>` : ''}${pkg.relsExtra ?? ''}</Relationships>`,
  );
  if (!pkg.noStyles)
    put('xl/styles.xml', `<?xml version="1.0"?><${p}styleSheet ${xmlns}><${p}fonts count="1"><${p}font/></${p}fonts><${p}fills count="1"><${p}fill/></${p}fills><${p}borders count="1"><${p}border/></${p}borders><${p}cellXfs count="1"><${p}xf/></${p}cellXfs></${p}styleSheet>`);
  if (pkg.sharedStrings) put('xl/sharedStrings.xml', `<?xml version="1.0"?><sst xmlns="${ns}">${pkg.sharedStrings.map((s) => `<si><t>${esc(s)}</t></si>`).join('')}</sst>`);
  pkg.sheets.forEach((s, i) => put(`xl/worksheets/sheet${i + 1}.xml`, s.xml));
  for (const [n, v] of Object.entries(pkg.parts ?? {})) put(n, v);
  return fs.writeFile(file, zipSync(files));
}

const simple = (name: string, rows: Cell[][], o: Parameters<typeof sheetXml>[1] = {}) => (file: string) => writePkg(file, { sheets: [{ name, xml: sheetXml(rows, o) }] });

async function excel(file: string, fill: (wb: ExcelJS.Workbook) => unknown) {
  const wb = new ExcelJS.Workbook();
  await fill(wb);
  await wb.xlsx.writeFile(file);
}
const partner = (wb: ExcelJS.Workbook, name = 'PS 2019', more: unknown[][] = []) => {
  const ws = wb.addWorksheet(name);
  ws.addRow(HEADER);
  ws.addRow(GOOD);
  for (const r of more) ws.addRow(r);
  return ws;
};

/** Saves a workbook made by exceljs again with another program (python3 openpyxl, LibreOffice). */
async function resaved(file: string, how: 'openpyxl' | 'soffice', script = '') {
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'avs-hostile-'));
  const src = path.join(tmp, 'source.xlsx');
  await excel(src, (wb) => partner(wb, 'PS 2019', [['EVS Le Lavoir', '41234567800046', 2019, 'PS animation locale', 8000, 8000, '15/03/2019']]));
  let r;
  if (how === 'openpyxl')
    r = spawnSync('/usr/bin/python3', ['-c', `import openpyxl,sys\nwb=openpyxl.load_workbook(sys.argv[1])\nws=wb.worksheets[0]\n${script}\nwb.save(sys.argv[2])`, src, file], { encoding: 'utf8' });
  else {
    r = spawnSync(process.env.PILOTAGE_SOFFICE ?? 'soffice', [`-env:UserInstallation=file://${tmp}/profil`, '--headless', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', path.join(tmp, 'out'), src], { encoding: 'utf8', timeout: 180000 });
    if (r.status === 0) await fs.copyFile(path.join(tmp, 'out', 'source.xlsx'), file);
  }
  if (r.status !== 0) throw new Error(`${how} : ${r.stderr || r.error}`);
  await fs.rm(tmp, { recursive: true, force: true });
}

const row = (name: string, siret: string, amount: Cell): Cell[] => [name, siret, 2019, 'PS animation globale', amount, amount, '15/03/2019'];
const LU = (lines = 1): Expect => ({ lu: true, lines });

export const EXTRA_CASES: ExtraCase[] = [
  { file: 'CAF07_enregistre_openpyxl.xlsx', make: (p) => resaved(p, 'openpyxl'), expect: LU(2) },
  { file: 'CAF07_enregistre_libreoffice.xlsx', make: (p) => resaved(p, 'soffice'), expect: LU(2) },
  {
    file: 'CAF07_graphique_openpyxl.xlsx',
    make: (p) => resaved(p, 'openpyxl', 'from openpyxl.chart import BarChart, Reference\nc=BarChart()\nc.add_data(Reference(ws,min_col=5,min_row=1,max_row=3),titles_from_data=True)\nws.add_chart(c,"J2")'),
    expect: LU(2),
  },
  {
    file: 'CAF07_commentaires_openpyxl.xlsx',
    make: (p) => resaved(p, 'openpyxl', 'from openpyxl.comments import Comment\nws["E2"].comment=Comment("montant provisoire","CAF")'),
    expect: LU(2),
  },
  {
    file: 'CAF07_ooxml_strict.xlsx',
    make: (p) => writePkg(p, { strict: true, sheets: [{ name: 'PS 2019', xml: sheetXml([HEADER, GOOD], { ns: NS_STRICT }) }] }),
    expect: LU(),
  },
  {
    file: 'CAF07_binaire.xlsb',
    make: (p) => fs.writeFile(p, zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/workbook.bin': new Uint8Array([0x83, 0x01, 0x00]) })),
    expect: { refuse: /classeur binaire Excel \(\.xlsb\) non pris en charge : enregistrez-le au format \.xlsx/ },
  },
  {
    file: 'CAF07_xlsb_renomme.xlsx',
    make: (p) => fs.writeFile(p, zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/workbook.bin': new Uint8Array([0x83, 0x01, 0x00]) })),
    expect: { refuse: /classeur binaire Excel \(\.xlsb\) non pris en charge/ },
  },
  {
    file: 'CAF07_formules_partagees.xlsx',
    make: simple('PS 2019', [
      HEADER,
      row('Centre social Les Oliviers', '41234567800012', { raw: '<f t="shared" ref="E2:E3" si="0">1000*40</f><v>40000</v>' }),
      row('EVS Le Lavoir', '41234567800046', { raw: '<f t="shared" si="0"/><v>8000</v>' }),
    ]),
    expect: LU(2),
  },
  {
    file: 'CAF07_formules_matricielles.xlsx',
    make: simple('PS 2019', [HEADER, row('Centre social Les Oliviers', '41234567800012', { raw: '<f t="array" ref="E2">SUM({20000,20000})</f><v>40000</v>' })]),
    expect: LU(),
  },
  {
    file: 'CAF07_liaisons_externes.xlsx',
    make: (p) =>
      writePkg(p, {
        sheets: [{ name: 'PS 2019', xml: sheetXml([HEADER, row('Centre social Les Oliviers', '41234567800012', { raw: '<f>[1]Budget!$B$2</f><v>40000</v>' })]) }],
        workbookExtra: '',
        relsExtra: `<Relationship Id="rIdX" Type="${REL}/externalLink" Target="externalLinks/externalLink1.xml"/>`,
        parts: {
          'xl/externalLinks/externalLink1.xml': `<externalLink xmlns="${NS}" xmlns:r="${REL}"><externalBook r:id="rId1"><sheetNames><sheetName val="Budget"/></sheetNames></externalBook></externalLink>`,
          'xl/externalLinks/_rels/externalLink1.xml.rels': `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/externalLinkPath" Target="file:///C:/Budget/budget%202019.xlsx" TargetMode="External"/></Relationships>`,
        },
      }),
    expect: LU(),
  },
  {
    file: 'CAF07_tableau_croise.xlsx',
    make: (p) =>
      writePkg(p, {
        sheets: [
          { name: 'PS 2019', xml: sheetXml([HEADER, GOOD]) },
          { name: 'TCD', xml: sheetXml([['Étiquettes de lignes', 'Somme de Montant voté'], ['Centre social Les Oliviers', 40000], ['Total général', 40000]]) },
        ],
        relsExtra: `<Relationship Id="rIdP" Type="${REL}/pivotCacheDefinition" Target="pivotCache/pivotCacheDefinition1.xml"/>`,
        parts: {
          'xl/pivotCache/pivotCacheDefinition1.xml': `<pivotCacheDefinition xmlns="${NS}" recordCount="1"><cacheSource type="worksheet"><worksheetSource ref="A1:G2" sheet="PS 2019"/></cacheSource><cacheFields count="1"><cacheField name="Structure"/></cacheFields></pivotCacheDefinition>`,
          'xl/pivotTables/pivotTable1.xml': `<pivotTableDefinition xmlns="${NS}" name="TCD1" cacheId="1"><location ref="A1:B3" firstHeaderRow="1" firstDataRow="1" firstDataCol="1"/></pivotTableDefinition>`,
        },
      }),
    expect: LU(),
  },
  {
    file: 'CAF07_commentaires.xlsx',
    make: (p) => excel(p, (wb) => void (partner(wb).getCell('E2').note = 'Montant voté en commission du 15 mars')),
    expect: LU(),
  },
  {
    file: 'CAF07_images.xlsx',
    make: (p) =>
      excel(p, (wb) => {
        const ws = partner(wb);
        const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
        ws.addImage(wb.addImage({ buffer: png as unknown as ExcelJS.Buffer, extension: 'png' }), { tl: { col: 8, row: 1 }, ext: { width: 120, height: 40 } });
      }),
    expect: LU(),
  },
  {
    file: 'CAF07_16384_colonnes.xlsx',
    make: (p) => writePkg(p, { sheets: [{ name: 'PS 2019', xml: sheetXml([HEADER, GOOD]).replace('</row></', `<c r="XFD2" t="inlineStr"><is><t>dernière colonne</t></is></c></row></`) }] }),
    expect: LU(),
  },
  {
    file: 'CAF07_16384_colonnes_pleines.xlsx',
    make: (p) => writePkg(p, { sheets: [{ name: 'PS 2019', xml: sheetXml([[...HEADER, ...Array.from({ length: 16384 - HEADER.length }, (_, i) => `Col ${i}`)], GOOD]) }] }),
    expect: LU(),
  },
  { file: "CAF07_apostrophe.xlsx", make: (p) => excel(p, (wb) => void partner(wb, "PS 2019 l'été")), expect: LU() },
  { file: 'CAF07_crochets.xlsx', make: simple('PS [2019]', [HEADER, GOOD]), expect: LU() },
  { file: 'CAF07_nom_feuille_31.xlsx', make: (p) => excel(p, (wb) => void partner(wb, "PS 2019 d'après l'avis du comit")), expect: LU() },
  {
    file: 'CAF07_nombres_espaces_fines.xlsx',
    make: simple('PS 2019', [HEADER, row('Centre social Les Oliviers', '412\u202f345\u202f678\u202f00012', '40\u202f000,00\u00a0€'), row('EVS Le Lavoir', '41234567800046', '8\u2009000')]),
    expect: LU(2),
  },
  { file: 'CAF07_nombres_texte.xlsx', make: simple('PS 2019', [HEADER, row('Centre social Les Oliviers', '41234567800012', '40000'), row('EVS Le Lavoir', '41234567800046', ' 8 000 € ')]), expect: LU(2) },
  { file: 'CAF07_chaines_en_ligne.xlsx', make: simple('PS 2019', [HEADER, GOOD]), expect: LU() },
  {
    file: 'CAF07_chaines_partagees_riches.xlsx',
    make: (p) =>
      writePkg(p, {
        sharedStrings: ['Structure', 'Montant voté', 'Centre social Les Oliviers'],
        sheets: [{ name: 'PS 2019', xml: sheetXml([[{ raw: '<v>0</v>', t: 's' }, 'Année', { raw: '<v>1</v>', t: 's' }], [{ raw: '<v>2</v>', t: 's' }, 2019, 40000]]) }],
      }),
    expect: LU(),
  },
  {
    file: 'CAF07_index_chaine_hors_table.xlsx',
    make: (p) => writePkg(p, { sharedStrings: ['Structure'], sheets: [{ name: 'PS 2019', xml: sheetXml([HEADER, GOOD, [{ raw: '<v>99</v>', t: 's' }, '41234567800046', 2019, 'PS animation locale', 8000, 8000, null]]) }] }),
    expect: LU(1),
  },
  {
    file: 'CAF07_300_feuilles.xlsx',
    make: (p) => writePkg(p, { sheets: Array.from({ length: 300 }, (_, i) => ({ name: i === 0 ? 'PS 2019' : `Feuille ${i}`, xml: sheetXml(i === 0 ? [HEADER, GOOD] : [['Note'], [`page ${i}`]]) })) }),
    expect: LU(),
  },
  { file: 'CAF07_prefixe_x.xlsx', make: (p) => writePkg(p, { prefix: 'x', sheets: [{ name: 'PS 2019', xml: sheetXml([HEADER, GOOD], { prefix: 'x' }) }] }), expect: LU() },
  { file: 'CAF07_sans_styles.xlsx', make: (p) => writePkg(p, { noStyles: true, sheets: [{ name: 'PS 2019', xml: sheetXml([HEADER, GOOD]) }] }), expect: LU() },
  {
    file: 'CAF07_cellules_sans_reference.xlsx',
    make: (p) => writePkg(p, { sheets: [{ name: 'PS 2019', xml: sheetXml([HEADER, GOOD]).replace(/ r="[A-Z]+\d+"/g, '') }] }),
    expect: LU(),
  },
  { file: 'CAF07_dimension_fausse.xlsx', make: (p) => writePkg(p, { sheets: [{ name: 'PS 2019', xml: sheetXml([HEADER, GOOD]).replace('<sheetData>', '<dimension ref="A1"/><sheetData>') }] }), expect: LU() },
  { file: 'CAF07_feuille_masquee.xlsx', make: (p) => writePkg(p, { sheets: [{ name: 'Accueil', xml: sheetXml([['Voir la feuille suivante']]) }, { name: 'PS 2019', xml: sheetXml([HEADER, GOOD]), state: 'hidden' }] }), expect: { refuse: /aucun tableau reconnu .* « PS 2019 » \(feuille masquée\)/ } },
  { file: 'CAF07_feuille_tres_masquee.xlsx', make: (p) => writePkg(p, { sheets: [{ name: 'PS 2019', xml: sheetXml([HEADER, GOOD]) }, { name: 'Calculs', xml: sheetXml([['x'], [1]]), state: 'veryHidden' }] }), expect: LU() },
  { file: 'CAF07_entites_xml.xlsx', make: simple('PS 2019', [HEADER, row('Centre social Les Oliviers & Cie <Aubenas>', '41234567800012', 40000)]), expect: LU() },
  { file: 'CAF07_caracteres_controle.xlsx', make: simple('PS 2019', [HEADER, row('Centre social\u0001 Les Oliviers\u001f', '41234567800012', 40000)].map((r) => r.map((v) => (typeof v === 'string' ? v.replace(/[\u0001\u001f]/g, (c) => `_x${c.charCodeAt(0).toString(16).padStart(4, '0')}_`) : v)))), expect: LU() },
  { file: 'CAF07_bom_xml.xlsx', make: (p) => writePkg(p, { sheets: [{ name: 'PS 2019', xml: '\ufeff' + sheetXml([HEADER, GOOD]) }] }), expect: LU() },
  { file: 'CAF07_dates_1904.xlsx', make: (p) => excel(p, (wb) => { wb.properties.date1904 = true; partner(wb, 'PS 2019', [['EVS Le Lavoir', '41234567800046', 2019, 'PS animation locale', 8000, 8000, new Date(Date.UTC(2019, 2, 15))]]); }), expect: LU(2) },
  { file: 'CAF07_fusion_geante.xlsx', make: (p) => excel(p, (wb) => { const ws = partner(wb); ws.mergeCells('J1:Z2000'); }), expect: LU() },
  { file: 'CAF07_lien_hypertexte.xlsx', make: (p) => excel(p, (wb) => void (partner(wb).getCell('A2').value = { text: 'Centre social Les Oliviers', hyperlink: 'https://exemple.invalid/oliviers' })), expect: LU() },
  { file: 'CAF07_validation_donnees.xlsx', make: (p) => excel(p, (wb) => void (partner(wb).getCell('D2').dataValidation = { type: 'list', allowBlank: true, formulae: ['"PS animation globale,PS animation locale"'] })), expect: LU() },
  { file: 'CAF07_mise_en_forme_conditionnelle.xlsx', make: (p) => excel(p, (wb) => partner(wb).addConditionalFormatting({ ref: 'E2:E10', rules: [{ type: 'cellIs', operator: 'greaterThan', formulae: ['30000'], priority: 1, style: { font: { bold: true } } }] })), expect: LU() },
  { file: 'CAF07_feuille_protegee.xlsx', make: (p) => excel(p, async (wb) => void (await partner(wb).protect('secret', {}))), expect: LU() },
  { file: 'CAF07_macros.xlsm', make: (p) => writePkg(p, { sheets: [{ name: 'PS 2019', xml: sheetXml([HEADER, GOOD]) }], parts: { 'xl/vbaProject.bin': new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]) } }), expect: LU() },
  { file: 'CAF07_colonnes_en_double.xlsx', make: simple('PS 2019', [[...HEADER, 'Montant voté'], [...row('Centre social Les Oliviers', '41234567800012', 40000), 1]]), expect: LU() },
  { file: 'CAF07_entete_ligne_40.xlsx', make: simple('PS 2019', [...Array.from({ length: 39 }, (_, i): Cell[] => (i === 0 ? ['Caisse d’allocations familiales — prestations de service 2019'] : [])), HEADER, GOOD]), expect: LU() },
  { file: 'CAF07_nom<interdit>:"Windows"|?*.xlsx', make: (p) => excel(p, (wb) => void partner(wb)), expect: LU() },
  { file: 'CAF07_espaces fin de nom .xlsx', make: (p) => excel(p, (wb) => void partner(wb)), expect: LU() },
  { file: 'CAF07_zip_vide.xlsx', make: (p) => fs.writeFile(p, zipSync({})), expect: { refuse: /CAF07_zip_vide\.xlsx : classeur Excel illisible ou endommagé/ } },
  { file: 'CAF07_sans_classeur.xlsx', make: (p) => fs.writeFile(p, zipSync({ 'docProps/app.xml': strToU8('<Properties/>') })), expect: { refuse: /CAF07_sans_classeur\.xlsx : classeur Excel illisible ou endommagé/ } },
  // an export saved as CSV but named .xlsx: read as the CSV it is
  { file: 'CAF07_texte_nomme_xlsx.xlsx', make: (p) => fs.writeFile(p, 'Année;Nom du bénéficiaire;SIRET;Dispositif;Montant voté\r\n2019;Centre social Les Oliviers;41234567800012;PS animation globale;40 000\r\n'), expect: LU() },
  { file: 'CAF07_binaire_nomme_xlsx.xlsx', make: (p) => fs.writeFile(p, Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 131) % 256))), expect: { refuse: /ce n'est pas un classeur Excel valide/ } },
  // Excel 97-2003 and OpenDocument broken, oversized or encrypted (scripts/legacy-fixtures.ts)
  { file: 'MSA_xls_tronque.xls', make: (p) => fs.writeFile(p, half(legacy.writeXls(LEGACY))), expect: { refuse: /MSA_xls_tronque\.xls : classeur Excel 97-2003 illisible ou endommagé/ } },
  { file: 'FACS_ods_tronque.ods', make: (p) => fs.writeFile(p, half(legacy.writeOds(LEGACY))), expect: { refuse: /FACS_ods_tronque\.ods : classeur OpenDocument illisible ou endommagé/ } },
  { file: 'MSA_xls_enregistrements_casses.xls', make: (p) => fs.writeFile(p, legacy.malformedXls()), expect: { refuse: /MSA_xls_enregistrements_casses\.xls : classeur Excel 97-2003 illisible ou endommagé/ } },
  { file: 'MSA_xls_mot_de_passe.xls', make: (p) => fs.writeFile(p, legacy.encryptedXls()), expect: { refuse: /MSA_xls_mot_de_passe\.xls : classeur protégé par mot de passe \(chiffré\)/ } },
  { file: 'MSA_xls_trop_grand.xls', make: (p) => fs.writeFile(p, legacy.manyCellsXls(1_000_001)), expect: { refuse: /MSA_xls_trop_grand\.xls › Extraction : feuille trop grande \(1\s000\s001 cellules déclarées, limite 1\s000\s000 par feuille\) : fichier refusé sans être ouvert/ } },
  { file: 'FACS_ods_trop_grand.ods', make: (p) => fs.writeFile(p, legacy.repeatedCellsOds(1_000_000, 4)), expect: { refuse: /FACS_ods_trop_grand\.ods › Extraction : feuille trop grande \(4\s000\s000 cellules déclarées/ } },
  { file: 'FACS_ods_bombe.ods', make: (p) => fs.writeFile(p, legacy.odsDeclaring(1024 * 1024 * 1024)), expect: { refuse: /FACS_ods_bombe\.ods : contenu décompressé trop volumineux \(1\s024 Mo .*bombe de décompression/ } },
  { file: 'CAF07_xml_casse.xlsx', make: (p) => writePkg(p, { sheets: [{ name: 'PS 2019', xml: '<worksheet><sheetData><row><c' }] }), expect: { refuse: /« CAF07_xml_casse\.xlsx » : aucun tableau reconnu .* « PS 2019 » \(aucune ligne d'en-tête reconnue\)/ } },
  { file: 'CD07_vide.csv', make: (p) => fs.writeFile(p, ''), expect: { refuse: /CD07_vide\.csv : fichier vide/ } },
  {
    file: 'CD07_ligne_5_Mo.csv',
    make: (p) => fs.writeFile(p, ['Année;Nom du bénéficiaire;SIRET;Dispositif;Montant voté', '2019;Centre social Les Oliviers;41234567800012;Vie associative;24 000', `2019;${'x'.repeat(5 * 1024 * 1024)};;Vie associative;1`].join('\r\n')),
    expect: LU(1),
  },
  { file: 'CD07_point_virgule.csv', make: (p) => fs.writeFile(p, 'Année;Nom du bénéficiaire;SIRET;Dispositif;Montant voté\r\n2019;Centre social Les Oliviers;41234567800012;Vie associative;21 000,00\r\n'), expect: LU() },
  { file: 'CD07_tabulations.tsv', make: (p) => fs.writeFile(p, 'Année\tNom du bénéficiaire\tSIRET\tDispositif\tMontant voté\n2019\tCentre social Les Oliviers\t41234567800012\tVie associative\t27000\n'), expect: LU() },
  { file: 'CD07_latin1.csv', make: (p) => fs.writeFile(p, Buffer.from('Année;Nom du bénéficiaire;SIRET;Dispositif;Montant voté\r\n2019;Fédération Ardéchoise des Centres Sociaux;64890679000015;Vie associative;7 200\r\n', 'latin1')), expect: LU() },
  { file: 'CD07_guillemets_multilignes.csv', make: (p) => fs.writeFile(p, 'Année;Nom du bénéficiaire;SIRET;Dispositif;Montant voté;Objet\r\n2019;Centre social Les Oliviers;41234567800012;Vie associative;26 000;"Fonctionnement\r\n""global"" 2019"\r\n'), expect: LU() },
  { file: 'CD07_lignes_vides.csv', make: (p) => fs.writeFile(p, '\r\n\r\n;;;\r\nAnnée;Nom du bénéficiaire;SIRET;Dispositif;Montant voté\r\n\r\n2019;Centre social Les Oliviers;41234567800012;Vie associative;22 000\r\n\r\n'), expect: LU() },
  { file: 'CD07_fins_de_ligne_melangees.csv', make: (p) => fs.writeFile(p, 'Année;Nom du bénéficiaire;SIRET;Dispositif;Montant voté\n2019;Centre social Les Oliviers;41234567800012;Vie associative;23 000\r\n2019;EVS Le Lavoir;41234567800046;Culture;3 800\r'), expect: LU(2) },
  { file: 'CD07_binaire.csv', make: (p) => fs.writeFile(p, Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 131) % 256))), expect: { refuse: /« CD07_binaire\.csv » : aucun tableau reconnu/ } },
  { file: 'CD07_classeur_nomme_csv.csv', make: (p) => excel(p, (wb) => void partner(wb)), expect: LU() },
];
