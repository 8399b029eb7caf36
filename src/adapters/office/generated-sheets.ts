/** Workbook settings keys of the add-in (saved in the document, travel with it). */
export const SETTINGS = {
  /** Names of the sheets the add-in generated: the only ones it may replace or skip on read. */
  generated: 'pilotageAvs.feuillesGenerees',
  /** The MappingFile of the last import, so that next year's import is one click. */
  mappings: 'pilotageAvs.correspondances',
  /** Outline depth each generated sheet was drawn with `{ lower-case name: levels }`, to remove it on a re-fill. */
  outlines: 'pilotageAvs.niveauxPlan',
} as const;

export function parseNameList(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  if (typeof v === 'string')
    try {
      return parseNameList(JSON.parse(v));
    } catch {
      return [];
    }
  return [];
}

/**
 * Where a generated sheet goes: its own name when free or already the add-in's, else the first
 * `Name (2)`, `Name (3)`… that is free or the add-in's (a partner's sheet is never written).
 * Stable from one run to the next, since the chosen name is recorded as the add-in's.
 */
export function resolveSheetName(wanted: string, existing: string[], owned: Set<string>, taken: Set<string> = new Set()): string {
  const lowerOwned = new Set([...owned].map((n) => n.toLowerCase()));
  const lowerExisting = new Set(existing.map((n) => n.toLowerCase()));
  for (let i = 1; ; i++) {
    const suffix = i === 1 ? '' : ` (${i})`;
    // Excel sheet names: at most 31 characters
    const name = wanted.slice(0, 31 - suffix.length) + suffix;
    const k = name.toLowerCase();
    if (taken.has(k)) continue;
    if (!lowerExisting.has(k) || lowerOwned.has(k)) return name;
  }
}

/** A table name not used by another sheet's table (table names are workbook-wide): `Name_2`… */
export function resolveTableName(wanted: string, usedElsewhere: Set<string>): string {
  if (!usedElsewhere.has(wanted.toLowerCase())) return wanted;
  for (let i = 2; ; i++) if (!usedElsewhere.has(`${wanted}_${i}`.toLowerCase())) return `${wanted}_${i}`;
}
