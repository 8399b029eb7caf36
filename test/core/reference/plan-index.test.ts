import { PlanIndex } from '../../../src/core/reference/plan-index';
import { defaultReference } from '../../../src/core/reference/default-reference';
import { matchConventionType, matchDispositif } from '../../../src/core/reference/match-dispositif';

const ref = defaultReference();
const plan = new PlanIndex(ref.plan);

describe('PlanIndex.resolve: a plan node written on a partner’s line', () => {
  test.each<[string | number, string]>([
    ['3.1.1', '3.1.1'],
    ['Axe 4', '4'],
    ['axe 2', '2'],
    ['AXE 1', '1'],
    ['2', '2'],
    [2, '2'],
    [4.7, '4.7'],
    ['4,7', '4.7'],
    ['4.7.1', '4.7.1'],
    ['Action 2.2.1', '2.2.1'],
    ['Fiche action 4.6.2', '4.6.2'],
    ['Objectif 4.1', '4.1'],
    ['4.1 Citoyenneté et pouvoir d’agir des jeunes', '4.1'],
    ['4.1 - Citoyenneté', '4.1'],
    ['N° 1.4.1', '1.4.1'],
    ['1.1.2.', '1.1.2'],
    ['Réseau des référents famille', '3.1.1'],
    ['Projets vacances', '4.6.2'],
    ['Développer la politique parentalité', '4.6'],
  ])('%p → %p', (text, code) => {
    expect(plan.resolve(text)?.code).toBe(code);
  });

  test.each(['9.9', '5', 'Axe 7', '3.3.1', 'blabla sans rapport'])('%p names no node: null (ACTION_INCONNUE)', (text) => {
    expect(plan.resolve(text)).toBeNull();
  });

  test.each([undefined, null, '', '   '])('%p: nothing written', (text) => {
    expect(plan.resolve(text as string)).toBeUndefined();
  });

  test('axis of a node, and the tree', () => {
    expect(plan.axisOf('4.6.2')).toBe('4');
    expect(plan.get('3.3')?.level).toBe('objectif');
    expect(plan.isUnder('4.6.2', '4')).toBe(true);
    expect(plan.isUnder('4.6.2', '4.6')).toBe(true);
    expect(plan.isUnder('1.4.1', '1.4.10')).toBe(false);
    expect(plan.isUnder('1.10', '1.1')).toBe(false);
  });

  test('the 2017-2020 plan: 4 axes, 3.3 without action, 48 actions', () => {
    expect(ref.plan.map((a) => a.code)).toEqual(['1', '2', '3', '4']);
    expect(ref.plan[2].objectives.find((o) => o.code === '3.3')?.actions).toEqual([]);
    expect(ref.plan.flatMap((a) => a.objectives.flatMap((o) => o.actions)).length).toBe(48);
  });
});

describe('matchDispositif and matchConventionType', () => {
  test.each<[string, string, string | undefined]>([
    ['CAF', 'PS animation globale et coordination (AGC)', 'PS_AGC'],
    ['CAF', 'PS animation collective familles (ACF)', 'PS_ACF'],
    ['CAF', 'PS animation locale', 'PS_AL'],
    ['CAF', 'Subvention fonds propres', 'CAF_FONDS_PROPRES'],
    ['CD07', 'AJIR', 'CD_AJIR'],
    ['CD07', 'Culture e(s)t lien social', 'CD_CULTURE'],
    ['CD07', 'Conférence des financeurs', 'CD_AUTONOMIE'],
    ['MSA', 'Financement global', 'MSA_GLOBAL'],
    ['MSA', 'Appel à projets jeunes', 'MSA_JEUNES'],
    ['MSA', 'PS animation globale', undefined], // the CAF's dispositif is not the MSA's
    ['CD07', 'ps_agc', undefined],
  ])('%s %p → %p', (partner, text, code) => {
    expect(matchDispositif([text], partner, ref)?.code).toBe(code);
  });

  test('convention types', () => {
    expect(matchConventionType(['Convention pluriannuelle d’objectifs'], 'CD07', ref)).toBe('PLURIANNUELLE');
    expect(matchConventionType(["Convention d'objectifs et de financement"], 'CAF', ref)).toBe('COF');
    expect(matchConventionType(['Conférence des financeurs'], 'CD07', ref)).toBe('CONFERENCE_FINANCEURS');
    expect(matchConventionType([''], 'MSA', ref)).toBe('PARTENARIAT');
  });
});
