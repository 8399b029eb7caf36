/** What names, places and wordings are drawn from. Nothing here is a layout the import knows. */

export interface Commune {
  name: string;
  cp: string;
  epci: string;
}

const C = (epci: string, list: [string, string][]): Commune[] => list.map(([name, cp]) => ({ name, cp, epci }));

/** Communes of the Ardèche by EPCI (the 16 EPCI of the reference). */
export const COMMUNES: Commune[] = [
  ...C('CA Annonay Rhône Agglo', [['Annonay', '07100'], ['Davézieux', '07430'], ['Boulieu-lès-Annonay', '07100'], ['Roiffieux', '07100']]),
  ...C('CA Arche Agglo', [['Tournon-sur-Rhône', '07300'], ['Saint-Félicien', '07410'], ['Sarras', '07370'], ['Colombier-le-Vieux', '07410']]),
  ...C('CA Privas Centre Ardèche', [['Privas', '07000'], ['Le Pouzin', '07250'], ['La Voulte-sur-Rhône', '07800'], ['Chomérac', '07210'], ['Les Ollières-sur-Eyrieux', '07360']]),
  ...C("CC du Bassin d'Aubenas", [['Aubenas', '07200'], ['Vals-les-Bains', '07600'], ['Labégude', '07200'], ['Ucel', '07200']]),
  ...C('CC Ardèche Rhône Coiron', [['Le Teil', '07400'], ['Cruas', '07350'], ['Rochemaure', '07400'], ['Alba-la-Romaine', '07400']]),
  ...C('CC Berg et Coiron', [['Villeneuve-de-Berg', '07170'], ['Lussas', '07170'], ['Mirabel', '07170'], ['Saint-Jean-le-Centenier', '07580']]),
  ...C("CC du Rhône aux Gorges de l'Ardèche", [['Bourg-Saint-Andéol', '07700'], ['Viviers', '07220'], ["Saint-Marcel-d'Ardèche", '07700']]),
  ...C("CC des Gorges de l'Ardèche", [["Vallon-Pont-d'Arc", '07150'], ['Ruoms', '07120'], ['Lagorce', '07150'], ['Salavas', '07150']]),
  ...C('CC Pays des Vans en Cévennes', [['Les Vans', '07140'], ['Saint-Paul-le-Jeune', '07460'], ['Berrias-et-Casteljau', '07460']]),
  ...C('CC Pays Beaume-Drobie', [['Joyeuse', '07260'], ['Rosières', '07260'], ['Lablachère', '07230'], ['Valgorge', '07110']]),
  ...C('CC Val de Ligne', [['Largentière', '07110'], ['Chassiers', '07110'], ['Vinezac', '07110']]),
  ...C("CC Val'Eyrieux", [['Le Cheylard', '07160'], ['Saint-Agrève', '07320'], ['Saint-Martin-de-Valamas', '07310']]),
  ...C('CC Pays de Lamastre', [['Lamastre', '07270'], ['Désaignes', '07570'], ['Nozières', '07270']]),
  ...C('CC Ardèche des Sources et Volcans', [['Burzet', '07450'], ['Thueyts', '07330'], ['Montpezat-sous-Bauzon', '07560'], ['Jaujac', '07380']]),
  ...C('CC Rhône-Crussol', [['Guilherand-Granges', '07500'], ['Saint-Péray', '07130'], ['Soyons', '07130']]),
  ...C("CC Montagne d'Ardèche", [['Coucouron', '07470'], ['Saint-Cirgues-en-Montagne', '07510'], ['Lanarce', '07660']]),
];

/** Distinctive names of structures (no one is a part of another once articles are dropped). */
export const NAME_CORES = [
  'Les Oliviers', 'La Passerelle', 'Le Grand Pré', 'Les Tilleuls', "L'Arche", 'Le Lien', 'Les Lucioles', 'Le Tremplin',
  'La Ruche', "L'Escale", 'La Cardinale', 'Les Châtaigniers', 'La Clède', "Le Fil d'Ariane", 'La Boussole', 'Les Coquelicots',
  "Le Trait d'Union", 'La Pinède', 'Les Mûriers', 'Le Cèdre', 'La Fontaine aux Oiseaux', 'Les Genêts', 'Le Belvédère',
  'La Calade', 'Les Amandiers', 'La Filature', 'Le Colibri', "L'Étincelle", 'La Traverse', 'Les Trois Rivières', 'Le Caméléon',
  'La Marelle', 'Les Hirondelles', 'Le Kiosque', 'La Capitelle', 'Les Cigales', 'La Baraque', 'Le Chêne Vert', 'La Grange',
  'Les Quatre Vents', "L'Olivette", 'La Bergerie', 'Les Écureuils', 'La Farandole', 'Le Préau', 'Les Terrasses',
  'La Clé des Champs', 'Le Lavoir', 'Les Bruyères', 'La Lanterne', 'Le Chambon', 'La Cascade', 'Les Cerisiers', 'Le Moulinage',
  'La Castagne', 'Le Cabanon', "L'Arbre à Palabres", 'La Maison Bleue', 'Les Magnans', 'Le Bourdon',
];

export const CS_PREFIXES: readonly (readonly [string, number])[] = [['Centre social', 6], ['Centre socioculturel', 2], ['Maison pour tous', 1], ['Espace social et culturel', 1]];
export const EVS_PREFIXES: readonly (readonly [string, number])[] = [['Espace de vie sociale', 6], ['Association', 2], ['Foyer rural', 1]];

/** Short forms partners write for a kind prefix. */
export const PREFIX_SHORT: Record<string, string[]> = {
  'Centre social': ['CS', 'C.S.', 'Centre Social'],
  'Centre socioculturel': ['CSC', 'C.S.C.', 'Centre socio-culturel'],
  'Maison pour tous': ['MPT', 'M.P.T.', 'Maison Pour Tous'],
  'Espace social et culturel': ['ESC', 'Espace social'],
  'Espace de vie sociale': ['EVS', 'E.V.S.', 'Espace de Vie Sociale'],
  Association: ['Asso.', 'Asso', 'Assoc.'],
  'Foyer rural': ['Foyer Rural', 'FOYER RURAL'],
};

export const FEDERATION = {
  name: 'Fédération Ardéchoise des Centres Sociaux',
  forms: ['FACS', 'F.A.C.S.', 'FACS 07', 'Fédération des centres sociaux de l’Ardèche', 'Fédération Ardéchoise des Centres Sociaux', 'FEDERATION ARDECHOISE DES CENTRES SOCIAUX'],
  communes: ['Le Pouzin', 'Privas', 'Aubenas'],
};

/** Associations that are in no structures list (STRUCTURE_INCONNUE). `{c}` is a commune. */
export const UNKNOWN_NAMES = [
  'Association Les Amis du Monde', 'Comité des fêtes de {c}', 'Amicale laïque de {c}', 'Club de l’Amitié de {c}',
  'Association Culture et Loisirs {c}', 'Le Petit Théâtre de {c}', 'Association Sports et Détente', 'Université populaire de {c}',
];

/** Structures of the Drôme and the Loire in the MSA's file (other départements: never counted). */
export const OTHER_DEPT = {
  communes: [
    { name: 'Crest', cp: '26400', dept: '26' }, { name: 'Die', cp: '26150', dept: '26' }, { name: 'Nyons', cp: '26110', dept: '26' },
    { name: 'Montélimar', cp: '26200', dept: '26' }, { name: 'Romans-sur-Isère', cp: '26100', dept: '26' },
    { name: 'Montbrison', cp: '42600', dept: '42' }, { name: 'Feurs', cp: '42110', dept: '42' }, { name: 'Saint-Chamond', cp: '42400', dept: '42' },
  ],
  cores: ['Les Baumes', "L'Envol", 'Pluriel', 'Les Vignes', 'La Gare', 'Le Tricot', 'Les Vergers', 'La Forge'],
};

export const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** Header wordings by field. */
export const HEADERS: Record<string, string[]> = {
  structureName: ['Structure', 'Nom de la structure', 'Bénéficiaire', 'Equipement', 'Équipement', 'Organisme', 'Nom structure', 'Raison sociale', 'Libellé structure', 'Porteur', 'Organisme bénéficiaire', 'Nom du bénéficiaire'],
  commune: ['Commune', 'Ville', 'Localité', "Commune d'implantation", 'Lieu'],
  cp: ['Code postal', 'CP', 'C.P.'],
  siret: ['SIRET', 'N° SIRET', 'Siret', 'N°SIRET', 'Identifiant SIRET', 'Numéro SIRET'],
  dispositif: ['Dispositif', 'Prestation', "Nature de l'aide", "Type d'aide", 'Ligne budgétaire', 'Type de financement', 'Nature du financement'],
  dispositifCode: ['Code', 'Code prestation', 'Code dispositif', 'Code aide', 'Cd'],
  dispositifLabel: ['Libellé', 'Libellé prestation', 'Intitulé', 'Libellé dispositif', 'Désignation'],
  plan: ['Action du schéma', 'Axe du schéma AVS', 'Code action', 'Fiche action', 'Action AVS', 'Action du plan', 'Axe / action'],
  voted: ['Montant voté', 'Montant voté (€)', 'Mt accordé', 'Montant accordé', 'Accordé', 'Voté', 'Montant attribué', 'Subvention votée', 'Montant notifié', 'Montant décidé', 'Attribué (€)'],
  paid: ['Montant versé', 'Versé', 'Montant payé', 'Payé', 'Mandaté', 'Montant mandaté (€)', 'Réglé', 'Versements', 'Montant réglé'],
  requested: ['Montant demandé', 'Demandé', 'Montant sollicité', 'Sollicité'],
  year: ['Exercice', 'Année', 'Millésime', 'Exercice budgétaire', 'Année de financement'],
  decisionDate: ['Date CP', 'Date de décision', 'Date commission', 'Date de la délibération', 'Décision du', 'Date CA', 'Date de notification'],
  conventionRef: ['N° convention', 'Convention n°', 'Réf. convention', 'Référence convention', 'N° de convention'],
  conventionDate: ['Date convention', 'Convention signée le', 'Date de signature convention'],
  conventionBoth: ['N° et date convention', 'Convention (n° et date)', 'Convention : n° et date'],
  departement: ['Dépt', 'Département', 'Dép.', 'Code département'],
  dossier: ['N° dossier', 'Dossier', "N° d'engagement", 'N° de dossier', 'Réf. dossier'],
  object: ['Objet', 'Objet de la demande', 'Projet', 'Intitulé du projet'],
  note: ['Observations', 'Commentaire', 'Remarques', 'Obs.'],
  kind: ['Type', 'Type de structure', 'Nature', 'Catégorie'],
  epci: ['Communauté de communes', 'EPCI', 'Intercommunalité', 'Com. com.'],
  gestion: ['Gestion', 'Mode de gestion', 'Gestionnaire'],
  agrementTypes: ['Agréments CAF', 'Agrément', 'Type agrément', 'Agréments'],
  agrementStart: ['Début agrément', 'Agrément du', 'Date début agrément', 'Agréé depuis le'],
  agrementEnd: ['Fin agrément', 'Agrément au', 'Date fin agrément', "Échéance de l'agrément"],
  referent: ['Référent famille', 'Référent familles', 'RF'],
  adherent: ['Adhérent FACS', 'Adhérent', 'Adhésion FACS'],
  code: ['Code', 'Code structure', 'Identifiant', 'Réf.'],
  convType: ['Type', 'Type de convention', 'Nature de la convention', 'Convention'],
  convRef: ['Référence', 'N°', 'N° convention', 'Réf.', 'Numéro'],
  convSigned: ['Date de signature', 'Signée le', 'Signature', 'Date signature'],
  convStart: ['Du', 'Début', 'Date de début', "Date d'effet", 'Début de validité'],
  convEnd: ['Au', 'Fin', 'Date de fin', "Date d'échéance", 'Fin de validité'],
  convAmount: ['Montant annuel', 'Montant annuel (€)', 'Montant', 'Mt annuel'],
};

/** Ways partners write each dispositif: short codes and labels. */
export const DISPOSITIF_WORDS: Record<string, { short: string[]; labels: string[] }> = {
  PS_AGC: { short: ['AGC', 'PS AGC'], labels: ['PS Animation globale et coordination', 'Prestation de service animation globale', 'Animation globale et coordination', 'PS animation globale'] },
  PS_ACF: { short: ['ACF', 'PS ACF'], labels: ['PS Animation collective familles', 'Prestation de service animation collective famille', 'Animation collective familles'] },
  PS_AL: { short: ['AL', 'PS AL'], labels: ['PS Animation locale', 'Prestation de service animation locale', 'Animation locale'] },
  CAF_FONDS_PROPRES: { short: ['FP', 'SFP', 'FL'], labels: ['Subvention fonds propres', 'Subvention sur fonds propres', 'Fonds propres', 'Fonds locaux'] },
  CD_VIE_ASSO: { short: ['VA', 'VIE ASSO'], labels: ['Vie associative', 'Convention pluriannuelle vie associative', 'Soutien à la vie associative'] },
  CD_AJIR: { short: ['AJIR', 'JEU'], labels: ['Jeunesse – AJIR', 'AJIR', 'Jeunesse (AJIR)', 'Dispositif AJIR'] },
  CD_INSERTION: { short: ['PDI', 'INS'], labels: ['Insertion (PDI)', 'Programme départemental d’insertion', 'Insertion'] },
  CD_CULTURE: { short: ['CLS', 'CULT'], labels: ['Culture e(s)t lien social', 'Culture et lien social', 'Culture'] },
  CD_VACANCES: { short: ['VAC', 'PVF'], labels: ['Vacances', 'Projets vacances familles', 'Départs en vacances'] },
  CD_AUTONOMIE: { short: ['CFPPA', 'AUT'], labels: ['Autonomie – conférence des financeurs', 'Conférence des financeurs', 'Autonomie (CFPPA)'] },
  MSA_GLOBAL: { short: ['FG', 'GLOB'], labels: ['Financement global', 'Financement global AVS', 'Aide au fonctionnement global'] },
  MSA_JEUNES: { short: ['APJ', 'AAPJ'], labels: ['Appel à projets jeunes', 'Appel à projets jeunesse', 'AAP jeunes'] },
  FACS_COORDINATION: { short: ['COORD'], labels: ['Coordination', 'Coordination départementale'] },
  FACS_ACCOMPAGNEMENT: { short: ['ACC', 'ACCOMP'], labels: ['Accompagnement', 'Accompagnement des structures'] },
  FACS_FORMATION: { short: ['FORM'], labels: ['Formation', 'Formation des bénévoles'] },
};

/** Convention types as partners write them. */
export const CONVENTION_WORDS: Record<string, string[]> = {
  COF: ["Convention d'objectifs et de financement", 'COF', "Conv. d'objectifs et de financement"],
  PLURIANNUELLE: ["Convention pluriannuelle d'objectifs", 'CPO', 'Convention pluriannuelle'],
  CONFERENCE_FINANCEURS: ['Conférence des financeurs', 'Convention CFPPA', 'Convention conférence des financeurs'],
  PARTENARIAT: ['Convention de partenariat', 'Partenariat', 'Conv. partenariat'],
};

export const ILLEGIBLE = ['voir courrier', 'en attente', 'à préciser', 'NC', 'cf. délibération', '?', 'non communiqué'];

export const OBJECTS = ['Fonctionnement – projet social {y}', 'Actions collectives familles {y}', 'Ateliers parents-enfants', 'Accueil de loisirs ados', 'Sorties familles', 'Ateliers numériques seniors', 'Chantier jeunes', 'Café des habitants', 'Festival de quartier', 'Départs en vacances des familles {y}'];

export const NOTES = ['Régularisation sur droit réel', 'Acompte versé, solde en N+1', 'Dossier complet', 'Relance pièces', 'Nouveau projet social', 'Avenant en cours', ''];
