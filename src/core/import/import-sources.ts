import { makeFinding } from '../checks/messages';
import type { Convention, Dataset, FundingLine, Reference, Structure } from '../model/domain';
import type { Finding } from '../model/finding';
import type { RejectedInput, SourceInput } from '../model/grid';
import { StructureMatcher } from '../link/match-structures';
import { findDuplicates } from '../link/find-duplicates';
import { cellText } from '../parse/cell-text';
import { parseSiret } from '../parse/parse-siret';
import { acronym, distinctiveName } from '../link/structure-names';
import { normaliseText } from '../parse/normalise-text';
import { matchDispositif } from '../reference/match-dispositif';
import { PlanIndex } from '../reference/plan-index';
import { checkSourceTotals } from '../checks/check-source-totals';
import { readSheet, type SheetReading } from './read-sheet';
import { DATA_KINDS, isSheetKind } from './classify-sheet';
import { epciFromCommunes } from '../link/epci-from-commune';
import { CodedValues, type UnknownValue } from './map-values';
import { conventionsFromFundings, toConventions } from './to-conventions';
import { toFundings, type LinkContext } from './to-fundings';
import { kindAgrements, mergeAgrementPeriods, mergeStructures, noteUnknownKinds, parseKind, toStructures } from './to-structures';
import { choicesOf, mappingByContent, mappingFor, type MappingFile } from './mapping-file';
import { cutOverlongTexts } from './cut-overlong-texts';
import { OpenDataAside, type UnknownGrantor } from './open-data-aside';
import { ASIDE, newLedger, setAside, uncount } from './ledger';
import { parseAmount } from '../parse/parse-amount';
import { withSavedPartners } from './saved-partners';
import { unusedMoney } from './unused-money';
import { splitRegions } from './split-regions';
import { formulaCellFindings } from './formula-cells';
import { detectPartner } from './detect-partner';
import { cellText as textOf } from '../parse/cell-text';

export interface ImportResult {
  dataset: Dataset;
  findings: Finding[];
  readings: SheetReading[];
  /** Inputs refused after reading (no table of ours in them). */
  rejected: RejectedInput[];
  /**
   * The readings of those refused inputs' sheets (read with the saved choices like any other), so that
   * a host can show them and let the user say what they are: never counted, never in `readings`.
   */
  unreadReadings: SheetReading[];
  /** Coded values nothing explained, to ask the user once each. */
  unknownValues: UnknownValue[];
  /** Grantors of open-data exports that are no partner: proposed for the référentiel. */
  unknownGrantors: UnknownGrantor[];
}

export interface ImportOptions {
  mappings?: MappingFile;
  /** Called between sheets, for progress bars. */
  onProgress?: (done: number, total: number, label: string) => void;
}

/**
 * When no structures list was given, the structures are those the partners fund: one per SIRET,
 * and one per distinctive name for lines without SIRET whose name matches none of those
 * ("CS Le Grand Pré" and "Centre social Le Grand Pré" are one structure).
 */
function structuresFromLines(readings: SheetReading[]): Structure[] {
  const bySiret = new Map<string, Structure>();
  const byName = new Map<string, Structure>();
  const rows = readings
    // an open-data export's beneficiaries are every association its grantor funds: never structures
    .filter((r) => (r.kind === 'fundings' || r.kind === 'conventions') && !r.openData)
    .flatMap((r) =>
      r.records.map((rec) => ({
        r,
        rec,
        siret: parseSiret(rec.cells.siret?.value ?? null),
        name: cellText(rec.cells.structureName?.value ?? null),
      })),
    );
  // SIRET rows first, so that a name written without SIRET joins the structure that has one
  rows.sort((a, b) => Number(b.siret.ok) - Number(a.siret.ok));
  for (const { r, rec, siret, name } of rows) {
    const key = distinctiveName(name);
    if (!key && !siret.ok) continue;
    if ((siret.ok && bySiret.has(siret.value)) || (!siret.ok && byName.has(key))) continue;
    // "FACS" written for "Fédération Ardéchoise des Centres Sociaux"
    if (!siret.ok && [...bySiret.values()].some((x) => acronym(x.name) === normaliseText(name))) continue;
    const s: Structure = {
      code: siret.ok ? siret.value : key.toUpperCase().replace(/ /g, '-'),
      name: name || (siret.ok ? siret.value : ''),
      kind: parseKind('', name),
      siret: siret.ok ? siret.value : undefined,
      agrements: [],
      aliases: [],
      source: { file: r.file, sheet: r.sheet, row: rec.row },
    };
    if (siret.ok) bySiret.set(siret.value, s);
    if (key && !byName.has(key)) byName.set(key, s);
  }
  return [...new Set([...bySiret.values(), ...byName.values()])];
}

/**
 * A structure's agrément history: what the structures list says (often only today's agrément)
 * plus the periods of conventions that follow the agrément (CAF COF), deduplicated.
 */
function agrementHistory(structures: Structure[], conventions: Convention[], ref: Reference) {
  const follows = new Set(
    ref.conventionTypes.filter((t) => t.followsAgrement).map((t) => `${t.partner}|${t.code}`),
  );
  const byCode = new Map(structures.map((s) => [s.code, s]));
  for (const c of conventions) {
    if (!c.structure || !follows.has(`${c.partner}|${c.type}`) || !c.start || !c.end) continue;
    const s = byCode.get(c.structure)!;
    // without a list saying which agréments it holds, a COF stands for the agréments of its kind
    const types = s.agrementTypes?.length ? s.agrementTypes : kindAgrements(s.kind);
    if (types.length === 0) continue;
    s.agrements.push({ types, start: c.start, end: c.end, source: `${c.source.file} › ${c.source.sheet}` });
  }
  for (const s of structures) s.agrements = mergeAgrementPeriods(s.agrements);
}

/** The whole import: partner workbooks (as grids) in, canonical dataset and import findings out. */
export function importSources(inputs: SourceInput[], givenRef: Reference, opts: ImportOptions = {}): ImportResult {
  // grantors the user gave a code in the mapping file are partners for this run
  const ref = withSavedPartners(givenRef, opts.mappings?.partners);
  const findings: Finding[] = [];
  const grids = new Map<SheetReading, import('../model/grid').Grid>();
  const readings: SheetReading[] = [];
  const totalSheets = inputs.reduce((n, i) => n + i.grids.length, 0);
  let done = 0;
  const rejected: RejectedInput[] = [];
  const unreadReadings: SheetReading[] = [];
  for (const input of inputs) {
    const own: SheetReading[] = [];
    const parts: import('../model/grid').Grid[] = [];
    for (const given of input.grids) {
      const { grid, finding: cut } = cutOverlongTexts(given);
      if (cut) findings.push(cut);
      // formulas stored without a result that could not be worked out: said once per sheet
      findings.push(...formulaCellFindings(grid));
      // tables side by side on one sheet are read one by one
      parts.push(...splitRegions(grid));
    }
    for (const grid of parts) {
      const exact = mappingFor(opts.mappings, grid.file, grid.sheet);
      // next year's file: other names, same columns — last year's corrections found by the header, and said
      const carried = exact ? undefined : mappingByContent(opts.mappings, topTexts(grid), detectPartner(grid.file.replace(/\.[a-z0-9]+$/i, ''), ref.partners) ?? detectPartner(grid.sheet, ref.partners));
      const saved = exact ?? carried;
      const reading = readSheet(grid, ref, saved?.columns, isSheetKind(saved?.kind) ? saved.kind : undefined, choicesOf(saved));
      if (exact?.reuse === false) reading.reuseRefused = true;
      if (carried) {
        reading.appliedFrom = { file: carried.file, sheet: carried.sheet };
        findings.push(makeFinding('CORRECTIONS_REPRISES', { detail: `${carried.file} › ${carried.sheet}` }, { file: grid.file, sheet: grid.sheet, row: reading.headerRow ?? 1 }));
      }
      if (saved?.partner) {
        reading.partner = saved.partner;
        reading.partnerChosen = true;
      }
      if (saved?.year) {
        reading.year = saved.year;
        reading.yearChosen = true;
      }
      // a sheet whose kind the user chose: an ignored one is no finding, and its file is not refused
      if (isSheetKind(saved?.kind)) reading.kindChosen = true;
      own.push(reading);
      if (reading.kind === 'fundings') grids.set(reading, grid);
      opts.onProgress?.(++done, totalSheets, `${grid.file} › ${grid.sheet}`);
    }
    // a workbook with no table of ours at all (meeting notes, a letter) is refused by name
    if (!own.some((r) => DATA_KINDS.includes(r.kind) || r.kindChosen)) {
      unreadReadings.push(...own);
      rejected.push({ file: input.file, error: `« ${input.file} » : aucun tableau reconnu (ni structures, ni conventions, ni financements, ni plan) dans ${own.length} feuille(s) : ${own.map((r) => `« ${r.sheet} »${r.reason ? ` (${r.reason})` : ''}`).join(', ')}.` });
      continue;
    }
    for (const reading of own) {
      readings.push(reading);
      if (reading.kind === 'ignored' && !reading.kindChosen)
        findings.push(makeFinding('FEUILLE_IGNOREE', { detail: `« ${reading.sheet} » de ${reading.file} (${reading.reason})` }, { file: reading.file, sheet: reading.sheet, row: 1 }));
    }
  }

  const plan = new PlanIndex(ref.plan);
  const values = new CodedValues(ref, plan, opts.mappings?.values);
  const lists = readings
    .filter((r) => r.kind === 'structures' || r.alsoStructures)
    .map((r) => toStructures(r, findings, values));
  const structures = lists.length ? mergeStructures(lists) : structuresFromLines(readings);
  noteUnknownKinds(structures, values);
  epciFromCommunes(structures);
  const federationNames = ref.partners
    .filter((p) => /f[ée]d[ée]ration/i.test(p.type ?? ''))
    .flatMap((p) => [p.code, p.name, ...(p.aliases ?? [])]);
  const matcher = new StructureMatcher(structures, opts.mappings?.structures, federationNames);
  let id = 0;
  for (const r of readings) if (r.legend) values.addLegend(r.file, r.legend);
  for (const r of readings) values.recodeAsDispositif(r);
  for (const r of readings) values.addRowLabels(r);
  const openData = new OpenDataAside();
  const ctx: LinkContext = { ref, values, matcher, plan, findings, nextId: () => id++, openData };

  const conventions: Convention[] = [];
  const fundings: FundingLine[] = [];
  for (const r of readings) {
    if (r.kind === 'conventions') conventions.push(...toConventions(r, ctx));
    if (r.kind === 'fundings') {
      const lines = toFundings(r, ctx);
      fundings.push(...lines);
      findings.push(...checkSourceTotals(r));
      const ledger = (r.ledger ??= newLedger());
      for (const rec of r.otherDepartementRecords ?? []) {
        const amount = (f: 'voted' | 'paid') => {
          const p = rec.cells[f] ? parseAmount(rec.cells[f]!.value) : undefined;
          return p?.ok ? p.value : undefined;
        };
        setAside(ledger, ASIDE.otherDepartement, amount('voted'), amount('paid'));
      }
      const grid = grids.get(r);
      const unused = grid ? unusedMoney(grid, r) : undefined;
      if (unused) {
        ledger.unexplained.push(...unused.columns);
        if (unused.finding) findings.push(unused.finding);
        for (const h of unused.hidden) {
          const e = ledger.setAside.get(ASIDE.hiddenColumn) ?? { lines: 0, votedCents: 0, paidCents: 0 };
          e.votedCents += h.amountCents;
          ledger.setAside.set(ASIDE.hiddenColumn, e);
        }
      }
    }
  }
  findings.push(...values.findings());
  findings.push(...openData.findings());
  findings.push(...findDuplicates(fundings, (text, partner) => matchDispositif([text], partner, ref)?.code));
  // a repeated line is kept for the record but counted once: its sheet's ledger says so
  const bySheet = new Map(readings.map((r) => [`${r.file}|${r.sheet}`, r]));
  for (const l of fundings)
    if (l.duplicateOf) {
      const led = bySheet.get(`${l.source.file}|${l.source.sheet}`)?.ledger;
      if (led) uncount(led, ASIDE.duplicate, l.voted, l.paid);
    }
  conventions.push(...conventionsFromFundings(fundings, ctx, conventions));
  agrementHistory(structures, conventions, ref);

  return {
    dataset: { partners: ref.partners, structures, conventions, fundings },
    findings,
    readings,
    rejected,
    unreadReadings,
    unknownValues: values.unknownValues(),
    unknownGrantors: openData.unknownGrantors(),
  };
}

/** The normalised texts of a sheet's first rows: where a saved header is looked for. */
function topTexts(grid: import('../model/grid').Grid): Set<string> {
  const out = new Set<string>();
  for (const row of grid.rows.slice(0, 40)) for (const v of row.slice(0, 200)) if (typeof v === 'string') out.add(normaliseText(textOf(v)));
  return out;
}
