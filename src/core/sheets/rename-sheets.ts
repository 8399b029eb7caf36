import type { SheetPatch } from '../model/sheet-patch';
import type { SheetSpec, SpecValue } from '../model/sheet-spec';

/** A sheet name as a formula writes it: always quoted, apostrophes doubled. */
export const quotedSheet = (name: string) => `'${name.replace(/'/g, "''")}'`;

/** `'Sheet'!A1`, `Sheet!$A$1:$B$2`, `'X'!1:3`: quoted or plain name, then `!`. */
const SHEET_REF = /(?:'((?:[^']|'')+)'|([A-Za-z_\u00C0-\u024F][\w.\u00C0-\u024F]*))!/g;
/** String literals of a formula, left as they are. */
const STRING_LITERAL = /("(?:[^"]|"")*")/;

/**
 * A formula, link target or validation source whose references to renamed sheets point at
 * their new names (keys compared without regard to case, as Excel compares sheet names).
 */
export function renameSheetRefs(text: string, renames: Map<string, string>): string {
  if (renames.size === 0) return text;
  const lower = new Map([...renames].map(([k, v]) => [k.toLowerCase(), v]));
  return text
    .split(STRING_LITERAL)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(SHEET_REF, (whole, quoted: string | undefined, plain: string | undefined) => {
            const to = lower.get((quoted !== undefined ? quoted.replace(/''/g, "'") : plain!).toLowerCase());
            return to === undefined ? whole : `${quotedSheet(to)}!`;
          }),
    )
    .join('');
}

function renameValue(v: SpecValue, renames: Map<string, string>): SpecValue {
  if (v && typeof v === 'object' && 'formula' in v) return { ...v, formula: renameSheetRefs(v.formula, renames) };
  if (v && typeof v === 'object' && 'target' in v) return { ...v, target: renameSheetRefs(v.target, renames) };
  return v;
}

/**
 * The specs as they are written when a host had to give generated sheets (or tables) other
 * names, e.g. `Financements (2)` because a partner's sheet holds `Financements`: the sheet and
 * table names change and every formula, link and list validation built on the old names follows.
 */
export function renameSpecs(specs: SheetSpec[], sheets: Map<string, string>, tables: Map<string, string> = new Map()): SheetSpec[] {
  if (sheets.size === 0 && tables.size === 0) return specs;
  const rows = (cells: SpecValue[][]) => cells.map((r) => r.map((v) => renameValue(v, sheets)));
  return specs.map((s) => ({
    ...s,
    name: sheets.get(s.name) ?? s.name,
    blocks: s.blocks.map((b) => ({ ...b, cells: rows(b.cells) })),
    tables: s.tables.map((t) => ({
      ...t,
      name: tables.get(t.name) ?? t.name,
      rows: rows(t.rows),
      columns: t.columns.map((c) => (c.listRange ? { ...c, listRange: renameSheetRefs(c.listRange, sheets) } : c)),
    })),
  }));
}

/** The same renaming for the cell patches of hand-made sheets (their formulas point at Financements). */
export function renamePatches(patches: SheetPatch[], sheets: Map<string, string>): SheetPatch[] {
  if (sheets.size === 0) return patches;
  return patches.map((p) => ({ ...p, cells: p.cells.map((c) => ({ ...c, value: renameValue(c.value, sheets) })) }));
}
