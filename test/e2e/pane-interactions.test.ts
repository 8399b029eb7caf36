/**
 * The task pane interaction by interaction (issue 15), standalone in Chromium at 350 px on the
 * production build: every defect of the walk-through has its test here, with a screenshot of
 * each step in out/e2e/ (named `i15-…`).
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { buildWorkbook } from '../../src/adapters/exceljs/build-workbook';
import { readInput } from '../../src/adapters/exceljs/read-workbook';
import { formatEuros, formatLocation } from '../../src/core/checks/format-fr';
import { validateMappingFile, type MappingFile } from '../../src/core/import/mapping-file';
import type { Reference } from '../../src/core/model/domain';
import type { RejectedInput, SourceInput } from '../../src/core/model/grid';
import { runPipeline, type PipelineResult } from '../../src/core/pipeline';
import { defaultReference } from '../../src/core/reference/default-reference';
import { readReferenceSheet, referenceSheet } from '../../src/core/reference/referentiel-sheet';
import { totalsView } from '../../src/core/report/totals-view';
import { axeViolations, focused, hasChromium, launch, openPane, overflow, SHOTS, shot, tabWalk } from './browser';
import { DIST, ensureBuild } from './ensure-build';
import { serveDir } from './serve-dist';

const ROOT = path.resolve(__dirname, '../..');
const EXAMPLES = path.join(ROOT, 'examples/partenaires');
const INPUTS = path.join(SHOTS, 'entrees');
const CAF = path.join(EXAMPLES, 'CAF07_PS_2019-2020.xlsx');
const examples = () => readdirSync(EXAMPLES).sort().map((f) => path.join(EXAMPLES, f));

const run = hasChromium ? describe : describe.skip;

async function truthOf(files: string[], opts: { reference?: Reference; mappings?: MappingFile; asOf: string }): Promise<PipelineResult> {
  const sources: SourceInput[] = [];
  const rejected: RejectedInput[] = [];
  for (const f of files) {
    const r = await readInput(path.basename(f), new Uint8Array(readFileSync(f)));
    if ('grids' in r) sources.push(r);
    else rejected.push(r);
  }
  return runPipeline({ sources, rejected, ...opts });
}

/** Writes a test input in out/e2e/entrees/ and returns its path. */
function input(name: string, bytes: Uint8Array | string): string {
  mkdirSync(INPUTS, { recursive: true });
  const p = path.join(INPUTS, name);
  writeFileSync(p, bytes);
  return p;
}

const today = (page: Page) => page.evaluate(() => new Date().toISOString().slice(0, 10));
const notice = (page: Page) => page.getByTestId('notice').innerText();

async function addFiles(page: Page, files: string[], expectTitle: RegExp) {
  await page.getByTestId('file-input').setInputFiles(files);
  await page.getByTestId('notice').getByText(expectTitle).first().waitFor({ timeout: 60_000 });
}

async function pick(page: Page, combobox: string, option: string) {
  await page.getByRole('combobox', { name: combobox, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Waits for the pane to be idle again (every button enabled after a re-run). */
async function idle(page: Page) {
  await page.waitForTimeout(50);
  await page.locator('.pane[aria-busy="false"]').waitFor();
}

const beforeUnloadBlocks = (page: Page) =>
  page.evaluate(() => {
    const e = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(e);
    return e.defaultPrevented;
  });

run('task pane interactions (issue 15), standalone in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveDir>>;
  let url: string;

  beforeAll(async () => {
    ensureBuild();
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

  it('defects 3, 7, 10: honest messages per batch, « Retirer » on every input (unreadable too), clean locations, focus never falls to the page', async () => {
    const { context, page, errors } = await pane();
    // the hidden file input is no Tab stop: from « Choisir des fichiers… » Tab goes to the next control
    await page.getByRole('button', { name: 'Choisir des fichiers…' }).focus();
    await page.keyboard.press('Tab');
    expect(await focused(page)).not.toBe('file-input');
    expect(await page.getByTestId('file-input').getAttribute('tabindex')).toBe('-1');
    expect(await beforeUnloadBlocks(page)).toBe(false);

    // a .txt of free text is read but holds nothing: never « fichier(s) lu(s) » as a success
    const txt = input('notes.txt', 'Bonjour,\nvoici les chiffres de cette année.\nCordialement\n');
    await addFiles(page, [txt], /Aucune feuille reconnue/);
    expect(await notice(page)).toMatch(/1 fichier lu sur 1 ; aucune feuille reconnue dans notes\.txt/);
    expect(await notice(page)).not.toMatch(/Vérifiez les correspondances|fichier\(s\)/);
    expect(await focused(page)).toBe('notice');
    await shot(page, 'i15-01-txt-sans-feuille');

    // a bad file in the next batch: the count is this batch's, « les autres » only when there are others
    const png = input('photo.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]));
    await addFiles(page, [...examples(), png], /1 fichier non lu/);
    const text = await notice(page);
    expect(text).toMatch(/4 fichiers lus sur 5 ; non lu : photo\.png/);
    expect(text).not.toMatch(/2 fichiers non lus|les autres fichiers sont pris en compte|\(s\)/);
    expect(await focused(page)).toBe('notice');
    expect(await beforeUnloadBlocks(page)).toBe(true);
    await shot(page, 'i15-02-fichier-refuse');

    // every input has « Retirer », the unreadable photo.png included
    const cards = await page.getByTestId('source-file').evaluateAll((els) => els.map((e) => e.getAttribute('data-file')));
    expect(cards.sort()).toEqual(['CAF07_PS_2019-2020.xlsx', 'CD07_subventions_2019-2020.csv', 'FACS_reseau_2020.xlsx', 'MSA_ADL_2019-2020.xlsx', 'notes.txt', 'photo.png'].sort());
    for (const f of cards) await expect(page.getByRole('button', { name: `Retirer ${f}`, exact: true }).count()).resolves.toBe(1);

    // the rejected file's finding: « photo.png », not « photo.png ›  › ligne 0 »
    await page.getByRole('tab', { name: '3. Contrôles' }).click();
    await page.getByRole('button', { name: /Informations/ }).click();
    await page.getByRole('textbox', { name: /Rechercher/ }).fill('photo');
    const where = await page.getByTestId('finding').first().locator('small').innerText();
    expect(where).toBe('photo.png');
    await shot(page, 'i15-03-emplacement-fichier-refuse');

    // « Retirer » photo.png: gone, and the focus goes to the next « Retirer », not the page body
    await page.getByRole('tab', { name: '1. Sources' }).click();
    const before = await page.getByTestId('remove-file').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    await page.getByRole('button', { name: 'Retirer photo.png', exact: true }).click();
    await page.getByRole('button', { name: 'Retirer photo.png', exact: true }).waitFor({ state: 'detached' });
    await page.waitForTimeout(100);
    const next = before[before.indexOf('Retirer photo.png') + 1] ?? before[before.indexOf('Retirer photo.png') - 1];
    expect(await focused(page)).toBe(next);
    await shot(page, 'i15-04-retirer');
    expect(await overflow(page)).toBeLessThanOrEqual(0);

    // download: the focus goes to the message
    await page.getByRole('tab', { name: '5. Programmation' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Télécharger le classeur' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^pilotage-avs-\d{4}-\d\d-\d\d\.xlsx$/);
    await page.getByText('Classeur construit').waitFor();
    await page.waitForTimeout(100);
    expect(await focused(page)).toBe('notice');
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);

  it('defects 1, 6, 8, 9, 10: a two-row header keeps its sub-columns when one is ignored; every edit is reversible; saved corrections listed, exported, reset', async () => {
    const { context, page, errors } = await pane();
    await addFiles(page, [CAF], /Fichiers lus/);
    await page.getByRole('tab', { name: '2. Correspondances' }).click();
    const sheet = page.getByTestId('mapping-sheet').filter({ hasText: 'PS 2020' });
    await sheet.locator('summary').click();
    await expect(sheet.locator('summary').innerText()).resolves.toMatch(/en-tête ligne 4 \(sur deux lignes\), 7 lignes/);
    const where = 'CAF07_PS_2019-2020.xlsx › PS 2020';
    const paid = `Champ de la colonne « Montant versé » de ${where}`;

    // dropdown names are unique across sheets (PS 2019 has the same headers)
    const names = await page.getByRole('combobox').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    expect(new Set(names).size).toBe(names.length);

    // ignore « Montant versé »: the two-row header stays, 7 lines, no new « Champ obligatoire vide »
    await pick(page, paid, 'Ignorer la colonne');
    await idle(page);
    await expect(sheet.locator('summary').innerText()).resolves.toMatch(/\(sur deux lignes\), 7 lignes/);
    await expect(sheet.getByText('« Montant accordé »').count()).resolves.toBe(1);
    const badge = (header: string) => sheet.locator('.fui-Field').filter({ hasText: `« ${header} »` }).getByTestId('column-badge').innerText();
    await expect(badge('Montant versé')).resolves.toBe('ignorée');
    // « saisie à la main » for a column set by hand, never « 100 % sûre »
    await pick(page, `Champ de la colonne « Prestation » de ${where}`, 'Objet');
    await idle(page);
    await expect(badge('Prestation')).resolves.toBe('saisie à la main');
    await expect(badge('Equipement')).resolves.toMatch(/^\d+ % (sûre|probable|à vérifier)$/);
    // French field labels, no internal words
    await page.getByRole('combobox', { name: `Champ de la colonne « Equipement » de ${where}`, exact: true }).click();
    const options = await page.getByRole('option').allInnerTexts();
    await page.keyboard.press('Escape');
    expect(options).toContain('N° ou référence de la ligne');
    expect(options).toContain('Autre nom de la structure (sigle, nom usuel)');
    expect(options).not.toContain('n');
    expect(options).not.toContain('nom court');
    // the « ignorée » badge is readable (contrast), as every control of the step
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'i15-05-colonne-ignoree');

    // « Rétablir la détection » for one column
    await page.getByRole('button', { name: `Rétablir la détection pour la colonne « Prestation » de ${where}`, exact: true }).click();
    await idle(page);
    await expect(badge('Prestation')).resolves.toMatch(/%/);

    // an impossible year is refused visibly, and the year in use is unchanged
    const year = page.getByRole('textbox', { name: `Exercice de ${where}`, exact: true });
    await year.fill('1999');
    await year.press('Tab');
    await sheet.getByText(/« 1999 » n'est pas un exercice possible/).waitFor();
    await shot(page, 'i15-06-exercice-impossible');
    await expect(page.getByRole('tab', { name: '1. Sources' }).count()).resolves.toBe(1);

    // Enregistrer, reload: the ignored column is still ignored, still a two-row header, and listed
    await page.getByRole('button', { name: 'Enregistrer les correspondances' }).click();
    await page.getByText('Correspondances enregistrées').waitFor();
    await page.reload();
    await page.getByText('Mode autonome (hors Excel)').waitFor();
    await addFiles(page, [CAF], /Fichiers lus/);
    await page.getByRole('tab', { name: '2. Correspondances' }).click();
    await sheet.locator('summary').click();
    await expect(sheet.locator('summary').innerText()).resolves.toMatch(/\(sur deux lignes\), 7 lignes/);
    await expect(badge('Montant versé')).resolves.toBe('ignorée');
    // only the user's choice is a saved correction (issue 27 §3): the detected columns keep their confidence
    await expect(badge('Equipement')).resolves.toMatch(/%/);
    const list = page.getByTestId('correction-list');
    await expect(list.innerText()).resolves.toMatch(/CAF07_PS_2019-2020\.xlsx › PS 2020 : colonne « Montant versé » ignorée/);
    await expect(list.innerText()).resolves.not.toMatch(/PS 2019/);
    await shot(page, 'i15-07-corrections-gardees');

    // exported: the mapping file the CLI reads, and the core reads the sheet with it as the pane does
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporter les correspondances (.json)' }).click()]);
    expect(dl.suggestedFilename()).toBe('correspondances.json');
    const saved = path.join(SHOTS, 'i15-correspondances.json');
    await dl.saveAs(saved);
    const mapping = JSON.parse(readFileSync(saved, 'utf8')) as MappingFile;
    expect(validateMappingFile(mapping)).toEqual([]);
    expect(mapping.sheets.find((s) => s.sheet === 'PS 2020')?.columns['Montant versé']).toBeNull();
    const withMapping = await truthOf([CAF], { mappings: mapping, asOf: await today(page) });
    const ps = withMapping.readings.find((r) => r.sheet === 'PS 2020')!;
    expect([ps.headerHeight, ps.records.length, ps.columns.some((c) => c.field === 'paid')]).toEqual([2, 7, false]);

    // « Rétablir la détection » for the whole sheet: the saved ignore is gone
    await page.getByRole('button', { name: `Rétablir la détection pour toute la feuille ${where}`, exact: true }).click();
    await page.getByText('Détection rétablie').waitFor();
    await expect(badge('Montant versé')).resolves.toMatch(/%/);
    await shot(page, 'i15-08-detection-retablie');

    // nothing left to forget: « Oublier » is disabled; a column choice (saved at once) enables it
    await expect(page.getByRole('button', { name: 'Oublier toutes les corrections' }).isDisabled()).resolves.toBe(true);
    await pick(page, paid, 'Ignorer la colonne');
    await idle(page);
    expect((await page.evaluate(() => JSON.parse(localStorage.getItem('pilotage-avs.correspondances') ?? 'null')))?.sheets.find((e: { sheet: string }) => e.sheet === 'PS 2020')?.columns).toEqual({ 'Montant versé': null });
    // reset: nothing kept, in the pane and in the browser's storage
    await page.getByRole('button', { name: 'Oublier toutes les corrections' }).click();
    await page.getByText('Corrections oubliées').waitFor();
    await page.getByTestId('saved-corrections').getByText("Aucune correction pour l'instant.").waitFor();
    const stored = await page.evaluate(() => localStorage.getItem('pilotage-avs.correspondances'));
    expect(JSON.parse(stored!)).toEqual({ version: 1, sheets: [] });
    await shot(page, 'i15-09-corrections-oubliees');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);

  it('defects 4, 5, 6: search folds accents and case over structure, partner, file, sheet, row; a click says where the cell is and copies it; the type filter follows the severities', async () => {
    const { context, page, errors } = await pane();
    await addFiles(page, examples(), /Fichiers lus/);
    const truth = await truthOf(examples(), { asOf: await today(page) });
    await page.getByRole('tab', { name: '3. Contrôles' }).click();
    const search = page.getByRole('textbox', { name: /Rechercher/ });
    const shown = truth.findings.filter((f) => f.severity !== 'info');
    const count = () => page.getByTestId('finding').count();
    const cases: [string, (f: (typeof shown)[number]) => boolean][] = [
      ['jardins PARTAGES', (f) => f.structureName === 'Association Les Jardins partagés'],
      ['ligne 10', (f) => f.location?.row === 10],
      ['ps 2020', (f) => f.location?.sheet === 'PS 2020'],
      ['csv', (f) => !!f.location?.file.endsWith('.csv')],
      ['mutualite sociale agricole', (f) => f.partner === 'MSA'],
      ['terrasses', (f) => /Terrasses/.test(`${f.structureName} ${f.message}`)],
    ];
    for (const [q, want] of cases) {
      await search.fill(q);
      const n = shown.filter(want).length;
      expect(n).toBeGreaterThan(0);
      await expect(count()).resolves.toBe(n);
    }
    await shot(page, 'i15-10-recherche');

    // a click in standalone mode: where the cell is, focus on it, and a copy button
    await search.fill('en attente');
    const bad = shown.find((f) => f.code === 'MONTANT_ILLISIBLE')!;
    await page.getByTestId('finding').first().click();
    const box = page.getByTestId('finding-where');
    await box.waitFor();
    await expect(page.getByTestId('finding-where-text').innerText()).resolves.toBe(formatLocation(bad.location!));
    expect(formatLocation(bad.location!)).toBe('CAF07_PS_2019-2020.xlsx › PS 2020 › D10');
    expect(await focused(page)).toBe('Emplacement : CAF07_PS_2019-2020.xlsx › PS 2020 › D10');
    await box.getByRole('button', { name: "Copier l'emplacement" }).click();
    await box.getByText('Emplacement copié.').waitFor();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe('CAF07_PS_2019-2020.xlsx › PS 2020 › D10');
    await shot(page, 'i15-11-emplacement-copie');

    // the type filter: catalogue titles, only of the severities shown; no raw code on screen
    await search.fill('');
    const options = async () => {
      await page.getByRole('combobox', { name: "Filtrer par type d'anomalie" }).click();
      const o = await page.getByRole('option').allInnerTexts();
      await page.keyboard.press('Escape');
      return o;
    };
    const alertTitle = 'Convention manquante';
    expect(await options()).toContain(alertTitle);
    await page.getByRole('button', { name: /^Alertes/ }).click();
    expect(await options()).not.toContain(alertTitle);
    expect(await page.locator('main').innerText()).not.toMatch(/[A-Z]{4,}_[A-Z_]{3,}/);
    await shot(page, 'i15-12-filtre-types');
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);

  it('defect 2: no year ticked produces nothing and says so; a year that comes with new data is ticked', async () => {
    const { context, page, errors } = await pane();
    await addFiles(page, examples(), /Fichiers lus/);
    await page.getByRole('tab', { name: '5. Programmation' }).click();
    const box = (y: number) => page.getByRole('checkbox', { name: String(y), exact: true });
    await expect(box(2019).isChecked()).resolves.toBe(true);
    await expect(box(2020).isChecked()).resolves.toBe(true);
    await box(2019).click();
    await idle(page);
    await box(2020).click();
    await page.getByTestId('no-year').waitFor();
    await expect(page.getByTestId('no-year').innerText()).resolves.toMatch(/Aucun exercice coché : rien ne sera produit/);
    await expect(page.getByTestId('sheet-list').locator('li').count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Télécharger le classeur' }).isDisabled()).resolves.toBe(true);
    await shot(page, 'i15-13-aucun-exercice');
    await box(2020).click();
    await idle(page);
    // a file with 2021: ticked by default, 2019 stays unticked
    const csv = input('CD07_complement_2021.csv', 'Exercice;Bénéficiaire;Dispositif;Montant voté\n2021;Centre social Le Chambon;AJIR;1500\n');
    await page.getByRole('tab', { name: '1. Sources' }).click();
    await addFiles(page, [csv], /Fichiers lus/);
    await page.getByRole('tab', { name: '5. Programmation' }).click();
    await expect(box(2021).isChecked()).resolves.toBe(true);
    await expect(box(2020).isChecked()).resolves.toBe(true);
    await expect(box(2019).isChecked()).resolves.toBe(false);
    const sheets = await page.getByTestId('sheet-list').locator('li').allInnerTexts();
    expect(sheets).toEqual(expect.arrayContaining(['Programmation 2020', 'Programmation 2021']));
    expect(sheets).not.toContain('Programmation 2019');
    await shot(page, 'i15-14-exercice-nouveau-coche');
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);

  it('defect 12: « Totaux » shows voted and paid per partner × year and per axis, the report\'s figures', async () => {
    const { context, page, errors } = await pane();
    await addFiles(page, examples(), /Fichiers lus/);
    const truth = await truthOf(examples(), { asOf: await today(page) });
    const view = totalsView(truth.dataset, truth.reference);
    await page.getByRole('tab', { name: '4. Totaux' }).click();
    for (const t of truth.report.totals) {
      const row = page.locator(`[data-year="${t.year}"] [data-testid="totals-partners"] tr[data-partner="${t.partner}"]`);
      await expect(row.locator('td').allInnerTexts()).resolves.toEqual([formatEuros(t.voted), formatEuros(t.paid)]);
    }
    for (const a of view.byAxis.filter((x) => x.voted || x.paid)) {
      const row = page.locator(`[data-year="${a.year}"] [data-testid="totals-axes"] tr`).filter({ hasText: a.label });
      await expect(row.locator('td').allInnerTexts()).resolves.toEqual([formatEuros(a.voted), formatEuros(a.paid)]);
    }
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'i15-15-totaux');
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);

  it('defect 11: the default Référentiel is offered; a chosen Référentiel with a new partner gives it its own programming column', async () => {
    const { context, page, errors } = await pane();
    await expect(page.getByTestId('reference-in-use').innerText()).resolves.toMatch(/référentiel intégré/);
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Télécharger le référentiel intégré' }).click()]);
    expect(dl.suggestedFilename()).toBe('referentiel.xlsx');
    const refFile = path.join(INPUTS, 'referentiel-integre.xlsx');
    mkdirSync(INPUTS, { recursive: true });
    await dl.saveAs(refFile);
    const back = await readInput('referentiel.xlsx', new Uint8Array(readFileSync(refFile)));
    if (!('grids' in back)) throw new Error(back.error);
    expect(readReferenceSheet(back.grids[0]).reference?.partners.map((p) => p.code)).toEqual(defaultReference().partners.map((p) => p.code));

    // a partner added in the sheet (as a user does in Excel)
    const ref = defaultReference();
    ref.partners.push({ code: 'CARSAT', name: 'Carsat Rhône-Alpes', type: 'caisse', active: true, aliases: ['carsat'], signatories: [] });
    const wb = await buildWorkbook([referenceSheet(ref)]);
    const withCarsat = input('referentiel-carsat.xlsx', new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    await page.getByTestId('reference-input').setInputFiles(withCarsat);
    await page.getByText('Référentiel lu').waitFor();
    await expect(page.getByTestId('reference-in-use').innerText()).resolves.toMatch(/lu dans referentiel-carsat\.xlsx : 5 partenaires/);
    await shot(page, 'i15-16-referentiel-choisi');
    await addFiles(page, examples(), /Fichiers lus/);
    await page.getByRole('tab', { name: '5. Programmation' }).click();
    const [built] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Télécharger le classeur' }).click()]);
    const out = path.join(SHOTS, 'i15-classeur-carsat.xlsx');
    await built.saveAs(out);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const prog = book.getWorksheet('Programmation 2020')!;
    const headers: string[] = [];
    prog.eachRow((row) => row.eachCell((c) => headers.push(String(c.value))));
    expect(headers).toContain('Voté CARSAT');
    expect(book.getWorksheet('Partenaires')!.getColumn(1).values).toContain('CARSAT');
    await shot(page, 'i15-17-programmation-carsat');
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);

  it('accessibility: axe-core finds no violation (names, roles, focus order, contrast) on any step', async () => {
    const { context, page, errors } = await pane();
    const report: Record<string, unknown> = {};
    report.accueil = await axeViolations(page);
    await addFiles(page, [...examples(), input('photo.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2]))], /non lu/);
    // a settled pane: while busy its buttons are disabled (greyed), which WCAG exempts but axe reports
    await idle(page);
    report.sources = await axeViolations(page);
    await page.getByRole('tab', { name: '2. Correspondances' }).click();
    await page.getByTestId('mapping-sheet').first().locator('summary').click();
    report.correspondances = await axeViolations(page);
    await page.getByRole('tab', { name: '3. Contrôles' }).click();
    await page.getByRole('button', { name: /Informations/ }).click();
    await page.getByTestId('finding').first().click();
    await page.getByTestId('finding-where').waitFor();
    report.controles = await axeViolations(page);
    await page.getByRole('tab', { name: '4. Totaux' }).click();
    report.totaux = await axeViolations(page);
    await page.getByRole('tab', { name: '5. Programmation' }).click();
    report.programmation = await axeViolations(page);
    // focus order with the keyboard: from the top, every Tab lands on a named control, never a sentinel or the page body
    await page.getByRole('tab', { name: '1. Sources' }).click();
    await page.getByRole('heading', { name: 'Pilotage AVS' }).click();
    const walk = await tabWalk(page, 25);
    writeFileSync(path.join(SHOTS, 'i15-tabulation.json'), JSON.stringify(walk, null, 2));
    // one lap of the page: past the last control the browser wraps (focus leaves the page), then starts again at the top
    const end = walk.findIndex((w) => w.name === 'BODY');
    expect(end).toBeGreaterThan(5);
    const lap = walk.slice(0, end);
    expect(lap.filter((w) => w.dummy)).toEqual([]);
    // each file's « Retirer », then the kind of each of its sheets (issue 9)
    const kind = (file: string, ...sheets: string[]) => sheets.map((sheet) => `Nature de la feuille ${file} › ${sheet}`);
    expect(lap.map((w) => w.name)).toEqual([
      '1. Sources',
      'Choisir des fichiers…',
      'Retirer photo.png',
      'Retirer CAF07_PS_2019-2020.xlsx',
      ...kind('CAF07_PS_2019-2020.xlsx', 'PS 2019', 'PS 2020', 'Brouillon'),
      'Retirer CD07_subventions_2019-2020.csv',
      ...kind('CD07_subventions_2019-2020.csv', 'CD07_subventions_2019-2020'),
      'Retirer FACS_reseau_2020.xlsx',
      ...kind('FACS_reseau_2020.xlsx', 'Réseau 2020', 'Conventions partenaires'),
      'Retirer MSA_ADL_2019-2020.xlsx',
      ...kind('MSA_ADL_2019-2020.xlsx', 'Aides ADL'),
      'Choisir un référentiel…',
      'Télécharger le référentiel intégré',
    ]);
    expect(walk[end + 1].name).toBe('1. Sources');
    await shot(page, 'i15-18-accessibilite');
    writeFileSync(path.join(SHOTS, 'i15-axe.json'), JSON.stringify(report, null, 2));
    expect(report).toEqual({ accueil: [], sources: [], correspondances: [], controles: [], totaux: [], programmation: [] });
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);
});
