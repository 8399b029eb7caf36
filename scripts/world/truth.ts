/** The truth of a world as its files show it (same schema as ../shared/samples/truth.json, plus expected findings). */
import { defaultReference } from '../../src/core/reference/default-reference';
import { compareSourceFiles } from '../../src/core/link/find-duplicates';
import type { WLine, World, WStructure } from './types';
import type { Place, Written } from './write-layouts';

const REF = defaultReference();

export interface TruthLine {
  partner: string;
  year: number;
  structure: string | null;
  siret: string | null;
  dispositif: string;
  plan: string | null;
  axis: string | null;
  voted: number;
  paid: number | null;
  file: string;
  sheet: string;
  row: number;
}

export interface TruthConvention {
  partner: string;
  type: string;
  ref: string;
  structure: string;
  siret: string;
  start: string;
  end: string;
  annualAmount: number | null;
  /** Where it is written: a list row, or only on funding lines. */
  file?: string;
  sheet?: string;
  row?: number;
  onLines?: boolean;
}

export interface Anomaly {
  code: string;
  partner: string;
  year: number;
  file: string;
  sheet: string;
  row: number;
  structure: string | null;
  siret?: string;
  dispositif: string;
  [k: string]: unknown;
}

export interface ExpectedFinding {
  code: string;
  file?: string;
  sheet?: string;
  row?: number;
  partner?: string;
  siret?: string;
  year?: number;
  axis?: string;
  reason?: string;
}

export interface Truth {
  set: string;
  seed: number;
  years: number[];
  structures: { code: string; name: string; kind: string; siret: string; commune: string; epci: string; gestion: string; agrements: { types: string; start: string; end: string }[]; referentFamille: boolean; adherentFacs: boolean }[];
  counts: { structures: number; fundingLines: number; conventions: number };
  totals: { partner: string; year: number; voted: number; paid: number }[];
  structuresMissingConvention: { partner: string; siret: string; year: number; reason: string; structure: string; name: string }[];
  axesWithoutFunding: { year: number; axis: string }[];
  epciWithoutStructure: string[];
  anomalies: Anomaly[];
  rejectedFiles: string[];
  /** Every finding of severity erreur or alerte the truth explains; anything else is a false alarm. */
  expectedFindings: ExpectedFinding[];
  files: string[];
  detail: { epciReference: string[]; conventions: TruthConvention[]; fundingLines: TruthLine[] };
}

/** Every erreur/alerte finding a truth explains: its anomalies, missing conventions, unfunded axes and refused files. */
export function expectedFindingsOf(t: Pick<Truth, 'anomalies' | 'structuresMissingConvention' | 'axesWithoutFunding' | 'rejectedFiles'>): ExpectedFinding[] {
  return [
    ...t.anomalies.map((a) => ({ code: a.code, file: a.file, sheet: a.sheet, row: a.row, partner: a.partner, year: a.year, ...(a.siret ? { siret: a.siret } : {}) })),
    ...t.structuresMissingConvention.map((m) => ({ code: 'CONVENTION_MANQUANTE', partner: m.partner, siret: m.siret, year: m.year, reason: m.reason })),
    ...t.axesWithoutFunding.map((a) => ({ code: 'AXE_NON_FINANCE', year: a.year, axis: a.axis })),
    ...t.rejectedFiles.map((f) => ({ code: 'FICHIER_REJETE', file: f })),
  ];
}

const round = (v: number) => Math.round(v * 100) / 100;
const covers = (c: { start: string; end: string }, y: number) => c.start <= `${y}-12-31` && c.end >= `${y}-01-01`;

export function makeTruth(world: World, w: Written): Truth {
  const byCode = new Map(world.structures.map((s) => [s.code, s]));
  const files = w.files.map((f) => f.name).sort(compareSourceFiles);
  const sheetIdx = new Map<string, number>();
  for (const f of w.files) (f.sheets ?? []).forEach((s, i) => sheetIdx.set(`${f.name}|${f.csv ? f.name.replace(/\.csv$/, '') : s.name}`, i));
  const order = (p: Place) => [files.indexOf(p.file), sheetIdx.get(`${p.file}|${p.sheet}`) ?? 0, p.row];
  const before = (a: Place, b: Place) => {
    const x = order(a);
    const y = order(b);
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  };
  const dispo = (l: WLine) => REF.dispositifs.find((d) => d.partner === l.partner && d.code === l.dispositif)!;

  // a repeated line: the one read second is the duplicate, the first is counted
  const placeOf = new Map(w.lineAt);
  for (const l of world.lines) {
    if (l.duplicateOf === undefined) continue;
    const a = placeOf.get(l.duplicateOf);
    const b = placeOf.get(l.id);
    if (a && b && before(b, a) < 0) {
      placeOf.set(l.duplicateOf, b);
      placeOf.set(l.id, a);
      // what each place writes goes with it: the line counted is the one whose row is read first
      for (const written of [w.paidWritten, w.planWritten]) {
        const hadA = written.has(l.duplicateOf);
        const hadB = written.has(l.id);
        for (const [id, has] of [[l.duplicateOf, hadB], [l.id, hadA]] as const) {
          if (has) written.add(id);
          else written.delete(id);
        }
      }
    }
  }
  const anomalies: Anomaly[] = [];
  const lines: { l: WLine; at: Place }[] = [];
  const base = (l: WLine, at: Place, s?: WStructure) => ({ partner: l.partner, year: l.year, file: at.file, sheet: at.sheet, row: at.row, structure: s?.code ?? l.unknown?.name ?? null, ...(s ? { siret: s.siret } : {}), dispositif: l.dispositif });
  for (const l of world.lines) {
    const at = placeOf.get(l.id);
    if (!at || l.other) continue;
    const s = l.structure ? byCode.get(l.structure) : undefined;
    if (l.illegible) {
      anomalies.push({ code: 'MONTANT_ILLISIBLE', ...base(l, at, s), value: l.illegible });
      continue;
    }
    if (l.duplicateOf !== undefined) {
      const first = placeOf.get(l.duplicateOf);
      if (first) anomalies.push({ code: 'DOUBLON', ...base(l, at, s), duplicateOf: { file: first.file, sheet: first.sheet, row: first.row }, voted: l.voted });
      continue;
    }
    lines.push({ l, at });
  }

  // agrément history as the files show it: the lists' current agrément and the CAF COF periods
  const conventions: (TruthConvention & { id: number })[] = [];
  for (const c of world.conventions) {
    const s = byCode.get(c.structure)!;
    const listed = w.convAt.get(c.id);
    const common = { id: c.id, partner: c.partner, type: c.type, ref: c.ref, structure: s.code, siret: s.siret };
    if (listed) conventions.push({ ...common, start: `${c.start}-01-01`, end: `${c.end}-12-31`, annualAmount: listed.amount ? c.annualAmount : null, file: listed.file, sheet: listed.sheet, row: listed.row });
    else if (w.convOnLines.has(c.partner)) {
      const ys = lines.filter((x) => x.l.conventionId === c.id).map((x) => x.l.year);
      if (ys.length) conventions.push({ ...common, start: `${Math.min(...ys)}-01-01`, end: `${Math.max(...ys)}-12-31`, annualAmount: null, onLines: true });
    }
  }
  const agrementsOf = (s: WStructure) => {
    const out: { types: string[]; start: string; end: string }[] = [];
    const a = w.listed.get(s.code)?.agrement;
    if (a) out.push({ types: a.types, start: `${a.start}-01-01`, end: `${a.end}-12-31` });
    for (const m of w.listed.get(s.code)?.more ?? []) out.push({ types: m.types, start: `${m.start}-01-01`, end: `${m.end}-12-31` });
    const types = s.agrementTypes.length ? s.agrementTypes : s.kind === 'EVS' ? ['AL'] : ['AGC', 'ACF'];
    for (const c of conventions) if (c.partner === 'CAF' && c.type === 'COF' && c.structure === s.code) out.push({ types, start: c.start, end: c.end });
    return out;
  };

  const fundingLines: TruthLine[] = lines.map(({ l, at }) => {
    const s = l.structure ? byCode.get(l.structure) : undefined;
    const plan = (w.planWritten.has(l.id) ? l.plan : null) ?? dispo(l).defaultPlan ?? null;
    return { partner: l.partner, year: l.year, structure: s?.code ?? null, siret: s?.siret ?? null, dispositif: l.dispositif, plan, axis: plan ? plan.split('.')[0] : null, voted: l.voted!, paid: w.paidWritten.has(l.id) ? l.paid : null, file: at.file, sheet: at.sheet, row: at.row };
  });

  // line checks
  for (const { l, at } of lines) {
    const s = l.structure ? byCode.get(l.structure) : undefined;
    const paid = w.paidWritten.has(l.id) ? l.paid : null;
    if (l.voted! < 0) anomalies.push({ code: 'MONTANT_NEGATIF', ...base(l, at, s), voted: l.voted, paid });
    else if (paid !== null && paid > l.voted!) anomalies.push({ code: 'VERSE_SUPERIEUR_VOTE', ...base(l, at, s), voted: l.voted, paid });
    if (l.unknown) anomalies.push({ code: 'STRUCTURE_INCONNUE', ...base(l, at), commune: l.unknown.commune });
    if (!s) continue;
    const d = dispo(l);
    if (d.appliesTo !== 'all' && !d.appliesTo.includes(s.kind)) {
      anomalies.push({ code: 'DISPOSITIF_NON_AUTORISE', ...base(l, at, s) });
      continue;
    }
    if (d.requires?.kind === 'agrement') {
      const t = d.requires.type;
      if (!agrementsOf(s).some((a) => a.types.includes(t) && covers(a, l.year))) anomalies.push({ code: 'AGREMENT_ABSENT_OU_EXPIRE', ...base(l, at, s) });
    }
  }

  // missing conventions per partner × structure × year
  const missing: Truth['structuresMissingConvention'] = [];
  const groups = new Map<string, WLine[]>();
  for (const { l } of lines) if (l.structure) groups.set(`${l.partner}|${l.structure}|${l.year}`, [...(groups.get(`${l.partner}|${l.structure}|${l.year}`) ?? []), l]);
  for (const ls of groups.values()) {
    const { partner, structure, year } = ls[0];
    const s = byCode.get(structure!)!;
    const convs = conventions.filter((c) => c.partner === partner && c.structure === s.code && covers(c, year));
    const m = { partner, siret: s.siret, year, structure: s.code, name: s.name };
    const types = new Set<string>();
    for (const l of ls) {
      const req = dispo(l).requires;
      if (req?.kind === 'convention' && !convs.some((c) => c.type === req.type)) types.add(req.type);
    }
    if (types.size) missing.push({ ...m, reason: 'dispositif' });
    if (round(ls.reduce((a, l) => a + l.voted!, 0)) > REF.conventionThreshold && convs.length === 0) missing.push({ ...m, reason: 'seuil_23000' });
  }
  // axes with no funded line, per year with fundings
  const fundedYears = [...new Set(fundingLines.map((l) => l.year))].sort();
  const axesWithoutFunding = fundedYears.flatMap((y) => REF.plan.filter((a) => !fundingLines.some((l) => l.year === y && l.axis === a.code)).map((a) => ({ year: y, axis: a.code })));
  const withAvs = new Set(world.structures.filter((s) => s.kind !== 'FEDERATION').map((s) => s.epci));
  const epciWithoutStructure = REF.epci.filter((e) => !withAvs.has(e));

  const totals = new Map<string, { partner: string; year: number; voted: number; paid: number }>();
  for (const l of fundingLines) {
    const k = `${l.partner}|${l.year}`;
    const t = totals.get(k) ?? { partner: l.partner, year: l.year, voted: 0, paid: 0 };
    t.voted += l.voted;
    t.paid += l.paid ?? 0;
    totals.set(k, t);
  }
  const partnerOrder = REF.partners.map((p) => p.code);
  const expectedFindings = expectedFindingsOf({ anomalies, structuresMissingConvention: missing, axesWithoutFunding, rejectedFiles: w.rejected });
  const listedStructures = world.structures.filter((s) => w.listed.has(s.code));
  return {
    set: `seed-${world.seed}`,
    seed: world.seed,
    years: world.years,
    structures: listedStructures.map((s) => ({
      code: s.code,
      name: s.name,
      kind: s.kind,
      siret: s.siret,
      commune: s.commune,
      epci: s.epci,
      gestion: s.gestion,
      agrements: s.agrements.map((a) => ({ types: s.agrementTypes.join('+'), start: `${a.start}-01-01`, end: `${a.end}-12-31` })),
      referentFamille: s.referentFamille,
      adherentFacs: s.adherentFacs,
    })),
    counts: { structures: listedStructures.length, fundingLines: fundingLines.length, conventions: conventions.length },
    totals: [...totals.values()].map((t) => ({ ...t, voted: round(t.voted), paid: round(t.paid) })).sort((a, b) => partnerOrder.indexOf(a.partner) - partnerOrder.indexOf(b.partner) || a.year - b.year),
    structuresMissingConvention: missing.sort((a, b) => a.year - b.year || a.partner.localeCompare(b.partner) || a.structure.localeCompare(b.structure)),
    axesWithoutFunding,
    epciWithoutStructure,
    anomalies,
    rejectedFiles: [...w.rejected].sort(),
    expectedFindings,
    files,
    detail: { epciReference: REF.epci, conventions: conventions.map(({ id: _id, ...c }) => c), fundingLines },
  };
}
