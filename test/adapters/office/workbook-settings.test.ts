/**
 * The mappings saved in the workbook settings: a co-author's corrections kept (each pane works on
 * its own copy of the settings; a save merges with what the workbook holds now), and a size
 * measured before anything is saved (Microsoft: 2 MB at most, failures reported near 1 MB).
 */
import type { MappingFile } from '../../../src/core/import/mapping-file';
import { SETTINGS } from '../../../src/adapters/office/generated-sheets';
import { mergeMappings, saveMappings, SETTINGS_SAFE_BYTES, SettingsTooLarge } from '../../../src/adapters/office/workbook-settings';
import { excelHost } from '../../../src/taskpane/pane-host';
import { FakeCoauthoring, FakeWorkbook } from './fake-excel';

const entry = (sheet: string, col = 'Montant voté'): MappingFile['sheets'][number] => ({ file: 'CAF07_PS.xlsx', sheet, columns: { [col]: 'voted' } });
const file = (...sheets: MappingFile['sheets']): MappingFile => ({ version: 1, sheets });
const saved = (wb: FakeWorkbook) => JSON.parse(String(wb.settings.get(SETTINGS.mappings))) as MappingFile;
const sheetsOf = (m: MappingFile) => m.sheets.map((e) => e.sheet).sort();

describe('office adapter: mappings saved in the workbook settings', () => {
  it("two co-authors' corrections: a save from one pane keeps the other's (re-read and merged before writing)", async () => {
    const doc = new FakeCoauthoring(10, 10);
    const a = doc.join();
    const b = doc.join(a);
    const hostA = excelHost(a.run, a.caps);
    const hostB = excelHost(b.run, b.caps);
    // both panes open the workbook: nothing saved yet
    expect(await hostA.loadMappings()).toBeUndefined();
    expect(await hostB.loadMappings()).toBeUndefined();
    await hostA.saveMappings(file(entry('PS 2019')));
    await doc.settled();
    // Paul's pane still holds the mappings of when it opened, and saves his correction
    await hostB.saveMappings(file(entry('PS 2020')));
    await doc.settled();
    expect(sheetsOf(saved(a))).toEqual(['PS 2019', 'PS 2020']);
    expect(sheetsOf(saved(b))).toEqual(['PS 2019', 'PS 2020']);
    // Marie changes hers and forgets nothing of Paul's
    await hostA.saveMappings(file(entry('PS 2019', 'Mandaté')));
    await doc.settled();
    expect(saved(b).sheets).toEqual(expect.arrayContaining([entry('PS 2019', 'Mandaté'), entry('PS 2020')]));
    // « Oublier toutes les corrections » in Paul's pane forgets what it knew, i.e. all of them
    await hostB.loadMappings();
    await hostB.saveMappings(file());
    await doc.settled();
    expect(saved(a).sheets).toEqual([]);
  });

  it('three-way merge: what this pane changed wins, the rest is the workbook\'s', () => {
    const base = file(entry('A'), entry('B'));
    const mine = file(entry('A', 'Mandaté'), entry('C'));
    const theirs = { ...file(entry('A'), entry('B', 'Payé'), entry('D')), structures: [{ name: 'Les Oliviers', code: 'EVS1' }] };
    const m = mergeMappings(base, mine, theirs);
    // A changed here, B forgotten here but changed there (kept), C added here, D added there
    expect(m.sheets).toEqual(expect.arrayContaining([entry('A', 'Mandaté'), entry('B', 'Payé'), entry('C'), entry('D')]));
    expect(m.sheets).toHaveLength(4);
    expect(m.structures).toEqual([{ name: 'Les Oliviers', code: 'EVS1' }]);
    // forgotten here, unchanged there: gone
    expect(mergeMappings(base, file(entry('A')), file(entry('A'), entry('B'))).sheets).toEqual([entry('A')]);
  });

  it(`over ${SETTINGS_SAFE_BYTES / 1024} KB of settings: refused with what to do, nothing saved`, async () => {
    const wb = new FakeWorkbook();
    await saveMappings(wb.run, file(entry('PS 2019')));
    const big = file(...Array.from({ length: 4000 }, (_, i) => ({ ...entry(`Feuille ${i}`), columns: Object.fromEntries(Array.from({ length: 8 }, (_, j) => [`Colonne très longue n° ${j} de la feuille ${i}`, 'voted'])) })));
    const err = await saveMappings(wb.run, big).catch((e) => e);
    expect(err).toBeInstanceOf(SettingsTooLarge);
    expect(err.message).toMatch(/^Les corrections ne peuvent pas être enregistrées dans le classeur : elles prendraient \d+ Ko, au-delà des 900 Ko/);
    expect(err.message).toContain('« Exporter les correspondances (.json) »');
    expect(err.message).toContain('« Oublier toutes les corrections »');
    // the previous corrections are still there
    expect(saved(wb)).toEqual(file(entry('PS 2019')));
    // just under the bound: saved
    const fits = file(...big.sheets.slice(0, 1000));
    await saveMappings(wb.run, fits);
    expect(saved(wb).sheets).toHaveLength(1001);
  });
});
