import { controlsSheet, sheetsInWorkbook } from '../../../src/core/sheets/controls-sheet';
import { runPipeline } from '../../../src/core/pipeline';
import { makeFinding } from '../../../src/core/checks/messages';
import { sortFindings } from '../../../src/core/checks/run-checks';
import type { LinkCell } from '../../../src/core/model/sheet-spec';

const loc = (file: string, sheet: string, row: number, col?: string) => ({ file, sheet, row, ...(col ? { col } : {}) });
const findings = sortFindings([
  makeFinding('LIGNE_SANS_ACTION', { partner: 'CAF', year: 2019, structureName: 'CS B' }, loc('caf.xlsx', 'PS 2019', 4)),
  makeFinding('AXE_NON_FINANCE', { year: 2019, axis: '3' }),
  makeFinding('MONTANT_ILLISIBLE', { partner: 'CAF', year: 2020, structureName: 'CS A', field: 'Montant versé', value: 'en attente' }, loc('caf.xlsx', "PS l'an 2020", 10, 'D')),
  makeFinding('DOUBLON', { partner: 'MSA', year: 2019, structure: 'CS-A' }, loc('msa.xlsx', 'DM', 3)),
  makeFinding('MONTANT_NEGATIF', { partner: 'CD07', year: 2020, amount: -800 }, loc('cd07.csv', 'cd07', 8, 'H')),
]);

describe('Contrôles sheet', () => {
  const spec = controlsSheet(findings, new Map([["caf.xlsx|PS l'an 2020", "PS l'an 2020"]]));
  const table = spec.tables[0];

  test('counts by severity at the top', () => {
    expect(spec.blocks.find((b) => b.style === 'keyfigures')?.cells[0]).toEqual(['Erreurs', 2, 'Alertes', 2, 'Informations', 1]);
    expect(table.headerRow).toBeGreaterThan(2);
  });

  test('one row per finding, sorted by severity then location, filterable table with a severity list', () => {
    expect(table.rows.map((r) => [r[0], r[1]])).toEqual([
      ['erreur', 'MONTANT_ILLISIBLE'],
      ['erreur', 'MONTANT_NEGATIF'],
      ['alerte', 'DOUBLON'],
      ['alerte', 'AXE_NON_FINANCE'],
      ['info', 'LIGNE_SANS_ACTION'],
    ]);
    expect(table.columns.map((c) => c.header)).toEqual(['Gravité', 'Code', 'Contrôle', 'Message', 'Partenaire', 'Structure', 'Exercice', 'Emplacement']);
    expect(table.columns[0].list).toEqual(['erreur', 'alerte', 'info']);
    expect(table.highlights?.map((h) => h.level)).toEqual(['erreur', 'erreur', 'alerte', 'alerte', 'info']);
  });

  test('a hyperlink to the very cell when the sheet is in the workbook (quotes doubled), the text location otherwise', () => {
    expect(table.rows[0][7]).toEqual<LinkCell>({ text: "caf.xlsx › PS l'an 2020 › D10", target: "'PS l''an 2020'!D10" });
    expect(table.rows[1][7]).toBe('cd07.csv › cd07 › H8');
    expect(table.rows[2][7]).toBe('msa.xlsx › DM › ligne 3');
    expect(table.rows[3][7]).toBeNull();
  });

  test('French message, partner, structure and year columns', () => {
    expect(table.rows[0][3]).toMatch(/Montant versé illisible « en attente » pour CS A/);
    expect(table.rows[2].slice(4, 7)).toEqual(['MSA', 'CS-A', 2019]);
  });

  test('no finding: zero counts and an empty table', () => {
    const empty = controlsSheet([]);
    expect(empty.blocks[1].cells[0]).toEqual(['Erreurs', 0, 'Alertes', 0, 'Informations', 0]);
    expect(empty.tables[0].rows).toEqual([]);
  });
});

describe('links from the pipeline', () => {
  test('a source sheet that is in the workbook being written gets a link to its cell; generated sheets never do', () => {
    const saisie = { file: 'pilotage.xlsx', sheet: 'Saisie CAF 2019', rows: [['Structure', 'Montant voté'], ['CS Inconnu', 'beaucoup']] };
    const other = { file: 'CAF_2019.xlsx', sheet: 'PS', rows: [['Structure', 'Montant voté'], ['CS Autre', 'x']] };
    const r = runPipeline({ sources: [{ file: saisie.file, grids: [saisie] }, { file: other.file, grids: [other] }], existing: [saisie, { file: 'pilotage.xlsx', sheet: 'Financements', rows: [] }], asOf: '2019-06-30' });
    const table = r.sheets.find((s) => s.name === 'Contrôles')!.tables[0];
    const locs = table.rows.filter((row) => row[1] === 'MONTANT_ILLISIBLE').map((row) => row[7]);
    expect(locs).toEqual(expect.arrayContaining([{ text: 'pilotage.xlsx › Saisie CAF 2019 › B2', target: "'Saisie CAF 2019'!B2" }, 'CAF_2019.xlsx › PS › B2']));
    expect(sheetsInWorkbook([{ file: 'p.xlsx', sheet: 'financements', rows: [] }], ['Financements']).size).toBe(0);
  });
});
