/** Workbook settings keys of the add-in (saved in the document, travel with it). */
export const SETTINGS = {
  /** Names of the sheets the add-in generated: the only ones it may replace or skip on read. */
  generated: 'pilotageAvs.feuillesGenerees',
  /** The MappingFile of the last import, so that next year's import is one click. */
  mappings: 'pilotageAvs.correspondances',
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
