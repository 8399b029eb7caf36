/**
 * Issue 23 in Chromium, standalone on the production build: the six real open-data subsidy files
 * of ../shared/real (SCDL, Etalab 2016, the arrêté's labels; .csv, .xlsx, .xls) read by the pane.
 * Each Sources card says its sheet's ledger (lines and euros per expected.json, as the core counts
 * them) and the schema recognised; every unknown grantor is offered as a partner; one is given a
 * new code (refused codes first, by keyboard) and its lines are then set aside as beyond the
 * agreement; Totaux says what it does not count and lists the set-aside beneficiaries in full.
 * axe-core on each view; screenshots at 350 and 1 000 px in docs/screenshots/.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { readInput } from '../../src/adapters/exceljs/read-workbook';
import { formatEuros } from '../../src/core/checks/format-fr';
import { ASIDE, ledgerReport } from '../../src/core/import/ledger';
import type { MappingFile } from '../../src/core/import/mapping-file';
import type { SourceInput } from '../../src/core/model/grid';
import { runPipeline, type PipelineResult } from '../../src/core/pipeline';
import { defaultReference } from '../../src/core/reference/default-reference';
import { FAMILY_LABEL, grantorRows, grantorSentence, ledgerSentence, ledgerSums, linesRead, outsideLists } from '../../src/taskpane/open-data';
import { requireOrSkip } from '../helpers/require-or-skip';
import { SHARED_DIR } from '../helpers/shared';
import { axeViolations, CHROMIUM, hasChromium, launch, openPane, overflow } from './browser';
import { DIST, ensureBuild } from './ensure-build';
import { serveDir } from './serve-dist';

const ROOT = path.resolve(__dirname, '../..');
const DOCS_SHOTS = path.join(ROOT, 'docs/screenshots');
const REAL_DIR = path.join(SHARED_DIR, 'real');
const EXPECTED = path.join(REAL_DIR, 'expected.json');
const STORAGE_KEY = 'pilotage-avs.correspondances';
const HG = 'SCDL_DEP_Haute Garonne_datalocale-subvention.csv';
const ROQUES = { name: 'COMMUNE DE ROQUES', siret: '21310458100011' };
const NEW_CODE = 'COM_ROQUES';

interface Expected {
  lines: number;
  amountSum: string;
}

// skipped with a notice outside CI, a failure under CI (which has Chromium and ../shared)
const ready =
  requireOrSkip('navigateur', hasChromium, `${CHROMIUM} absent (apt-get install chromium)`) &&
  requireOrSkip('fichiers réels', existsSync(EXPECTED), `${EXPECTED} absent (dossier ../shared non fourni)`);
const run = ready ? describe : describe.skip;

const cents = (x: number | string) => Math.round(Number(x) * 100);
const docShot = (page: Page, name: string) => page.screenshot({ path: path.join(DOCS_SHOTS, name), fullPage: true });
const saved = (page: Page) => page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? 'null'), STORAGE_KEY) as Promise<MappingFile | null>;
const card = (page: Page, file: string) => page.locator(`[data-testid="source-file"][data-file="${file}"]`);
const grantorCard = (page: Page, name: string) => page.locator(`[data-testid="unknown-grantor"][data-name="${name}"]`);

async function idle(page: Page) {
  await page.waitForTimeout(50);
  await page.locator('.pane[aria-busy="false"]').waitFor();
}

/** Both widths the pane is seen at: the Office pane (350 px) and a browser window (1 000 px). */
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

run('real open-data files in the pane (issue 23), standalone in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveDir>>;
  let url: string;
  let expected: Record<string, Expected>;
  let files: string[];
  let sources: SourceInput[];
  const asOf = new Date().toISOString().slice(0, 10);
  const truthOf = (mappings?: MappingFile): PipelineResult => runPipeline({ sources, asOf, mappings });

  beforeAll(async () => {
    ensureBuild();
    mkdirSync(DOCS_SHOTS, { recursive: true });
    expected = JSON.parse(readFileSync(EXPECTED, 'utf8')).files;
    files = Object.keys(expected).map((f) => path.join(REAL_DIR, f));
    sources = [];
    for (const f of files) {
      const r = await readInput(path.basename(f), new Uint8Array(readFileSync(f)));
      if ('grids' in r) sources.push(r);
    }
    server = await serveDir(DIST);
    url = `${server.url}taskpane.html`;
    browser = await launch();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows each file’s ledger and schema, offers every unknown grantor, gives one a new code, lists what Totaux leaves aside', async () => {
    const truth = truthOf();
    expect(sources).toHaveLength(6);
    const { context, page, errors } = await openPane(browser, url);
    await page.getByText('Mode autonome (hors Excel)').waitFor({ timeout: 30_000 });
    // the picker takes the formats these files come in
    const accept = (await page.getByTestId('file-input').getAttribute('accept'))!.split(',');
    for (const ext of ['.csv', '.xlsx', '.xls', '.ods']) expect(accept).toContain(ext);

    await page.getByTestId('file-input').setInputFiles(files);
    await page.getByTestId('notice').getByText(/Fichiers lus|non lus?|Aucune feuille reconnue/).first().waitFor({ timeout: 120_000 });
    await idle(page);
    const rows = grantorRows(truth.unknownGrantors);
    await expect(page.getByTestId('notice').innerText()).resolves.toContain(`6 fichiers lus sur 6 ; ${rows.length} attribuants hors référentiel : leurs lignes ne sont pas comptées`);

    // 1. every file's card: its ledger in words, as the core counts it, and that count is expected.json's to the line and cent
    for (const [file, want] of Object.entries(expected)) {
      const readings = truth.readings.filter((r) => r.file === file && r.ledger);
      expect(readings).toHaveLength(1);
      const r = readings[0];
      const l = ledgerReport(r.ledger!);
      expect(linesRead(l)).toBe(want.lines);
      expect(cents(l.voted) + l.setAside.reduce((n, a) => n + cents(a.voted), 0)).toBe(cents(want.amountSum));
      expect(l.unexplained).toEqual([]);
      // nothing counted yet: every line set aside, its grantor being no partner
      expect(l.setAside.map((a) => [a.reason, a.lines, cents(a.voted)])).toEqual([[ASIDE.unknownGrantor, want.lines, cents(want.amountSum)]]);
      const c = card(page, file);
      await expect(c.getByTestId('ledger-text').innerText()).resolves.toBe(`${ledgerSentence(l)}.`);
      await expect(c.getByTestId('ledger-text').innerText()).resolves.toContain(`${want.lines.toLocaleString('fr-FR')} lignes lues : 0 comptée, ${want.lines.toLocaleString('fr-FR')} mises de côté (${ASIDE.unknownGrantor} : ${want.lines.toLocaleString('fr-FR')} lignes, ${formatEuros(Number(want.amountSum))})`);
      await expect(c.getByTestId('open-data').innerText()).resolves.toContain(`Export de ${FAMILY_LABEL[r.openData!.family]}`);
      await expect(c.getByTestId('ledger-unexplained').count()).resolves.toBe(0);
    }
    await expect(card(page, HG).getByTestId('open-data').innerText()).resolves.toContain('données ouvertes SCDL');

    // 2. every unknown grantor offered once, the largest amount first, in the core's words
    const offered = page.getByTestId('unknown-grantor');
    await expect(offered.evaluateAll((els) => els.map((e) => e.getAttribute('data-name')))).resolves.toEqual(rows.map((g) => g.name));
    for (const g of rows) await expect(grantorCard(page, g.name).locator('.grantor-text').innerText()).resolves.toBe(grantorSentence(g));
    await expect(grantorCard(page, ROQUES.name).locator('.grantor-text').innerText()).resolves.toBe(
      `L'attribuant « COMMUNE DE ROQUES » (SIRET 21310458100011) n'est pas un partenaire du référentiel : 40 lignes, ${formatEuros(132733.5)} non comptées.`,
    );
    expect(await axeViolations(page)).toEqual([]);
    await card(page, HG).scrollIntoViewIfNeeded();
    await shots(page, 'open-data-sources');

    // 3. Roques given a new code, by keyboard: « Nouveau partenaire », refused codes said, then a good one with Enter
    const roques = grantorCard(page, ROQUES.name);
    const choice = roques.getByRole('combobox', { name: `Partenaire pour l'attribuant « ${ROQUES.name} »`, exact: true });
    await choice.focus();
    await page.keyboard.press('Enter');
    const options = await page.getByRole('option').allInnerTexts();
    expect(options).toEqual(['Nouveau partenaire (code à saisir)', ...defaultReference().partners.map((p) => `${p.code} — ${p.name}`)]);
    await page.keyboard.press('Enter');
    const codeBox = roques.getByRole('textbox', { name: `Code du nouveau partenaire pour « ${ROQUES.name} »`, exact: true });
    await codeBox.focus();
    await page.keyboard.type('CAF');
    await page.keyboard.press('Enter');
    await expect(roques.getByTestId('grantor-error').innerText()).resolves.toMatch(/^« CAF » est déjà le code du partenaire « .+ » : choisissez-le dans la liste/);
    await codeBox.fill('COM ROQUES');
    await page.keyboard.press('Enter');
    await expect(roques.getByTestId('grantor-error').innerText()).resolves.toMatch(/^« COM ROQUES » ne peut pas être un code : lettres sans accent, chiffres, « _ » et « - » seulement/);
    expect(await saved(page)).toBeNull();
    expect(await axeViolations(page)).toEqual([]);
    // the card in view (the whole page is some 4 000 px tall at this width)
    await roques.evaluate((e) => e.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: path.join(DOCS_SHOTS, 'open-data-grantor-code-350.png') });
    await codeBox.fill(NEW_CODE);
    await page.keyboard.press('Enter');
    await page.getByTestId('notice').getByText('Attribuant rattaché').waitFor({ timeout: 60_000 });
    await idle(page);

    // what the core gives with the same mapping: Roques's 40 lines now set aside as beyond the agreement
    const mapping: MappingFile = { version: 1, sheets: [], partners: [{ ...ROQUES, code: NEW_CODE }] };
    const after = truthOf(mapping);
    const hg = ledgerReport(after.readings.find((r) => r.file === HG && r.ledger)!.ledger!);
    expect(hg.setAside.map((a) => [a.reason, a.lines, cents(a.voted)])).toEqual([
      [ASIDE.outsideAgreement, 40, cents(132733.5)],
      [ASIDE.unknownGrantor, 29, cents(224825.35)],
    ]);
    expect(hg.lines).toBe(0);
    await expect(page.getByTestId('notice').innerText()).resolves.toContain(
      `« ${ROQUES.name} » est le nouveau partenaire ${NEW_CODE} : ses lignes sont relues, 0 ligne comptée, 40 mises de côté (${ASIDE.outsideAgreement} : 40 lignes, ${formatEuros(132733.5)}). Choix enregistré avec les correspondances.`,
    );
    await expect(card(page, HG).getByTestId('ledger-text').innerText()).resolves.toBe(`${ledgerSentence(hg)}.`);
    await expect(offered.evaluateAll((els) => els.map((e) => e.getAttribute('data-name')))).resolves.toEqual(grantorRows(after.unknownGrantors).map((g) => g.name));
    await expect(grantorCard(page, ROQUES.name).count()).resolves.toBe(0);
    await expect(page.getByTestId('given-grantors').innerText()).resolves.toContain(`« ${ROQUES.name} » (SIRET ${ROQUES.siret}) : partenaire ${NEW_CODE}`);
    // saved as the CLI's mapping file says it, the other grantors still proposed
    const kept = (await saved(page))!;
    expect(kept.partners).toContainEqual({ ...ROQUES, code: NEW_CODE });
    expect(kept.partners!.filter((p) => p.code === null)).toHaveLength(grantorRows(after.unknownGrantors).length);
    expect(await axeViolations(page)).toEqual([]);

    // 4. Totaux: nothing counted, and it says so with what is set aside; the beyond-agreement list in full
    await page.getByRole('tab', { name: '4. Totaux' }).click();
    const sums = ledgerSums(after.readings);
    const totalLines = Object.values(expected).reduce((n, w) => n + w.lines, 0);
    const totalCents = Object.values(expected).reduce((n, w) => n + cents(w.amountSum), 0);
    expect([sums.read, sums.asideLines, cents(sums.asideVoted)]).toEqual([totalLines, totalLines, totalCents]);
    await expect(page.getByText(/^Aucune ligne comptée : toutes les lignes lues sont mises de côté/).count()).resolves.toBe(1);
    const notCounted = await page.getByTestId('not-counted').innerText();
    expect(notCounted).toContain(`Non compté dans ces totaux : ${totalLines.toLocaleString('fr-FR')} lignes mises de côté sur ${totalLines.toLocaleString('fr-FR')} lignes lues, ${formatEuros(totalCents / 100)}`);
    expect(notCounted).toContain(`${ASIDE.outsideAgreement} : 40 lignes, ${formatEuros(132733.5)}`);
    const outside = outsideLists(after.findings);
    expect(outside.map((o) => [o.file, o.count])).toEqual([[HG, 40]]);
    const list = page.locator(`[data-testid="outside-list"][data-file="${HG}"]`);
    await expect(list.locator('summary').innerText()).resolves.toBe(`${HG} : ${outside[0].candidates.length} bénéficiaires, 40 lignes, ${formatEuros(132733.5)}`);
    await list.locator('summary').focus();
    await page.keyboard.press('Enter');
    await list.getByTestId('outside-names').locator('li').first().waitFor();
    await expect(list.getByTestId('outside-names').locator('li').allInnerTexts()).resolves.toEqual(outside[0].candidates);
    // a name searched for: the list narrows to it
    const first = outside[0].candidates[0];
    await list.getByRole('textbox', { name: `Rechercher un bénéficiaire de ${HG}`, exact: true }).fill(first.split(' ')[0].toLowerCase());
    await expect(list.getByTestId('outside-names').locator('li').allInnerTexts()).resolves.toContain(first);
    await list.getByRole('textbox').fill('');
    await list.getByTestId('outside-names').locator('li').nth(outside[0].candidates.length - 1).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shots(page, 'open-data-totaux');

    // 5. Contrôles: the grantors left and the beneficiaries set aside, one group each
    await page.getByRole('tab', { name: '3. Contrôles' }).click();
    await page.getByRole('button', { name: /Informations/ }).click();
    const codes = await page.getByTestId('finding-group').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
    expect(codes).toEqual(expect.arrayContaining(['ATTRIBUANT_INCONNU', 'BENEFICIAIRES_HORS_ACCORD']));

    // 6. « Annuler »: Roques is proposed again, its lines set aside as unknown grantor
    await page.getByRole('tab', { name: '1. Sources' }).click();
    await page.getByRole('button', { name: `Annuler le rattachement de « ${ROQUES.name} » à ${NEW_CODE}`, exact: true }).click();
    await page.getByTestId('notice').getByText('Rattachement annulé').waitFor({ timeout: 60_000 });
    await idle(page);
    await expect(grantorCard(page, ROQUES.name).count()).resolves.toBe(1);
    await expect(card(page, HG).getByTestId('ledger-text').innerText()).resolves.toBe(`${ledgerSentence(ledgerReport(truth.readings.find((r) => r.file === HG && r.ledger)!.ledger!))}.`);
    expect((await saved(page))!.partners).toContainEqual({ ...ROQUES, code: null });
    expect(errors).toEqual([]);
    await context.close();
  }, 400_000);
});
