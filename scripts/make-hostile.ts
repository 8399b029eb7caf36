/**
 * Makes the hostile-input corpus (test/hostile): every kind of broken, odd or oversized file a
 * partner's system can export. Generated at test time into a temporary folder (git-ignored),
 * never committed: the 1 000 000-row sheet and the decompression bomb are streamed, so that
 * making them takes little memory and a few seconds.
 *
 *   npx tsx scripts/make-hostile.ts <dossier>
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { constants, crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { ZipWriter } from '../src/adapters/exceljs/zip-writer';
import { EXTRA_CASES } from './hostile-extra';
import { writeOds, writeXls } from './legacy-fixtures';
import { fileSink, zlibDeflater } from '../src/adapters/node/file-sink';

export const HEADER = ['Structure', 'SIRET', 'Année', 'Dispositif', 'Montant voté', 'Montant versé', 'Date de décision'];
/** A funding line the pipeline reads, so that each file also proves the rest of it is processed. */
export const GOOD_ROW = ['Centre social Les Oliviers', '41234567800012', 2019, 'PS animation globale', 40000, 40000, '15/03/2019'];

type XCell = string | number | null | { f: string; err: string } | { n: number; s: number };

const esc = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string).replace(/[\t\r\n]/g, (c) => `&#${c.charCodeAt(0)};`);
const letter = (n: number) => {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
};

function cellXml(v: XCell, ref: string): string {
  if (v === null) return '';
  if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
  if (typeof v === 'string') return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${esc(v)}</t></is></c>`;
  if ('err' in v) return `<c r="${ref}" t="e"><f>${esc(v.f)}</f><v>${v.err}</v></c>`;
  return `<c r="${ref}" s="${v.s}"><v>${v.n}</v></c>`;
}

const rowXml = (r: number, cells: XCell[]) => `<row r="${r}">${cells.map((v, i) => cellXml(v, `${letter(i + 1)}${r}`)).join('')}</row>`;

interface RawSheet {
  name: string;
  rows?: XCell[][];
  /** Streams rows (1-based numbers) instead of holding them. */
  stream?: { count: number; row: (r: number) => XCell[] };
  dimension?: string;
}

/** A bare .xlsx written by hand: what no spreadsheet program would produce, but exceljs must survive. */
function writeRawXlsx(file: string, sheets: RawSheet[], extra?: (zip: ZipWriter) => void) {
  const zip = new ZipWriter(fileSink(file), zlibDeflater);
  const sheetEntries = sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('');
  zip.add(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${sheetEntries}</Types>`,
  );
  zip.add(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  zip.add(
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets
      .map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
      .join('')}</sheets></workbook>`,
  );
  zip.add(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
      .map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
      .join('')}<Relationship Id="rId${sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
  );
  zip.add(
    'xl/styles.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>`,
  );
  sheets.forEach((s, i) => {
    const e = zip.entry(`xl/worksheets/sheet${i + 1}.xml`);
    e.write(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`);
    if (s.dimension) e.write(`<dimension ref="${s.dimension}"/>`);
    e.write('<sheetData>');
    s.rows?.forEach((r, ri) => e.write(rowXml(ri + 1, r)));
    if (s.stream) for (let r = 1; r <= s.stream.count; r++) e.write(rowXml(r, s.stream.row(r)));
    e.write('</sheetData></worksheet>');
    e.end();
  });
  extra?.(zip);
  zip.close();
}

async function writeExcel(file: string, fill: (wb: ExcelJS.Workbook) => void) {
  const wb = new ExcelJS.Workbook();
  fill(wb);
  await wb.xlsx.writeFile(file);
}

function partnerSheet(wb: ExcelJS.Workbook, name: string, rows: unknown[][], header = HEADER) {
  const ws = wb.addWorksheet(name);
  ws.addRow(header);
  ws.addRow(GOOD_ROW);
  for (const r of rows) ws.addRow(r);
  return ws;
}

/** 1×1 transparent PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** Texts that a spreadsheet would take for a formula or that carry control characters. */
export const FORMULA_LIKE = ['=1+1', '+33 4 75 00 00 00', '-5 rue des Écoles', '@SOMME(A1)', '=HYPERLINK("http://exemple.invalid","clic")', '\tTabulation en tête', '\rRetour chariot en tête'];
export const RTL_EMOJI = ['مركز اجتماعي الزيتون', 'מרכז קהילתי', 'Espace 🌍 de vie 👨‍👩‍👧 sociale'];
export const LONG_TEXT = 'Centre social ' + 'x'.repeat(32767 - 'Centre social '.length);

/** Each case: the file it writes and how it is made. Names start with a partner code when the file is meant to be read. */
export const CASES: { file: string; make: (p: string) => Promise<void> | void }[] = [
  {
    file: 'CAF07_zip_corrompu.xlsx',
    make: (p) => fs.writeFile(p, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 251))])),
  },
  {
    file: 'CAF07_zip_tronque.xlsx',
    make: async (p) => {
      await writeExcel(p, (wb) => partnerSheet(wb, 'PS 2019', []));
      const b = await fs.readFile(p);
      await fs.writeFile(p, b.subarray(0, Math.floor(b.length / 2)));
    },
  },
  {
    // an encrypted .xlsx is an OLE compound file holding EncryptionInfo + EncryptedPackage
    file: 'CAF07_mot_de_passe.xlsx',
    make: (p) => {
      const b = Buffer.alloc(4096);
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(b);
      Buffer.from('E\0n\0c\0r\0y\0p\0t\0i\0o\0n\0I\0n\0f\0o\0', 'latin1').copy(b, 1024);
      Buffer.from('E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0', 'latin1').copy(b, 1152);
      return fs.writeFile(p, b);
    },
  },
  {
    // Excel 97-2003 (BIFF8), read like an .xlsx (src/adapters/sheetjs)
    file: 'MSA_ancien_format.xls',
    make: (p) => fs.writeFile(p, writeXls([{ name: 'ADL 2019', rows: [HEADER, GOOD_ROW, ['EVS Le Lavoir', '41234567800046', 2019, 'PS animation locale', 8000, 8000, { t: 'n', v: 43539, z: 'dd/mm/yyyy' }]] }])),
  },
  {
    // OpenDocument, read like an .xlsx (src/adapters/sheetjs)
    file: 'FACS_tableur_libre.ods',
    make: (p) => fs.writeFile(p, writeOds([{ name: 'Réseau 2019', rows: [HEADER, GOOD_ROW, ['EVS Le Lavoir', '41234567800046', 2019, 'PS animation locale', 8000, 8000, { t: 'n', v: 43539, z: 'dd/mm/yyyy' }]] }])),
  },
  { file: 'CAF07_classeur_vide.xlsx', make: (p) => writeExcel(p, (wb) => wb.addWorksheet('Feuil1')) },
  {
    file: 'CAF07_image_seule.xlsx',
    make: (p) =>
      writeExcel(p, (wb) => {
        const ws = wb.addWorksheet('Logo');
        const id = wb.addImage({ buffer: PNG as unknown as ExcelJS.Buffer, extension: 'png' });
        ws.addImage(id, { tl: { col: 1, row: 1 }, ext: { width: 64, height: 64 } });
      }),
  },
  {
    // 200 formatted, empty columns, as some exports pad every row
    file: 'CAF07_200_colonnes_vides.xlsx',
    make: (p) =>
      writeExcel(p, (wb) => {
        const ws = wb.addWorksheet('Export');
        for (let r = 1; r <= 50; r++) for (let c = 1; c <= 200; c++) ws.getCell(r, c).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFFFF' } };
      }),
  },
  {
    // streamed: a million rows × 4 columns, declared in <dimension> as real exports do
    file: 'CAF07_un_million_de_lignes.xlsx',
    make: (p) =>
      writeRawXlsx(p, [
        {
          name: 'Extraction',
          dimension: 'A1:D1000000',
          stream: { count: 1_000_000, row: (r) => (r === 1 ? ['Structure', 'Année', 'Dispositif', 'Montant voté'] : [`Structure ${r % 5000}`, 2019, 'PS animation globale', r % 10000]) },
        },
      ]),
  },
  {
    // 1 GB of blanks inside <sheetData>, deflated to well under 2 MB
    file: 'CAF07_bombe.xlsx',
    make: (p) =>
      writeRawXlsx(p, [{ name: 'PS 2019', rows: [HEADER, GOOD_ROW] }], (zip) => {
        const raw = Buffer.alloc(1 << 20, 0x20);
        const deflated = deflateRawSync(raw, { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
        let crc = 0;
        for (let i = 0; i < 1024; i++) crc = crc32(raw, crc);
        // the same sync-flushed deflate chunk 1 024 times, then an empty final block
        zip.addDeflated('xl/worksheets/sheet2.xml', crc, raw.length * 1024, (function* () {
          for (let i = 0; i < 1024; i++) yield deflated;
          yield deflateRawSync(Buffer.alloc(0));
        })());
      }),
  },
  {
    // a three-row header made of nested merged cells
    file: 'CAF07_entetes_fusionnees.xlsx',
    make: (p) =>
      writeExcel(p, (wb) => {
        const ws = wb.addWorksheet('PS 2019');
        ws.getCell('A1').value = 'Caisse d’allocations familiales — prestations de service 2019';
        ws.mergeCells('A1:G1');
        ws.getCell('A2').value = 'Bénéficiaire';
        ws.mergeCells('A2:B2');
        ws.getCell('C2').value = 'Financement';
        ws.mergeCells('C2:G2');
        ws.getRow(3).values = HEADER;
        ws.mergeCells('A4:A5');
        ws.getRow(4).values = GOOD_ROW;
        ws.getRow(6).values = ['EVS Le Lavoir', '41234567800046', 2019, 'PS animation locale', 8000, 8000, '15/03/2019'];
        ws.mergeCells('D6:G6');
      }),
  },
  {
    file: 'CAF07_formules_en_erreur.xlsx',
    make: (p) =>
      writeRawXlsx(p, [
        {
          name: 'PS 2019',
          rows: [HEADER, GOOD_ROW, ['EVS Le Lavoir', '41234567800046', 2019, 'PS animation locale', { f: 'Feuil9!A1', err: '#REF!' }, 0, null], ['EVS Les Terrasses', '41234567800053', 2019, 'PS animation locale', { f: '1/0', err: '#DIV/0!' }, 0, null]],
        },
      ]),
  },
  {
    file: 'CAF07_dates_extremes.xlsx',
    make: (p) =>
      writeRawXlsx(p, [
        {
          name: 'PS 2019',
          rows: [
            HEADER,
            GOOD_ROW,
            ['EVS Le Lavoir', '41234567800046', 2019, 'PS animation locale', 8000, 8000, '14/07/1789'],
            ['EVS Les Terrasses', '41234567800053', 2019, 'PS animation locale', 7000, 7000, { n: 73051, s: 1 }], // 01/01/2100
            ['Centre social Le Chambon', '41234567800061', 2100, 'PS animation globale', 6000, 6000, '31/12/2100'],
            ['Centre socioculturel La Cascade', '41234567800020', 1899, 'PS animation globale', 5000, 5000, { n: -1, s: 1 }],
          ],
        },
      ]),
  },
  {
    file: 'CAF07_montants_extremes.xlsx',
    make: (p) =>
      writeRawXlsx(p, [
        {
          name: 'PS 2019',
          rows: [
            HEADER,
            GOOD_ROW,
            ['EVS Le Lavoir', '41234567800046', 2019, 'PS animation locale', 1e308, 0, null],
            ['EVS Les Terrasses', '41234567800053', 2019, 'PS animation locale', 'NaN', 'Infinity', null],
            ['Centre social Le Chambon', '41234567800061', 2019, 'PS animation globale', '-0', -0, null],
            ['Centre socioculturel La Cascade', '41234567800020', 2019, 'PS animation globale', '1e308', '1,7976931348623157E+308', null],
          ],
        },
      ]),
  },
  {
    file: 'CAF07_entetes_proto.xlsx',
    make: (p) => writeExcel(p, (wb) => partnerSheet(wb, 'PS 2019', [], [...HEADER, '__proto__', 'constructor', 'toString', 'hasOwnProperty'])),
  },
  {
    file: 'CAF07_textes_formules.xlsx',
    make: (p) =>
      writeExcel(p, (wb) =>
        partnerSheet(
          wb,
          'PS 2019',
          FORMULA_LIKE.map((t) => [t, null, 2019, t, 1000, 1000, null]),
        ),
      ),
  },
  {
    file: 'CAF07_cellule_32767.xlsx',
    make: (p) => writeExcel(p, (wb) => partnerSheet(wb, 'PS 2019', [[LONG_TEXT, null, 2019, 'PS animation globale', 1000, 1000, null]])),
  },
  {
    file: 'CAF07_rtl_emoji.xlsx',
    make: (p) => writeExcel(p, (wb) => partnerSheet(wb, 'PS 2019 🌍', RTL_EMOJI.map((t) => [t, null, 2019, 'PS animation locale', 1500, 1500, null]))),
  },
  {
    // Excel forbids it, other tools write it anyway
    file: 'CAF07_feuilles_casse.xlsx',
    make: (p) =>
      writeRawXlsx(p, [
        { name: 'PS 2019', rows: [HEADER, GOOD_ROW] },
        { name: 'ps 2019', rows: [HEADER, ['EVS Le Lavoir', '41234567800046', 2019, 'PS animation locale', 8000, 8000, null]] },
      ]),
  },
  {
    file: 'CD07_separateurs_melanges_bom.csv',
    make: (p) =>
      fs.writeFile(
        p,
        '\ufeff' +
          [
            'Année;Nom du bénéficiaire;SIRET;Dispositif;Montant voté;Montant versé',
            '2019;Centre social Les Oliviers;41234567800012;Vie associative;25 000,00 €;25 000,00 €',
            '2019,Espace de vie sociale Le Lavoir,41234567800046,Culture,"3 800,00","3 800,00"',
            '2019;Centre socioculturel La Cascade;41234567800020;Jeunesse;6 500;6 500',
          ].join('\r\n'),
        'utf8',
      ),
  },
  {
    file: 'CD07_utf16.csv',
    make: (p) =>
      fs.writeFile(
        p,
        Buffer.concat([
          Buffer.from([0xff, 0xfe]),
          Buffer.from(['Année\tNom du bénéficiaire\tSIRET\tDispositif\tMontant voté\tMontant versé', '2020\tCentre socioculturel La Cascade\t41234567800020\tJeunesse\t6 500\t6 500', '2020\tFédération Ardéchoise des Centres Sociaux\t64890679000015\tVie associative\t7 200\t7 200'].join('\r\n'), 'utf16le'),
        ]),
      ),
  },
  ...EXTRA_CASES,
];

/** Writes every case into `dir` (created if needed) and returns the file names. */
export async function makeHostile(dir: string): Promise<string[]> {
  await fs.mkdir(dir, { recursive: true });
  for (const c of CASES) await c.make(path.join(dir, c.file));
  return CASES.map((c) => c.file);
}

if (require.main === module) {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write('usage : tsx scripts/make-hostile.ts <dossier>\n');
    process.exit(2);
  }
  makeHostile(dir).then((files) => process.stdout.write(`${files.length} fichiers écrits dans ${dir}\n`));
}
