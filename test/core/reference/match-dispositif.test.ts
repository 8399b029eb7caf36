import { matchDispositif } from '../../../src/core/reference/match-dispositif';
import { defaultReference } from '../../../src/core/reference/default-reference';

const ref = defaultReference();

describe('matchDispositif: words cut short', () => {
  test.each<[string, string, string | undefined]>([
    ['VIE ASSO', 'CD07', 'CD_VIE_ASSO'],
    ['Vie asso. 2019', 'CD07', 'CD_VIE_ASSO'],
    ['Vie associative', 'CD07', 'CD_VIE_ASSO'],
    // two letters are no abbreviation, a word that is not the start of the keyword's is none
    ['VI AS', 'CD07', undefined],
    ['Vie assemblée', 'CD07', undefined],
    // one word cut short names a keyword of one word, not the second word of a longer one
    ['INS', 'CD07', 'CD_INSERTION'],
    ['INS 2019', 'CD07', 'CD_INSERTION'],
    ['ASSO', 'CD07', undefined],
    ['Données', 'CD07', undefined],
    // the partner's dispositifs only
    ['VIE ASSO', 'CAF', undefined],
  ])('%s (%s) → %s', (text, partner, code) => {
    expect(matchDispositif([text], partner, ref)?.code).toBe(code);
  });

  test('an abbreviation that two dispositifs could expand to names neither', () => {
    const two = { ...ref, dispositifs: [...ref.dispositifs, { ...ref.dispositifs.find((d) => d.code === 'CD_VIE_ASSO')!, code: 'CD_VIE_ASSOC_2', label: 'Vie associée', keywords: [] }] };
    expect(matchDispositif(['VIE ASSO'], 'CD07', two)?.code).toBeUndefined();
    expect(matchDispositif(['Vie associative'], 'CD07', two)?.code).toBe('CD_VIE_ASSO');
  });
});
