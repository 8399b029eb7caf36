import { runPipeline } from '../../../src/core/pipeline';
import type { SourceInput } from '../../../src/core/model/grid';
import { defaultReference } from '../../../src/core/reference/default-reference';

/**
 * An open-data export of one of the agreement's partners, read with the structures registry: lines
 * to known structures count in the partner's totals, the others are set aside once, and the ledger
 * accounts for all. Whatever the export's layout (SCDL or Etalab 2016 names), the same result.
 */
const CD07_SIRET = '22070000900016';
const registry: SourceInput = {
  file: 'FACS_structures.xlsx',
  grids: [
    {
      file: 'FACS_structures.xlsx',
      sheet: 'Structures',
      rows: [
        ['Nom de la structure', 'Commune', 'SIRET', 'Type'],
        ['Centre social Les Oliviers', 'Privas', '53412340100018', 'Centre social'],
        ['EVS La Passerelle', 'Aubenas', '77568030900017', 'EVS'],
      ],
    },
  ],
};
const lines: [string, string, string, number | string][] = [
  ['CENTRE SOCIAL LES OLIVIERS', '53412340100018', 'Animation globale', 45000],
  ['EVS LA PASSERELLE', '77568030900017', 'Animation locale', '22 000,00'],
  ['CLUB DE TENNIS', '', 'Fonctionnement', 3000],
  ['COMITE DES FETES', '44135191300013', 'Fête votive', 'NC'],
];
const scdl = (): SourceInput => ({
  file: 'opendata.csv',
  grids: [
    {
      file: 'opendata.csv',
      sheet: 'opendata',
      rows: [
        ['nomAttribuant', 'idAttribuant', 'dateConvention', 'referenceDecision', 'nomBeneficiaire', 'idBeneficiaire', 'objet', 'montant', 'nature'],
        ...lines.map(([n, id, o, m]) => ["Département de l'Ardèche", CD07_SIRET, '2019-03-12', 'CP-2019-03', n, id, o, m, 'aide en numéraire']),
      ],
    },
  ],
});
const etalab = (): SourceInput => ({
  file: 'opendata.csv',
  grids: [
    {
      file: 'opendata.csv',
      sheet: 'opendata',
      rows: [
        ['SUB_MONTANT', 'ATTRIB_NOM', 'ATTRIB_SIRET', 'SUB_OBJET', 'COLL_NOM', 'COLL_SIRET', 'ACTE_DATE', 'COLL_TYPE'],
        ...lines.map(([n, id, o, m]) => [m, n, id, o, 'DEPARTEMENT ARDECHE', CD07_SIRET.slice(0, 9), '12/03/2019', 'Département']),
      ],
    },
  ],
});

const reference = () => {
  const ref = defaultReference();
  ref.partners = ref.partners.map((p) => (p.code === 'CD07' ? { ...p, siret: CD07_SIRET } : p));
  return ref;
};

describe('an open-data export of a partner, with the structures registry', () => {
  test.each([
    ['SCDL names', scdl],
    ['Etalab 2016 names, other column order, grantor by SIREN', etalab],
  ])('%s: known structures counted for the partner, others set aside once, every euro in the ledger', (_, make) => {
    const r = runPipeline({ sources: [registry, make()], reference: reference(), asOf: '2020-06-30' });
    const counted = r.dataset.fundings.filter((l) => !l.duplicateOf);
    expect(counted.map((l) => [l.partner, l.structureName, l.voted, l.year])).toEqual([
      ['CD07', 'CENTRE SOCIAL LES OLIVIERS', 45000, 2019],
      ['CD07', 'EVS LA PASSERELLE', 22000, 2019],
    ]);
    expect(r.dataset.structures).toHaveLength(2);
    const outside = r.findings.filter((f) => f.code === 'BENEFICIAIRES_HORS_ACCORD');
    expect(outside).toHaveLength(1);
    expect(outside[0]).toMatchObject({ count: 2, amount: 3000 });
    expect(r.findings.filter((f) => ['ATTRIBUANT_INCONNU', 'STRUCTURE_INCONNUE', 'MONTANT_ILLISIBLE', 'PARTENAIRE_INCONNU'].includes(f.code))).toEqual([]);
    const sheet = r.report.inputs.find((i) => i.file === 'opendata.csv')!.sheets[0];
    expect(sheet.ledger).toEqual({
      lines: 2,
      voted: 67000,
      paid: 0,
      setAside: [{ reason: 'bénéficiaire hors accord (ni structure connue, ni dispositif AVS)', lines: 2, voted: 3000, paid: 0 }],
      unexplained: [],
    });
  });

  test('a grantor that is no partner (a commune joining under Article 10) is one finding and a proposal; once the mapping file gives it a code, its lines count', () => {
    const commune = (): SourceInput => {
      const s = scdl();
      s.grids[0].rows = s.grids[0].rows.map((r, i) => (i === 0 ? r : ['Commune de Privas', '21070180100016', ...r.slice(2)]));
      return s;
    };
    const before = runPipeline({ sources: [registry, commune()], reference: reference(), asOf: '2020-06-30' });
    expect(before.dataset.fundings).toEqual([]);
    expect(before.findings.filter((f) => f.code === 'ATTRIBUANT_INCONNU')).toEqual([
      expect.objectContaining({ value: 'Commune de Privas', siret: '21070180100016', count: 4, amount: 70000 }),
    ]);
    expect(before.unknownGrantors).toEqual([{ file: 'opendata.csv', name: 'Commune de Privas', siret: '21070180100016', lines: 4, amount: 70000 }]);
    const after = runPipeline({
      sources: [registry, commune()],
      reference: reference(),
      asOf: '2020-06-30',
      mappings: { version: 1, sheets: [], partners: [{ name: 'Commune de Privas', siret: '21070180100016', code: 'PRIVAS' }] },
    });
    expect(after.dataset.fundings.map((l) => [l.partner, l.voted])).toEqual([
      ['PRIVAS', 45000],
      ['PRIVAS', 22000],
    ]);
    expect(after.findings.filter((f) => f.code === 'ATTRIBUANT_INCONNU')).toEqual([]);
    expect(after.dataset.partners.find((p) => p.code === 'PRIVAS')).toMatchObject({ name: 'Commune de Privas', siret: '21070180100016' });
  });
});
