import type { Provenance } from './domain';

export type Severity = 'erreur' | 'alerte' | 'info';

/** Every finding code the product emits; each one has a French message in `checks/messages.ts`. */
export const FINDING_CODES = [
  'MONTANT_ILLISIBLE',
  'CHAMP_OBLIGATOIRE',
  'MONTANT_NEGATIF',
  'VERSE_SUPERIEUR_VOTE',
  'STRUCTURE_INCONNUE',
  'STRUCTURE_AMBIGUE',
  'DISPOSITIF_INCONNU',
  'TYPE_CONVENTION_INCONNU',
  'TYPE_STRUCTURE_INCONNU',
  'ACTION_INCONNUE',
  'PARTENAIRE_INCONNU',
  'DOUBLON',
  'DISPOSITIF_NON_AUTORISE',
  'AGREMENT_ABSENT_OU_EXPIRE',
  'CONVENTION_MANQUANTE',
  'AXE_NON_FINANCE',
  'OBJECTIF_SANS_ACTION',
  'AGREMENT_BIENTOT_EXPIRE',
  'TERRITOIRE_NON_POURVU',
  'LIGNE_SANS_ACTION',
  'TOTAL_SOURCE_ECART',
  'TOTAL_SOURCE_A_VERIFIER',
  'FEUILLE_IGNOREE',
  'FICHIER_REJETE',
  'PROGRAMMATION_NON_PLACEE',
  'SCDL_SANS_SIRET',
  'SCDL_ATTRIBUANT_SANS_SIRET',
  'SCDL_SANS_DATE',
  'SCDL_TEXTE_FORMULE',
  'SIRET_CLE_INVALIDE',
  'TEXTE_TROP_LONG',
  'ATTRIBUANT_INCONNU',
  'BENEFICIAIRES_HORS_ACCORD',
  'IDENTIFIANT_ABIME',
  'MONTANTS_NON_LUS',
  'CORRECTIONS_REPRISES',
  'FORMULE_SANS_RESULTAT',
] as const;

export type FindingCode = (typeof FINDING_CODES)[number];

/** Values that the French message is built from; also kept in the report for other tools. */
export interface FindingData {
  partner?: string;
  structure?: string; // structure code
  structureName?: string;
  siret?: string;
  year?: number;
  dispositif?: string;
  amount?: number;
  voted?: number;
  paid?: number;
  value?: string; // the unreadable text
  field?: string; // canonical field at fault
  axis?: string;
  objective?: string;
  plan?: string;
  epci?: string;
  date?: string;
  candidates?: string[];
  reason?: string;
  duplicateOf?: Provenance;
  expected?: number;
  /** The reference's threshold the amount is over (CONVENTION_MANQUANTE, reason `seuil_23000`). */
  threshold?: number;
  commune?: string;
  /** A cell's address (« C10 ») when the message names one. */
  cell?: string;
  detail?: string;
  /** A finding about many lines with one cause (an unknown value): how many, and where. */
  count?: number;
  lines?: Provenance[];
}

export interface Finding extends FindingData {
  code: FindingCode;
  severity: Severity;
  message: string;
  location?: Provenance;
}
