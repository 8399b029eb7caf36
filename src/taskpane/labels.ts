import type { Field } from '../core/import/fields';
import type { SheetKind } from '../core/import/read-sheet';
import type { Severity } from '../core/model/finding';

/** French words the pane shows for the core's codes. */
export const KIND_LABEL: Record<SheetKind, string> = {
  structures: 'Liste des structures',
  conventions: 'Conventions',
  fundings: 'Financements',
  plan: "Plan d'actions",
  legend: 'Légende des codes',
  ignored: 'Non reconnue',
};

/** The kinds the user may choose for a sheet, in the words of the Sources step. */
export const KIND_CHOICE: Record<SheetKind, string> = {
  structures: 'Liste des structures',
  conventions: 'Conventions',
  fundings: 'Lignes de financement',
  plan: "Plan d'actions",
  legend: 'Légende des codes',
  ignored: 'Ignorée (à ne pas lire)',
};

/** Below this confidence, the detected kind is shown as to check. */
export const KIND_DOUBT = 0.6;

export type BadgeColor = 'brand' | 'subtle' | 'warning' | 'success' | 'informative';

/**
 * The sheet's kind and how sure it is, as its badge says it: « Conventions — confiance 92 % »
 * when detected (« à vérifier », in the warning colour, under 60 %), or chosen by hand, or a
 * saved choice.
 */
export function kindBadge(kind: SheetKind, source: 'main' | 'enregistree' | 'detection', confidence: number | undefined): { text: string; color: BadgeColor } {
  const label = kind === 'ignored' && source !== 'detection' ? 'Ignorée' : KIND_LABEL[kind];
  if (source === 'main') return { text: `${label} — choix manuel`, color: 'brand' };
  if (source === 'enregistree') return { text: `${label} — choix enregistré`, color: 'brand' };
  if (kind === 'ignored' || confidence === undefined) return { text: label, color: kind === 'ignored' ? 'subtle' : 'informative' };
  const text = `${label} — confiance ${Math.round(confidence * 100)} %`;
  if (confidence < KIND_DOUBT) return { text: `${text} (à vérifier)`, color: 'warning' };
  return { text, color: confidence >= 0.9 ? 'success' : 'informative' };
}

export const SEVERITY_LABEL: Record<Severity, string> = { erreur: 'Erreurs', alerte: 'Alertes', info: 'Informations' };

const LABELS: Record<Field, string> = {
  structureName: 'Nom de la structure',
  otherName: 'Autre nom de la structure (sigle, nom usuel)',
  structureCode: 'Code structure',
  siret: 'SIRET',
  commune: 'Commune',
  postalCode: 'Code postal',
  inseeCode: 'Code INSEE',
  departement: 'Département',
  partner: 'Partenaire',
  grantor: 'Attribuant (financeur)',
  grantorId: "SIRET ou SIREN de l'attribuant",
  year: 'Exercice',
  dispositif: 'Dispositif',
  politique: 'Politique',
  object: 'Objet',
  plan: 'Action du plan',
  requested: 'Montant demandé',
  voted: 'Montant voté',
  paid: 'Montant versé',
  status: 'Statut',
  decisionDate: 'Date de décision',
  conventionRef: 'Référence convention',
  lineRef: 'N° ou référence de la ligne',
  signedOn: 'Signée le',
  conventionType: 'Type de convention',
  start: 'Début',
  end: 'Fin',
  annualAmount: 'Montant annuel',
  kind: 'Type (CS / EVS)',
  epci: 'EPCI',
  territoire: "Territoire d'action sociale",
  gestion: 'Gestion',
  agrementTypes: "Types d'agrément",
  agrementStart: "Début d'agrément",
  agrementEnd: "Fin d'agrément",
  referentFamille: 'Référent famille',
  adherentFacs: 'Adhérent FACS',
  dossier: 'N° de dossier',
  observations: 'Observations',
  axisCode: 'Code axe',
  axisLabel: 'Axe',
  objectiveCode: 'Code objectif',
  objectiveLabel: 'Objectif',
  actionCode: 'Code action',
  actionLabel: 'Action',
  prioritaire: 'Prioritaire',
  period: 'Période',
  agrementPeriod: "Période d'agrément",
};

/** A field's French label (every field has one: the type says so, a test checks the words). */
export const fieldLabel = (f: Field): string => LABELS[f];

/** How sure the column's field is, in words: set by hand, a saved correction, or detection's confidence. */
export function sourceLabel(source: 'main' | 'enregistree' | 'detection', confidence: number): string {
  if (source === 'main') return 'saisie à la main';
  if (source === 'enregistree') return 'correction enregistrée';
  return `${Math.round(confidence * 100)} % ${confidenceLabel(confidence)}`;
}

export const confidenceLabel = (c: number) => (c >= 0.9 ? 'sûre' : c >= 0.75 ? 'probable' : 'à vérifier');
