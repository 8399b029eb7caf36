import type { Provenance } from '../model/domain';
import type { Finding, FindingCode, FindingData, Severity } from '../model/finding';
import { EXCEL_MAX_TEXT } from '../sheets/excel-text';
import { formatCount, formatEuros, formatEurosShort, formatLocation } from './format-fr';

/** The one French catalogue: severity, title and message of every finding code. */
interface Entry {
  severity: Severity;
  title: string;
  message: (d: FindingData) => string;
}

const who = (d: FindingData) => d.structureName ?? d.structure ?? 'structure non renseignée';
const conventionsText = (n = 1) => `${n} convention${n > 1 ? 's' : ''}`;
const structuresText = (n = 1) => `${n} structure${n > 1 ? 's' : ''}`;
/** « 60 lignes, 137 000,00 € » for a finding about many lines. */
const lines = (d: FindingData) =>
  `${d.count ?? 0} ligne${(d.count ?? 0) > 1 ? 's' : ''}${d.amount ? `, ${formatEuros(d.amount)}` : ''}${d.count === 1 && d.structureName ? ` (${d.structureName}${d.year ? `, exercice ${d.year}` : ''})` : ''}`;
const partnerYear = (d: FindingData) =>
  [d.partner ? `partenaire ${d.partner}` : '', d.year ? `exercice ${d.year}` : ''].filter(Boolean).join(', ');

export const CATALOGUE: Record<FindingCode, Entry> = {
  MONTANT_ILLISIBLE: {
    severity: 'erreur',
    title: 'Valeur illisible',
    message: (d) =>
      `${d.field ?? 'Valeur'} illisible « ${d.value ?? ''} » pour ${who(d)} (${partnerYear(d)}) : ${d.detail ?? "la ligne n'est pas comptée"}. Saisissez un nombre (ex. 12 500,00) ou une date (ex. 01/09/2018) dans la cellule.`,
  },
  CHAMP_OBLIGATOIRE: {
    severity: 'erreur',
    title: 'Champ obligatoire vide',
    message: (d) =>
      `Champ obligatoire « ${d.field ?? ''} » vide pour ${who(d)}${partnerYear(d) ? ` (${partnerYear(d)})` : ''} : la ligne n'est pas comptée. Complétez la cellule dans le fichier du partenaire.`,
  },
  MONTANT_NEGATIF: {
    severity: 'erreur',
    title: 'Montant négatif',
    message: (d) =>
      `Montant négatif (${formatEuros(d.amount)}) pour ${who(d)} (${partnerYear(d)}, ${d.dispositif ?? 'dispositif non reconnu'}). S'il s'agit d'un reversement, saisissez-le comme tel ; sinon corrigez le signe.`,
  },
  VERSE_SUPERIEUR_VOTE: {
    severity: 'alerte',
    title: 'Versé supérieur au voté',
    message: (d) =>
      `Montant versé (${formatEuros(d.paid)}) supérieur au montant voté (${formatEuros(d.voted)}) pour ${who(d)} (${partnerYear(d)}, ${d.dispositif ?? ''}). Vérifiez le versement ou la décision.`,
  },
  STRUCTURE_INCONNUE: {
    severity: 'erreur',
    title: 'Structure inconnue',
    message: (d) =>
      `Aucune structure connue ne correspond à « ${d.structureName ?? ''} »${d.commune ? ` (${d.commune})` : ''} (${partnerYear(d)}). ${
        d.candidates?.length ? `Structures les plus proches : ${d.candidates.join(' ; ')}. ` : ''
      }Ajoutez-la à la liste des structures ou corrigez son nom ou son SIRET. Le montant reste compté dans le total du partenaire.`,
  },
  STRUCTURE_AMBIGUE: {
    severity: 'alerte',
    title: 'Structure ambiguë',
    message: (d) =>
      `« ${d.structureName ?? ''} » (${partnerYear(d)}) peut désigner plusieurs structures : ${(d.candidates ?? []).join(' ; ')}. Indiquez le SIRET sur la ligne ou confirmez la correspondance.`,
  },
  DISPOSITIF_INCONNU: {
    severity: 'erreur',
    title: 'Dispositif inconnu',
    message: (d) =>
      d.count !== undefined
        ? `Dispositif « ${d.value ?? ''} » inconnu du référentiel pour ${d.partner ?? 'ce partenaire'} : ${lines(d)}. Choisissez le dispositif correspondant une fois pour toutes (volet Correspondances, ou « values » du fichier de correspondances) ou ajoutez-le au référentiel.`
        : `Dispositif « ${d.value ?? ''} » inconnu du référentiel pour ${d.partner ?? 'ce partenaire'} (${who(d)}, exercice ${d.year ?? '?'}). Ajoutez-le au référentiel ou corrigez le libellé.`,
  },
  TYPE_CONVENTION_INCONNU: {
    severity: 'alerte',
    title: 'Type de convention inconnu',
    message: (d) =>
      `Type de convention « ${d.value ?? ''} » inconnu du référentiel pour ${d.partner ?? 'ce partenaire'} (${conventionsText(d.count)}) : lu pour l'instant comme « ${d.detail ?? '?'} », ce qui décide des contrôles de conventions manquantes. Choisissez le type correspondant une fois pour toutes (volet Correspondances, ou « values » du fichier de correspondances) ou ajoutez-le au référentiel.`,
  },
  TYPE_STRUCTURE_INCONNU: {
    severity: 'alerte',
    title: 'Type de structure inconnu',
    message: (d) =>
      `Type de structure « ${d.value ?? ''} » non reconnu dans la liste des structures de ${d.partner ?? 'ce partenaire'} (${structuresText(d.count)}${d.count === 1 && d.structureName ? ` : ${d.structureName}` : ''}) : lu pour l'instant comme centre social, ce qui décide des agréments et des dispositifs attendus. Choisissez centre social ou espace de vie sociale une fois pour toutes (volet Correspondances, ou « values » du fichier de correspondances).`,
  },
  ACTION_INCONNUE: {
    severity: 'erreur',
    title: 'Action du plan inconnue',
    message: (d) =>
      d.count !== undefined
        ? `« ${d.value ?? ''} » ne désigne aucun axe, objectif ou action du plan (${d.partner ?? 'partenaire ?'} : ${lines(d)}). Indiquez le code du plan correspondant une fois pour toutes (volet Correspondances, ou « values » du fichier de correspondances), par exemple 2.1.3 ou « Axe 4 ».`
        : `« ${d.value ?? ''} » ne désigne aucun axe, objectif ou action du plan (${who(d)}, ${partnerYear(d)}). Indiquez un code du plan, par exemple 2.1.3 ou « Axe 4 ».`,
  },
  PARTENAIRE_INCONNU: {
    severity: 'erreur',
    title: 'Partenaire inconnu',
    message: (d) =>
      `Partenaire ${d.value ? `« ${d.value} » ` : ''}non reconnu : les lignes ne sont pas comptées. Nommez le fichier ou la feuille d'après le partenaire (CAF, CD07, MSA, FACS…) ou ajoutez-le au référentiel.`,
  },
  DOUBLON: {
    severity: 'alerte',
    title: 'Financement en double',
    message: (d) =>
      `Financement déjà présent${d.duplicateOf ? ` en ${formatLocation(d.duplicateOf)}` : ''} : ${who(d)}, ${partnerYear(d)}, ${d.dispositif ?? ''}, ${formatEuros(d.voted)}. Il n'est compté qu'une fois ; supprimez le doublon ou distinguez les deux lignes.`,
  },
  DISPOSITIF_NON_AUTORISE: {
    severity: 'erreur',
    title: 'Dispositif non autorisé pour ce type de structure',
    message: (d) =>
      `Le dispositif ${d.dispositif ?? ''} n'est pas ouvert aux structures de type ${d.detail ?? '?'} : ${who(d)} (${partnerYear(d)}, ${formatEuros(d.voted)}). Vérifiez le dispositif ou le type de la structure.`,
  },
  AGREMENT_ABSENT_OU_EXPIRE: {
    severity: 'erreur',
    title: 'Agrément absent ou expiré',
    message: (d) =>
      `${who(d)} n'a pas d'agrément ${d.detail ?? ''} valide en ${d.year ?? '?'} alors qu'elle reçoit ${d.dispositif ?? ''} (${formatEuros(d.voted)}). Vérifiez les dates d'agrément dans la liste des structures ou les conventions d'objectifs et de financement.`,
  },
  CONVENTION_MANQUANTE: {
    severity: 'alerte',
    title: 'Convention manquante',
    message: (d) =>
      d.reason === 'seuil_23000'
        ? `${who(d)} reçoit ${formatEuros(d.amount)} de ${d.partner ?? '?'} en ${d.year ?? '?'}, au-delà de ${formatEurosShort(d.threshold)} par an, sans convention couvrant cet exercice (obligation légale pour les subventions aux associations). Signez ou enregistrez la convention.`
        : `${who(d)} reçoit ${d.dispositif ?? 'un financement'} de ${d.partner ?? '?'} en ${d.year ?? '?'} (${formatEuros(d.amount)}) sans ${d.detail ?? 'convention'} couvrant cet exercice. Signez ou enregistrez la convention.`,
  },
  AXE_NON_FINANCE: {
    severity: 'alerte',
    title: 'Axe sans action financée',
    message: (d) => `Aucune action de l'axe ${d.axis ?? '?'}${d.detail ? ` (${d.detail})` : ''} n'est financée en ${d.year ?? '?'}. À examiner en comité technique.`,
  },
  OBJECTIF_SANS_ACTION: {
    severity: 'info',
    title: 'Objectif sans action',
    message: (d) => `L'objectif ${d.objective ?? '?'}${d.detail ? ` (${d.detail})` : ''} n'a aucune action dans le plan. Le comité de pilotage peut en définir une.`,
  },
  AGREMENT_BIENTOT_EXPIRE: {
    severity: 'info',
    title: 'Agrément bientôt expiré',
    message: (d) => `L'agrément ${d.detail ?? ''} de ${who(d)} se termine le ${d.date ?? '?'} : préparez le renouvellement du projet social.`,
  },
  TERRITOIRE_NON_POURVU: {
    severity: 'info',
    title: 'Territoire sans structure',
    message: (d) =>
      d.detail
        ? `Aucune structure connue sur le territoire « ${d.epci ?? ''} » (axe 2.1 du plan), mais ${d.detail} : complétez la colonne EPCI de la liste des structures pour savoir si l'une d'elles s'y trouve.`
        : `Aucune structure de l'animation de la vie sociale sur le territoire « ${d.epci ?? ''} » (axe 2.1 du plan).`,
  },
  LIGNE_SANS_ACTION: {
    severity: 'info',
    title: 'Financement sans action du plan',
    message: (d) =>
      `Le financement de ${who(d)} (${partnerYear(d)}, ${d.dispositif ?? ''}, ${formatEuros(d.voted)}) n'est rattaché à aucun axe ni action du plan. Indiquez l'action dans le fichier du partenaire.`,
  },
  TOTAL_SOURCE_ECART: {
    severity: 'alerte',
    title: 'Total du fichier différent de la somme des lignes',
    message: (d) =>
      `La ligne de total du fichier indique ${formatEuros(d.amount)} (${d.field ?? ''}) alors que les lignes qu'elle couvre font ${formatEuros(d.expected)} (${partnerYear(d)}). Vérifiez la formule du total ou les lignes.`,
  },
  TOTAL_SOURCE_A_VERIFIER: {
    severity: 'info',
    title: 'Total du fichier à vérifier',
    message: (d) =>
      `La ligne de total${d.value ? ` « ${d.value} »` : ''} indique ${formatEuros(d.amount)} (${d.field ?? 'montant'}${partnerYear(d) ? `, ${partnerYear(d)}` : ''}) : aucune lecture des lignes qu'elle couvre (depuis le total précédent, son groupe, toutes les lignes au-dessus, la somme des sous-totaux) ne donne ce montant, mais ${d.detail ?? 'les lignes qu’elle couvre ne sont pas établies'}. À vérifier avant de conclure que le fichier du partenaire est faux : regardez quelles lignes ce total additionne.`,
  },
  FEUILLE_IGNOREE: {
    severity: 'info',
    title: 'Feuille ignorée',
    message: (d) => `Feuille ignorée : ${d.detail ?? ''}.`,
  },
  FICHIER_REJETE: {
    severity: 'erreur',
    title: 'Fichier illisible',
    message: (d) => `${d.detail ?? 'Fichier illisible.'}`,
  },
  PROGRAMMATION_NON_PLACEE: {
    severity: 'alerte',
    title: 'Montant non placé dans la programmation',
    message: (d) =>
      `La feuille de programmation « ${d.detail ?? ''} » n'a pas de ligne pour ${d.plan ? `l'action ${d.plan}` : 'les financements sans action du plan'} : ${formatEuros(d.amount)} votés en ${d.year ?? '?'} n'y sont pas reportés. Ajoutez une ligne avec ce code ou rattachez ces financements à une action présente.`,
  },
  SCDL_SANS_SIRET: {
    severity: 'alerte',
    title: 'Subvention sans SIRET (données ouvertes)',
    message: (d) =>
      `Financement de ${who(d)} (${partnerYear(d)}, ${formatEuros(d.voted)}) sans SIRET valide de 14 chiffres : il n'est pas publié dans le fichier SCDL. Indiquez le SIRET de la structure.`,
  },
  SCDL_ATTRIBUANT_SANS_SIRET: {
    severity: 'alerte',
    title: 'Partenaire sans SIRET (données ouvertes)',
    message: (d) =>
      `${d.value ? `Le SIRET « ${d.value} » du partenaire ${d.partner ?? ''} a une clé de contrôle fausse` : `Le référentiel ne donne pas le SIRET du partenaire ${d.partner ?? ''}`} : la colonne idAttribuant, obligatoire, ne peut pas être remplie : le fichier SCDL de ce partenaire ne serait pas conforme au schéma et n'est pas publié. Indiquez son SIRET dans la colonne SIRET de la section Partenaires du référentiel (pilotage-avs export-referentiel -o referentiel.xlsx, puis --reference referentiel.xlsx).`,
  },
  SCDL_SANS_DATE: {
    severity: 'alerte',
    title: 'Subvention sans date de convention (données ouvertes)',
    message: (d) =>
      `Financement de ${who(d)} (${partnerYear(d)}, ${formatEuros(d.voted)}) sans date de convention ni de décision : il n'est pas publié dans le fichier SCDL. Indiquez la date de décision ou enregistrez la convention.`,
  },
  SCDL_TEXTE_FORMULE: {
    severity: 'alerte',
    title: 'Texte pris pour une formule (données ouvertes)',
    message: (d) =>
      `Le texte « ${d.value ?? ''} » (${d.field ?? 'champ'}, ${who(d)}, ${partnerYear(d)}) commence par =, +, -, @, une tabulation ou un retour à la ligne : un tableur l'ouvrirait comme une formule. Il est publié précédé d'une apostrophe dans le fichier SCDL ; corrigez la cellule à la source.`,
  },
  SIRET_CLE_INVALIDE: {
    severity: 'erreur',
    title: 'SIRET ou SIREN invalide',
    message: (d) =>
      `${d.field ?? 'SIRET'} « ${d.value ?? ''} »${d.structureName ? ` (${d.structureName})` : ''} : la clé de contrôle est fausse (chiffre mal saisi ?). Il n'est pas utilisé pour relier la ligne à une structure ni publié en données ouvertes. Corrigez-le d'après l'avis de situation SIRENE (annuaire-entreprises.data.gouv.fr).`,
  },
  TEXTE_TROP_LONG: {
    severity: 'alerte',
    title: 'Cellule trop longue pour Excel',
    message: (d) =>
      `${(d.count ?? 1) > 1 ? `${formatCount(d.count ?? 1)} cellules de cette feuille dépassent` : 'Cette cellule dépasse'} les ${formatCount(EXCEL_MAX_TEXT)} caractères qu'Excel admet dans une cellule${Number(d.detail) > 0 ? ` (${formatCount(Number(d.detail))} caractères pour la première)` : ''} : seuls les ${formatCount(EXCEL_MAX_TEXT)} premiers sont lus. Raccourcissez la cellule dans le fichier source.`,
  },
  ATTRIBUANT_INCONNU: {
    severity: 'alerte',
    title: 'Attribuant hors référentiel',
    message: (d) =>
      `L'attribuant « ${d.value ?? ''} »${d.siret ? ` (${d.siret.length === 9 ? 'SIREN' : 'SIRET'} ${d.siret})` : ''} n'est aucun partenaire du référentiel : ses ${lines(d)} ne sont pas comptées. S'il est partenaire de l'accord, donnez-lui un code (volet Sources, ou « partners » du fichier de correspondances, ou son SIRET dans le référentiel) puis relancez.`,
  },
  BENEFICIAIRES_HORS_ACCORD: {
    severity: 'info',
    title: 'Bénéficiaires hors accord mis de côté',
    message: (d) =>
      `${lines(d)} financent des bénéficiaires absents de la liste des structures et hors des dispositifs AVS du référentiel : mises de côté, non comptées dans les totaux AVS${d.candidates?.length ? ` (les plus importants : ${d.candidates.slice(0, 5).join(' ; ')}${d.candidates.length > 5 ? ' ; …' : ''})` : ''}. Si l'un d'eux est une structure de l'accord sous un autre nom, ajoutez-le à la liste des structures ou indiquez son SIRET.`,
  },
  IDENTIFIANT_ABIME: {
    severity: 'info',
    title: 'Identifiants abîmés par un tableur',
    message: (d) =>
      `${formatCount(d.count ?? 1)} identifiant${(d.count ?? 1) > 1 ? 's' : ''} SIRET ou SIREN abîmé${(d.count ?? 1) > 1 ? 's' : ''} (notation scientifique, « .0 », chiffres perdus ou clé fausse${d.value ? ` : ${d.value}` : ''}) : jamais utilisé${(d.count ?? 1) > 1 ? 's' : ''} tel${(d.count ?? 1) > 1 ? 's' : ''} quel${(d.count ?? 1) > 1 ? 's' : ''} pour le rapprochement ; le SIREN est utilisé quand il reste valide. Dans le fichier source, mettez la colonne au format Texte et recopiez les numéros.`,
  },
  CORRECTIONS_REPRISES: {
    severity: 'info',
    title: "Corrections de l'an dernier appliquées",
    message: (d) =>
      `Les corrections enregistrées pour « ${d.detail ?? ''} » (même en-tête) sont appliquées à cette feuille. Si elles ne conviennent pas, refusez-les (volet Sources, ou « reuse »: false pour cette feuille dans le fichier de correspondances).`,
  },
  MONTANTS_NON_LUS: {
    severity: 'alerte',
    title: 'Montants non lus',
    message: (d) =>
      `${formatEuros(d.amount)} lus dans des colonnes non utilisées (${d.detail ?? ''}) : ces montants ne sont comptés dans aucune ligne. Indiquez le champ de ces colonnes (volet Sources, ou « columns » du fichier de correspondances) ou marquez-les à ignorer.`,
  },
  FORMULE_SANS_RESULTAT: {
    severity: 'alerte',
    title: 'Formules sans résultat enregistré',
    message: (d) => {
      const many = (d.count ?? 1) > 1;
      const first = [d.cell, d.value].filter(Boolean).join(' : ');
      const why = [first, d.detail].filter(Boolean).join(', ');
      return `${many ? `${formatCount(d.count ?? 1)} cellules de cette feuille contiennent` : 'Une cellule de cette feuille contient'} une formule enregistrée sans son résultat (fichier écrit par un programme) que l'outil ne sait pas calculer${why ? ` (${many ? 'la première en ' : ''}${why})` : ''} : ${many ? 'elles ne sont lues' : "elle n'est lue"} ni comme zéro ni comme vide, et un montant ainsi calculé n'est pas compté. Ouvrez le fichier dans Excel ou LibreOffice puis enregistrez-le pour que les résultats y soient stockés, et relancez.`;
    },
  },
};

export function makeFinding(code: FindingCode, data: FindingData, location?: Provenance): Finding {
  const e = CATALOGUE[code];
  const clean: FindingData = {};
  for (const [k, v] of Object.entries(data)) if (v !== undefined && v !== '') (clean as Record<string, unknown>)[k] = v;
  return { code, severity: e.severity, message: e.message(clean), ...clean, ...(location ? { location } : {}) };
}

/** « 12 lignes, 4 500,00 € »: how many lines (or years) a cause covers, and their amount when known. */
export function linesText(count: number, amount?: number, unit = 'ligne'): string {
  return `${count} ${unit}${count > 1 ? 's' : ''}${amount ? `, ${formatEuros(amount)}` : ''}`;
}

/** What one finding of these codes stands for when it is not a line: a year, a structure, a territory. */
const CAUSE_UNIT: Partial<Record<FindingCode, string>> = {
  AXE_NON_FINANCE: 'exercice',
  CONVENTION_MANQUANTE: 'exercice',
  PROGRAMMATION_NON_PLACEE: 'exercice',
  AGREMENT_BIENTOT_EXPIRE: 'structure',
  TERRITOIRE_NON_POURVU: 'territoire',
};

/** « ligne », or what a finding of this code counts instead (singular). */
export const causeUnit = (code: FindingCode): string => CAUSE_UNIT[code] ?? 'ligne';

/**
 * The cause many findings of one code share (the same unreadable text, the same unknown name…),
 * in a few words: the summary row of a group of the Contrôles sheet and of the pane. The fields
 * read here are those the group key (`report/group-findings.ts`) compares.
 */
export const CAUSES: Record<FindingCode, (d: FindingData) => string> = {
  MONTANT_ILLISIBLE: (d) => `${d.field ?? 'Valeur'} illisible « ${d.value ?? ''} »`,
  CHAMP_OBLIGATOIRE: (d) => `Champ obligatoire « ${d.field ?? ''} » vide`,
  MONTANT_NEGATIF: (d) => `Montants négatifs (${d.dispositif ?? 'dispositif non reconnu'})`,
  VERSE_SUPERIEUR_VOTE: (d) => `Versé supérieur au voté${d.dispositif ? ` (${d.dispositif})` : ''}`,
  STRUCTURE_INCONNUE: (d) => `Aucune structure connue ne correspond à « ${d.structureName ?? ''} »`,
  STRUCTURE_AMBIGUE: (d) => `« ${d.structureName ?? ''} » peut désigner plusieurs structures`,
  DISPOSITIF_INCONNU: (d) => `Dispositif « ${d.value ?? ''} » inconnu du référentiel`,
  ACTION_INCONNUE: (d) => `« ${d.value ?? ''} » ne désigne aucun axe, objectif ou action du plan`,
  TYPE_CONVENTION_INCONNU: (d) => `Type de convention « ${d.value ?? ''} » inconnu du référentiel`,
  TYPE_STRUCTURE_INCONNU: (d) => `Type de structure « ${d.value ?? ''} » non reconnu`,
  PARTENAIRE_INCONNU: (d) => `Partenaire ${d.value ? `« ${d.value} » ` : ''}non reconnu`,
  DOUBLON: (d) => `Financements déjà présents${d.duplicateOf ? ` en ${[d.duplicateOf.file, d.duplicateOf.sheet].filter(Boolean).join(' › ')}` : ''}`,
  DISPOSITIF_NON_AUTORISE: (d) => `Dispositif ${d.dispositif ?? ''} non ouvert aux structures de type ${d.detail ?? '?'}`,
  AGREMENT_ABSENT_OU_EXPIRE: (d) => `${who(d)} sans agrément ${d.detail ?? ''} valide`.replace(/ {2,}/g, ' '),
  CONVENTION_MANQUANTE: (d) =>
    d.reason === 'seuil_23000' ? `${who(d)} au-delà de ${formatEurosShort(d.threshold)} par an sans convention` : `${who(d)} sans ${d.detail ?? 'convention'}`,
  AXE_NON_FINANCE: (d) => `Aucune action de l'axe ${d.axis ?? '?'}${d.detail ? ` (${d.detail})` : ''} n'est financée`,
  OBJECTIF_SANS_ACTION: (d) => `L'objectif ${d.objective ?? '?'} n'a aucune action`,
  AGREMENT_BIENTOT_EXPIRE: (d) => `Agréments ${d.detail ?? ''} se terminant le ${d.date ?? '?'} (projets sociaux à renouveler)`.replace(/ {2,}/g, ' '),
  TERRITOIRE_NON_POURVU: (d) =>
    d.detail
      ? `Sans structure connue (axe 2.1 du plan) ; ${d.detail} : complétez leur EPCI`
      : "Sans structure de l'animation de la vie sociale (axe 2.1 du plan)",
  LIGNE_SANS_ACTION: (d) => `Financements${d.dispositif ? ` « ${d.dispositif} »` : ''} rattachés à aucune action du plan`,
  TOTAL_SOURCE_ECART: (d) => `Total du fichier différent de la somme des lignes${d.field ? ` (${d.field})` : ''}`,
  TOTAL_SOURCE_A_VERIFIER: (d) => `Totaux du fichier à vérifier : ${TOTAL_UNSETTLED[d.reason ?? ''] ?? 'lignes couvertes non établies'}`,
  FEUILLE_IGNOREE: (d) => `Feuille ignorée${d.detail ? ` : ${d.detail}` : ''}`,
  FICHIER_REJETE: () => 'Fichier illisible',
  PROGRAMMATION_NON_PLACEE: (d) =>
    `Montants non placés dans la programmation « ${d.detail ?? ''} » (${d.plan ? `action ${d.plan}` : 'sans action du plan'})`,
  SCDL_SANS_SIRET: (d) => `${who(d)} sans SIRET valide : non publié en données ouvertes`,
  SCDL_ATTRIBUANT_SANS_SIRET: (d) => `Partenaire ${d.partner ?? ''} sans SIRET dans le référentiel`,
  SCDL_SANS_DATE: (d) => `Financements de ${who(d)} sans date de convention ni de décision`,
  SCDL_TEXTE_FORMULE: (d) => `Texte « ${d.value ?? ''} » pris pour une formule (${d.field ?? 'champ'})`,
  SIRET_CLE_INVALIDE: (d) => `${d.field ?? 'SIRET'} « ${d.value ?? ''} » : clé de contrôle fausse`,
  TEXTE_TROP_LONG: () => `Cellules de plus de ${formatCount(EXCEL_MAX_TEXT)} caractères, lues coupées`,
  ATTRIBUANT_INCONNU: (d) => `Attribuant « ${d.value ?? ''} » hors référentiel`,
  BENEFICIAIRES_HORS_ACCORD: () => 'Bénéficiaires hors accord mis de côté',
  IDENTIFIANT_ABIME: () => 'Identifiants SIRET ou SIREN abîmés par un tableur',
  MONTANTS_NON_LUS: () => 'Montants dans des colonnes non utilisées',
  CORRECTIONS_REPRISES: () => "Corrections de l'an dernier appliquées à des fichiers renommés",
  FORMULE_SANS_RESULTAT: () => 'Formules enregistrées sans leur résultat, non calculées',
};

/** What was not settled about totals that no reading gives (`TotalCoverage.unsettled.key`), for a group's summary. */
const TOTAL_UNSETTLED: Record<string, string> = {
  groupe: 'le groupe que nomme leur libellé ne se retrouve pas dans les lignes',
  illisibles: 'des montants illisibles parmi les lignes couvertes',
  suite: "chacun égal à une suite de lignes que la lecture n'a pas regroupées ainsi",
  vide: 'aucune ligne lue au-dessus',
};

/** The summary of a group of findings with one cause: « Montant versé illisible « en attente » (CAF) : 12 lignes. » */
export function causeMessage(code: FindingCode, d: FindingData, count: number, amount?: number): string {
  return `${CAUSES[code](d)}${d.partner && code !== 'SCDL_ATTRIBUANT_SANS_SIRET' ? ` (${d.partner})` : ''} : ${linesText(count, amount, causeUnit(code))}.`;
}
