import { conventionsSheet, dispositifsSheet, FUNDING_COLUMNS, fundingsSheet, partnersSheet, planSheet, structuresSheet } from '../../../src/core/sheets/canonical-tables';
import { makeFinding } from '../../../src/core/checks/messages';
import { defaultReference } from '../../../src/core/reference/default-reference';
import { convention, dataset, line, structure } from '../../fixtures/build';

const ref = defaultReference();
const src = (row: number) => ({ file: 'caf.xlsx', sheet: 'PS 2019', row });

describe('canonical tables', () => {
  test('reference tables: partners, dispositifs and plan, with list validation on coded columns', () => {
    expect(partnersSheet(ref).tables[0].rows.map((r) => r[0])).toEqual(['CAF', 'CD07', 'MSA', 'FACS']);
    const d = dispositifsSheet(ref).tables[0];
    expect(d.rows.map((r) => r[1])).toContain('PS_AGC');
    expect(d.columns.find((c) => c.type === 'code' && c.list)).toBeDefined();
    const p = planSheet(ref);
    const allRows = p.tables.flatMap((t) => t.rows);
    expect(allRows.some((r) => r.includes('3.1.1'))).toBe(true);
  });

  test('Financements: typed columns, a Source column, duplicates left out, red / amber highlights of faulty rows', () => {
    const l1 = line({ structure: 'CS-A', structureName: 'CS A', dispositif: 'PS_AGC', plan: '2', axis: '2', voted: 1000, paid: 900, source: src(5) });
    const l2 = line({ structure: 'CS-B', structureName: 'CS B', voted: 200, source: src(6) });
    const l3 = line({ structureName: 'Inconnue', voted: 300, source: src(7) });
    const dup = line({ structure: 'CS-A', voted: 1000, source: { file: 'dm.xlsx', sheet: 'DM', row: 2 }, duplicateOf: src(5) });
    const ds = dataset({ structures: [structure('CS-A', { siret: '41234567800012' }), structure('CS-B')], fundings: [l1, l2, l3, dup] });
    const findings = [
      makeFinding('VERSE_SUPERIEUR_VOTE', {}, src(6)),
      makeFinding('STRUCTURE_INCONNUE', {}, { ...src(7), col: 'A' }),
      makeFinding('LIGNE_SANS_ACTION', {}, src(5)), // info: no colour
    ];
    const t = fundingsSheet(ds, ref, findings).tables[0];
    expect(t.columns.map((c) => c.key)).toEqual(FUNDING_COLUMNS.map((c) => c.key));
    expect(t.columns.find((c) => c.key === 'voted')?.type).toBe('amount');
    expect(t.columns.find((c) => c.key === 'partner')?.list).toEqual(['CAF', 'CD07', 'MSA', 'FACS']);
    expect(t.rows).toHaveLength(3);
    const col = (k: string) => FUNDING_COLUMNS.findIndex((c) => c.key === k);
    expect(t.rows[0][col('siret')]).toBe('41234567800012');
    expect(t.rows[0][col('voted')]).toBe(1000);
    expect(t.rows[0][col('source')]).toBe('caf.xlsx › PS 2019 › ligne 5');
    expect(t.highlights).toEqual([
      { row: 1, level: 'alerte' },
      { row: 2, level: 'erreur' },
    ]);
  });

  test('Structures: highlighted when a finding is about the row or about the structure', () => {
    const ds = dataset({
      structures: [
        structure('CS-A', { source: { file: 'l.xlsx', sheet: 'S', row: 2 }, agrements: [{ types: ['AGC'], start: '2019-01-01', end: '2022-12-31' }] }),
        structure('CS-B', { source: { file: 'l.xlsx', sheet: 'S', row: 3 } }),
        structure('CS-C', { source: { file: 'l.xlsx', sheet: 'S', row: 4 } }),
      ],
    });
    const findings = [
      makeFinding('MONTANT_ILLISIBLE', {}, { file: 'l.xlsx', sheet: 'S', row: 2, col: 'H' }),
      makeFinding('CONVENTION_MANQUANTE', { structure: 'CS-B' }, src(9)),
      makeFinding('AGREMENT_BIENTOT_EXPIRE', { structure: 'CS-C' }, { file: 'l.xlsx', sheet: 'S', row: 4 }),
    ];
    const t = structuresSheet(ds, findings).tables[0];
    expect(t.highlights).toEqual([
      { row: 0, level: 'erreur' },
      { row: 1, level: 'alerte' },
    ]);
    expect(t.rows[0].slice(8, 11)).toEqual(['AGC', { date: '2019-01-01' }, { date: '2022-12-31' }]);
  });

  test('Conventions: dates as dates, amount, source', () => {
    const ds = dataset({ conventions: [convention({ structure: 'CS-A', structureName: 'CS A', start: '2019-01-01', end: '2021-12-31', annualAmount: 25000 })] });
    const r = conventionsSheet(ds, ref).tables[0].rows[0];
    expect(r).toEqual(['CD07', 'CS-A', 'CS A', 'PLURIANNUELLE', null, null, { date: '2019-01-01' }, { date: '2021-12-31' }, 25000, 'conv.xlsx › C › ligne 2']);
  });

  test('a name beginning with "=" stays text in the spec (never a formula)', () => {
    const ds = dataset({ fundings: [line({ structureName: '=HYPERLINK("x")', voted: 1, source: src(2) })] });
    const v = fundingsSheet(ds, ref, []).tables[0].rows[0][2];
    expect(v).toBe('=HYPERLINK("x")');
  });
});
