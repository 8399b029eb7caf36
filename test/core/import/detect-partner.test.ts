import { detectPartner } from '../../../src/core/import/detect-partner';
import { defaultReference } from '../../../src/core/reference/default-reference';
import type { Partner } from '../../../src/core/model/domain';

const partners = defaultReference().partners;

describe('detectPartner', () => {
  test.each<[string, string | undefined]>([
    ['CAF07_PS_2019-2020', 'CAF'],
    ['CD07_subventions', 'CD07'],
    ['MSA_ADL_AVS', 'MSA'],
    ['FACS_structures_2020', 'FACS'],
    ["Caisse d'allocations familiales de l'Ardèche — prestations de service", 'CAF'],
    ['Conseil départemental de l’Ardèche', 'CD07'],
    ['Département de l’Ardèche', 'CD07'],
    ['Mutualité sociale agricole', 'MSA'],
    ['Fédération ardéchoise des centres sociaux', 'FACS'],
    ['Feuil1', undefined],
    ['Subventions 2019', undefined],
    ['cafe associatif', undefined], // "caf" must be a whole word
  ])('%p → %p', (text, code) => {
    expect(detectPartner(text, partners)).toBe(code);
  });

  test('a partner added to the reference is recognised by its code and aliases', () => {
    const more: Partner[] = [...partners, { code: 'CARSAT', name: 'Carsat Rhône-Alpes', type: 'organisme', active: true, aliases: ['caisse de retraite'] }];
    expect(detectPartner('CARSAT_2020.xlsx', more)).toBe('CARSAT');
    expect(detectPartner('Aides de la caisse de retraite', more)).toBe('CARSAT');
  });
});
