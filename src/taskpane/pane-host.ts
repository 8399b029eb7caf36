import type { MappingFile } from '../core/import/mapping-file';
import type { Grid, RejectedInput } from '../core/model/grid';
import type { SheetPatch } from '../core/model/sheet-patch';
import type { SheetSpec } from '../core/model/sheet-spec';
import { renamePatches } from '../core/sheets/rename-sheets';
import { canInsertWorksheets, officeCapabilities, officeExcelRun, type ExcelRun, type HostCapabilities } from '../adapters/office/excel-host';
import { applyPatches } from '../adapters/office/apply-patches';
import { newSessionId, withGenerationLock, type HeldLock, type LockOptions, type LockSession } from '../adapters/office/generation-lock';
import { insertWorkbookFiles, type InsertOutcome } from '../adapters/office/insert-sheets';
import { generatedSheetNames, readSheets } from '../adapters/office/read-sheets';
import { selectCell } from '../adapters/office/select-cell';
import { loadMappings, saveMappings } from '../adapters/office/workbook-settings';
import { writeSheets, type WriteResult } from '../adapters/office/write-sheets';

/**
 * Where the pane runs: inside Excel (the office adapter on the open workbook) or standalone in a
 * browser (files only, the result is downloaded). The pane's steps only talk to this interface.
 */
export interface PaneHost {
  kind: 'excel' | 'standalone';
  /**
   * Sheets of the open workbook (Excel only): `sources` are the partners' sheets, `existing` every
   * sheet, generated ones included (typed notes to keep, cells the Contrôles sheet links to).
   */
  /** The copies of files this pane copied are not sources (the files are): read in `existing` only. */
  /** `unread`: sheets Excel failed to read (French reason naming the sheet); the others are read. */
  readWorkbook?: (onProgress?: (done: number, total: number, label: string) => void) => Promise<{ sources: Grid[]; existing: Grid[]; unread: RejectedInput[] }>;
  writeSheets?: (specs: SheetSpec[], onProgress?: (done: number, total: number, label: string) => void) => Promise<WriteResult>;
  /**
   * Fill in the user's own programming sheets, cell by cell (the core says which cells);
   * `sheetNames`: names the generated sheets got (their formulas follow, e.g. `Financements (2)`).
   */
  applyPatches?: (patches: SheetPatch[], sheetNames?: Map<string, string>) => Promise<number>;
  /**
   * The pane's « Générer »: the generated sheets, then the patches of the user's programming
   * sheets (renamed after the names the sheets got), under ONE take of the generation lock, so no
   * other pane can write between the two. Present whenever `writeSheets` is.
   */
  generate?: (
    specs: SheetSpec[],
    patches: SheetPatch[],
    onProgress?: (done: number, total: number, label: string) => void,
  ) => Promise<WriteResult & { patchSyncs: number }>;
  /** `file`: the finding's file; when its sheets were copied into the workbook, the copy's name is selected (`Feuil1 (2)`). */
  selectCell?: (sheet: string, address: string, file?: string) => Promise<boolean>;
  /** Copy a partner file's sheets into the open workbook, when the host can (French message otherwise). */
  insertFile?: (name: string, bytes: Uint8Array) => Promise<InsertOutcome>;
  canInsertFiles: boolean;
  saveMappings: (m: MappingFile) => Promise<void>;
  loadMappings: () => Promise<MappingFile | undefined>;
}

/** Who this pane is for the generation lock (a random token per pane by default), and its time-out. */
export interface PaneLockOptions extends LockOptions {
  session?: Partial<LockSession>;
}

/**
 * Inside Excel. Every write of generated sheets, and of the cells of the user's programming
 * sheets, runs under the workbook's generation lock (generation-lock.ts): while another pane
 * writes in this co-authored workbook, nothing is written and the French message says who holds
 * the lock and since when (GenerationLockBusy, shown by the pane as any failed step). `generate`
 * holds the lock across both writes (two calls would release and take it again in between).
 */
export function excelHost(run: ExcelRun = officeExcelRun, caps: HostCapabilities = officeCapabilities(), lock: PaneLockOptions = {}): PaneHost {
  const { session: who, ...lockOpts } = lock;
  const session: LockSession = { id: who?.id ?? newSessionId(), ...(who?.owner ? { owner: who.owner } : {}) };
  // copies made by this pane: file → its sheet → the copy's name, and every copy (not read again as sources)
  const copies = new Map<string, Map<string, string>>();
  const copied = new Set<string>();
  // the mappings as this pane last loaded or saved them: what a co-author changed since is kept on save
  let saved: MappingFile | undefined;
  const locked = <T>(write: (held: HeldLock) => Promise<T>) => withGenerationLock(run, session, lockOpts, write);
  /** The sheets, with the generated sheets the lock sheet records; what was written recorded there in turn. */
  const writeLocked = async (held: HeldLock, specs: SheetSpec[], onProgress?: (done: number, total: number, label: string) => void) => {
    const out = await writeSheets(run, specs, { caps, onProgress, owned: held.generated });
    held.record([...out.sheetNames.values()]);
    return out;
  };
  // unlocked: the callers below take the lock
  const patch = async (patches: SheetPatch[], sheetNames?: Map<string, string>) =>
    patches.length ? applyPatches(run, renamePatches(patches, new Map([...(sheetNames ?? [])].filter(([a, b]) => a !== b))), caps) : 0;
  return {
    kind: 'excel',
    readWorkbook: async (onProgress) => {
      const generated = new Set(await generatedSheetNames(run));
      const unread: RejectedInput[] = [];
      const existing = await readSheets(run, { caps, onProgress, includeGenerated: true, unread });
      return { sources: existing.filter((g) => !generated.has(g.sheet) && !copied.has(g.sheet)), existing, unread };
    },
    writeSheets: (specs, onProgress) => locked((held) => writeLocked(held, specs, onProgress)),
    applyPatches: async (patches, sheetNames) => (patches.length ? locked(() => patch(patches, sheetNames)) : 0),
    generate: (specs, patches, onProgress) =>
      locked(async (held) => {
        const out = await writeLocked(held, specs, onProgress);
        return { ...out, patchSyncs: await patch(patches, out.sheetNames) };
      }),
    selectCell: (sheet, address, file) => selectCell(run, (file && copies.get(file)?.get(sheet)) || sheet, address),
    insertFile: async (name, bytes) => {
      const out = (await insertWorkbookFiles(run, caps, [{ name, bytes }]))[0];
      if (out.sheets.length) {
        copies.set(name, new Map(Object.entries(out.renamed ?? {})));
        for (const s of out.sheets) copied.add(s);
      }
      return out;
    },
    canInsertFiles: canInsertWorksheets(caps),
    saveMappings: async (m) => {
      saved = await saveMappings(run, m, saved);
    },
    loadMappings: async () => (saved = await loadMappings(run)),
  };
}

const STORAGE_KEY = 'pilotage-avs.correspondances';

/** Outside Office: mappings are kept in the browser's local storage. */
export function standaloneHost(storage: Storage | undefined = globalThis.localStorage): PaneHost {
  return {
    kind: 'standalone',
    canInsertFiles: false,
    saveMappings: async (m) => storage?.setItem(STORAGE_KEY, JSON.stringify(m)),
    loadMappings: async () => {
      const v = storage?.getItem(STORAGE_KEY);
      return v ? (JSON.parse(v) as MappingFile) : undefined;
    },
  };
}
