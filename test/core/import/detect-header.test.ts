import { detectHeader } from '../../../src/core/import/detect-header';
import { grid } from '../../fixtures/build';

const fields = (g: ReturnType<typeof detectHeader>) =>
  g && Object.fromEntries(g.columns.map((c) => [c.header, c.field]));

describe('detectHeader', () => {
  test('header on the first row', () => {
    const h = detectHeader(
      grid([
        ['Structure', 'Exercice', 'Montant voté'],
        ['CS A', 2019, 100],
      ]),
    );
    expect(h).toMatchObject({ index: 0, height: 1 });
    expect(fields(h)).toEqual({ Structure: 'structureName', Exercice: 'year', 'Montant voté': 'voted' });
  });

  test('a first line whose amount is 2 000 is data, not the years of a second header row', () => {
    const h = detectHeader(
      grid([
        ['Année', 'Cd', 'Désignation', 'Montant voté (€)', 'Montant mandaté (€)'],
        [2017, 'VAC', 'Projets vacances familles', 2000, 2000],
        [2017, 'VIE ASSO', 'Convention pluriannuelle vie associative', 27000, 27000],
      ]),
    );
    expect(h).toMatchObject({ index: 0, height: 1 });
  });

  test('below title rows, a blank row and a note', () => {
    const h = detectHeader(
      grid([
        ['Département de l’Ardèche — subventions aux structures AVS'],
        ['Exercice 2019'],
        [],
        ['Document de travail', null, null, 'mis à jour le 12/03/2019'],
        ['Bénéficiaire', 'Commune', 'Dispositif', 'Montant voté (€)', 'Montant versé (€)'],
        ['CS A', 'Privas', 'AJIR', 1000, 500],
      ]),
    );
    expect(h).toMatchObject({ index: 4, height: 1 });
    expect(fields(h)).toEqual({
      Bénéficiaire: 'structureName',
      Commune: 'commune',
      Dispositif: 'dispositif',
      'Montant voté (€)': 'voted',
      'Montant versé (€)': 'paid',
    });
  });

  test('a merged title across the whole width does not pass for a header', () => {
    const h = detectHeader(
      grid(
        [
          ['Montant des subventions aux structures, par dispositif', null, null, null],
          ['Structure', 'Dispositif', 'Voté', 'Versé'],
          ['CS A', 'AJIR', 1000, 500],
        ],
        { merges: [{ top: 1, left: 1, bottom: 1, right: 4 }] },
      ),
    );
    expect(h).toMatchObject({ index: 1, height: 1 });
  });

  test('two-row header with a merged group cell ("Montant" over "accordé" and "versé")', () => {
    const h = detectHeader(
      grid(
        [
          ['CAF de l’Ardèche — PS 2019'],
          [],
          ['Equipement', 'Prestation', 'Montant', null, 'Action du schéma'],
          [null, null, 'accordé', 'versé', null],
          ['CS A', 'PS AGC', 1000, 900, null],
        ],
        { merges: [{ top: 3, left: 3, bottom: 3, right: 4 }] },
      ),
    );
    expect(h).toMatchObject({ index: 2, height: 2 });
    expect(fields(h)).toEqual({
      Equipement: 'structureName',
      Prestation: 'dispositif',
      'Montant accordé': 'voted',
      'Montant versé': 'paid',
      'Action du schéma': 'plan',
    });
  });

  test.each([
    ['« Montant versé » ignored', { 'Montant versé': null }, { 'Montant accordé': 'voted' }],
    ['« Montant accordé » ignored', { 'Montant accordé': null }, { 'Montant versé': 'paid' }],
    ['both sub-columns ignored', { 'Montant accordé': null, 'Montant versé': null }, {}],
    [
      'the saved mapping of the whole sheet, one sub-column ignored',
      {
        Equipement: 'structureName',
        Prestation: 'dispositif',
        'Montant accordé': 'voted',
        'Montant versé': null,
        'Action du schéma': 'plan',
      },
      { 'Montant accordé': 'voted' },
    ],
  ])('a two-row header keeps its sub-columns whatever is ignored: %s', (_, overrides, amounts) => {
    const h = detectHeader(
      grid(
        [
          ['CAF de l’Ardèche — PS 2019'],
          [],
          ['Equipement', 'Prestation', 'Montant', null, 'Action du schéma'],
          [null, null, 'accordé', 'versé', null],
          ['CS A', 'PS AGC', 1000, 900, null],
        ],
        { merges: [{ top: 3, left: 3, bottom: 3, right: 4 }] },
      ),
      overrides as Record<string, string | null>,
    );
    expect(h).toMatchObject({
      index: 2,
      height: 2,
      labels: ['Equipement', 'Prestation', 'Montant accordé', 'Montant versé', 'Action du schéma'],
    });
    expect(fields(h)).toEqual({
      Equipement: 'structureName',
      Prestation: 'dispositif',
      ...amounts,
      'Action du schéma': 'plan',
    });
  });

  test('two-row header written without merges (group label only above its first column)', () => {
    const h = detectHeader(
      grid([
        ['Structure', 'Année', 'Subvention', null],
        [null, null, 'votée', 'versée'],
        ['CS A', 2019, 1000, 900],
      ]),
    );
    expect(h?.height).toBe(2);
    expect(fields(h)?.['Subvention votée']).toBe('voted');
  });

  test('a grid with an origin other than A1 (merges are absolute)', () => {
    const h = detectHeader(
      grid(
        [
          ['Titre', null, null],
          ['Nom', 'Montant', null],
          [null, 'voté', 'versé'],
          ['CS A', 1, 2],
        ],
        { originRow: 3, originCol: 2, merges: [{ top: 4, left: 3, bottom: 4, right: 4 }] },
      ),
    );
    expect(h).toMatchObject({ index: 1, height: 2 });
    expect(fields(h)).toEqual({ Nom: 'structureName', 'Montant voté': 'voted', 'Montant versé': 'paid' });
  });

  test('free text and numbers only: no header', () => {
    expect(
      detectHeader(grid([['Compte rendu de la réunion du 3 mars'], ['Présents : Mme X, M. Y'], [1, 2, 3]])),
    ).toBeUndefined();
    expect(detectHeader(grid([]))).toBeUndefined();
  });
});

test('a title merged across the width that happens to name three fields loses to a plain two-field header', () => {
  const h = detectHeader(
    grid(
      [
        ['Subventions votées aux structures par année', null, null],
        ['Structure', 'Montant', 'Note'],
        ['CS A', 1000, 'ok'],
      ],
      { merges: [{ top: 1, left: 1, bottom: 1, right: 3 }] },
    ),
  );
  expect(h).toMatchObject({ index: 1, height: 1 });
});

test('a two-row header whose top row holds only one group label over part of the columns', () => {
  const h = detectHeader(
    grid(
      [
        [null, null, 'Montant', null],
        ['Structure', 'Dispositif', 'voté', 'versé'],
        ['CS A', 'AJIR', 1000, 900],
      ],
      { merges: [{ top: 1, left: 3, bottom: 1, right: 4 }] },
    ),
  );
  expect(h).toMatchObject({ index: 0, height: 2 });
  expect(h?.columns.map((c) => c.field)).toEqual(['structureName', 'dispositif', 'voted', 'paid']);
});

describe('detectHeader: a first data row is never read as sub-labels', () => {
  test.each<[string, (string | number)[]]>([
    ['numeric code as text', ['504', 'Subvention sur fonds propres']],
    ['numeric code as number', [311, 'Subvention sur fonds propres']],
  ])('%s', (_, first) => {
    const h = detectHeader(grid([['CODE', 'DÉSIGNATION'], first, ['AL', 'Animation locale']]));
    // no header of ours (a legend is read by its own reader), and above all not "CODE 504 | DÉSIGNATION Subvention…"
    expect(h?.height ?? 1).toBe(1);
  });
});

describe('detectHeader: a group label over the amount column alone', () => {
  test.each<[string, (string | null)[][]]>([
    [
      'labels repeated on both rows',
      [
        ['Bénéficiaire', 'Millésime', 'Financement', 'Décision du'],
        ['Bénéficiaire', 'Millésime', 'Montant notifié', 'Décision du'],
      ],
    ],
    [
      'the second row empty but under the group',
      [
        ['Bénéficiaire', 'Millésime', 'Financement', 'Décision du'],
        [null, null, 'Montant notifié', null],
      ],
    ],
  ])('%s: the amount is the sub-label, read as a two-row header', (_, head) => {
    const h = detectHeader(grid([['CD07 – soutien'], [], ...head, ['CS A', 2018, 4300, '2 avril 2018']]));
    expect(h).toMatchObject({ index: 2, height: 2 });
    expect(h!.columns.map((c) => c.field)).toEqual(['structureName', 'year', 'voted', 'decisionDate']);
  });
});

describe('detectHeader: years as column groups, amounts that look like years', () => {
  test.each<[string, (string | number | null)[]]>([
    ['numbers', ['CS A', 2050, 1990, 2100]],
    ['numeric text', ['CS A', '2050', '1990', '2100']],
    // one year-like amount repeated: the labels' years alone would make it a year-group sub-label
    ['one year-like amount in every column', ['CS A', 2050, 2050, 2050]],
    ['the same as text', ['CS A', '2050', '2050', '2050']],
  ])('%s under « 2019 - Attribué » are amounts: the header is one row', (_, first) => {
    const h = detectHeader(
      grid([
        ['Synthèse 2018-2020'],
        [],
        ['Structure', '2018 - Attribué', '2019 - Attribué', '2020 - Attribué'],
        first,
        ['CS B', 3000, 4000, 5000],
      ]),
    );
    expect(h).toMatchObject({ index: 2, height: 1 });
  });
});

describe('detectHeader: a first data row whose amounts are text (« 2 100,00 € »)', () => {
  test.each<[string, (string | number | null)[]]>([
    ['euros with a space', ['Club de l’Amitié', null, 'Appel à projets jeunes', '2 100,00 €', '2 100,00 €']],
    [
      'non-breaking thousands',
      ['Club de l’Amitié', null, 'Appel à projets jeunes', '2\u00a0100,00 €', '2\u00a0100,00'],
    ],
    ['a small amount with €', ['Club de l’Amitié', null, 'Appel à projets jeunes', '950 €', '950 €']],
  ])('%s: the row is data, the header one row', (_, first) => {
    const h = detectHeader(
      grid([
        ['MSA – financements AVS'],
        [],
        [
          'ORGANISME',
          'SIREN',
          'TYPE DE FINANCEMENT',
          'ACCORDE (2018)',
          'REGLE 2018',
          'ACCORDE (2019)',
          'REGLE 2019',
        ],
        first,
        ['CS B', '123456789', 'AFG', 3000, 3000, 4000, 4000],
      ]),
    );
    expect(h).toMatchObject({ index: 2, height: 1 });
  });
  test('a sub-label row with words and a unit stays a second header row', () => {
    const h = detectHeader(
      grid([
        ['Structure', 'Financement', 'Financement'],
        [null, 'Montant notifié (€)', 'Versé en €'],
        ['CS B', 3000, 3000],
      ]),
    );
    expect(h).toMatchObject({ index: 0, height: 2 });
  });
});

describe('detectHeader: labels merged over two rows, one group label over its sub-label', () => {
  test.each<[string, (string | null)[], (string | null)[]]>([
    [
      'amount sub-label',
      ['Année', 'Nom du bénéficiaire', "Type d'aide", 'Montants (€)', 'Date commission'],
      [null, null, null, 'Subvention votée', null],
    ],
    [
      'amount group over its kind',
      ['Exercice budgétaire', "N° d'engagement", 'Equipement', 'Montants', 'Date CP'],
      [null, null, null, 'Montant accordé', null],
    ],
  ])('%s: the second row is header, the data starts below it', (_, top, sub) => {
    const h = detectHeader(grid([top, sub, ['2017', 'CS A', 'Accompagnement', 2350, '26/09/2017']]));
    expect(h).toMatchObject({ index: 0, height: 2 });
  });
  test('the labels merged downwards repeated in the second row (as a merged range reads)', () => {
    const top = ['Année', 'Nom du bénéficiaire', "Type d'aide", 'Montants (€)', 'Obs.'];
    const h = detectHeader(
      grid([
        top,
        ['Année', 'Nom du bénéficiaire', "Type d'aide", 'Subvention votée', 'Obs.'],
        ['2017', 'CS A', 'Accompagnement', 2350, null],
      ]),
    );
    expect(h).toMatchObject({ index: 0, height: 2 });
  });
  test('a row with a word that names no field is data (a line whose only cell is its structure)', () => {
    const h = detectHeader(
      grid([
        ['Année', 'Nom du bénéficiaire', "Type d'aide", 'Montant voté'],
        [null, 'CS La Capitelle', null, null],
        ['2017', 'CS A', 'AJIR', 2350],
      ]),
    );
    expect(h).toMatchObject({ index: 0, height: 1 });
  });
});
