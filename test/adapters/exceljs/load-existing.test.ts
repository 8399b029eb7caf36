import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { loadExistingWorkbook, repairPackage } from '../../../src/adapters/exceljs/load-existing';
import { readSheetXml } from '../../../src/adapters/exceljs/read-sheet-xml';
import { runCli } from '../../helpers/run-cli';
import { EXAMPLES_DIR } from '../../golden/examples-pipeline';

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A package as a foreign tool writes it: absolute targets, `x:` prefixes, inline and shared strings. */
function foreignPackage(): Uint8Array {
  const files: Record<string, string> = {
    '[Content_Types].xml': `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
    '_rels/.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="/xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0"?><x:workbook xmlns:x="${NS}" xmlns:r="${R}"><x:sheets><x:sheet name="L'équipe [2020]" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/worksheet" Target="/xl/worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${R}/sharedStrings" Target="/xl/sharedStrings.xml"/></Relationships>`,
    'xl/sharedStrings.xml': `<?xml version="1.0"?><x:sst xmlns:x="${NS}"><x:si><x:t>Nom &amp; prénom</x:t></x:si><x:si><x:r><x:t>Riche </x:t></x:r><x:r><x:t>texte</x:t></x:r><x:rPh><x:t>ふりがな</x:t></x:rPh></x:si></x:sst>`,
    'xl/worksheets/sheet1.xml': `<?xml version="1.0"?><x:worksheet xmlns:x="${NS}"><x:sheetData>
      <x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c><x:c r="C1" t="inlineStr"><x:is><x:t xml:space="preserve"> en ligne_x000D_</x:t></x:is></x:c></x:row>
      <x:row r="3"><x:c r="A3"><x:v>12500.5</x:v></x:c><x:c r="B3"><x:f>A3*2</x:f><x:v>25001</x:v></x:c><x:c r="C3" t="b"><x:v>1</x:v></x:c><x:c r="D3" t="e"><x:v>#REF!</x:v></x:c><x:c r="E3" t="str"><x:f>"=pas"&amp;"une formule"</x:f><x:v>=pasune formule</x:v></x:c></x:row>
    </x:sheetData><x:mergeCells><x:mergeCell ref="A5:C5"/></x:mergeCells></x:worksheet>`,
  };
  return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));
}

describe('reading the sheet XML directly', () => {
  test('shared strings, rich text, inline strings, formulas with cached result, booleans, errors, prefixes', () => {
    const [s] = readSheetXml(foreignPackage());
    expect(s.name).toBe("L'équipe [2020]");
    expect(s.cells[0].map((c) => c?.value)).toEqual(['Nom & prénom', 'Riche texte', ' en ligne\r']);
    expect(s.cells[1]).toEqual([]);
    expect(s.cells[2].map((c) => c?.value)).toEqual([12500.5, 25001, true, { error: '#REF!' }, '=pasune formule']);
    expect(s.cells[2][1]?.formula).toBe('A3*2');
    expect(s.merges).toEqual([{ top: 5, left: 1, bottom: 5, right: 3 }]);
  });

  test('repairPackage makes absolute targets relative', () => {
    const zip = unzipSync(repairPackage(foreignPackage()));
    expect(strFromU8(zip['xl/_rels/workbook.xml.rels'])).toContain('Target="worksheets/sheet1.xml"');
    expect(strFromU8(zip['_rels/.rels'])).toContain('Target="xl/workbook.xml"');
  });
});

describe('a workbook exceljs cannot load is re-filled from its cells', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'avs-xmlfallback-'));
  const inputs = path.join(dir, 'partenaires');
  const out = path.join(dir, 'pilotage.xlsx');

  beforeAll(async () => {
    cpSync(EXAMPLES_DIR, inputs, { recursive: true });
    expect((await runCli(['build', inputs, '-o', out, '-q'])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('Programmation 2020')!;
    const header = new Map<string, number>();
    ws.getRow(4).eachCell((c, col) => header.set(String(c.value), col));
    for (let r = 5; r <= ws.rowCount; r++)
      if (ws.getCell(r, 2).value === '4.6.1') ws.getCell(r, header.get('Commentaire')!).value = '@voir le budget';
    const mine = wb.addWorksheet('Suivi perso');
    mine.getCell('A1').value = 'Relance';
    mine.getCell('B1').value = { formula: 'LEN(A1)', result: 7 } as ExcelJS.CellFormulaValue;
    await wb.xlsx.writeFile(out);
    // a saver exceljs's model chokes on: styles it cannot parse
    const zip = unzipSync(new Uint8Array(readFileSync(out)));
    zip['xl/styles.xml'] = strToU8('<styleSheet><<< non XML');
    writeFileSync(out, zipSync(zip));
  }, 120000);

  test('loadExistingWorkbook falls back to the XML and keeps the cells', async () => {
    const x = await loadExistingWorkbook('pilotage.xlsx', new Uint8Array(readFileSync(out)));
    expect(x.how).toBe('xml');
    expect(x.grids.find((g) => g.sheet === 'Suivi perso')?.rows).toEqual([['Relance', 7]]);
    expect(x.notes[0]).toContain('relues cellule par cellule');
  });

  test('the CLI re-fills it: notes and user sheet kept, a French note, no English text', async () => {
    const r = await runCli(['build', inputs, '-o', out, '-q'], '2021-01-15');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('relues cellule par cellule');
    expect(r.stderr).not.toMatch(/Cannot|undefined|Error/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('Programmation 2020')!;
    const header = new Map<string, number>();
    ws.getRow(4).eachCell((c, col) => header.set(String(c.value), col));
    let note: unknown;
    for (let r2 = 5; r2 <= ws.rowCount; r2++) if (ws.getCell(r2, 2).value === '4.6.1') note = ws.getCell(r2, header.get('Commentaire')!).value;
    expect(note).toBe('@voir le budget');
    const mine = wb.getWorksheet('Suivi perso')!;
    expect(mine.getCell('A1').value).toBe('Relance');
    expect(mine.getCell('B1').formula).toBe('LEN(A1)');
    expect(wb.getWorksheet('Financements')?.getTables().length ?? Object.keys((wb.getWorksheet('Financements') as unknown as { tables: object }).tables).length).toBe(1);
  });

  test('a file that is not a workbook at all: a French message, exit 1', async () => {
    const bad = path.join(dir, 'pas-un-classeur.xlsx');
    writeFileSync(bad, 'bonjour');
    const r = await runCli(['build', inputs, '-o', bad, '-q']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Erreur : le classeur existant .*pas-un-classeur\.xlsx est illisible : ce n’est pas un classeur \.xlsx lisible/);
  });
});
