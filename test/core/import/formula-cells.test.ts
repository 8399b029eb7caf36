/** Formula cells stored without a result and not worked out: said once per sheet. */
import { formulaCellFindings } from '../../../src/core/import/formula-cells';
import { noResult } from '../../../src/core/parse/evaluate-formula';
import { causeKey } from '../../../src/core/report/group-findings';
import { grid } from '../../fixtures/build';

describe('FORMULE_SANS_RESULTAT', () => {
  test('none: no finding', () => {
    expect(formulaCellFindings(grid([['Structure', 'Montant'], ['CS A', 1000], ['CS B', { error: '#REF!' }]]))).toEqual([]);
  });

  test('one cell: said in the singular, with its address, formula and reason', () => {
    const g = grid([['Structure', 'Montant'], ['CS A', 1000], ['Total', noResult('ROUND(B2,0)')]], { file: 'CD07.xlsx', sheet: 'Aides' });
    const [f, ...rest] = formulaCellFindings(g);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ code: 'FORMULE_SANS_RESULTAT', severity: 'alerte', count: 1, cell: 'B3', value: '=ROUND(B2,0)', location: { file: 'CD07.xlsx', sheet: 'Aides', row: 3, col: 'B' } });
    expect(f.message).toBe(
      "Une cellule de cette feuille contient une formule enregistrée sans son résultat (fichier écrit par un programme) que l'outil ne sait pas calculer (B3 : =ROUND(B2,0), fonction ROUND non prise en charge) : elle n'est lue ni comme zéro ni comme vide, et un montant ainsi calculé n'est pas compté. Ouvrez le fichier dans Excel ou LibreOffice puis enregistrez-le pour que les résultats y soient stockés, et relancez.",
    );
    expect(causeKey(f)).toBeUndefined();
  });

  test('a grid that does not start at A1: addresses and references from its origin; a long formula cut; an unknown one still counted', () => {
    const long = `VLOOKUP(C3,${'A1:B2,'.repeat(30)}2)`;
    const g = grid([[10, noResult('C3*2+C4')], [noResult(), noResult(long)]], { originRow: 3, originCol: 3 });
    const [f] = formulaCellFindings(g);
    expect(f).toMatchObject({ count: 3, cell: 'D3', detail: 'C4 : formule partagée non traduite', location: { row: 3, col: 'D' } });
    const [g2] = formulaCellFindings(grid([[1, 2], [3, noResult(long)]]));
    expect(g2.value).toBe(`=${long.slice(0, 80)}…`);
    expect(g2.message).toContain('(B2 : =VLOOKUP(C3,A1:B2');
    const [g3] = formulaCellFindings(grid([[noResult()]]));
    expect(g3.message).toContain('(A1, formule partagée non traduite)');
  });
});
