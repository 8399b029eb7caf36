/**
 * Issue 27 in Chromium, standalone at 350 px on the production build: whatever the detection
 * decides, the pane offers a way out, and each rescue is driven here through the pane as a user
 * would — a one-sheet-per-structure form completed by « Structure de toute la feuille », a grouped
 * sheet completed by « Recopier vers le bas », an unrecognised CSV mapped by hand (kind, header
 * row, columns), last year's corrections found for a renamed file announced then refused, a hidden
 * sheet read when its kind is chosen. After every action the focus is on an element of the pane
 * (never the page body); axe-core clean; screenshots at 350 and 1 000 px in docs/screenshots/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { formatEuros } from '../../src/core/checks/format-fr';
import type { MappingFile } from '../../src/core/import/mapping-file';
import { axeViolations, hasChromium, launch, openPane, overflow, SHOTS } from './browser';
import { DIST, ensureBuild } from './ensure-build';
import { serveDir } from './serve-dist';

const ROOT = path.resolve(__dirname, '../..');
const DOCS_SHOTS = path.join(ROOT, 'docs/screenshots');
const INPUTS = path.join(SHOTS, 'entrees', 'rescue');
const STORAGE_KEY = 'pilotage-avs.correspondances';

const run = hasChromium ? describe : describe.skip;

type Rows = (string | number | null)[][];

/** An .xlsx written with exceljs: one sheet per entry (hidden when asked). */
async function workbook(name: string, sheets: { name: string; rows: Rows; hidden?: boolean }[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    for (const r of s.rows) ws.addRow(r);
    if (s.hidden) ws.state = 'hidden';
  }
  mkdirSync(INPUTS, { recursive: true });
  const p = path.join(INPUTS, name);
  writeFileSync(p, new Uint8Array(await wb.xlsx.writeBuffer()));
  return p;
}

function textFile(name: string, text: string): string {
  mkdirSync(INPUTS, { recursive: true });
  const p = path.join(INPUTS, name);
  writeFileSync(p, text);
  return p;
}

const docShot = (page: Page, name: string) => page.screenshot({ path: path.join(DOCS_SHOTS, name), fullPage: true });
const saved = (page: Page) => page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? 'null'), STORAGE_KEY) as Promise<MappingFile | null>;
const entry = async (page: Page, file: string, sheet: string) => (await saved(page))?.sheets.find((s) => s.file === file && s.sheet === sheet);
const notice = (page: Page) => page.getByTestId('notice').innerText();
const card = (page: Page, file: string) => page.locator(`[data-testid="source-file"][data-file="${file}"]`);
const sheetCard = (page: Page, file: string, sheet: string) => page.locator(`[data-testid="mapping-sheet"][data-file="${file}"][data-sheet="${sheet}"]`);
const sheetItem = (page: Page, file: string, sheet: string) => card(page, file).locator('li.source-sheet').filter({ hasText: `« ${sheet} »` });

async function idle(page: Page) {
  await page.waitForTimeout(80);
  await page.locator('.pane[aria-busy="false"]').waitFor();
  await page.waitForTimeout(80);
}

/** The focus is on an element of the pane, never on the page body (after the pane's own focus moves). */
async function focusKept(page: Page, what: string) {
  await page.waitForTimeout(350);
  const where = await page.evaluate(() => {
    const e = document.activeElement;
    return !e || e === document.body ? 'BODY' : e.getAttribute('aria-label') || e.getAttribute('data-testid') || e.tagName;
  });
  if (where === 'BODY') throw new Error(`focus lost to <body> after: ${what}`);
  return where;
}

async function pick(page: Page, combobox: string, option: string) {
  await page.getByRole('combobox', { name: combobox, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
  await idle(page);
}

async function tab(page: Page, name: string) {
  await page.getByRole('tab', { name }).click();
}

/** Both widths the pane is seen at (no horizontal overflow at either), then back to 350 px. */
async function shots(page: Page, name: string) {
  expect(await overflow(page)).toBeLessThanOrEqual(0);
  await docShot(page, `${name}-350.png`);
  await page.setViewportSize({ width: 1000, height: 900 });
  await page.waitForTimeout(100);
  expect(await overflow(page)).toBeLessThanOrEqual(0);
  await docShot(page, `${name}-1000.png`);
  await page.setViewportSize({ width: 350, height: 900 });
  await page.waitForTimeout(100);
}

run('rescues of the reading model in the pane (issue 27), standalone in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveDir>>;
  let url: string;

  beforeAll(async () => {
    ensureBuild();
    mkdirSync(DOCS_SHOTS, { recursive: true });
    server = await serveDir(DIST);
    url = `${server.url}taskpane.html`;
    browser = await launch();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function pane() {
    const { context, page, errors } = await openPane(browser, url);
    await page.getByText('Mode autonome (hors Excel)').waitFor({ timeout: 30_000 });
    return { context, page, errors };
  }

  async function addFiles(page: Page, files: string[], title: RegExp) {
    await page.getByTestId('file-input').setInputFiles(files);
    await page.getByTestId('notice').getByText(title).first().waitFor({ timeout: 60_000 });
    await idle(page);
  }

  it('a one-sheet-per-structure form completed by « Structure de toute la feuille »', async () => {
    const F = 'CD07 fiches 2019.xlsx';
    const S = 'Fiche 12';
    const file = await workbook(F, [
      {
        name: S,
        rows: [['Fiche n° 12'], [], ['Dispositif', 'Objet', 'Montant voté', 'Montant versé'], ['AJIR', 'Projet jeunes', 1000, 1000], ['PVF', 'Vacances familles', 2000, 1500]],
      },
    ]);
    const { context, page, errors } = await pane();
    await addFiles(page, [file], /Aucune feuille reconnue/);
    expect(await notice(page)).toMatch(`1 fichier lu sur 1 ; aucune feuille reconnue dans ${F}`);
    // the card is no dead end: the sheet, its kind to choose, what to do
    await card(page, F).getByTestId('nothing-recognised').waitFor();
    await expect(page.getByRole('combobox', { name: `Nature de la feuille ${F} › ${S}`, exact: true }).count()).resolves.toBe(1);
    await expect(card(page, F).getByRole('heading', { name: F, exact: true }).count()).resolves.toBe(1);

    await tab(page, '2. Correspondances');
    const sheet = sheetCard(page, F, S);
    await sheet.locator('summary').click();
    await expect(sheet.locator('summary').innerText()).resolves.toMatch(/Non reconnue, en-tête ligne 3/);
    // the columns of the header row are offered, on a sheet read as ignored
    await expect(page.getByRole('combobox', { name: `Champ de la colonne « Montant voté » de ${F} › ${S}`, exact: true }).count()).resolves.toBe(1);
    const structure = page.getByRole('combobox', { name: `Structure de toute la feuille ${F} › ${S}`, exact: true });
    await structure.fill('Centre social Le Chambon');
    await structure.press('Enter');
    await idle(page);
    await focusKept(page, 'Enter in « Structure de toute la feuille »');
    await expect(sheet.locator('summary').innerText()).resolves.toMatch(/Financements, en-tête ligne 3, 2 lignes/);
    await expect(page.getByTestId('announce').innerText()).resolves.toMatch(/nom de la structure de toute la feuille : « Centre social Le Chambon » ; 2 lignes lues/);
    expect((await entry(page, F, S))?.context).toEqual({ structureName: 'Centre social Le Chambon' });
    await expect(page.getByTestId('correction-list').innerText()).resolves.toMatch(/Fiche 12 :.*nom de la structure : « Centre social Le Chambon »/);
    expect(await axeViolations(page)).toEqual([]);
    await sheet.scrollIntoViewIfNeeded();
    await shots(page, 'rescue-structure-feuille');

    // Sources: the sheet read now; no « Feuille ignorée », no « Fichier illisible » in Contrôles
    await tab(page, '1. Sources');
    await expect(sheetItem(page, F, S).getByTestId('source-sheet').innerText()).resolves.toMatch(/Financements, CD07, 2019, 2 lignes/);
    await tab(page, '3. Contrôles');
    await expect(page.locator('main').innerText()).resolves.not.toMatch(/Fichier illisible|Feuille ignorée/);
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);

  it('a grouped sheet completed by « Recopier vers le bas », then refused; focus kept after a column choice, « Rétablir la détection » and Enter in Exercice', async () => {
    const F = 'CD07 2019.xlsx';
    const S = 'Aides 2019';
    const file = await workbook(F, [
      {
        name: S,
        rows: [
          ['Structure', 'Dispositif', 'Objet', 'Montant voté', 'Reliquat 2018 €'],
          ['Centre social Le Chambon', 'AJIR', 'Projet jeunes', 100, 12],
          [null, 'PVF', 'Vacances', 200, 7],
          ['Centre social La Cascade', 'AJIR', 'Projet jeunes', 300, 40],
          ['Espace de vie sociale Le Lavoir', 'PVF', 'Vacances', 400, 3],
          ['Centre social Les Oliviers', 'AJIR', 'Projet jeunes', 50, 9],
        ],
      },
    ]);
    const { context, page, errors } = await pane();
    await addFiles(page, [file], /Fichiers lus/);
    const where = `${F} › ${S}`;
    // the money in no line: in Totaux, and on the Sources card with a way to act on it
    await tab(page, '4. Totaux');
    await expect(page.getByTestId('not-counted').innerText()).resolves.toContain(`${formatEuros(71)} lus dans aucune ligne`);
    await tab(page, '1. Sources');
    await expect(card(page, F).getByTestId('ledger-unexplained').innerText()).resolves.toContain(`E2:E6 (colonne « Reliquat 2018 € » non utilisée) : ${formatEuros(71)}`);
    await card(page, F).getByRole('button', { name: `Choisir le champ de la colonne « Reliquat 2018 € » de ${where}`, exact: true }).click();
    await page.waitForTimeout(150);
    // the Correspondances step, the sheet open, the focus on that column's field
    expect(await focusKept(page, '« Choisir son champ »')).toBe(`Champ de la colonne « Reliquat 2018 € » de ${where}`);
    const sheet = sheetCard(page, F, S);
    await expect(sheet.evaluate((d) => (d as HTMLDetailsElement).open)).resolves.toBe(true);
    const fill = page.getByRole('checkbox', { name: `Recopier vers le bas la colonne « Structure » de ${where}`, exact: true });
    // the single blank is not filled by the detection
    await expect(fill.isChecked()).resolves.toBe(false);
    await fill.check();
    await idle(page);
    await focusKept(page, '« Recopier vers le bas » ticked');
    await expect(fill.isChecked()).resolves.toBe(true);
    // the sheet's fill-down is the user's now: every groupable column says so (Structure, Dispositif)
    await expect(sheet.locator('.fill-down').filter({ hasText: /Recopier vers le bas \(valeur écrite une fois par groupe\) — choix manuel/ }).count()).resolves.toBe(2);
    expect((await entry(page, F, S))?.fillDown).toEqual(['structureName']);
    await expect(page.getByTestId('announce').innerText()).resolves.toMatch(/nom de la structure recopié vers le bas ; 5 lignes lues/);
    expect(await axeViolations(page)).toEqual([]);
    await sheet.scrollIntoViewIfNeeded();
    await shots(page, 'rescue-recopier-vers-le-bas');
    // refused: [] saved (no fill-down, the detection's refused too)
    await fill.uncheck();
    await idle(page);
    expect((await entry(page, F, S))?.fillDown).toEqual([]);

    // a column choice: no confirmation, said in the live region, the focus stays on the list
    const objet = `Champ de la colonne « Objet » de ${where}`;
    await pick(page, objet, 'Observations');
    expect(await focusKept(page, 'a column dropdown choice')).toBe(objet);
    await expect(page.getByTestId('announce').innerText()).resolves.toMatch(/Colonne « Objet » : Observations/);
    // « Rétablir la détection » disappears with the choice: the focus goes to the column's list
    await page.getByRole('button', { name: `Rétablir la détection pour la colonne « Objet » de ${where}`, exact: true }).click();
    await idle(page);
    expect(await focusKept(page, '« Rétablir la détection »')).toBe(objet);
    // Enter in Exercice
    const year = page.getByRole('textbox', { name: `Exercice de ${where}`, exact: true });
    await year.fill('2020');
    await year.press('Enter');
    await idle(page);
    expect(await focusKept(page, 'Enter in Exercice')).toBe(`Exercice de ${where}`);
    await expect(year.inputValue()).resolves.toBe('2020');
    // the unit, chosen by hand
    await pick(page, `Unité des montants de ${where}`, "Milliers d'euros (K€)");
    await focusKept(page, 'unit');
    expect((await entry(page, F, S))?.unit).toBe('milliers');

    // Contrôles: each severity group has a name; a search matching more than 3 groups opens them all and says how many
    await tab(page, '3. Contrôles');
    await page.getByRole('button', { name: /Informations/ }).click();
    const groups = page.getByTestId('finding-group');
    await expect(groups.evaluateAll((els) => els.every((e) => /^(Erreurs|Alertes|Informations) : .+, \d+$/.test(e.getAttribute('aria-label') ?? '')))).resolves.toBe(true);
    await page.getByRole('textbox', { name: /Rechercher/ }).fill('e');
    const n = await groups.count();
    expect(n).toBeGreaterThan(3);
    await expect(groups.evaluateAll((els) => els.filter((e) => (e as HTMLDetailsElement).open).length)).resolves.toBe(n);
    await expect(page.getByTestId('search-count').innerText()).resolves.toBe(`${n} types d'anomalie correspondent, tous ouverts.`);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);

  it('an unrecognised CSV with a long name mapped by hand: kind, header row, columns; never « Fichier illisible »; no overflow on any tab', async () => {
    const F = 'Export_subventions_departement_ardeche_exercice_2019_version_definitive_corrigee.csv';
    const S = F.replace(/\.csv$/, '');
    const file = textFile(F, 'Col1;Col2;Col3\nCentre social Le Chambon;AJIR;1 000\nCentre social La Cascade;PVF;2 500\n');
    const { context, page, errors } = await pane();
    await addFiles(page, [file], /Aucune feuille reconnue/);
    expect(await notice(page)).toMatch(`1 fichier lu sur 1 ; aucune feuille reconnue dans ${F}`);
    for (const t of ['1. Sources', '2. Correspondances', '3. Contrôles', '4. Totaux', '5. Programmation']) {
      await tab(page, t);
      expect(await overflow(page)).toBeLessThanOrEqual(0);
    }
    // nothing funded yet: nothing to download
    await expect(page.getByRole('button', { name: 'Télécharger le classeur' }).isDisabled()).resolves.toBe(true);
    // Contrôles: a « Feuille ignorée » alert saying what to do, no « Fichier illisible »
    await tab(page, '3. Contrôles');
    await expect(page.locator('main').innerText()).resolves.not.toMatch(/Fichier illisible/);
    await expect(page.getByRole('group', { name: /^Alertes : Feuille ignorée, 1$/ }).count()).resolves.toBe(1);
    await tab(page, '1. Sources');
    await shots(page, 'rescue-csv-non-reconnu');

    // the kind: read as funding lines
    await pick(page, `Nature de la feuille ${F} › ${S}`, 'Lignes de financement');
    await focusKept(page, 'kind chosen');
    await tab(page, '2. Correspondances');
    const sheet = sheetCard(page, F, S);
    await sheet.locator('summary').click();
    // no header found: its row typed
    const header = page.getByRole('spinbutton', { name: `Ligne d'en-tête de ${F} › ${S}`, exact: true });
    await header.fill('1');
    await header.press('Enter');
    await idle(page);
    await focusKept(page, 'header row');
    for (const [col, field] of [
      ['Col1', 'Nom de la structure'],
      ['Col2', 'Dispositif'],
      ['Col3', 'Montant voté'],
    ]) {
      await sheet.locator('summary').scrollIntoViewIfNeeded();
      await pick(page, `Champ de la colonne « ${col} » de ${F} › ${S}`, field);
      await focusKept(page, `column ${col}`);
    }
    await expect(sheet.locator('summary').innerText()).resolves.toMatch(/Financements, en-tête ligne 1, 2 lignes/);
    expect(await entry(page, F, S)).toMatchObject({ kind: 'fundings', header: 1, columns: { Col1: 'structureName', Col2: 'dispositif', Col3: 'voted' } });
    expect(await axeViolations(page)).toEqual([]);
    await shots(page, 'rescue-csv-colonnes');
    await tab(page, '4. Totaux');
    await expect(page.locator('main').innerText()).resolves.toContain(`CD07\t${formatEuros(3500)}`);
    // Voté / Versé headers right-aligned over their right-aligned numbers
    await expect(page.locator('[data-testid="totals-partners"] th[scope="col"]').evaluateAll((els) => els.map((e) => getComputedStyle(e).textAlign))).resolves.toEqual(['left', 'right', 'right']);
    await tab(page, '5. Programmation');
    await expect(page.getByRole('button', { name: 'Télécharger le classeur' }).isDisabled()).resolves.toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);

  it("last year's corrections reapplied to next year's renamed file, announced on its card, then refused", async () => {
    const header = ['Bénéficiaire', 'Aide', 'Montant attribué', 'Commentaire'];
    const lastYear: MappingFile = {
      version: 1,
      sheets: [{ file: 'CD07 aides 2019.xlsx', sheet: 'Aides', columns: { Bénéficiaire: 'structureName', Aide: 'dispositif', 'Montant attribué': 'voted', Commentaire: null } }],
    };
    const F = 'Département subventions 2020.xlsx';
    const S = 'Feuil1';
    const file = await workbook(F, [{ name: S, rows: [header, ['Centre social Le Chambon', 'AJIR', 1000, 'ok'], ['Centre social La Cascade', 'PVF', 2000, '']] }]);
    const { context, page, errors } = await pane();
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [STORAGE_KEY, JSON.stringify(lastYear)]);
    await page.reload();
    await page.getByText('Mode autonome (hors Excel)').waitFor();
    await addFiles(page, [file], /Fichiers lus/);
    expect(await notice(page)).toContain(`corrections de l'an dernier appliquées à 1 feuille renommée (${F} › ${S} : « Refuser » sur sa carte si elles ne conviennent pas)`);
    const applied = sheetItem(page, F, S).getByTestId('applied-from');
    await expect(applied.innerText()).resolves.toMatch(/Corrections de l'an dernier appliquées \(enregistrées pour CD07 aides 2019\.xlsx › Aides, même en-tête\)/);
    expect(await axeViolations(page)).toEqual([]);
    await applied.scrollIntoViewIfNeeded();
    await shots(page, 'rescue-corrections-reprises');
    await applied.getByRole('button', { name: `Refuser les corrections de l'an dernier pour ${F} › ${S}`, exact: true }).click();
    await idle(page);
    await page.getByTestId('notice').getByText('Corrections de l’an dernier refusées').waitFor();
    await focusKept(page, '« Refuser »');
    await expect(applied.count()).resolves.toBe(0);
    expect((await entry(page, F, S))?.reuse).toBe(false);
    // last year's entry is kept for last year's file
    expect((await entry(page, 'CD07 aides 2019.xlsx', 'Aides'))?.columns).toEqual(lastYear.sheets[0].columns);
    await expect(page.getByTestId('notice').innerText()).resolves.toMatch(/ce refus est enregistré/);
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);

  it('a hidden sheet is read when its kind is chosen; its « Feuille ignorée » goes only then', async () => {
    const F = 'CD07 2019 avec feuille masquée.xlsx';
    const rows = (name: string, v: number): Rows => [
      ['Structure', 'Dispositif', 'Montant voté'],
      [name, 'AJIR', v],
    ];
    const file = await workbook(F, [
      { name: 'Aides 2019', rows: rows('Centre social Le Chambon', 100) },
      { name: 'Cachée', rows: rows('Centre social La Cascade', 300), hidden: true },
    ]);
    const { context, page, errors } = await pane();
    await addFiles(page, [file], /Fichiers lus/);
    const item = sheetItem(page, F, 'Cachée');
    await expect(item.getByTestId('source-sheet').innerText()).resolves.toMatch(/« Cachée » — Non reconnue \(feuille masquée\)/);
    const ignoredInfo = async () => {
      await tab(page, '3. Contrôles');
      await page.getByRole('button', { name: /Informations/ }).click();
      await page.getByRole('textbox', { name: /Rechercher/ }).fill('Cachée');
      const text = await page.locator('main').innerText();
      await page.getByRole('textbox', { name: /Rechercher/ }).fill('');
      await page.getByRole('button', { name: /Informations/ }).click();
      await tab(page, '1. Sources');
      return /Feuille ignorée/.test(text);
    };
    await expect(ignoredInfo()).resolves.toBe(true);
    await pick(page, `Nature de la feuille ${F} › Cachée`, 'Lignes de financement');
    await focusKept(page, 'kind of the hidden sheet');
    await expect(item.getByTestId('source-sheet').innerText()).resolves.toMatch(/« Cachée » — Financements, CD07, 2019, 1 ligne/);
    await expect(ignoredInfo()).resolves.toBe(false);
    expect((await entry(page, F, 'Cachée'))?.kind).toBe('fundings');
    expect(await axeViolations(page)).toEqual([]);
    await item.scrollIntoViewIfNeeded();
    await shots(page, 'rescue-feuille-masquee');
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);
});
