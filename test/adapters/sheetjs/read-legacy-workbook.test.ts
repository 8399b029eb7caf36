import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readInput } from '../../../src/adapters/exceljs/read-workbook';
import { sniffFormat } from '../../../src/adapters/exceljs/sniff-format';
import { outlineOdsContent } from '../../../src/adapters/sheetjs/read-legacy-workbook';
import type { Grid } from '../../../src/core/model/grid';
import * as F from '../../../scripts/legacy-fixtures';
import { describeIf } from '../../helpers/require-or-skip';
import { SHARED_DIR } from '../../helpers/shared';

/** One partner workbook: numbers, texts, dates, a formula with its cached result, an error, merged cells, a hidden sheet. */
const SHEETS: F.SjsSheet[] = [
  {
    name: 'PS 2019',
    rows: [
      ['Structure', 'SIRET', 'Montant voté', 'Date de décision', 'Total', 'Contrôle', 'Versé'],
      ['Centre social Les Oliviers', '41234567800012', { t: 'n', v: 40000.5, z: '#,##0.00' }, { t: 'n', v: 43539, z: 'dd/mm/yyyy' }, { t: 'n', v: 40001.5, f: 'C2+1' }, { t: 'e', v: 0x17, w: '#REF!' }, true],
      ['EVS Le Lavoir', '41234567800046', 8000, { t: 'n', v: 43831.5, z: 'dd/mm/yyyy" "hh:mm' }, { t: 'n', v: 8001, f: 'C3+1' }, { t: 'e', v: 0x07, w: '#DIV/0!' }, false],
      ['Centre social Les Oliviers', null, 0, null, null, null, null],
      ['Titre fusionné sur deux colonnes et deux lignes'],
      [],
      ['après la fusion', 1.25],
    ],
    merges: [{ top: 5, left: 1, bottom: 6, right: 2 }],
  },
  { name: 'Structures', rows: [['Nom', 'SIRET'], ['Centre social Les Oliviers', '41234567800012']] },
  { name: 'Calculs', rows: [['masquée'], [42]], hidden: true },
];

const EXPECTED_SHEET_1 = [
  ['Structure', 'SIRET', 'Montant voté', 'Date de décision', 'Total', 'Contrôle', 'Versé'],
  ['Centre social Les Oliviers', '41234567800012', 40000.5, new Date(Date.UTC(2019, 2, 15)), 40001.5, { error: '#REF!' }, true],
  ['EVS Le Lavoir', '41234567800046', 8000, new Date(Date.UTC(2020, 0, 1, 12)), 8001, { error: '#DIV/0!' }, false],
  ['Centre social Les Oliviers', null, 0],
  ['Titre fusionné sur deux colonnes et deux lignes'],
  [],
  ['après la fusion', 1.25],
];

const grids = async (file: string, bytes: Uint8Array): Promise<Grid[]> => {
  const r = await readInput(file, bytes);
  if ('error' in r) throw new Error(r.error);
  return r.grids;
};
const withoutFile = (gs: Grid[]) => gs.map(({ file: _file, ...g }) => g);

describe.each([
  ['PS_2019.xls', () => F.writeXls(SHEETS)],
  ['PS_2019.ods', () => F.writeOds(SHEETS)],
])('%s, written by SheetJS, read through readInput', (file, make) => {
  let read: Grid[];
  beforeAll(async () => {
    read = await grids(file, make());
  });

  it('every sheet, in order, the hidden one flagged', () => {
    expect(read.map((g) => [g.sheet, g.hidden])).toEqual([
      ['PS 2019', false],
      ['Structures', false],
      ['Calculs', true],
    ]);
    expect(read.every((g) => g.file === file)).toBe(true);
  });

  it('values, cached results, errors, dates (by their format, UTC as the .xlsx reading gives them)', () => {
    expect(read[0].rows).toEqual(EXPECTED_SHEET_1);
  });

  it.each([
    ['a cell formatted as a date is a Date', 1, 3, (v: unknown) => v instanceof Date],
    ['a number formatted as a number stays a number', 1, 2, (v: unknown) => v === 40000.5],
    ['a formula is its cached result', 1, 4, (v: unknown) => v === 40001.5],
    ['an error cell is a CellError', 1, 5, (v: unknown) => (v as { error?: string }).error === '#REF!'],
  ])('%s', (_what, r, c, ok) => {
    expect(ok(read[0].rows[r][c])).toBe(true);
  });

  it('merged cells: the range, 1-based, the value on the master only', () => {
    expect(read[0].merges).toEqual([{ top: 5, left: 1, bottom: 6, right: 2 }]);
    expect(read[0].rows[4]).toEqual(['Titre fusionné sur deux colonnes et deux lignes']);
  });

  it('a text repeated in the workbook is one string (interned as the .xlsx reading does)', () => {
    expect(read[0].rows[1][0]).toBe(read[1].rows[1][0]);
  });

  it('the same grids as the same workbook written as .xlsx and read by the .xlsx reading', async () => {
    const xlsx = await grids('PS_2019.xlsx', F.writeXlsx(SHEETS));
    expect(withoutFile(read)).toEqual(withoutFile(xlsx));
  });
});

describe('dates do not depend on the time zone', () => {
  it('midnight UTC whatever TZ is (the serial read as the .xlsx reading reads it)', async () => {
    const before = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles';
    try {
      const [g] = await grids('a.xls', F.writeXls([{ name: 'S', rows: [[{ t: 'n', v: 43539, z: 'dd/mm/yyyy' }]] }]));
      expect(g.rows[0][0]).toEqual(new Date('2019-03-15T00:00:00.000Z'));
    } finally {
      process.env.TZ = before;
    }
  });
});

describe('sniffFormat: what the bytes are, whatever the name says', () => {
  it.each([
    ['a.xls', 'xls', () => F.writeXls(SHEETS)],
    ['a.xlsx', 'xls', () => F.writeXls(SHEETS)], // an .xls renamed
    ['a.ods', 'ods', () => F.writeOds(SHEETS)],
    ['a.zip.ods', 'ods', () => F.odsArchive(F.odsContent('S', ''))],
    ['export.xlsx', 'csv', () => new TextEncoder().encode('Structure;Montant\r\nCentre social;1 000\r\n')],
    ['export.xls', 'csv', () => new TextEncoder().encode('\ufeffStructure;Montant\nCentre social;1 000\n')],
    ['a.xlsx', 'xlsx', () => F.writeXlsx(SHEETS)],
  ])('%s → %s', (file, kind, make) => {
    expect(sniffFormat(file, make()).kind).toBe(kind);
  });

  it.each([
    ['chiffre.xlsx', () => F.compoundFile({ EncryptionInfo: new Uint8Array(64), EncryptedPackage: new Uint8Array(600) }), /classeur protégé par mot de passe \(chiffré\)/],
    ['page.xls', () => new TextEncoder().encode('<html><body><table><tr><td>1</td></tr></table></body></html>'), /ce n'est pas un classeur Excel 97-2003 valide/],
    ['texte.odt', () => F.zipWithMimetype('application/vnd.oasis.opendocument.text'), /document OpenDocument qui n'est pas un classeur/],
  ])('%s is refused', (file, make, reason) => {
    const f = sniffFormat(file, make());
    expect(f.kind).toBe('rejected');
    expect(f.kind === 'rejected' && f.reason).toMatch(reason);
  });
});

describe('refused by name with a French reason, never a crash', () => {
  const xls = F.writeXls(SHEETS);
  const ods = F.writeOds(SHEETS);
  it.each([
    ['tronque.xls', () => xls.subarray(0, Math.floor(xls.length / 2)), /^tronque\.xls : classeur Excel 97-2003 illisible ou endommagé/],
    ['tronque.ods', () => ods.subarray(0, Math.floor(ods.length / 2)), /^tronque\.ods : classeur OpenDocument illisible ou endommagé/],
    ['bruit.xls', () => F.malformedXls(), /^bruit\.xls : classeur Excel 97-2003 illisible ou endommagé/],
    ['vide.xls', () => F.compoundFile({ Autre: new Uint8Array(100) }), /^vide\.xls : classeur Excel 97-2003 illisible ou endommagé \(aucun classeur/],
    ['chiffre.xls', () => F.encryptedXls(), /^chiffre\.xls : classeur protégé par mot de passe \(chiffré\)/],
    ['chiffre.xlsx', () => F.compoundFile({ EncryptionInfo: new Uint8Array(64), EncryptedPackage: new Uint8Array(600) }), /^chiffre\.xlsx : classeur protégé par mot de passe/],
    ['grand.xls', () => F.manyCellsXls(1_000_001), /^grand\.xls › Extraction : feuille trop grande \(1\s000\s001 cellules déclarées, limite 1\s000\s000 par feuille\)/],
    ['grand.ods', () => F.repeatedCellsOds(1_000_000, 4), /^grand\.ods › Extraction : feuille trop grande \(4\s000\s000 cellules déclarées/],
    ['bombe.ods', () => F.odsDeclaring(600 * 1024 * 1024), /^bombe\.ods : contenu décompressé trop volumineux \(600 Mo .*bombe de décompression/],
    ['sans_contenu.ods', () => F.zipWithMimetype('application/vnd.oasis.opendocument.spreadsheet'), /^sans_contenu\.ods : classeur OpenDocument illisible ou endommagé/],
  ])('%s', async (file, make, reason) => {
    const r = await readInput(file, make());
    expect('error' in r && r.error).toMatch(reason);
  });

  it('just under the cell limit, an .xls is read', async () => {
    const [g] = await grids('juste.xls', F.manyCellsXls(2000));
    expect(g.rows.flat().length).toBe(2000);
  });
});

describe('outlineOdsContent: cells counted with their repeats, hidden tables', () => {
  it.each([
    ['one cell', '<table:table-row><table:table-cell office:value-type="float" office:value="1"/></table:table-row>', 1],
    ['empty repeated padding is not counted', '<table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>', 0],
    ['a value repeated over rows and columns', '<table:table-row table:number-rows-repeated="10"><table:table-cell table:number-columns-repeated="3" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>', 30],
  ])('%s', (_what, rows, cells) => {
    expect(outlineOdsContent(F.odsContent('S', rows))[0].cells).toBe(cells);
  });
});

const REAL = path.join(SHARED_DIR, 'real', 'DEP_Deux Sèvres_Convention_de_subventions_-_CD79.xls');
describeIf('CD79 (.xls réel de ../shared/real)', existsSync(REAL), `${REAL} absent (dossier ../shared non fourni)`, () => {
  it('one sheet, its 11 headers, 467 lines with an amount, dates as Date, the total to the cent', async () => {
    const gs = await grids(path.basename(REAL), new Uint8Array(readFileSync(REAL)));
    expect(gs).toHaveLength(1);
    const [header, ...rows] = gs[0].rows;
    expect(header).toHaveLength(11);
    expect(header[0]).toBe('Autorité administrative');
    expect(header[7]).toBe('Montant décidé ligne');
    const lines = rows.filter((r) => r[7] !== null && r[7] !== undefined && r[7] !== '');
    expect(lines).toHaveLength(467);
    const dates = rows.map((r) => r[2]).filter((v) => v !== null && v !== undefined);
    expect(dates.every((d) => d instanceof Date)).toBe(true);
    const times = (dates as Date[]).map((d) => d.getTime());
    expect(new Date(Math.min(...times)).toISOString().slice(0, 10)).toBe('2015-06-04');
    expect(new Date(Math.max(...times)).toISOString().slice(0, 10)).toBe('2018-01-24');
    const cents = lines.reduce((s, r) => s + Math.round(Number(r[7]) * 100), 0);
    expect(cents).toBe(2998890779);
  });
});
