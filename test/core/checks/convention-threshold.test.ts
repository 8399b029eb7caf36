import { checkConventions } from '../../../src/core/checks/check-conventions';
import { defaultReference } from '../../../src/core/reference/default-reference';
import { annualContext } from '../../../src/core/sheets/annual-context';
import { copilSheet } from '../../../src/core/sheets/copil-sheet';
import { causeMessage } from '../../../src/core/checks/messages';
import { dataset, line, structure } from '../../fixtures/build';

/** The convention threshold users read is the reference's, never a figure written in the code. */
describe('CONVENTION_MANQUANTE: the threshold said is the reference’s', () => {
  const ref = { ...defaultReference(), conventionThreshold: 30000 };
  const s = structure('CS-A', { name: 'Centre social A', siret: '41234567800012' });
  const ds = dataset({ structures: [s], fundings: [line({ partner: 'CD07', structure: 'CS-A', dispositif: 'CD_AJIR', year: 2019, voted: 30000.5 })] });

  test('a reference at 30 000 €: the message says « 30 000 € », never 23 000', () => {
    const [f] = checkConventions(ds, ref);
    expect(f).toMatchObject({ code: 'CONVENTION_MANQUANTE', reason: 'seuil_23000', threshold: 30000 });
    expect(f.message).toContain('au-delà de 30\u202f000 € par an');
    expect(f.message).not.toMatch(/23\D?000/);
  });

  test('below the reference’s threshold (25 000 € under 30 000 €): no finding', () => {
    expect(checkConventions(dataset({ structures: [s], fundings: [line({ partner: 'CD07', structure: 'CS-A', dispositif: 'CD_AJIR', voted: 25000 })] }), ref)).toEqual([]);
  });

  test('the COPIL synthesis says the same threshold', () => {
    const findings = checkConventions(ds, ref);
    const text = JSON.stringify(copilSheet(annualContext(ds, ref, findings, '2020-01-15'), 2019));
    expect(text).toContain('(au-delà de 30\u202f000 €)');
    expect(text).not.toMatch(/23\D?000/);
  });

  test('the summary row of a group of these findings (Contrôles, pane) says the same threshold', () => {
    const [f] = checkConventions(ds, ref);
    const text = causeMessage('CONVENTION_MANQUANTE', f, 2);
    expect(text).toContain('au-delà de 30\u202f000 € par an');
    expect(text).not.toMatch(/23\D?000/);
  });
});
