import type { PlanAxis } from '../model/domain';

/** Article 6 of the 2017–2020 agreement, columns restored (DESIGN.md §5). Action codes are ours. */
type Row = [code: string, label: string];
const axis = (code: string, label: string, objectives: PlanAxis['objectives']): PlanAxis => ({
  code,
  label,
  objectives,
});
const obj = (code: string, label: string, actions: Row[]) => ({
  code,
  label,
  actions: actions.map(([c, l]) => ({ code: c, label: l })),
});

export const PLAN_2017_2020: PlanAxis[] = [
  axis('1', "Développer une culture commune et partagée de l'AVS", [
    obj('1.1', 'Coordination départementale, veille partagée articulée avec le schéma directeur', [
      ['1.1.1', "Points d'étape avec les partenaires concernés"],
      ['1.1.2', "Création d'une cellule opérationnelle"],
    ]),
    obj('1.2', 'Renforcer la coordination et le pilotage local autour des structures AVS', [
      ['1.2.1', 'Convention cadre locale au renouvellement du projet social'],
      ['1.2.2', 'Coopération entre accompagnateurs de CSx et EVS'],
      ['1.2.3', "Informer et former les élus à l'AVS"],
      ['1.2.4', "Convention cadre lors d'une création de structure"],
    ]),
    obj('1.3', "Valoriser l'action des structures AVS", [
      ['1.3.1', "S'appuyer sur Senacs"],
      ['1.3.2', 'Développer la communication'],
      ['1.3.3', 'Valoriser les rencontres régulières du réseau'],
    ]),
    obj('1.4', 'Journées départementales de réflexion partenariale', [
      ['1.4.1', 'Journées départementales des EVS'],
      ['1.4.2', 'Journées sur des thématiques partagées entre partenaires'],
    ]),
  ]),
  axis('2', "Valoriser et développer l'offre d'animation globale et les approches participatives", [
    obj('2.1', 'Développer des structures sur les territoires non pourvus', [
      ['2.1.1', 'Identification partagée des territoires à pourvoir ou à mieux doter'],
      ['2.1.2', "Stratégie d'émergence de structures"],
      ['2.1.3', 'Accompagnement partagé à la création de structures'],
    ]),
    obj('2.2', "Stimuler l'expérimentation et l'innovation", [
      ['2.2.1', 'Accompagner pour expérimenter et capitaliser'],
      ['2.2.2', 'Formation interne et externe (CSx et EVS)'],
      ['2.2.3', "Plages horaires d'accueil, accueil et écoute hors les murs"],
    ]),
  ]),
  axis('3', "Développer le soutien aux structures de l'AVS", [
    obj('3.1', 'Soutenir la qualification des bénévoles et des professionnels', [
      ['3.1.1', 'Réseau des référents famille'],
      ['3.1.2', 'Formations adaptées aux bénévoles'],
      ['3.1.3', 'Rencontres thématiques et formations'],
    ]),
    obj('3.2', 'Mettre en place et animer un réseau des EVS', [
      ['3.2.1', "Généralisation de la démarche d'évaluation"],
      ['3.2.2', 'Animer le réseau des EVS'],
    ]),
    obj('3.3', 'Articuler ce réseau avec les autres réseaux existants', []),
  ]),
  axis('4', 'Renforcer le rôle des structures sur des thématiques et publics spécifiques', [
    obj('4.1', "Citoyenneté et pouvoir d'agir des jeunes", [
      ['4.1.1', 'Solliciter les jeunes (États généraux de la jeunesse, AJIR)'],
      ['4.1.2', 'Actions jeunesse à partir du dispositif AJIR'],
      ['4.1.3', "Partenariat avec la fédération dans le cadre d'AJIR"],
    ]),
    obj('4.2', 'Veiller aux enjeux du vieillissement', [
      ['4.2.1', 'Actions de DSL liées au vieillissement'],
      ['4.2.2', "Mobilité, lutte contre l'isolement"],
      ['4.2.3', 'Temps forts / forums'],
      ['4.2.4', 'Implication dans le schéma autonomie'],
    ]),
    obj('4.3', 'Vigilance auprès du public vulnérable (publics en insertion)', [
      ['4.3.1', 'Espaces de vie ouverts et intergénérationnels'],
      ['4.3.2', 'Concertations locales de proximité'],
      ['4.3.3', "Prévention de l'isolement et resocialisation"],
      ['4.3.4', 'Réduire la fracture numérique'],
      ['4.3.5', 'Accompagnements collectifs co-construits'],
    ]),
    obj('4.4', 'Articulation avec les contrats de ville', [
      ['4.4.1', "Formation aux prestations familiales des personnels d'accueil"],
      ['4.4.2', 'Parentalité dans les QPV'],
      ['4.4.3', 'Citoyenneté, lutte contre les discriminations, prévention de la radicalisation'],
      ['4.4.4', 'Relations avec les délégués du préfet'],
    ]),
    obj('4.5', 'Articulation dans les zones rurales', [
      ['4.5.1', 'Actions hors les murs'],
      ['4.5.2', "Mobilité et prévention de l'isolement"],
      ['4.5.3', "Réseaux d'échanges de savoirs"],
    ]),
    obj('4.6', 'Développer la politique parentalité', [
      ['4.6.1', 'Accompagnements collectifs à la parentalité'],
      ['4.6.2', 'Projets vacances'],
      ['4.6.3', 'Agrément collectif famille pour toutes les structures'],
      ['4.6.4', 'LAEP'],
    ]),
    obj('4.7', 'Approche globale des droits culturels', [
      ['4.7.1', 'Participation des personnes'],
      ['4.7.2', 'Respect des identités culturelles'],
      ['4.7.3', 'Liberté d\'expression culturelle et artistique'],
    ]),
  ]),
];

export const PRIORITIES_2017_2018 = [
  'AJIR',
  'parentalité',
  'actions collectives',
  'laïcité',
  'intercommunalités',
  'nouveaux financements',
  'mutualisations',
];
