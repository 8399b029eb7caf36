import type { AgrementPeriod, Provenance, Structure, StructureKind } from '../model/domain';
import type { Finding } from '../model/finding';
import { makeFinding } from '../checks/messages';
import { collapseInitials, distinctiveName, sameStructureName } from '../link/structure-names';
import { cellText } from '../parse/cell-text';
import { normaliseText } from '../parse/normalise-text';
import { parseBool } from '../parse/parse-bool';
import { parseDateBound, parsePeriod } from '../parse/parse-period';
import { parseSiret } from '../parse/parse-siret';
import { siretKeyFindings } from '../checks/check-siret-key';
import type { CodedValues } from './map-values';
import type { RawRecord, SheetReading } from './read-sheet';

/** CS, EVS or federation, from a type cell or, failing that, from the name; undefined when nothing says. */
export function kindOf(text: string, name = ''): StructureKind | undefined {
  for (const t of [text, name]) {
    const n = normaliseText(collapseInitials(t));
    if (!n) continue;
    if (/\bfederation\b|\bfede\b|\btete de reseau\b|\bunion (departementale|des|de)\b/.test(n)) return 'FEDERATION';
    if (/\bevs\b|espace de vie|espaces de vie|\bal\b/.test(n)) return 'EVS';
    if (/\bcsc?\b|centre social|centres sociaux|socioculturel|maison pour tous|\bagc\b|\bcsi\b/.test(n)) return 'CS';
  }
  return undefined;
}

/** CS, EVS or federation; a centre social when nothing says (the usual case). */
export function parseKind(text: string, name = ''): StructureKind {
  return kindOf(text, name) ?? 'CS';
}

/** Structures whose kind nothing said (CS by default): a list that says otherwise is not contradicted. */
const guessedKind = new WeakSet<Structure>();

/** Structures whose code the list wrote (not made from their SIRET or name): two written codes are two structures. */
const writtenCode = new WeakSet<Structure>();

/**
 * The agréments a structure of this kind is taken to hold when nothing says which: a centre social
 * its animation globale and animation collective familles, an EVS its animation locale, a
 * federation none. The one answer for a bare « Oui » in a structures list and for a COF read
 * without a list naming the types (import-sources `agrementHistory`): nothing is accused on a guess.
 */
export function kindAgrements(kind: StructureKind | undefined): string[] {
  return kind === 'EVS' ? ['AL'] : kind === 'CS' ? ['AGC', 'ACF'] : [];
}

/**
 * Agrément periods as one history: the periods with the same bounds are one period holding all
 * their types (a list with one row per agrément type), sorted by start.
 */
export function mergeAgrementPeriods(periods: AgrementPeriod[]): AgrementPeriod[] {
  const seen = new Map<string, AgrementPeriod>();
  for (const a of periods) {
    const k = `${a.start}|${a.end}`;
    const e = seen.get(k);
    if (e) e.types = [...new Set([...e.types, ...a.types])];
    else seen.set(k, { ...a, types: [...a.types] });
  }
  return [...seen.values()].sort((a, b) => a.start.localeCompare(b.start));
}

/**
 * Agrément types as lists write them: "AGC+ACF", "AGC, ACF", "Animation globale et ACF",
 * "Animation collective familles", "AL"; a bare "Oui" / "X" is the kind's agréments (`kindAgrements`).
 */
export function parseAgrementTypes(text: string, kind?: StructureKind): string[] {
  let n = normaliseText(text);
  if (!n || /^(non|aucun|sans|n|0)$/.test(n)) return [];
  if (/^(oui|o|x|1|vrai|agree|agreee?s?)$/.test(n)) return kindAgrements(kind);
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

/** A « Type » written that says no kind: the value, its partner and cell, asked once if nothing else tells. */
const unknownKind = new WeakMap<Structure, { partner: string; value: string; at: Provenance }>();

/**
 * The structures of the registry whose « Type » cell said nothing understood and that no other list
 * gives a kind: one question per value and partner (read as centres sociaux meanwhile).
 */
export function noteUnknownKinds(structures: Structure[], values: CodedValues): void {
  for (const s of structures) {
    const u = unknownKind.get(s);
    if (u && guessedKind.has(s)) values.noteUnknown('kind', u.partner, u.value, undefined, u.at, { structureName: s.name, guess: 'Centre social' });
  }
}

const KINDS: string[] = ['CS', 'EVS', 'FEDERATION'];

/** Structures from a structures list; rows without a name or SIRET are findings. */
export function toStructures(reading: SheetReading, findings: Finding[], values?: CodedValues): Structure[] {
  const out: Structure[] = [];
  for (const r of reading.records) {
    const name = txt(r, 'structureName');
    const siret = parseSiret(r.cells.siret?.value ?? null);
    const loc = { file: reading.file, sheet: reading.sheet, row: r.row };
    findings.push(...siretKeyFindings(siret, { structureName: name }, loc, r.cells.siret?.col));
    if (!name && !siret.ok) {
      findings.push(makeFinding('CHAMP_OBLIGATOIRE', { field: 'Nom de la structure' }, { ...loc, col: r.cells.structureName?.col }));
      continue;
    }
    const agrements: AgrementPeriod[] = [];
    const kindText = txt(r, 'kind');
    const answered = kindText && reading.partner ? values?.kindAnswer(reading.partner, kindText) : undefined;
    const said = answered && KINDS.includes(answered) ? (answered as StructureKind) : kindOf(kindText, name);
    const kind = said ?? 'CS';
    const types = parseAgrementTypes(txt(r, 'agrementTypes'), kind);
    let start = parseDateBound(r.cells.agrementStart?.value ?? null, 'start');
    let end = parseDateBound(r.cells.agrementEnd?.value ?? null, 'end');
    // "Période d'agrément : 2019-2022" in one cell
    const period = parsePeriod(r.cells.agrementPeriod?.value ?? null);
    if (period.ok) {
      if (start.ok === false) start = { ok: true, value: period.value.start };
      if (end.ok === false) end = { ok: true, value: period.value.end };
    } else if (!period.empty)
      findings.push(makeFinding('MONTANT_ILLISIBLE', { field: "Période d'agrément", value: period.raw, structureName: name, detail: 'la structure est gardée sans cette période' }, { ...loc, col: r.cells.agrementPeriod?.col }));
    for (const [p, f, label] of [[start, 'agrementStart', 'Début agrément'], [end, 'agrementEnd', 'Fin agrément']] as const) {
      if (!p.ok && !p.empty)
        findings.push(makeFinding('MONTANT_ILLISIBLE', { field: label, value: p.raw, structureName: name, detail: 'la structure est gardée sans cette date' }, { ...loc, col: r.cells[f]?.col }));
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
    const structure: Structure = {
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
    };
    if (!said) guessedKind.add(structure);
    if (txt(r, 'structureCode')) writtenCode.add(structure);
    if (!said && kindText && answered !== null && reading.partner) unknownKind.set(structure, { partner: reading.partner, value: kindText, at: { ...loc, col: r.cells.kind?.col } });
    out.push(structure);
  }
  // one row per agrément (type or period): the rows of one structure are that structure
  return mergeStructures([out]);
}

/**
 * Two descriptions of one structure, whatever else they say (two rows of one list, one per
 * agrément): the same SIRET, the same SIREN and the same name, or the same code the list wrote.
 * Two codes written differently, or one SIRET under two distinct names, are two structures
 * (a commune running two centres under its own SIRET).
 */
export function oneStructure(a: Structure, b: Structure): boolean {
  const codesDiffer = writtenCode.has(a) && writtenCode.has(b) && normaliseText(a.code) !== normaliseText(b.code);
  if (codesDiffer) return false;
  if (a.siret && b.siret && a.siret.length === 14 && b.siret.length === 14) {
    if (a.siret === b.siret) {
      const [ka, kb] = [distinctiveName(a.name), distinctiveName(b.name)];
      return !ka || !kb || ka === kb;
    }
    return a.siret.slice(0, 9) === b.siret.slice(0, 9) && normaliseText(a.name) === normaliseText(b.name) && !!normaliseText(a.name);
  }
  return writtenCode.has(a) && writtenCode.has(b) && (!a.siret || !b.siret || a.siret.slice(0, 9) === b.siret.slice(0, 9));
}

/** The end of a structure's last agrément ('' without any). */
const lastEnd = (s: Structure) => s.agrements.reduce((e, a) => (a.end > e ? a.end : e), '');

/**
 * Two lists may describe the same structure: merged by SIRET (or the SIREN of a SIRET), then code,
 * then name — the same distinctive name and no commune saying otherwise ("CS du Pouzin" in the
 * CAF's list, "Centre social Le Pouzin" in the FACS's), unless two different SIRET or two kinds
 * both written say they are two. The other names become aliases. One registry: no other sheet adds to it.
 */
export function mergeStructures(lists: Structure[][]): Structure[] {
  const out: Structure[] = [];
  const bySiret = new Map<string, Structure>();
  const bySiren = new Map<string, Structure>();
  const bySirenName = new Map<string, Structure>();
  const sirenName = (x: Structure) => (x.siret?.length === 14 && normaliseText(x.name) ? `${x.siret.slice(0, 9)}|${normaliseText(x.name)}` : undefined);
  const byCode = new Map<string, Structure>();
  // same-name candidates by distinctive name (sameStructureName needs it equal): national lists
  // hold thousands of structures, compared pairwise this took half of the build
  const byName = new Map<string, Structure[]>();
  const indexName = (x: Structure) => {
    const key = distinctiveName(x.name);
    if (!key) return;
    const list = byName.get(key) ?? [];
    if (!list.includes(x)) list.push(x);
    byName.set(key, list);
  };
  const differ = (a: Structure, b: Structure) =>
    (a.siret && b.siret && a.siret.length === b.siret.length && a.siret !== b.siret) ||
    (a.siret && b.siret && a.siret.slice(0, 9) !== b.siret.slice(0, 9)) ||
    (a.kind !== b.kind && !guessedKind.has(a) && !guessedKind.has(b));
  for (const list of lists) {
    const fromThisList = new Set<Structure>();
    for (const s of list) {
      const siren = s.siret?.slice(0, 9);
      let existing =
        (s.siret && bySiret.get(s.siret)) ||
        // a SIREN written for a SIRET, or the reverse: one body, one structure when it is the only one
        (siren && (s.siret!.length === 9 || bySiren.get(siren)?.siret?.length === 9) ? bySiren.get(siren) : undefined) ||
        (sirenName(s) && bySirenName.get(sirenName(s)!)) ||
        byCode.get(normaliseText(s.code)) ||
        byName.get(distinctiveName(s.name))?.find((x) => !fromThisList.has(x) && sameStructureName(x, s) && !differ(x, s));
      // rows of one list are one structure only by identity (SIRET, SIREN and name, written code)
      if (existing && !oneStructure(existing, s) && (fromThisList.has(existing) || differ(existing, s))) existing = undefined;
      if (existing) {
        const named = existing.name;
        for (const k of Object.keys(s) as (keyof Structure)[]) {
          const v = s[k];
          if ((existing[k] === undefined || existing[k] === '') && v !== undefined) (existing as unknown as Record<string, unknown>)[k] = v;
        }
        // a SIRET of 14 digits says more than a SIREN
        if (s.siret && existing.siret && s.siret.length > existing.siret.length) existing.siret = s.siret;
        // another establishment of the same body under the same name: its SIRET still links to it
        else if (s.siret && existing.siret && s.siret !== existing.siret && s.siret.length === existing.siret.length) {
          const others = (existing.otherSirets ??= []);
          for (const x of [s.siret, ...(s.otherSirets ?? [])]) if (x !== existing.siret && !others.includes(x)) others.push(x);
        }
        if (guessedKind.has(existing) && !guessedKind.has(s)) {
          existing.kind = s.kind;
          guessedKind.delete(existing);
        } else if (existing.kind !== s.kind && !guessedKind.has(s) && lastEnd(s) > lastEnd(existing)) existing.kind = s.kind; // the kind of its latest agrément
        if (!byCode.has(normaliseText(s.code))) byCode.set(normaliseText(s.code), existing);
        existing.agrements = mergeAgrementPeriods([...existing.agrements, ...s.agrements]);
        if (s.agrementTypes?.length) existing.agrementTypes = [...new Set([...(existing.agrementTypes ?? []), ...s.agrementTypes])];
        for (const n of [s.name, ...s.aliases]) if (normaliseText(existing.name) !== normaliseText(n) && !existing.aliases.includes(n)) existing.aliases.push(n);
        if (existing.siret) bySiret.set(existing.siret, existing);
        for (const x of existing.otherSirets ?? []) bySiret.set(x, existing);
        if (sirenName(s)) bySirenName.set(sirenName(s)!, existing);
        if (existing.name !== named) indexName(existing);
        continue;
      }
      out.push(s);
      indexName(s);
      fromThisList.add(s);
      if (s.siret) {
        bySiret.set(s.siret, s);
        if (!bySiren.has(siren!)) bySiren.set(siren!, s);
      }
      if (sirenName(s) && !bySirenName.has(sirenName(s)!)) bySirenName.set(sirenName(s)!, s);
      byCode.set(normaliseText(s.code), s);
    }
  }
  return out;
}
