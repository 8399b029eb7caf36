/** Issue 24 item 6: a structures list with one row per agrément gives one structure per identity. */
import { importSources } from '../../../src/core/import/import-sources';
import { readSheet } from '../../../src/core/import/read-sheet';
import { kindAgrements, parseAgrementTypes, toStructures } from '../../../src/core/import/to-structures';
import { StructureMatcher } from '../../../src/core/link/match-structures';
import type { Structure, StructureKind } from '../../../src/core/model/domain';
import type { CellValue } from '../../../src/core/model/grid';
import { defaultReference } from '../../../src/core/reference/default-reference';
import { grid, structure } from '../../fixtures/build';

const ref = defaultReference();
const HEADER: CellValue[] = ['Code', 'Nom', 'SIRET', 'Commune', 'Type', 'Agrément', 'Début agrément', 'Fin agrément'];
const listOf = (rows: CellValue[][]) => {
  const findings: never[] = [];
  return toStructures(readSheet(grid([HEADER, ...rows], { file: 'FACS_structures.xlsx', sheet: 'Agréments' }), ref), findings);
};

describe('rows of one list that are one structure', () => {
  test.each<[string, CellValue[][], number]>([
    [
      'same SIRET, one row per agrément type',
      [
        [null, 'Centre social Le Pouzin', '41234567800012', 'Le Pouzin', 'CS', 'AGC', '01/01/2019', '31/12/2022'],
        [null, 'Centre social Le Pouzin', '41234567800012', 'Le Pouzin', 'CS', 'ACF', '01/01/2019', '31/12/2022'],
      ],
      1,
    ],
    [
      'same SIRET, one row per agrément period (three rows)',
      [
        [null, 'Centre social Le Pouzin', '41234567800012', 'Le Pouzin', 'CS', 'AGC', '01/01/2015', '31/12/2018'],
        [null, 'CS Le Pouzin', '41234567800012', 'Le Pouzin', 'CS', 'AGC', '01/01/2019', '31/12/2022'],
        [null, 'Centre social Le Pouzin', '41234567800012', 'Le Pouzin', 'CS', 'ACF', '01/01/2019', '31/12/2022'],
      ],
      1,
    ],
    [
      'same SIREN and same name, another establishment number',
      [
        [null, 'Centre social Le Pouzin', '41234567800012', 'Le Pouzin', 'CS', 'AGC', '01/01/2015', '31/12/2018'],
        [null, 'Centre social Le Pouzin', '41234567800020', 'Le Pouzin', 'CS', 'AGC', '01/01/2019', '31/12/2022'],
      ],
      1,
    ],
    [
      'same structure code, no SIRET',
      [
        ['CS07-POUZ', 'Centre social Le Pouzin', null, 'Le Pouzin', 'CS', 'AGC', '01/01/2019', '31/12/2022'],
        ['CS07-POUZ', 'Centre social Le Pouzin', null, 'Le Pouzin', 'CS', 'ACF', '01/01/2019', '31/12/2022'],
      ],
      1,
    ],
    [
      'same SIREN, two names: two establishments of one body',
      [
        [null, 'Centre social Le Pouzin', '41234567800012', 'Le Pouzin', 'CS', 'AGC', '01/01/2019', '31/12/2022'],
        [null, 'Centre social La Cascade', '41234567800020', 'Annonay', 'CS', 'AGC', '01/01/2019', '31/12/2022'],
      ],
      2,
    ],
    [
      'two SIRET of two bodies, one name',
      [
        [null, 'Centre social', '41234567800012', 'Le Pouzin', 'CS', 'AGC', '01/01/2019', '31/12/2022'],
        [null, 'Centre social', '51234567800016', 'Annonay', 'CS', 'AGC', '01/01/2019', '31/12/2022'],
      ],
      2,
    ],
    [
      'namesakes without SIRET nor code',
      [
        [null, 'Maison pour tous', null, 'Le Pouzin', 'CS', 'AGC', '01/01/2019', '31/12/2022'],
        [null, 'Maison pour tous', null, 'Annonay', 'CS', 'AGC', '01/01/2019', '31/12/2022'],
      ],
      2,
    ],
    [
      'two written codes, one SIRET (a commune running two centres)',
      [
        ['CS-A', 'Centre social Nord', '41234567800012', 'Privas', 'CS', 'AGC', '01/01/2019', '31/12/2022'],
        ['CS-B', 'Centre social Sud', '41234567800012', 'Privas', 'CS', 'AGC', '01/01/2019', '31/12/2022'],
      ],
      2,
    ],
  ])('%s', (_what, rows, n) => {
    expect(listOf(rows)).toHaveLength(n);
  });

  test('the one structure carries every agrément: types and periods merged', () => {
    const [s] = listOf([
      [null, 'Centre social Le Pouzin', '41234567800012', 'Le Pouzin', 'CS', 'AGC', '01/01/2015', '31/12/2018'],
      [null, 'Centre social Le Pouzin', '41234567800012', 'Le Pouzin', 'CS', 'AGC', '01/01/2019', '31/12/2022'],
      [null, 'Centre social Le Pouzin', '41234567800012', 'Le Pouzin', 'CS', 'ACF', '01/01/2019', '31/12/2022'],
    ]);
    expect(s.agrementTypes).toEqual(['AGC', 'ACF']);
    expect(s.agrements.map((a) => [a.types, a.start, a.end])).toEqual([
      [['AGC'], '2015-01-01', '2018-12-31'],
      [['AGC', 'ACF'], '2019-01-01', '2022-12-31'],
    ]);
  });

  test('a second SIRET of the same body and name still links to it', () => {
    const list = listOf([
      [null, 'Centre social Le Pouzin', '41234567800012', 'Le Pouzin', 'CS', 'AGC', '01/01/2015', '31/12/2018'],
      [null, 'Centre social Le Pouzin', '41234567800020', 'Le Pouzin', 'CS', 'AGC', '01/01/2019', '31/12/2022'],
    ]);
    const m = new StructureMatcher(list).match({ name: 'CS Pouzin', siret: '41234567800020' });
    expect(m).toMatchObject({ kind: 'matched', by: 'siret' });
  });
});

describe('« ambiguë » is never raised between candidates that are one structure', () => {
  test.each<[string, Structure[], string]>([
    [
      'same SIRET',
      [
        structure('41234567800012', { name: 'Centre social Le Pouzin', siret: '41234567800012' }),
        structure('CS-POUZIN', { name: 'Centre social du Pouzin', siret: '41234567800012' }),
      ],
      'matched',
    ],
    [
      'same SIRET, same name written twice',
      [
        structure('A', { name: 'Centre social Le Pouzin', siret: '41234567800012' }),
        structure('B', { name: 'Centre social Le Pouzin', siret: '41234567800012' }),
      ],
      'matched',
    ],
    [
      'same code',
      [structure('CS07-12', { name: 'Centre social Le Pouzin' }), structure('cs07-12', { name: 'Centre social du Pouzin' })],
      'matched',
    ],
    [
      'two structures, two SIRET',
      [
        structure('A', { name: 'Centre social Le Pouzin', siret: '41234567800012', commune: 'Le Pouzin' }),
        structure('B', { name: 'Centre social du Pouzin', siret: '51234567800016', commune: 'Le Pouzin' }),
      ],
      'ambiguous',
    ],
  ])('%s', (_what, registry, kind) => {
    expect(new StructureMatcher(registry).match({ name: 'CS Le Pouzin' }).kind).toBe(kind);
  });
});

describe('default agréments: one answer, wherever it is decided', () => {
  test.each<[StructureKind, string[]]>([
    ['CS', ['AGC', 'ACF']],
    ['EVS', ['AL']],
    ['FEDERATION', []],
  ])('%s: a bare « Oui » and a COF without a list give %j', (kind, types) => {
    expect(kindAgrements(kind)).toEqual(types);
    expect(parseAgrementTypes('Oui', kind)).toEqual(types);
    const name = kind === 'EVS' ? 'Espace de vie sociale Les Oliviers' : kind === 'CS' ? 'Centre social Le Pouzin' : 'Fédération ardéchoise des centres sociaux';
    const r = importSources(
      [
        { file: 'FACS_structures.xlsx', grids: [grid([['Nom', 'SIRET', 'Type', 'Commune'], [name, '41234567800012', kind, 'Privas']], { file: 'FACS_structures.xlsx', sheet: 'Structures' })] },
        {
          file: 'CAF_conventions.xlsx',
          grids: [grid([['Structure', 'SIRET', 'Type de convention', 'Date de début', 'Date de fin'], [name, '41234567800012', 'COF', '01/01/2019', '31/12/2022']], { file: 'CAF_conventions.xlsx', sheet: 'Conventions' })],
        },
      ],
      ref,
    );
    const s = r.dataset.structures[0];
    expect(s.agrements.flatMap((a) => a.types)).toEqual(types);
  });
});
