import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Grid } from '../../src/core/model/grid';
import { defaultReference } from '../../src/core/reference/default-reference';
import { REFERENTIEL_SHEET } from '../../src/core/reference/referentiel-sheet';
import { codesOf, groupFindings, searchText } from '../../src/taskpane/group-findings';
import { fieldLabel } from '../../src/taskpane/labels';
import { FIELD_NAMES, FIELDS } from '../../src/core/import/fields';
import { PaneSession } from '../../src/taskpane/session';
import { EXAMPLES_DIR } from '../adapters/office/example-pipeline';

const caf = () => ({ name: 'CAF07_PS_2019-2020.xlsx', bytes: async () => new Uint8Array(readFileSync(path.join(EXAMPLES_DIR, 'CAF07_PS_2019-2020.xlsx'))) });
const grid = (sheet: string, rows: Grid['rows']): Grid => ({ file: 'Classeur.xlsx', sheet, rows });

async function cafSession() {
  const s = new PaneSession();
  s.asOf = '2020-12-31';
  await s.addFiles([caf()]);
  return s;
}
const ps2020 = (s: PaneSession) => s.result!.readings.find((r) => r.sheet === 'PS 2020')!;

describe('PaneSession: reversible corrections', () => {
  it('ignoring a sub-column of a two-row header keeps the header; per column and per sheet « Rétablir la détection »', async () => {
    const s = await cafSession();
    s.run();
    expect([ps2020(s).headerHeight, ps2020(s).records.length]).toEqual([2, 7]);
    const f = 'CAF07_PS_2019-2020.xlsx';
    s.setColumnField(f, 'PS 2020', 'Montant versé', null);
    s.setColumnField(f, 'PS 2020', 'Prestation', 'object');
    s.run();
    expect([ps2020(s).headerHeight, ps2020(s).records.length, ps2020(s).columns.some((c) => c.field === 'paid')]).toEqual([2, 7, false]);
    expect(s.result!.findings.filter((x) => x.code === 'CHAMP_OBLIGATOIRE')).toEqual([]);
    expect([s.columnSource(f, 'PS 2020', 'Prestation'), s.columnSource(f, 'PS 2020', 'Equipement')]).toEqual(['main', 'detection']);
    s.resetColumn(f, 'PS 2020', 'Prestation');
    s.run();
    expect(ps2020(s).columns.find((c) => c.header === 'Prestation')?.field).toBe('dispositif');
    expect(s.hasCorrections(f, 'PS 2020')).toBe(true);
    s.resetSheet(f, 'PS 2020');
    s.run();
    expect(s.hasCorrections(f, 'PS 2020')).toBe(false);
    expect(ps2020(s).columns.find((c) => c.header === 'Montant versé')?.field).toBe('paid');
  });

  it('a saved mapping (next session) is a « correction enregistrée », resettable; resetAll forgets everything and is not undone by a reload of the saved one', async () => {
    const first = await cafSession();
    first.setColumnField('CAF07_PS_2019-2020.xlsx', 'PS 2020', 'Montant versé', null);
    first.run();
    const saved = first.mappingToSave();
    const s = await cafSession();
    await s.loadSaved(async () => saved);
    s.run();
    // only the user's choice is a saved correction; the detected columns stay detected (with their confidence)
    expect(s.columnSource('CAF07_PS_2019-2020.xlsx', 'PS 2020', 'Montant versé')).toBe('enregistree');
    expect(s.columnSource('CAF07_PS_2019-2020.xlsx', 'PS 2020', 'Equipement')).toBe('detection');
    expect(ps2020(s).columns.some((c) => c.field === 'paid')).toBe(false);
    s.resetAll();
    await s.loadSaved(async () => saved);
    s.run();
    expect(s.mappings).toBeUndefined();
    expect(ps2020(s).columns.some((c) => c.field === 'paid')).toBe(true);
  });
});

describe('PaneSession: years follow the data', () => {
  const aides = (year: number) => grid(`CD07 ${year}`, [['Structure', 'Dispositif', 'Montant voté'], ['Centre social Le Chambon', 'AJIR', 1000]]);
  it.each([
    ['nothing unticked: every funded year', [], [2019, 2020], true],
    ['2019 unticked', [2019], [2020], true],
    ['everything unticked: nothing produced', [2019, 2020], [], false],
  ])('%s', (_, unticked, chosen, writes) => {
    const s = new PaneSession();
    s.setWorkbookGrids([aides(2019), aides(2020)]);
    s.run();
    for (const y of unticked) s.setYear(y, false);
    s.run();
    expect(s.chosenYears()).toEqual(chosen);
    expect(s.sheetsToWrite().length > 0).toBe(writes);
    expect(s.sheetsToWrite().filter((x) => x.name.startsWith('Programmation')).map((x) => x.name)).toEqual(chosen.map((y) => `Programmation ${y}`));
  });

  it('a year that new data brings is ticked, the unticked ones stay unticked', () => {
    const s = new PaneSession();
    s.setWorkbookGrids([aides(2019), aides(2020)]);
    s.run();
    s.setYear(2019, false);
    s.run();
    s.setWorkbookGrids([aides(2019), aides(2020), aides(2021)]);
    s.run();
    expect(s.chosenYears()).toEqual([2020, 2021]);
    expect(s.result!.sheets.filter((x) => x.name.startsWith('Programmation')).map((x) => x.name)).toEqual(['Programmation 2020', 'Programmation 2021']);
  });
});

describe('PaneSession: the Référentiel sheet of the workbook', () => {
  it('is the reference, not a source; a broken one says why and changes nothing', () => {
    const s = new PaneSession();
    const ref = defaultReference();
    const rows: Grid['rows'] = [['Référentiel'], [], ['Code', 'Nom', 'Type', 'Actif', 'Alias', 'Signataires']];
    for (const p of [...ref.partners, { code: 'CARSAT', name: 'Carsat', type: 'caisse' }]) rows.push([p.code, p.name, p.type, 'Oui', '', '']);
    rows.push([], [], ['Niveau', 'Code', 'Libellé']);
    for (const a of ref.plan) rows.push(['axe', a.code, a.label]);
    rows.push([], [], ['Partenaire', 'Code', 'Libellé', 'Mots-clés', "S'applique à", 'Exige', 'Type exigé', 'Action par défaut'], ['CAF', 'PS', 'PS', 'ps', 'tous', null, null, null]);
    const errors = s.setWorkbookGrids([grid('CD07 2020', [['Structure', 'Montant voté'], ['CS A', 1]]), grid(REFERENTIEL_SHEET, rows)]);
    expect(errors).toEqual([]);
    expect(s.reference?.partners.map((p) => p.code)).toContain('CARSAT');
    expect(s.sources[0].grids.map((g) => g.sheet)).toEqual(['CD07 2020']);
    expect(s.run().reference.partners.map((p) => p.code)).toContain('CARSAT');
    const other = new PaneSession();
    expect(other.setWorkbookGrids([grid(REFERENTIEL_SHEET, [['rien']])])[0]).toMatch(/section « Partenaires » introuvable/);
    expect(other.reference).toBeUndefined();
  });
});

describe('Contrôles search and labels', () => {
  it('search folds accents and case and looks in structure, partner, file, sheet and row', async () => {
    const s = await cafSession();
    const { findings } = s.run();
    const bad = findings.find((f) => f.code === 'MONTANT_ILLISIBLE')!;
    const text = searchText(bad, new Map([['CAF', "Caisse d'allocations familiales"]]));
    for (const q of ['ps 2020', 'LIGNE 10', 'cellule d10', 'caf07', 'caisse d allocations', 'evs les terrasses']) expect(text).toContain(q.toLowerCase());
    expect(groupFindings(findings, { severities: ['erreur'], text: 'Légère ÉCHELLE introuvable' })).toEqual([]);
    expect(groupFindings(findings, { severities: ['erreur'], text: 'TERRASSES' }).flatMap((g) => g.findings)).toContain(bad);
  });

  it('the type filter offers only the codes of the severities shown, by title', async () => {
    const s = await cafSession();
    const { findings } = s.run();
    const errs = codesOf(findings, ['erreur']);
    expect(errs.every((c) => findings.some((f) => f.code === c.code && f.severity === 'erreur'))).toBe(true);
    expect(codesOf(findings, []).length).toBe(0);
  });

  it('every field has a French label that is none of its synonyms in lower case', () => {
    for (const f of FIELD_NAMES) {
      expect(fieldLabel(f)).toMatch(/^[A-ZÉN]/);
      expect((FIELDS[f] as readonly string[]).includes(fieldLabel(f))).toBe(false);
    }
  });
});
