import { checkAgrementsExpiring } from '../../../src/core/checks/check-agrements-expiring';
import { checkAmounts } from '../../../src/core/checks/check-amounts';
import { checkConventions } from '../../../src/core/checks/check-conventions';
import { checkDispositifRules } from '../../../src/core/checks/check-dispositif-rules';
import { checkPlanCoverage } from '../../../src/core/checks/check-plan-coverage';
import { checkTerritories, epciKey } from '../../../src/core/checks/check-territories';
import { runChecks, sortFindings } from '../../../src/core/checks/run-checks';
import { makeFinding } from '../../../src/core/checks/messages';
import { defaultReference } from '../../../src/core/reference/default-reference';
import { convention, dataset, line, structure } from '../../fixtures/build';

const ref = defaultReference();
const codes = (fs: { code: string }[]) => fs.map((f) => f.code);

describe('MONTANT_NEGATIF and VERSE_SUPERIEUR_VOTE', () => {
  test.each<[string, Partial<ReturnType<typeof line>>, string[]]>([
    ['positive amounts', { voted: 100, paid: 100 }, []],
    ['negative voted', { voted: -800, paid: -800 }, ['MONTANT_NEGATIF']],
    ['negative requested', { requested: -1, voted: 10 }, ['MONTANT_NEGATIF']],
    ['paid above voted by a cent', { voted: 100, paid: 100.01 }, ['VERSE_SUPERIEUR_VOTE']],
    ['paid equal to voted', { voted: 100, paid: 100 }, []],
    ['paid without voted', { paid: 100 }, []],
    ['voted without paid', { voted: 100 }, []],
    ['zero voted is not negative', { voted: 0, paid: 0 }, []],
    ['no amount at all', {}, []],
    ['paid above voted by half a cent: rounding, not an overpayment', { voted: 100, paid: 100.005 }, []],
    ['paid above voted by just over half a cent', { voted: 100, paid: 100.006 }, ['VERSE_SUPERIEUR_VOTE']],
    ['a duplicate is not checked twice', { voted: -5, duplicateOf: { file: 'a', sheet: 'b', row: 1 } }, []],
  ])('%s', (_l, over, expected) => {
    const f = checkAmounts(dataset({ fundings: [line({ structure: 'CS-A', ...over })] }));
    expect(codes(f)).toEqual(expected);
  });

  test('MONTANT_NEGATIF names the structure, partner, year and the negative amount', () => {
    const [f] = checkAmounts(dataset({ fundings: [line({ structure: 'CS-A', structureName: 'CS Les Terrasses', partner: 'CD07', year: 2019, voted: 1000, paid: -250 })] }));
    expect(f).toMatchObject({ code: 'MONTANT_NEGATIF', partner: 'CD07', structure: 'CS-A', year: 2019, amount: -250 });
    expect(f.message).toMatch(/CS Les Terrasses/);
    expect(f.message).toMatch(/250,00/);
  });

  test('the message names the structure, partner, year and amounts', () => {
    const [f] = checkAmounts(dataset({ fundings: [line({ structure: 'CS-A', structureName: 'CS Les Terrasses', partner: 'MSA', year: 2020, voted: 2500, paid: 2750 })] }));
    expect(f.message).toMatch(/2\u202f750,00 €.*2\u202f500,00 €.*CS Les Terrasses.*MSA.*2020/);
    expect(f.location).toBeDefined();
  });
});

describe('DISPOSITIF_NON_AUTORISE and AGREMENT_ABSENT_OU_EXPIRE', () => {
  const cs = (agrements: { types: string[]; start: string; end: string }[]) => structure('CS-A', { kind: 'CS', agrements });
  const evs = structure('EVS-A', { kind: 'EVS', agrements: [{ types: ['AL'], start: '2018-01-01', end: '2021-12-31' }] });
  const run = (s: ReturnType<typeof structure>, dispositif: string, year = 2019) =>
    codes(checkDispositifRules(dataset({ structures: [s], fundings: [line({ structure: s.code, partner: 'CAF', dispositif, year, voted: 1000 })] }), ref));

  test('PS AGC to an EVS is not allowed', () => expect(run(evs, 'PS_AGC')).toEqual(['DISPOSITIF_NON_AUTORISE']));
  test('PS AL to an EVS with its agrément is fine', () => expect(run(evs, 'PS_AL')).toEqual([]));
  test('PS AL to a CS is not allowed', () => expect(run(cs([]), 'PS_AL')).toEqual(['DISPOSITIF_NON_AUTORISE']));
  test('PS AGC with a valid AGC agrément', () => expect(run(cs([{ types: ['AGC', 'ACF'], start: '2019-01-01', end: '2022-12-31' }]), 'PS_AGC')).toEqual([]));
  test('PS AGC without any agrément', () => expect(run(cs([]), 'PS_AGC')).toEqual(['AGREMENT_ABSENT_OU_EXPIRE']));
  test('PS ACF with only an AGC agrément', () => expect(run(cs([{ types: ['AGC'], start: '2019-01-01', end: '2022-12-31' }]), 'PS_ACF')).toEqual(['AGREMENT_ABSENT_OU_EXPIRE']));
  test('agrément expired the year before', () => expect(run(cs([{ types: ['AGC'], start: '2015-01-01', end: '2018-12-31' }]), 'PS_AGC')).toEqual(['AGREMENT_ABSENT_OU_EXPIRE']));
  test('agrément starting 31 December of the year covers the year', () => expect(run(cs([{ types: ['AGC'], start: '2019-12-31', end: '2023-12-30' }]), 'PS_AGC')).toEqual([]));
  test('agrément starting 1 January of the next year does not', () => expect(run(cs([{ types: ['AGC'], start: '2020-01-01', end: '2023-12-31' }]), 'PS_AGC')).toEqual(['AGREMENT_ABSENT_OU_EXPIRE']));
  test('agrément ending 1 January of the year covers the year', () => expect(run(cs([{ types: ['AGC'], start: '2015-01-02', end: '2019-01-01' }]), 'PS_AGC')).toEqual([]));
  test('agrément named by the list without any date: trusted; with dates of another period: not', () => {
    expect(run(structure('CS-A', { kind: 'CS', agrements: [], agrementTypes: ['AGC'] }), 'PS_AGC')).toEqual([]);
    expect(run(structure('CS-A', { kind: 'CS', agrements: [], agrementTypes: ['AGC'] }), 'PS_ACF')).toEqual(['AGREMENT_ABSENT_OU_EXPIRE']);
    expect(run(structure('CS-A', { kind: 'CS', agrementTypes: ['AGC'], agrements: [{ types: ['AGC'], start: '2020-01-01', end: '2023-12-31' }] }), 'PS_AGC')).toEqual(['AGREMENT_ABSENT_OU_EXPIRE']);
  });
  test('a dispositif open to all kinds and without rule: nothing', () => expect(run(evs, 'CAF_FONDS_PROPRES')).toEqual([]));
  test('unknown structure: no rule can be checked', () => {
    expect(checkDispositifRules(dataset({ fundings: [line({ partner: 'CAF', dispositif: 'PS_AGC', voted: 1 })] }), ref)).toEqual([]);
  });
});

describe('CONVENTION_MANQUANTE', () => {
  const s = structure('CS-A', { name: 'Centre social A', siret: '41234567800012' });
  const cd = (voted: number, dispositif = 'CD_AJIR', year = 2019) => line({ partner: 'CD07', structure: 'CS-A', dispositif, year, voted });
  const run = (fundings: ReturnType<typeof line>[], conventions: ReturnType<typeof convention>[] = []) =>
    checkConventions(dataset({ structures: [s], fundings, conventions }), ref).map((f) => [f.partner, f.year, f.reason, f.amount]);

  test('23 000 € exactly from one partner in a year: no convention needed', () => expect(run([cd(23000)])).toEqual([]));
  test('23 000,01 €: a convention is needed', () => expect(run([cd(23000.01)])).toEqual([['CD07', 2019, 'seuil_23000', 23000.01]]));
  test('the threshold is on the sum of the partner’s lines in the year', () => expect(run([cd(12000), cd(11000.5, 'CD_CULTURE')])).toEqual([['CD07', 2019, 'seuil_23000', 23000.5]]));
  test('not summed across partners or years', () => {
    expect(run([cd(12000), line({ partner: 'MSA', structure: 'CS-A', dispositif: 'MSA_JEUNES', voted: 12000 }), cd(12000, 'CD_AJIR', 2020)])).toEqual([]);
  });
  test('a duplicate does not count towards the threshold', () => {
    expect(run([cd(12000), { ...cd(12000), duplicateOf: { file: 'x', sheet: 'y', row: 2 } }])).toEqual([]);
  });
  test('any convention of that partner covering a day of the year lifts the threshold alert', () => {
    expect(run([cd(30000)], [convention({ partner: 'CD07', structure: 'CS-A', type: 'CONFERENCE_FINANCEURS', start: '2017-01-01', end: '2019-01-01' })])).toEqual([]);
  });
  test('a convention ending 1 January covers that year, one ending 31 December before does not', () => {
    const conv = (end: string) => convention({ partner: 'CD07', structure: 'CS-A', type: 'PLURIANNUELLE', start: '2016-01-01', end });
    expect(run([cd(5000, 'CD_VIE_ASSO')], [conv('2019-01-01')])).toEqual([]);
    expect(run([cd(5000, 'CD_VIE_ASSO')], [conv('2018-12-31')])).toEqual([['CD07', 2019, 'dispositif', 5000]]);
  });
  test('a convention starting 31 December covers that year', () => {
    expect(run([cd(5000, 'CD_VIE_ASSO')], [convention({ partner: 'CD07', structure: 'CS-A', type: 'PLURIANNUELLE', start: '2019-12-31', end: '2022-12-31' })])).toEqual([]);
  });
  test('a convention of another partner does not count', () => {
    expect(run([cd(30000)], [convention({ partner: 'CAF', structure: 'CS-A', type: 'COF', start: '2019-01-01', end: '2022-12-31' })])).toEqual([['CD07', 2019, 'seuil_23000', 30000]]);
  });
  test('a dispositif that requires a convention, with none: flagged whatever the amount', () => {
    expect(run([cd(100, 'CD_VIE_ASSO')])).toEqual([['CD07', 2019, 'dispositif', 100]]);
    expect(run([line({ partner: 'MSA', structure: 'CS-A', dispositif: 'MSA_GLOBAL', voted: 3900 })])).toEqual([['MSA', 2019, 'dispositif', 3900]]);
    expect(run([cd(4100, 'CD_AUTONOMIE')])).toEqual([['CD07', 2019, 'dispositif', 4100]]);
  });
  test('the convention must be of the required type', () => {
    const conf = convention({ partner: 'CD07', structure: 'CS-A', type: 'CONFERENCE_FINANCEURS', start: '2019-01-01', end: '2019-12-31' });
    expect(run([cd(100, 'CD_VIE_ASSO')], [conf])).toEqual([['CD07', 2019, 'dispositif', 100]]);
    expect(run([cd(100, 'CD_AUTONOMIE')], [conf])).toEqual([]);
  });
  test('both reasons at once: a required convention and above the threshold', () => {
    expect(run([cd(30000, 'CD_VIE_ASSO')])).toEqual([
      ['CD07', 2019, 'dispositif', 30000],
      ['CD07', 2019, 'seuil_23000', 30000],
    ]);
  });
  test('an unknown structure cannot be checked', () => {
    expect(checkConventions(dataset({ fundings: [line({ partner: 'CD07', voted: 50000 })] }), ref)).toEqual([]);
  });
  test('the message names the structure, partner, year and amount', () => {
    const [f] = checkConventions(dataset({ structures: [s], fundings: [cd(24300)] }), ref);
    expect(f.message).toMatch(/Centre social A.*24\u202f300,00 €.*CD07.*2019/);
    expect(f).toMatchObject({ structure: 'CS-A', siret: '41234567800012', severity: 'alerte' });
  });
});

describe('AXE_NON_FINANCE, OBJECTIF_SANS_ACTION, LIGNE_SANS_ACTION', () => {
  const axes = (fundings: ReturnType<typeof line>[]) =>
    checkPlanCoverage(dataset({ fundings }), ref)
      .filter((f) => f.code === 'AXE_NON_FINANCE')
      .map((f) => `${f.year}:${f.axis}`);
  const all = (year: number) => ['1', '2', '3', '4'].map((a) => line({ year, plan: a, axis: a, voted: 10 }));

  test('every axis funded: nothing', () => expect(axes(all(2019))).toEqual([]));
  test('an axis without a line in a funded year', () => expect(axes(all(2019).filter((l) => l.axis !== '3'))).toEqual(['2019:3']));
  test('a line at zero, or only requested, does not fund its axis', () => {
    expect(axes([...all(2019).filter((l) => l.axis !== '1'), line({ year: 2019, plan: '1.1.1', axis: '1', voted: 0 })])).toEqual(['2019:1']);
    expect(axes([...all(2019).filter((l) => l.axis !== '1'), line({ year: 2019, plan: '1.1.1', axis: '1', requested: 500 })])).toEqual(['2019:1']);
  });
  test('a duplicate does not fund its axis', () => {
    expect(axes([...all(2019).filter((l) => l.axis !== '4'), line({ year: 2019, axis: '4', plan: '4', voted: 5, duplicateOf: { file: 'a', sheet: 'b', row: 1 } })])).toEqual(['2019:4']);
  });
  test('years without any line are not reported', () => expect(axes([...all(2019), line({ year: 2020, plan: '2', axis: '2', voted: 1 })])).toEqual(['2020:1', '2020:3', '2020:4']));
  test('objective 3.3 has no action', () => {
    const f = checkPlanCoverage(dataset(), ref).filter((x) => x.code === 'OBJECTIF_SANS_ACTION');
    expect(f.map((x) => x.objective)).toEqual(['3.3']);
  });
  test('a line without plan node', () => {
    const f = checkPlanCoverage(dataset({ fundings: [line({ plan: undefined, voted: 10 }), line({ plan: '2', axis: '2', voted: 10 })] }), ref).filter((x) => x.code === 'LIGNE_SANS_ACTION');
    expect(f).toHaveLength(1);
  });
});

describe('AGREMENT_BIENTOT_EXPIRE', () => {
  const run = (end: string, asOf = '2020-06-30') =>
    codes(checkAgrementsExpiring(dataset({ structures: [structure('CS-A', { agrements: [{ types: ['AGC'], start: '2017-01-01', end }] })] }), asOf));
  test('ending within 12 months', () => expect(run('2020-12-31')).toEqual(['AGREMENT_BIENTOT_EXPIRE']));
  test('ending exactly 12 months later', () => expect(run('2021-06-30')).toEqual(['AGREMENT_BIENTOT_EXPIRE']));
  test('ending 12 months and a day later', () => expect(run('2021-07-01')).toEqual([]));
  test('ending on the reference date', () => expect(run('2020-06-30')).toEqual(['AGREMENT_BIENTOT_EXPIRE']));
  test('already ended: not "soon"', () => expect(run('2020-06-29')).toEqual([]));
  test('only the latest period counts (renewed)', () => {
    const s = structure('CS-A', { agrements: [{ types: ['AGC'], start: '2017-01-01', end: '2020-12-31' }, { types: ['AGC'], start: '2021-01-01', end: '2024-12-31' }] });
    expect(checkAgrementsExpiring(dataset({ structures: [s] }), '2020-06-30')).toEqual([]);
  });
  test('the message gives the date in French format', () => {
    const [f] = checkAgrementsExpiring(dataset({ structures: [structure('CS-A', { name: 'CS A', agrements: [{ types: ['AGC'], start: '2017-01-01', end: '2020-12-31' }] })] }), '2020-06-30');
    expect(f.message).toContain('31/12/2020');
  });
});

describe('TERRITOIRE_NON_POURVU', () => {
  test('every EPCI of the reference without a structure, accents and case ignored; a federation does not serve a territory', () => {
    const structures = [
      structure('A', { epci: 'ca annonay rhone agglo' }),
      structure('B', { epci: 'CA Privas Centre Ardèche', kind: 'FEDERATION' }),
    ];
    const f = checkTerritories(dataset({ structures }), ref).map((x) => x.epci);
    expect(f).not.toContain('CA Annonay Rhône Agglo');
    expect(f).toContain('CA Privas Centre Ardèche');
    expect(f).toHaveLength(ref.epci.length - 1);
  });

  test('structures whose EPCI is unknown are named: the territory is only « sans structure connue »', () => {
    const known = [structure('A', { epci: 'CA Annonay Rhône Agglo' })];
    expect(checkTerritories(dataset({ structures: known }), ref)[0].message).toMatch(/^Aucune structure de l'animation/);
    const unplaced = [...known, ...['B', 'C', 'D', 'E'].map((c) => structure(c, { name: `EVS ${c}`, commune: `Commune ${c}`, epci: undefined }))];
    const [f] = checkTerritories(dataset({ structures: unplaced }), ref);
    expect(f.message).toBe(
      "Aucune structure connue sur le territoire « CA Arche Agglo » (axe 2.1 du plan), mais 4 structures sans EPCI connu : EVS B (Commune B), EVS C (Commune C), EVS D (Commune D) et 1 autre(s) : complétez la colonne EPCI de la liste des structures pour savoir si l'une d'elles s'y trouve.",
    );
  });
});


describe('runChecks and sortFindings', () => {
  test('severity first, then file › sheet › row; findings without location last in their severity', () => {
    const loc = (file: string, row: number) => ({ file, sheet: 'S', row });
    const fs = [
      makeFinding('AXE_NON_FINANCE', { year: 2019, axis: '1' }),
      makeFinding('LIGNE_SANS_ACTION', {}, loc('a', 2)),
      makeFinding('MONTANT_NEGATIF', {}, loc('b', 3)),
      makeFinding('DOUBLON', {}, loc('a', 9)),
      makeFinding('MONTANT_ILLISIBLE', {}, loc('b', 2)),
      makeFinding('STRUCTURE_INCONNUE', {}, loc('a', 10)),
    ];
    expect(sortFindings(fs).map((f) => `${f.severity} ${f.location?.file ?? '-'}${f.location?.row ?? ''}`)).toEqual([
      'erreur a10',
      'erreur b2',
      'erreur b3',
      'alerte a9',
      'alerte -',
      'info a2',
    ]);
  });

  test('runChecks on a clean dataset gives only plan and territory information', () => {
    const s = structure('CS-A', { kind: 'CS', epci: 'CA Arche Agglo', agrements: [{ types: ['AGC'], start: '2019-01-01', end: '2022-12-31' }] });
    const fundings = ['1', '2', '3', '4'].map((a) => line({ structure: 'CS-A', partner: 'CAF', dispositif: 'PS_AGC', plan: a, axis: a, voted: 1000, paid: 1000 }));
    const f = runChecks(dataset({ structures: [s], fundings }), ref, { asOf: '2019-06-30' });
    expect([...new Set(codes(f))].sort()).toEqual(['OBJECTIF_SANS_ACTION', 'TERRITOIRE_NON_POURVU']);
  });
});

test('a convention with neither start nor end covers no year', () => {
  const s = structure('CS-A');
  const f = checkConventions(
    dataset({ structures: [s], fundings: [line({ partner: 'CD07', structure: 'CS-A', dispositif: 'CD_VIE_ASSO', voted: 100 })], conventions: [convention({ structure: 'CS-A' })] }),
    ref,
  );
  expect(f.map((x) => x.reason)).toEqual(['dispositif']);
});

test('EPCI written differently in the structures list still serve their territory', () => {
  const structures = [
    structure('A', { epci: 'Communauté de communes du Bassin d’Aubenas' }),
    structure('B', { epci: "Communauté d'agglomération Annonay Rhône Agglo" }),
    structure('C', { epci: 'CA Arche' }),
  ];
  const f = checkTerritories(dataset({ structures }), ref).map((x) => x.epci);
  expect(f).not.toContain("CC du Bassin d'Aubenas");
  expect(f).not.toContain('CA Annonay Rhône Agglo');
  expect(f).not.toContain('CA Arche Agglo');
  expect(f).toHaveLength(ref.epci.length - 3);
});

test('no two EPCI of the reference read as the same territory', () => {
  expect(new Set(ref.epci.map(epciKey)).size).toBe(ref.epci.length);
});
