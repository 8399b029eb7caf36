/**
 * The sheet kind and the unknown coded values in the pane's session, on a generated world with a
 * CAF export whose prestation codes "PSX9" and "ZK" the reference does not know.
 */
import { validateMappingFile } from '../../src/core/import/mapping-file';
import { defaultReference } from '../../src/core/reference/default-reference';
import { kindBadge } from '../../src/taskpane/labels';
import { valueChoices } from '../../src/taskpane/mapping-choices';
import { PaneSession } from '../../src/taskpane/session';
import { EXPORT_FILE, EXPORT_SHEET, UNKNOWN, worldWithUnknownCode } from './world-with-unknown-code';

let files: { name: string; bytes: Uint8Array }[];

beforeAll(async () => {
  files = await worldWithUnknownCode();
});

async function session(): Promise<PaneSession> {
  const s = new PaneSession();
  s.asOf = '2021-12-31';
  await s.addFiles(files.map((f) => ({ name: f.name, bytes: async () => f.bytes })));
  s.run();
  return s;
}
const reading = (s: PaneSession, file: string, sheet: string) => s.result!.readings.find((r) => r.file === file && r.sheet === sheet)!;
const unknown = (s: PaneSession) => s.result!.unknownValues.map((u) => `${u.field}/${u.partner}/${u.value}`).sort();

const F = EXPORT_FILE;
const S = EXPORT_SHEET;
const exportLines = (s: PaneSession) => s.result!.dataset.fundings.filter((l) => l.source.file === F).length;

describe('PaneSession: the kind of a sheet, chosen by hand', () => {
  it('detected kind and confidence; a chosen kind re-reads the sheet, is saved, and « Rétablir » gives detection back', async () => {
    const s = await session();
    // the world's legend sheet (a table of codes and labels), detected as such
    const legend = s.result!.readings.find((r) => r.kind === 'legend')!;
    expect(legend).toBeDefined();
    expect(s.kindSource(legend.file, legend.sheet)).toBe('detection');
    expect(kindBadge(legend.kind, 'detection', legend.kindConfidence).text).toBe(`Légende des codes — confiance ${Math.round(legend.kindConfidence! * 100)} %`);

    expect(reading(s, F, S).kind).toBe('fundings');
    expect(exportLines(s)).toBe(UNKNOWN.PSX9 + UNKNOWN.ZK);
    s.setSheetKind(F, S, 'ignored');
    s.run();
    expect(reading(s, F, S).kind).toBe('ignored');
    expect(s.kindSource(F, S)).toBe('main');
    expect(s.hasCorrections(F, S)).toBe(true);
    expect(exportLines(s)).toBe(0);
    // its lines are not read any more: nothing to ask about PSX9 and ZK
    expect(unknown(s)).toEqual([]);

    const saved = s.mappingToSave();
    expect(validateMappingFile(saved)).toEqual([]);
    expect(saved.sheets.find((e) => e.file === F && e.sheet === S)?.kind).toBe('ignored');

    // next session: the saved kind is used, as a saved choice
    const next = await session();
    await next.loadSaved(async () => JSON.parse(JSON.stringify(saved)));
    next.run();
    expect([reading(next, F, S).kind, next.kindSource(F, S)]).toEqual(['ignored', 'enregistree']);

    s.resetKind(F, S);
    s.run();
    expect([reading(s, F, S).kind, s.kindSource(F, S)]).toEqual(['fundings', 'detection']);
    expect(exportLines(s)).toBe(UNKNOWN.PSX9 + UNKNOWN.ZK);
  });
});

describe('PaneSession: unknown coded values, answered once per partner', () => {
  it('each unknown value is a choice with its lines and amount; the answer links its lines and is saved in « values »', async () => {
    const s = await session();
    expect(unknown(s)).toEqual(['dispositif/CAF/PSX9', 'dispositif/CAF/ZK']);
    const choices = valueChoices(s.result!.unknownValues, defaultReference());
    expect(choices.map((c) => [c.value, c.count, c.amount])).toEqual([
      ['PSX9', UNKNOWN.PSX9, 24750.5],
      ['ZK', UNKNOWN.ZK, 1800],
    ]);
    expect(choices[0].options.map((o) => o.code)).toEqual(defaultReference().dispositifs.filter((d) => d.partner === 'CAF').map((d) => d.code));
    const inconnus = () => s.result!.findings.filter((f) => f.code === 'DISPOSITIF_INCONNU').map((f) => f.value);
    expect(inconnus().sort()).toEqual(['PSX9', 'ZK']);
    const agc = () => s.result!.dataset.fundings.filter((l) => l.source.file === F && l.dispositif === 'PS_AGC').length;
    expect(agc()).toBe(0);

    s.answerValue('dispositif', 'CAF', 'PSX9', 'PS_AGC');
    s.run();
    expect(inconnus()).toEqual(['ZK']);
    expect(agc()).toBe(UNKNOWN.PSX9);

    // « Aucun »: left unlinked, and not asked again
    s.answerValue('dispositif', 'CAF', 'ZK', null);
    s.run();
    expect(inconnus()).toEqual([]);
    expect(unknown(s)).toEqual([]);
    expect(exportLines(s)).toBe(UNKNOWN.PSX9 + UNKNOWN.ZK);

    const saved = s.mappingToSave();
    expect(validateMappingFile(saved)).toEqual([]);
    expect(saved.values).toEqual({ dispositif: { CAF: { PSX9: 'PS_AGC', ZK: null } } });

    // a session that only has these answers saved loads them (no sheet entry needed)
    const next = await session();
    await next.loadSaved(async () => ({ version: 1, sheets: [], values: saved.values }));
    next.run();
    expect(unknown(next)).toEqual([]);
  });
});

describe('PaneSession: a structure kind nobody recognised', () => {
  it('is one choice (centre social or EVS), and the answer is the kind, saved in « values »', async () => {
    const csv = new TextEncoder().encode('Nom;Type;SIRET;Commune\nLes Mûriers;Halte-garderie;41234567800038;Lamastre\nLe Lavoir;Halte-garderie;41234567800046;Joyeuse\n');
    const s = new PaneSession();
    s.asOf = '2021-12-31';
    await s.addFiles([{ name: 'FACS_adherents.csv', bytes: async () => csv }]);
    s.run();
    expect(unknown(s)).toEqual(['kind/FACS/Halte-garderie']);
    const [choice] = valueChoices(s.result!.unknownValues, defaultReference());
    expect([choice.count, choice.options.map((o) => o.code)]).toEqual([2, ['CS', 'EVS']]);
    expect(s.result!.findings.filter((f) => f.code === 'TYPE_STRUCTURE_INCONNU').map((f) => f.count)).toEqual([2]);
    s.answerValue('kind', 'FACS', 'Halte-garderie', 'EVS');
    s.run();
    expect(s.result!.dataset.structures.map((x) => x.kind)).toEqual(['EVS', 'EVS']);
    expect(unknown(s)).toEqual([]);
    expect(s.mappingToSave().values).toEqual({ kind: { FACS: { 'Halte-garderie': 'EVS' } } });
  });
});
