/**
 * The in-Excel paths of the task pane in Chromium, on the fake Excel host
 * (test/adapters/office/fake-excel.ts, bundled with the pane by esbuild): reading the open
 * workbook, a click that selects the cell, the Référentiel sheet written, edited and read back (a
 * new partner gets its own programming column), corrections saved in and removed from the
 * workbook's settings. Screenshots: out/e2e/i15-excel-*.png.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { SETTINGS } from '../../src/adapters/office/generated-sheets';
import { axeViolations, focused, hasChromium, launch, openPane, shot } from './browser';
import { buildFakeHost } from './fake-host/build-fake-host';
import { serveDir } from './serve-dist';

const EXAMPLES = path.resolve(__dirname, '../../examples/partenaires');
const run = hasChromium ? describe : describe.skip;

/** A CAF sheet with a two-row header (« Montant » written over « accordé » and « versé »), one unreadable amount. */
const SHEETS = [
  {
    name: 'CAF PS 2020',
    rows: [
      ['CAF de l’Ardèche — prestations de service 2020'],
      [],
      ['Equipement', 'Prestation', 'Montant', 'Montant', 'Action du schéma'],
      [null, null, 'accordé', 'versé', null],
      ['Centre social Le Chambon', 'PS AGC', 60000, 50000, '2.1.1'],
      ['EVS Les Terrasses', 'PS ACF', 'en attente', 2000, '2.1.1'],
      ['Centre socioculturel La Cascade', 'PS AGC', 45000, 45000, '1.1.1'],
    ],
  },
];

type Fake = { sheets: { name: string; cells: Map<string, { value: unknown }>; selected?: string }[]; settings: Map<string, unknown> };
const fake = <T,>(page: Page, f: (wb: Fake, arg: string) => T, arg = '') => page.evaluate(({ src, arg }) => new Function('wb', 'arg', `return (${src})(wb, arg)`)((window as unknown as { fakeWorkbook: Fake }).fakeWorkbook, arg), { src: f.toString(), arg }) as Promise<T>;

run('task pane in Excel (fake host) in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveDir>>;

  beforeAll(async () => {
    server = await serveDir(buildFakeHost());
    browser = await launch();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('reads the workbook, selects a finding\'s cell, uses and writes the Référentiel sheet, keeps corrections in the settings', async () => {
    const { context, page, errors } = await openPane(browser, `${server.url}taskpane.html`, { sheets: SHEETS });
    await page.getByRole('button', { name: 'Lire les feuilles du classeur' }).click();
    await page.getByText('Classeur lu').waitFor({ timeout: 30_000 });
    await page.getByText('« CAF PS 2020 » — Financements, CAF, 2020, 3 lignes').waitFor();
    await expect(page.getByTestId('reference-in-use').innerText()).resolves.toMatch(/référentiel intégré\) : 4 partenaires/);
    await shot(page, 'i15-excel-01-classeur-lu');

    // a click on a finding of the workbook's own sheet selects its cell (no « where » box)
    await page.getByRole('tab', { name: '3. Contrôles' }).click();
    await page.getByRole('textbox', { name: /Rechercher/ }).fill('en attente');
    await page.getByTestId('finding').first().click();
    await page.waitForFunction(() => (window as unknown as { fakeWorkbook: Fake }).fakeWorkbook.sheets.find((s) => s.name === 'CAF PS 2020')?.selected === 'C6');
    await expect(page.getByTestId('finding-where').count()).resolves.toBe(0);
    await shot(page, 'i15-excel-02-cellule-selectionnee');

    // two-row header in Excel too: ignoring « Montant versé » keeps it, and the choice goes to the workbook's settings
    await page.getByRole('tab', { name: '2. Correspondances' }).click();
    await page.getByTestId('mapping-sheet').first().locator('summary').click();
    await page.getByRole('combobox', { name: 'Champ de la colonne « Montant versé » de Pilotage 2020.xlsx › CAF PS 2020', exact: true }).click();
    await page.getByRole('option', { name: 'Ignorer la colonne', exact: true }).click();
    await page.locator('.pane[aria-busy="false"]').waitFor();
    await expect(page.getByTestId('mapping-sheet').first().locator('summary').innerText()).resolves.toMatch(/\(sur deux lignes\), 3 lignes/);
    await page.getByRole('button', { name: 'Enregistrer les correspondances' }).click();
    await page.getByText('Elles sont gardées dans ce classeur').waitFor();
    const saved = JSON.parse(await fake(page, (wb, key) => wb.settings.get(key) as string, SETTINGS.mappings));
    expect(saved.sheets[0].columns['Montant versé']).toBeNull();
    await page.getByRole('button', { name: 'Oublier toutes les corrections' }).click();
    await page.getByText('Corrections oubliées').waitFor();
    expect(JSON.parse(await fake(page, (wb, key) => wb.settings.get(key) as string, SETTINGS.mappings))).toEqual({ version: 1, sheets: [] });
    await shot(page, 'i15-excel-03-corrections');

    // the default Référentiel written into the workbook, a partner added in it, read back
    await page.getByRole('tab', { name: '1. Sources' }).click();
    await page.getByRole('button', { name: 'Écrire le référentiel intégré dans le classeur' }).click();
    await page.getByText('Feuille « Référentiel » écrite').waitFor();
    const added = await fake(page, (wb) => {
      const s = wb.sheets.find((x) => x.name === 'Référentiel')!;
      // the partners' table: the row after FACS is free (tables are three rows apart)
      const facs = [...s.cells.entries()].find(([k, c]) => k.endsWith(',1') && c.value === 'FACS')!;
      const row = Number(facs[0].split(',')[0]) + 1;
      ['CARSAT', 'Carsat Rhône-Alpes', 'caisse', 'Oui', 'carsat', ''].forEach((value, i) => s.cells.set(`${row},${i + 1}`, { value }));
      return row;
    });
    expect(added).toBeGreaterThan(3);
    await page.getByRole('button', { name: 'Relire la feuille « Référentiel »' }).click();
    await page.getByText('Classeur lu').waitFor();
    await expect(page.getByTestId('reference-in-use').innerText()).resolves.toMatch(/lu dans feuille « Référentiel » du classeur : 5 partenaires/);
    // the Référentiel sheet is not read as a partner's sheet
    await expect(page.getByTestId('source-sheet').allInnerTexts()).resolves.toEqual(['« CAF PS 2020 » — Financements, CAF, 2020, 3 lignes']);
    await shot(page, 'i15-excel-04-referentiel-relu');
    expect(await axeViolations(page)).toEqual([]);

    // written: the new partner has its own column in Programmation 2020
    await page.getByRole('tab', { name: '5. Programmation' }).click();
    await page.getByRole('button', { name: 'Écrire les feuilles dans le classeur' }).click();
    await page.getByText('Feuilles écrites').waitFor({ timeout: 60_000 });
    await page.waitForTimeout(100);
    expect(await focused(page)).toBe('notice');
    const headers = await fake(page, (wb) => [...wb.sheets.find((s) => s.name === 'Programmation 2020')!.cells.values()].map((c) => String(c.value)));
    expect(headers).toContain('Voté CARSAT');
    expect(headers).toContain('Voté CAF');
    await shot(page, 'i15-excel-05-feuilles-ecrites');

    // a finding of a picked file (not a sheet of this workbook): the pane says where it is instead
    await page.getByRole('tab', { name: '1. Sources' }).click();
    await page.getByTestId('file-input').setInputFiles(path.join(EXAMPLES, 'CAF07_PS_2019-2020.xlsx'));
    await page.getByText('Fichiers lus').waitFor({ timeout: 60_000 });
    await page.getByRole('tab', { name: '3. Contrôles' }).click();
    await page.getByRole('textbox', { name: /Rechercher/ }).fill('en attente');
    await page.getByTestId('finding').filter({ hasText: 'CAF07_PS_2019-2020.xlsx' }).click();
    await page.getByTestId('finding-where').getByText("Cette cellule n'est pas dans ce classeur").waitFor();
    await expect(page.getByTestId('finding-where-text').innerText()).resolves.toBe('CAF07_PS_2019-2020.xlsx › PS 2020 › D10');
    await shot(page, 'i15-excel-06-cellule-hors-classeur');
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);
});
