/**
 * Compares what the import found with a world's truth. Pure: tests call it on any (truth, result).
 * Structures match by SIRET, else by normalised name; funding lines by file › sheet › row (+ year
 * and partner); a false alarm is an erreur/alerte finding no expected finding explains.
 */
import type { Dataset } from '../../src/core/model/domain';
import type { Report, ReportFinding } from '../../src/core/report/build-report';
import type { Truth } from '../world/truth';

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
  conventions: { truth: number; missed: number; extra: number; wrongStructure: number };
  lines: { truth: number; linkedRight: number; wrongLink: number; notRead: number; extra: number; wrongAmount: number };
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

export function compareWorld(truth: Truth, found: FoundRun): WorldScore {
  const notes: Miss[] = [];
  const note = (what: string, detail: string) => notes.push({ what, detail });
  const { dataset: ds, report } = found;

  // --- structures: found → truth ---------------------------------------------------------
  const truthBySiret = new Map(truth.structures.map((s) => [s.siret, s]));
  const truthByKey = new Map(truth.structures.map((s) => [s.kind === 'FEDERATION' ? 'facs' : structureKey(s.name), s]));
  const toTruth = new Map<string, string>(); // found code → truth code
  const matchedBy = new Map<string, string[]>();
  for (const s of ds.structures) {
    const t = (s.siret && truthBySiret.get(s.siret)) || truthByKey.get(structureKey(s.name, s.commune)) || s.aliases.map((a) => truthByKey.get(structureKey(a, s.commune))).find(Boolean);
    if (!t) {
      note('structure fantôme', `${s.code} « ${s.name} »${s.source ? ` (${s.source.file} › ${s.source.sheet} › ${s.source.row})` : ''}`);
      continue;
    }
    toTruth.set(s.code, t.code);
    matchedBy.set(t.code, [...(matchedBy.get(t.code) ?? []), s.code]);
  }
  let phantom = ds.structures.length - toTruth.size;
  for (const [t, codes] of matchedBy)
    if (codes.length > 1) {
      phantom += codes.length - 1;
      note('structure en double', `${t} trouvée ${codes.length} fois : ${codes.join(', ')}`);
    }
  const missedStructures = truth.structures.filter((s) => !matchedBy.has(s.code));
  for (const s of missedStructures) note('structure manquée', `${s.code} « ${s.name} » ${s.siret}`);
  const truthSiret = new Map(truth.structures.map((s) => [s.code, s.siret]));
  const siretOfFound = (code?: string, siret?: string) => (code && toTruth.has(code) ? truthSiret.get(toTruth.get(code)!) : siret);

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
  }
  let extraLines = 0;
  for (const [k, f] of foundLines)
    if (!truthKeys.has(k)) {
      extraLines++;
      note('ligne en trop', `${k} « ${f.structureName} » ${f.voted}`);
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
  const truthConvKeys = new Set(truth.detail.conventions.map(ck));
  for (const c of truth.detail.conventions) {
    const f = foundConv.get(ck(c));
    if (!f) {
      missedConv++;
      note('convention manquée', `${ck(c)} ${c.structure}`);
    } else if (!f.structure || toTruth.get(f.structure) !== c.structure) {
      wrongConvStructure++;
      note('convention mal rattachée', `${ck(c)} → ${f.structure ?? 'aucune'} au lieu de ${c.structure}`);
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
  const at = (x: { code: string; file?: string; sheet?: string; row?: number }) => `${x.code}|${x.file}|${x.sheet}|${x.row}`;
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
  const expectedAt = new Set(truth.expectedFindings.filter((e) => e.row !== undefined).map((e) => `${at(e)}|${e.year}`));
  const expectedAtAnyYear = new Set(truth.expectedFindings.filter((e) => e.row !== undefined).map(at));
  const expectedMc = new Set(truth.expectedFindings.filter((e) => e.code === 'CONVENTION_MANQUANTE').map((e) => `${e.year}|${e.partner}|${e.siret}|${e.reason}`));
  const expectedAx = new Set(truth.expectedFindings.filter((e) => e.code === 'AXE_NON_FINANCE').map((e) => `${e.year}|${e.axis}`));
  const expectedFiles = new Set(truth.expectedFindings.filter((e) => e.code === 'FICHIER_REJETE').map((e) => e.file));
  const byCode: Record<string, number> = {};
  let falseAlarms = 0;
  for (const f of report.findings) {
    if (f.severity !== 'erreur' && f.severity !== 'alerte') continue;
    let ok: boolean;
    if (f.code === 'CONVENTION_MANQUANTE') ok = expectedMc.has(`${f.year}|${f.partner}|${siretOfFound(f.structure, f.siret)}|${f.reason}`);
    else if (f.code === 'AXE_NON_FINANCE') ok = expectedAx.has(`${f.year}|${f.axis}`);
    else if (f.code === 'FICHIER_REJETE') ok = expectedFiles.has(f.file);
    else ok = f.year === undefined ? expectedAtAnyYear.has(at(f)) : expectedAt.has(`${at(f)}|${f.year}`);
    if (ok) continue;
    falseAlarms++;
    byCode[f.code] = (byCode[f.code] ?? 0) + 1;
    note('fausse alerte', `${f.code} ${f.file ?? ''} › ${f.sheet ?? ''} › ${f.row ?? ''} ${f.partner ?? ''} ${f.year ?? ''} : ${f.message.slice(0, 160)}`);
  }

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
    conventions: { truth: truth.detail.conventions.length, missed: missedConv, extra: extraConv, wrongStructure: wrongConvStructure },
    lines: { truth: truth.detail.fundingLines.length, linkedRight, wrongLink, notRead, extra: extraLines, wrongAmount },
    missingConvention: { truth: truthMc.size, exact: mcMissed.length === 0 && mcExtra.length === 0, missed: mcMissed.length, extra: mcExtra.length },
    axes: { exact: axMissed.length === 0 && axExtra.length === 0, missed: axMissed.length, extra: axExtra.length },
    epci: { exact: epciExact },
    anomalies: { truth: truth.anomalies.length, missed: missedAnomalies },
    falseAlarms: { count: falseAlarms, byCode },
    files: { rejectedExpected: expectedRejected.size, missedRejections: missedRejections.length, wrongRejections: wrongRejections.length },
    notes,
  };
}
