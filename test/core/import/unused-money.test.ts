import { runPipeline } from '../../../src/core/pipeline';
import type { Grid } from '../../../src/core/model/grid';

/** Money in a column no line reads: said with its amount and range, unless the partner hid the column (old figures). */
const rows = [
  ['Structure', 'Exercice', 'Montant voté', 'Voté 2016', 'Reste à verser', 'Observations'],
  ['Centre social Les Oliviers', 2019, 45000, 40000, 5000, 'dont 5 000 € pour le référent'],
  ['EVS La Passerelle', 2019, 12000, 11000, 0, ''],
];
const ledgerOf = (g: Partial<Grid>) => {
  const r = runPipeline({ sources: [{ file: 'CD07.xlsx', grids: [{ file: 'CD07.xlsx', sheet: 'S', rows, ...g }] }], asOf: '2020-06-30' });
  return { ledger: r.report.inputs[0].sheets[0].ledger!, findings: r.findings.filter((f) => f.code === 'MONTANTS_NON_LUS') };
};

describe('money in columns no line reads', () => {
  test('an amount column nothing maps is unexplained money, one finding with its amount and range', () => {
    const { ledger, findings } = ledgerOf({});
    expect(ledger).toMatchObject({ lines: 2, voted: 57000, unexplained: [{ range: 'D2:D3', amount: 51000, reason: 'colonne « Voté 2016 » non utilisée' }] });
    // « Reste à verser » (derived) and the notes (words) are not money lost
    expect(ledger.unexplained).toHaveLength(1);
    expect(findings).toEqual([expect.objectContaining({ amount: 51000, severity: 'alerte' })]);
  });
  test('the same column hidden by the partner: set aside with its amount, no alert', () => {
    const { ledger, findings } = ledgerOf({ hiddenCols: [4] });
    expect(ledger.unexplained).toEqual([]);
    expect(ledger.setAside).toEqual([{ reason: 'colonne masquée (anciens chiffres, non lus)', lines: 0, voted: 51000, paid: 0 }]);
    expect(findings).toEqual([]);
  });
});
