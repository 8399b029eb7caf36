import ExcelJS from 'exceljs';
import { strFromU8, strToU8 } from 'fflate';
import { orderSheetPr, restoreSheetOrder } from '../../../src/adapters/exceljs/keep-sheets';
import { unkeptParts } from '../../../src/adapters/exceljs/load-existing';
import { buildWorkbook, workbookBytes } from '../../../src/adapters/exceljs/build-workbook';
import type { SheetSpec } from '../../../src/core/model/sheet-spec';

const HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';

describe('keep-sheets: what a re-fill carries over for the sheets it keeps', () => {
  test('sheetPr children in CT_SheetPr order (tabColor, outlinePr, pageSetUpPr), the rest byte for byte', () => {
    const tail =
      '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Synthèse é</t></is></c></row></sheetData></worksheet>';
    const xml = `${HEAD}<sheetPr codeName="Feuil1"><pageSetUpPr fitToPage="1"/><outlinePr summaryBelow="0" summaryRight="0"/><tabColor rgb="FF1F4E79"/></sheetPr>${tail}`;
    expect(strFromU8(orderSheetPr(strToU8(xml)))).toBe(
      `${HEAD}<sheetPr codeName="Feuil1"><tabColor rgb="FF1F4E79"/><outlinePr summaryBelow="0" summaryRight="0"/><pageSetUpPr fitToPage="1"/></sheetPr>${tail}`,
    );
    // already in order, or no sheetPr: the same bytes
    const ok = strToU8(
      `${HEAD}<sheetPr><outlinePr summaryBelow="0"/><pageSetUpPr fitToPage="1"/></sheetPr>${tail}`,
    );
    expect(orderSheetPr(ok)).toBe(ok);
    const none = strToU8(`${HEAD}${tail}`);
    expect(orderSheetPr(none)).toBe(none);
  });

  test('kept sheets go back after the sheet that preceded them; generated sheets keep the specs’ order', () => {
    const wb = new ExcelJS.Workbook();
    // as a re-fill leaves them: kept sheets first (loaded), then the sheets drawn again, appended
    for (const n of [
      'Programmation 2019',
      'Mes notes',
      'Synthèse COPIL 2019',
      'Partenaires',
      'Programmation 2020',
      'Synthèse COPIL 2020',
      'Changements',
    ])
      wb.addWorksheet(n);
    restoreSheetOrder(
      wb,
      ['Partenaires', 'Programmation 2020', 'Synthèse COPIL 2020', 'Changements'],
      [
        'Partenaires',
        'Programmation 2019',
        'Programmation 2020',
        'Synthèse COPIL 2019',
        'Synthèse COPIL 2020',
        'Mes notes',
      ],
    );
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Partenaires',
      'Programmation 2019',
      'Programmation 2020',
      'Synthèse COPIL 2019',
      'Synthèse COPIL 2020',
      'Mes notes',
      'Changements',
    ]);
  });

  test('a kept sheet first in the previous order stays first', () => {
    const wb = new ExcelJS.Workbook();
    for (const n of ['Lisez-moi', 'Partenaires']) wb.addWorksheet(n);
    restoreSheetOrder(wb, ['Partenaires'], ['Lisez-moi', 'Partenaires']);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Lisez-moi', 'Partenaires']);
  });

  test('charts of kept sheets are not reported lost when the writer carries them over', async () => {
    const spec: SheetSpec = {
      name: 'Synthèse',
      role: 'synthese',
      blocks: [
        {
          startRow: 1,
          startCol: 1,
          cells: [
            ['Axe', 'Voté'],
            ['A', 1],
            ['B', 2],
          ],
        },
      ],
      tables: [],
      charts: [
        {
          kind: 'barClustered',
          title: 't',
          categories: 'A2:A3',
          categoryLabels: ['A', 'B'],
          series: [{ name: 'Voté', nameCell: 'B1', values: 'B2:B3', cached: [1, 2] }],
          from: { row: 5, col: 1 },
          to: { row: 15, col: 5 },
        },
      ],
    };
    const bytes = await workbookBytes(await buildWorkbook([spec]), [spec]);
    expect(unkeptParts(bytes, new Map([['Contrôles', 0]]))).toEqual(['1 graphique(s)']);
    expect(unkeptParts(bytes, new Map([['Contrôles', 0]]), true)).toEqual([]);
    expect(unkeptParts(bytes, new Map([['Synthèse', 0]]), true)).toEqual(['1 graphique(s)']);
  });
});
