import {
  changesSheet,
  currentFundings,
  diffFundings,
  previousFundings,
} from '../../../src/core/sheets/changes-sheet';
import { FUNDING_COLUMNS } from '../../../src/core/sheets/canonical-tables';
import type { FundingLine } from '../../../src/core/model/domain';
import type { Grid } from '../../../src/core/model/grid';

const line = (id: number, o: Partial<FundingLine>): FundingLine => ({
  id,
  partner: 'CAF',
  structure: 'CS1',
  structureName: 'Centre social Un',
  year: 2020,
  dispositif: 'PS_AGC',
  plan: '2',
  voted: 1000,
  paid: 1000,
  status: 'voté',
  source: { file: 'f.xlsx', sheet: 'S', row: id + 2 },
  ...o,
});

/** The previous Financements table as read back from the workbook (header on row 1). */
function previous(lines: FundingLine[]): Grid {
  const keys = FUNDING_COLUMNS.map((c) => c.key);
  const value = (l: FundingLine, k: string) =>
    ({
      partner: l.partner,
      structure: l.structure ?? null,
      name: l.structureName,
      year: l.year,
      dispositif: l.dispositif ?? null,
      plan: l.plan ?? null,
      voted: l.voted ?? null,
      paid: l.paid ?? null,
    })[k] ?? null;
  return {
    file: 'pilotage.xlsx',
    sheet: 'Financements',
    rows: [FUNDING_COLUMNS.map((c) => c.header), ...lines.map((l) => keys.map((k) => value(l, k)))],
  };
}

describe('Changements', () => {
  const before = [
    line(0, {}),
    line(1, { structure: 'CS2', structureName: 'Centre social Deux', voted: 500, paid: 0 }),
    line(2, { partner: 'MSA', dispositif: 'MSA_GLOBAL', voted: 300 }),
  ];
  const after = [
    line(0, { voted: 1200 }), // amount changed
    line(1, { structure: 'CS2', structureName: 'Centre social Deux', voted: 500, paid: 250 }), // paid changed
    line(3, { partner: 'CD07', dispositif: 'CD_VIE_ASSO', voted: 25000 }), // added; MSA line removed
    line(4, {
      partner: 'CD07',
      dispositif: 'CD_VIE_ASSO',
      voted: 1,
      duplicateOf: { file: 'x', sheet: 'y', row: 1 },
    }), // duplicates never count
  ];

  test('lines added, removed, amounts changed, with old and new values', () => {
    expect(
      diffFundings(previousFundings(previous(before)), currentFundings(after)).map((c) => c.kind),
    ).toEqual(['Montant modifié', 'Montant modifié', 'Ajout', 'Suppression']);
    const s = changesSheet(after, previous(before), '2021-01-15');
    const rows = s.tables[0].rows;
    expect(rows).toEqual([
      ['Montant modifié', 'CAF', 'CS2', 'Centre social Deux', 2020, 'PS_AGC', '2', 500, 500, 0, 0, 250],
      ['Montant modifié', 'CAF', 'CS1', 'Centre social Un', 2020, 'PS_AGC', '2', 1000, 1200, 200, 1000, 1000],
      ['Ajout', 'CD07', 'CS1', 'Centre social Un', 2020, 'CD_VIE_ASSO', '2', null, 25000, 25000, null, 1000],
      ['Suppression', 'MSA', 'CS1', 'Centre social Un', 2020, 'MSA_GLOBAL', '2', 300, null, -300, 1000, null],
    ]);
    expect(s.blocks[1].cells[0][0]).toBe(
      'Depuis le remplissage précédent : 1 ligne(s) ajoutée(s), 1 supprimée(s), 2 montant(s) modifié(s).',
    );
  });

  test('two lines with the same key are compared as their sum; nothing moved, nothing listed', () => {
    const split = [line(0, { voted: 600 }), line(1, { voted: 400 })];
    expect(changesSheet(split, previous([line(0, {})]), '2021-01-15').tables[0].rows).toEqual([
      ['Montant modifié', 'CAF', 'CS1', 'Centre social Un', 2020, 'PS_AGC', '2', 1000, 1000, 0, 1000, 2000],
    ]);
    expect(changesSheet(before, previous(before), '2021-01-15').tables[0].rows).toEqual([]);
  });

  test('first fill: no previous table, said so', () => {
    const s = changesSheet(after, undefined, '2021-01-15');
    expect(s.tables[0].rows).toEqual([]);
    expect(s.blocks[1].cells[0][0]).toContain('Premier remplissage');
  });
});
