import type { CellValue, Grid, SourceInput } from '../../../src/core/model/grid';
import { runPipeline } from '../../../src/core/pipeline';

/**
 * One world, many layouts, one result: the same funding lines written as a technician might —
 * flat, grouped with the name once per group, merged over the group, in K€, cut by page footers and
 * repeated headers, under group labels, one form per structure, two year blocks side by side —
 * give the same lines, amounts and findings.
 */
interface Line {
  name: string;
  siret: string;
  year: number;
  dispositif: string;
  voted: number;
}
const STRUCTURES = [
  ['Centre social Les Oliviers', '53412340100018', 'Privas', 'Centre social'],
  ['EVS La Passerelle', '77568030900017', 'Aubenas', 'EVS'],
  ['Centre social Le Pouzin', '22070000900016', 'Le Pouzin', 'Centre social'],
];
const WORLD: Line[] = [
  { name: STRUCTURES[0][0], siret: STRUCTURES[0][1], year: 2019, dispositif: 'Vie associative', voted: 31300 },
  { name: STRUCTURES[0][0], siret: STRUCTURES[0][1], year: 2019, dispositif: 'AJIR', voted: 4200.5 },
  { name: STRUCTURES[0][0], siret: STRUCTURES[0][1], year: 2020, dispositif: 'Vie associative', voted: 32000 },
  { name: STRUCTURES[1][0], siret: STRUCTURES[1][1], year: 2019, dispositif: 'Vie associative', voted: 12000 },
  { name: STRUCTURES[1][0], siret: STRUCTURES[1][1], year: 2020, dispositif: 'Vie associative', voted: 12500 },
  { name: STRUCTURES[1][0], siret: STRUCTURES[1][1], year: 2020, dispositif: 'AJIR', voted: 3100 },
  { name: STRUCTURES[2][0], siret: STRUCTURES[2][1], year: 2019, dispositif: 'Vie associative', voted: 20000 },
  { name: STRUCTURES[2][0], siret: STRUCTURES[2][1], year: 2020, dispositif: 'Vie associative', voted: 21000 },
];
const registry: SourceInput = {
  file: 'FACS_structures.xlsx',
  grids: [{ file: 'FACS_structures.xlsx', sheet: 'Structures', rows: [['Nom de la structure', 'SIRET', 'Commune', 'Type'], ...STRUCTURES] }],
};
const HEADER = ['Structure', 'SIRET', 'Exercice', 'Dispositif', 'Montant voté'];
const row = (l: Line): CellValue[] => [l.name, l.siret, l.year, l.dispositif, l.voted];
const input = (...grids: Omit<Grid, 'file'>[]): SourceInput => ({ file: 'CD07_subventions.xlsx', grids: grids.map((g) => ({ file: 'CD07_subventions.xlsx', ...g })) });
/** Row indexes (0-based) where each structure's group starts, in WORLD order. */
const groups = () => {
  const out: Line[][] = [];
  for (const l of WORLD) (out.length && out[out.length - 1][0].name === l.name ? out[out.length - 1] : (out.push([]), out[out.length - 1])).push(l);
  return out;
};

const LAYOUTS: [string, () => SourceInput][] = [
  ['flat', () => input({ sheet: 'Subventions', rows: [HEADER, ...WORLD.map(row)] })],
  [
    'name and SIRET written once per group, blank below',
    () => input({ sheet: 'Subventions', rows: [HEADER, ...groups().flatMap((g) => g.map((l, i) => (i === 0 ? row(l) : [null, null, ...row(l).slice(2)])))] }),
  ],
  [
    'name and SIRET merged over their group',
    () => {
      const rows: CellValue[][] = [HEADER];
      const merges: Grid['merges'] = [];
      for (const g of groups()) {
        const top = rows.length + 1;
        g.forEach((l, i) => rows.push(i === 0 ? row(l) : [null, null, ...row(l).slice(2)]));
        if (g.length > 1) merges.push({ top, bottom: top + g.length - 1, left: 1, right: 1 }, { top, bottom: top + g.length - 1, left: 2, right: 2 });
      }
      return input({ sheet: 'Subventions', rows, merges });
    },
  ],
  ['amounts in K€', () => input({ sheet: 'Subventions', rows: [['Structure', 'SIRET', 'Exercice', 'Dispositif', 'Montant voté (K€)'], ...WORLD.map((l) => [...row(l).slice(0, 4), l.voted / 1000])] })],
  [
    "a title « en milliers d'euros »",
    () => input({ sheet: 'Subventions', rows: [["Subventions votées (en milliers d'euros)"], [], HEADER, ...WORLD.map((l) => [...row(l).slice(0, 4), l.voted / 1000])] }),
  ],
  [
    'page footers and the header repeated',
    () =>
      input({
        sheet: 'Subventions',
        rows: [HEADER, ...WORLD.slice(0, 3).map(row), ['Édité le 12/03/2021 — Page 1/3'], HEADER, ...WORLD.slice(3, 6).map(row), ['Page 2/3'], [], HEADER, ...WORLD.slice(6).map(row), ['Page 3/3']],
      }),
  ],
  [
    'a table of comments below the lines',
    () =>
      input({
        sheet: 'Subventions',
        rows: [HEADER, ...WORLD.map(row), [], ['Observations du service'], ['Équipement', 'Commentaire'], [WORLD[0].name, 'Acompte de 3 900 € versé en mars'], [WORLD[3].name, 'Dossier complet']],
      }),
  ],
  [
    'amounts written with their unit (« 31,3 k€ ») beside amounts in euros',
    () => input({ sheet: 'Subventions', rows: [HEADER, ...WORLD.map((l, i) => [...row(l).slice(0, 4), i % 2 ? `${String(l.voted / 1000).replace('.', ',')} k€` : l.voted])] }),
  ],
  [
    'group labels above lines that name no structure',
    () => input({ sheet: 'Subventions', rows: [['Exercice', 'Dispositif', 'Montant voté'], ...groups().flatMap((g) => [[g[0].name], ...g.map((l) => [l.year, l.dispositif, l.voted])])] }),
  ],
  [
    'one form per structure (« Équipement : … » above its table)',
    () =>
      input(
        ...groups().map((g) => ({
          sheet: g[0].name.slice(-12),
          rows: [['Fiche de suivi — Département'], [`Équipement : ${g[0].name}`], ['SIRET :', g[0].siret], [], ['Exercice', 'Dispositif', 'Montant voté'], ...g.map((l) => [l.year, l.dispositif, l.voted])],
        })),
      ),
  ],
  [
    'two year blocks side by side, the year only in each block’s label',
    () => {
      const by = (y: number) => WORLD.filter((l) => l.year === y).map((l) => [l.name, l.siret, l.dispositif, l.voted]);
      const left = by(2019);
      const right = by(2020);
      const rows: CellValue[][] = [['Exercice 2019', null, null, null, null, 'Exercice 2020'], ['Structure', 'SIRET', 'Dispositif', 'Montant voté', null, 'Structure', 'SIRET', 'Dispositif', 'Montant voté']];
      for (let i = 0; i < Math.max(left.length, right.length); i++) rows.push([...(left[i] ?? [null, null, null, null]), null, ...(right[i] ?? [])]);
      return input({ sheet: 'Subventions', rows });
    },
  ],
];

function read(make: () => SourceInput) {
  const r = runPipeline({ sources: [registry, make()], asOf: '2021-06-30' });
  const lines = r.dataset.fundings
    .filter((l) => !l.duplicateOf)
    .map((l) => `${l.partner}|${l.structure}|${l.year}|${l.dispositif}|${l.voted}`)
    .sort();
  const findings = r.findings
    .filter((f) => f.severity !== 'info')
    .map((f) => `${f.code}|${f.structure ?? ''}|${f.year ?? ''}|${f.voted ?? f.amount ?? ''}`)
    .sort();
  return { lines, findings };
}

describe('one world, many layouts, one result', () => {
  const expected = read(LAYOUTS[0][1]);
  test('the flat layout reads every line', () => {
    expect(expected.lines).toHaveLength(WORLD.length);
    expect(expected.lines.every((l) => l.startsWith('CD07|'))).toBe(true);
  });
  test.each(LAYOUTS.slice(1))('%s', (_, make) => {
    expect(read(make)).toEqual(expected);
  });
});
