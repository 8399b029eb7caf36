/** A workbook written by a script stores formulas without their results: the simple ones are read as their value, the others marked. */
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { readInput, workbookToGrids } from '../../../src/adapters/exceljs/read-workbook';
import { readSheetXml } from '../../../src/adapters/exceljs/read-sheet-xml';
import type { CellValue, Grid } from '../../../src/core/model/grid';
import { formulaCellFindings } from '../../../src/core/import/formula-cells';

async function viaExceljs(file: string, bytes: Uint8Array): Promise<Grid[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbookToGrids(file, wb);
}

async function read(file: string, bytes: Uint8Array): Promise<Grid[]> {
  const r = await readInput(file, bytes);
  if ('error' in r) throw new Error(r.error);
  return r.grids;
}

const cell = (g: Grid, ref: string): CellValue => {
  const m = /^([A-Z])(\d+)$/.exec(ref)!;
  return g.rows[Number(m[2]) - 1]?.[m[1].charCodeAt(0) - 65] ?? null;
};

/** A package around one sheet's XML (`sheetData` content), as a script would write it. */
function xlsx(sheetData: string, prefix = ''): Uint8Array {
  const p = prefix ? `${prefix}:` : '';
  const ns = prefix ? `xmlns:${prefix}` : 'xmlns';
  const files: Record<string, string> = {
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    'xl/workbook.xml':
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="PS 2019" sheetId="1" r:id="rId1"/></sheets></workbook>',
    'xl/_rels/workbook.xml.rels':
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    'xl/worksheets/sheet1.xml': `<?xml version="1.0" encoding="UTF-8"?><${p}worksheet ${ns}="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><${p}sheetData>${prefix ? sheetData.replace(/<(\/?)(row|c|f|v)\b/g, `<$1${p}$2`) : sheetData}</${p}sheetData></${p}worksheet>`,
  };
  return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));
}

describe('formulas written without results (exceljs, as a script would)', () => {
  let bytes: Uint8Array;
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('PS 2019');
    ws.addRow(['Structure', 'Taux', 'Montant voté', 'Montant versé', 'Code']);
    const amounts = [1000, 2500.5, 300, 4000, 0, 1200, 750];
    amounts.forEach((a, i) => ws.addRow([`CS ${i}`, 0.5, a, { formula: `B${i + 2}*C${i + 2}` }, { formula: `VLOOKUP(A${i + 2},A1:B2,2,0)` }]));
    ws.getCell('C10').value = { formula: 'SUM(C3:C9)' } as ExcelJS.CellFormulaValue;
    ws.getCell('D10').value = { formula: 'SUM(D2:D8)' } as ExcelJS.CellFormulaValue;
    bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  });

  test('a sum and a product are read as their values; a VLOOKUP is the marker, never empty or zero', async () => {
    const [g] = await read('CAF_2019.xlsx', bytes);
    expect(cell(g, 'C10')).toBe(2500.5 + 300 + 4000 + 0 + 1200 + 750);
    expect(cell(g, 'D2')).toBe(500);
    expect(cell(g, 'D3')).toBe(1250.25);
    expect(cell(g, 'D10')).toBe((1000 + 2500.5 + 300 + 4000 + 0 + 1200 + 750) / 2);
    expect(cell(g, 'E2')).toEqual({ error: '#SANS_RESULTAT', formula: 'VLOOKUP(A2,A1:B2,2,0)' });
  });

  test('exceljs (the fallback) reads the same grid', async () => {
    expect(await viaExceljs('CAF_2019.xlsx', bytes)).toEqual(await read('CAF_2019.xlsx', bytes));
  });

  test('said once for the sheet: 7 cells, the first one, its formula and why', async () => {
    const [g] = await read('CAF_2019.xlsx', bytes);
    const f = formulaCellFindings(g);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({
      code: 'FORMULE_SANS_RESULTAT',
      severity: 'alerte',
      count: 7,
      cell: 'E2',
      value: '=VLOOKUP(A2,A1:B2,2,0)',
      detail: 'fonction VLOOKUP non prise en charge',
      location: { file: 'CAF_2019.xlsx', sheet: 'PS 2019', row: 2, col: 'E' },
    });
    expect(f[0].message).toBe(
      "7 cellules de cette feuille contiennent une formule enregistrée sans son résultat (fichier écrit par un programme) que l'outil ne sait pas calculer (la première en E2 : =VLOOKUP(A2,A1:B2,2,0), fonction VLOOKUP non prise en charge) : elles ne sont lues ni comme zéro ni comme vide, et un montant ainsi calculé n'est pas compté. Ouvrez le fichier dans Excel ou LibreOffice puis enregistrez-le pour que les résultats y soient stockés, et relancez.",
    );
  });
});

describe('formulas written without results (sheet XML by hand)', () => {
  const SHEET =
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Structure</t></is></c><c r="B1" t="inlineStr"><is><t>Montant</t></is></c><c r="C1" t="inlineStr"><is><t>Taux</t></is></c><c r="D1" t="inlineStr"><is><t>Part</t></is></c></row>' +
    '<row r="2"><c r="B2"><v>1000</v></c><c r="C2"><v>0.1</v></c><c r="D2"><f t="shared" ref="D2:D4" si="0">B2*C2</f></c></row>' +
    '<row r="3"><c r="B3" t="str"><v>2 000,50 €</v></c><c r="C3"><v>0.5</v></c><c r="D3"><f t="shared" si="0"/></c></row>' +
    '<row r="4"><c r="B4"><v>300</v></c><c r="C4"><v>1</v></c><c r="D4"><f t="shared" si="0"/><v></v></c></row>' +
    '<row r="5"><c r="B5"><f>SUM(B2:B4)</f></c><c r="C5"><f>SOMME(B2;B4)</f></c><c r="D5"><f>SUM(D2:D4)</f></c><c r="E5" t="str"><f>B5&amp;" €"</f></c></row>' +
    '<row r="6"><c r="B6"><f>Feuil2!B6</f></c><c r="C6"><f>B6+1</f></c><c r="D6"><f>B5-B4</f><v>999</v></c><c r="E6"><f t="shared" si="7"/></c></row>';

  test.each(['', 'x'])('shared formulas moved, sums, texts holding amounts; the rest marked (prefix %p)', async (prefix) => {
    const bytes = xlsx(SHEET, prefix);
    const [g] = await read('script.xlsx', bytes);
    expect(g.rows.slice(1).map((r) => r.slice(1))).toEqual([
      [1000, 0.1, 100],
      ['2 000,50 €', 0.5, 1000.25],
      [300, 1, 300],
      [3300.5, 1300, 1400.25, { error: '#SANS_RESULTAT', formula: 'B5&" €"' }],
      [{ error: '#SANS_RESULTAT', formula: 'Feuil2!B6' }, { error: '#SANS_RESULTAT', formula: 'B6+1' }, 999, { error: '#SANS_RESULTAT' }],
    ]);
    const [f] = formulaCellFindings(g);
    expect(f).toMatchObject({ count: 4, cell: 'E5', detail: 'opérateur &' });
  });

  test('exceljs (the fallback) reads the same grid from the same bytes (shared formulas moved by exceljs)', async () => {
    const bytes = xlsx(SHEET);
    expect(await viaExceljs('script.xlsx', bytes)).toEqual(await read('script.xlsx', bytes));
  });

  test('the XML reading keeps the formula cells as they were for a re-fill (value null, text of the master only)', () => {
    const [s] = readSheetXml(xlsx(SHEET));
    expect(s.cells[1][3]).toEqual({ value: null, formula: 'B2*C2', noResult: 'B2*C2' });
    expect(s.cells[2][3]).toEqual({ value: null, noResult: 'B3*C3' });
    expect(s.cells[5][3]).toEqual({ value: 999, formula: 'B5-B4' });
  });

  test('a workbook whose formulas all have results: nothing said', async () => {
    const [g] = await read('ok.xlsx', xlsx('<row r="1"><c r="A1"><v>2</v></c><c r="B1"><f>A1*2</f><v>4</v></c></row>'));
    expect(g.rows).toEqual([[2, 4]]);
    expect(formulaCellFindings(g)).toEqual([]);
  });
});
