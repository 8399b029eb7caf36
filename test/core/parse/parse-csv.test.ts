import { csvToGrid, decodeText, decodeWindows1252, detectSeparator, parseCsv } from '../../../src/core/parse/parse-csv';

const cp1252 = (s: string) =>
  Uint8Array.from([...s].map((ch) => ({ '€': 0x80, '’': 0x92, 'œ': 0x9c, '–': 0x96 })[ch] ?? ch.charCodeAt(0)));

describe('decodeText', () => {
  const text = 'Année;Bénéficiaire;Montant\r\n2019;Centre social Lé Pouzin;12 500,00 €\r\n';

  test('UTF-8 without BOM', () => {
    expect(decodeText(new TextEncoder().encode(text))).toEqual({ text, encoding: 'utf-8' });
  });
  test('UTF-8 with BOM', () => {
    const b = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    expect(decodeText(b)).toEqual({ text, encoding: 'utf-8' });
  });
  test('Windows-1252 (€, accents, curly apostrophe, œ)', () => {
    const t = 'Cœur d’Ardèche;1 200 € – payé\r\n';
    expect(decodeText(cp1252(t))).toEqual({ text: t, encoding: 'windows-1252' });
    expect(decodeWindows1252(cp1252('€'))).toBe('€');
  });
  test('UTF-16 LE with BOM', () => {
    const b = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(decodeText(new Uint8Array(b))).toEqual({ text, encoding: 'utf-16le' });
  });
  test('UTF-16 BE with BOM', () => {
    const le = Buffer.from(text, 'utf16le');
    const be = Buffer.from(le).swap16();
    expect(decodeText(new Uint8Array(Buffer.concat([Buffer.from([0xfe, 0xff]), be])))).toEqual({ text, encoding: 'utf-16be' });
  });
  test('UTF-16 LE without BOM', () => {
    expect(decodeText(new Uint8Array(Buffer.from(text, 'utf16le')))).toEqual({ text, encoding: 'utf-16le' });
  });
});

describe('detectSeparator', () => {
  test.each<[string, string]>([
    ['a;b;c\n1;2;3\n', ';'],
    ['a,b,c\n1,2,3\n', ','],
    ['a\tb\tc\n1\t2\t3\n', '\t'],
    // decimal commas inside a semicolon file do not fool it
    ['Nom;Montant;Versé\nCS A;12,5;3,25\nCS B;1,5;2\n', ';'],
    // commas inside quotes do not count
    ['"Dupont, Jean",12\n"Martin, Paul",13\n', ','],
  ])('%j → %j', (text, sep) => {
    expect(detectSeparator(text)).toBe(sep);
  });
});

describe('parseCsv', () => {
  test('quotes, doubled quotes, separators and new lines inside quotes, empty cells as null', () => {
    const rows = parseCsv('Nom;Objet;Montant\r\n"CS ""Le Pouzin""";"a;b\nc";"12 500,00"\r\n;;\r\n', ';');
    expect(rows).toEqual([
      ['Nom', 'Objet', 'Montant'],
      ['CS "Le Pouzin"', 'a;b\nc', '12 500,00'],
      [null, null, null],
    ]);
  });
  test('last line without a line break, CR only line ends', () => {
    expect(parseCsv('a,b\rc,d', ',')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });
  test('a cell beginning with = stays text', () => {
    expect(parseCsv('=SUM(A1);+33;-5;@x\n', ';')).toEqual([['=SUM(A1)', '+33', '-5', '@x']]);
  });
  test('csvToGrid names the sheet after the file and drops the BOM', () => {
    const g = csvToGrid('dossier/CD07_2019.csv', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('a;b\n1;2\n')]));
    expect(g.sheet).toBe('CD07_2019');
    expect(g.rows[0]).toEqual(['a', 'b']);
  });
});
