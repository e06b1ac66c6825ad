// The HTML report opened in Chromium with the network cut off: every plot
// drawn, no console error, the numbers those of `candor analyze --json`; the
// PDF printed by headless Chromium; the Report tab's download in browser mode.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/index.ts';
import { tempDir } from '../support/temp.ts';
import { byTestId, CHROMIUM_PATH, openSession, screenshot, SCREENSHOT_DIR, type Session } from './harness.ts';

const DEMO = join(process.cwd(), 'assets', 'demo', 'demo-run.csv');
const HOSTILE = join(process.cwd(), 'test', 'fixtures', 'report', 'hostile.csv');

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

let browser: Browser;
const tmp = tempDir('candor-report-e2e-');
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
});
afterAll(async () => {
  await browser.close();
  tmp.cleanup();
});

/** Opens a report file with every non-file request aborted; collects what the page tried and said. */
export async function openOffline(file: string, colorScheme: 'light' | 'dark' = 'light') {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, colorScheme });
  const page = await context.newPage();
  const errors: string[] = [];
  const dialogs: string[] = [];
  const network: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) return route.continue();
    network.push(url);
    return route.abort();
  });
  await page.goto(`file://${file}`);
  await page.waitForSelector('body[data-rendered]', { timeout: 30_000 });
  return { page, errors, dialogs, network, close: () => context.close() };
}

async function metric(page: Page, run: number, name: string, extra = ''): Promise<number | null> {
  const value = await page.locator(`td[data-run="${run}"][data-metric="${name}"]${extra}`).first().getAttribute('data-value');
  return value === '' || value === null ? null : Number(value);
}

describe('the HTML report in Chromium', () => {
  it('opens offline with every plot drawn, no console error, and the numbers of candor analyze --json', async () => {
    const file = join(tmp.dir, 'report.html');
    expect((await cli(['report', DEMO, HOSTILE, '--out', file, '--resamples', '200'])).code).toBe(0);
    const analyzed = JSON.parse((await cli(['analyze', DEMO, HOSTILE, '--json'])).out) as {
      runs: Array<{ counts: Record<string, number>; metrics: Record<string, number | null>; rubric: Array<{ t: number; score: number | null }> }>;
    };
    const view = await openOffline(file);
    try {
      const { page } = view;
      expect(await page.getAttribute('body', 'data-rendered')).toBe('true');
      const figures = await page.locator('[data-figure]').count();
      expect(figures).toBe(2 + 2); // outcomes, sweep, one reliability diagram per run
      expect(await page.locator('[data-figure].js-plotly-plot').count()).toBe(figures);
      for (let i = 0; i < figures; i++) {
        const figure = page.locator('[data-figure]').nth(i);
        expect(await figure.locator('.main-svg').count()).toBeGreaterThan(0);
        expect(await figure.locator('.plot .trace, .barlayer .trace, .scatterlayer .trace').count()).toBeGreaterThan(0);
      }
      expect(view.errors).toEqual([]);
      expect(view.network).toEqual([]);

      expect(analyzed.runs).toHaveLength(2);
      for (const [i, run] of analyzed.runs.entries()) {
        for (const name of ['correct', 'incorrect', 'abstained', 'unlabeled', 'total'] as const) expect(await metric(page, i, name)).toBe(run.counts[name]);
        for (const name of ['accuracy', 'error_rate', 'abstention_rate', 'accuracy_given_attempted', 'f_score', 'ece', 'mce', 'brier'] as const) {
          expect(await metric(page, i, name)).toBe(run.metrics[name]);
        }
        for (const { t, score } of run.rubric) expect(await metric(page, i, 'rubric', `[data-t="${t}"]`)).toBe(score);
      }
      await screenshot(page, 'report-html');

      await page.click('#theme-toggle');
      await expect.poll(() => page.getAttribute('html', 'data-theme')).toBe('dark');
      await expect.poll(() => page.locator('#fig-sweep .main-svg').first().evaluate((svg) => getComputedStyle(svg).backgroundColor)).not.toBe('rgb(255, 255, 255)');
      await page.locator('#calibration').screenshot({ path: join(SCREENSHOT_DIR, 'report-html-dark-reliability.png') });
      expect(view.errors).toEqual([]);
    } finally {
      await view.close();
    }
  });

  it('prints a PDF through headless Chromium, and a page of it renders to PNG', async () => {
    const file = join(tmp.dir, 'report.pdf');
    const made = await cli(['report', DEMO, '--out', file, '--resamples', '200']);
    expect(made.err).toBe('');
    expect(made.code).toBe(0);
    const pdf = readFileSync(file);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)!.length).toBeGreaterThanOrEqual(2);
    if (existsSync('/usr/bin/pdftoppm')) {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      execFileSync('/usr/bin/pdftoppm', ['-r', '70', '-png', '-f', '1', '-l', '3', file, join(SCREENSHOT_DIR, 'report-pdf-page')]);
      expect(readdirSync(SCREENSHOT_DIR).filter((name) => name.startsWith('report-pdf-page')).length).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('the Report tab (browser mode)', () => {
  let session: Session | null = null;
  afterEach(async () => {
    await session?.close();
    session = null;
  });

  it('exports the HTML report of the open run as a download', async () => {
    session = await openSession();
    const { page } = session;
    await page.click(byTestId('demo-button'));
    await page.waitForSelector(`${byTestId('reliability-diagram')} .main-svg`, { timeout: 20_000 });
    await page.click(byTestId('tab-report'));
    await page.waitForSelector(byTestId('report-view'));
    await screenshot(page, 'report-tab');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(byTestId('report-export-html'))]);
    expect(download.suggestedFilename()).toBe('candor-report-demo-run.html');
    const saved = join(tmp.dir, 'downloaded.html');
    await download.saveAs(saved);
    const html = readFileSync(saved, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('candor-report-data');
    await page.waitForSelector(byTestId('report-last-export'));
    expect(session.errors).toEqual([]);
  });
});
