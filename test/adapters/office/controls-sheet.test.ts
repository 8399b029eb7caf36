/** The ribbon's « Afficher les contrôles »: the Contrôles sheet the add-in generated, whatever its name. */
import { generatedControlsSheet } from '../../../src/adapters/office/read-sheets';
import { writeSheets } from '../../../src/adapters/office/write-sheets';
import { FakeWorkbook } from './fake-excel';

describe('office adapter: the generated Contrôles sheet', () => {
  it('is « Contrôles (2) » when the workbook held a « Contrôles » of the user: found by the record, not by name', async () => {
    const wb = new FakeWorkbook();
    wb.addSheet('Contrôles', [['mes propres contrôles']]);
    expect(await generatedControlsSheet(wb.run)).toBeUndefined();
    const out = await writeSheets(wb.run, [{ name: 'Contrôles', role: 'controles', blocks: [{ startRow: 1, cells: [['Contrôles']] }], tables: [] }], { caps: wb.caps });
    expect(out.sheetNames.get('Contrôles')).toBe('Contrôles (2)');
    expect(await generatedControlsSheet(wb.run)).toBe('Contrôles (2)');
  });
});
