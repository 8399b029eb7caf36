/**
 * The ZIP path on fflate: the writer (with Node's zlib as engine, or fflate's own deflate as in
 * the task pane) and the outline read before loading (directory, sizes, sheet heads).
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { strFromU8, unzipSync } from 'fflate';
import { ZipWriter, type ChunkDeflater } from '../../../src/adapters/exceljs/zip-writer';
import { entryHeads, outlineWorkbook, zipEntries } from '../../../src/adapters/exceljs/zip-outline';
import { zlibDeflater } from '../../../src/adapters/node/file-sink';

function archive(engine: ChunkDeflater | undefined, fill: (z: ZipWriter) => void): Uint8Array {
  const chunks: Uint8Array[] = [];
  let closed = 0;
  const z = new ZipWriter({ write: (c) => chunks.push(c.slice()), close: () => closed++ }, engine);
  fill(z);
  z.close();
  expect(closed).toBe(1);
  return Buffer.concat(chunks);
}

const BIG = Array.from({ length: 60000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`).join('');

describe.each([
  ['zlib de Node', zlibDeflater],
  ['deflate de fflate (volet)', undefined],
])('écriture ZIP par fflate, moteur %s', (_, engine) => {
  const make = () =>
    archive(engine, (z) => {
      z.add('mimetype', 'application/test', { store: true });
      z.add('a.xml', '<a>é</a>');
      const e = z.entry('big.xml');
      for (let i = 0; i < BIG.length; i += 100_000) e.write(BIG.slice(i, i + 100_000));
      e.write(new Uint8Array([0x3c, 0x2f, 0x3e]));
      e.end();
      z.add('empty.xml', '');
    });

  it('relu à l’identique par fflate, tailles et méthodes déclarées', () => {
    const zip = make();
    const files = unzipSync(zip);
    expect(strFromU8(files['a.xml'])).toBe('<a>é</a>');
    expect(strFromU8(files['big.xml'])).toBe(`${BIG}</>`);
    expect(files['empty.xml']).toHaveLength(0);
    expect(zipEntries(zip)).toEqual([
      { name: 'mimetype', method: 0, compressedSize: 16, size: 16 },
      expect.objectContaining({ name: 'a.xml', method: 8, size: 9 }),
      expect.objectContaining({ name: 'big.xml', method: 8, size: BIG.length + 3 }),
      expect.objectContaining({ name: 'empty.xml', method: 8, size: 0 }),
    ]);
  });

  it('mêmes entrées, mêmes octets (date fixe)', () => {
    expect(Buffer.compare(make(), make())).toBe(0);
  });

  it('une entrée ouverte empêche d’en commencer une autre', () => {
    const z = new ZipWriter({ write: () => undefined, close: () => undefined }, engine);
    z.entry('a');
    expect(() => z.entry('b')).toThrow(/non terminée/);
  });
});

describe('lecture du répertoire avant chargement', () => {
  it('archive tronquée ou corrompue : illisible, sans exception', () => {
    const zip = archive(zlibDeflater, (z) => z.add('a.xml', BIG));
    expect(zipEntries(zip.subarray(0, zip.length >> 1))).toBeUndefined();
    expect(zipEntries(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]))).toBeUndefined();
  });

  it('bombe : tailles déclarées lues sans rien décompresser, aucune feuille lue au-delà de la limite', () => {
    const raw = Buffer.alloc(1 << 20, 0x20);
    const deflated = deflateRawSync(raw, { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
    let crc = 0;
    for (let i = 0; i < 1024; i++) crc = crc32(raw, crc);
    const zip = archive(zlibDeflater, (z) => {
      z.add('xl/workbook.xml', '<workbook><sheets><sheet name="PS" r:id="rId1"/></sheets></workbook>');
      z.add('xl/_rels/workbook.xml.rels', '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>');
      z.addDeflated('xl/worksheets/sheet1.xml', crc, raw.length * 1024, [...Array.from({ length: 1024 }, () => deflated), deflateRawSync(Buffer.alloc(0))]);
    });
    expect(zip.length).toBeLessThan(2 << 20);
    const t0 = performance.now();
    const o = outlineWorkbook(zip, 500 << 20)!;
    expect(performance.now() - t0).toBeLessThan(1000); // inflating 1 GB would take seconds
    expect(o.unzippedBytes).toBeGreaterThan(1 << 30);
    expect(o.sheets).toEqual([]);
    // under no limit, the sheet's head is read, and only its head
    const heads = entryHeads(zip, ['xl/worksheets/sheet1.xml'], 64 * 1024);
    expect(heads.get('xl/worksheets/sheet1.xml')).toHaveLength(64 * 1024);
    expect(outlineWorkbook(zip)!.sheets).toEqual([{ name: 'PS', entry: 'xl/worksheets/sheet1.xml', xmlBytes: 1 << 30, cells: undefined }]);
  });

  it('dimension déclarée lue dans les premiers octets de la feuille', () => {
    const zip = archive(undefined, (z) => {
      z.add('xl/workbook.xml', '<workbook><sheets><sheet name="A &amp; B" r:id="rId1"/></sheets></workbook>');
      z.add('xl/_rels/workbook.xml.rels', '<Relationships><Relationship Id="rId1" Target="/xl/worksheets/s.xml"/></Relationships>');
      z.add('xl/worksheets/s.xml', `<worksheet><dimension ref="A1:D$1000000"/><sheetData>${BIG}</sheetData></worksheet>`);
    });
    expect(outlineWorkbook(zip)!.sheets).toEqual([{ name: 'A & B', entry: 'xl/worksheets/s.xml', xmlBytes: expect.any(Number), cells: 4_000_000 }]);
  });
});
