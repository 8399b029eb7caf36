/**
 * How the office adapter reaches Excel: `Excel.run` in the real host, a fake in-memory workbook
 * in jest. Everything else in this folder only sees these two types.
 */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export type HostPlatform = 'desktop' | 'web' | 'ios';

/** API sets above ExcelApi 1.8 (the manifest's minimum) that the adapter uses when present. */
export interface HostCapabilities {
  /** suspendScreenUpdatingUntilNextSync, pageLayout (ExcelApi 1.9) */
  api19: boolean;
  /** range.group for outline levels (ExcelApi 1.10) */
  api110: boolean;
  /** getMergedAreasOrNullObject, insertWorksheetsFromBase64, table.resize (ExcelApi 1.13) */
  api113: boolean;
  /** Where Excel runs: the web has a 5 MB request/response limit, iOS has no insertWorksheetsFromBase64. */
  platform?: HostPlatform;
}

/**
 * Request and response limit: "Excel on the web has a payload size limit for requests and
 * responses of 5 MB" (resource limits and performance optimization for Office Add-ins). Desktop
 * hosts have none documented; the adapter keeps the same budgets everywhere, so a workbook that
 * works on the desktop also works on the web.
 */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

/** Capabilities from isSetSupported and the platform (the real host and the fake use the same code). */
export function capabilitiesOf(isSetSupported: (set: string, version: string) => boolean, platform: HostPlatform): HostCapabilities {
  const has = (v: string) => isSetSupported('ExcelApi', v);
  return { api19: has('1.9'), api110: has('1.10'), api113: has('1.13'), platform };
}

/**
 * insertWorksheetsFromBase64 "is currently only supported for Office on Windows, Mac, and the web"
 * (office-js reference): an iPad answers ExcelApi 1.13 yet has no such method.
 */
export const canInsertWorksheets = (caps: HostCapabilities) => caps.api113 && caps.platform !== 'ios';

/** Longest wait for one `context.sync()` before the adapter gives up (Excel on the web may never answer). */
export const SYNC_TIMEOUT_MS = 60_000;

/** A sync that did not answer in time; code `SyncTimeout` (a passing cause: host-errors.ts). */
export class SyncTimeoutError extends Error {
  readonly code = 'SyncTimeout';
  constructor(ms: number) {
    const s = ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
    super(`Excel ne répond pas (synchronisation de plus de ${s}) : vérifiez la connexion et qu'aucune cellule n'est en cours de saisie, puis relancez`);
    this.name = 'SyncTimeoutError';
  }
}

/**
 * `run` with every `context.sync()` of its batches bounded: a sync that does not answer within
 * `ms` rejects with SyncTimeoutError, so the batch (and the pane's step) ends with a French message
 * instead of waiting forever (Excel on the web waiting on a lost service).
 */
export function withSyncTimeout(run: ExcelRun, ms: number = SYNC_TIMEOUT_MS): ExcelRun {
  return (batch) =>
    run((context) => {
      const sync = context.sync.bind(context);
      const bounded = <T>(value?: T): Promise<T> => {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new SyncTimeoutError(ms)), ms);
        });
        return Promise.race([sync(value), timeout]).finally(() => clearTimeout(timer));
      };
      (context as { sync: typeof bounded }).sync = bounded;
      return batch(context);
    });
}

export const officeExcelRun: ExcelRun = withSyncTimeout((batch) => Excel.run(batch));

export function officeCapabilities(): HostCapabilities {
  const p = Office.context.platform;
  const platform: HostPlatform = p === Office.PlatformType.OfficeOnline ? 'web' : p === Office.PlatformType.iOS ? 'ios' : 'desktop';
  return capabilitiesOf((set, v) => Office.context.requirements.isSetSupported(set, v), platform);
}

/**
 * Queued FIRST in a batch that writes, so that the whole batch runs with calculation suspended:
 * Excel recalculates once at the end instead of after every block. "Once set, it is the
 * developer's responsibility to re-calc the workbook, to ensure that any dependencies are
 * propagated" (office-js reference, suspendApiCalculationUntilNextSync): every write ends with
 * `recalculate`. `screen`: screen updating suspended too, for this batch (ExcelApi 1.9).
 */
export function suspendForWrite(context: Excel.RequestContext, caps: HostCapabilities, screen = false): void {
  context.application.suspendApiCalculationUntilNextSync();
  if (screen && caps.api19) context.application.suspendScreenUpdatingUntilNextSync();
}

/**
 * The last round trip of a write, with calculation no longer suspended: a full calculation, so
 * that formulas written without a result (office-js writes no cached value), and the charts over
 * them, show their values even when Excel's calculation mode is manual (it is per application:
 * another open workbook may have set it). ExcelApi 1.1.
 */
export async function recalculate(context: Excel.RequestContext): Promise<void> {
  context.application.calculate('Full');
  await context.sync();
}

/** UTF-8 length of a string, without allocating (request and response limits are in bytes). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
