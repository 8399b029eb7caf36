import { causeMessage, causeUnit } from '../checks/messages';
import type { Finding, FindingCode, Severity } from '../model/finding';
import { normaliseText } from '../parse/normalise-text';
import { roundCents } from '../parse/parse-amount';

/**
 * Findings with one cause (code, partner and the value at fault), so that a user reads tens of
 * rows instead of hundreds: the Contrôles sheet and the pane show one row per cause, which opens
 * on its lines.
 */
export interface FindingCause {
  key: string;
  severity: Severity;
  code: FindingCode;
  partner?: string;
  /** The members' own message when the cause has one finding, else the cause with its count. */
  message: string;
  /** Lines covered: the sum of `count ?? 1` (a finding may already stand for many lines). */
  count: number;
  /** What the count counts, singular: « ligne », or « exercice », « structure », « territoire ». */
  unit: string;
  /** Sum of the members' amounts (`amount`, else `voted`), when at least one has one. */
  amount?: number;
  /** The findings, in the order they came. */
  findings: Finding[];
}

const name = (s: string | undefined) => (s ? normaliseText(s) : '');
const where = (p: { file: string; sheet: string } | undefined) => (p ? `${p.file}›${p.sheet}` : '');

/**
 * What makes two findings of one code (and one partner) the same cause; `undefined`: a finding
 * that stands alone (a file, a sheet, a total row). Names are compared folded (case, accents).
 */
const CAUSE_FIELDS: Record<FindingCode, ((f: Finding) => (string | number | undefined)[]) | undefined> = {
  MONTANT_ILLISIBLE: (f) => [f.field, f.value],
  CHAMP_OBLIGATOIRE: (f) => [f.field],
  MONTANT_NEGATIF: (f) => [f.dispositif],
  VERSE_SUPERIEUR_VOTE: (f) => [f.dispositif],
  STRUCTURE_INCONNUE: (f) => [name(f.structureName)],
  STRUCTURE_AMBIGUE: (f) => [name(f.structureName)],
  DISPOSITIF_INCONNU: (f) => [name(f.value)],
  ACTION_INCONNUE: (f) => [name(f.value)],
  TYPE_CONVENTION_INCONNU: (f) => [name(f.value)],
  TYPE_STRUCTURE_INCONNU: (f) => [name(f.value)],
  PARTENAIRE_INCONNU: (f) => [name(f.value)],
  // a sheet read twice: every line of one sheet repeats one other sheet
  DOUBLON: (f) => [where(f.location), where(f.duplicateOf)],
  DISPOSITIF_NON_AUTORISE: (f) => [f.dispositif, f.detail],
  AGREMENT_ABSENT_OU_EXPIRE: (f) => [f.structure ?? name(f.structureName), f.detail],
  CONVENTION_MANQUANTE: (f) => [f.structure ?? name(f.structureName), f.reason, f.detail],
  AXE_NON_FINANCE: (f) => [f.axis],
  OBJECTIF_SANS_ACTION: (f) => [f.objective],
  // one renewal campaign: the agréments of one kind ending on one date
  AGREMENT_BIENTOT_EXPIRE: (f) => [f.detail, f.date],
  // the plan's axis 2.1: every territory without a structure
  TERRITOIRE_NON_POURVU: () => [],
  LIGNE_SANS_ACTION: (f) => [f.dispositif],
  TOTAL_SOURCE_ECART: undefined,
  // one sheet's totals with one thing not settled (sub-totals per year of a long export)
  TOTAL_SOURCE_A_VERIFIER: (f) => [where(f.location), f.reason],
  FEUILLE_IGNOREE: undefined,
  FICHIER_REJETE: undefined,
  PROGRAMMATION_NON_PLACEE: (f) => [f.detail, f.plan],
  SCDL_SANS_SIRET: (f) => [f.structure ?? name(f.structureName)],
  SCDL_ATTRIBUANT_SANS_SIRET: () => [],
  SCDL_SANS_DATE: (f) => [f.structure ?? name(f.structureName)],
  SCDL_TEXTE_FORMULE: (f) => [f.field, f.value],
  SIRET_CLE_INVALIDE: (f) => [f.field, f.value],
  // one finding per sheet already, with its count of cells
  TEXTE_TROP_LONG: undefined,
  // each already one finding per grantor, file or sheet
  ATTRIBUANT_INCONNU: undefined,
  BENEFICIAIRES_HORS_ACCORD: undefined,
  IDENTIFIANT_ABIME: undefined,
  MONTANTS_NON_LUS: undefined,
  CORRECTIONS_REPRISES: () => [],
  // one finding per sheet already, with its count of cells
  FORMULE_SANS_RESULTAT: undefined,
};

/** The key of a finding's cause; `undefined` when it is never grouped with another. */
export function causeKey(f: Finding): string | undefined {
  const fields = CAUSE_FIELDS[f.code];
  if (!fields) return undefined;
  return JSON.stringify([f.severity, f.code, f.partner ?? '', ...fields(f).map((v) => v ?? '')]);
}

const SEVERITY_ORDER: Record<Severity, number> = { erreur: 0, alerte: 1, info: 2 };

/**
 * One group per cause, by severity, then the causes covering the most lines first, then in the
 * order the findings came (already sorted by place). A cause with one finding keeps its message.
 */
export function groupByCause(findings: Finding[]): FindingCause[] {
  const groups = new Map<string, { first: number; members: Finding[] }>();
  findings.forEach((f, i) => {
    const key = causeKey(f) ?? `#${i}`;
    const g = groups.get(key);
    if (g) g.members.push(f);
    else groups.set(key, { first: i, members: [f] });
  });
  const causes = [...groups.entries()].map(([key, { first, members }]) => ({ first, cause: toCause(key, members) }));
  causes.sort((a, b) => SEVERITY_ORDER[a.cause.severity] - SEVERITY_ORDER[b.cause.severity] || b.cause.count - a.cause.count || a.first - b.first);
  return causes.map((c) => c.cause);
}

function toCause(key: string, members: Finding[]): FindingCause {
  const [f] = members;
  const count = members.reduce((n, m) => n + (m.count ?? 1), 0);
  const amounts = members.map((m) => m.amount ?? m.voted).filter((a): a is number => typeof a === 'number' && Number.isFinite(a));
  const amount = amounts.length ? roundCents(amounts.reduce((s, a) => s + a, 0)) : undefined;
  return {
    key,
    severity: f.severity,
    code: f.code,
    ...(f.partner ? { partner: f.partner } : {}),
    message: members.length === 1 ? f.message : causeMessage(f.code, f, count, amount),
    count,
    unit: causeUnit(f.code),
    ...(amount !== undefined ? { amount } : {}),
    findings: members,
  };
}
