/** The user's answers to « Structure ambiguë », saved in the mapping file (`structures`), used by the linking. */
import { validateMappingFile, withConfirmedStructure, type MappingFile } from '../../../src/core/import/mapping-file';
import { readSheet } from '../../../src/core/import/read-sheet';
import { StructureMatcher } from '../../../src/core/link/match-structures';
import { runPipeline } from '../../../src/core/pipeline';
import { defaultReference } from '../../../src/core/reference/default-reference';
import { grid, structure } from '../../fixtures/build';

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
    ['Structure', 'Année', 'Dispositif', 'Montant voté'],
    ['CS Les Oliviers', 2019, 'AJIR', 1000],
    ['Les Oliviers', 2019, 'AJIR', 200], // ambiguous
  ],
  { file: 'CD07_2019.xlsx', sheet: 'Aides' },
);
const sources = [list, lines].map((g) => ({ file: g.file, grids: [g] }));
const run = (mappings?: MappingFile) => runPipeline({ sources, mappings, asOf: '2019-06-30' });
const ambiguous = (r: ReturnType<typeof run>) => r.findings.filter((f) => f.code === 'STRUCTURE_AMBIGUE');
const lineOf = (r: ReturnType<typeof run>) => r.dataset.fundings.find((l) => l.structureName === 'Les Oliviers')!;

describe('confirmed structures', () => {
  const first = run();
  const finding = ambiguous(first)[0];
  const codes = (finding.candidates ?? []).map((c) => /\[([^\]]+)\]$/.exec(c)![1]);
  const evs = first.dataset.structures.find((s) => s.kind === 'EVS')!.code;

  test('without an answer: the name is ambiguous, unlinked, both structures offered', () => {
    expect(ambiguous(first)).toHaveLength(1);
    expect(finding.structureName).toBe('Les Oliviers');
    expect(codes).toContain(evs);
    expect(lineOf(first).structure).toBeUndefined();
  });

  test('a confirmed name links to that structure on the next run, and the finding disappears', () => {
    const mappings: MappingFile = { version: 1, sheets: [], structures: [{ name: 'Les Oliviers', code: evs }] };
    expect(validateMappingFile(mappings)).toEqual([]);
    const r = run(mappings);
    expect(ambiguous(r)).toEqual([]);
    expect(lineOf(r).structure).toBe(evs);
    // the other lines are linked as before
    const cs = (x: ReturnType<typeof run>) => x.dataset.fundings.find((l) => l.structureName === 'CS Les Oliviers')!.structure;
    expect(cs(r)).toBe(cs(first));
    expect(cs(r)).not.toBe(evs);
  });

  test('null (« aucune de ces structures »): left unlinked, without the ambiguity finding, the amount still counted', () => {
    const r = run({ version: 1, sheets: [], structures: [{ name: 'Les Oliviers', code: null }] });
    expect(ambiguous(r)).toEqual([]);
    expect(r.findings.filter((f) => f.structureName === 'Les Oliviers' && /STRUCTURE_/.test(f.code))).toEqual([]);
    expect(lineOf(r)).toMatchObject({ voted: 200 });
    expect(lineOf(r).structure).toBeUndefined();
  });

  test('a confirmation with a commune applies to that commune only; a code no longer in the registry is ignored', () => {
    const registry = [structure('CS-OLIV', { name: 'Centre social Les Oliviers', commune: 'Aubenas' }), structure('EVS-OLIV', { name: 'Espace de vie sociale Les Oliviers', kind: 'EVS', commune: 'Privas' })];
    const m = new StructureMatcher(registry, [{ name: 'Les  oliviers', commune: 'Vals', code: 'EVS-OLIV' }, { name: 'Oliviers', code: 'DISPARU' }]);
    expect(m.match({ name: 'Les Oliviers', commune: 'Vals' })).toMatchObject({ kind: 'matched', by: 'confirmed', structure: { code: 'EVS-OLIV' } });
    expect(m.match({ name: 'Les Oliviers' }).kind).toBe('ambiguous');
    expect(m.match({ name: 'Oliviers' }).kind).not.toBe('matched');
    // the SIRET still comes first
    expect(new StructureMatcher([{ ...registry[0], siret: '41234567800020' }, registry[1]], [{ name: 'Les Oliviers', code: 'EVS-OLIV' }]).match({ name: 'Les Oliviers', siret: '41234567800020' })).toMatchObject({ structure: { code: 'CS-OLIV' } });
  });

  test('withConfirmedStructure replaces the answer for the same name and commune', () => {
    let l = withConfirmedStructure(undefined, { name: 'Les Oliviers', code: 'A' });
    l = withConfirmedStructure(l, { name: 'Les Oliviers', commune: 'Privas', code: 'B' });
    l = withConfirmedStructure(l, { name: 'Les Oliviers', code: null });
    expect(l).toEqual([
      { name: 'Les Oliviers', commune: 'Privas', code: 'B' },
      { name: 'Les Oliviers', code: null },
    ]);
  });

  test.each<[unknown, RegExp]>([
    [{ version: 1, sheets: [], structures: {} }, /« structures » doit être une liste/],
    [{ version: 1, sheets: [], structures: [null] }, /structure confirmée n° 1 : objet attendu/],
    [{ version: 1, sheets: [], structures: [{ code: 'A' }] }, /structure confirmée n° 1 : « name »/],
    [{ version: 1, sheets: [], structures: [{ name: 'X', code: 3 }] }, /« code » doit être le code d'une structure, ou null/],
    [{ version: 1, sheets: [], structures: [{ name: 'X' }] }, /« code »/],
    [{ version: 1, sheets: [], structures: [{ name: 'X', code: 'A', commune: 7 }] }, /« commune » doit être un texte/],
  ])('invalid confirmed structures %j are explained in French', (v, msg) => {
    expect(validateMappingFile(v).join(' ')).toMatch(msg);
  });
});

test('headerLabels: every label of the header row, mapped or not, by column', () => {
  const r = readSheet(grid([['Bénéficiaire', 'Montant voté', 'Remarque du technicien', null, 'Zone libre'], ['CS A', 100, 'ok', null, 'X1']], { file: 'CAF_2019.xlsx', sheet: 'Aides' }), defaultReference());
  expect(r.headerLabels).toEqual(['Bénéficiaire', 'Montant voté', 'Remarque du technicien', '', 'Zone libre']);
  expect(r.columns.map((c) => c.header)).not.toContain('Zone libre');
});
