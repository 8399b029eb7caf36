import { grantorPartner, readIdentifier } from '../../../src/core/link/match-grantor';
import { defaultReference } from '../../../src/core/reference/default-reference';

describe('readIdentifier: what a spreadsheet left of a SIRET or SIREN', () => {
  test.each([
    ['22460001500511', { siret: '22460001500511', siren: '224600015', damaged: false }],
    ['224 600 015 00511', { siret: '22460001500511', siren: '224600015', damaged: false }],
    ['225800010', { siren: '225800010', damaged: false }],
    ['22460001500511.0', { siret: '22460001500511', siren: '224600015', damaged: true }],
    ['2,24600015005E+13', { damaged: true }],
    [2.246000150051e13, { damaged: true }], // a number stored in floating point
    ['1810086080001', { damaged: true }], // 13 digits: one lost
    ['22460001500510', { siren: '224600015', damaged: true }], // wrong key, SIREN part sound
    ['', { damaged: false }],
    ['Ne rien indiquer', { damaged: false }],
  ] as [string | number, object][])('%s', (v, expected) => {
    const r = readIdentifier(v);
    expect(r).toMatchObject(expected);
    if (!('siret' in expected)) expect(r.siret).toBeUndefined();
  });
});

describe('grantorPartner: a grantor designates a partner by identifier, else by its whole name', () => {
  const partners = defaultReference().partners.map((p) => (p.code === 'CAF' ? { ...p, siret: '53412340100018' } : p));
  test.each([
    ['by SIREN, whatever the name', 'Caisse des allocations', '53412340100026', 'CAF'],
    ['by whole name', "Département de l'Ardèche", '', 'CD07'],
    ['another Département is not this one, although « département » names CD07', 'Département de la Nièvre', '225800010', undefined],
    ['a sound identifier that differs from the partner’s excludes it', "Caisse d'allocations familiales de l'Ardèche", '77568030900017', undefined],
    ['nothing to go by', '', '', undefined],
  ])('%s', (_, name, id, code) => {
    expect(grantorPartner(name, readIdentifier(id), partners)?.code).toBe(code);
  });
});
