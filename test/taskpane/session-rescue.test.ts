/**
 * Issue 27 in the pane's session: every decision of the reading is a user choice, saved as the
 * CLI's mapping file says it — the structure of a whole sheet, the header row, the unit, the
 * fill-down of a group's fields, the refusal of last year's corrections — and a file where nothing
 * is recognised still shows its sheets, so that their kind and columns can be chosen.
 */
import type { MappingFile } from '../../src/core/import/mapping-file';
import type { Grid } from '../../src/core/model/grid';
import { cellWhere } from '../../src/taskpane/group-findings';
import { PaneSession } from '../../src/taskpane/session';

const g = (file: string, sheet: string, rows: Grid['rows'], extra: Partial<Grid> = {}): Grid => ({ file, sheet, rows, ...extra });
const reading = (s: PaneSession, file: string, sheet: string) => s.shownReadings().find((r) => r.file === file && r.sheet === sheet)!;
const entry = (s: PaneSession, file: string, sheet: string) => s.mappingToSave().sheets.find((e) => e.file === file && e.sheet === sheet);
const names = (s: PaneSession, file: string, sheet: string) => reading(s, file, sheet).records.map((x) => (x.cells.structureName?.value ? String(x.cells.structureName.value) : ''));

const FORM = ['Fiches.xlsx', 'Fiche 12'] as const;
const form = () => g(...FORM, [['Fiche n° 12'], [], ['Dispositif', 'Objet', 'Montant voté', 'Montant versé'], ['AJIR', 'Projet jeunes', 1000, 1000], ['PVF', 'Vacances', 2000, 1500]]);
const GROUPED = ['CD07 2019.xlsx', 'CD07 2019'] as const;
const grouped = () =>
  g(...GROUPED, [
    ['Structure', 'Dispositif', 'Montant voté'],
    ['Centre social Le Chambon', 'AJIR', 100],
    [null, 'PVF', 200],
    ['Centre social La Cascade', 'AJIR', 300],
    ['Espace de vie sociale Le Lavoir', 'PVF', 400],
    ['Centre social Les Oliviers', 'AJIR', 50],
  ]);

describe('PaneSession: the reading model chosen by the user (issue 27)', () => {
  it('« Structure de toute la feuille »: a form whose structure the detection cannot find is read, saved in context.structureName, and given back', () => {
    const s = new PaneSession();
    s.setWorkbookGrids([form()]);
    s.run();
    // nothing recognised: the core refuses the file, the pane still shows its sheet, as a « Feuille ignorée » alert (not « Fichier illisible »)
    expect(s.result!.readings).toEqual([]);
    expect(reading(s, ...FORM).kind).toBe('ignored');
    expect(reading(s, ...FORM).headerLabels).toEqual(['Dispositif', 'Objet', 'Montant voté', 'Montant versé']);
    expect(s.shownFindings().some((f) => f.code === 'FICHIER_REJETE')).toBe(false);
    expect(s.shownFindings().filter((f) => f.code === 'FEUILLE_IGNOREE').map((f) => f.severity)).toEqual(['alerte']);

    s.setSheetValue(...FORM, 'structureName', '  Centre social Le Chambon ');
    s.run();
    expect(reading(s, ...FORM).kind).toBe('fundings');
    expect(names(s, ...FORM)).toEqual(['Centre social Le Chambon', 'Centre social Le Chambon']);
    expect(entry(s, ...FORM)?.context).toEqual({ structureName: 'Centre social Le Chambon' });
    expect(s.hasCorrections(...FORM)).toBe(true);
    expect(s.shownFindings().some((f) => f.code === 'FEUILLE_IGNOREE')).toBe(false);

    // emptied: the sheet's own again
    s.setSheetValue(...FORM, 'structureName', '');
    s.run();
    expect(entry(s, ...FORM)).not.toHaveProperty('context');
    expect(reading(s, ...FORM).kind).toBe('ignored');
  });

  it('« Recopier vers le bas »: a name written once per group is filled down when asked, the detection refused with [], and given back', () => {
    const s = new PaneSession();
    s.setWorkbookGrids([grouped()]);
    s.run();
    // a single blank under a name: the detection does not fill it
    expect(reading(s, ...GROUPED).context?.filledDown).toBeUndefined();
    expect(names(s, ...GROUPED)).toEqual(['Centre social Le Chambon', '', 'Centre social La Cascade', 'Espace de vie sociale Le Lavoir', 'Centre social Les Oliviers']);
    s.setFillDown(...GROUPED, 'structureName', true, reading(s, ...GROUPED).context?.filledDown ?? []);
    s.run();
    expect(names(s, ...GROUPED)[1]).toBe('Centre social Le Chambon');
    expect(reading(s, ...GROUPED).context?.filledDown).toEqual(['structureName']);
    expect(entry(s, ...GROUPED)?.fillDown).toEqual(['structureName']);
    // unticked: the user's [] (a refusal of any detected fill-down), saved as such
    s.setFillDown(...GROUPED, 'structureName', false, reading(s, ...GROUPED).context?.filledDown ?? []);
    s.run();
    expect(names(s, ...GROUPED)[1]).toBe('');
    expect(entry(s, ...GROUPED)?.fillDown).toEqual([]);
    s.resetFillDown(...GROUPED);
    s.run();
    expect(entry(s, ...GROUPED)?.fillDown).toBeUndefined();
  });

  it('an unrecognised CSV: its header row, kind and columns chosen by hand; the file is then read', () => {
    const s = new PaneSession();
    s.setWorkbookGrids([g('export.csv', 'export', [['Col1', 'Col2', 'Col3'], ['Centre social Le Chambon', 'AJIR', 100], ['Centre social La Cascade', 'PVF', 300]])]);
    s.run();
    expect(reading(s, 'export.csv', 'export')).toMatchObject({ kind: 'ignored', reason: "aucune ligne d'en-tête reconnue" });
    s.setHeaderRow('export.csv', 'export', 1);
    s.run();
    expect(reading(s, 'export.csv', 'export').headerLabels).toEqual(['Col1', 'Col2', 'Col3']);
    // still refused by the core, but the choice is saved (the next session reads the header there)
    expect(entry(s, 'export.csv', 'export')).toMatchObject({ header: 1 });
    s.setSheetKind('export.csv', 'export', 'fundings');
    s.setColumnField('export.csv', 'export', 'Col1', 'structureName');
    s.setColumnField('export.csv', 'export', 'Col2', 'dispositif');
    s.setColumnField('export.csv', 'export', 'Col3', 'voted');
    s.setUnit('export.csv', 'export', 'milliers');
    s.run();
    expect(s.result!.rejected).toEqual([]);
    const r = reading(s, 'export.csv', 'export');
    expect([r.kind, r.records.length, r.records[1].cells.voted?.value]).toEqual(['fundings', 2, 300000]);
    expect(entry(s, 'export.csv', 'export')).toMatchObject({ kind: 'fundings', header: 1, unit: 'milliers', columns: { Col1: 'structureName', Col2: 'dispositif', Col3: 'voted' } });
    s.setUnit('export.csv', 'export', undefined);
    s.setHeaderRow('export.csv', 'export', undefined);
    s.run();
    expect(entry(s, 'export.csv', 'export')).not.toHaveProperty('unit');
    expect(entry(s, 'export.csv', 'export')).not.toHaveProperty('header');
  });

  it('a hidden sheet is read once its kind is chosen, and its « Feuille ignorée » goes only then', () => {
    const s = new PaneSession();
    const row = (n: string, v: number) => [n, 'AJIR', v];
    s.setWorkbookGrids([g(...GROUPED, [['Structure', 'Dispositif', 'Montant voté'], row('Centre social Le Chambon', 100)]), g(GROUPED[0], 'Cachée', [['Structure', 'Dispositif', 'Montant voté'], row('Centre social La Cascade', 300)], { hidden: true })]);
    s.run();
    expect(reading(s, GROUPED[0], 'Cachée')).toMatchObject({ kind: 'ignored', reason: 'feuille masquée' });
    expect(s.shownFindings().filter((f) => f.code === 'FEUILLE_IGNOREE')).toHaveLength(1);
    s.setSheetKind(GROUPED[0], 'Cachée', 'fundings');
    s.run();
    expect([reading(s, GROUPED[0], 'Cachée').kind, reading(s, GROUPED[0], 'Cachée').records.length]).toEqual(['fundings', 1]);
    expect(s.shownFindings().filter((f) => f.code === 'FEUILLE_IGNOREE')).toHaveLength(0);
  });

  it("last year's corrections found for a renamed file are applied, then refused with reuse: false (kept, not found again)", async () => {
    const header = ['Bénéficiaire', 'Aide', 'Montant attribué', 'Commentaire'];
    const lastYear: MappingFile = { version: 1, sheets: [{ file: 'CD07 aides 2019.xlsx', sheet: 'Aides', columns: { Bénéficiaire: 'structureName', Aide: 'dispositif', 'Montant attribué': 'voted', Commentaire: null } }] };
    const s = new PaneSession();
    await s.loadSaved(async () => JSON.parse(JSON.stringify(lastYear)));
    s.setWorkbookGrids([g('Département subventions 2020.xlsx', 'Feuil1', [header, ['Centre social Le Chambon', 'AJIR', 100, 'ok']])]);
    s.run();
    const r = reading(s, 'Département subventions 2020.xlsx', 'Feuil1');
    expect(r.appliedFrom).toEqual({ file: 'CD07 aides 2019.xlsx', sheet: 'Aides' });
    expect(s.result!.findings.some((f) => f.code === 'CORRECTIONS_REPRISES')).toBe(true);
    s.refuseReuse('Département subventions 2020.xlsx', 'Feuil1');
    s.run();
    expect(reading(s, 'Département subventions 2020.xlsx', 'Feuil1').appliedFrom).toBeUndefined();
    expect(s.result!.findings.some((f) => f.code === 'CORRECTIONS_REPRISES')).toBe(false);
    expect(entry(s, 'Département subventions 2020.xlsx', 'Feuil1')?.reuse).toBe(false);
    // last year's entry is kept for last year's file
    expect(entry(s, 'CD07 aides 2019.xlsx', 'Aides')?.columns).toEqual(lastYear.sheets[0].columns);
  });
});

describe('pane words (issue 27 §6)', () => {
  it('a location is always a cell, « › B10 » style: a whole line names its first cell', () => {
    expect(cellWhere({ file: 'a.xlsx', sheet: 'S', row: 9 })).toBe('a.xlsx › S › A9');
    expect(cellWhere({ file: 'a.xlsx', sheet: 'S', row: 10, col: 'B' })).toBe('a.xlsx › S › B10');
    expect(cellWhere({ file: 'a.xlsx', sheet: '', row: 0 })).toBe('a.xlsx');
  });
});
