import {
  DEFAULT_LOCK_TIMEOUT_MS,
  lockBusyMessage,
  lockState,
  mayTake,
  parseLock,
  type GenerationLock,
} from '../../core/lock/lock-state';
import type { ExcelRun } from './excel-host';
import { SETTINGS } from './generated-sheets';

/**
 * Advisory lock of the pane in the workbook settings (`pilotageAvs.verrou`, saved in the document
 * and shared by co-authors): two technicians generating in one co-authored workbook never
 * interleave their writes. The second one stops before writing anything, with a French message
 * saying who holds the lock and since when. A lock older than the time-out (a pane closed, a
 * connection lost mid-write) is stale and taken over. Co-authoring merges settings by « last
 * writer wins »: the lock is written, synced, then read back, and is only ours if it still holds
 * our token. The decisions (stale, ours, message) are in core/lock/lock-state.ts.
 *
 * LIMIT (issue 25 item 6, not fixed): each co-author works on an in-memory copy of the settings
 * (`settingsChanged` fires only on the web) and `settleMs` is not set by the pane, so two panes
 * in two places both read back their own token and both go on; there is no heartbeat either (a
 * generation over the time-out loses the lock). The lock only guards one place against itself:
 * generation must not run in two places at once (README, « Premier essai dans Excel réel »).
 */
export interface LockSession {
  /** Random token of this pane session (newSessionId). */
  id: string;
  /** Who the others are told holds the lock (a user's name); absent: « sur un autre poste ». */
  owner?: string;
}

export interface LockOptions {
  /** A lock older than this is stale (default 10 minutes). */
  timeoutMs?: number;
  /** The clock (tests). */
  now?: () => Date;
  /**
   * Wait between writing the lock and reading it back, so that a co-author's lock written at the
   * same moment has time to reach this copy of the workbook (default 0).
   */
  settleMs?: number;
}

export type AcquireResult = { ok: true } | { ok: false; owner?: string; since: string; message: string };

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

async function readLock(context: Excel.RequestContext): Promise<GenerationLock | undefined> {
  const item = context.workbook.settings.getItemOrNullObject(SETTINGS.lock);
  item.load('value');
  await context.sync();
  return item.isNullObject ? undefined : parseLock(item.value);
}

/**
 * Takes the lock when it is free, already ours or stale; otherwise says who holds it. Tried again
 * (up to 3 times) when the lock vanished between our write and the read-back (another session
 * overwrote it and has already released it).
 */
export async function acquireGenerationLock(
  run: ExcelRun,
  session: LockSession,
  opts: LockOptions = {},
): Promise<AcquireResult> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
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
      if (!mayTake(lockState(current, session.id, now(), timeoutMs))) return refused(current!);
      const mine: GenerationLock = {
        ...(session.owner ? { owner: session.owner } : {}),
        id: session.id,
        since: now().toISOString(),
      };
      context.workbook.settings.add(SETTINGS.lock, JSON.stringify(mine));
      await context.sync();
      if (opts.settleMs) await new Promise((r) => setTimeout(r, opts.settleMs));
      const back = await readLock(context);
      if (back?.id === session.id) return { ok: true };
      if (back) return refused(back);
    }
    return refused({ since: now().toISOString(), id: '' });
  });
}

/** Removes the lock if it is this session's (another session's lock is never removed). Says whether it did. */
export async function releaseGenerationLock(run: ExcelRun, session: LockSession): Promise<boolean> {
  return run(async (context) => {
    const item = context.workbook.settings.getItemOrNullObject(SETTINGS.lock);
    item.load('value');
    await context.sync();
    if (item.isNullObject || parseLock(item.value)?.id !== session.id) return false;
    item.delete();
    await context.sync();
    return true;
  });
}

/**
 * Runs `write` under the lock: refused (GenerationLockBusy, nothing run) when another session
 * holds it; released in every case once `write` ends, throws included. A release that fails (a
 * lost connection) does not hide the write's own outcome: the lock then expires after the time-out.
 */
export async function withGenerationLock<T>(
  run: ExcelRun,
  session: LockSession,
  opts: LockOptions,
  write: () => Promise<T>,
): Promise<T> {
  const got = await acquireGenerationLock(run, session, opts);
  if (!got.ok) throw new GenerationLockBusy(got.message, got.owner, got.since);
  try {
    return await write();
  } finally {
    await releaseGenerationLock(run, session).catch(() => false);
  }
}
