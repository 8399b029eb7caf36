import type { SheetSpec } from '../../core/model/sheet-spec';
import { renameSpecs } from '../../core/sheets/rename-sheets';
import { applyOp } from './apply-op';
import { lastingAdvice, reasonOf } from './host-errors';
import { recalculate, suspendForWrite, type ExcelRun, type HostCapabilities } from './excel-host';
import { SETTINGS, parseNameList, resolveSheetName, resolveTableName } from './generated-sheets';
import { opSize, packBatches, sheetOps, type SheetOp } from './sheet-ops';

/** Below Excel on the web's 5 MB request limit (counted in UTF-8 bytes), with room for the envelope. */
export const DEFAULT_BATCH_BUDGET = 3_500_000;

export interface WriteOptions {
  caps: HostCapabilities;
  budget?: number;
  onProgress?: (done: number, total: number, label: string) => void;
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
    const protection = wb.protection;
    protection.load('protected');
    await sync();

    const owned = new Set(setting.isNullObject ? [] : parseNameList(setting.value));
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
          r.load('rowIndex,columnIndex');
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
  all.clear('All');
  // "ungroup removes the outermost level from the outline" (office-js docs): once per level
  // the previous version drew (same builder, same depth); nothing to undo on a new sheet
  const depth = Math.max(0, ...spec.tables.flatMap((t) => t.outline ?? []));
  if (caps.api110 && existed) for (let i = 0; i < depth; i++) all.ungroup('ByRows');
  // rows of a folded group stay hidden once ungrouped: shown again before the sheet is redrawn
  if (existed) all.rowHidden = false;
  sheet.freezePanes.unfreeze();
  return keep;
}
