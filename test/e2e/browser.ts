/** What the browser tests share: Chromium, the page without network, screenshots, the axe-core pass. */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const ROOT = path.resolve(__dirname, '../..');
export const SHOTS = path.join(ROOT, 'out/e2e');
const OFFICE_JS_DIR = path.join(ROOT, 'node_modules/@microsoft/office-js/dist');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const hasChromium = existsSync(CHROMIUM);

export async function launch(): Promise<Browser> {
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
}

/** A 350 px pane; office.js answered from the npm package, anything outside localhost refused. */
export async function openPane(browser: Browser, url: string, init?: { sheets?: unknown }): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 350, height: 900 }, acceptDownloads: true, locale: 'fr-FR' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.route('https://appsforoffice.microsoft.com/**', async (route) => {
    const rel = new URL(route.request().url()).pathname.replace(/^\/lib\/1\/hosted\//, '');
    const file = path.join(OFFICE_JS_DIR, rel);
    if (existsSync(file)) await route.fulfill({ path: file, contentType: 'text/javascript' });
    else await route.fulfill({ status: 404, body: '' });
  });
  await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  if (init?.sheets) await page.addInitScript((s) => ((window as unknown as { FAKE_SHEETS: unknown }).FAKE_SHEETS = s), init.sheets);
  await page.goto(url);
  return { context, page, errors };
}

export const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

/** No horizontal scrolling at this width: nothing overflows the pane. */
export async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const widest = Math.max(...Array.from(document.querySelectorAll('body *')).map((e) => e.getBoundingClientRect().right));
    return Math.max(document.documentElement.scrollWidth - width, Math.ceil(widest) - width);
  });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * axe-core (injected from node_modules, no network) on the page as it is: WCAG 2 A and AA rules,
 * best practices. Fluent UI's focus sentinels (`<i data-tabster-dummy aria-hidden tabindex=0>`,
 * which pass the focus on the moment they get it) are left out here; `tabWalk` checks with the
 * real keyboard that the focus never rests on one.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  // colours are measured once settled: a button re-enabled a moment ago is still fading from its
  // greyed colour (Fluent's transitions), and axe would read a contrast no user sees for long
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity), undefined, { timeout: 10_000 });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const r = await axe.run({ exclude: [['[data-tabster-dummy]']] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

/** Where the keyboard focus is: the element's accessible-ish name, or BODY when it fell to the page. */
export const focused = (page: Page) =>
  page.evaluate(() => {
    const e = document.activeElement as HTMLElement | null;
    if (!e || e === document.body) return 'BODY';
    return e.getAttribute('aria-label') || e.getAttribute('data-testid') || e.textContent?.trim().slice(0, 60) || e.tagName;
  });

/** Presses Tab `n` times and says where the focus went each time (a sentinel or the page body would be a defect). */
export async function tabWalk(page: Page, n: number): Promise<{ name: string; dummy: boolean }[]> {
  const out: { name: string; dummy: boolean }[] = [];
  for (let i = 0; i < n; i++) {
    await page.keyboard.press('Tab');
    out.push(
      await page.evaluate(() => {
        const e = document.activeElement as HTMLElement | null;
        if (!e || e === document.body) return { name: 'BODY', dummy: false };
        const name = e.getAttribute('aria-label') || e.textContent?.trim().slice(0, 60) || e.tagName;
        return { name, dummy: e.hasAttribute('data-tabster-dummy') };
      }),
    );
  }
  return out;
}
