import { mergeTypedCells } from '../../../src/core/sheets/fill-programming';
import { LEVEL, PROGRAMMING_HEADER_ROW } from '../../../src/core/sheets/programming-sheet';
import type { CellValue, Grid } from '../../../src/core/model/grid';
import type { SheetSpec } from '../../../src/core/model/sheet-spec';
import { runExamples, sheet, shown, tableRows } from '../../golden/examples-pipeline';

/** A generated sheet as a host reads it back: header on row 4, cached values, plus typed cells. */
function asGrid(
  spec: SheetSpec,
  typed: Record<string, Record<string, CellValue>>,
  extraRows: CellValue[][] = [],
  extraHeader: string[] = [],
): Grid {
  const t = spec.tables[0];
  const rows: CellValue[][] = [[String(shown(spec.blocks[0].cells[0][0]))], [], []];
  rows.push([...t.columns.map((c) => c.header), ...extraHeader]);
  for (const r of t.rows) {
    const values = r.map((v) => shown(v) as CellValue);
    const key = `${values[0]}|${values[1]}`;
    t.columns.forEach((c, i) => {
      if (typed[key]?.[c.header] !== undefined) values[i] = typed[key][c.header];
    });
    for (const h of extraHeader) values.push(typed[key]?.[h] ?? null);
    rows.push(values);
  }
  rows.push(...extraRows);
  return { file: 'pilotage.xlsx', sheet: spec.name, rows };
}

describe('mergeTypedCells: filling a programming sheet again', () => {
  let spec: SheetSpec;
  beforeAll(async () => {
    spec = sheet(await runExamples({ years: [2020] }), 'Programmation 2020');
  });

  test('typed cells come back on their rows, matched by Niveau + Code, computed cells are new', () => {
    const grid = asGrid(spec, {
      'Action|4.6.1': {
        'Décision comité technique': 'Validé',
        Commentaire: '=pas une formule',
        Priorité: 'Haute',
        'Voté CAF': 999999,
      },
      'Axe|3': { Commentaire: 'À relancer' },
      'Financement direct|2': { Priorité: 'Basse' },
    });
    const { spec: merged, kept, removedRows } = mergeTypedCells(spec, grid);
    expect(kept).toBe(5);
    expect(removedRows).toBe(0);
    const rows = tableRows(merged);
    const row = (level: string, code: string) => rows.find((x) => x.level === level && x.code === code)!;
    expect(row('Action', '4.6.1')).toMatchObject({
      decision: 'Validé',
      comment: '=pas une formule',
      priority: 'Haute',
    });
    expect(shown(row('Action', '4.6.1').voted_CAF)).toBe(0); // the computed column is never taken from the old sheet
    expect(row('Axe', '3').comment).toBe('À relancer');
    expect(row('Financement direct', '2').priority).toBe('Basse');
    expect(rows).toHaveLength(spec.tables[0].rows.length);
  });

  test('rows of actions that disappeared are kept at the end, marked, with their notes; a kept row finds its action again', () => {
    const t = spec.tables[0];
    const width = t.columns.length;
    const removed: CellValue[] = Array(width).fill(null);
    removed[0] = LEVEL.action;
    removed[1] = '4.8.1';
    removed[2] = 'Action supprimée du référentiel';
    removed[t.columns.findIndex((c) => c.key === 'comment')] = 'Notre note de 2019';
    const back: CellValue[] = Array(width).fill(null);
    back[0] = LEVEL.removed;
    back[1] = '2.2.1';
    back[t.columns.findIndex((c) => c.key === 'decision')] = 'Reporté';
    const grid = asGrid(spec, {}, [removed, back]);
    const { spec: merged, removedRows } = mergeTypedCells(spec, grid);
    expect(removedRows).toBe(1);
    const rows = tableRows(merged);
    const last = rows[rows.length - 1];
    expect(last).toMatchObject({
      level: LEVEL.removed,
      code: '4.8.1',
      label: 'Action supprimée du référentiel',
      comment: 'Notre note de 2019',
    });
    expect(String(last.flags)).toContain('Ligne conservée pour ses notes');
    expect(merged.tables[0].highlights).toContainEqual({ row: rows.length - 1, level: 'alerte' });
    expect(rows.find((x) => x.level === LEVEL.action && x.code === '2.2.1')!.decision).toBe('Reporté');
    // filled again from that result: the kept row stays, once
    const again = mergeTypedCells(spec, asGrid(merged, {}));
    expect(tableRows(again.spec).filter((x) => x.code === '4.8.1')).toHaveLength(1);
  });

  test('a column a user added to the table is kept as a typed column', () => {
    const grid = asGrid(spec, { 'Action|1.1.2': { Suivi: 'Relancer' } }, [], ['Suivi']);
    const { spec: merged } = mergeTypedCells(spec, grid);
    const cols = merged.tables[0].columns;
    expect(cols[cols.length - 1]).toMatchObject({ header: 'Suivi', userInput: true });
    expect(tableRows(merged).find((x) => x.code === '1.1.2' && x.level === 'Action')!.user_1).toBe(
      'Relancer',
    );
  });

  test('a sheet of the same name in another layout is left to the hand-made fill (nothing merged)', () => {
    const grid: Grid = {
      file: 'p.xlsx',
      sheet: spec.name,
      rows: [
        ['Code', 'Libellé'],
        ['1.1.1', 'x'],
      ],
    };
    expect(mergeTypedCells(spec, grid)).toMatchObject({ kept: 0, removedRows: 0 });
    expect(PROGRAMMING_HEADER_ROW).toBe(4);
  });
});
