import {
  DEFAULT_LOCK_TIMEOUT_MS,
  lockBusyMessage,
  lockState,
  mayTake,
  type GenerationLock,
} from '../../core/lock/lock-state';
import { errorCode } from './host-errors';
import type { ExcelRun } from './excel-host';

/**
 * Advisory lock of the pane: two technicians generating in one co-authored workbook never
 * interleave their writes. The second one stops before writing anything, with a French message
 * saying who holds the lock and since when.
 *
 * Where: cells of a very hidden sheet (LOCK_SHEET), not the workbook settings. Each co-author
 * works on an in-memory copy of the settings (office-js reference, Office.Settings: the
 * `settingsChanged` event "is supported only in Excel on the web in coauthoring scenarios"),
 * so a lock there is seen by nobody else; cells are what co-authors share. A sheet made very
 * hidden (Excel.SheetVisibility.veryHidden, ExcelApi 1.1) is not offered by Format › Masquer et
 * afficher: the user never sees it.
 *
 * How: read the lock; free, ours or stale (no heartbeat for the time-out: a pane closed, a
 * connection lost) → write ours, sync, wait `settleMs` so that a co-author's lock written at the
 * same moment reaches this copy, read it back. Co-authoring keeps the last writer's value: the
 * pane that reads back another token stops, with the message naming that holder. While the
 * write runs, the heartbeat is renewed every `heartbeatMs`, so a long generation keeps its lock
 * and a crashed pane's lock is taken over once the time-out has passed. The decisions (stale,
 * ours, message) are in core/lock/lock-state.ts.
 */
export const LOCK_SHEET = '_pilotage_verrou';
/** Column A: labels (for whoever unhides the sheet with a macro); column B: the values. */
const LABELS = ['Propriétaire', 'Jeton', 'Depuis', 'Battement'];
const VALUES = 'B1:B4';
/**
 * Column D: the names of the sheets the add-in generated, a copy of the `feuillesGenerees`
 * setting that co-authors see (a co-author's settings may not have reached this copy yet when
 * the lock passes to it; the cells written before the release have). Written at the release.
 */
const RECORD_HEADER = 'Feuilles générées';
const RECORD_ROWS = 300;
const RECORD = `D1:D${RECORD_ROWS}`;

/** Wait between writing the lock and reading it back (co-authors' changes arrive within seconds). */
export const DEFAULT_SETTLE_MS = 3_000;
/** Heartbeat period during a write (well under the 10-minute time-out). */
export const DEFAULT_HEARTBEAT_MS = 60_000;

export interface LockSession {
  /** Random token of this pane session (newSessionId). */
  id: string;
  /** Who the others are told holds the lock (a user's name); absent: « sur un autre poste ». */
  owner?: string;
}

export interface LockOptions {
  /** A lock without heartbeat for this long is stale (default 10 minutes). */
  timeoutMs?: number;
  /** The clock (tests). */
  now?: () => Date;
  /**
   * Wait between writing the lock and reading it back, so that a co-author's lock written at the
   * same moment has time to reach this copy of the workbook (default DEFAULT_SETTLE_MS).
   */
  settleMs?: number;
  /** Period of the heartbeat written while the lock is held (default DEFAULT_HEARTBEAT_MS). */
  heartbeatMs?: number;
}

export type AcquireResult = { ok: true; generated: string[] } | { ok: false; owner?: string; since: string; message: string };

/** The lock while it is held: the generated sheets recorded in the lock sheet, and what this write adds to them. */
export interface HeldLock {
  generated: string[];
  /** Names of generated sheets this write made the add-in's: recorded in the lock sheet at the release. */
  record(names: string[]): void;
}

/** The lock is held by another session: nothing was written (French message). */
export class GenerationLockBusy extends Error {
  constructor(
    message: string,
    readonly owner: string | undefined,
    readonly since: string,
  ) {
    super(message);
    this.name = 'GenerationLockBusy';
  }
}

/** A random token per pane session. */
export function newSessionId(): string {
  const c = globalThis.crypto as Crypto | undefined;
  if (c?.randomUUID) return c.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
}

const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

type LockCells = { exists: boolean; lock?: GenerationLock; generated: string[] };

/** The lock the sheet holds (undefined: no sheet, or blank cells), whether the sheet exists, and its record of generated sheets. */
async function readLock(context: Excel.RequestContext): Promise<LockCells> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(LOCK_SHEET);
  await context.sync();
  if (sheet.isNullObject) return { exists: false, generated: [] };
  const range = sheet.getRange(VALUES);
  range.load('values');
  const record = sheet.getRange(RECORD);
  record.load('values');
  await context.sync();
  const generated = record.values.slice(1).map((r) => String(r[0] ?? '').trim()).filter(Boolean);
  const [owner, id, since, heartbeat] = range.values.map((r) => String(r[0] ?? '').trim());
  if (!id || !since) return { exists: true, generated };
  return { exists: true, lock: { ...(owner ? { owner } : {}), id, since, ...(heartbeat ? { heartbeat } : {}) }, generated };
}

/** Names of the generated sheets recorded in the lock sheet (none when there is no lock sheet). */
export async function recordedGeneratedSheets(context: Excel.RequestContext): Promise<string[]> {
  return (await readLock(context)).generated;
}

/** Queues the record of generated sheets (column D), as text. */
function writeRecord(sheet: Excel.Worksheet, names: string[]) {
  const list = [...new Set(names)].slice(0, RECORD_ROWS - 1);
  const range = sheet.getRange(RECORD);
  range.numberFormat = Array.from({ length: RECORD_ROWS }, () => ['@']);
  range.values = Array.from({ length: RECORD_ROWS }, (_, i) => [i === 0 ? RECORD_HEADER : (list[i - 1] ?? '')]);
}

/** Queues the lock's four cells (text, so that Excel never reads a date or a formula in them). */
function writeLock(sheet: Excel.Worksheet, lock: GenerationLock | undefined) {
  const all = sheet.getRange('A1:B4');
  all.numberFormat = LABELS.map(() => ['@', '@']);
  all.values = LABELS.map((l, i) => [l, lock ? [lock.owner ?? '', lock.id, lock.since, lock.heartbeat ?? lock.since][i] : '']);
}

/** The lock sheet, added very hidden when missing (in the batch of the lock's first write). */
function lockSheet(context: Excel.RequestContext, exists: boolean): Excel.Worksheet {
  if (exists) return context.workbook.worksheets.getItem(LOCK_SHEET);
  const sheet = context.workbook.worksheets.add(LOCK_SHEET);
  sheet.visibility = 'VeryHidden';
  return sheet;
}

/**
 * Takes the lock when it is free, already ours or stale; otherwise says who holds it. Tried again
 * (up to 3 times) when the lock vanished between our write and the read-back (another session
 * overwrote it and has already released it). A workbook whose structure is protected cannot get
 * the lock sheet: the lock is then not taken (`ok`, nothing else is possible there).
 */
export async function acquireGenerationLock(
  run: ExcelRun,
  session: LockSession,
  opts: LockOptions = {},
): Promise<AcquireResult> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  const settleMs = opts.settleMs ?? DEFAULT_SETTLE_MS;
  const now = opts.now ?? (() => new Date());
  const refused = (lock: GenerationLock): AcquireResult => ({
    ok: false,
    ...(lock.owner ? { owner: lock.owner } : {}),
    since: lock.since,
    message: lockBusyMessage(lock, now(), timeoutMs),
  });
  return run(async (context) => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const current = await readLock(context);
      if (current.lock && !mayTake(lockState(current.lock, session.id, now(), timeoutMs))) return refused(current.lock);
      const at = now().toISOString();
      const mine: GenerationLock = { ...(session.owner ? { owner: session.owner } : {}), id: session.id, since: at, heartbeat: at };
      try {
        writeLock(lockSheet(context, current.exists), mine);
        await context.sync();
      } catch (e) {
        // Révision › Protéger le classeur: no sheet can be added, the lock neither
        if (!current.exists && errorCode(e) === 'AccessDenied') return { ok: true, generated: [] };
        // another pane of this copy added the sheet meanwhile: read again
        if (!current.exists && errorCode(e) === 'ItemAlreadyExists') continue;
        throw e;
      }
      if (settleMs > 0) await wait(settleMs);
      const back = await readLock(context);
      if (back.lock?.id === session.id) return { ok: true, generated: back.generated };
      if (back.lock) return refused(back.lock);
    }
    return refused({ since: now().toISOString(), id: '' });
  });
}

/** Writes a new heartbeat if the lock is still this session's. Says whether it did. */
export async function renewGenerationLock(run: ExcelRun, session: LockSession, opts: Pick<LockOptions, 'now'> = {}): Promise<boolean> {
  const now = opts.now ?? (() => new Date());
  return run(async (context) => {
    const { exists, lock } = await readLock(context);
    if (!exists || lock?.id !== session.id) return false;
    writeLock(lockSheet(context, true), { ...lock, heartbeat: now().toISOString() });
    await context.sync();
    return true;
  });
}

/**
 * Blanks the lock if it is this session's (another session's lock is never removed), in the same
 * batch as the record of generated sheets gets `generated` (re-read, then merged: the names of
 * other panes are kept). Says whether it did.
 */
export async function releaseGenerationLock(run: ExcelRun, session: LockSession, generated: string[] = []): Promise<boolean> {
  return run(async (context) => {
    const current = await readLock(context);
    if (!current.exists || current.lock?.id !== session.id) return false;
    const sheet = lockSheet(context, true);
    const merged = [...new Set([...current.generated, ...generated])];
    if (merged.length !== current.generated.length) writeRecord(sheet, merged);
    writeLock(sheet, undefined);
    await context.sync();
    return true;
  });
}

/**
 * Runs `write` under the lock: refused (GenerationLockBusy, nothing run) when another session
 * holds it; the heartbeat renewed while `write` runs; released in every case once `write` ends,
 * throws included. A release that fails (a lost connection) does not hide the write's own
 * outcome: the lock then goes stale after the time-out.
 */
export async function withGenerationLock<T>(
  run: ExcelRun,
  session: LockSession,
  opts: LockOptions,
  write: (held: HeldLock) => Promise<T>,
): Promise<T> {
  const got = await acquireGenerationLock(run, session, opts);
  if (!got.ok) throw new GenerationLockBusy(got.message, got.owner, got.since);
  const added: string[] = [];
  const held: HeldLock = { generated: got.generated, record: (names) => void added.push(...names) };
  let beating: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    beating = beating.then(() => renewGenerationLock(run, session, opts).catch(() => false));
  }, opts.heartbeatMs ?? DEFAULT_HEARTBEAT_MS);
  try {
    return await write(held);
  } finally {
    clearInterval(timer);
    await beating;
    await releaseGenerationLock(run, session, added).catch(() => false);
  }
}
