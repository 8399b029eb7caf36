import type { SheetSpec } from '../../core/model/sheet-spec';
import { renameSpecs } from '../../core/sheets/rename-sheets';
import { applyOp } from './apply-op';
import { errorCode, lastingAdvice, reasonOf } from './host-errors';
import { recalculate, suspendForWrite, type ExcelRun, type HostCapabilities } from './excel-host';
import { SETTINGS, parseNameList, resolveSheetName, resolveTableName } from './generated-sheets';
import { opSize, packBatches, sheetOps, type SheetOp } from './sheet-ops';

/** Below Excel on the web's 5 MB request limit (counted in UTF-8 bytes), with room for the envelope. */
export const DEFAULT_BATCH_BUDGET = 3_500_000;

export interface WriteOptions {
  caps: HostCapabilities;
  budget?: number;
  onProgress?: (done: number, total: number, label: string) => void;
  /**
   * Generated sheets known from elsewhere than this copy's settings (the lock sheet's record: a
   * co-author's settings may not have reached this copy yet), merged with the setting before it
   * is written again, so that a co-author's entries are never dropped.
   */
  owned?: string[];
}

export interface WriteResult {
  written: string[];
  /** Sheets not written, with the French reason. */
  refused: { sheet: string; reason: string }[];
  /** Generated sheets written under another name because a sheet of the workbook holds theirs (French note). */
  renamed: { from: string; to: string; reason: string }[];
  /** Name each generated sheet got (for the patches whose formulas point at them). */
  sheetNames: Map<string, string>;
  /** What was written differently from the spec, and why (French): a list validation Excel cannot hold… */
  notes: string[];
  syncs: number;
  batches: number;
}

/** A write that stopped part-way: what was written stays, the message says what to do (French). */
export class WriteInterrupted extends Error {
  constructor(
    message: string,
    readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'WriteInterrupted';
  }
}

/**
 * The French message of a write stopped by `e`: a passing cause (connection, busy host) invites a
 * new run, which replaces the sheets; a lasting one (AccessDenied, a name taken, a value Excel
 * refuses) says what to change first, since a new run would fail the same way.
 */
export function interruptedMessage(stage: string, e: unknown): string {
  const advice = lastingAdvice(e);
  const head = `L'écriture dans Excel s'est arrêtée (${stage}) : ${reasonOf(e)}. Ce qui était déjà écrit reste dans le classeur`;
  return advice
    ? `${head}. ${advice.charAt(0).toUpperCase()}${advice.slice(1)} : Pilotage AVS reconnaîtra alors ses feuilles et les remplacera entièrement.`
    : `${head} ; relancez l'écriture : Pilotage AVS reconnaîtra ses feuilles et les remplacera entièrement.`;
}

/**
 * Writes generated sheets in the open workbook. office-js has no transaction (every sync stays
 * applied), so the write is made to be resumed:
 * 1. one round trip looks at the sheets, tables, workbook protection and the add-in's settings;
 * 2. names are resolved once: a sheet of a generated name that the add-in did not make is never
 *    written, the generated one becomes `Name (2)` and every formula and validation is built on
 *    that name (renameSpecs);
 * 3. one round trip records the generated sheets as the add-in's (settings) *before* anything
 *    is written, and adds the missing sheets, in that order: a failure from here on leaves sheets
 *    that the next run recognises and replaces;
 * 4. each sheet is replaced in place: its content cleared (tables of the same name resized, not
 *    re-created), then written block by block. The sheet itself is never deleted or renamed, so
 *    references to it (a Dispositifs validation on `'Plan'!$J$2:$J$69`, a user's formula on
 *    Financements) survive a re-fill; Excel would turn them into #REF! otherwise.
 */
export async function writeSheets(run: ExcelRun, specsIn: SheetSpec[], opts: WriteOptions): Promise<WriteResult> {
  const budget = opts.budget ?? DEFAULT_BATCH_BUDGET;
  const caps = opts.caps;
  return run(async (context) => {
    let syncs = 0;
    let stage = 'lecture du classeur';
    const sync = async () => {
      try {
        await context.sync();
      } catch (e) {
        throw new WriteInterrupted(interruptedMessage(stage, e), e);
      }
      syncs++;
    };
    const wb = context.workbook;
    const sheets = wb.worksheets;
    // a protected sheet refuses every write (AccessDenied, the same at every run): looked at first
    sheets.load('items/name,items/protection/protected');
    // table names share the workbook's namespace with its defined names (Formules › Gestionnaire de noms)
    const definedNames = wb.names;
    definedNames.load('items/name');
    const tables = wb.tables;
    tables.load('items/name,items/worksheet/name');
    const setting = wb.settings.getItemOrNullObject(SETTINGS.generated);
    setting.load('value');
    const outlineSetting = wb.settings.getItemOrNullObject(SETTINGS.outlines);
    outlineSetting.load('value');
    const protection = wb.protection;
    protection.load('protected');
    await sync();

    // merge on save: the setting as it is now, the names known from the lock sheet, then ours (step 3)
    const owned = new Set([...(setting.isNullObject ? [] : parseNameList(setting.value)), ...(opts.owned ?? [])]);
    const existing = sheets.items.map((s) => s.name);
    const existingLower = new Set(existing.map((n) => n.toLowerCase()));
    const protectedLower = new Set(sheets.items.filter((s) => s.protection.protected).map((s) => s.name.toLowerCase()));
    const result: WriteResult = { written: [], refused: [], renamed: [], sheetNames: new Map(), notes: [], syncs: 0, batches: 0 };

    // 2. names, resolved once
    const taken = new Set<string>();
    const sheetRenames = new Map<string, string>();
    for (const spec of specsIn) {
      const to = resolveSheetName(spec.name, existing, owned, taken);
      taken.add(to.toLowerCase());
      result.sheetNames.set(spec.name, to);
      if (to !== spec.name) {
        sheetRenames.set(spec.name, to);
        result.renamed.push({
          from: spec.name,
          to,
          reason: `La feuille « ${spec.name} » du classeur n'a pas été créée par Pilotage AVS : elle n'est pas modifiée, et les tableaux sont écrits dans « ${to} » (formules et listes pointent vers « ${to} »).`,
        });
      }
    }
    const tableSheet = new Map(tables.items.map((t) => [t.name.toLowerCase(), t.worksheet.name.toLowerCase()]));
    const tableRenames = new Map<string, string>();
    const namesLower = definedNames.items.map((n) => n.name.toLowerCase());
    for (const spec of specsIn) {
      const target = result.sheetNames.get(spec.name)!.toLowerCase();
      const elsewhere = new Set([...[...tableSheet].filter(([, s]) => s !== target).map(([t]) => t), ...namesLower]);
      for (const t of spec.tables) {
        const to = resolveTableName(t.name, elsewhere);
        if (to !== t.name) tableRenames.set(t.name, to);
      }
    }
    const renamedSpecs = renameSpecs(specsIn, sheetRenames, tableRenames);
    // a generated sheet the user protected is left as it is, said, and the others are written
    const specs = renamedSpecs.filter((s) => {
      if (!protectedLower.has(s.name.toLowerCase())) return true;
      result.refused.push({
        sheet: s.name,
        reason: `La feuille « ${s.name} » est protégée (Révision › Ôter la protection de la feuille) : Pilotage AVS ne peut pas la remplacer et la laisse telle quelle. Ôtez sa protection puis relancez pour la mettre à jour.`,
      });
      return false;
    });
    const missing = specs.filter((s) => !existingLower.has(s.name.toLowerCase()));
    if (missing.length && protection.protected) {
      for (const s of specs)
        result.refused.push({ sheet: s.name, reason: `La structure du classeur est protégée (Révision › Protéger le classeur) : la feuille « ${s.name} » ne peut pas être ajoutée. Ôtez la protection puis relancez.` });
      result.syncs = syncs;
      return result;
    }

    // 3. ownership first, then the missing sheets; the kept tables and charts of the others are looked at
    stage = 'enregistrement des feuilles de Pilotage AVS';
    wb.settings.add(SETTINGS.generated, JSON.stringify([...new Set([...owned, ...specs.map((s) => s.name)])]));
    // outline depths: the deeper of the old and the new one until the write ends (a write stopped
    // after grouping leaves no level unknown to the next run), the new one once it has ended
    const oldDepths = outlineSetting.isNullObject ? {} : parseDepths(outlineSetting.value);
    const newDepths: Record<string, number> = { ...oldDepths };
    for (const s of specs) newDepths[s.name.toLowerCase()] = outlineDepth(s);
    const maxDepths = Object.fromEntries(Object.entries(newDepths).map(([k, d]) => [k, Math.max(d, oldDepths[k] ?? 0)]));
    wb.settings.add(SETTINGS.outlines, JSON.stringify(maxDepths));
    for (const s of missing) sheets.add(s.name);
    const old = specs.map((spec) => {
      if (!existingLower.has(spec.name.toLowerCase())) return { spec, tables: [], charts: undefined };
      const sheet = sheets.getItem(spec.name);
      const charts = sheet.charts;
      charts.load('items/name');
      const own = [...tableSheet].filter(([, s]) => s === spec.name.toLowerCase()).map(([t]) => t);
      return {
        spec,
        charts,
        tables: own.map((name) => {
          const r = tables.getItem(name).getRange();
          r.load('rowIndex,columnIndex,rowCount,columnCount');
          return { name, range: r };
        }),
      };
    });
    await sync();

    // 4. each sheet replaced in place. Blocks of several sheets share a round trip while they fit
    // in the budget (few round trips: the examples are one), each round trip with calculation and
    // screen updating suspended from its first operation: the screen never shows a half-drawn
    // sheet, and the metadata round trips above do not spend the suspension
    const plans = old.map((o) => {
      const ops = sheetOps(o.spec);
      for (const op of ops) if (op.kind === 'note') result.notes.push(op.text);
      const batches = packBatches(ops.filter((op) => op.kind !== 'note'), budget);
      return { ...o, batches: batches.length ? batches : [[]] };
    });
    // the previous outline removed, one round trip per sheet that had one: "ungroup removes the
    // outermost level" (office-js docs), once per level the previous version drew (recorded in the
    // settings; unknown: up to Excel's 8 levels). Ungrouping where no outline is left may throw:
    // that sheet's outline is then gone, and the write goes on.
    if (caps.api110)
      for (const o of old) {
        const key = o.spec.name.toLowerCase();
        if (!existingLower.has(key)) continue;
        const depth = key in oldDepths ? oldDepths[key] : MAX_OUTLINE_LEVELS;
        if (depth <= 0) continue;
        stage = `feuille « ${o.spec.name} », plan précédent`;
        suspendForWrite(context, caps, true);
        const all = sheets.getItem(o.spec.name).getRange();
        for (let i = 0; i < depth; i++) all.ungroup('ByRows');
        try {
          await context.sync();
        } catch (e) {
          // no outline left to remove (Excel refuses the ungroup): any other failure stops the write
          if (!NO_OUTLINE_CODES.has(errorCode(e))) throw new WriteInterrupted(interruptedMessage(stage, e), e);
        }
        syncs++;
      }
    type Step = { plan: (typeof plans)[number]; batch: SheetOp[]; index: number };
    const groups: Step[][] = [];
    let group: Step[] = [];
    let size = 0;
    for (const plan of plans)
      plan.batches.forEach((batch, index) => {
        const bytes = PRELUDE_BYTES + batch.reduce((n, op) => n + opSize(op), 0);
        if (group.length && size + bytes > budget) {
          groups.push(group);
          group = [];
          size = 0;
        }
        group.push({ plan, batch, index });
        size += bytes;
      });
    if (group.length) groups.push(group);
    const totalBatches = plans.reduce((n, p) => n + p.batches.filter((b) => b.length).length, 0);
    let done = 0;
    for (const steps of groups) {
      stage = steps.map(({ plan, index }) => `feuille « ${plan.spec.name} », bloc ${index + 1} sur ${plan.batches.length}`).join(' ; ');
      suspendForWrite(context, caps, true);
      const keeps = new Map<string, Set<string>>();
      for (const { plan, batch, index } of steps) {
        const sheet = sheets.getItem(plan.spec.name);
        if (index === 0) keeps.set(plan.spec.name, clearForRefill(sheet, plan, tables, caps, existingLower.has(plan.spec.name.toLowerCase())));
        for (const op of batch) applyOp(sheet, op, caps, { tables, keep: keeps.get(plan.spec.name) ?? new Set() });
      }
      await sync();
      for (const { plan, batch, index } of steps) {
        if (batch.length) {
          result.batches++;
          opts.onProgress?.(++done, totalBatches, plan.spec.name);
        }
        if (index === plan.batches.length - 1) result.written.push(plan.spec.name);
      }
    }
    // 5. formulas written without a result: calculated once, calculation no longer suspended
    stage = 'calcul des formules';
    wb.settings.add(SETTINGS.outlines, JSON.stringify(newDepths));
    try {
      await recalculate(context);
    } catch (e) {
      throw new WriteInterrupted(interruptedMessage(stage, e), e);
    }
    syncs++;
    result.syncs = syncs;
    return result;
  });
}

/** Request bytes of the operations that empty a sheet before it is redrawn. */
const PRELUDE_BYTES = 2_000;

/**
 * Queues what empties a generated sheet before it is redrawn: its tables converted to ranges
 * unless kept (resized in place), its charts, validations, conditional formats and cells cleared,
 * outline removed, rows shown, panes unfrozen. Returns the lower-case names of the kept tables.
 */
function clearForRefill(
  sheet: Excel.Worksheet,
  plan: { spec: SheetSpec; tables: { name: string; range: Excel.Range }[]; charts?: Excel.ChartCollection },
  tables: Excel.TableCollection,
  caps: HostCapabilities,
  existed: boolean,
): Set<string> {
  const { spec } = plan;
  const keep = new Set<string>();
  for (const t of plan.tables) {
    const next = spec.tables.find((x) => x.name.toLowerCase() === t.name);
    // resize keeps the header row and must overlap (reference): same top-left corner
    if (caps.api113 && next && t.range.rowIndex + 1 === next.headerRow && t.range.columnIndex + 1 === (next.startCol ?? 1)) keep.add(t.name);
    else tables.getItem(t.name).convertToRange();
  }
  if (plan.charts) for (const c of plan.charts.items) c.delete();
  const all = sheet.getRange();
  all.dataValidation.clear();
  all.conditionalFormats.clearAll();
  // a Clear All over a range holding a whole table may delete the table (desktop Excel), and the
  // resize then fails on a sheet already blank: the cells around a kept table are cleared, and
  // only the contents and formats of its data rows (the header row is written again)
  const holes = plan.tables
    .filter((t) => keep.has(t.name))
    .map((t) => ({ top: t.range.rowIndex + 1, left: t.range.columnIndex + 1, bottom: t.range.rowIndex + t.range.rowCount, right: t.range.columnIndex + t.range.columnCount }));
  for (const r of holes.reduce((rects, hole) => rects.flatMap((x) => subtractRect(x, hole)), [SHEET_RECT])) sheet.getRangeByIndexes(r.top - 1, r.left - 1, r.bottom - r.top + 1, r.right - r.left + 1).clear('All');
  for (const h of holes)
    if (h.bottom > h.top) {
      const body = sheet.getRangeByIndexes(h.top, h.left - 1, h.bottom - h.top, h.right - h.left + 1);
      body.clear('Contents');
      body.clear('Formats');
    }
  // rows of a folded group stay hidden once ungrouped: shown again before the sheet is redrawn
  if (existed) all.rowHidden = false;
  sheet.freezePanes.unfreeze();
  return keep;
}

type Rect = { top: number; left: number; bottom: number; right: number };
const SHEET_RECT: Rect = { top: 1, left: 1, bottom: 1048576, right: 16384 };
/** What Excel answers an ungroup where no outline is left (not checked in Excel: see README, « Premier essai »). */
const NO_OUTLINE_CODES = new Set(['InvalidOperation', 'InvalidArgument', 'ItemNotFound']);
/** Excel's deepest outline. */
const MAX_OUTLINE_LEVELS = 8;

/** `x` without `hole`: up to four rectangles (above, below, left, right). */
export function subtractRect(x: Rect, hole: Rect): Rect[] {
  if (hole.left > x.right || hole.right < x.left || hole.top > x.bottom || hole.bottom < x.top) return [x];
  const out: Rect[] = [];
  if (hole.top > x.top) out.push({ ...x, bottom: hole.top - 1 });
  if (hole.bottom < x.bottom) out.push({ ...x, top: hole.bottom + 1 });
  const top = Math.max(x.top, hole.top);
  const bottom = Math.min(x.bottom, hole.bottom);
  if (hole.left > x.left) out.push({ top, bottom, left: x.left, right: hole.left - 1 });
  if (hole.right < x.right) out.push({ top, bottom, left: hole.right + 1, right: x.right });
  return out;
}

const outlineDepth = (spec: SheetSpec) => Math.max(0, ...spec.tables.flatMap((t) => t.outline ?? []));

function parseDepths(v: unknown): Record<string, number> {
  try {
    const o = typeof v === 'string' ? JSON.parse(v) : v;
    return o && typeof o === 'object' ? (Object.fromEntries(Object.entries(o).filter(([, d]) => typeof d === 'number')) as Record<string, number>) : {};
  } catch {
    return {};
  }
}
