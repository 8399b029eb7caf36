import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  csvToGrid,
  decodeText,
  decodeWindows1252,
  detectSeparator,
  encodeWindows1252,
  parseCsv,
  readCsv,
  repairMojibake,
} from '../../../src/core/parse/parse-csv';
import { describeIf } from '../../helpers/require-or-skip';
import { SHARED_DIR } from '../../helpers/shared';

const cp1252 = (s: string) => encodeWindows1252(s)!;
const utf8 = (s: string) => new TextEncoder().encode(s);
const BOM8 = [0xef, 0xbb, 0xbf];
const le = (s: string) => new Uint8Array(Buffer.from(s, 'utf16le'));
const be = (s: string) => new Uint8Array(Buffer.from(s, 'utf16le').swap16());
/** UTF-8 text read as Windows-1252 and saved again as UTF-8 (what a double conversion leaves). */
const doubled = (s: string) => decodeWindows1252(utf8(s));

describe('decodeText: the encoding is decided by the bytes', () => {
  const text = 'Année;Bénéficiaire;Montant\r\n2019;Centre social Lé Pouzin;12 500,00 €\r\n';
  const fr = 'Cœur d’Ardèche;1\u00a0200 € – payé\r\n';

  test.each<[string, Uint8Array, string, string, boolean]>([
    ['UTF-8 without BOM', utf8(text), text, 'utf-8', false],
    ['UTF-8 with BOM', new Uint8Array([...BOM8, ...utf8(text)]), text, 'utf-8', true],
    ['Windows-1252 (€, œ, ’, –, NBSP)', cp1252(fr), fr, 'windows-1252', false],
    // the Somme file: a UTF-8 BOM, then Windows-1252 text; the BOM must not stay glued as 'ï»¿'
    [
      'UTF-8 BOM followed by Windows-1252 text',
      new Uint8Array([...BOM8, ...cp1252('nomAttribuant;' + fr)]),
      'nomAttribuant;' + fr,
      'windows-1252',
      true,
    ],
    ['UTF-16 LE with BOM', new Uint8Array([0xff, 0xfe, ...le(text)]), text, 'utf-16le', true],
    ['UTF-16 BE with BOM', new Uint8Array([0xfe, 0xff, ...be(text)]), text, 'utf-16be', true],
    ['UTF-16 LE without BOM', le(text), text, 'utf-16le', false],
    ['UTF-16 BE without BOM', be(text), text, 'utf-16be', false],
    // the first 4 bytes alone would not tell: '€' and '’' have no zero byte
    ['UTF-16 LE without BOM opening with € ’', le('€’' + text), '€’' + text, 'utf-16le', false],
    ['UTF-16 BE without BOM opening with € ’', be('€’' + text), '€’' + text, 'utf-16be', false],
  ])('%s', (_, bytes, expected, encoding, bom) => {
    expect(decodeText(bytes)).toEqual({ text: expected, encoding, bom, repaired: false });
  });

  test('decodeWindows1252 and encodeWindows1252 are inverse; a character outside Windows-1252 has no byte', () => {
    expect(decodeWindows1252(cp1252('€’œŸ\u00a0é'))).toBe('€’œŸ\u00a0é');
    expect([...cp1252('€’é')]).toEqual([0x80, 0x92, 0xe9]);
    expect(encodeWindows1252('→')).toBeNull();
  });

  test.each<[string, string]>([
    ['é è à (Ã© Ã¨ Ã\u00a0)', 'Année;Bénéficiaire;Reçu à Privas;Crèche'],
    ['’ € œ (â€™ â€¬ Å“)', 'Centre d’Ardèche;1 200 €;Cœur'],
    ['É Ç Ô', 'ÉCOLE;FRANÇAISE;CÔTE'],
  ])('text decoded twice is repaired: %s', (_, original) => {
    const bad = doubled(original);
    expect(bad).not.toBe(original);
    for (const bytes of [utf8(bad), new Uint8Array([...BOM8, ...utf8(bad)]), le(bad)]) {
      const d = decodeText(bytes);
      expect([d.text, d.repaired]).toEqual([original, true]);
    }
    // read as Latin-1 rather than Windows-1252 (’ gives C1 controls U+0080–U+009F): repaired too
    const latin1 = Buffer.from(utf8(original)).toString('latin1');
    expect(repairMojibake(latin1)).toBe(original);
  });

  test.each<[string, string]>([
    ['right accents only', 'Année;Bénéficiaire'],
    ['right and doubled accents mixed (ambiguous)', 'Année;' + doubled('Bénéficiaire')],
    ['a character Windows-1252 cannot hold', doubled('Bénéficiaire') + ' → 2019'],
    ['a lone Ã that is not a sequence', 'SÃO PAULO;Ã'],
  ])('no repair when it is not unambiguous: %s', (_, t) => {
    expect(decodeText(utf8(t))).toEqual({ text: t, encoding: 'utf-8', bom: false, repaired: false });
  });
});

describe('detectSeparator: outside quotes, on records', () => {
  test.each<[string, string, string]>([
    ['semicolon', 'a;b;c\n1;2;3\n', ';'],
    ['comma', 'a,b,c\n1,2,3\n', ','],
    ['tab', 'a\tb\tc\n1\t2\t3\n', '\t'],
    ['pipe', 'a|b|c\n1|2|3\n', '|'],
    ['decimal commas inside a semicolon file', 'Nom;Montant;Versé\nCS A;12,5;3,25\nCS B;1,5;2\n', ';'],
    ['commas inside quotes do not count', '"Dupont, Jean",12\n"Martin, Paul",13\n', ','],
    ['semicolons inside quotes do not count', 'Nom,Objet\n"A","x;y;z"\n"B","u;v;w"\n', ','],
    // split into physical lines, the middle lines of the quoted field are full of ';'
    [
      'a quoted field spanning lines full of the other separator',
      'Nom,Objet,Montant\nA,"ligne 1; a; b\nsuite; c; d\nfin; e; f",10\nB,x,20\n',
      ',',
    ],
    [
      'a quoted field spanning lines, CRLF records and bare LF',
      'Nom;Objet;Montant\r\nA;"un, deux\ntrois, quatre\ncinq, six";10\r\nB;x;20\r\n',
      ';',
    ],
    ['a title line above the header', 'Subventions 2019\nNom;Montant;Année\nA;1;2019\nB;2;2019\n', ';'],
    ['trailing ;;;; rows do not decide alone', 'a,b,c\n1,2,3\n4,5,6\n;;\n', ','],
  ])('%s', (_, text, sep) => {
    expect(detectSeparator(text)).toBe(sep);
  });
});

describe('parseCsv', () => {
  test.each<[string, string, string, (string | null)[][]]>([
    [
      'quotes, doubled quotes, separators and new lines inside quotes, empty cells as null',
      'Nom;Objet;Montant\r\n"CS ""Le Pouzin""";"a;b\nc";"12 500,00"\r\n',
      ';',
      [
        ['Nom', 'Objet', 'Montant'],
        ['CS "Le Pouzin"', 'a;b\nc', '12 500,00'],
      ],
    ],
    ['doubled quotes around a name', '"Association ""X""";1\r\n', ';', [['Association "X"', '1']]],
    ['doubled quotes inside and at the end', '"action """"Chantier"""\r\n', ';', [['action ""Chantier"']]],
    [
      'a quote in the middle of an unquoted field is kept',
      'CS "Le Pouzin";12"5;a"b"c\r\n',
      ';',
      [['CS "Le Pouzin"', '12"5', 'a"b"c']],
    ],
    [
      'a bare LF inside a quoted field of CRLF records',
      'a;b\r\n"l1\nl2\nl3\nl4\nl5";x\r\ny;z\r\n',
      ';',
      [
        ['a', 'b'],
        ['l1\nl2\nl3\nl4\nl5', 'x'],
        ['y', 'z'],
      ],
    ],
    [
      'CRLF inside a quoted field',
      'a,"b\r\nc"\r\nd,e\r\n',
      ',',
      [
        ['a', 'b\r\nc'],
        ['d', 'e'],
      ],
    ],
    [
      'last line without a line break, CR only line ends',
      'a,b\rc,d',
      ',',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    ['an empty quoted field', '"";x;""\n', ';', [[null, 'x', null]]],
    [
      'trailing ;;;; records dropped',
      'a;b;c\r\n1;2;3\r\n;;\r\n;;\r\n;;\r\n',
      ';',
      [
        ['a', 'b', 'c'],
        ['1', '2', '3'],
      ],
    ],
    [
      'trailing blank lines dropped',
      'a;b\n1;2\n\n\n  \n',
      ';',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'an empty record in the middle stays',
      'a;b\n;\n1;2\n;\n\n',
      ';',
      [
        ['a', 'b'],
        [null, null],
        ['1', '2'],
      ],
    ],
    ['a cell beginning with = stays text', '=SUM(A1);+33;-5;@x\n', ';', [['=SUM(A1)', '+33', '-5', '@x']]],
    ['only empty records', ';;\n\n', ';', []],
  ])('%s', (_, text, sep, rows) => {
    expect(parseCsv(text, sep)).toEqual(rows);
    // the separator found alone gives the same records
    if (rows.length > 1) expect(parseCsv(text)).toEqual(rows);
  });

  test('csvToGrid names the sheet after the file and drops the BOM', () => {
    const g = csvToGrid('dossier/CD07_2019.csv', new Uint8Array([...BOM8, ...utf8('a;b\n1;2\n')]));
    expect(g.sheet).toBe('CD07_2019');
    expect(g.rows[0]).toEqual(['a', 'b']);
  });

  test('readCsv says what it decided', () => {
    const r = readCsv('x.csv', new Uint8Array([...BOM8, ...cp1252('Nom,Montant\r\nCrèche,1\r\n,\r\n')]));
    expect(r).toMatchObject({ encoding: 'windows-1252', bom: true, repaired: false, separator: ',' });
    expect(r.grid.rows).toEqual([
      ['Nom', 'Montant'],
      ['Crèche', '1'],
    ]);
  });
});

/** The real open-data files of ../shared/real (expected.json says what each holds). */
const REAL = path.join(SHARED_DIR, 'real');
describeIf(
  'CSV réels (../shared/real)',
  existsSync(path.join(REAL, 'expected.json')),
  `${REAL} absent (dossier ../shared non fourni)`,
  () => {
    const read = (name: string) => readCsv(name, new Uint8Array(readFileSync(path.join(REAL, name))));

    test.each<[string, number, string, string, string]>([
      ['DEP_Lot_Subventions_2017_DONNEES.xlsx_pour_exemple.csv', 13, 'windows-1252', ';', 'NomAttribuant'],
      ['DEP_Nièvre_CD58_SUBVENTIONS_2016_LISTE.csv', 97, 'windows-1252', ',', 'COLL_NOM'],
      ['DEP_Somme_TB_20180302_DONNEES_CONVENTIONS.csv', 41, 'windows-1252', ';', 'nomAttribuant'],
      ['SCDL_DEP_Haute Garonne_datalocale-subvention.csv', 69, 'utf-8', ';', 'nomAttribuant'],
    ])('%s: 1 + %i records, %s, %j', (name, records, encoding, sep, first) => {
      const r = read(name);
      const expected = JSON.parse(readFileSync(path.join(REAL, 'expected.json'), 'utf8')).files[name];
      expect(r.encoding).toBe(encoding);
      expect(r.separator).toBe(sep);
      expect(r.repaired).toBe(false);
      expect(r.grid.rows).toHaveLength(1 + records);
      expect(expected.lines).toBe(records);
      expect(r.grid.rows[0][0]).toBe(first);
      expect(r.grid.rows[0].map(String)).toEqual(expected.columns);
      // every record as wide as the header
      expect(new Set(r.grid.rows.map((row) => row.length))).toEqual(new Set([expected.columns.length]));
    });

    test('Lot: one field holds 4 bare LF, doubled quotes, œ', () => {
      const rows = read('DEP_Lot_Subventions_2017_DONNEES.xlsx_pour_exemple.csv').grid.rows;
      const multi = rows.flat().filter((v) => typeof v === 'string' && v.includes('\n'));
      expect(multi).toHaveLength(1);
      expect((multi[0] as string).split('\n')).toHaveLength(5);
      expect(rows.flat()).toContain('Association "Ecaussystème"');
      expect(rows.flat().some((v) => typeof v === 'string' && v.includes('œ'))).toBe(true);
    });

    test('Somme: BOM dropped, é ’ € decoded right', () => {
      const r = read('DEP_Somme_TB_20180302_DONNEES_CONVENTIONS.csv');
      expect(r.bom).toBe(true);
      const text = r.grid.rows.flat().join('\n');
      expect(text).not.toMatch(/ï»¿|\uFEFF|\uFFFD/);
      expect(text).toContain('é');
      expect(text).toContain('’');
      expect(text).toContain('€');
      expect(r.grid.rows.flat()).toContain('action ""Chantier de la citadelle"');
    });
  },
);
