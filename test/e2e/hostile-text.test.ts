// Model output is hostile text. Prompts, answers, gold answers and the model
// name of test/fixtures/report/hostile.csv carry script tags, event-handler
// attributes, javascript: URLs, bidi overrides, zero-width characters and a
// 3,000-character line; every script payload would set window.__pwned or call
// alert. In the app (browser mode) and in the report they must stay text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/index.ts';
import { tempDir } from '../support/temp.ts';
import { byTestId, CHROMIUM_PATH, importFiles, openSession, screenshot, SCREENSHOT_DIR, text, type Session } from './harness.ts';

const HOSTILE = join(process.cwd(), 'test', 'fixtures', 'report', 'hostile.csv');
const FILE_NAME = '<img src=x onerror=alert(7)>.csv';

/** Nothing ran: no global set, no dialog, and none of the payloads' elements exist in the page. */
async function expectInert(page: Page, dialogs: string[]): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
  const injected = await page.evaluate(() => ({
    img: document.querySelectorAll('img[src="x"]').length,
    svgOnload: document.querySelectorAll('svg[onload]').length,
    iframe: document.querySelectorAll('iframe').length,
    details: document.querySelectorAll('details[ontoggle]').length,
    bold: document.querySelectorAll('b[onmouseover]').length,
    link: document.querySelectorAll('a[href^="javascript:"]').length,
  }));
  expect(injected).toEqual({ img: 0, svgOnload: 0, iframe: 0, details: 0, bold: 0, link: 0 });
}

let session: Session | null = null;
afterEach(async () => {
  await session?.close();
  session = null;
});

describe('hostile model output in the app (browser mode)', () => {
  it('shows payloads as text in the Items table and the Item view, and runs none of them', async () => {
    session = await openSession();
    const { page } = session;
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.setInputFiles(byTestId('import-input'), { name: FILE_NAME, mimeType: 'text/csv', buffer: readFileSync(HOSTILE) });
    // The import preview shows the first items as they will be stored: text there too.
    await page.waitForSelector(byTestId('import-dialog'));
    await page.waitForFunction((selector) => {
      const button = document.querySelector<HTMLButtonElement>(selector);
      return button !== null && !button.disabled;
    }, byTestId('import-confirm'));
    expect(await text(page, 'import-dialog')).toContain('<script>window.__pwned=1;alert(1)</script>');
    await screenshot(page, 'hostile-import-preview');
    await expectInert(page, dialogs);
    await page.click(byTestId('import-confirm'));
    await page.waitForSelector(byTestId('import-dialog'), { state: 'detached' });
    await page.locator(byTestId('run-list')).getByText(FILE_NAME).first().waitFor();

    await page.click(byTestId('tab-items'));
    await page.waitForSelector(byTestId('items-table'));
    const table = await text(page, 'items-table');
    expect(table).toContain('<script>window.__pwned=1;alert(1)</script>');
    expect(table).toContain('<img src=x onerror="window.__pwned=2;alert(2)">');
    await screenshot(page, 'hostile-items-table');
    await expectInert(page, dialogs);

    for (const [key, prompt, answer] of [
      ['h1', '<script>window.__pwned=1;alert(1)</script>', '<img src=x onerror="window.__pwned=2;alert(2)">'],
      ['h3', '"><iframe src="javascript:window.__pwned=5"></iframe>', '<a href="javascript:alert(5)" onclick="window.__pwned=6">click</a>'],
    ] as const) {
      await page.click(byTestId('tab-items'));
      await page.locator(`${byTestId('items-table')} [data-testid^="item-row-"]`, { hasText: key === 'h1' ? '__pwned=1' : 'iframe' }).first().click();
      await page.waitForSelector(byTestId('item-view'));
      await expect.poll(() => text(page, 'item-key')).toBe(key);
      expect(await text(page, 'item-prompt')).toBe(prompt);
      expect(await text(page, 'item-answer')).toBe(answer);
      await expectInert(page, dialogs);
    }
    await screenshot(page, 'hostile-item-view');

    // Bidi overrides and zero-width characters arrive as the characters they are, not as markup.
    await page.click(byTestId('item-next'));
    await expect.poll(() => text(page, 'item-key')).toBe('h4');
    expect(await text(page, 'item-prompt')).toBe('bidi \u202Eevil\u202C and zero\u200Bwidth \u2066iso\u2069');
    await page.click(byTestId('item-next'));
    await page.click(byTestId('item-next'));
    await expect.poll(() => text(page, 'item-key')).toBe('h6');
    expect(await page.locator(byTestId('item-prompt')).evaluate((el) => el.scrollWidth <= el.parentElement!.clientWidth + 1)).toBe(true);
    await screenshot(page, 'hostile-item-long-line');
    await expectInert(page, dialogs);
    expect(session.errors).toEqual([]);
  });
});

// Issue 13, item 13: model names with markup rendered as markup in plot legends
// (an SVG link in the Calibration overlay legend). Two runs named by hostile
// models, overlaid: legend and hover show the names as written.
describe('hostile model names in plots', () => {
  it('shows them as text in the Calibration overlay legend and hover', async () => {
    session = await openSession();
    const { page } = session;
    const link = '<a href="https://evil.example/">evil link</a>';
    const bold = '<b>bold</b> %{x}';
    const field = (text: string) => `"${text.replace(/"/g, '""')}"`;
    const rows = Array.from({ length: 40 }, (_, i) => [
      `${i},q,a,${i % 3 === 0 ? 'incorrect' : 'correct'},${((i * 37) % 100) / 100},${field(link)}`,
      `${i},q,a,${i % 4 === 0 ? 'incorrect' : 'correct'},${((i * 53) % 100) / 100},${field(bold)}`,
    ]).flat();
    const csv = `id,question,answer,grade,confidence,model\n${rows.join('\n')}\n`;
    await importFiles(page, [{ name: 'two-models.csv', buffer: Buffer.from(csv) }]);
    await page.locator(byTestId('run-list')).getByText('evil link').first().click();
    await page.click(byTestId('tab-calibration'));
    await page.waitForSelector(byTestId('calibration-metrics'));
    await page.click(byTestId('calibration-overlays'));
    const overlay = await page.locator(`${byTestId('calibration-overlay-list')} [data-testid^="calibration-overlay-"][type="checkbox"]`).first().getAttribute('data-testid');
    await page.click(byTestId(overlay!));
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator(`${byTestId('calibration-metrics')} thead th`).count(), { timeout: 20_000 }).toBe(3);
    await page.waitForSelector(`${byTestId('calibration-diagram')} .legend .traces`);
    const legend = page.locator(`${byTestId('calibration-diagram')} .legend`);
    await expect.poll(async () => (await legend.textContent()) ?? '').toContain(link);
    expect(await legend.textContent()).toContain('<b>bold</b> %{x}');
    expect(await page.locator(`${byTestId('calibration-diagram')} svg a`).count()).toBe(0);
    expect(await page.locator(`${byTestId('calibration-diagram')} .legend text[style*="bold"], ${byTestId('calibration-diagram')} .legend tspan[style*="bold"]`).count()).toBe(0);
    // The diagram is drawn again when its intervals arrive, which clears a hover label: hover until one stays to be read.
    await expect
      .poll(
        async () => {
          await page.hover(`${byTestId('calibration-diagram')} .scatterlayer .trace:nth-child(2) .point >> nth=2`, { force: true });
          return (await page.locator(`${byTestId('calibration-diagram')} .hoverlayer`).textContent()) ?? '';
        },
        { timeout: 20_000 },
      )
      .toMatch(/evil link<\/a>|<b>bold<\/b> %\u2060?\{x\}/);
    await screenshot(page, 'hostile-plot-legend');
    expect(session.errors).toEqual([]);
  });
});

describe('hostile model output in the report', () => {
  it('shows payloads as text in the HTML report and runs none of them', async () => {
    const tmp = tempDir('candor-hostile-');
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    try {
      const file = join(tmp.dir, 'hostile.html');
      const out: string[] = [];
      const code = await runCli(['report', HOSTILE, '--out', file, '--resamples', '100'], { out: (t) => out.push(t), err: (t) => out.push(t) });
      expect(code).toBe(0);
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const dialogs: string[] = [];
      const errors: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
      await page.goto(`file://${file}`);
      await page.waitForSelector('body[data-rendered="true"]', { timeout: 30_000 });

      const errorsTable = (await page.locator('[data-testid="errors-table"]').textContent()) ?? '';
      expect(errorsTable).toContain('<script>window.__pwned=1;alert(1)</script>');
      expect(errorsTable).toContain('</script><script>window.__pwned=3</script>');
      expect(errorsTable).toContain('<svg onload="window.__pwned=4"></svg>');
      expect(errorsTable).toContain('<details open ontoggle="window.__pwned=7">x</details>');
      // Invisible characters are shown as their code points.
      expect(errorsTable).toContain('U+202E');
      expect(errorsTable).toContain('U+200B');
      expect(errorsTable).not.toMatch(/[\u202E\u200B]/);
      // The 3,000-character line is cut in the table, wrapped, and the rest is said to be in the exports.
      expect(errorsTable).toContain('more characters in the JSON and CSV exports');
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
      // The model name went into plot legends and hover text as text too.
      expect(await page.locator('.js-plotly-plot b[onmouseover]').count()).toBe(0);

      await page.hover('#fig-outcomes .barlayer .point', { force: true });
      await expectInert(page, dialogs);
      expect(errors).toEqual([]);
      await page.locator('#errors').screenshot({ path: join(SCREENSHOT_DIR, 'hostile-report-errors.png') });
    } finally {
      await browser.close();
      tmp.cleanup();
    }
  });
});
