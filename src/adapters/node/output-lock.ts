import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { processAlive } from './process-alive';

/**
 * Advisory lock beside an output (`.pilotage.xlsx.lock`): two builds on one workbook never mix.
 * The second one waits for the first to finish (it then re-reads the new workbook, so nothing
 * typed is lost), up to a time-out, then stops with a French message saying who holds the lock
 * and since when. A lock whose process is dead (same machine) or older than `staleMs` is stale
 * and taken over: a build killed with kill -9 never blocks the next one for long.
 */
export interface LockInfo {
  pid: number;
  host: string;
  user: string;
  since: string; // ISO date-time
}

export class LockBusyError extends Error {}

export const lockPath = (target: string) => path.join(path.dirname(path.resolve(target)), `.${path.basename(target)}.lock`);

async function readLock(file: string): Promise<LockInfo | undefined> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as LockInfo;
  } catch {
    return undefined; // being written, or removed meanwhile
  }
}

function isStale(info: LockInfo | undefined, mtimeMs: number, staleMs: number): boolean {
  if (Date.now() - mtimeMs > staleMs) return true;
  if (!info) return Date.now() - mtimeMs > 5000; // an unreadable lock left half-written
  return info.host === os.hostname() && !processAlive(info.pid);
}

const frTime = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toLocaleDateString('fr-FR')} à ${d.toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit' })}`;
};

/** Takes the lock on `target`, waiting up to `timeoutMs`; returns its release. */
export async function acquireOutputLock(
  target: string,
  opts: { timeoutMs?: number; pollMs?: number; staleMs?: number; onWait?: (holder: LockInfo | undefined) => void } = {},
): Promise<() => Promise<void>> {
  const timeoutMs = opts.timeoutMs ?? Number(process.env.PILOTAGE_LOCK_TIMEOUT_MS ?? 120_000);
  const pollMs = opts.pollMs ?? 200;
  const staleMs = opts.staleMs ?? 30 * 60_000;
  const file = lockPath(target);
  const me: LockInfo = { pid: process.pid, host: os.hostname(), user: os.userInfo().username, since: new Date().toISOString() };
  await fs.mkdir(path.dirname(file), { recursive: true });
  const start = Date.now();
  let told = false;
  for (;;) {
    try {
      const fh = await fs.open(file, 'wx');
      try {
        await fh.writeFile(JSON.stringify(me));
      } finally {
        await fh.close();
      }
      return async () => {
        const now = await readLock(file);
        if (now?.pid === me.pid && now.host === me.host) await fs.rm(file, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const info = await readLock(file);
    const st = await fs.stat(file).catch(() => undefined);
    if (!st) continue; // released meanwhile
    if (isStale(info, st.mtimeMs, staleMs)) {
      await fs.rm(file, { force: true });
      continue;
    }
    if (Date.now() - start >= timeoutMs)
      throw new LockBusyError(
        `${path.basename(target)} est en cours d'écriture par une autre construction` +
          (info ? ` (${info.user} sur ${info.host}, processus ${info.pid}, depuis le ${frTime(info.since)})` : '') +
          ` : rien n'a été écrit. Relancez quand elle sera terminée ; si aucune construction n'est en cours, supprimez le fichier ${file}.`,
      );
    if (!told) opts.onWait?.(info);
    told = true;
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
