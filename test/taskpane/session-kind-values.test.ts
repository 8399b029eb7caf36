/**
 * The sheet kind and the unknown coded values in the pane's session, on a generated world (seed 3:
 * the MSA writes its dispositifs "GLOB" and "AAPJ", codes the reference does not know).
 */
import { generateWorld, type GeneratedWorld } from '../../scripts/world/generate';
import { validateMappingFile } from '../../src/core/import/mapping-file';
import { defaultReference } from '../../src/core/reference/default-reference';
import { kindBadge } from '../../src/taskpane/labels';
import { valueChoices } from '../../src/taskpane/mapping-choices';
import { PaneSession } from '../../src/taskpane/session';

const MSA = 'MSA_Ardeche_Drome_Loire_AVS_2017-2019.xlsx';
let world: GeneratedWorld;

beforeAll(async () => {
  world = await generateWorld(3);
});

async function session(): Promise<PaneSession> {
  const s = new PaneSession();
  s.asOf = '2021-12-31';
  await s.addFiles(world.files.map((f) => ({ name: f.name, bytes: async () => f.bytes })));
  s.run();
  return s;
}
const reading = (s: PaneSession, file: string, sheet: string) => s.result!.readings.find((r) => r.file === file && r.sheet === sheet)!;
const unknown = (s: PaneSession) => s.result!.unknownValues.map((u) => `${u.field}/${u.partner}/${u.value}`).sort();

describe('PaneSession: the kind of a sheet, chosen by hand', () => {
  it('detected kind and confidence; a chosen kind re-reads the sheet, is saved, and « Rétablir » gives detection back', async () => {
    const s = await session();
    const legend = reading(s, MSA, 'Nomenclature');
    expect(legend.kind).toBe('legend');
    expect(s.kindSource(MSA, 'Nomenclature')).toBe('detection');
    expect(kindBadge(legend.kind, 'detection', legend.kindConfidence).text).toBe(`Légende des codes — confiance ${Math.round(legend.kindConfidence! * 100)} %`);

    const funded = reading(s, MSA, 'Suivi pluriannuel');
    expect(funded.kind).toBe('fundings');
    const lines = s.result!.dataset.fundings.filter((l) => l.source.file === MSA).length;
    expect(lines).toBeGreaterThan(0);
    s.setSheetKind(MSA, 'Suivi pluriannuel', 'ignored');
    s.run();
    expect(reading(s, MSA, 'Suivi pluriannuel').kind).toBe('ignored');
    expect(s.kindSource(MSA, 'Suivi pluriannuel')).toBe('main');
    expect(s.hasCorrections(MSA, 'Suivi pluriannuel')).toBe(true);
    expect(s.result!.dataset.fundings.filter((l) => l.source.file === MSA && l.source.sheet === 'Suivi pluriannuel')).toHaveLength(0);
    // the GLOB and AAPJ lines are not read any more: nothing to ask about them
    expect(unknown(s)).toEqual([]);

    const saved = s.mappingToSave();
    expect(validateMappingFile(saved)).toEqual([]);
    expect(saved.sheets.find((e) => e.file === MSA && e.sheet === 'Suivi pluriannuel')?.kind).toBe('ignored');

    // next session: the saved kind is used, as a saved choice
    const next = await session();
    await next.loadSaved(async () => JSON.parse(JSON.stringify(saved)));
    next.run();
    expect([reading(next, MSA, 'Suivi pluriannuel').kind, next.kindSource(MSA, 'Suivi pluriannuel')]).toEqual(['ignored', 'enregistree']);

    s.resetKind(MSA, 'Suivi pluriannuel');
    s.run();
    expect([reading(s, MSA, 'Suivi pluriannuel').kind, s.kindSource(MSA, 'Suivi pluriannuel')]).toEqual(['fundings', 'detection']);
    expect(s.result!.dataset.fundings.filter((l) => l.source.file === MSA).length).toBe(lines);
  });
});

describe('PaneSession: unknown coded values, answered once per partner', () => {
  it('each unknown value is a choice with its lines and amount; the answer links its lines and is saved in « values »', async () => {
    const s = await session();
    expect(unknown(s)).toEqual(['dispositif/MSA/AAPJ', 'dispositif/MSA/GLOB']);
    const choices = valueChoices(s.result!.unknownValues, defaultReference());
    const glob = choices.find((c) => c.value === 'GLOB')!;
    expect(glob.count).toBe(s.result!.unknownValues.find((u) => u.value === 'GLOB')!.count);
    expect(glob.options.map((o) => o.code)).toContain('MSA_GLOBAL');
    // largest amount first
    expect(choices.map((c) => c.amount)).toEqual([...choices.map((c) => c.amount)].sort((a, b) => b - a));
    const inconnus = () => s.result!.findings.filter((f) => f.code === 'DISPOSITIF_INCONNU').map((f) => f.value);
    expect(inconnus().sort()).toEqual(['AAPJ', 'GLOB']);
    const globalLines = () => s.result!.dataset.fundings.filter((l) => l.partner === 'MSA' && l.dispositif === 'MSA_GLOBAL').length;
    const before = globalLines();

    s.answerValue('dispositif', 'MSA', 'GLOB', 'MSA_GLOBAL');
    s.run();
    expect(inconnus()).toEqual(['AAPJ']);
    expect(globalLines()).toBe(before + glob.count);

    // « Aucun »: left unlinked, and not asked again
    s.answerValue('dispositif', 'MSA', 'AAPJ', null);
    s.run();
    expect(inconnus()).toEqual([]);
    expect(unknown(s)).toEqual([]);

    const saved = s.mappingToSave();
    expect(validateMappingFile(saved)).toEqual([]);
    expect(saved.values).toEqual({ dispositif: { MSA: { GLOB: 'MSA_GLOBAL', AAPJ: null } } });

    // a session that only has these answers saved loads them (no sheet entry needed)
    const next = await session();
    await next.loadSaved(async () => ({ version: 1, sheets: [], values: saved.values }));
    next.run();
    expect(unknown(next)).toEqual([]);
  });
});
