/** Whole imports (runPipeline on grids) of layouts unlike the samples, to hunt detection and linking weaknesses. */
import { runPipeline } from '../../../src/core/pipeline';
import type { Grid } from '../../../src/core/model/grid';
import { grid } from '../../fixtures/build';

const run = (grids: Grid[], asOf = '2020-06-30') =>
  runPipeline({ sources: grids.map((g) => ({ file: g.file, grids: [g] })), asOf });
const STRUCTURES = grid(
  [
    ['Liste des structures AVS au 01/01/2020'],
    ['Nom', 'Type', 'SIRET', 'Commune', 'EPCI', 'Agrément', 'Début', 'Fin'],
    [
      'Centre social Le Pouzin',
      'Centre social',
      '41234567800012',
      'Le Pouzin',
      'CA Privas Centre Ardèche',
      'Animation globale + ACF',
      '01/01/2019',
      '31/12/2022',
    ],
    [
      'Espace de vie sociale Les Oliviers',
      'EVS',
      '41234567800020',
      'Aubenas',
      "CC du Bassin d'Aubenas",
      'Oui',
      '01/01/2018',
      '31/12/2021',
    ],
  ],
  { file: 'FACS_liste.xlsx', sheet: 'Structures' },
);

describe('tricky layouts end to end', () => {
  test('agrément types written in words or "Oui" are understood (no false AGREMENT_ABSENT_OU_EXPIRE)', () => {
    const caf = grid(
      [
        ['Equipement', 'Prestation', 'Montant accordé'],
        ['CS du Pouzin', 'PS animation collective familles', 20000],
        ['EVS Les Oliviers', 'PS animation locale', 15000],
      ],
      { file: 'CAF_2019.xlsx', sheet: 'PS 2019' },
    );
    const r = run([STRUCTURES, caf]);
    expect(r.dataset.structures.map((s) => [s.code, s.kind, s.agrementTypes])).toEqual([
      ['41234567800012', 'CS', ['AGC', 'ACF']],
      ['41234567800020', 'EVS', ['AL']],
    ]);
    expect(r.findings.filter((f) => f.code === 'AGREMENT_ABSENT_OU_EXPIRE')).toEqual([]);
  });

  test('one amount column per year ("Montant 2019", "Montant 2020"): one line per year, none lost', () => {
    const cd = grid(
      [
        ['Bénéficiaire', 'Dispositif', 'Montant voté 2019', 'Montant voté 2020'],
        ['CS du Pouzin', 'AJIR', 5000, 5500],
        ['EVS Les Oliviers', 'AJIR', null, 1200],
      ],
      { file: 'CD07_AJIR.xlsx', sheet: 'AJIR' },
    );
    const r = run([STRUCTURES, cd]);
    expect(r.report.totals).toEqual([
      { partner: 'CD07', year: 2019, voted: 5000, paid: 0 },
      { partner: 'CD07', year: 2020, voted: 6700, paid: 0 },
    ]);
    expect(r.dataset.fundings.map((l) => [l.structure, l.year, l.voted, l.source.row, l.source.col])).toEqual(
      [
        ['41234567800012', 2019, 5000, 2, undefined],
        ['41234567800012', 2020, 5500, 2, undefined],
        ['41234567800020', 2020, 1200, 3, undefined],
      ],
    );
  });

  test('a partner column naming the funder of each row', () => {
    const facs = grid(
      [
        ['Financeur', 'Structure', 'Année', 'Montant'],
        ['Département', 'CS du Pouzin', 2019, 1000],
        ['CAF de l’Ardèche', 'CS du Pouzin', 2019, 2000],
        ['Mairie de Privas', 'CS du Pouzin', 2019, 300],
      ],
      { file: 'recap_financements.xlsx', sheet: 'Feuil1' },
    );
    const r = run([STRUCTURES, facs]);
    expect(r.dataset.fundings.map((l) => [l.partner, l.voted])).toEqual([
      ['CD07', 1000],
      ['CAF', 2000],
    ]);
    expect(
      r.findings
        .filter((f) => f.code === 'PARTENAIRE_INCONNU')
        .map((f) => [f.location?.row, f.location?.col]),
    ).toEqual([[4, 'A']]);
  });

  test('header cells with line breaks and units', () => {
    const msa = grid(
      [
        ['Structure\nbénéficiaire', 'Année\nd’attribution', 'Montant\naccordé (€)', 'Montant\npayé (€)'],
        ['CS du Pouzin', 2019, '1 000,00', '900,00'],
      ],
      { file: 'MSA.xlsx', sheet: 'Aides' },
    );
    const r = run([STRUCTURES, msa]);
    expect(r.dataset.fundings.map((l) => [l.partner, l.year, l.voted, l.paid])).toEqual([
      ['MSA', 2019, 1000, 900],
    ]);
  });
});

describe('one column per year, with totals and paid amounts', () => {
  const g = (total2020: number) =>
    grid(
      [
        ['Subventions du Département'],
        ['Structure', 'Voté 2019', 'Versé 2019', 'Voté 2020', 'Versé 2020'],
        ['CS du Pouzin', 100, 100, 200, 150],
        ['EVS Les Oliviers', 50, 50, null, null],
        ['TOTAL', 150, 150, total2020, 150],
      ],
      { file: 'CD07_recap.xlsx', sheet: 'Récap' },
    );
  test('totals per year are checked against that year only', () => {
    const ok = run([STRUCTURES, g(200)]);
    expect(ok.findings.filter((f) => f.code === 'TOTAL_SOURCE_ECART')).toEqual([]);
    expect(ok.report.totals).toEqual([
      { partner: 'CD07', year: 2019, voted: 150, paid: 150 },
      { partner: 'CD07', year: 2020, voted: 200, paid: 150 },
    ]);
    const wrong = run([STRUCTURES, g(250)]).findings.filter((f) => f.code === 'TOTAL_SOURCE_ECART');
    expect(wrong.map((f) => [f.year, f.amount, f.expected, f.location?.col])).toEqual([
      [2020, 250, 200, 'D'],
    ]);
  });
  test('the report shows every year column in the mapping', () => {
    const r = run([STRUCTURES, g(200)]);
    expect(r.report.inputs[1].sheets[0].mapping).toEqual({
      Structure: 'structureName',
      'Voté 2019': 'voted',
      'Versé 2019': 'paid',
      'Voté 2020': 'voted',
      'Versé 2020': 'paid',
    });
  });
});

describe('stacked tables, codes instead of names, dispositif named by the sheet', () => {
  test('two tables on one sheet, each under its own year title, the header written again', () => {
    const msa = grid(
      [
        ['MSA — aides AVS'],
        ['Exercice 2019'],
        ['Structure', 'Nature de l’aide', 'Montant accordé'],
        ['CS du Pouzin', 'Financement global', 1000],
        ['Total 2019', null, 1000],
        [],
        ['Exercice 2020'],
        ['Structure', 'Nature de l’aide', 'Montant accordé'],
        ['CS du Pouzin', 'Financement global', 1100],
        ['EVS Les Oliviers', 'Appel à projets jeunes', 400],
        ['Total 2020', null, 1500],
      ],
      { file: 'MSA_aides.xlsx', sheet: 'Aides' },
    );
    const r = run([STRUCTURES, msa]);
    expect(r.dataset.fundings.map((l) => [l.year, l.voted, l.source.row])).toEqual([
      [2019, 1000, 4],
      [2020, 1100, 9],
      [2020, 400, 10],
    ]);
    expect(
      r.findings.filter((f) =>
        ['MONTANT_ILLISIBLE', 'STRUCTURE_INCONNUE', 'CHAMP_OBLIGATOIRE', 'TOTAL_SOURCE_ECART'].includes(
          f.code,
        ),
      ),
    ).toEqual([]);
  });

  test('a structure code column alone links the line', () => {
    const list = grid(
      [
        ['Code', 'Nom', 'Type', 'EPCI'],
        ['CS07-POUZ', 'Centre social Le Pouzin', 'CS', 'CA Privas Centre Ardèche'],
        ['EVS07-AUBE', 'Espace de vie sociale Les Oliviers', 'EVS', "CC du Bassin d'Aubenas"],
      ],
      { file: 'FACS.xlsx', sheet: 'Liste' },
    );
    const caf = grid(
      [
        ['Code structure', 'Prestation', 'Montant accordé'],
        ['EVS07-AUBE', 'PS animation locale', 15000],
      ],
      { file: 'CAF_2019.xlsx', sheet: 'PS 2019' },
    );
    const r = run([list, caf]);
    expect(r.dataset.fundings.map((l) => [l.structure, l.dispositif])).toEqual([['EVS07-AUBE', 'PS_AL']]);
  });

  test('no dispositif column: the sheet’s name gives it, with its default plan node', () => {
    const cd = grid(
      [
        ['Bénéficiaire', 'Montant voté'],
        ['CS du Pouzin', 3000],
      ],
      { file: 'CD07_2019.xlsx', sheet: 'AJIR 2019' },
    );
    const r = run([STRUCTURES, cd]);
    expect(r.dataset.fundings.map((l) => [l.dispositif, l.plan, l.year])).toEqual([['CD_AJIR', '4.1', 2019]]);
  });

  test('no dispositif column, nothing in the sheet name or title: an object that names the dispositif gives it', () => {
    const cd = grid(
      [
        ['Bénéficiaire', 'Objet', 'Montant voté', 'Exercice'],
        ['CS du Pouzin', 'AJIR', 4400, 2018],
        ['CS du Pouzin', 'Fête de quartier', 900, 2018],
      ],
      { file: 'CD07.xlsx', sheet: 'CP complémentaire' },
    );
    expect(run([STRUCTURES, cd]).dataset.fundings.map((l) => [l.dispositif ?? null, l.object])).toEqual([
      ['CD_AJIR', 'AJIR'],
      [null, 'Fête de quartier'],
    ]);
  });

  test('no dispositif column, a sheet name that says nothing: the title above the table gives it', () => {
    const rows = [['CS du Pouzin', 25000]];
    const titled = grid(
      [
        ['Subventions 2019 — Convention pluriannuelle vie associative'],
        [],
        ['Bénéficiaire', 'Montant voté'],
        ...rows,
      ],
      { file: 'CD07_2019.xlsx', sheet: 'VA' },
    );
    expect(run([STRUCTURES, titled]).dataset.fundings.map((l) => [l.dispositif, l.year])).toEqual([
      ['CD_VIE_ASSO', 2019],
    ]);
    // a title that names no dispositif gives none (the line stays without, as before)
    const plain = grid([['Subventions 2019 — Département'], [], ['Bénéficiaire', 'Montant voté'], ...rows], {
      file: 'CD07_2019.xlsx',
      sheet: 'VA',
    });
    expect(run([STRUCTURES, plain]).dataset.fundings.map((l) => [l.dispositif ?? null, l.year])).toEqual([
      [null, 2019],
    ]);
  });
});

test('periods written in one cell: agrément of a structure, convention of a partner', () => {
  const list = grid(
    [
      ['Structure', 'Type', 'SIRET', "Période d'agrément", 'Agréments'],
      ['Centre social Le Pouzin', 'CS', '41234567800012', '2019-2022', 'AGC'],
    ],
    { file: 'FACS.xlsx', sheet: 'Liste' },
  );
  const conv = grid(
    [
      ['Bénéficiaire', 'Type de convention', 'Période', 'Montant'],
      ['CS du Pouzin', 'CPO', 'du 01/01/2018 au 31/12/2020', 25000],
    ],
    { file: 'CD07_conventions.xlsx', sheet: 'Conventions' },
  );
  const cd = grid(
    [
      ['Bénéficiaire', 'Année', 'Dispositif', 'Montant voté'],
      ['CS du Pouzin', 2019, 'Vie associative', 25000],
    ],
    { file: 'CD07_2019.xlsx', sheet: 'Aides' },
  );
  const r = run([list, conv, cd]);
  expect(r.dataset.structures[0].agrements.map((a) => [a.types, a.start, a.end])).toEqual([
    [['AGC'], '2019-01-01', '2022-12-31'],
  ]);
  expect(r.dataset.conventions.map((c) => [c.partner, c.type, c.start, c.end, c.annualAmount])).toEqual([
    ['CD07', 'PLURIANNUELLE', '2018-01-01', '2020-12-31', 25000],
  ]);
  expect(r.findings.filter((f) => f.code === 'CONVENTION_MANQUANTE')).toEqual([]);
});

test('no year anywhere but the decision date: the line takes the year of its decision', () => {
  const cd = grid(
    [
      ['Bénéficiaire', 'Dispositif', 'Montant voté', 'Date de la commission permanente'],
      ['CS du Pouzin', 'AJIR', 3000, '12/03/2019'],
      ['CS du Pouzin', 'AJIR', 3100, new Date(Date.UTC(2020, 2, 10))],
      ['CS du Pouzin', 'AJIR', 3200, null],
    ],
    { file: 'CD07_export.xlsx', sheet: 'Feuil1' },
  );
  const r = run([STRUCTURES, cd]);
  expect(r.dataset.fundings.map((l) => [l.year, l.voted])).toEqual([
    [2019, 3000],
    [2020, 3100],
  ]);
  expect(
    r.findings.filter((f) => f.code === 'CHAMP_OBLIGATOIRE').map((f) => [f.field, f.location?.row]),
  ).toEqual([['Exercice', 4]]);
});

test('a structures list that also carries the funding of each structure is read as both', () => {
  const caf = grid(
    [
      ['Équipements agréés et prestations 2019'],
      ['Equipement', 'Type', 'SIRET', 'Agrément', 'Début agrément', 'Fin agrément', 'PS versée 2019'],
      ['Centre social Le Pouzin', 'CS', '41234567800012', 'AGC', '01/01/2018', '31/12/2021', 50000],
      [
        'Espace de vie sociale Les Oliviers',
        'EVS',
        '41234567800020',
        'AL',
        '01/01/2019',
        '31/12/2022',
        15000,
      ],
    ],
    { file: 'CAF_equipements.xlsx', sheet: 'Equipements' },
  );
  const r = run([caf]);
  expect(r.report.inputs[0].sheets[0].kind).toBe('fundings');
  expect(r.dataset.structures.map((s) => [s.name, s.kind, s.agrements.length])).toEqual([
    ['Centre social Le Pouzin', 'CS', 1],
    ['Espace de vie sociale Les Oliviers', 'EVS', 1],
  ]);
  expect(r.dataset.fundings.map((l) => [l.structure, l.year, l.paid])).toEqual([
    ['41234567800012', 2019, 50000],
    ['41234567800020', 2019, 15000],
  ]);
});

test('a plain "N°" or "Référence" column on funding lines is a line number, not a convention', () => {
  const cd = grid(
    [
      ['N°', 'Référence', 'Bénéficiaire', 'Année', 'Montant voté', 'N° de convention'],
      [1, 'D-2019-01', 'CS du Pouzin', 2019, 30000, null],
      [2, 'D-2019-02', 'EVS Les Oliviers', 2019, 25000, 'CPO-2019-7'],
    ],
    { file: 'CD07_2019.xlsx', sheet: 'Aides' },
  );
  const r = run([STRUCTURES, cd]);
  expect(r.dataset.conventions.map((c) => [c.ref, c.structure])).toEqual([['CPO-2019-7', '41234567800020']]);
  expect(r.report.flags.structuresMissingConvention.map((m) => [m.structure, m.reason])).toEqual([
    ['41234567800012', 'seuil_23000'],
  ]);
});

test('a funding sheet whose only convention column is a plain "N°" still reports the missing convention', () => {
  const cd = grid(
    [
      ['N°', 'Bénéficiaire', 'Année', 'Montant voté'],
      [1, 'CS du Pouzin', 2019, 30000],
    ],
    { file: 'CD07_2019.xlsx', sheet: 'Aides' },
  );
  const r = run([STRUCTURES, cd]);
  expect(r.dataset.conventions).toEqual([]);
  expect(r.report.flags.structuresMissingConvention.map((m) => m.reason)).toEqual(['seuil_23000']);
});

test('"en cours", "non", "à signer" in the convention column are no convention', () => {
  const msa = grid(
    [
      ['Structure', 'Année', 'Nature de l’aide', 'Mt accordé', 'N° convention'],
      ['CS du Pouzin', 2019, 'Financement global', 3000, 'en cours'],
      ['EVS Les Oliviers', 2019, 'Financement global', 2000, 'à signer'],
      ['CS du Pouzin', 2020, 'Financement global', 3000, 'MSA-2020-01'],
    ],
    { file: 'MSA.xlsx', sheet: 'Aides' },
  );
  const r = run([STRUCTURES, msa]);
  expect(r.dataset.conventions.map((c) => c.ref)).toEqual(['MSA-2020-01']);
  expect(r.report.flags.structuresMissingConvention.map((m) => [m.year, m.structure, m.reason])).toEqual([
    [2019, '41234567800012', 'dispositif'],
    [2019, '41234567800020', 'dispositif'],
  ]);
});

test('conventions list without dates: the row’s year, else the signature year; nothing known covers nothing', () => {
  const conv = grid(
    [
      ['Bénéficiaire', 'Type de convention', 'N° convention', 'Année', 'Signée le'],
      ['CS du Pouzin', 'CPO', 'CPO-1', 2019, null],
      ['EVS Les Oliviers', 'CPO', 'CPO-2', null, '15/02/2020'],
      ['EVS Les Oliviers', 'CPO', 'CPO-3', null, null],
    ],
    { file: 'CD07_conventions.xlsx', sheet: 'Conventions' },
  );
  const cd = grid(
    [
      ['Bénéficiaire', 'Année', 'Dispositif', 'Montant voté'],
      ['CS du Pouzin', 2019, 'Vie associative', 1000],
      ['EVS Les Oliviers', 2020, 'Vie associative', 1000],
      ['EVS Les Oliviers', 2019, 'Vie associative', 1000],
    ],
    { file: 'CD07_aides.xlsx', sheet: 'Aides' },
  );
  const r = run([STRUCTURES, conv, cd]);
  expect(r.dataset.conventions.map((c) => [c.ref, c.start ?? null, c.end ?? null])).toEqual([
    ['CPO-1', '2019-01-01', '2019-12-31'],
    ['CPO-2', '2020-01-01', '2020-12-31'],
    ['CPO-3', null, null],
  ]);
  expect(r.report.flags.structuresMissingConvention.map((m) => [m.year, m.structure])).toEqual([
    [2019, '41234567800020'],
  ]);
});

test('a usual name or acronym on the structures list links lines written with it', () => {
  const list = grid(
    [
      ['Raison sociale', 'Nom usuel', 'Type', 'EPCI'],
      ['Association d’animation du Val de Ligne', 'La Ruche', 'CS', 'CC Val de Ligne'],
      ['Maison des jeunes et de la culture', 'MJC', 'CS', 'CA Arche Agglo'],
    ],
    { file: 'FACS.xlsx', sheet: 'Liste' },
  );
  const caf = grid(
    [
      ['Equipement', 'Montant accordé'],
      ['CS La Ruche', 1000],
      ['MJC', 500],
    ],
    { file: 'CAF_2019.xlsx', sheet: 'PS 2019' },
  );
  const r = run([list, caf]);
  expect(r.dataset.fundings.map((l) => l.structure)).toEqual(r.dataset.structures.map((s) => s.code));
});

describe('one amount column per partner (a plan de financement)', () => {
  const g = (totalCaf: number) =>
    grid(
      [
        ['Plan de financement des structures 2019'],
        ['Structure', 'Part CAF', 'Subvention Département', 'MSA', 'Commune', 'Total'],
        ['CS du Pouzin', 50000, 20000, 3000, 1000, 74000],
        ['EVS Les Oliviers', 15000, null, 1000, null, 16000],
        ['TOTAL', totalCaf, 20000, 4000, 1000, 90000],
      ],
      { file: 'FACS_plan_financement.xlsx', sheet: 'Financements' },
    );
  test('each partner’s column gives that partner’s lines; none is lost or given to the file’s partner', () => {
    const r = run([STRUCTURES, g(65000)]);
    expect(r.report.totals.map((t) => [t.partner, t.year, t.voted])).toEqual([
      ['CAF', 2019, 65000],
      ['CD07', 2019, 20000],
      ['MSA', 2019, 4000],
    ]);
    expect(
      r.findings.filter((f) => f.code === 'TOTAL_SOURCE_ECART' || f.code === 'PARTENAIRE_INCONNU'),
    ).toEqual([]);
  });
  test('a wrong partner total is reported for that partner', () => {
    const f = run([STRUCTURES, g(66000)]).findings.filter((x) => x.code === 'TOTAL_SOURCE_ECART');
    expect(f.map((x) => [x.partner, x.amount, x.expected, x.location?.col])).toEqual([
      ['CAF', 66000, 65000, 'B'],
    ]);
  });
});

test('columns that only mention partners ("Conventionné CAF", "Adhérent FACS") are not amounts', () => {
  const cd = grid(
    [
      ['Bénéficiaire', 'Année', 'Montant voté', 'Conventionné CAF', 'Conventionné MSA'],
      ['CS du Pouzin', 2019, 1000, 'Oui', 'Non'],
    ],
    { file: 'CD07_2019.xlsx', sheet: 'Aides' },
  );
  const r = run([STRUCTURES, cd]);
  expect(r.dataset.fundings.map((l) => [l.partner, l.voted])).toEqual([['CD07', 1000]]);
  expect(r.findings.filter((f) => f.code === 'MONTANT_ILLISIBLE')).toEqual([]);
});

describe('codes explained by a legend sheet, convention number and date in one cell', () => {
  test.each<[string, (string | number)[][]]>([
    [
      'codes with a space ("PS AL")',
      [
        ['Code', 'Libellé'],
        ['PS AL', 'Animation locale'],
        ['FP', 'Subvention fonds propres'],
      ],
    ],
    [
      'numeric codes',
      [
        ['Code', 'Intitulé'],
        [412, 'Animation locale'],
        [413, 'Subvention fonds propres'],
      ],
    ],
    [
      'numeric codes as text, the first label says « Subvention »',
      [
        ['CODE', 'DÉSIGNATION'],
        ['413', 'Subvention sur fonds propres'],
        ['412', 'Animation locale'],
      ],
    ],
    [
      'two codes under « Code | Désignation », the first one could pass for a second header row',
      [
        ['Code', 'Désignation'],
        ['FPROP', 'Financement sur fonds propres'],
        ['ANLOC', 'Animation locale'],
      ],
    ],
    [
      'four codes, the first label says « Subvention » (a second header row « CODE FL | … Subvention… » would be an amount column of words)',
      [
        ['CODE', 'DÉSIGNATION'],
        ['FL', 'Subvention sur fonds propres'],
        ['PS ACF', 'PS Animation collective familles'],
        ['PS AGC', 'PS animation globale'],
        ['AL', 'Animation locale'],
      ],
    ],
  ])('%s: the legend resolves the line’s code, no DISPOSITIF_INCONNU', (_, legend) => {
    const code = legend.find((r) => r[1] === 'Animation locale')![0];
    const caf = grid(
      [
        ['Structure', 'Code dispositif', 'Voté'],
        ['EVS Les Oliviers', code, 15000],
      ],
      { file: 'CAF_2019.xlsx', sheet: 'Financements 2019' },
    );
    const codes = grid(legend, { file: 'CAF_2019.xlsx', sheet: 'Nomenclature' });
    const r = runPipeline({
      sources: [
        { file: STRUCTURES.file, grids: [STRUCTURES] },
        { file: 'CAF_2019.xlsx', grids: [caf, codes] },
      ],
      asOf: '2020-06-30',
    });
    expect(r.dataset.fundings.map((l) => l.dispositif)).toEqual(['PS_AL']);
    expect(r.findings.filter((f) => f.code === 'DISPOSITIF_INCONNU')).toEqual([]);
    expect(r.readings.find((x) => x.sheet === 'Nomenclature')?.kind).toBe('legend');
  });

  test('"N° et date convention": the convention is read with its signature date, no unreadable date', () => {
    const cd = grid(
      [
        ['Bénéficiaire', 'Dispositif', 'Montant voté', 'N° et date convention'],
        ['CS du Pouzin', 'Vie associative', 30000, 'CPO-2019-003 du 18/11/2018'],
      ],
      { file: 'CD07_2019.xlsx', sheet: 'Subventions 2019' },
    );
    const r = run([STRUCTURES, cd]);
    expect(r.dataset.fundings.map((l) => [l.conventionRef, l.conventionSignedOn])).toEqual([
      ['CPO-2019-003', '2018-11-18'],
    ]);
    expect(r.dataset.conventions.map((c) => [c.ref, c.signedOn, c.structure])).toEqual([
      ['CPO-2019-003', '2018-11-18', '41234567800012'],
    ]);
    expect(r.findings.filter((f) => ['MONTANT_ILLISIBLE', 'CONVENTION_MANQUANTE'].includes(f.code))).toEqual(
      [],
    );
  });
});

test('a conventions list whose "Convention" column holds the type in words and "N°" the reference', () => {
  const list = grid(
    [
      ['Organisme', 'Convention', 'N° convention', 'Début de validité', 'Au'],
      ['CS du Pouzin', "Conv. d'objectifs et de financement", 'COF-2019-011', '01/01/2019', '31/12/2022'],
      ['EVS Les Oliviers', 'Convention de partenariat', 'COF-2018-004', '01/01/2018', '31/12/2018'],
    ],
    { file: 'CAF_conventions.csv', sheet: 'CAF_conventions' },
  );
  const r = run([STRUCTURES, list]);
  expect(r.dataset.conventions.map((c) => [c.ref, c.structure, c.start])).toEqual([
    ['COF-2019-011', '41234567800012', '2019-01-01'],
    ['COF-2018-004', '41234567800020', '2018-01-01'],
  ]);
});

describe('wide layouts: years above repeated amount labels, a code column named like a partner', () => {
  test('"2017 | 2018" over "Attribué | Attribué": one line per year, codes resolved by the legend whose header sits in its rows', () => {
    const cd = grid(
      [
        ['Conseil départemental – délibérations'],
        [],
        ['Raison sociale', 'SIREN', "Nature de l'aide", '2017', '2018'],
        ['Raison sociale', 'SIREN', "Nature de l'aide", 'Attribué', 'Attribué'],
        ['CS du Pouzin', null, 'INS', null, 8600],
        ['EVS Les Oliviers', null, 'VIE ASSO', 4650, 5000],
      ],
      { file: 'CD07_2017-2018.xlsx', sheet: 'Financements' },
    );
    const codes = grid(
      [
        ['Codes des dispositifs'],
        ['Code', 'Désignation'],
        ['INS', 'Insertion'],
        ['VIE ASSO', 'Vie associative'],
      ],
      { file: 'CD07_2017-2018.xlsx', sheet: 'Codes' },
    );
    const r = runPipeline({
      sources: [
        { file: STRUCTURES.file, grids: [STRUCTURES] },
        { file: 'CD07_2017-2018.xlsx', grids: [cd, codes] },
      ],
      asOf: '2020-06-30',
    });
    expect(r.dataset.fundings.map((l) => [l.year, l.voted, l.dispositif])).toEqual([
      [2018, 8600, 'CD_INSERTION'],
      [2017, 4650, 'CD_VIE_ASSO'],
      [2018, 5000, 'CD_VIE_ASSO'],
    ]);
    expect(
      r.findings.filter((f) =>
        ['DISPOSITIF_INCONNU', 'MONTANT_ILLISIBLE', 'CHAMP_OBLIGATOIRE', 'STRUCTURE_INCONNUE'].includes(
          f.code,
        ),
      ),
    ).toEqual([]);
  });

  test('a "Cd" column of codes beside amounts per year is not a partner’s amount column', () => {
    const cd = grid(
      [
        ['Organisme', 'Cd', 'Intitulé', 'Année 2019 Attribué', 'Année 2020 Attribué'],
        ['CS du Pouzin', 'AJIR', 'Dispositif AJIR', 4150, 4200],
        ['EVS Les Oliviers', 'CULT', 'Culture et lien social', 2000, null],
      ],
      { file: 'CD07_2019-2020.xlsx', sheet: 'Tableau pluriannuel' },
    );
    const r = run([STRUCTURES, cd]);
    expect(r.dataset.fundings.map((l) => [l.year, l.voted])).toEqual([
      [2019, 4150],
      [2020, 4200],
      [2019, 2000],
    ]);
    expect(r.findings.filter((f) => f.code === 'MONTANT_ILLISIBLE')).toEqual([]);
  });
});

describe('"Cd" is a code column, "CD" over amounts the Département’s', () => {
  test('a "Cd" column of numeric codes explained by a legend gives the dispositif', () => {
    const caf = grid(
      [
        ['Nom structure', 'Millésime', 'Cd', 'Subvention votée'],
        ['EVS Les Oliviers', 2019, '204', 1700],
      ],
      { file: 'CAF_2019.xlsx', sheet: 'Complément 2019' },
    );
    const codes = grid(
      [
        ['Code', 'Libellé'],
        ['204', 'Animation locale'],
        ['205', 'Fonds propres'],
      ],
      { file: 'CAF_2019.xlsx', sheet: 'Codes' },
    );
    const r = runPipeline({
      sources: [
        { file: STRUCTURES.file, grids: [STRUCTURES] },
        { file: 'CAF_2019.xlsx', grids: [caf, codes] },
      ],
      asOf: '2020-06-30',
    });
    expect(r.dataset.fundings.map((l) => [l.structure, l.dispositif, l.voted])).toEqual([
      ['41234567800020', 'PS_AL', 1700],
    ]);
  });
  test('one amount column per partner, "CAF" and "CD": two lines', () => {
    const g = grid(
      [
        ['Structure', 'Exercice', 'CAF', 'CD'],
        ['CS du Pouzin', 2019, 1000, 2000],
      ],
      { file: 'cofinancements_2019.xlsx', sheet: 'Cofinancements' },
    );
    const r = run([STRUCTURES, g]);
    expect(r.dataset.fundings.map((l) => [l.partner, l.voted])).toEqual([
      ['CAF', 1000],
      ['CD07', 2000],
    ]);
  });
});

describe('codes whose label is written beside them (issue 9, eval seeds 130, 133, 153, 98, 181)', () => {
  const cd = (sheet: string, rows: (string | number | null)[][], file = 'CD07_2019.xlsx') =>
    grid([['Bénéficiaire', 'Code prestation', 'Libellé', 'Montant voté'], ...rows], { file, sheet });
  const unknown = (r: ReturnType<typeof run>) => r.findings.filter((f) => f.code === 'DISPOSITIF_INCONNU').map((f) => f.value);

  test('a code written as its own label on some rows (« AJIR » | « AJIR ») still lets the column explain the others', () => {
    const r = run([STRUCTURES, cd('Aides 2019', [['CS du Pouzin', 'VAC', 'Départs en vacances', 1000], ['EVS Les Oliviers', 'VAC', 'Départs en vacances', 500], ['CS du Pouzin', 'AJIR', 'AJIR', 800]])]);
    expect(r.dataset.fundings.map((l) => l.dispositif)).toEqual(['CD_VACANCES', 'CD_VACANCES', 'CD_AJIR']);
    expect(unknown(r)).toEqual([]);
  });

  test('a sheet of one line reads its code as the partner’s other sheets label it', () => {
    const one = cd('Aides 2018', [['CS du Pouzin', 'X7', 'Départs en vacances', 1000]], 'CD07_2018.csv');
    const two = cd('Aides 2019', [['CS du Pouzin', 'X7', 'Départs en vacances', 1000], ['EVS Les Oliviers', 'X7', 'Départs en vacances', 500]], 'CD07_2019.csv');
    const alone = run([STRUCTURES, one]);
    // one line alone is no evidence that « Libellé » labels the code (it could be any column)
    expect(unknown(alone)).toEqual(['X7']);
    const r = run([STRUCTURES, one, two]);
    expect(r.dataset.fundings.map((l) => [l.year, l.dispositif])).toEqual([
      [2018, 'CD_VACANCES'],
      [2019, 'CD_VACANCES'],
      [2019, 'CD_VACANCES'],
    ]);
    expect(unknown(r)).toEqual([]);
  });

  test('two sheets of a partner labelling one code differently: neither label is lent to a third sheet', () => {
    const a = cd('Aides 2018', [['CS du Pouzin', 'X1', 'Départs en vacances', 1000], ['EVS Les Oliviers', 'X1', 'Départs en vacances', 500]], 'CD07_a.csv');
    const b = cd('Aides 2019', [['CS du Pouzin', 'X1', 'Vie associative', 1000], ['EVS Les Oliviers', 'X1', 'Vie associative', 500]], 'CD07_b.csv');
    const c = cd('Aides 2020', [['CS du Pouzin', 'X1', 'Départs en vacances', 700]], 'CD07_c.csv');
    const r = run([STRUCTURES, a, b, c]);
    expect(r.dataset.fundings.filter((l) => l.source.file === 'CD07_c.csv').map((l) => l.dispositif)).toEqual([undefined]);
    expect(unknown(r)).toEqual(['X1']);
  });
});

describe('convention types and structure kinds nobody recognised: asked once per value and partner (issue 9 §2)', () => {
  const conventions = (type: string, partner = 'CD07') =>
    grid(
      [
        ['Organisme', 'Type', 'Référence', 'Début', 'Fin'],
        ['CS du Pouzin', type, `${partner}-2019-001`, '01/01/2019', '31/12/2020'],
        ['EVS Les Oliviers', type, `${partner}-2019-002`, '01/01/2019', '31/12/2020'],
      ],
      { file: `${partner}_conventions.xlsx`, sheet: 'Liste' },
    );
  const pipeline = (grids: Grid[], values?: Record<string, unknown>) =>
    runPipeline({ sources: grids.map((g) => ({ file: g.file, grids: [g] })), asOf: '2020-06-30', mappings: values ? { version: 1, sheets: [], values } : undefined } as Parameters<typeof runPipeline>[0]);
  const of = (r: ReturnType<typeof run>, code: string) => r.findings.filter((f) => f.code === code);

  test.each<[string, string, string, number]>([
    ['a type written that names none of the partner’s two types', 'CD07', 'Avenant financier', 1],
    ['a type the reference knows', 'CD07', 'Convention pluriannuelle', 0],
    ['a partner with one type only: nothing to choose', 'MSA', 'Avenant financier', 0],
  ])('%s (%s, « %s »): %d finding', (_, partner, type, n) => {
    const f = of(run([STRUCTURES, conventions(type, partner)]), 'TYPE_CONVENTION_INCONNU');
    expect(f).toHaveLength(n);
    if (n) {
      expect(f[0]).toMatchObject({ severity: 'alerte', partner, value: type, count: 2, detail: "Convention pluriannuelle d'objectifs", location: { file: 'CD07_conventions.xlsx', sheet: 'Liste', row: 2, col: 'B' } });
      expect(f[0].message).toContain('« Avenant financier » inconnu du référentiel pour CD07 (2 conventions)');
    }
  });

  test('the answer saved for the value is used, and nothing is asked again', () => {
    const r = pipeline([STRUCTURES, conventions('Avenant financier')], { conventionType: { CD07: { 'Avenant financier': 'CONFERENCE_FINANCEURS' } } });
    expect(r.dataset.conventions.map((c) => c.type)).toEqual(['CONFERENCE_FINANCEURS', 'CONFERENCE_FINANCEURS']);
    expect(of(r, 'TYPE_CONVENTION_INCONNU')).toEqual([]);
    expect(r.unknownValues).toEqual([]);
  });

  const facs = (type: string) =>
    grid(
      [
        ['Nom', 'Type', 'SIRET', 'Commune'],
        ['Les Mûriers', type, '41234567800038', 'Lamastre'],
      ],
      { file: 'FACS_adherents.xlsx', sheet: 'Adhérents' },
    );

  test('a « Type » that says neither centre social nor EVS, for a name that does not either: one finding, read as a centre social', () => {
    const r = run([facs('Halte-garderie')]);
    expect(r.dataset.structures.map((s) => s.kind)).toEqual(['CS']);
    const f = of(r, 'TYPE_STRUCTURE_INCONNU');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'alerte', partner: 'FACS', value: 'Halte-garderie', count: 1, location: { row: 2, col: 'B' } });
    expect(f[0].message).toContain('« Halte-garderie » non reconnu dans la liste des structures de FACS (1 structure : Les Mûriers)');
    expect(r.unknownValues.map((u) => [u.field, u.partner, u.value])).toEqual([['kind', 'FACS', 'Halte-garderie']]);
  });

  test('another list saying the kind settles it: nothing asked', () => {
    const caf = grid(
      [
        ['Equipement', 'Nature', 'SIRET'],
        ['EVS Les Mûriers', 'Espace de vie sociale', '41234567800038'],
      ],
      { file: 'CAF_structures.xlsx', sheet: 'Structures' },
    );
    const r = run([facs('Halte-garderie'), caf]);
    expect(r.dataset.structures.map((s) => s.kind)).toEqual(['EVS']);
    expect(of(r, 'TYPE_STRUCTURE_INCONNU')).toEqual([]);
  });

  test('the answer saved (EVS) is the kind', () => {
    const r = pipeline([facs('Halte-garderie')], { kind: { FACS: { 'Halte-garderie': 'EVS' } } });
    expect(r.dataset.structures.map((s) => s.kind)).toEqual(['EVS']);
    expect(of(r, 'TYPE_STRUCTURE_INCONNU')).toEqual([]);
  });
});

test('a conventions list whose « Du » and « Au » hold years (2019, « 2020 »): the first and last days, no unreadable date nor missing convention', () => {
  const list = grid(
    [
      ['Organisme', 'Type', 'Référence', 'Du', 'Au'],
      ['CS du Pouzin', 'Convention pluriannuelle', 'CPO-2019-001', 2019, '2020'],
    ],
    { file: 'CD07_conventions.xlsx', sheet: 'Conventions' },
  );
  const cd = grid(
    [
      ['Bénéficiaire', 'Dispositif', 'Exercice', 'Montant voté', 'Date de décision'],
      ['CS du Pouzin', 'Vie associative', 2020, 30000, 2020],
      ['CS du Pouzin', 'Vie associative', null, 30000, 2019],
    ],
    { file: 'CD07_subventions.xlsx', sheet: 'Aides' },
  );
  const r = run([STRUCTURES, list, cd], '2020-12-31');
  expect(r.dataset.conventions.map((c) => [c.ref, c.start, c.end])).toEqual([['CPO-2019-001', '2019-01-01', '2020-12-31']]);
  // a decision « date » that is a year gives the line's year, not 1905
  expect(r.dataset.fundings.map((l) => l.year).sort()).toEqual([2019, 2020]);
  expect(r.findings.filter((f) => ['MONTANT_ILLISIBLE', 'CONVENTION_MANQUANTE', 'CHAMP_OBLIGATOIRE'].includes(f.code))).toEqual([]);
});

test('an unreadable decision or convention date drops the date, not the line, and the message says so', () => {
  const cd = grid(
    [
      ['Bénéficiaire', 'Dispositif', 'Exercice', 'Montant voté', 'Date de décision', 'Convention signée le'],
      ['CS du Pouzin', 'AJIR', 2020, 3000, 'bientôt', '31/02/2020'],
    ],
    { file: 'CD07_subventions.xlsx', sheet: 'Aides' },
  );
  const r = run([STRUCTURES, cd], '2020-12-31');
  expect(r.dataset.fundings.map((l) => l.voted)).toEqual([3000]);
  expect(r.findings.filter((f) => f.code === 'MONTANT_ILLISIBLE').map((f) => f.message)).toEqual([
    "Date de décision illisible « bientôt » pour CS du Pouzin (partenaire CD07, exercice 2020) : la ligne est comptée, sans date de décision. Saisissez un nombre (ex. 12 500,00) ou une date (ex. 01/09/2018) dans la cellule.",
    "Date de convention illisible « 31/02/2020 » pour CS du Pouzin (partenaire CD07, exercice 2020) : la ligne est comptée, sans date de convention. Saisissez un nombre (ex. 12 500,00) ou une date (ex. 01/09/2018) dans la cellule.",
  ]);
});
