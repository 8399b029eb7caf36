import type { AgrementPeriod, Structure, StructureKind } from '../model/domain';
import type { Finding } from '../model/finding';
import { makeFinding } from '../checks/messages';
import { StructureMatcher } from '../link/match-structures';
import { cellText } from '../parse/cell-text';
import { normaliseText } from '../parse/normalise-text';
import { parseBool } from '../parse/parse-bool';
import { parseDate } from '../parse/parse-date';
import { parsePeriod } from '../parse/parse-period';
import { parseSiret } from '../parse/parse-siret';
import type { RawRecord, SheetReading } from './read-sheet';

/** CS, EVS or federation, from a type cell or, failing that, from the name. */
export function parseKind(text: string, name = ''): StructureKind {
  for (const t of [text, name]) {
    const n = normaliseText(t);
    if (!n) continue;
    if (/\bfederation\b|\bfede\b/.test(n)) return 'FEDERATION';
    if (/\bevs\b|espace de vie|espaces de vie|\bal\b/.test(n)) return 'EVS';
    if (/\bcsc?\b|centre social|centres sociaux|socioculturel|maison pour tous|\bagc\b/.test(n)) return 'CS';
  }
  return 'CS';
}

/**
 * Agrément types as lists write them: "AGC+ACF", "AGC, ACF", "Animation globale et ACF",
 * "Animation collective familles", "AL"; a bare "Oui" / "X" is the kind's own agrément
 * (AGC for a centre social, AL for an EVS).
 */
export function parseAgrementTypes(text: string, kind?: StructureKind): string[] {
  let n = normaliseText(text);
  if (!n || /^(non|aucun|sans|n|0)$/.test(n)) return [];
  if (/^(oui|o|x|1|vrai|agree|agreee?s?)$/.test(n)) return kind === 'EVS' ? ['AL'] : kind === 'CS' ? ['AGC'] : [];
  n = n
    .replace(/\banimation globale( et (de )?coordination)?\b/g, ' agc ')
    .replace(/\banimation collective (des )?familles?\b/g, ' acf ')
    .replace(/\banimation locale\b/g, ' al ');
  const found = n
    .toUpperCase()
    .split(/[\s+,/;&]+|\bET\b/)
    .filter((t) => /^(AGC|ACF|AL|ANIM|AG)$/.test(t))
    .map((t) => (t === 'AG' ? 'AGC' : t));
  return [...new Set(found)];
}

function gestionOf(text: string): string | undefined {
  const n = normaliseText(text);
  if (!n) return undefined;
  if (/^associati/.test(n)) return 'associative';
  return text.trim();
}

function slug(name: string): string {
  return normaliseText(name).toUpperCase().replace(/ /g, '-').slice(0, 40);
}

const txt = (r: RawRecord, f: keyof RawRecord['cells']) => cellText(r.cells[f]?.value ?? null);

/** Structures from a structures list; rows without a name or SIRET are findings. */
export function toStructures(reading: SheetReading, findings: Finding[]): Structure[] {
  const out: Structure[] = [];
  for (const r of reading.records) {
    const name = txt(r, 'structureName');
    const siret = parseSiret(r.cells.siret?.value ?? null);
    const loc = { file: reading.file, sheet: reading.sheet, row: r.row };
    if (!name && !siret.ok) {
      findings.push(makeFinding('CHAMP_OBLIGATOIRE', { field: 'Nom de la structure' }, { ...loc, col: r.cells.structureName?.col }));
      continue;
    }
    const agrements: AgrementPeriod[] = [];
    const kind = parseKind(txt(r, 'kind'), name);
    const types = parseAgrementTypes(txt(r, 'agrementTypes'), kind);
    let start = parseDate(r.cells.agrementStart?.value ?? null);
    let end = parseDate(r.cells.agrementEnd?.value ?? null);
    // "Période d'agrément : 2019-2022" in one cell
    const period = parsePeriod(r.cells.agrementPeriod?.value ?? null);
    if (period.ok) {
      if (start.ok === false) start = { ok: true, value: period.value.start };
      if (end.ok === false) end = { ok: true, value: period.value.end };
    } else if (!period.empty)
      findings.push(makeFinding('MONTANT_ILLISIBLE', { field: "Période d'agrément", value: period.raw, structureName: name }, { ...loc, col: r.cells.agrementPeriod?.col }));
    for (const [p, f, label] of [[start, 'agrementStart', 'Début agrément'], [end, 'agrementEnd', 'Fin agrément']] as const) {
      if (!p.ok && !p.empty)
        findings.push(makeFinding('MONTANT_ILLISIBLE', { field: label, value: p.raw, structureName: name }, { ...loc, col: r.cells[f]?.col }));
    }
    if (types.length && (start.ok || end.ok))
      agrements.push({
        types,
        start: start.ok ? start.value : '1900-01-01',
        end: end.ok ? end.value : '2999-12-31',
        source: `${reading.file} › ${reading.sheet}`,
      });
    const bool = (f: 'referentFamille' | 'adherentFacs') => {
      const b = parseBool(r.cells[f]?.value ?? null);
      return b.ok ? b.value : undefined;
    };
    out.push({
      code: txt(r, 'structureCode') || (siret.ok ? siret.value : slug(name)),
      name: name || (siret.ok ? siret.value : ''),
      kind,
      commune: txt(r, 'commune') || undefined,
      epci: txt(r, 'epci') || undefined,
      territoire: txt(r, 'territoire') || undefined,
      gestion: gestionOf(txt(r, 'gestion')),
      siret: siret.ok ? siret.value : undefined,
      agrements,
      agrementTypes: types.length ? types : undefined,
      referentFamille: bool('referentFamille'),
      adherentFacs: bool('adherentFacs'),
      aliases: txt(r, 'otherName') && txt(r, 'otherName') !== name ? [txt(r, 'otherName')] : [],
      source: loc,
    });
  }
  return out;
}

/**
 * Two lists may describe the same structure: merge by SIRET, then code, then name — the same
 * name written differently ("CS du Pouzin" in the CAF's list, "Centre social Le Pouzin" in the
 * FACS's) when the matcher links it without doubt and no two different SIRET say otherwise.
 */
export function mergeStructures(lists: Structure[][]): Structure[] {
  const out: Structure[] = [];
  const bySiret = new Map<string, Structure>();
  const byCode = new Map<string, Structure>();
  const byName = new Map<string, Structure>();
  for (const list of lists) {
    const matcher = out.length ? new StructureMatcher([...out]) : undefined;
    const sameByName = (s: Structure) => {
      const m = matcher?.match({ name: s.name, commune: s.commune });
      if (m?.kind !== 'matched' || m.by !== 'name') return undefined;
      if (s.siret && m.structure.siret && s.siret !== m.structure.siret) return undefined;
      return m.structure.kind === s.kind ? m.structure : undefined;
    };
    for (const s of list) {
      const existing =
        (s.siret && bySiret.get(s.siret)) || byCode.get(normaliseText(s.code)) || byName.get(normaliseText(s.name)) || sameByName(s);
      if (existing) {
        for (const k of Object.keys(s) as (keyof Structure)[]) {
          const v = s[k];
          if ((existing[k] === undefined || existing[k] === '') && v !== undefined) (existing as unknown as Record<string, unknown>)[k] = v;
        }
        existing.agrements.push(...s.agrements);
        if (normaliseText(existing.name) !== normaliseText(s.name)) existing.aliases.push(s.name);
        continue;
      }
      out.push(s);
      if (s.siret) bySiret.set(s.siret, s);
      byCode.set(normaliseText(s.code), s);
      byName.set(normaliseText(s.name), s);
    }
  }
  return out;
}
