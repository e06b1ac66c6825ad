// The Calibration tab with fourteen runs in the store: overlays come from a
// compact searchable picker (runs without confidences left out) instead of a
// checkbox per run, the diagram keeps its place at the top, and the metrics
// table scrolls inside its panel with the run names and metric names pinned.
// Its settings (bins, strategy, convention, interval, overlays) live in the URL
// and are kept per run: a reload, a bookmark or a later visit shows what was left.
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { byTestId, importFiles, openSession, screenshot, type Session, type UploadFile } from './harness.ts';

let session: Session | null = null;
afterEach(async () => {
  await session?.close();
  session = null;
});

const MODELS = ['gpt-4o-mini', 'gpt-4o', 'o4-mini', 'llama-3.1-8b-instruct', 'llama-3.1-70b-instruct', 'mistral-large-2411', 'qwen2.5-72b-instruct', 'claude-3-5-haiku', 'gemma-2-27b-it', 'phi-4', 'deepseek-v3', 'command-r-plus'];

/** A deterministic run of n items: confidence drawn from a seeded generator, right with probability near it (a little overconfident). */
function run(name: string, model: string, seed: number, withConfidence = true, n = 160): UploadFile {
  let state = seed * 2654435761 + 1;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const rows = [withConfidence ? 'id,question,answer,grade,confidence,model,task' : 'id,question,answer,grade,model,task'];
  for (let i = 0; i < n; i++) {
    const confidence = 0.3 + 0.7 * random();
    const grade = random() < confidence - 0.08 * (seed % 3) ? 'correct' : 'incorrect';
    rows.push(withConfidence ? `q${i},Question ${i},Answer ${i},${grade},${confidence.toFixed(4)},${model},trivia-qa` : `q${i},Question ${i},Answer ${i},${grade},${model},trivia-qa`);
  }
  return { name, mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) };
}

async function settled(page: Page): Promise<void> {
  await page.waitForSelector(byTestId('calibration-metrics'));
  await page.waitForSelector(byTestId('calibration-progress'), { state: 'detached' });
  await page.waitForSelector(`${byTestId('calibration-diagram')} .main-svg`);
}

async function box(page: Page, testId: string) {
  const found = await page.locator(byTestId(testId)).first().boundingBox();
  if (!found) throw new Error(`${testId} is not on screen`);
  return found;
}

const hashOf = (page: Page) => page.evaluate(() => decodeURIComponent(location.hash));

async function controls(page: Page): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of ['bins', 'binning', 'convention', 'interval']) out[name] = await page.locator(byTestId(`calibration-${name}`)).inputValue();
  return out;
}

describe('Calibration tab at scale', () => {
  it('with 14 runs, overlays come from a searchable picker and the diagram and metrics keep their room', async () => {
    session = await openSession();
    const { page } = session;
    const files = MODELS.map((model, i) => run(`${model}.csv`, model, i + 1));
    files.push(run('no-confidence-a.csv', 'gpt-3.5-turbo', 21, false), run('no-confidence-b.csv', 'llama-2-13b', 22, false));
    await importFiles(page, files);
    await expect.poll(() => session!.server.store.runs.list().length, { timeout: 30_000 }).toBe(14);
    const runs = session.server.store.runs.list();
    const id = (name: string) => runs.find((r) => r.name === name)!.id;
    expect(runs.filter((r) => r.confidenceCount === 0).map((r) => r.name).sort()).toEqual(['no-confidence-a.csv', 'no-confidence-b.csv']);

    await page.click(byTestId(`run-item-${id('gpt-4o-mini.csv')}`));
    await page.click(byTestId('tab-calibration'));
    await settled(page);

    // No checkbox per run beside the controls: one button, and the diagram right under the options.
    expect(await page.locator('[data-testid^="calibration-overlay-"]:visible').count()).toBe(0);
    const controlsBox = await page.locator('.calibration-controls').boundingBox();
    expect(controlsBox!.height).toBeLessThan(60);
    const diagram = await box(page, 'calibration-diagram');
    expect(diagram.y).toBeLessThan(controlsBox!.y + controlsBox!.height + 90);
    expect(diagram.width).toBeGreaterThan(480);

    // The picker: the other 11 runs with confidences, searchable.
    await page.click(byTestId('calibration-overlays'));
    const options = page.locator(`${byTestId('calibration-overlay-list')} input[type="checkbox"]`);
    expect(await options.count()).toBe(11);
    expect(await page.locator(byTestId('calibration-overlay-list')).textContent()).toContain('2 runs without confidences not listed');
    expect(await page.locator(byTestId(`calibration-overlay-${id('no-confidence-a.csv')}`)).count()).toBe(0);
    await page.fill(byTestId('calibration-overlay-search'), 'llama instruct');
    expect(await options.count()).toBe(2);
    await page.click(byTestId(`calibration-overlay-${id('llama-3.1-70b-instruct.csv')}`));
    await page.fill(byTestId('calibration-overlay-search'), '');
    for (const name of ['gpt-4o.csv', 'o4-mini.csv', 'qwen2.5-72b-instruct.csv', 'deepseek-v3.csv']) await page.click(byTestId(`calibration-overlay-${id(name)}`));
    // Five overlays is the most one diagram takes: the rest are disabled.
    expect(await page.locator(byTestId(`calibration-overlay-${id('phi-4.csv')}`)).isDisabled()).toBe(true);
    await screenshot(page, 'calibration-14-runs-picker-light');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator(byTestId('calibration-overlay-list')).count()).toBe(0);
    expect(await page.locator('[data-testid^="calibration-overlay-chip-"]').count()).toBe(5);

    await expect.poll(() => page.locator(`${byTestId('calibration-metrics')} thead th`).count(), { timeout: 30_000 }).toBe(7);
    await settled(page);
    const panel = await box(page, 'calibration-metrics');
    const viewport = page.viewportSize()!;
    // Nothing clipped at the window's edge: the table scrolls inside its panel.
    expect(panel.x + panel.width).toBeLessThanOrEqual(viewport.width);
    expect(panel.y + panel.height).toBeLessThanOrEqual(viewport.height);
    const scroll = await page.locator(byTestId('calibration-metrics')).evaluate((el) => ({ w: el.scrollWidth - el.clientWidth, h: el.scrollHeight - el.clientHeight }));
    expect(scroll.w).toBeGreaterThan(0);
    expect(scroll.h).toBeGreaterThan(0);
    await screenshot(page, 'calibration-14-runs-light');

    // Scrolled down and right, the run names and the metric names stay in view.
    await page.locator(byTestId('calibration-metrics')).evaluate((el) => el.scrollTo(el.scrollWidth, el.scrollHeight));
    const lastHeader = await page.locator(`${byTestId('calibration-metrics')} thead th`).last().boundingBox();
    expect(Math.abs(lastHeader!.y - panel.y)).toBeLessThan(3);
    const rowName = await page.locator(`${byTestId('metric-prr')} th`).boundingBox();
    expect(Math.abs(rowName!.x - panel.x)).toBeLessThan(3);
    expect(await page.locator(`${byTestId('calibration-metrics')} thead th`).last().textContent()).toContain('deepseek-v3.csv');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'calibration-14-runs-scrolled-dark');
    await page.locator(byTestId('calibration-metrics')).evaluate((el) => el.scrollTo(0, 0));
    await page.click(byTestId('calibration-overlays'));
    await screenshot(page, 'calibration-14-runs-picker-dark');
    await page.keyboard.press('Escape');

    // A narrow window: the metrics go under the diagram, still scrolling in their panel.
    await page.setViewportSize({ width: 1000, height: 800 });
    await expect.poll(async () => (await box(page, 'calibration-metrics')).y).toBeGreaterThan((await box(page, 'calibration-diagram')).y + 400);
    const narrow = await box(page, 'calibration-metrics');
    expect(narrow.x + narrow.width).toBeLessThanOrEqual(1000);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.locator(byTestId('calibration-metrics')).scrollIntoViewIfNeeded();
    await screenshot(page, 'calibration-14-runs-narrow-light');
    expect(session.errors).toEqual([]);
  });

  it('keeps bins, strategy, convention, interval and overlays in the URL and per run', async () => {
    session = await openSession();
    const { page } = session;
    await importFiles(page, [run('alpha.csv', 'gpt-4o', 1), run('beta.csv', 'o4-mini', 2), run('gamma.csv', 'phi-4', 3)]);
    await expect.poll(() => session!.server.store.runs.list().length, { timeout: 30_000 }).toBe(3);
    const runs = session.server.store.runs.list();
    const [alpha, beta, gamma] = ['alpha.csv', 'beta.csv', 'gamma.csv'].map((name) => runs.find((r) => r.name === name)!.id);

    await page.click(byTestId(`run-item-${alpha}`));
    await page.click(byTestId('tab-calibration'));
    await settled(page);
    expect(await hashOf(page)).toBe(`#/run/${alpha}/calibration`);
    await page.selectOption(byTestId('calibration-bins'), '15');
    await page.selectOption(byTestId('calibration-binning'), 'equal-mass');
    await page.selectOption(byTestId('calibration-convention'), 'kumar');
    await page.selectOption(byTestId('calibration-interval'), 'clopper-pearson');
    await page.click(byTestId('calibration-overlays'));
    await page.click(byTestId(`calibration-overlay-${gamma}`));
    await page.keyboard.press('Escape');
    const left = { bins: '15', binning: 'equal-mass', convention: 'kumar', interval: 'clopper-pearson' };
    await expect.poll(() => hashOf(page)).toBe(`#/run/${alpha}/calibration?bins=15&strategy=equal-mass&convention=kumar&interval=clopper-pearson&overlay=${gamma}`);
    await expect.poll(() => page.locator(`${byTestId('calibration-metrics')} thead th`).count(), { timeout: 30_000 }).toBe(3);
    await expect.poll(async () => (await page.locator(`${byTestId('metric-ece')} th`).textContent()) ?? '', { timeout: 30_000 }).toContain('kumar, 15 equal-mass bins');

    // A reload reopens the same view from the URL.
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await settled(page);
    expect(await controls(page)).toEqual(left);
    expect(await page.locator(byTestId(`calibration-overlay-chip-${gamma}`)).count()).toBe(1);
    await screenshot(page, 'calibration-settings-restored-light');

    // Another run has its own settings: the defaults, and a clean URL.
    await page.click(byTestId(`run-item-${beta}`));
    await page.click(byTestId('tab-calibration'));
    await expect.poll(() => hashOf(page)).toBe(`#/run/${beta}/calibration`);
    await settled(page);
    expect(await controls(page)).toEqual({ bins: '10', binning: 'equal-width', convention: 'sklearn', interval: 'wilson' });
    expect(await page.locator('[data-testid^="calibration-overlay-chip-"]').count()).toBe(0);
    await page.selectOption(byTestId('calibration-bins'), '20');
    await expect.poll(() => hashOf(page)).toBe(`#/run/${beta}/calibration?bins=20`);

    // Back to the first run by the sidebar (its URL carries nothing): what was left there.
    await page.click(byTestId(`run-item-${alpha}`));
    await page.click(byTestId('tab-calibration'));
    await expect.poll(() => hashOf(page)).toBe(`#/run/${alpha}/calibration?bins=15&strategy=equal-mass&convention=kumar&interval=clopper-pearson&overlay=${gamma}`);
    expect(await controls(page)).toEqual(left);
    // Leaving the tab drops its settings from the URL; coming back restores them.
    await page.click(byTestId('tab-overview'));
    await expect.poll(() => hashOf(page)).toBe(`#/run/${alpha}/overview`);
    await page.click(byTestId('tab-calibration'));
    await expect.poll(() => hashOf(page)).toContain('bins=15');

    // A link with settings is the whole truth: what it does not name is the default.
    await page.evaluate((hash) => (location.hash = hash), `#/run/${beta}/calibration?bins=5&overlay=${alpha},999`);
    await expect.poll(() => controls(page)).toEqual({ bins: '5', binning: 'equal-width', convention: 'sklearn', interval: 'wilson' });
    await settled(page);
    // The overlay names a run that does not exist: only alpha is drawn.
    await expect.poll(() => page.locator(`${byTestId('calibration-metrics')} thead th`).count(), { timeout: 30_000 }).toBe(3);
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'calibration-settings-link-dark');
    expect(session.errors).toEqual([]);
  });

  it('reads what was left for a run as the run opens: the tab asks for its numbers at once, with those settings', async () => {
    session = await openSession();
    const { page } = session;
    await importFiles(page, [run('alpha.csv', 'gpt-4o', 1)]);
    await expect.poll(() => session!.server.store.runs.list().length, { timeout: 30_000 }).toBe(1);
    const alpha = session.server.store.runs.list()[0]!.id;
    await page.click(byTestId(`run-item-${alpha}`));
    await page.click(byTestId('tab-calibration'));
    await settled(page);
    await page.selectOption(byTestId('calibration-bins'), '15');
    await expect.poll(() => hashOf(page)).toBe(`#/run/${alpha}/calibration?bins=15`);
    await settled(page);

    // The window reloaded on the run's overview: nothing in its URL says how the tab was left.
    await page.click(byTestId('tab-overview'));
    await expect.poll(() => hashOf(page)).toBe(`#/run/${alpha}/overview`);
    // The run's overview reads it as the run opens.
    const prefetched = page.waitForResponse((response) => response.url().endsWith('/api/calibration/view'));
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await page.waitForSelector(byTestId('tab-calibration'));
    await prefetched;
    const asked: Array<{ verb: string; body: string }> = [];
    page.on('request', (request) => {
      const verb = request.url().split('/api/')[1];
      if (verb) asked.push({ verb, body: request.postData() ?? '' });
    });
    await page.click(byTestId('tab-calibration'));
    await settled(page);
    expect(await controls(page)).toEqual({ bins: '15', binning: 'equal-width', convention: 'sklearn', interval: 'wilson' });
    const verbs = asked.map((one) => one.verb);
    expect(verbs).not.toContain('calibration/view');
    // Read, not changed: nothing written back.
    expect(verbs).not.toContain('calibration/save-view');
    const started = asked.find((one) => one.verb === 'calibration/start');
    expect(JSON.parse(started!.body).settings.bins).toBe(15);
    expect(session.errors).toEqual([]);
  });
});
