/**
 * Two technicians generating in one co-authored workbook: the pane's lock (a workbook setting)
 * lets one write and stops the other with a French message, before anything is written. Two pane
 * sessions (two hosts, two tokens) share ONE fake workbook and go through the real write path.
 */
import { FUNDING_COLUMNS } from '../../../src/core/sheets/canonical-tables';
import type { SheetSpec, SpecValue } from '../../../src/core/model/sheet-spec';
import { SETTINGS } from '../../../src/adapters/office/generated-sheets';
import {
  acquireGenerationLock,
  GenerationLockBusy,
  releaseGenerationLock,
  withGenerationLock,
} from '../../../src/adapters/office/generation-lock';
import { WriteInterrupted } from '../../../src/adapters/office/write-sheets';
import { excelHost } from '../../../src/taskpane/pane-host';
import type { SheetPatch } from '../../../src/core/model/sheet-patch';
import { FakeWorkbook } from './fake-excel';

/** A Financements table of n rows whose « Objet » says which session wrote it. */
function fundingSpec(n: number, by: string): SheetSpec {
  const rows: SpecValue[][] = [];
  for (let i = 0; i < n; i++)
    rows.push([
      'CAF', `S${i}`, `Centre social n° ${i}`, '12345678901237', 2019, 'PS AGC', '2.1.3', '2', 12500.5, 12000, 6000,
      'voté', { date: '2019-09-01' }, `CONV-${i}`, `écrit par ${by}`, `CAF07_PS.xlsx › PS 2019 › ligne ${i + 5}`,
    ]);
  return { name: 'Financements', role: 'table', blocks: [], tables: [{ name: 'Financements', headerRow: 1, columns: FUNDING_COLUMNS, rows }] };
}
const other = (name: string): SheetSpec => ({ ...fundingSpec(2, name), name, tables: [] });

// 3 December 2026, local time of the test machine: the message says the pane's local time
const SINCE = new Date(2026, 11, 3, 14, 32);
const NOW = new Date(2026, 11, 3, 14, 40);
const now = () => NOW;
const lockValue = (wb: FakeWorkbook) => {
  const v = wb.settings.get(SETTINGS.lock);
  return v === undefined ? undefined : JSON.parse(String(v));
};
const marie = { id: 'session-marie', owner: 'Marie Durand' };
const paul = { id: 'session-paul', owner: 'Paul Martin' };
const setLock = (wb: FakeWorkbook, lock: { id: string; owner?: string; since: string }) => wb.settings.set(SETTINGS.lock, JSON.stringify(lock));
/** Every « Objet » cell the Financements sheet holds (column O, rows 2…). */
const objets = (wb: FakeWorkbook) =>
  [...wb.sheet('Financements').cells].filter(([k]) => k.endsWith(',15') && k !== '1,15').map(([, c]) => c.value).filter((v) => v !== ''); // cleared cells hold ''

describe('office adapter: generation lock in the workbook settings', () => {
  it('a free lock is taken: owner, token and time are in the workbook setting', async () => {
    const wb = new FakeWorkbook();
    expect(await acquireGenerationLock(wb.run, marie, { now: () => SINCE })).toEqual({ ok: true });
    expect(lockValue(wb)).toEqual({ owner: 'Marie Durand', id: 'session-marie', since: SINCE.toISOString() });
    // the same session may take it again (a second generation of the same pane)
    expect(await acquireGenerationLock(wb.run, marie, { now })).toEqual({ ok: true });
  });

  it('a second session is refused with the French message naming the owner and the time, and writes no sheet', async () => {
    const wb = new FakeWorkbook();
    wb.addSheet('Notes', [['à garder']]);
    setLock(wb, { ...marie, since: SINCE.toISOString() });
    const before = wb.syncs;
    const host = excelHost(wb.run, wb.caps, { session: paul, now });
    const err = await host.writeSheets!([fundingSpec(3, 'Paul'), other('Contrôles')]).catch((e) => e);
    expect(err).toBeInstanceOf(GenerationLockBusy);
    expect(err.message).toBe(
      "Une génération est déjà en cours dans ce classeur (par Marie Durand, depuis 14 h 32) : rien n'a été écrit. " +
        'Réessayez dans quelques minutes ; le verrou expire au bout de 10 minutes',
    );
    expect(err).toMatchObject({ owner: 'Marie Durand', since: SINCE.toISOString() });
    // nothing written: no sheet, no setting, Marie's lock untouched; only the lock was read
    expect(wb.sheets.map((s) => s.name)).toEqual(['Notes']);
    expect(wb.modified.size).toBe(0);
    expect(wb.settings.has(SETTINGS.generated)).toBe(false);
    expect(lockValue(wb)).toEqual({ ...marie, since: SINCE.toISOString() });
    expect(wb.syncs - before).toBe(1);
    // the cells of the user's programming sheets are not written either
    const patchErr = await host.applyPatches!([{ sheet: 'Notes', cells: [{ row: 1, col: 1, value: 'écrasé' }] }]).catch((e) => e);
    expect(patchErr).toBeInstanceOf(GenerationLockBusy);
    expect(wb.cell('Notes', 'A1')?.value).toBe('à garder');
  });

  it('the holder unnamed: « sur un autre poste »; another day: the date too', async () => {
    const wb = new FakeWorkbook();
    setLock(wb, { id: 'x', since: new Date(2026, 11, 2, 23, 58).toISOString() });
    const r = await acquireGenerationLock(wb.run, paul, { now: () => new Date(2026, 11, 3, 0, 3) });
    expect(r).toMatchObject({ ok: false, since: new Date(2026, 11, 2, 23, 58).toISOString() });
    expect(!r.ok && r.message).toContain('(sur un autre poste, depuis le 02/12/2026 à 23 h 58)');
  });

  it('a lock older than the time-out is stale and taken over; younger, it is not', async () => {
    const wb = new FakeWorkbook();
    const host = excelHost(wb.run, wb.caps, { session: paul, now, timeoutMs: 10 * 60_000 });
    setLock(wb, { ...marie, since: new Date(NOW.getTime() - 9 * 60_000).toISOString() });
    await expect(host.writeSheets!([fundingSpec(2, 'Paul')])).rejects.toThrow(GenerationLockBusy);
    expect(wb.sheets).toEqual([]);
    setLock(wb, { ...marie, since: new Date(NOW.getTime() - 11 * 60_000).toISOString() });
    const out = await host.writeSheets!([fundingSpec(2, 'Paul')]);
    expect(out.written).toEqual(['Financements']);
    expect(objets(wb)).toEqual(['écrit par Paul', 'écrit par Paul']);
    // released once written
    expect(wb.settings.has(SETTINGS.lock)).toBe(false);
    // a shorter time-out (parameter): 9 minutes is stale too
    setLock(wb, { ...marie, since: new Date(NOW.getTime() - 9 * 60_000).toISOString() });
    expect(await acquireGenerationLock(wb.run, paul, { now, timeoutMs: 5 * 60_000 })).toEqual({ ok: true });
    // a garbled setting is no lock
    wb.settings.set(SETTINGS.lock, '{pas du json');
    expect(await acquireGenerationLock(wb.run, marie, { now })).toEqual({ ok: true });
  });

  it('release removes only its own lock', async () => {
    const wb = new FakeWorkbook();
    await acquireGenerationLock(wb.run, marie, { now });
    expect(await releaseGenerationLock(wb.run, paul)).toBe(false);
    expect(lockValue(wb)).toMatchObject({ id: 'session-marie' });
    expect(await releaseGenerationLock(wb.run, marie)).toBe(true);
    expect(wb.settings.has(SETTINGS.lock)).toBe(false);
    // nothing to release: nothing happens
    expect(await releaseGenerationLock(wb.run, marie)).toBe(false);
  });

  it('the lock is released even when the write throws', async () => {
    const wb = new FakeWorkbook();
    const host = excelHost(wb.run, wb.caps, { session: marie, now });
    wb.failAtSync = wb.syncs + 5; // 3 syncs to take the lock, then the write stops at its 2nd sync
    await expect(host.writeSheets!([fundingSpec(3, 'Marie')])).rejects.toThrow(WriteInterrupted);
    expect(wb.settings.has(SETTINGS.lock)).toBe(false);
    // and Paul may write at once, without waiting for the time-out
    const out = await excelHost(wb.run, wb.caps, { session: paul, now }).writeSheets!([fundingSpec(3, 'Paul')]);
    expect(out.written).toEqual(['Financements']);
    // withGenerationLock releases a write that throws anything
    await expect(withGenerationLock(wb.run, marie, { now }, async () => Promise.reject(new Error('boum')))).rejects.toThrow('boum');
    expect(wb.settings.has(SETTINGS.lock)).toBe(false);
  });

  it('co-authoring, last writer wins: two sessions taking the lock at the same moment, only one gets it (read back)', async () => {
    const wb = new FakeWorkbook();
    const [a, b] = await Promise.all([acquireGenerationLock(wb.run, marie, { now }), acquireGenerationLock(wb.run, paul, { now })]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    const winner = a.ok ? marie : paul;
    expect(lockValue(wb)).toMatchObject({ id: winner.id });
    const loser = (a.ok ? b : a) as Extract<typeof a, { ok: false }>;
    expect(loser.message).toContain(`par ${winner.owner}`);
  });

  it('two panes generating at once in one workbook: one writes everything, the other nothing (never a mixed workbook)', async () => {
    const wb = new FakeWorkbook();
    // two pane sessions: a random token each
    const hostA = excelHost(wb.run, wb.caps, { session: { owner: 'Marie Durand' }, now });
    const hostB = excelHost(wb.run, wb.caps, { session: { owner: 'Paul Martin' }, now });
    const specsA = [fundingSpec(6, 'Marie'), other('Contrôles A')];
    const specsB = [fundingSpec(3, 'Paul'), other('Contrôles B')];
    const [ra, rb] = await Promise.allSettled([hostA.writeSheets!(specsA), hostB.writeSheets!(specsB)]);
    expect([ra.status, rb.status].sort()).toEqual(['fulfilled', 'rejected']);
    const refused = (ra.status === 'rejected' ? ra : rb) as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(GenerationLockBusy);
    const won = ra.status === 'fulfilled' ? 'Marie' : 'Paul';
    const lost = won === 'Marie' ? 'Paul' : 'Marie';
    expect(refused.reason.message).toContain(`par ${won === 'Marie' ? 'Marie Durand' : 'Paul Martin'}, depuis 14 h 40`);
    expect(objets(wb)).toEqual(Array(won === 'Marie' ? 6 : 3).fill(`écrit par ${won}`));
    expect(wb.sheets.map((s) => s.name)).not.toContain(`Contrôles ${lost === 'Marie' ? 'A' : 'B'}`);
    expect(wb.settings.has(SETTINGS.lock)).toBe(false);
    // once the first is done, the second one's retry goes through
    const again = await (lost === 'Marie' ? hostA.writeSheets!(specsA) : hostB.writeSheets!(specsB));
    expect(again.refused).toEqual([]);
    expect(objets(wb)).toEqual(Array(lost === 'Marie' ? 6 : 3).fill(`écrit par ${lost}`));
  });

  it('while one pane is writing, a second one started meanwhile stops before writing', async () => {
    const wb = new FakeWorkbook();
    const hostA = excelHost(wb.run, wb.caps, { session: marie, now });
    const hostB = excelHost(wb.run, wb.caps, { session: paul, now });
    let second: Promise<unknown> | undefined;
    // Paul clicks « Générer » while Marie's sheets are being written (at her first block)
    const out = await hostA.writeSheets!([fundingSpec(4, 'Marie'), other('Contrôles')], () => {
      second ??= hostB.writeSheets!([fundingSpec(2, 'Paul')]).catch((e) => e);
    });
    expect(out.written).toEqual(['Financements', 'Contrôles']);
    const err = await second;
    expect(err).toBeInstanceOf(GenerationLockBusy);
    expect((err as Error).message).toContain('(par Marie Durand, depuis 14 h 40)');
    expect(objets(wb)).toEqual(Array(4).fill('écrit par Marie'));
  });

  describe('« Générer »: the sheets then the patches, one take of the lock', () => {
    const notes = (by: string, col: number): SheetPatch[] => [{ sheet: 'Notes', cells: [{ row: 1, col, value: `écrit par ${by}` }] }];
    const marieSpecs = () => [fundingSpec(4, 'Marie'), other('Contrôles A')];
    /**
     * Marie generates with `marieGenerates` (the combined call, or the two calls of before). Marie's
     * pane is paused after each of its Excel batches that leaves her sheets written and her patches
     * not yet (the lock's batches included), and Paul clicks « Générer » there: every point of the
     * gap between her two writes is tried, until Paul gets through or Marie's patches are written.
     */
    async function paulInMariesGap(marieGenerates: (host: ReturnType<typeof excelHost>) => Promise<unknown>) {
      const wb = new FakeWorkbook();
      wb.addSheet('Notes', [['à garder']]);
      const hostB = excelHost(wb.run, wb.caps, { session: paul, now });
      const tries: { lock: unknown; paul: unknown }[] = [];
      const inGap = () =>
        wb.sheets.some((s) => s.name === 'Contrôles A') &&
        objets(wb).join() === Array(4).fill('écrit par Marie').join() &&
        wb.cell('Notes', 'B1')?.value !== 'écrit par Marie';
      const runA: typeof wb.run = async (batch) => {
        const r = await wb.run(batch);
        if (inGap()) {
          const lock = lockValue(wb);
          tries.push({ lock, paul: await hostB.generate!([fundingSpec(2, 'Paul'), other('Contrôles B')], notes('Paul', 1)).catch((e) => e) });
        }
        return r;
      };
      const marieOut = await marieGenerates(excelHost(runA, wb.caps, { session: marie, now }));
      return { wb, tries, marieOut };
    }

    it('while Marie is between her sheets and her patches, Paul is refused and writes nothing', async () => {
      const { wb, tries, marieOut } = await paulInMariesGap((host) => host.generate!(marieSpecs(), notes('Marie', 2)));
      // Paul tried in the gap (at least once), always while Marie held the lock, and was refused
      expect(tries.length).toBeGreaterThan(0);
      for (const t of tries) {
        expect(t.lock).toMatchObject({ id: marie.id });
        expect(t.paul).toBeInstanceOf(GenerationLockBusy);
        expect((t.paul as Error).message).toContain('(par Marie Durand, depuis 14 h 40)');
      }
      // nothing of Paul's: no sheet, no row, no patched cell
      expect(wb.sheets.map((s) => s.name)).toEqual(['Notes', 'Financements', 'Contrôles A']);
      expect(objets(wb)).toEqual(Array(4).fill('écrit par Marie'));
      expect(wb.cell('Notes', 'A1')?.value).toBe('à garder');
      // Marie's generation went through to the end: sheets and patches, then the lock released
      expect(marieOut).toMatchObject({ written: ['Financements', 'Contrôles A'], refused: [] });
      expect((marieOut as { patchSyncs: number }).patchSyncs).toBeGreaterThan(0);
      expect(wb.cell('Notes', 'B1')?.value).toBe('écrit par Marie');
      expect(wb.settings.has(SETTINGS.lock)).toBe(false);
    });

    it('the two calls of before (writeSheets, then applyPatches) leave a gap Paul writes into: why the pane uses generate', async () => {
      const { wb, tries } = await paulInMariesGap(async (host) => {
        const out = await host.writeSheets!(marieSpecs());
        return host.applyPatches!(notes('Marie', 2), out.sheetNames);
      });
      // once Marie's first call had released the lock, Paul's generation went through…
      const last = tries[tries.length - 1];
      expect(last.lock).toBeUndefined();
      expect(last.paul).toMatchObject({ written: ['Financements', 'Contrôles B'] });
      // …over Marie's sheets, and Marie's patches came after: a mixed workbook
      expect(objets(wb)).toEqual(Array(2).fill('écrit par Paul'));
      expect(wb.cell('Notes', 'A1')?.value).toBe('écrit par Paul');
      expect(wb.cell('Notes', 'B1')?.value).toBe('écrit par Marie');
    });

    it('a generation refused by the lock writes neither sheets nor patches', async () => {
      const wb = new FakeWorkbook();
      wb.addSheet('Notes', [['à garder']]);
      setLock(wb, { ...marie, since: SINCE.toISOString() });
      const err = await excelHost(wb.run, wb.caps, { session: paul, now }).generate!([fundingSpec(2, 'Paul')], notes('Paul', 1)).catch((e) => e);
      expect(err).toBeInstanceOf(GenerationLockBusy);
      expect(wb.sheets.map((s) => s.name)).toEqual(['Notes']);
      expect(wb.cell('Notes', 'A1')?.value).toBe('à garder');
      expect(lockValue(wb)).toEqual({ ...marie, since: SINCE.toISOString() });
    });
  });
});
