import { CAUSES, causeMessage, makeFinding } from '../../../src/core/checks/messages';
import { FINDING_CODES, type FindingCode, type FindingData } from '../../../src/core/model/finding';
import { causeKey, groupByCause } from '../../../src/core/report/group-findings';

const at = (row: number, file = 'caf.xlsx', sheet = 'PS 2020') => ({ file, sheet, row });

describe('causeKey: which findings share a cause', () => {
  // [code, a, b, same cause?]
  const cases: [FindingCode, FindingData, FindingData, boolean][] = [
    ['MONTANT_ILLISIBLE', { partner: 'CAF', field: 'Montant versé', value: 'en attente', structureName: 'CS A' }, { partner: 'CAF', field: 'Montant versé', value: 'en attente', structureName: 'CS B', year: 2019 }, true],
    ['MONTANT_ILLISIBLE', { partner: 'CAF', field: 'Montant versé', value: 'en attente' }, { partner: 'CAF', field: 'Montant voté', value: 'en attente' }, false],
    ['MONTANT_ILLISIBLE', { partner: 'CAF', field: 'Montant versé', value: 'en attente' }, { partner: 'CAF', field: 'Montant versé', value: 'à venir' }, false],
    ['MONTANT_ILLISIBLE', { partner: 'CAF', field: 'Montant versé', value: 'en attente' }, { partner: 'MSA', field: 'Montant versé', value: 'en attente' }, false],
    ['STRUCTURE_INCONNUE', { partner: 'CAF', structureName: 'Centre Social Léo' }, { partner: 'CAF', structureName: 'CENTRE SOCIAL LEO', year: 2019 }, true],
    ['STRUCTURE_INCONNUE', { partner: 'CAF', structureName: 'CS A' }, { partner: 'CAF', structureName: 'CS B' }, false],
    ['DISPOSITIF_INCONNU', { partner: 'CD07', value: 'Aide X', count: 3 }, { partner: 'CD07', value: 'aide x', count: 2 }, true],
    ['LIGNE_SANS_ACTION', { partner: 'CAF', dispositif: 'PS_AS', structureName: 'CS A', voted: 10 }, { partner: 'CAF', dispositif: 'PS_AS', structureName: 'CS B', voted: 20 }, true],
    ['LIGNE_SANS_ACTION', { partner: 'CAF', dispositif: 'PS_AS' }, { partner: 'CAF', dispositif: 'PS_ACF' }, false],
    ['CHAMP_OBLIGATOIRE', { partner: 'MSA', field: 'Structure' }, { partner: 'MSA', field: 'Structure', year: 2020 }, true],
    ['CONVENTION_MANQUANTE', { partner: 'CD07', structure: 'CS-A', year: 2019 }, { partner: 'CD07', structure: 'CS-A', year: 2020 }, true],
    ['CONVENTION_MANQUANTE', { partner: 'CD07', structure: 'CS-A', reason: 'seuil_23000' }, { partner: 'CD07', structure: 'CS-A' }, false],
    ['AXE_NON_FINANCE', { axis: '3', year: 2019 }, { axis: '3', year: 2020 }, true],
    ['AXE_NON_FINANCE', { axis: '3' }, { axis: '4' }, false],
    ['AGREMENT_BIENTOT_EXPIRE', { structureName: 'CS A', detail: 'AGC', date: '31/12/2020' }, { structureName: 'CS B', detail: 'AGC', date: '31/12/2020' }, true],
    ['AGREMENT_BIENTOT_EXPIRE', { structureName: 'CS A', detail: 'AGC', date: '31/12/2020' }, { structureName: 'CS B', detail: 'AGC', date: '31/12/2021' }, false],
    ['TERRITOIRE_NON_POURVU', { epci: 'CC A' }, { epci: 'CC B' }, true],
    ['SIRET_CLE_INVALIDE', { field: 'SIRET', value: '12345678901234', structureName: 'A' }, { field: 'SIRET', value: '12345678901234', structureName: 'B' }, true],
    ['DOUBLON', { partner: 'MSA', duplicateOf: at(3, 'msa.xlsx', 'DM') }, { partner: 'MSA', duplicateOf: at(4, 'msa.xlsx', 'DM') }, true],
    ['DOUBLON', { partner: 'MSA', duplicateOf: at(3, 'msa.xlsx', 'DM') }, { partner: 'MSA', duplicateOf: at(3, 'msa.xlsx', 'Autre') }, false],
  ];
  test.each(cases)('%s %j and %j: same cause %s', (code, a, b, same) => {
    const x = causeKey(makeFinding(code, a, at(2)));
    const y = causeKey(makeFinding(code, b, at(9)));
    expect(x).toBeDefined();
    expect(x === y).toBe(same);
  });

  test('a file, a sheet or a total row always stands alone', () => {
    for (const code of ['FICHIER_REJETE', 'FEUILLE_IGNOREE', 'TOTAL_SOURCE_ECART'] as const) expect(causeKey(makeFinding(code, { detail: 'x' }))).toBeUndefined();
    const twice = [makeFinding('FEUILLE_IGNOREE', { detail: 'vide' }), makeFinding('FEUILLE_IGNOREE', { detail: 'vide' })];
    expect(groupByCause(twice).map((g) => g.count)).toEqual([1, 1]);
  });

  test.each(FINDING_CODES.map((c) => [c]))('%s has a French cause without a programming word', (code) => {
    for (const d of [{}, { partner: 'CAF', field: 'Montant voté', value: 'x', structureName: 'CS Test', detail: 'détail', dispositif: 'PS' }])
      expect(causeMessage(code, d, 2, 10)).toMatch(new RegExp(`^${CAUSES[code](d).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.* : 2 (lignes|exercices|structures|territoires), 10,00 €\\.$`));
    expect(causeMessage(code, {}, 2)).not.toMatch(/undefined|NaN|null|\[object Object\]/);
  });
});

describe('groupByCause', () => {
  const unreadable = (row: number, structureName: string) =>
    makeFinding('MONTANT_ILLISIBLE', { partner: 'CAF', year: 2020, field: 'Montant versé', value: 'en attente', structureName }, at(row));
  const noAction = (row: number, voted: number) => makeFinding('LIGNE_SANS_ACTION', { partner: 'CAF', year: 2020, dispositif: 'PS_AS', structureName: `CS ${row}`, voted }, at(row));
  const findings = [
    unreadable(3, 'CS A'),
    makeFinding('MONTANT_NEGATIF', { partner: 'CD07', amount: -800 }, at(8, 'cd07.csv', 'cd07')),
    unreadable(5, 'CS B'),
    makeFinding('DISPOSITIF_INCONNU', { partner: 'CD07', value: 'Aide X', count: 12, amount: 4500 }, at(2, 'cd07.csv', 'cd07')),
    noAction(4, 1000),
    noAction(6, 250.5),
    unreadable(7, 'CS C'),
  ];
  const groups = groupByCause(findings);

  test('one group per cause; the most lines first within a severity; singletons keep their message', () => {
    expect(groups.map((g) => [g.severity, g.code, g.count])).toEqual([
      ['erreur', 'DISPOSITIF_INCONNU', 12],
      ['erreur', 'MONTANT_ILLISIBLE', 3],
      ['erreur', 'MONTANT_NEGATIF', 1],
      ['info', 'LIGNE_SANS_ACTION', 2],
    ]);
    expect(groups[0].message).toBe(findings[3].message);
    expect(groups[2].message).toBe(findings[1].message);
    expect(groups[2].amount).toBe(-800);
  });

  test('a group: its members in order, its count, its amount, its cause with the count in French', () => {
    const [, unread, , lines] = groups;
    expect(unread.findings.map((f) => f.location?.row)).toEqual([3, 5, 7]);
    expect(unread.partner).toBe('CAF');
    expect(unread.amount).toBeUndefined();
    expect(unread.message).toBe('Montant versé illisible « en attente » (CAF) : 3 lignes.');
    expect(lines.amount).toBe(1250.5);
    expect(lines.message).toBe('Financements « PS_AS » rattachés à aucune action du plan (CAF) : 2 lignes, 1\u202f250,50 €.');
  });

  test('already grouped findings add their counts', () => {
    const a = makeFinding('ACTION_INCONNUE', { partner: 'FACS', value: 'Axe 9', count: 4 }, at(2));
    const b = makeFinding('ACTION_INCONNUE', { partner: 'FACS', value: 'axe 9', count: 6 }, at(2, 'facs2.xlsx'));
    const [g] = groupByCause([a, b]);
    expect(g.count).toBe(10);
    expect(g.findings).toEqual([a, b]);
    expect(g.message).toMatch(/: 10 lignes\.$/);
  });

  test('a plan axis left unfunded several years: counted in years, not lines', () => {
    const [g] = groupByCause([makeFinding('AXE_NON_FINANCE', { axis: '1', year: 2019, detail: 'Culture commune' }), makeFinding('AXE_NON_FINANCE', { axis: '1', year: 2020, detail: 'Culture commune' })]);
    expect(g.message).toBe("Aucune action de l'axe 1 (Culture commune) n'est financée : 2 exercices.");
  });

  test('agréments ending together, territories without a structure: counted in structures and territories', () => {
    const ending = groupByCause(['CS A', 'CS B'].map((structureName) => makeFinding('AGREMENT_BIENTOT_EXPIRE', { structureName, detail: 'AL', date: '31/12/2020' })));
    expect([ending.length, ending[0].unit, ending[0].message]).toEqual([1, 'structure', 'Agréments AL se terminant le 31/12/2020 (projets sociaux à renouveler) : 2 structures.']);
    const [t] = groupByCause(['CC A', 'CC B', 'CC C'].map((epci) => makeFinding('TERRITOIRE_NON_POURVU', { epci })));
    expect(t.message).toBe("Sans structure de l'animation de la vie sociale (axe 2.1 du plan) : 3 territoires.");
  });

  test('no finding, no group', () => {
    expect(groupByCause([])).toEqual([]);
  });
});
