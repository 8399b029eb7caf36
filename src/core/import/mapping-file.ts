import type { SheetReading } from './read-sheet';

/**
 * The saved mapping of each sheet (`--mapping mapping.json`), so that next year's import is one
 * click: which column is which field (null = ignore the column), and the partner and year when the
 * user corrected them. Written by `mappingFromReadings`, read back by `mappingFor`.
 */
export interface SheetMappingEntry {
  file: string;
  sheet: string;
  kind?: string;
  partner?: string;
  year?: number;
  headerRow?: number;
  columns: Record<string, string | null>;
}

/**
 * A structure the user confirmed for a name that the linking found ambiguous: that name (and
 * commune, when given) links to `code`; `null` = « aucune de ces structures » (left unlinked,
 * without the ambiguity finding).
 */
export interface ConfirmedStructure {
  name: string;
  commune?: string;
  code: string | null;
}

export interface MappingFile {
  version: 1;
  sheets: SheetMappingEntry[];
  /** The user's answers to « Structure ambiguë », kept with the column choices. */
  structures?: ConfirmedStructure[];
}

/** Sets (or replaces) the user's answer for one name and commune; returns a new list. */
export function withConfirmedStructure(list: ConfirmedStructure[] | undefined, c: ConfirmedStructure): ConfirmedStructure[] {
  const same = (x: ConfirmedStructure) => x.name === c.name && (x.commune ?? '') === (c.commune ?? '');
  return [...(list ?? []).filter((x) => !same(x)), { name: c.name, ...(c.commune ? { commune: c.commune } : {}), code: c.code }];
}

const base = (f: string) => f.replace(/\.[a-z0-9]+$/i, '').toLowerCase();

/** Exact file and sheet first; then same sheet of a file with the same stem (next year's file). */
export function mappingFor(m: MappingFile | undefined, file: string, sheet: string): SheetMappingEntry | undefined {
  if (!m) return undefined;
  return (
    m.sheets.find((s) => s.file === file && s.sheet === sheet) ??
    m.sheets.find((s) => base(s.file) === base(file) && s.sheet.toLowerCase() === sheet.toLowerCase())
  );
}

export function mappingFromReadings(readings: SheetReading[]): MappingFile {
  return {
    version: 1,
    sheets: readings
      .filter((r) => r.kind !== 'ignored')
      .map((r) => ({
        file: r.file,
        sheet: r.sheet,
        kind: r.kind,
        partner: r.partner,
        year: r.year,
        headerRow: r.headerRow,
        columns: {
          ...Object.fromEntries((r.ignoredHeaders ?? []).map((h) => [h, null])),
          ...Object.fromEntries(r.columns.map((c) => [c.header, c.field])),
        },
      })),
  };
}

/** Checks a mapping file read from disk; returns French errors, empty when usable. */
export function validateMappingFile(v: unknown): string[] {
  const errors: string[] = [];
  if (typeof v !== 'object' || v === null) return ['le fichier de correspondances doit contenir un objet JSON'];
  const m = v as Partial<MappingFile>;
  if (m.version !== 1) errors.push('version attendue : 1');
  if (!Array.isArray(m.sheets)) errors.push('« sheets » doit être une liste');
  else
    m.sheets.forEach((s, i) => {
      if (typeof s?.file !== 'string' || typeof s?.sheet !== 'string') errors.push(`feuille n° ${i + 1} : « file » et « sheet » sont obligatoires`);
      if (typeof s?.columns !== 'object' || s.columns === null) errors.push(`feuille n° ${i + 1} : « columns » doit être un objet`);
    });
  if (m.structures !== undefined) {
    if (!Array.isArray(m.structures)) errors.push('« structures » doit être une liste');
    else
      m.structures.forEach((c, i) => {
        const n = `structure confirmée n° ${i + 1}`;
        if (typeof c !== 'object' || c === null) return void errors.push(`${n} : objet attendu`);
        if (typeof c.name !== 'string' || !c.name.trim()) errors.push(`${n} : « name » (le nom écrit par le partenaire) est obligatoire`);
        if (c.commune !== undefined && typeof c.commune !== 'string') errors.push(`${n} : « commune » doit être un texte`);
        if (c.code !== null && (typeof c.code !== 'string' || !c.code.trim()))
          errors.push(`${n} : « code » doit être le code d'une structure, ou null pour « aucune de ces structures »`);
      });
  }
  return errors;
}

/**
 * The mapping to save after a run: what was detected (user overrides included) for the sheets read,
 * the saved entries of sheets not read this time, and the structures the user confirmed, as written.
 * The CLI (`--mapping`) and the task pane save the same thing.
 */
export function mergeMappings(saved: MappingFile | undefined, detected: MappingFile): MappingFile {
  const key = (s: { file: string; sheet: string }) => `${s.file}|${s.sheet}`;
  const seen = new Set(detected.sheets.map(key));
  const sheets = [...detected.sheets, ...(saved?.sheets ?? []).filter((s) => !seen.has(key(s)))];
  return saved?.structures?.length ? { version: 1, sheets, structures: saved.structures } : { version: 1, sheets };
}
