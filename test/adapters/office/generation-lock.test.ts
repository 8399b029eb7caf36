/**
 * Two technicians generating in one co-authored workbook: the pane's lock (cells of a very hidden
 * sheet) lets one write and stops the other with a French message, before anything is written.
 * First two pane sessions (two hosts, two tokens) share ONE fake workbook and go through the real
 * write path; then each has its own copy of a co-authored document (FakeCoauthoring), where the
 * other's writes arrive late and settings are per copy.
 */
import { FUNDING_COLUMNS } from '../../../src/core/sheets/canonical-tables';
import type { SheetSpec, SpecValue } from '../../../src/core/model/sheet-spec';
import { SETTINGS } from '../../../src/adapters/office/generated-sheets';
import {
  acquireGenerationLock,
  GenerationLockBusy,
  LOCK_SHEET,
  releaseGenerationLock,
  withGenerationLock,
} from '../../../src/adapters/office/generation-lock';
import { WriteInterrupted } from '../../../src/adapters/office/write-sheets';
import { excelHost } from '../../../src/taskpane/pane-host';
import type { SheetPatch } from '../../../src/core/model/sheet-patch';
import { FakeCoauthoring, FakeWorkbook } from './fake-excel';

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
/** The lock as the very hidden sheet holds it (B1:B4), undefined when there is none. */
const lockValue = (wb: FakeWorkbook) => {
  const sheet = wb.sheets.find((s) => s.name === LOCK_SHEET);
  if (!sheet) return undefined;
  const [owner, id, since, heartbeat] = [1, 2, 3, 4].map((r) => String(sheet.cells.get(`${r},2`)?.value ?? ''));
  return id ? { ...(owner ? { owner } : {}), id, since, heartbeat } : undefined;
};
const hasLock = (wb: FakeWorkbook) => lockValue(wb) !== undefined;
const marie = { id: 'session-marie', owner: 'Marie Durand' };
const paul = { id: 'session-paul', owner: 'Paul Martin' };
const setLock = (wb: FakeWorkbook, lock: { id: string; owner?: string; since: string; heartbeat?: string }) => {
  const sheet = wb.sheets.find((s) => s.name === LOCK_SHEET) ?? wb.addSheet(LOCK_SHEET);
  sheet.visibility = 'VeryHidden';
  [lock.owner ?? '', lock.id, lock.since, lock.heartbeat ?? lock.since].forEach((v, i) => sheet.cells.set(`${i + 1},2`, { value: v, format: '@' }));
};
/** The sheets a user sees (the lock sheet is very hidden). */
const userSheets = (wb: FakeWorkbook) => wb.sheets.filter((s) => s.name !== LOCK_SHEET).map((s) => s.name);
/** One workbook shared by the panes: nothing to wait for before reading the lock back. */
const fast = { settleMs: 0 };
/** Every « Objet » cell the Financements sheet holds (column O, rows 2…). */
const objets = (wb: FakeWorkbook) =>
  [...wb.sheet('Financements').cells].filter(([k]) => k.endsWith(',15') && k !== '1,15').map(([, c]) => c.value).filter((v) => v !== ''); // cleared cells hold ''

describe('office adapter: generation lock in a very hidden sheet', () => {
  it('a free lock is taken: owner, token, time and heartbeat are in the cells of a very hidden sheet', async () => {
    const wb = new FakeWorkbook();
    wb.addSheet('Notes');
    expect(await acquireGenerationLock(wb.run, marie, { ...fast, now: () => SINCE })).toEqual({ ok: true, generated: [] });
    expect(lockValue(wb)).toEqual({ owner: 'Marie Durand', id: 'session-marie', since: SINCE.toISOString(), heartbeat: SINCE.toISOString() });
    expect(wb.sheet(LOCK_SHEET).visibility).toBe('VeryHidden');
    // not in the settings any more: each co-author has its own copy of them
    expect([...wb.settings.keys()]).toEqual([]);
    // the same session may take it again (a second generation of the same pane)
    expect(await acquireGenerationLock(wb.run, marie, { ...fast, now })).toEqual({ ok: true, generated: [] });
  });

  it('a second session is refused with the French message naming the owner and the time, and writes no sheet', async () => {
    const wb = new FakeWorkbook();
    wb.addSheet('Notes', [['à garder']]);
    setLock(wb, { ...marie, since: SINCE.toISOString() });
    const before = wb.syncs;
    const host = excelHost(wb.run, wb.caps, { session: paul, now, ...fast });
    const err = await host.writeSheets!([fundingSpec(3, 'Paul'), other('Contrôles')]).catch((e) => e);
    expect(err).toBeInstanceOf(GenerationLockBusy);
    expect(err.message).toBe(
      "Une génération est déjà en cours dans ce classeur (par Marie Durand, depuis 14 h 32) : rien n'a été écrit. " +
        'Réessayez dans quelques minutes ; le verrou expire au bout de 10 minutes',
    );
    expect(err).toMatchObject({ owner: 'Marie Durand', since: SINCE.toISOString() });
    // nothing written: no sheet, no setting, Marie's lock untouched; only the lock was read
    expect(userSheets(wb)).toEqual(['Notes']);
    expect(wb.modified.size).toBe(0);
    expect(wb.settings.has(SETTINGS.generated)).toBe(false);
    expect(lockValue(wb)).toMatchObject({ ...marie, since: SINCE.toISOString() });
    expect(wb.syncs - before).toBe(2);
    // the cells of the user's programming sheets are not written either
    const patchErr = await host.applyPatches!([{ sheet: 'Notes', cells: [{ row: 1, col: 1, value: 'écrasé' }] }]).catch((e) => e);
    expect(patchErr).toBeInstanceOf(GenerationLockBusy);
    expect(wb.cell('Notes', 'A1')?.value).toBe('à garder');
  });

  it('the holder unnamed: « sur un autre poste »; another day: the date too', async () => {
    const wb = new FakeWorkbook();
    setLock(wb, { id: 'x', since: new Date(2026, 11, 2, 23, 58).toISOString() });
    const r = await acquireGenerationLock(wb.run, paul, { ...fast, now: () => new Date(2026, 11, 3, 0, 3) });
    expect(r).toMatchObject({ ok: false, since: new Date(2026, 11, 2, 23, 58).toISOString() });
    expect(!r.ok && r.message).toContain('(sur un autre poste, depuis le 02/12/2026 à 23 h 58)');
  });

  it('a lock older than the time-out is stale and taken over; younger, it is not', async () => {
    const wb = new FakeWorkbook();
    const host = excelHost(wb.run, wb.caps, { session: paul, now, timeoutMs: 10 * 60_000, ...fast });
    setLock(wb, { ...marie, since: new Date(NOW.getTime() - 9 * 60_000).toISOString() });
    await expect(host.writeSheets!([fundingSpec(2, 'Paul')])).rejects.toThrow(GenerationLockBusy);
    expect(userSheets(wb)).toEqual([]);
    setLock(wb, { ...marie, since: new Date(NOW.getTime() - 11 * 60_000).toISOString() });
    const out = await host.writeSheets!([fundingSpec(2, 'Paul')]);
    expect(out.written).toEqual(['Financements']);
    expect(objets(wb)).toEqual(['écrit par Paul', 'écrit par Paul']);
    // released once written, the sheets it wrote recorded in the lock sheet
    expect(hasLock(wb)).toBe(false);
    expect(wb.cell(LOCK_SHEET, 'D2')?.value).toBe('Financements');
    // a shorter time-out (parameter): 9 minutes is stale too
    setLock(wb, { ...marie, since: new Date(NOW.getTime() - 9 * 60_000).toISOString() });
    expect(await acquireGenerationLock(wb.run, paul, { now, timeoutMs: 5 * 60_000, ...fast })).toEqual({ ok: true, generated: ['Financements'] });
    // an unreadable date is no lock to respect
    setLock(wb, { ...marie, since: 'pas une date' });
    expect(await acquireGenerationLock(wb.run, paul, { now, ...fast })).toMatchObject({ ok: true });
  });

  it('release removes only its own lock', async () => {
    const wb = new FakeWorkbook();
    await acquireGenerationLock(wb.run, marie, { now, ...fast });
    expect(await releaseGenerationLock(wb.run, paul)).toBe(false);
    expect(lockValue(wb)).toMatchObject({ id: 'session-marie' });
    expect(await releaseGenerationLock(wb.run, marie)).toBe(true);
    expect(hasLock(wb)).toBe(false);
    // nothing to release: nothing happens
    expect(await releaseGenerationLock(wb.run, marie)).toBe(false);
  });

  it('the lock is released even when the write throws', async () => {
    const wb = new FakeWorkbook();
    const host = excelHost(wb.run, wb.caps, { session: marie, now, ...fast });
    wb.failAtSync = wb.syncs + 6; // 4 syncs to take the lock (no lock sheet yet), then the write stops at its 2nd sync
    await expect(host.writeSheets!([fundingSpec(3, 'Marie')])).rejects.toThrow(WriteInterrupted);
    expect(hasLock(wb)).toBe(false);
    // and Paul may write at once, without waiting for the time-out
    const out = await excelHost(wb.run, wb.caps, { session: paul, now, ...fast }).writeSheets!([fundingSpec(3, 'Paul')]);
    expect(out.written).toEqual(['Financements']);
    // withGenerationLock releases a write that throws anything
    await expect(withGenerationLock(wb.run, marie, { now, ...fast }, async () => Promise.reject(new Error('boum')))).rejects.toThrow('boum');
    expect(hasLock(wb)).toBe(false);
  });

  it('co-authoring, last writer wins: two sessions taking the lock at the same moment, only one gets it (read back)', async () => {
    const wb = new FakeWorkbook();
    const [a, b] = await Promise.all([acquireGenerationLock(wb.run, marie, { now, ...fast }), acquireGenerationLock(wb.run, paul, { now, ...fast })]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    const winner = a.ok ? marie : paul;
    expect(lockValue(wb)).toMatchObject({ id: winner.id });
    const loser = (a.ok ? b : a) as Extract<typeof a, { ok: false }>;
    expect(loser.message).toContain(`par ${winner.owner}`);
  });

  it('two panes generating at once in one workbook: one writes everything, the other nothing (never a mixed workbook)', async () => {
    const wb = new FakeWorkbook();
    // two pane sessions: a random token each
    const hostA = excelHost(wb.run, wb.caps, { session: { owner: 'Marie Durand' }, now, ...fast });
    const hostB = excelHost(wb.run, wb.caps, { session: { owner: 'Paul Martin' }, now, ...fast });
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
    expect(hasLock(wb)).toBe(false);
    // once the first is done, the second one's retry goes through
    const again = await (lost === 'Marie' ? hostA.writeSheets!(specsA) : hostB.writeSheets!(specsB));
    expect(again.refused).toEqual([]);
    expect(objets(wb)).toEqual(Array(lost === 'Marie' ? 6 : 3).fill(`écrit par ${lost}`));
  });

  it('while one pane is writing, a second one started meanwhile stops before writing', async () => {
    const wb = new FakeWorkbook();
    const hostA = excelHost(wb.run, wb.caps, { session: marie, now, ...fast });
    const hostB = excelHost(wb.run, wb.caps, { session: paul, now, ...fast });
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
      const hostB = excelHost(wb.run, wb.caps, { session: paul, now, ...fast });
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
      const marieOut = await marieGenerates(excelHost(runA, wb.caps, { session: marie, now, ...fast }));
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
      expect(userSheets(wb)).toEqual(['Notes', 'Financements', 'Contrôles A']);
      expect(objets(wb)).toEqual(Array(4).fill('écrit par Marie'));
      expect(wb.cell('Notes', 'A1')?.value).toBe('à garder');
      // Marie's generation went through to the end: sheets and patches, then the lock released
      expect(marieOut).toMatchObject({ written: ['Financements', 'Contrôles A'], refused: [] });
      expect((marieOut as { patchSyncs: number }).patchSyncs).toBeGreaterThan(0);
      expect(wb.cell('Notes', 'B1')?.value).toBe('écrit par Marie');
      expect(hasLock(wb)).toBe(false);
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
      const err = await excelHost(wb.run, wb.caps, { session: paul, now, ...fast }).generate!([fundingSpec(2, 'Paul')], notes('Paul', 1)).catch((e) => e);
      expect(err).toBeInstanceOf(GenerationLockBusy);
      expect(userSheets(wb)).toEqual(['Notes']);
      expect(wb.cell('Notes', 'A1')?.value).toBe('à garder');
      expect(lockValue(wb)).toMatchObject({ ...marie, since: SINCE.toISOString() });
    });
  });

  describe('co-authored document: each pane works on its own copy, the other\'s writes arrive later', () => {
    /** Two co-authors: cells travel in 20 ms, settings (per copy in Excel) in 300 ms. */
    function coauthored() {
      const doc = new FakeCoauthoring(20, 300);
      const a = doc.join();
      a.addSheet('Notes', [['à garder']]);
      const b = doc.join(a);
      return { doc, a, b };
    }
    const settle = { settleMs: 80 };
    /** Sheets of a copy the pane wrote cells in, the lock sheet aside. */
    const wroteIn = (wb: FakeWorkbook) => [...wb.modified].filter((n) => n !== LOCK_SHEET);

    it('two panes generating at once: exactly one writes, the other is told who and since when; both copies end the same', async () => {
      const { doc, a, b } = coauthored();
      const hostA = excelHost(a.run, a.caps, { session: marie, now, ...settle });
      const hostB = excelHost(b.run, b.caps, { session: paul, now, ...settle });
      const [ra, rb] = await Promise.allSettled([hostA.writeSheets!([fundingSpec(4, 'Marie'), other('Contrôles A')]), hostB.writeSheets!([fundingSpec(2, 'Paul'), other('Contrôles B')])]);
      await doc.settled();
      expect([ra.status, rb.status].sort()).toEqual(['fulfilled', 'rejected']);
      const [won, lost] = ra.status === 'fulfilled' ? [a, b] : [b, a];
      const refused = (ra.status === 'rejected' ? ra : rb) as PromiseRejectedResult;
      expect(refused.reason).toBeInstanceOf(GenerationLockBusy);
      expect(refused.reason.message).toContain(`(par ${won === a ? 'Marie Durand' : 'Paul Martin'}, depuis 14 h 40)`);
      // the refused pane wrote nothing but its lock
      expect(wroteIn(lost)).toEqual([]);
      expect(wroteIn(won).sort()).toEqual(['Contrôles A', 'Financements'].map((n) => (won === a ? n : n.replace(' A', ' B'))).sort());
      // every copy shows the winner's rows only, and no lock is left
      const rows = won === a ? Array(4).fill('écrit par Marie') : Array(2).fill('écrit par Paul');
      expect(objets(a)).toEqual(rows);
      expect(objets(b)).toEqual(rows);
      expect(hasLock(a) || hasLock(b)).toBe(false);
    });

    it('a crashed pane\'s lock is taken over once it has had no heartbeat for the time-out, not before', async () => {
      const { doc, a, b } = coauthored();
      // Marie's pane takes the lock, then its connection is lost: never released
      expect(await acquireGenerationLock(a.run, marie, { now: () => SINCE, ...settle })).toMatchObject({ ok: true });
      await doc.settled();
      const at = (min: number) => () => new Date(SINCE.getTime() + min * 60_000);
      const tooEarly = await acquireGenerationLock(b.run, paul, { now: at(9), ...settle });
      expect(tooEarly).toMatchObject({ ok: false, owner: 'Marie Durand' });
      expect(!tooEarly.ok && tooEarly.message).toContain('(par Marie Durand, depuis 14 h 32)');
      expect(await acquireGenerationLock(b.run, paul, { now: at(11), ...settle })).toMatchObject({ ok: true });
      await doc.settled();
      expect(lockValue(a)).toMatchObject({ id: paul.id });
    });

    it('a long generation keeps its lock: the heartbeat is renewed while it writes', async () => {
      const { doc, a, b } = coauthored();
      let clock = SINCE.getTime();
      const now = () => new Date(clock);
      const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
      let paulsTry: unknown;
      await withGenerationLock(a.run, marie, { now, ...settle, heartbeatMs: 15 }, async () => {
        // 8 minutes into Marie's write: her heartbeat is written
        clock += 8 * 60_000;
        await sleep(60);
        await doc.settled();
        // 15 minutes after she took it, 7 after her last heartbeat: Paul is still refused
        clock += 7 * 60_000;
        paulsTry = await acquireGenerationLock(b.run, paul, { now, ...settle, timeoutMs: 10 * 60_000 });
      });
      expect(paulsTry).toMatchObject({ ok: false, owner: 'Marie Durand' });
      await doc.settled();
      expect(hasLock(b)).toBe(false);
    });

    it('a generation from one pane keeps the sheets another pane generated, though that pane\'s settings have not arrived (merged before saving)', async () => {
      const { doc, a, b } = coauthored();
      const hostA = excelHost(a.run, a.caps, { session: marie, now, ...settle });
      const hostB = excelHost(b.run, b.caps, { session: paul, now, ...settle });
      await hostA.writeSheets!([fundingSpec(2, 'Marie')]);
      // Marie's lock release has reached Paul's copy (cells), her settings not yet
      await new Promise((r) => setTimeout(r, 60));
      expect(b.settings.has(SETTINGS.generated)).toBe(false);
      await hostB.writeSheets!([other('Synthèse')]);
      await doc.settled();
      for (const wb of [a, b]) {
        expect(JSON.parse(String(wb.settings.get(SETTINGS.generated))).sort()).toEqual(['Financements', 'Synthèse']);
        expect(await excelHost(wb.run, wb.caps).readWorkbook!().then((r) => r.sources.map((g) => g.sheet))).toEqual(['Notes']);
      }
    });
  });
});
