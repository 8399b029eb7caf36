/**
 * Compares what the import found with a world's truth. Pure: tests call it on any (truth, result).
 * Structures match by SIRET, else by normalised name; funding lines by file › sheet › row (+ year
 * and partner); a false alarm is an erreur/alerte finding no expected finding explains.
 */
import type { Dataset } from '../../src/core/model/domain';
import type { Report, ReportFinding } from '../../src/core/report/build-report';
import type { ExpectedFinding, Truth } from '../world/truth';

export interface FoundRun {
  dataset: Dataset;
  report: Report;
}

export interface Miss {
  what: string;
  detail: string;
}

export interface WorldScore {
  seed: number;
  totals: { exact: boolean; wrong: number };
  structures: { truth: number; missed: number; phantom: number };
  /**
   * wrongType / wrongPeriod: the convention found under its reference has another type / another
   * start or end (read from funding lines: a period outside the true one).
   */
  conventions: { truth: number; missed: number; extra: number; wrongStructure: number; wrongType: number; wrongPeriod: number };
  /** wrongAmount: voted amount differs; wrongPaid: paid amount differs (not written = 0). */
  lines: { truth: number; linkedRight: number; wrongLink: number; notRead: number; extra: number; wrongAmount: number; wrongPaid: number };
  /** Voted and paid sums per structure × partner × year (a structure-less line: « aucune »). */
  structureSums: { truth: number; wrong: number };
  missingConvention: { truth: number; exact: boolean; missed: number; extra: number };
  axes: { exact: boolean; missed: number; extra: number };
  epci: { exact: boolean };
  anomalies: { truth: number; missed: number };
  falseAlarms: { count: number; byCode: Record<string, number> };
  files: { rejectedExpected: number; missedRejections: number; wrongRejections: number };
  /** Human-readable misses and false alarms (for --verbose). */
  notes: Miss[];
}

const KIND_WORDS = /\b(centre social|centre socio ?culturel|centre socio culturel|maison pour tous|espace de vie sociale|espace social et culturel|espace social|association|asso|assoc|foyer rural|c ?s ?c|c ?s|e ?v ?s|m ?p ?t|esc|fr)\b/g;

/** A name without kind words, articles, commune, case and accents: "C.S. Les Oliviers (PRIVAS)" → "oliviers". */
export function nameKey(name: string, commune?: string): string {
  let s = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  s = s.replace(/\([^()]*\)\s*$/, ' ').replace(/\s[–-]\s.*$/, ' ');
  s = s.replace(/[.’']/g, (m) => (m === '.' ? '' : ' ')).replace(/[^a-z0-9 ]/g, ' ');
  if (commune) {
    const c = commune.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9 ]/g, ' ').trim();
    if (c && s.trim().endsWith(' ' + c)) s = s.trim().slice(0, -c.length);
  }
  s = s.replace(KIND_WORDS, ' ');
  return s
    .split(/\s+/)
    .filter((w) => w && !['le', 'la', 'les', 'l', 'du', 'de', 'des', 'd'].includes(w))
    .join(' ');
}

const FEDERATION_KEYS = new Set(['facs', 'f a c s', 'facs 07', 'federation ardechoise centres sociaux', 'federation centres sociaux ardeche']);

function structureKey(name: string, commune?: string): string {
  const k = nameKey(name, commune);
  return FEDERATION_KEYS.has(k) ? 'facs' : k;
}

const cents = (v: number | undefined | null) => Math.round((v ?? 0) * 100);

interface StructureMatch {
  /** found code → truth code */
  toTruth: Map<string, string>;
  /** truth code → the found codes matched to it */
  matchedBy: Map<string, string[]>;
  /** the truth SIRET of a found structure (its own SIRET when it matches none) */
  siretOfFound: (code?: string, siret?: string) => string | undefined;
  notes: Miss[];
}

/** Found structures → truth structures, by SIRET, else by normalised name or alias. */
function matchStructures(truth: Truth, ds: Dataset): StructureMatch {
  const notes: Miss[] = [];
  const truthBySiret = new Map(truth.structures.map((s) => [s.siret, s]));
  const truthByKey = new Map(truth.structures.map((s) => [s.kind === 'FEDERATION' ? 'facs' : structureKey(s.name), s]));
  const toTruth = new Map<string, string>();
  const matchedBy = new Map<string, string[]>();
  for (const s of ds.structures) {
    const t = (s.siret && truthBySiret.get(s.siret)) || truthByKey.get(structureKey(s.name, s.commune)) || s.aliases.map((a) => truthByKey.get(structureKey(a, s.commune))).find(Boolean);
    if (!t) {
      notes.push({ what: 'structure fantôme', detail: `${s.code} « ${s.name} »${s.source ? ` (${s.source.file} › ${s.source.sheet} › ${s.source.row})` : ''}` });
      continue;
    }
    toTruth.set(s.code, t.code);
    matchedBy.set(t.code, [...(matchedBy.get(t.code) ?? []), s.code]);
  }
  const truthSiret = new Map(truth.structures.map((s) => [s.code, s.siret]));
  const siretOfFound = (code?: string, siret?: string) => (code && toTruth.has(code) ? truthSiret.get(toTruth.get(code)!) : siret);
  return { toTruth, matchedBy, siretOfFound, notes };
}

const at = (x: { code: string; file?: string; sheet?: string; row?: number }) => `${x.code}|${x.file}|${x.sheet}|${x.row}`;

/**
 * The erreur/alerte findings no expected finding of the truth explains (the false alarms). A finding
 * at a row is explained by an expected one of the same code, file › sheet › row, year (when the
 * finding has one), partner (when both have one) and structure (by SIRET, when the truth knows it);
 * the flags without a row by code + partner + structure + year + reason (CONVENTION_MANQUANTE),
 * code + year + axis (AXE_NON_FINANCE), code + file (FICHIER_REJETE).
 */
export function unexplainedFindings(truth: Truth, found: FoundRun): ReportFinding[] {
  return falseAlarmsOf(truth, found.report, matchStructures(truth, found.dataset).siretOfFound);
}

function falseAlarmsOf(truth: Truth, report: Report, siretOfFound: StructureMatch['siretOfFound']): ReportFinding[] {
  const expectedAt = new Map<string, ExpectedFinding[]>();
  for (const e of truth.expectedFindings) if (e.row !== undefined) expectedAt.set(at(e), [...(expectedAt.get(at(e)) ?? []), e]);
  const expectedMc = new Set(truth.expectedFindings.filter((e) => e.code === 'CONVENTION_MANQUANTE').map((e) => `${e.year}|${e.partner}|${e.siret}|${e.reason}`));
  const expectedAx = new Set(truth.expectedFindings.filter((e) => e.code === 'AXE_NON_FINANCE').map((e) => `${e.year}|${e.axis}`));
  const expectedFiles = new Set(truth.expectedFindings.filter((e) => e.code === 'FICHIER_REJETE').map((e) => e.file));
  const explains = (e: ExpectedFinding, f: ReportFinding) =>
    (f.year === undefined || e.year === f.year) && (!e.partner || !f.partner || e.partner === f.partner) && (!e.siret || siretOfFound(f.structure, f.siret) === e.siret);
  return report.findings.filter((f) => {
    if (f.severity !== 'erreur' && f.severity !== 'alerte') return false;
    if (f.code === 'CONVENTION_MANQUANTE') return !expectedMc.has(`${f.year}|${f.partner}|${siretOfFound(f.structure, f.siret)}|${f.reason}`);
    if (f.code === 'AXE_NON_FINANCE') return !expectedAx.has(`${f.year}|${f.axis}`);
    if (f.code === 'FICHIER_REJETE') return !expectedFiles.has(f.file);
    return !(expectedAt.get(at(f)) ?? []).some((e) => explains(e, f));
  });
}

export function compareWorld(truth: Truth, found: FoundRun): WorldScore {
  const notes: Miss[] = [];
  const note = (what: string, detail: string) => notes.push({ what, detail });
  const { dataset: ds, report } = found;

  // --- structures: found → truth ---------------------------------------------------------
  const match = matchStructures(truth, ds);
  const { toTruth, matchedBy, siretOfFound } = match;
  notes.push(...match.notes);
  let phantom = ds.structures.length - toTruth.size;
  for (const [t, codes] of matchedBy)
    if (codes.length > 1) {
      phantom += codes.length - 1;
      note('structure en double', `${t} trouvée ${codes.length} fois : ${codes.join(', ')}`);
    }
  const missedStructures = truth.structures.filter((s) => !matchedBy.has(s.code));
  for (const s of missedStructures) note('structure manquée', `${s.code} « ${s.name} » ${s.siret}`);

  // --- totals --------------------------------------------------------------------------------
  const tk = (t: { partner: string; year: number }) => `${t.partner}|${t.year}`;
  const ours = new Map(report.totals.map((t) => [tk(t), t]));
  let wrongTotals = 0;
  for (const t of truth.totals) {
    const o = ours.get(tk(t));
    if (!o || cents(o.voted) !== cents(t.voted) || cents(o.paid) !== cents(t.paid)) {
      wrongTotals++;
      note('total faux', `${tk(t)} : voté ${o?.voted} au lieu de ${t.voted}, versé ${o?.paid} au lieu de ${t.paid}`);
    }
  }
  for (const o of report.totals)
    if (!truth.totals.some((t) => tk(t) === tk(o)) && (cents(o.voted) || cents(o.paid))) {
      wrongTotals++;
      note('total en trop', `${tk(o)} : voté ${o.voted}`);
    }

  // --- funding lines -----------------------------------------------------------------------
  const lk = (l: { file: string; sheet: string; row: number; year: number; partner: string }) => `${l.file}|${l.sheet}|${l.row}|${l.year}|${l.partner}`;
  const foundLines = new Map(ds.fundings.filter((l) => !l.duplicateOf).map((l) => [lk({ ...l.source, year: l.year, partner: l.partner }), l]));
  let linkedRight = 0;
  let wrongLink = 0;
  let notRead = 0;
  let wrongAmount = 0;
  let wrongPaid = 0;
  const truthKeys = new Set<string>();
  for (const t of truth.detail.fundingLines) {
    const k = lk(t);
    truthKeys.add(k);
    const f = foundLines.get(k);
    if (!f) {
      notRead++;
      note('ligne non lue', `${k} ${t.dispositif} ${t.voted}`);
      continue;
    }
    const right = t.structure === null ? !f.structure : !!f.structure && toTruth.get(f.structure) === t.structure;
    if (right) linkedRight++;
    else {
      wrongLink++;
      note('ligne mal rattachée', `${k} « ${f.structureName} » → ${f.structure ?? 'aucune'} au lieu de ${t.structure ?? 'aucune'}`);
    }
    if (cents(f.voted) !== cents(t.voted)) {
      wrongAmount++;
      note('montant faux', `${k} ${f.voted} au lieu de ${t.voted}`);
    }
    if (cents(f.paid) !== cents(t.paid)) {
      wrongPaid++;
      note('versé faux', `${k} ${f.paid ?? 'vide'} au lieu de ${t.paid ?? 'vide'}`);
    }
  }
  let extraLines = 0;
  for (const [k, f] of foundLines)
    if (!truthKeys.has(k)) {
      extraLines++;
      note('ligne en trop', `${k} « ${f.structureName} » ${f.voted}`);
    }

  // --- amounts per structure × partner × year (found structures named by their truth code) ----
  const sk = (structure: string | null, partner: string, year: number) => `${structure ?? 'aucune'}|${partner}|${year}`;
  const sums = new Map<string, { truth: { voted: number; paid: number }; found: { voted: number; paid: number } }>();
  const add = (k: string, side: 'truth' | 'found', voted: number | undefined, paid: number | null | undefined) => {
    const e = sums.get(k) ?? { truth: { voted: 0, paid: 0 }, found: { voted: 0, paid: 0 } };
    e[side].voted += cents(voted);
    e[side].paid += cents(paid);
    sums.set(k, e);
  };
  for (const t of truth.detail.fundingLines) add(sk(t.structure, t.partner, t.year), 'truth', t.voted, t.paid);
  for (const f of foundLines.values()) add(sk(f.structure ? (toTruth.get(f.structure) ?? `${f.structure} (fantôme)`) : null, f.partner, f.year), 'found', f.voted, f.paid);
  const truthStructureSums = new Set(truth.detail.fundingLines.map((t) => sk(t.structure, t.partner, t.year))).size;
  let wrongStructureSums = 0;
  for (const [k, e] of sums)
    if (e.truth.voted !== e.found.voted || e.truth.paid !== e.found.paid) {
      wrongStructureSums++;
      note('montant par structure faux', `${k} : voté ${e.found.voted / 100} au lieu de ${e.truth.voted / 100}, versé ${e.found.paid / 100} au lieu de ${e.truth.paid / 100}`);
    }

  // --- conventions -------------------------------------------------------------------------
  const ck = (c: { partner: string; ref?: string }) => `${c.partner}|${c.ref ?? ''}`;
  const foundConv = new Map<string, Dataset['conventions'][number]>();
  let extraConv = 0;
  for (const c of ds.conventions) {
    if (foundConv.has(ck(c))) continue;
    foundConv.set(ck(c), c);
  }
  let missedConv = 0;
  let wrongConvStructure = 0;
  let wrongConvType = 0;
  let wrongConvPeriod = 0;
  const truthConvKeys = new Set(truth.detail.conventions.map(ck));
  const place = (p: { file: string; sheet: string; row: number }) => `${p.file}|${p.sheet}|${p.row}`;
  const linePlaces = new Set(ds.fundings.map((l) => place(l.source)));
  for (const c of truth.detail.conventions) {
    const f = foundConv.get(ck(c));
    if (!f) {
      missedConv++;
      note('convention manquée', `${ck(c)} ${c.structure}`);
      continue;
    }
    if (!f.structure || toTruth.get(f.structure) !== c.structure) {
      wrongConvStructure++;
      note('convention mal rattachée', `${ck(c)} → ${f.structure ?? 'aucune'} au lieu de ${c.structure}`);
    }
    if (f.type !== c.type) {
      wrongConvType++;
      note('convention mal typée', `${ck(c)} ${f.type} au lieu de ${c.type}`);
    }
    // written only on funding lines, a convention shows the years it funds, not its whole term
    const period = linePlaces.has(place(f.source)) ? !!f.start && !!f.end && f.start >= c.start && f.end <= c.end : f.start === c.start && f.end === c.end;
    if (!period) {
      wrongConvPeriod++;
      note('convention mal datée', `${ck(c)} du ${f.start ?? '?'} au ${f.end ?? '?'} au lieu du ${c.start} au ${c.end}`);
    }
  }
  for (const [k, f] of foundConv)
    if (!truthConvKeys.has(k)) {
      extraConv++;
      note('convention en trop', `${k} « ${f.structureName} » (${f.source.file} › ${f.source.sheet} › ${f.source.row})`);
    }

  // --- flags ---------------------------------------------------------------------------------
  const mk = (m: { partner: string; siret?: string; year: number; reason: string }) => `${m.year}|${m.partner}|${m.siret}|${m.reason}`;
  const truthMc = new Set(truth.structuresMissingConvention.map(mk));
  const foundMc = new Set(report.flags.structuresMissingConvention.map((m) => mk({ ...m, siret: siretOfFound(m.structure, m.siret) })));
  const mcMissed = [...truthMc].filter((k) => !foundMc.has(k));
  const mcExtra = [...foundMc].filter((k) => !truthMc.has(k));
  mcMissed.forEach((k) => note('convention manquante non signalée', k));
  mcExtra.forEach((k) => note('convention manquante signalée à tort', k));
  const ak = (a: { year: number; axis: string }) => `${a.year}|${a.axis}`;
  const truthAx = new Set(truth.axesWithoutFunding.map(ak));
  const foundAx = new Set(report.flags.axesWithoutFunding.map(ak));
  const axMissed = [...truthAx].filter((k) => !foundAx.has(k));
  const axExtra = [...foundAx].filter((k) => !truthAx.has(k));
  axMissed.forEach((k) => note('axe sans financement non signalé', k));
  axExtra.forEach((k) => note('axe sans financement signalé à tort', k));
  const epciExact = [...report.flags.epciWithoutStructure].sort().join('|') === [...truth.epciWithoutStructure].sort().join('|');
  if (!epciExact) note('EPCI sans structure', `${report.flags.epciWithoutStructure.join(', ')} au lieu de ${truth.epciWithoutStructure.join(', ')}`);

  // --- anomalies and false alarms ------------------------------------------------------------
  const findingsAt = new Map<string, ReportFinding[]>();
  for (const f of report.findings) findingsAt.set(at(f), [...(findingsAt.get(at(f)) ?? []), f]);
  let missedAnomalies = 0;
  for (const a of truth.anomalies) {
    const hit = (findingsAt.get(at(a)) ?? []).some((f) => f.year === undefined || f.year === a.year);
    if (!hit) {
      missedAnomalies++;
      note('anomalie manquée', `${at(a)} ${a.year} ${a.structure ?? ''}`);
    }
  }
  const byCode: Record<string, number> = {};
  const falseAlarmFindings = falseAlarmsOf(truth, report, siretOfFound);
  for (const f of falseAlarmFindings) {
    byCode[f.code] = (byCode[f.code] ?? 0) + 1;
    note('fausse alerte', `${f.code} ${f.file ?? ''} › ${f.sheet ?? ''} › ${f.row ?? ''} ${f.partner ?? ''} ${f.year ?? ''} : ${f.message.slice(0, 160)}`);
  }
  const falseAlarms = falseAlarmFindings.length;

  // --- files ----------------------------------------------------------------------------------
  const rejected = new Set(report.inputs.filter((i) => i.status === 'rejected').map((i) => i.file));
  const expectedRejected = new Set(truth.rejectedFiles);
  const missedRejections = [...expectedRejected].filter((f) => !rejected.has(f));
  const wrongRejections = [...rejected].filter((f) => !expectedRejected.has(f));
  missedRejections.forEach((f) => note('fichier accepté à tort', f));
  wrongRejections.forEach((f) => note('fichier rejeté à tort', f));

  return {
    seed: truth.seed,
    totals: { exact: wrongTotals === 0, wrong: wrongTotals },
    structures: { truth: truth.structures.length, missed: missedStructures.length, phantom },
    conventions: { truth: truth.detail.conventions.length, missed: missedConv, extra: extraConv, wrongStructure: wrongConvStructure, wrongType: wrongConvType, wrongPeriod: wrongConvPeriod },
    lines: { truth: truth.detail.fundingLines.length, linkedRight, wrongLink, notRead, extra: extraLines, wrongAmount, wrongPaid },
    structureSums: { truth: truthStructureSums, wrong: wrongStructureSums },
    missingConvention: { truth: truthMc.size, exact: mcMissed.length === 0 && mcExtra.length === 0, missed: mcMissed.length, extra: mcExtra.length },
    axes: { exact: axMissed.length === 0 && axExtra.length === 0, missed: axMissed.length, extra: axExtra.length },
    epci: { exact: epciExact },
    anomalies: { truth: truth.anomalies.length, missed: missedAnomalies },
    falseAlarms: { count: falseAlarms, byCode },
    files: { rejectedExpected: expectedRejected.size, missedRejections: missedRejections.length, wrongRejections: wrongRejections.length },
    notes,
  };
}
