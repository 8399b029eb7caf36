import { CATALOGUE, makeFinding } from '../../../src/core/checks/messages';
import { FINDING_CODES } from '../../../src/core/model/finding';

describe('the French catalogue', () => {
  test.each(FINDING_CODES.map((c) => [c]))('%s has a severity, a title and a French message', (code) => {
    const e = CATALOGUE[code];
    expect(e).toBeDefined();
    expect(['erreur', 'alerte', 'info']).toContain(e.severity);
    expect(e.title.length).toBeGreaterThan(3);
    const f = makeFinding(code, { partner: 'CAF', year: 2019, structureName: 'CS Test', amount: 1, voted: 1, paid: 2, field: 'Montant voté', value: 'x', detail: 'détail' });
    expect(f.message.length).toBeGreaterThan(3);
    // whatever data is missing, the message never shows a programming word
    for (const m of [f.message, makeFinding(code, {}).message]) expect(m).not.toMatch(/undefined|NaN|null|\[object Object\]/);
  });

  test('no entry without a code: the catalogue and FINDING_CODES are the same set', () => {
    expect(Object.keys(CATALOGUE).sort()).toEqual([...FINDING_CODES].sort());
  });

  test('the codes other tools read keep their exact names and severities', () => {
    const expected: Record<string, string> = {
      MONTANT_ILLISIBLE: 'erreur', CHAMP_OBLIGATOIRE: 'erreur', MONTANT_NEGATIF: 'erreur', VERSE_SUPERIEUR_VOTE: 'alerte',
      STRUCTURE_INCONNUE: 'erreur', STRUCTURE_AMBIGUE: 'alerte', DISPOSITIF_INCONNU: 'erreur', ACTION_INCONNUE: 'erreur',
      PARTENAIRE_INCONNU: 'erreur', DOUBLON: 'alerte', DISPOSITIF_NON_AUTORISE: 'erreur', AGREMENT_ABSENT_OU_EXPIRE: 'erreur',
      CONVENTION_MANQUANTE: 'alerte', AXE_NON_FINANCE: 'alerte', OBJECTIF_SANS_ACTION: 'info', AGREMENT_BIENTOT_EXPIRE: 'info',
      TERRITOIRE_NON_POURVU: 'info', LIGNE_SANS_ACTION: 'info', TOTAL_SOURCE_ECART: 'alerte',
      TYPE_CONVENTION_INCONNU: 'alerte', TYPE_STRUCTURE_INCONNU: 'alerte',
    };
    for (const [code, severity] of Object.entries(expected)) expect([code, CATALOGUE[code as keyof typeof CATALOGUE]?.severity]).toEqual([code, severity]);
  });

  test('makeFinding drops empty values and keeps the location', () => {
    const f = makeFinding('MONTANT_NEGATIF', { partner: 'CD07', structureName: 'CS A', year: 2020, amount: -800, dispositif: undefined, siret: '' }, { file: 'a.csv', sheet: 'a', row: 8, col: 'H' });
    expect(f).toEqual({
      code: 'MONTANT_NEGATIF',
      severity: 'erreur',
      message: expect.stringContaining('-800,00 €'),
      partner: 'CD07',
      structureName: 'CS A',
      year: 2020,
      amount: -800,
      location: { file: 'a.csv', sheet: 'a', row: 8, col: 'H' },
    });
  });
});
