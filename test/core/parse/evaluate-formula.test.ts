/** Formula cells written without their result: the simple ones worked out, the others refused with a reason. */
import type { CellValue } from '../../../src/core/model/grid';
import {
  MAX_DEPTH,
  evaluateFormula,
  isNoResult,
  noResult,
  resolveFormulaCells,
  shiftFormula,
  whyNotEvaluated,
} from '../../../src/core/parse/evaluate-formula';

/** A sheet from A1 down: rows of values. */
const SHEET: CellValue[][] = [
  ['Structure', 'Prestation', 'Montant', 'Taux', 'Texte', 'Bool'],
  ['CS A', 'PS', 1000, 0.5, '1 200,50 €', true],
  ['CS B', 'PS', 2500.25, 2, 'en attente', false],
  ['CS C', 'PS', null, 4, '', null],
  ['CS D', 'PS', -500, 0, '(300)', null],
  ['Total', '', noResult('SUM(C2:C5)'), null, { error: '#REF!' }, new Date(Date.UTC(2020, 0, 1))],
  ['Cycle', '', noResult('C8+1'), null, null, null],
  ['Cycle', '', noResult('C7+1'), null, null, null],
  ['Sous-total', '', noResult('SUBTOTAL(9,C2:C3)'), noResult('RECHERCHEV(A2,A1:C5,3,0)'), noResult(), null],
];
const at = (col: number, row: number): CellValue => SHEET[row - 1]?.[col - 1] ?? null;

describe('evaluateFormula: worked out', () => {
  test.each<[string, number]>([
    ['42', 42],
    ['=42', 42],
    ['1.5E3', 1500],
    ['.5', 0.5],
    ['C2', 1000],
    ['$C$2', 1000],
    ['C$2+$C3', 3500.25],
    ['c2', 1000],
    ['C2*D2', 500],
    ['C3/D3', 1250.125],
    ['C2-C3', -1500.25],
    ['-C2', -1000],
    ['--C2', 1000],
    ['+C2', 1000],
    ['2+3*4', 14],
    ['(2+3)*4', 20],
    ['10-2-3', 5],
    ['12/3/2', 2],
    ['-2*-3', 6],
    ['50%', 0.5],
    ['C2*10%', 100],
    ['C4', 0], // an empty cell is 0 in a calculation
    ['C4+1', 1],
    ['E2', 1200.5], // a text holding an amount reads as the amount
    ['E5*2', -600],
    ['E4+1', 1], // an empty text is 0
    ['F2+F3', 1], // booleans as 1 and 0 in a calculation
    ['SUM(C2:C5)', 3000.25],
    ['SOMME(C2:C5)', 3000.25],
    ['sum(C2:C5)', 3000.25],
    ['SUM(C5:C2)', 3000.25], // corners in any order
    ['SUM($C$2:$C$5)', 3000.25],
    ['SUM(C2,C3,10)', 3510.25],
    ['SOMME(C2;C3;10)', 3510.25], // French separators
    ['SUM(C2:D3)', 3502.75],
    ['SUM(E2:E5)', 900.5], // texts: amounts counted, others skipped
    ['SUM(F2:F3)', 0], // booleans skipped in a range
    ['SUM()', 0],
    ['SUM(C2:C3)*2', 7000.5],
    ['SUM(C2:C3, SUM(C4:C5))', 3000.25],
    ['SUBTOTAL(9,C2:C5)', 3000.25],
    ['SUBTOTAL(109,C2:C5)', 3000.25],
    ['SOUS.TOTAL(9;C2:C5)', 3000.25],
    ['C6', 3000.25], // a formula cell without result: worked out in turn
    ['C6*2', 6000.5],
    ['SUM(C2:C6)', 6000.5],
    ['SUBTOTAL(9,C2:C6,C9)', 6000.5], // the subtotal in C9 is left out
    ['  C2 +  C3 ', 3500.25],
    ['C2-C2', 0],
  ])('%s = %p', (f, value) => {
    const r = evaluateFormula(f, at);
    expect(r).toEqual({ ok: true, value: expect.closeTo(value, 6) });
  });
});

describe('evaluateFormula: refused with a reason', () => {
  test.each<[string, RegExp]>([
    ['VLOOKUP(A2,A1:C5,3,FALSE)', /nom défini « FALSE »|fonction VLOOKUP/],
    ['VLOOKUP(A2,A1:C5,3,0)', /fonction VLOOKUP non prise en charge/],
    ['RECHERCHEV(A2;A1:C5;3;0)', /fonction RECHERCHEV/],
    ['ROUND(C2,0)', /fonction ROUND/],
    ['IF(C2>0,1,2)', /opérateur >/],
    ['Feuil2!A1', /autre feuille/],
    ["'Autre feuille'!A1", /autre feuille/],
    ['SUM(Feuil2!A1:A3)', /autre feuille/],
    ['Total_2019', /nom défini « Total_2019 »/],
    ['TRUE', /nom défini/],
    ['{1,2,3}', /tableau/],
    ['SUM({1,2})', /tableau/],
    ['Table1[Montant]', /nom défini|tableau structuré/],
    ['[1]Feuil1!A1', /classeur/],
    ['"12"+1', /texte dans un calcul/],
    ['C2&C3', /opérateur &/],
    ['C2^2', /opérateur \^/],
    ['C2:C3', /plage hors d’une somme/],
    ['C2:C3*2', /plage hors d’une somme/],
    ['SUM(C2:C3*2)', /plage hors d’une somme/],
    ['C2/D5', /division par zéro/],
    ['E3+1', /texte « en attente » en E3/],
    ['E6+1', /E6 vaut #REF!/],
    ['SUM(E2:E6)', /E6 vaut #REF!/],
    ['F6+1', /date en F6/],
    ['C7', /référence circulaire/],
    ['D9', /D9 : fonction RECHERCHEV/],
    ['E9', /E9 : formule partagée non traduite/],
    ['SUBTOTAL(1,C2:C5)', /autre qu’une somme/],
    ['SUBTOTAL(9,5)', /autre chose qu’une plage/],
    ['SUM(C:C)', /colonne entière/],
    ['SUM(2:2)', /ligne entière/],
    ['SUM(A1:Z10000)', /plage de plus de 100/],
    ['1+', /incomplète/],
    ['(1+2', /incomplète/],
    ['1+2)', /mal formée/],
    ['1,2', /liste hors/],
    ['', /formule vide/],
    ['=', /formule vide/],
    ['C2 C3', /mal formée/],
    ['1E400', /hors limites/],
    ['#REF!+1', /caractère « # »/],
  ])('%s: %p', (f, reason) => {
    const r = evaluateFormula(f, at);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });
});

describe('bounds', () => {
  test('whole columns and rows are read up to the sheet’s extent when given', () => {
    expect(evaluateFormula('SUM(C:C)', at, { extent: { rows: 5, cols: 6 } })).toEqual({ ok: true, value: 3000.25 });
    expect(evaluateFormula('SUM($C:$D)', at, { extent: { rows: 5, cols: 6 } })).toEqual({ ok: true, value: 3006.75 });
    expect(evaluateFormula('SUM(3:3)', at, { extent: { rows: 5, cols: 4 } })).toEqual({ ok: true, value: 2502.25 });
  });

  test('a formula of more than 2 000 characters is refused', () => {
    const f = 'SUM(C2:C3' + ',C2'.repeat(700) + ')';
    expect(evaluateFormula(f, at)).toEqual({ ok: false, reason: expect.stringMatching(/^formule de plus de 2\s000 caractères$/) });
  });

  test('a range of 100 000 cells is read, one more is refused', () => {
    const one = () => 1;
    expect(evaluateFormula('SUM(A1:A100000)', one)).toEqual({ ok: true, value: 100000 });
    expect(evaluateFormula('SUM(A1:A100001)', one).ok).toBe(false);
  });

  test('the reads of one evaluation are bounded', () => {
    const one = () => 1;
    const f = Array.from({ length: 25 }, () => 'SUM(A1:A100000)').join('+');
    const r = evaluateFormula(f, one);
    expect(r).toEqual({ ok: false, reason: 'calcul trop long' });
  });

  test('a chain of formula cells deeper than the limit is refused, not a stack overflow', () => {
    const chain = (col: number, row: number): CellValue => (col === 1 ? (row === 1 ? 1 : noResult(`A${row - 1}+1`)) : null);
    expect(evaluateFormula(`A${MAX_DEPTH - 1}`, chain)).toEqual({ ok: true, value: MAX_DEPTH - 1 });
    const r = evaluateFormula(`A${MAX_DEPTH + 5}`, chain);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/en chaîne/);
  });

  test('deeply nested parentheses: refused, never thrown', () => {
    const f = '('.repeat(500) + '1' + ')'.repeat(500);
    expect(evaluateFormula(f, at).ok).toBe(true);
    expect(() => evaluateFormula('('.repeat(1999), at)).not.toThrow();
  });
});

describe('resolveFormulaCells', () => {
  test('a sheet written by a script: sums, products and a running balance worked out in place; the rest stays marked', () => {
    const rows: CellValue[][] = [
      ['Structure', 'Voté', 'Taux', 'Montant', 'Cumul'],
      ['A', 1000, 0.5, noResult('B2*C2'), noResult('D2')],
      ['B', 3000, 0.25, noResult('B3*C3'), noResult('E2+D3')],
      ['C', '2 000 €', 1, noResult('B4*C4'), noResult('E3+D4')],
      ['Total', noResult('SUM(B2:B4)'), null, noResult('SUM(D2:D4)'), noResult('VLOOKUP("A",A2:E4,5,0)')],
    ];
    expect(resolveFormulaCells(rows)).toBe(1);
    expect(rows.slice(1).map((r) => r.slice(1))).toEqual([
      [1000, 0.5, 500, 500],
      [3000, 0.25, 750, 1250],
      ['2 000 €', 1, 2000, 3250],
      [6000, null, 3250, { error: '#SANS_RESULTAT', formula: 'VLOOKUP("A",A2:E4,5,0)' }],
    ]);
    expect(whyNotEvaluated(rows, 4, 4)).toBe('fonction VLOOKUP non prise en charge');
  });

  test('a running balance of 5 000 rows (far deeper than the chain limit) is worked out row by row', () => {
    const rows: CellValue[][] = [[1, 1]];
    for (let r = 2; r <= 5000; r++) rows.push([1, noResult(`B${r - 1}+A${r}`)]);
    expect(resolveFormulaCells(rows, rows.slice(1).map((_, i) => ({ row: i + 1, col: 1 })).reverse())).toBe(0);
    expect(rows[4999][1]).toBe(5000);
  });

  test('a cycle stays marked on both cells', () => {
    const rows: CellValue[][] = [[noResult('B1+1'), noResult('A1+1')]];
    expect(resolveFormulaCells(rows)).toBe(2);
    expect(rows[0].every(isNoResult)).toBe(true);
    expect(whyNotEvaluated(rows, 0, 0)).toMatch(/circulaire/);
  });

  test('a sum over an error cell is that error, as Excel shows it (the error cell is said where it is, not the sum)', () => {
    const rows: CellValue[][] = [['A', 1000], ['B', { error: '#REF!' }], ['Total', noResult('SUM(B1:B2)')], ['Total général', noResult('B3*2')]];
    expect(resolveFormulaCells(rows)).toBe(0);
    expect(rows[2][1]).toEqual({ error: '#REF!' });
    expect(rows[3][1]).toEqual({ error: '#REF!' });
  });

  test('nothing to do: no cell looked at twice, 0 returned', () => {
    expect(resolveFormulaCells([[1, 2, 'x']])).toBe(0);
  });
});

describe('shiftFormula: a shared formula in another cell of its range', () => {
  test.each<[string, number, number, string | undefined]>([
    ['A4*B4', 1, 0, 'A5*B5'],
    ['A4*B4', 0, 2, 'C4*D4'],
    ['$A4*B$4+$C$1', 3, 1, '$A7*C$4+$C$1'],
    ['SUM(C3:C9)', 0, 1, 'SUM(D3:D9)'],
    ['IF(A1="B2",B2,0)', 1, 0, 'IF(A2="B2",B3,0)'],
    ["'Feuil 2'!A1+Feuil3!B2", 1, 1, "'Feuil 2'!B2+Feuil3!C3"],
    ['LOG10(A1)', 1, 0, 'LOG10(A2)'],
    ['Total_2019*A1', 1, 0, 'Total_2019*A2'],
    ['A1-1', -1, 0, undefined],
    ['SUM(C:C)', 0, 1, undefined],
    ['1.5E3*A1', 1, 0, '1.5E3*A2'],
  ])('%s moved by (%i, %i): %p', (f, dr, dc, out) => {
    expect(shiftFormula(f, dr, dc)).toBe(out);
  });
});
