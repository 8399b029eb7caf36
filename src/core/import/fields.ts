/**
 * Canonical fields a partner's column can map to, with the French ways partners write them.
 * Synonyms are compared after `normaliseText` (no accents, no case, no punctuation).
 */
export const FIELDS = {
  structureName: ['structure', 'nom de la structure', 'nom structure', 'beneficiaire', 'equipement', 'nom', 'raison sociale', 'organisme beneficiaire', 'organisme', 'association', 'porteur', 'porteur de projet', 'centre social', 'denomination', 'tiers', 'nom du tiers', 'libelle tiers', 'destinataire', 'nom de l association', 'structure porteuse', 'structure beneficiaire'],
  // another name of the structure on a list ("Nom usuel", "Sigle"): kept as an alias for linking
  otherName: ['nom court', 'nom usuel', 'sigle', 'acronyme', 'appellation', 'autre nom', 'nom d usage', 'ancien nom'],
  structureCode: ['code', 'code structure', 'identifiant', 'id structure', 'code equipement'],
  siret: ['siret', 'n siret', 'numero siret', 'siret beneficiaire', 'siren'],
  commune: ['commune', 'ville', 'localite', 'commune d implantation'],
  postalCode: ['code postal', 'cp'],
  // kept apart so that a commune's code is never read as a structure code
  inseeCode: ['code insee', 'insee', 'code commune', 'code commune insee', 'n insee'],
  departement: ['dept', 'departement', 'dep', 'dpt', 'n departement'],
  // the grantor of an open-data subsidy export (« nomAttribuant », « Autorité administrative »): designates the partner
  grantor: ['attribuant', 'nom attribuant', 'nom de l attribuant', 'autorite administrative', 'nom de l autorite administrative'],
  grantorId: ['id attribuant', 'siret attribuant', 'siret de l attribuant', 'identifiant attribuant', 'identification de l attribuant', 'siret autorite administrative'],
  partner: ['partenaire', 'financeur', 'organisme financeur', 'signataire'],
  year: ['exercice', 'annee', 'annee budgetaire', 'millesime', 'exercice budgetaire', 'annee d attribution', 'campagne', 'annee de reference', 'exercice comptable'],
  dispositif: ['dispositif', 'prestation', 'code aide', 'code prestation', 'code dispositif', 'code financement', 'code de l aide', 'code nature', 'nature aide', 'type aide', 'nature de l aide', 'ligne budgetaire', 'type d aide', 'type de financement', 'financement', 'nature du financement', 'type de subvention'],
  politique: ['politique', 'politique publique', 'secteur', 'domaine', 'thematique'],
  object: ['objet', 'intitule', 'libelle', 'projet', 'objet de la subvention', 'intitule du projet'],
  plan: ['action du schema', 'axe du schema avs', 'axe du schema', 'axe', 'action du plan', 'code action', 'fiche action', 'action', 'axe plan', 'plan'],
  requested: ['montant demande', 'demande', 'mt demande', 'montant sollicite', 'sollicite', 'montant de la demande', 'budget demande'],
  voted: ['montant vote', 'decide', 'montant accorde', 'mt accorde', 'mt vote', 'accorde', 'vote', 'montant attribue', 'attribue', 'montant', 'subvention', 'montant decide', 'montant notifie', 'subvention accordee', 'subvention votee', 'montant alloue', 'somme', 'montant de la subvention', 'aide accordee', 'montant de l aide', 'financement accorde', 'dotation', 'participation', 'montant de la participation', 'montant propose', 'proposition'],
  paid: ['montant verse', 'regle', 'verse', 'versement', 'versements', 'montant des versements', 'montant paye', 'paye', 'montant mandate', 'mandate', 'realise', 'mt verse', 'paiement', 'montant regle', 'montant liquide', 'liquide', 'reglement', 'total verse', 'deja verse'],
  status: ['statut', 'etat', 'etat du dossier'],
  decisionDate: ['date cp', 'date de decision', 'date decision', 'date de deliberation', 'date deliberation', 'date commission', 'date vote', 'date du vote', 'date de la cp', 'date de la commission', 'date de commission', 'date de la commission permanente', 'commission permanente', 'date ca', 'date du conseil d administration', 'date de notification', 'date d attribution', 'date de la decision', 'date de vote', 'decision du', 'decide le', 'vote le', 'attribue le'],
  conventionRef: ['convention n', 'n convention', 'numero de convention', 'reference convention', 'ref convention', 'n de convention', 'convention', 'reference de la convention', 'n cpo', 'n cof'],
  // a bare "N°" or "Référence": a line or file number on funding lines, the reference on a conventions list
  lineRef: ['n', 'numero', 'reference', 'ref', 'n d ordre', 'n ordre', 'n de ligne'],
  signedOn: ['date convention', 'convention signee le', 'signee le', 'date de signature', 'signature', 'date signature'],
  conventionType: ['type de convention', 'type convention', 'nature de la convention', 'nature convention'],
  start: ['debut', 'date de debut', 'date debut', 'du', 'debut convention', 'date d effet', 'debut de validite', 'depuis le', 'a compter du', 'valable du'],
  end: ['fin', 'date de fin', 'date fin', 'au', 'fin convention', 'echeance', 'fin de validite', 'date d echeance', 'expiration', 'date d expiration', 'date de fin de validite', 'jusqu au'],
  // a period in one cell ("2018-2020", "du 01/01/2018 au 31/12/2020")
  period: ['periode', 'duree', 'periode de validite', 'validite', 'duree de la convention', 'periode de la convention', 'periode couverte'],
  annualAmount: ['montant annuel', 'montant annuel conventionne', 'montant annuel prevu'],
  kind: ['type', 'type de structure', 'categorie', 'nature', 'type structure'],
  epci: ['epci', 'communaute de communes', 'intercommunalite', 'interco', 'communaute d agglomeration', 'com com'],
  territoire: ['territoire', 'territoire d action sociale', 'tas'],
  gestion: ['gestion', 'mode de gestion', 'gestionnaire', 'type de gestion'],
  agrementTypes: ['agrements caf', 'agrement caf', 'agrement', 'agrements', 'type d agrement', 'types d agrement'],
  agrementStart: ['debut agrement', 'date debut agrement', 'agrement debut', 'agrement du', 'debut d agrement', 'date de debut d agrement', 'agree depuis le', 'agree depuis', 'agree le', 'agrement depuis', 'agrement depuis le', 'date d agrement', 'date agrement'],
  agrementEnd: ['fin agrement', 'date fin agrement', 'agrement fin', 'agrement au', 'fin d agrement', 'date de fin d agrement'],
  agrementPeriod: ['periode d agrement', 'periode agrement', 'duree d agrement', 'duree agrement', 'validite agrement', 'validite de l agrement', 'periode du projet social', 'projet social'],
  referentFamille: ['referent famille', 'referent familles', 'referent e famille'],
  adherentFacs: ['adherent facs', 'adherent federation', 'adherent', 'adhesion facs'],
  dossier: ['n dossier', 'dossier', 'numero de dossier', 'n de dossier'],
  observations: ['observations', 'observation', 'commentaire', 'commentaires', 'remarques'],
  axisCode: ['code axe', 'n axe'],
  axisLabel: ['axe', 'intitule axe', 'libelle axe'],
  objectiveCode: ['code objectif', 'n objectif'],
  objectiveLabel: ['objectif', 'objectif general', 'objectifs generaux', 'intitule objectif'],
  actionCode: ['code action', 'n action'],
  actionLabel: ['action', 'actions', 'intitule action', 'libelle action'],
  prioritaire: ['prioritaire', 'priorite'],
} as const;

export type Field = keyof typeof FIELDS;
export const FIELD_NAMES = Object.keys(FIELDS) as Field[];

/** Fields that hold amounts (read with parseAmount). */
export const AMOUNT_FIELDS: Field[] = ['requested', 'voted', 'paid', 'annualAmount'];
