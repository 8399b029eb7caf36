import type { UnknownValue, ValueMappings } from './map-values';
import { CODED_FIELDS, type CodedField } from './value-labels';
import type { SheetChoices, SheetReading } from './read-sheet';
import { normaliseText } from '../parse/normalise-text';
import { FIELD_NAMES, type Field } from './fields';
import { withGrantorProposals, type SavedPartner } from './saved-partners';

/**
 * The saved mapping of each sheet (`--mapping mapping.json`), so that next year's import is one
 * click: which column is which field (null = ignore the column), the partner, and the sheet's kind
 * and year when the user chose them (detected ones are read again from next year's file). Written
 * by `mappingFromReadings`, read back by `mappingFor`.
 */
export interface SheetMappingEntry {
  file: string;
  sheet: string;
  kind?: string;
  partner?: string;
  year?: number;
  headerRow?: number;
  /** The user's choices, each a correction: which column is which field (null = ignore the column). */
  columns: Record<string, string | null>;
  /** The partner the file's names designate (detected, no correction): next year's renamed file must agree with it. */
  partnerDetected?: string;
  /** What the detection found for the other columns: shown to be copied into « columns », never applied as a choice. */
  detected?: Record<string, string>;
  /** The header's Excel row (and height) the user chose. */
  header?: number;
  headerHeight?: 1 | 2;
  /** The fields written once per group the user chose to fill down ([] = none). */
  fillDown?: string[];
  /** The amounts' unit the user chose. */
  unit?: 'euros' | 'milliers';
  /** Values the user gave for every line of the sheet (« structureName », « siret », « year », « partner »…). */
  context?: Record<string, string>;
  /** false: the user refused last year's corrections found for this sheet by its header. */
  reuse?: false;
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
  /** The user's answers for coded values nothing explained (dispositif, plan…), per partner and value. */
  values?: ValueMappings;
  /** Grantors of open-data exports: a code makes one a partner (saved-partners.ts); null is a proposal. */
  partners?: SavedPartner[];
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

/**
 * A saved entry whose header this sheet carries (next year's file: names change, columns do not):
 * at least three of its labels, and four in five of them, among the texts of the sheet's first rows;
 * a partner saved with it that the new file's names contradict excludes it. The best share wins.
 */
export function mappingByContent(
  m: MappingFile | undefined,
  topTexts: Set<string>,
  partner: string | undefined,
): SheetMappingEntry | undefined {
  if (!m) return undefined;
  let best: { e: SheetMappingEntry; share: number; n: number } | undefined;
  for (const e of m.sheets) {
    if (e.reuse === false) continue;
    const own = e.partner ?? e.partnerDetected;
    if (partner && own && own !== partner) continue;
    // only an entry that holds a correction is worth carrying over
    const chosen = Object.keys(e.columns).length || e.kind || e.year || e.fillDown || e.unit || e.context || e.header;
    if (!chosen) continue;
    const labels = [...new Set([...Object.keys(e.columns), ...Object.keys(e.detected ?? {})].map(normaliseText).filter(Boolean))];
    if (labels.length < 3) continue;
    const n = labels.filter((l) => topTexts.has(l)).length;
    const share = n / labels.length;
    if (share >= 0.8 && (!best || share > best.share || (share === best.share && n > best.n))) best = { e, share, n };
  }
  return best?.e;
}

export function mappingFromReadings(readings: SheetReading[]): MappingFile {
  return {
    version: 1,
    sheets: readings
      .filter((r) => r.kind !== 'ignored')
      .map((r) => {
        // only what the user chose is a correction; what the detection found is written apart, to be copied
        const chosen = new Set(r.chosenHeaders ?? []);
        const detected = Object.fromEntries(r.columns.filter((c) => !chosen.has(c.header)).map((c) => [c.header, c.field]));
        const ch = r.choices ?? {};
        return {
          file: r.file,
          sheet: r.sheet,
          ...(r.kindChosen ? { kind: r.kind } : {}),
          ...(r.partnerChosen && r.partner ? { partner: r.partner } : r.partner ? { partnerDetected: r.partner } : {}),
          ...(r.yearChosen && r.year !== undefined ? { year: r.year } : {}),
          headerRow: r.headerRow,
          columns: {
            ...Object.fromEntries((r.ignoredHeaders ?? []).map((h) => [h, null])),
            ...Object.fromEntries(r.columns.filter((c) => chosen.has(c.header)).map((c) => [c.header, c.field])),
          },
          ...(Object.keys(detected).length ? { detected } : {}),
          ...(ch.headerRow ? { header: ch.headerRow, ...(ch.headerHeight === 2 ? { headerHeight: 2 as const } : {}) } : {}),
          ...(ch.fillDown ? { fillDown: [...ch.fillDown] } : {}),
          ...(ch.unit ? { unit: ch.unit } : {}),
          ...(ch.context && Object.keys(ch.context).length ? { context: { ...ch.context } as Record<string, string> } : {}),
          ...(r.reuseRefused ? { reuse: false as const } : {}),
        };
      }),
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
  if (m.partners !== undefined) {
    if (!Array.isArray(m.partners)) errors.push('« partners » doit être une liste');
    else
      m.partners.forEach((p, i) => {
        const n = `attribuant n° ${i + 1} de « partners »`;
        if (typeof p !== 'object' || p === null) return void errors.push(`${n} : objet attendu`);
        if (typeof p.name !== 'string') errors.push(`${n} : « name » (le nom de l'attribuant) est obligatoire`);
        if (p.siret !== undefined && (typeof p.siret !== 'string' || !/^\d{9}(\d{5})?$/.test(p.siret))) errors.push(`${n} : « siret » doit être un SIRET (14 chiffres) ou un SIREN (9 chiffres), en texte`);
        if (p.code !== null && (typeof p.code !== 'string' || !p.code.trim())) errors.push(`${n} : « code » doit être le code du partenaire (ex. « CD07 »), ou null tant qu'il n'est pas choisi`);
      });
  }
  if (m.values !== undefined) {
    if (typeof m.values !== 'object' || m.values === null || Array.isArray(m.values)) errors.push('« values » doit être un objet { champ: { partenaire: { valeur: code } } }');
    else
      for (const [field, byPartner] of Object.entries(m.values)) {
        if (!(CODED_FIELDS as readonly string[]).includes(field)) errors.push(`« values » : champ « ${field} » inconnu (attendu : ${CODED_FIELDS.join(', ')})`);
        else if (typeof byPartner !== 'object' || byPartner === null) errors.push(`« values.${field} » doit être un objet par partenaire`);
        else
          for (const [partner, byValue] of Object.entries(byPartner))
            for (const [value, code] of Object.entries(byValue ?? {}))
              if (code !== null && typeof code !== 'string') errors.push(`« values.${field}.${partner} » : la valeur « ${value} » doit recevoir un code (texte), "" ou null`);
      }
  }
  return errors;
}

/**
 * The mapping to save after a run: what was detected (user overrides included) for the sheets read,
 * the saved entries of sheets not read this time, and the structures the user confirmed, as written.
 * The CLI (`--mapping`) and the task pane save the same thing.
 */
export function mergeMappings(
  saved: MappingFile | undefined,
  detected: MappingFile,
  unknown: UnknownValue[] = [],
  unknownGrantors: { name: string; siret?: string }[] = [],
): MappingFile {
  const key = (s: { file: string; sheet: string }) => `${s.file}|${s.sheet}`;
  const seen = new Set(detected.sheets.map(key));
  const sheets = [...detected.sheets, ...(saved?.sheets ?? []).filter((s) => !seen.has(key(s)))];
  const out: MappingFile = { version: 1, sheets };
  if (saved?.structures?.length) out.structures = saved.structures;
  const values = withUnansweredValues(saved?.values, unknown);
  if (Object.keys(values).length) out.values = values;
  const partners = withGrantorProposals(saved?.partners, unknownGrantors);
  if (partners.length) out.partners = partners;
  return out;
}

/** The saved answers, plus each value still unknown written with "" so that the user fills it in. */
export function withUnansweredValues(saved: ValueMappings | undefined, unknown: UnknownValue[]): ValueMappings {
  const out: ValueMappings = JSON.parse(JSON.stringify(saved ?? {}));
  for (const u of unknown) {
    const byPartner = ((out[u.field] ??= {})[u.partner] ??= {});
    if (!Object.prototype.hasOwnProperty.call(byPartner, u.value)) byPartner[u.value] = '';
  }
  return out;
}

/** Sets (or replaces) the user's answer for one coded value of a partner; returns a new object. */
export function withValueAnswer(saved: ValueMappings | undefined, field: CodedField, partner: string, value: string, code: string | null): ValueMappings {
  const out: ValueMappings = JSON.parse(JSON.stringify(saved ?? {}));
  ((out[field] ??= {})[partner] ??= {})[value] = code;
  return out;
}

/** The choices of a saved entry for readSheet, keeping only known fields (a hand-edited file may hold anything). */
export function choicesOf(e: SheetMappingEntry | undefined): SheetChoices | undefined {
  if (!e) return undefined;
  const known = (f: string): f is Field => (FIELD_NAMES as string[]).includes(f);
  const out: SheetChoices = {};
  if (typeof e.header === 'number' && e.header >= 1) out.headerRow = e.header;
  if (e.headerHeight === 2) out.headerHeight = 2;
  if (Array.isArray(e.fillDown)) out.fillDown = e.fillDown.filter(known);
  if (e.unit === 'euros' || e.unit === 'milliers') out.unit = e.unit;
  if (e.context && typeof e.context === 'object')
    out.context = Object.fromEntries(Object.entries(e.context).filter(([f, v]) => known(f) && typeof v === 'string' && v.trim()));
  return Object.keys(out).length ? out : undefined;
}
