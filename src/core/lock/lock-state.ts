/**
 * The pane's generation lock, as a decision: two technicians generating in one co-authored
 * workbook must not interleave their writes. The lock is held in cells of a very hidden sheet
 * (adapters/office/generation-lock.ts: who took it, a token of the pane session, since when and
 * the last heartbeat); this module says whether a session may take it and what the other one is
 * told (French).
 */
export interface GenerationLock {
  /** Who holds it, as the holder's pane named itself (a user's name); absent: unknown. */
  owner?: string;
  /** Random token of the pane session that took it. */
  id: string;
  /** ISO date-time it was taken. */
  since: string;
  /** ISO date-time the holder last said it is still writing (renewed during long writes); absent: `since`. */
  heartbeat?: string;
}

/** A lock without a heartbeat for this long is stale (a pane closed or a connection lost mid-write): it is taken over. */
export const DEFAULT_LOCK_TIMEOUT_MS = 10 * 60_000;

/**
 * free: no lock (or an unreadable one); ours: taken by this session; stale: its last heartbeat
 * (its time taken when it has none) older than the time-out (or further than the time-out in the
 * future, a clock far off); other: held.
 */
export type LockState = 'free' | 'ours' | 'stale' | 'other';

/** The setting's value as a lock, or undefined when it is not one (absent, garbled). */
export function parseLock(v: unknown): GenerationLock | undefined {
  let o = v;
  if (typeof o === 'string')
    try {
      o = JSON.parse(o);
    } catch {
      return undefined;
    }
  if (!o || typeof o !== 'object') return undefined;
  const { owner, id, since, heartbeat } = o as Record<string, unknown>;
  if (typeof id !== 'string' || !id || typeof since !== 'string') return undefined;
  return {
    ...(typeof owner === 'string' && owner.trim() ? { owner: owner.trim() } : {}),
    id,
    since,
    ...(typeof heartbeat === 'string' && heartbeat ? { heartbeat } : {}),
  };
}

export function lockState(
  lock: GenerationLock | undefined,
  myId: string,
  now: Date,
  timeoutMs = DEFAULT_LOCK_TIMEOUT_MS,
): LockState {
  if (!lock) return 'free';
  if (lock.id === myId) return 'ours';
  const t = Date.parse(lock.heartbeat ?? lock.since);
  if (Number.isNaN(t)) return 'stale';
  const age = now.getTime() - t;
  return age > timeoutMs || age < -timeoutMs ? 'stale' : 'other';
}

/** May this session write its lock (free, its own, or stale)? */
export const mayTake = (state: LockState) => state !== 'other';

const two = (n: number) => String(n).padStart(2, '0');

/** « 14 h 32 » the same day, « le 02/12/2026 à 14 h 32 » otherwise (local time of the pane). */
export function frenchSince(sinceIso: string, now: Date): string {
  const d = new Date(sinceIso);
  if (Number.isNaN(d.getTime())) return sinceIso;
  const time = `${d.getHours()} h ${two(d.getMinutes())}`;
  const sameDay =
    d.getFullYear() === now.getFullYear() && d.getMonth() === now.getMonth() && d.getDate() === now.getDate();
  return sameDay ? time : `le ${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()} à ${time}`;
}

const minutes = (ms: number) => {
  const n = Math.max(1, Math.round(ms / 60_000));
  return `${n} minute${n > 1 ? 's' : ''}`;
};

/**
 * What the second technician is told. No final full stop: the pane's error notice adds its own
 * sentence after the message.
 */
export function lockBusyMessage(
  lock: Pick<GenerationLock, 'owner' | 'since'>,
  now: Date,
  timeoutMs = DEFAULT_LOCK_TIMEOUT_MS,
): string {
  const who = lock.owner ? `par ${lock.owner}` : 'sur un autre poste';
  return (
    `Une génération est déjà en cours dans ce classeur (${who}, depuis ${frenchSince(lock.since, now)}) : rien n'a été écrit. ` +
    `Réessayez dans quelques minutes ; le verrou expire au bout de ${minutes(timeoutMs)}`
  );
}
