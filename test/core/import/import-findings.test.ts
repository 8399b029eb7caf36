/** Findings raised while importing, each at its cell, with a French message naming what is at fault. */
import { runPipeline } from '../../../src/core/pipeline';
import { grid } from '../../fixtures/build';

const list = grid(
  [
    ['Nom', 'Type', 'Commune', 'EPCI'],
    ['Centre social Les Oliviers', 'CS', 'Aubenas', "CC du Bassin d'Aubenas"],
    ['Espace de vie sociale Les Oliviers', 'EVS', 'Privas', 'CA Privas Centre Ardèche'],
  ],
  { file: 'FACS.xlsx', sheet: 'Liste' },
);
const lines = grid(
  [
    ['Structure', 'Année', 'Dispositif', 'Action du schéma', 'Montant voté', 'Montant versé'],
    ['CS Les Oliviers', 2019, 'AJIR', '4.1.2', 1000, 1000], // 2: fine
    ['CS Les Oliviers', 2019, 'Chèques loisirs', null, 500, 500], // 3: unknown dispositif
    ['CS Les Oliviers', 2019, 'AJIR', '9.9', 300, 300], // 4: unknown plan node
    ['Les Oliviers', 2019, 'AJIR', null, 200, 200], // 5: ambiguous
    [null, 2019, 'AJIR', null, 100, 100], // 6: no structure
    ['CS Les Oliviers', 'deux mille', 'AJIR', null, 100, 100], // 7: unreadable year
    ['CS Les Oliviers', 2019, 'AJIR', null, null, null], // 8: no amount
    ['CS Les Oliviers', 2019, 'AJIR', null, '1 000 ou 2 000', 0], // 9: unreadable amount
  ],
  { file: 'CD07_2019.xlsx', sheet: 'Aides' },
);

describe('import findings at their cell', () => {
  const r = runPipeline({ sources: [list, lines].map((g) => ({ file: g.file, grids: [g] })), asOf: '2019-06-30' });
  const at = (code: string) => r.findings.filter((f) => f.code === code).map((f) => `${f.location?.row}${f.location?.col ?? ''}`);

  test.each<[string, string[]]>([
    ['DISPOSITIF_INCONNU', ['3C']],
    ['ACTION_INCONNUE', ['4D']],
    ['STRUCTURE_AMBIGUE', ['5A']],
    ['CHAMP_OBLIGATOIRE', ['6A', '8E']],
    ['MONTANT_ILLISIBLE', ['7B', '9E']],
  ])('%s at %j', (code, cells) => {
    expect(at(code)).toEqual(cells);
  });

  test('only readable lines count; an unknown dispositif or plan node still counts, an ambiguous structure too', () => {
    expect(r.report.totals).toEqual([{ partner: 'CD07', year: 2019, voted: 2000, paid: 2000 }]);
  });

  test('messages name the value, the structure and the candidates', () => {
    const m = (code: string) => r.findings.find((f) => f.code === code)!.message;
    expect(m('DISPOSITIF_INCONNU')).toMatch(/« Chèques loisirs ».*CD07.*Les Oliviers.*2019/);
    expect(m('ACTION_INCONNUE')).toMatch(/« 9\.9 »/);
    expect(m('STRUCTURE_AMBIGUE')).toMatch(/Centre social Les Oliviers \(Aubenas\).*Espace de vie sociale Les Oliviers \(Privas\)/);
    expect(m('MONTANT_ILLISIBLE')).toMatch(/illisible « deux mille »/);
  });

  test('a file named after no partner: every line is a PARTENAIRE_INCONNU, nothing counts', () => {
    const g = grid([['Structure', 'Montant voté'], ['CS Les Oliviers', 100]], { file: 'export.xlsx', sheet: 'Feuil1' });
    const x = runPipeline({ sources: [list, g].map((s) => ({ file: s.file, grids: [s] })), asOf: '2019-06-30' });
    expect(x.findings.filter((f) => f.code === 'PARTENAIRE_INCONNU').map((f) => f.location?.row)).toEqual([2]);
    expect(x.report.totals).toEqual([]);
  });
});

describe('a sheet the user chose to ignore', () => {
  const sources = [list, lines].map((g) => ({ file: g.file, grids: [g] }));
  const ignored = { version: 1 as const, sheets: [{ file: 'CD07_2019.xlsx', sheet: 'Aides', kind: 'ignored', columns: {} }] };
  const r = runPipeline({ sources, mappings: ignored, asOf: '2019-06-30' });

  it('is read as ignored: no line of it, no finding « feuille ignorée » (the user knows), and its file is not refused', () => {
    expect(r.readings.find((x) => x.sheet === 'Aides')?.kind).toBe('ignored');
    expect(r.dataset.fundings.filter((l) => l.source.file === 'CD07_2019.xlsx')).toEqual([]);
    expect(r.findings.filter((f) => f.code === 'FEUILLE_IGNOREE' || f.code === 'FICHIER_REJETE')).toEqual([]);
    expect(r.rejected).toEqual([]);
  });

  it('without the choice, a file with no table of ours is still refused', () => {
    const letter = grid([['Bonjour,'], ['voici nos chiffres.']], { file: 'lettre.xlsx', sheet: 'Feuil1' });
    const refused = runPipeline({ sources: [{ file: letter.file, grids: [letter] }], asOf: '2019-06-30' });
    expect(refused.rejected.map((x) => x.file)).toEqual(['lettre.xlsx']);
  });
});
