/**
 * Issue 9 in Chromium, standalone at 350 px on the production build, on a generated world with a
 * CAF export whose prestation codes "PSX9" and "ZK" the reference does not know: each sheet's kind
 * with its confidence, a kind changed by hand and back, the unknown coded values answered in
 * Correspondances until their findings are gone. Screenshots in docs/screenshots/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { MappingFile } from '../../src/core/import/mapping-file';
import { valueOptions } from '../../src/core/import/value-options';
import type { SourceInput } from '../../src/core/model/grid';
import { runPipeline, type PipelineResult } from '../../src/core/pipeline';
import { readInput } from '../../src/adapters/exceljs/read-workbook';
import { formatEuros } from '../../src/core/checks/format-fr';
import { totalsView } from '../../src/core/report/totals-view';
import { defaultReference } from '../../src/core/reference/default-reference';
import { KIND_LABEL, kindBadge } from '../../src/taskpane/labels';
import { EXPORT_FILE, EXPORT_SHEET, SEED, UNKNOWN, worldWithUnknownCode } from '../taskpane/world-with-unknown-code';
import { axeViolations, hasChromium, launch, openPane, overflow, SHOTS } from './browser';
import { DIST, ensureBuild } from './ensure-build';
import { serveDir } from './serve-dist';

const ROOT = path.resolve(__dirname, '../..');
const DOCS_SHOTS = path.join(ROOT, 'docs/screenshots');
const WORLD_DIR = path.join(SHOTS, 'entrees', `monde-${SEED}-code-inconnu`);
const F = EXPORT_FILE;
const SHEET = EXPORT_SHEET;
const STORAGE_KEY = 'pilotage-avs.correspondances';

const run = hasChromium ? describe : describe.skip;
const ref = defaultReference();
const cafName = ref.partners.find((p) => p.code === 'CAF')!.name;

const docShot = (page: Page, name: string) => page.screenshot({ path: path.join(DOCS_SHOTS, name), fullPage: true });
const saved = (page: Page) => page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? 'null'), STORAGE_KEY) as Promise<MappingFile | null>;

async function idle(page: Page) {
  await page.waitForTimeout(50);
  await page.locator('.pane[aria-busy="false"]').waitFor();
}

async function pick(page: Page, combobox: string, option: string) {
  await page.getByRole('combobox', { name: combobox, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
  await idle(page);
}

/** The sheet's line in Sources: its description, its kind badge. */
const sheetItem = (page: Page, file: string, sheet: string) => page.locator(`[data-testid="source-file"][data-file="${file}"] li`).filter({ hasText: `« ${sheet} »` });

run('sheet kinds and value mappings (issue 9), standalone in Chromium on a generated world', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveDir>>;
  let url: string;
  let files: string[];
  let truth: PipelineResult;
  let sources: SourceInput[];
  const asOf = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    ensureBuild();
    const world = await worldWithUnknownCode();
    mkdirSync(WORLD_DIR, { recursive: true });
    mkdirSync(DOCS_SHOTS, { recursive: true });
    files = world.map((f) => {
      const p = path.join(WORLD_DIR, f.name);
      writeFileSync(p, f.bytes);
      return p;
    });
    sources = [];
    for (const f of world) {
      const r = await readInput(f.name, f.bytes);
      if ('grids' in r) sources.push(r);
    }
    truth = runPipeline({ sources, asOf });
    server = await serveDir(DIST);
    url = `${server.url}taskpane.html`;
    browser = await launch();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows each kind with its confidence, changes one and back, answers the unknown prestations until their findings are gone', async () => {
    // the world is the one this test is about: two unknown CAF codes, on the sheet whose kind is changed
    expect(truth.unknownValues.map((u) => `${u.field}/${u.partner}/${u.value}/${u.count}/${u.first.file}`).sort()).toEqual([`dispositif/CAF/PSX9/${UNKNOWN.PSX9}/${F}`, `dispositif/CAF/ZK/${UNKNOWN.ZK}/${F}`]);

    const { context, page, errors } = await openPane(browser, url);
    await page.getByText('Mode autonome (hors Excel)').waitFor({ timeout: 30_000 });
    await page.getByTestId('file-input').setInputFiles(files);
    await page.getByTestId('notice').getByText(/Fichiers lus|fichiers? non lus?|Aucune feuille reconnue/).first().waitFor({ timeout: 120_000 });
    await idle(page);

    // 1. every sheet read shows its kind and its confidence, as the core found them
    const badges = await page.getByTestId('kind-badge').allInnerTexts();
    expect(badges.sort()).toEqual(truth.readings.map((r) => kindBadge(r.kind, 'detection', r.kindConfidence).text).sort());
    const exported = truth.readings.find((r) => r.file === F && r.sheet === SHEET)!;
    const item = sheetItem(page, F, SHEET);
    const detected = `${KIND_LABEL.fundings} — confiance ${Math.round(exported.kindConfidence! * 100)} %`;
    await expect(item.getByTestId('kind-badge').innerText()).resolves.toBe(detected);
    await expect(item.getByTestId('source-sheet').innerText()).resolves.toBe(`« ${SHEET} » — Financements, CAF, 2019, ${UNKNOWN.PSX9 + UNKNOWN.ZK} lignes`);
    // a legend says how many codes it gives, not « partenaire inconnu, 0 ligne »
    const legend = truth.readings.find((r) => r.kind === 'legend')!;
    expect(legend.legend?.length).toBeGreaterThan(1);
    await expect(sheetItem(page, legend.file, legend.sheet).getByTestId('source-sheet').innerText()).resolves.toBe(`« ${legend.sheet} » — Légende des codes, ${legend.legend!.length} codes`);

    // 2. the kind changed by hand: the sheet is read again as ignored, and the choice is saved
    const kindBox = `Nature de la feuille ${F} › ${SHEET}`;
    await page.getByRole('combobox', { name: kindBox, exact: true }).click();
    const kinds = await page.getByRole('option').allInnerTexts();
    expect(kinds).toEqual(['Liste des structures', 'Conventions', 'Lignes de financement', "Plan d'actions", 'Légende des codes', 'Ignorée (à ne pas lire)']);
    await page.getByRole('option', { name: 'Ignorée (à ne pas lire)', exact: true }).click();
    await idle(page);
    await page.getByTestId('notice').getByText('Nature de la feuille enregistrée').waitFor();
    await expect(page.getByTestId('notice').innerText()).resolves.toContain(`${F} › ${SHEET} n'est plus lue`);
    await expect(item.getByTestId('kind-badge').innerText()).resolves.toBe('Ignorée — choix manuel');
    // ignored by choice: no reason of detection, no « Non reconnue », and the file is still there (not refused)
    await expect(item.getByTestId('source-sheet').innerText()).resolves.toBe(`« ${SHEET} » — Ignorée`);
    expect((await saved(page))?.sheets.find((s) => s.file === F && s.sheet === SHEET)?.kind).toBe('ignored');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);
    await item.scrollIntoViewIfNeeded();
    await docShot(page, 'sources-kind.png');
    // its lines are not read: nothing to ask about PSX9 and ZK
    await page.getByRole('tab', { name: '2. Correspondances' }).click();
    await expect(page.getByTestId('unknown-value').count()).resolves.toBe(0);

    // « Rétablir la détection »: read as funding lines again, with the detected confidence
    await page.getByRole('tab', { name: '1. Sources' }).click();
    await item.getByRole('button', { name: `Rétablir la détection pour la nature de ${F} › ${SHEET}`, exact: true }).click();
    await idle(page);
    await expect(item.getByTestId('kind-badge').innerText()).resolves.toBe(detected);
    // the choice is gone from the saved mapping: a detected kind is not saved, next year's file is read on its own evidence
    const entry = (await saved(page))?.sheets.find((s) => s.file === F && s.sheet === SHEET);
    expect(entry).toBeDefined();
    expect(entry).not.toHaveProperty('kind');

    // 3. the unknown values, one dropdown each (largest amount first), with the partner's dispositifs and « Aucun »
    await page.getByRole('tab', { name: '2. Correspondances' }).click();
    const values = page.getByTestId('unknown-value');
    await expect(values.evaluateAll((els) => els.map((e) => e.getAttribute('data-value')))).resolves.toEqual(['PSX9', 'ZK']);
    await expect(values.first().innerText()).resolves.toContain(`« PSX9 » (dispositif, ${cafName}) : ${UNKNOWN.PSX9} lignes, ${formatEuros(24750.5)} votés, non reconnu.`);
    const psx9Box = `Dispositif désigné par « PSX9 » (${cafName})`;
    await page.getByRole('combobox', { name: psx9Box, exact: true }).click();
    const options = await page.getByRole('option').allInnerTexts();
    expect(options).toEqual([...valueOptions('dispositif', 'CAF', ref).map((o) => o.label), 'Aucun (ne pas rattacher)']);
    await docShot(page, 'value-mapping.png');
    await page.keyboard.press('Escape');
    expect(await axeViolations(page)).toEqual([]);

    // before: the Contrôles step reports both
    const controls = async () => {
      await page.getByRole('tab', { name: '3. Contrôles' }).click();
      const text = (await page.locator('main').textContent()) ?? '';
      await page.getByRole('tab', { name: '2. Correspondances' }).click();
      return { psx9: text.includes('« PSX9 »'), zk: text.includes('« ZK »') };
    };
    await expect(controls()).resolves.toEqual({ psx9: true, zk: true });

    const agc = valueOptions('dispositif', 'CAF', ref).find((o) => o.code === 'PS_AGC')!;
    await pick(page, psx9Box, agc.label);
    await page.getByTestId('notice').getByText('Valeur enregistrée').waitFor();
    await expect(values.evaluateAll((els) => els.map((e) => e.getAttribute('data-value')))).resolves.toEqual(['ZK']);
    expect((await saved(page))?.values?.dispositif?.CAF).toEqual({ PSX9: 'PS_AGC', ZK: '' });
    await expect(controls()).resolves.toEqual({ psx9: false, zk: true });

    // « Aucun »: left unlinked, not asked again
    await pick(page, `Dispositif désigné par « ZK » (${cafName})`, 'Aucun (ne pas rattacher)');
    await expect(values.count()).resolves.toBe(0);
    expect((await saved(page))?.values?.dispositif?.CAF).toEqual({ PSX9: 'PS_AGC', ZK: null });
    // the answers are listed with the corrections
    await expect(page.getByTestId('correction-list').innerText()).resolves.toMatch(/« PSX9 » \(dispositif, CAF\) : PS_AGC[\s\S]*« ZK » \(dispositif, CAF\) : aucun/);
    await expect(controls()).resolves.toEqual({ psx9: false, zk: false });

    // the PSX9 lines now count as PS_AGC, as the core says with the same answers
    const answered = runPipeline({ sources, asOf, mappings: { version: 1, sheets: [], values: { dispositif: { CAF: { PSX9: 'PS_AGC', ZK: null } } } } });
    expect(answered.dataset.fundings.filter((l) => l.source.file === F && l.dispositif === 'PS_AGC')).toHaveLength(UNKNOWN.PSX9);
    expect(answered.findings.some((f) => f.code === 'DISPOSITIF_INCONNU')).toBe(false);
    // and the pane's « Totaux » by axis are those of the answered run: the PSX9 lines now count on the axis of PS_AGC
    const cafOn = (v: ReturnType<typeof totalsView>, axis: string) => v.byAxis.filter((a) => a.axis === axis && a.year === 2019).reduce((n, a) => n + (a.byPartner.find((b) => b.partner === 'CAF')?.voted ?? 0), 0);
    const after = totalsView(answered.dataset, answered.reference);
    const axis = ref.dispositifs.find((d) => d.code === 'PS_AGC')!.defaultPlan!;
    expect(cafOn(after, axis) - cafOn(totalsView(truth.dataset, truth.reference), axis)).toBeCloseTo(24750.5, 2);
    await page.getByRole('tab', { name: '4. Totaux' }).click();
    for (const a of after.byAxis.filter((x) => x.voted || x.paid)) {
      const row = page.locator(`[data-year="${a.year}"] [data-testid="totals-axes"] tr`).filter({ hasText: a.label });
      await expect(row.locator('td').allInnerTexts()).resolves.toEqual([formatEuros(a.voted), formatEuros(a.paid)]);
    }

    await page.getByRole('tab', { name: '3. Contrôles' }).click();
    await docShot(page, 'controls.png');
    expect(errors).toEqual([]);
    await context.close();
  }, 300_000);
});
