/** A cell longer than Excel admits (only a CSV brings one) is read cut to 32 767 characters, said once per sheet. */
import { runPipeline } from '../../../src/core/pipeline';
import { EXCEL_MAX_TEXT } from '../../../src/core/sheets/excel-text';
import { grid } from '../../fixtures/build';

const HEADER = ['Structure', 'SIRET', 'Année', 'Dispositif', 'Montant voté', 'Objet'];
const run = (rows: (string | number)[][]) => {
  const g = grid([HEADER, ...rows], { file: 'CD07_2020.csv', sheet: 'CD07_2020' });
  const before = JSON.stringify(g.rows);
  const r = runPipeline({ sources: [{ file: g.file, grids: [g] }], asOf: '2020-06-30' });
  return { r, unchanged: JSON.stringify(g.rows) === before, long: r.findings.filter((f) => f.code === 'TEXTE_TROP_LONG') };
};

describe('TEXTE_TROP_LONG', () => {
  test('two cells of 5 Mo in one sheet: one finding at the first, with the count; the lines still read, the text cut', () => {
    const huge = 'x'.repeat(5 * 1024 * 1024);
    const { r, unchanged, long } = run([
      ['Centre social Les Oliviers', '41234567800012', 2020, 'Vie associative', 24000, 'Fonctionnement'],
      ['Centre social Le Chambon', '', 2020, 'Vie associative', 1000, huge],
      [huge, '', 2020, 'Vie associative', 1, ''],
    ]);
    expect(long).toHaveLength(1);
    expect(long[0]).toMatchObject({ severity: 'alerte', count: 2, location: { file: 'CD07_2020.csv', sheet: 'CD07_2020', row: 3, col: 'F' } });
    expect(long[0].message).toBe(
      '2 cellules de cette feuille dépassent les 32\u202f767 caractères qu\'Excel admet dans une cellule (5\u202f242\u202f880 caractères pour la première) : seuls les 32\u202f767 premiers sont lus. Raccourcissez la cellule dans le fichier source.',
    );
    expect(r.dataset.fundings.map((l) => l.voted).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([1, 1000, 24000]);
    const texts = r.dataset.fundings.flatMap((l) => [l.object ?? '', l.structureName ?? '']);
    expect(Math.max(...texts.map((t) => t.length))).toBe(EXCEL_MAX_TEXT);
    expect(unchanged).toBe(true);
  });

  test('32 767 characters: read whole, no finding', () => {
    const { r, long } = run([['Centre social Les Oliviers', '41234567800012', 2020, 'Vie associative', 24000, 'y'.repeat(EXCEL_MAX_TEXT)]]);
    expect(long).toHaveLength(0);
    expect(r.dataset.fundings[0].object).toHaveLength(EXCEL_MAX_TEXT);
  });

  test('32 768 characters: one cell, said in the singular', () => {
    const { long } = run([['Centre social Les Oliviers', '41234567800012', 2020, 'Vie associative', 24000, 'y'.repeat(EXCEL_MAX_TEXT + 1)]]);
    expect(long.map((f) => f.message)).toEqual([expect.stringMatching(/^Cette cellule dépasse les 32\u202f767 caractères .*\(32\u202f768 caractères pour la première\)/)]);
  });
});
