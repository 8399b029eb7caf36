import type { MappingFile } from '../../core/import/mapping-file';
import { validateMappingFile } from '../../core/import/mapping-file';
import { utf8Length, type ExcelRun } from './excel-host';
import { SETTINGS } from './generated-sheets';

/**
 * Bytes the add-in's settings may take together. Microsoft documents 2 MB for a document's
 * settings, and saves are reported failing from about 1 MB: the pane stays well below.
 */
export const SETTINGS_SAFE_BYTES = 900 * 1024;

/** The corrections would make the workbook's settings too big: nothing was saved (French message). */
export class SettingsTooLarge extends Error {
  constructor(readonly bytes: number) {
    super(
      `Les corrections ne peuvent pas être enregistrées dans le classeur : elles prendraient ${Math.ceil(bytes / 1024)} Ko, ` +
        `au-delà des ${SETTINGS_SAFE_BYTES / 1024} Ko qu'un classeur garde sans risque (rien n'a été enregistré). ` +
        `Exportez-les (« Exporter les correspondances (.json) ») pour les garder, puis « Oublier toutes les corrections » ` +
        `et refaites seulement celles des fichiers de cette année`,
    );
    this.name = 'SettingsTooLarge';
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const entryKey = (e: MappingFile['sheets'][number]) => `${e.file}\u0000${e.sheet}`;

/**
 * Three-way merge of the saved mappings: `base` is what this pane last loaded or saved, `mine`
 * what it saves now, `theirs` what the workbook holds now (a co-author may have saved since).
 * Per sheet entry (file and sheet), and per other part (structures, values, partners): what this
 * pane changed (added, changed, forgotten) is taken, the rest is the workbook's (an entry
 * forgotten here that a co-author changed meanwhile is kept), so a co-author's corrections are
 * never dropped by a save of an older copy.
 */
export function mergeMappings(base: MappingFile | undefined, mine: MappingFile, theirs: MappingFile | undefined): MappingFile {
  if (!theirs) return mine;
  const b = new Map((base?.sheets ?? []).map((e) => [entryKey(e), e]));
  const m = new Map(mine.sheets.map((e) => [entryKey(e), e]));
  const t = new Map(theirs.sheets.map((e) => [entryKey(e), e]));
  const sheets: MappingFile['sheets'] = [];
  for (const k of new Set([...m.keys(), ...t.keys(), ...b.keys()])) {
    const [mv, bv, tv] = [m.get(k), b.get(k), t.get(k)];
    // forgotten here but changed there since: the co-author's newer correction is kept
    const pick = same(mv, bv) || (mv === undefined && !same(tv, bv)) ? tv : mv;
    if (pick) sheets.push(pick);
  }
  const out: MappingFile = { ...theirs, ...mine, sheets };
  for (const part of ['structures', 'values', 'partners'] as const) {
    const pick = same(mine[part], base?.[part]) ? theirs[part] : mine[part];
    if (pick === undefined) delete out[part];
    else (out as unknown as Record<string, unknown>)[part] = pick;
  }
  return out;
}

function parseMappings(v: unknown): MappingFile | undefined {
  try {
    const o = typeof v === 'string' ? JSON.parse(v) : v;
    return validateMappingFile(o).length ? undefined : (o as MappingFile);
  } catch {
    return undefined;
  }
}

/**
 * Saves the column mappings in the workbook, so that next year's import reuses them. The saved
 * ones are read again first and merged (mergeMappings, `base`: what this pane last loaded or
 * saved); the add-in's settings measured before anything is written: above SETTINGS_SAFE_BYTES,
 * SettingsTooLarge and nothing saved. Returns what was saved (the next save's `base`).
 */
export async function saveMappings(run: ExcelRun, mappings: MappingFile, base?: MappingFile): Promise<MappingFile> {
  return run(async (context) => {
    const items = Object.values(SETTINGS).map((k) => {
      const item = context.workbook.settings.getItemOrNullObject(k);
      item.load('value');
      return { k, item };
    });
    await context.sync();
    const value = (k: string) => {
      const it = items.find((x) => x.k === k)!.item;
      return it.isNullObject ? undefined : it.value;
    };
    const merged = mergeMappings(base, mappings, parseMappings(value(SETTINGS.mappings)));
    const json = JSON.stringify(merged);
    const others = items.filter((x) => x.k !== SETTINGS.mappings).reduce((n, x) => n + utf8Length(JSON.stringify(value(x.k) ?? null)) + x.k.length, 0);
    const bytes = utf8Length(json) + others;
    if (bytes > SETTINGS_SAFE_BYTES) throw new SettingsTooLarge(bytes);
    context.workbook.settings.add(SETTINGS.mappings, json);
    await context.sync();
    return merged;
  });
}

/** The saved mappings, or undefined when none (or unusable ones) are saved. */
export async function loadMappings(run: ExcelRun): Promise<MappingFile | undefined> {
  return run(async (context) => {
    const item = context.workbook.settings.getItemOrNullObject(SETTINGS.mappings);
    item.load('value');
    await context.sync();
    return item.isNullObject ? undefined : parseMappings(item.value);
  });
}
