/** A SIRET whose check digit is wrong is a finding at its cell, links nothing and is never published. */
import { siretKeyFindings } from '../../../src/core/checks/check-siret-key';
import { exportScdl } from '../../../src/core/export/scdl';
import { parseSiret } from '../../../src/core/parse/parse-siret';
import { runPipeline } from '../../../src/core/pipeline';
import { defaultReference } from '../../../src/core/reference/default-reference';
import { readReferenceSheet, referenceSheet } from '../../../src/core/reference/referentiel-sheet';
import { grid, specToGrid } from '../../fixtures/build';

const list = grid(
  [
    ['Nom', 'Type', 'SIRET', 'Commune'],
    ['Centre social Les Oliviers', 'CS', '412 345 678 00012', 'Aubenas'],
    ['Centre social Le Chambon', 'CS', '41234567800062', 'Le Teil'], // 3: wrong key in the list
  ],
  { file: 'FACS.xlsx', sheet: 'Liste' },
);
const lines = grid(
  [
    ['Structure', 'SIRET', 'Année', 'Dispositif', 'Montant voté', 'Date de décision'],
    ['Centre social Les Oliviers', '41234567800012', 2020, 'PS animation globale', 1000, '15/03/2020'], // 2: fine
    ['Structure au nom inconnu', '41234567800012', 2020, 'PS animation globale', 2000, '15/03/2020'], // 3: linked by SIRET
    ['Structure au nom inconnu', '41234567800013', 2020, 'PS animation globale', 3000, '15/03/2020'], // 4: one digit off
    ['Centre social Les Oliviers', '412345678', 2020, 'PS animation globale', 4000, '15/03/2020'], // 5: wrong SIREN
  ],
  { file: 'CAF_2020.xlsx', sheet: 'PS 2020' },
);

describe('SIRET check digit', () => {
  const r = runPipeline({ sources: [list, lines].map((g) => ({ file: g.file, grids: [g] })), asOf: '2020-06-30' });
  const bad = r.findings.filter((f) => f.code === 'SIRET_CLE_INVALIDE');

  test('each wrong key is a finding naming its cell', () => {
    expect(bad.map((f) => `${f.location?.file} ${f.location?.row}${f.location?.col}`).sort()).toEqual(['CAF_2020.xlsx 4B', 'CAF_2020.xlsx 5B', 'FACS.xlsx 3C']);
    expect(bad[0].message).toContain('« 41234567800013 »');
    expect(bad[0].message).toContain('clé de contrôle est fausse');
    expect(bad[1].field).toBe('SIREN');
  });

  test('a wrong key links nothing: the line stays unknown, the right SIRET links', () => {
    const byRow = new Map(r.dataset.fundings.map((l) => [l.source.row, l]));
    expect(byRow.get(3)?.structure).toBeDefined();
    expect(byRow.get(4)?.structure).toBeUndefined();
    expect(byRow.get(4)?.siret).toBeUndefined();
    expect(r.dataset.structures.find((s) => s.name === 'Centre social Le Chambon')?.siret).toBeUndefined();
  });

  test('a wrong key is not published in SCDL', () => {
    const ref = defaultReference();
    for (const p of ref.partners) p.siret = '11111111100014';
    const { files } = exportScdl(r.dataset, ref);
    const ids = files.flatMap((f) => f.rows.map((x) => x.idBeneficiaire));
    expect(ids).not.toContain('41234567800013');
    expect(ids.every((id) => id === '41234567800012')).toBe(true);
  });

  test("the Référentiel carries each partner's SIRET (idAttribuant); a wrong key is a warning, not published", () => {
    const ref = defaultReference();
    ref.partners[0].siret = '11111111100014';
    ref.partners[1].siret = '11111111100015';
    const back = readReferenceSheet(specToGrid(referenceSheet(ref)));
    expect(back.reference?.partners[0].siret).toBe('11111111100014');
    expect(back.reference?.partners[1].siret).toBeUndefined();
    expect(back.warnings).toEqual([expect.stringContaining('SIRET « 11111111100015 » du partenaire CD07 à la clé de contrôle fausse')]);
  });

  test('a Référentiel written before the SIRET column still reads', () => {
    const g = specToGrid(referenceSheet(defaultReference()));
    const rows = g.rows.map((row) => (row[6] === 'SIRET' ? row.slice(0, 6) : row));
    const back = readReferenceSheet({ ...g, rows });
    expect(back.errors).toEqual([]);
    expect(back.reference?.partners).toHaveLength(4);
  });
});

describe('siretKeyFindings: only a wrong check digit is a finding', () => {
  const at = { file: 'CAF.xlsx', sheet: 'PS', row: 4 };
  test.each<[string, unknown, string | undefined]>([
    ['a right SIRET', '41234567800012', undefined],
    ['a SIRET with a wrong key', '41234567800013', 'SIRET'],
    ['a SIREN with a wrong key', '412345679', 'SIREN'],
    ['a SIRET written with spaces and a wrong key', '412 345 678 00013', 'SIRET'],
    ['text that is no number (« en cours »)', 'en cours', undefined],
    ['an empty cell', null, undefined],
  ])('%s', (_, raw, field) => {
    const f = siretKeyFindings(parseSiret(raw as string | null), { structureName: 'CS A' }, at, 'B');
    expect(f.map((x) => x.field)).toEqual(field ? [field] : []);
    if (field) expect(f[0]).toMatchObject({ code: 'SIRET_CLE_INVALIDE', location: { ...at, col: 'B' } });
  });
});
