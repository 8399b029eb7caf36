import { defaultReference } from '../../../src/core/reference/default-reference';
import { readReferenceSheet, referenceSheet, REFERENTIEL_SHEET } from '../../../src/core/reference/referentiel-sheet';
import { runPipeline } from '../../../src/core/pipeline';
import { grid, specToGrid } from '../../fixtures/build';

// absent and undefined are the same in a reference, and "Suit l’agrément: Non" is false
const norm = (r: unknown) => JSON.parse(JSON.stringify(r, (k, v) => (k === 'followsAgrement' && v === false ? undefined : v)));

describe('Référentiel sheet', () => {
  test('export → read gives back the same reference', () => {
    const ref = defaultReference();
    const spec = referenceSheet(ref);
    expect(spec.name).toBe(REFERENTIEL_SHEET);
    const { reference, errors } = readReferenceSheet(specToGrid(spec));
    expect(errors).toEqual([]);
    expect(norm(reference)).toEqual(norm(ref));
  });

  test('a new partner, a new plan and a new dispositif need no code change', () => {
    const ref = defaultReference();
    ref.partners.push({ code: 'CARSAT', name: 'Carsat Rhône-Alpes', type: 'organisme de retraite', active: true, aliases: ['carsat'], signatories: [] });
    ref.plan = [{ code: '1', label: 'Vivre ensemble', objectives: [{ code: '1.1', label: 'Lien social', actions: [{ code: '1.1.1', label: 'Cafés des aînés' }] }] }];
    ref.dispositifs.push({ partner: 'CARSAT', code: 'CARSAT_ISOLEMENT', label: 'Lutte contre l’isolement', keywords: ['isolement'], appliesTo: 'all', defaultPlan: '1.1.1' });
    const { reference } = readReferenceSheet(specToGrid(referenceSheet(ref)));
    expect(reference?.partners.map((p) => p.code)).toEqual(['CAF', 'CD07', 'MSA', 'FACS', 'CARSAT']);

    const g = grid(
      [
        ['Bénéficiaire', 'Année', 'Dispositif', 'Montant accordé'],
        ['CS A', 2021, 'Isolement', 1500],
      ],
      { file: 'CARSAT_aides.xlsx', sheet: 'Aides' },
    );
    const r = runPipeline({ sources: [{ file: g.file, grids: [g] }], reference: reference!, asOf: '2021-06-30' });
    expect(r.dataset.fundings.map((l) => [l.partner, l.dispositif, l.plan, l.axis, l.voted])).toEqual([['CARSAT', 'CARSAT_ISOLEMENT', '1.1.1', '1', 1500]]);
    expect(r.report.flags.axesWithoutFunding).toEqual([]);
  });

  test('a sheet without the sections is refused with French errors naming them', () => {
    const { reference, errors } = readReferenceSheet(grid([['Bonjour']], { file: 'ref.xlsx', sheet: 'Référentiel' }));
    expect(reference).toBeUndefined();
    expect(errors.join('\n')).toMatch(/section « Partenaires » introuvable/);
  });

  test('an action without its objective is an error naming the code', () => {
    const ref = defaultReference();
    const g = specToGrid(referenceSheet(ref));
    const row = g.rows.find((r) => r[1] === '2.1.1')!;
    row[1] = '9.9.9';
    expect(readReferenceSheet(g).errors.join(' ')).toMatch(/action 9\.9\.9 sans objectif/);
  });
});
