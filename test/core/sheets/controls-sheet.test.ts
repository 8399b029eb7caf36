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

  test('distinct causes: one row each, sorted by severity then location, filterable table with a severity list, no outline', () => {
    expect(table.rows.map((r) => [r[0], r[1]])).toEqual([
      ['erreur', 'MONTANT_ILLISIBLE'],
      ['erreur', 'MONTANT_NEGATIF'],
      ['alerte', 'DOUBLON'],
      ['alerte', 'AXE_NON_FINANCE'],
      ['info', 'LIGNE_SANS_ACTION'],
    ]);
    expect(table.columns.map((c) => c.header)).toEqual(['Gravité', 'Code', 'Contrôle', 'Message', 'Partenaire', 'Structure', 'Exercice', 'Emplacement', 'Lignes', 'Montant']);
    expect(table.rows.map((r) => r.slice(8))).toEqual([[1, null], [1, -800], [1, null], [1, null], [1, null]]);
    expect(table.outline).toBeUndefined();
    expect(spec.outlineCollapsed).toBeUndefined();
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

  test('a cause of many lines: one bold summary row with the count and the amount, then its lines at level 1, folded', () => {
    const unread = (row: number, structureName: string) =>
      makeFinding('MONTANT_ILLISIBLE', { partner: 'CAF', year: 2020, field: 'Montant versé', value: 'en attente', structureName }, loc('caf.xlsx', 'PS 2020', row, 'D'));
    const noAction = (row: number, voted: number, year: number) =>
      makeFinding('LIGNE_SANS_ACTION', { partner: 'MSA', year, dispositif: 'ADL', structureName: 'CS A', voted }, loc('msa.xlsx', `DM ${year}`, row));
    const all = sortFindings([unread(3, 'CS A'), unread(7, 'CS B'), makeFinding('AXE_NON_FINANCE', { year: 2019, axis: '3' }), noAction(4, 100, 2019), noAction(5, 50.25, 2020), unread(5, 'CS C')]);
    const g = controlsSheet(all, new Map([['caf.xlsx|PS 2020', 'PS 2020']]));
    const t = g.tables[0];
    expect(t.rows.map((r) => [r[1], r[3], r[8], r[9]])).toEqual([
      ['MONTANT_ILLISIBLE', 'Montant versé illisible « en attente » (CAF) : 3 lignes.', 3, null],
      ['MONTANT_ILLISIBLE', all[0].message, null, null],
      ['MONTANT_ILLISIBLE', all[1].message, null, null],
      ['MONTANT_ILLISIBLE', all[2].message, null, null],
      ['AXE_NON_FINANCE', expect.stringMatching(/axe 3/), 1, null],
      ['LIGNE_SANS_ACTION', 'Financements « ADL » rattachés à aucune action du plan (MSA) : 2 lignes, 150,25 €.', 2, 150.25],
      ['LIGNE_SANS_ACTION', expect.stringMatching(/CS A \(partenaire MSA, exercice 2019/), null, null],
      ['LIGNE_SANS_ACTION', expect.stringMatching(/CS A \(partenaire MSA, exercice 2020/), null, null],
    ]);
    // the summary: shared partner, structure, year and sheet; what differs stays empty
    expect(t.rows[0].slice(4, 8)).toEqual(['CAF', null, 2020, 'caf.xlsx › PS 2020']);
    expect(t.rows[5].slice(4, 8)).toEqual(['MSA', 'CS A', null, 'msa.xlsx']);
    // the lines keep their links
    expect(t.rows[1][7]).toEqual({ text: 'caf.xlsx › PS 2020 › D3', target: "'PS 2020'!D3" });
    expect(t.outline).toEqual([0, 1, 1, 1, 0, 0, 1, 1]);
    expect(t.subtotalRows).toEqual([0, 5]);
    expect(t.highlights).toEqual([{ row: 0, level: 'erreur' }, { row: 4, level: 'alerte' }, { row: 5, level: 'info' }]);
    expect(g.outlineSummaryAbove).toBe(true);
    expect(g.outlineCollapsed).toBe(true);
    // the key figures still count findings
    expect(g.blocks[1].cells[0]).toEqual(['Erreurs', 3, 'Alertes', 1, 'Informations', 2]);
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
