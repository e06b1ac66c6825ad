// The Rubrics tab in Chromium: three imported runs compared, the SimpleQA flip
// and the sweep's crossover found in the page, targets set for the audit, and
// the newcomer's path (demo, then the bundled example).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { byTestId, importFiles, openSession, screenshot, text, type Session } from './harness.ts';
import { sqlOf } from '../support/sql.ts';

let session: Session | null = null;
afterEach(async () => {
  await session?.close();
  session = null;
});

const EXAMPLES = join(import.meta.dirname, '../../assets/examples');
const example = (name: string) => ({ name, buffer: readFileSync(join(EXAMPLES, name)) });

/**
 * A third run over the same 1000 keys: the same model told t = 0.9, with stated
 * confidences and a training-frequency column. Deterministic: confidence
 * (37 i mod 100) / 100; above 0.6 it answers (every 5th wrong), otherwise it
 * abstains except every 7th item, answered wrong at low confidence.
 */
function cautiousRun(): { name: string; buffer: Buffer } {
  const lines = ['id,question,answer,grade,confidence,model,task,training_frequency'];
  for (let i = 1; i <= 1000; i++) {
    const id = `simpleqa-synth-${String(i).padStart(4, '0')}`;
    const confidence = ((37 * i) % 100) / 100;
    let grade: string;
    if (confidence > 0.6) grade = i % 5 === 0 ? 'incorrect' : 'correct';
    else grade = i % 7 === 0 ? 'incorrect' : 'abstained';
    const frequency = i % 4 === 0 ? 1 : 2 + (i % 30);
    lines.push(`${id},Question ${i},answer ${i},${grade},${confidence},gpt-5-thinking-mini,simpleqa-synthetic,${frequency}`);
  }
  return { name: 'gpt5-mini-told-t0.9.csv', buffer: Buffer.from(`${lines.join('\n')}\n`) };
}

async function scrollTo(page: Page, testId: string): Promise<void> {
  await page.locator(byTestId(testId)).first().scrollIntoViewIfNeeded();
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
}

describe('Rubrics tab in Chromium', () => {
  it('builds a leaderboard from three imported runs, shows the flip and the crossover, and audits stated targets', async () => {
    session = await openSession();
    const { page } = session;
    await importFiles(page, [cautiousRun(), example('simpleqa-gpt5-thinking-mini.csv'), example('simpleqa-o4-mini.csv')]);
    await page.waitForSelector(`${byTestId('run-list')} >> text=simpleqa-o4-mini.csv`);
    const runs = session.server.store.runs.list();
    expect(runs.map((r) => r.name)).toEqual(['gpt5-mini-told-t0.9.csv', 'simpleqa-gpt5-thinking-mini.csv', 'simpleqa-o4-mini.csv']);
    const [cautious, mini, o4] = runs.map((r) => r.id) as [number, number, number];

    // The first run is open; ticking two more selects three and opens the comparison.
    await page.click(byTestId(`run-item-${cautious}`));
    await page.click(byTestId(`run-check-${mini}`));
    await page.click(byTestId(`run-item-${o4}`), { modifiers: ['Control'] });
    await page.waitForSelector(byTestId('leaderboard'));
    expect(await page.evaluate(() => location.hash)).toBe(`#/run/${cautious}/rubrics?with=${mini},${o4}`);
    expect(await text(page, 'selection-bar')).toContain('3 runs selected');

    // Columns: binary, t = 0.5, 0.75, 0.9. Binary ranks o4-mini above gpt-5-thinking-mini; t = 0.75 reverses them.
    const cell = (run: number, column: number) => page.locator(byTestId(`lb-cell-${run}-${column}`));
    expect(Number(await cell(o4, 0).getAttribute('data-rank'))).toBeLessThan(Number(await cell(mini, 0).getAttribute('data-rank')));
    expect(Number(await cell(mini, 2).getAttribute('data-rank'))).toBeLessThan(Number(await cell(o4, 2).getAttribute('data-rank')));
    expect(await cell(mini, 2).getAttribute('data-flip')).toBe('true');
    expect(await cell(o4, 2).textContent()).toContain('-2.010');
    expect(await cell(mini, 2).textContent()).toContain('-0.560');
    expect(await cell(mini, 2).locator('.rank-change.up').count()).toBe(1);
    const flips = await page.locator(byTestId('flip')).allTextContents();
    expect(flips.some((f) => /^\W*simpleqa-gpt5-thinking-mini\.csv ranks above simpleqa-o4-mini\.csv under .*t = 0\.75 \(penalty 3\)/.test(f))).toBe(true);
    expect(await page.locator(`${byTestId('pairs-table')} tbody tr`).count()).toBe(3);
    await scrollTo(page, 'leaderboard');
    await screenshot(page, 'rubrics-leaderboard');

    // The sweep: the examples' curves cross at t = 2/51.
    await page.waitForSelector(`${byTestId('sweep-plot')} .main-svg`);
    const crossings = page.locator(byTestId('sweep-crossover'));
    const ts = (await crossings.evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-t')))));
    expect(ts.some((t) => Math.abs(t - 2 / 51) < 1e-12)).toBe(true);
    expect(await crossings.allTextContents()).toContainEqual(expect.stringContaining('cross at t = 0.039: simpleqa-o4-mini.csv leads below, simpleqa-gpt5-thinking-mini.csv above'));
    expect(await page.locator(`${byTestId('sweep-plot')} .annotation`).count()).toBe(ts.length);
    // The cautious run states confidences: its policy curve is drawn beside its actual curve.
    expect(await page.locator(`${byTestId('sweep-plot')} .scatterlayer .trace`).count()).toBe(3 * 3 + 1);
    await scrollTo(page, 'sweep-plot');
    await screenshot(page, 'rubrics-sweep');

    // Audit: state the targets; the two gpt-5-thinking-mini runs are grouped.
    await page.fill(byTestId(`target-${mini}`), '0');
    await page.press(byTestId(`target-${mini}`), 'Enter');
    await page.fill(byTestId(`target-${cautious}`), '0.9');
    await page.press(byTestId(`target-${cautious}`), 'Enter');
    await expect.poll(() => page.locator(byTestId('audit-row')).count()).toBe(2);
    const rows = await page.locator(byTestId('audit-row')).allTextContents();
    expect(rows[0]).toContain('simpleqa-gpt5-thinking-mini.csv');
    expect(rows[1]).toContain('gpt5-mini-told-t0.9.csv');
    // Told 0.9, it is right on 80% of what it attempts above 0.6 and wrong on what it guessed: below t.
    expect(await page.locator(byTestId('audit-check')).nth(1).textContent()).toContain('below t');
    expect(sqlOf(session.server.store).prepare("SELECT value FROM settings WHERE key = ?").pluck().get(`run-target:${cautious}`)).toBe('{"target":0.9}');
    await page.waitForSelector(`${byTestId('audit-plot')} .main-svg`);
    await scrollTo(page, 'audit');
    await screenshot(page, 'rubrics-audit');

    // Policy gaps of the open run at t = 0.9 link into the Item tab.
    await expect.poll(async () => (await text(page, 'gaps')).includes('Should have abstained')).toBe(true);
    await page.waitForSelector(`${byTestId('singleton-panel')}`);
    // sr = N1 / N with N the sum of the frequencies (science.md 4); a quarter of the items are singletons.
    const frequencies = Array.from({ length: 1000 }, (_, k) => ((k + 1) % 4 === 0 ? 1 : 2 + ((k + 1) % 30)));
    const sum = frequencies.reduce((a, b) => a + b, 0);
    expect(Number(await text(page, 'singleton-rate'))).toBeCloseTo(250 / sum, 3);
    expect(Number(await text(page, 'singleton-share'))).toBeCloseTo(0.25, 3);
    await page.waitForSelector(`${byTestId('roc-plot')} .main-svg`);
    await scrollTo(page, 'gaps');
    await screenshot(page, 'rubrics-gaps-bounds');
    await page.locator(`${byTestId('should-have-abstained')} ${byTestId('gap-item')}`).first().click();
    await page.waitForSelector(byTestId('item-view'));
    expect(await page.evaluate(() => location.hash)).toMatch(new RegExp(`^#/run/${cautious}/item/\\d+$`));
    expect(session.errors).toEqual([]);
  });

  it('takes a newcomer from the demo to the SimpleQA flip in one click (dark theme)', async () => {
    session = await openSession({ colorScheme: 'dark' });
    const { page } = session;
    await page.click(byTestId('demo-button'));
    await page.waitForSelector(byTestId('tab-rubrics'));
    await page.click(byTestId('tab-rubrics'));
    await page.click(byTestId('load-example'));
    await page.waitForSelector(`${byTestId('flip-summary')} >> text=simpleqa-gpt5-thinking-mini.csv`);
    const runs = session.server.store.runs.list();
    const mini = runs.find((r) => r.model === 'gpt-5-thinking-mini')!.id;
    expect(await page.locator(byTestId(`lb-cell-${mini}-2`)).getAttribute('data-rank')).toBe('1');
    expect(await page.locator(byTestId(`lb-cell-${mini}-0`)).getAttribute('data-rank')).toBe('2');
    await page.waitForSelector(`${byTestId('sweep-plot')} .main-svg`);
    await screenshot(page, 'rubrics-example-dark');

    // The paper's "t = 0.75, penalty 2" as custom points: saved, with its mismatch warned about, and a fifth column.
    await page.click('.rubric-details summary');
    await page.fill(byTestId('rubric-spec'), 'custom:1,-2,0@0.75');
    await page.click(byTestId('rubric-save'));
    await expect.poll(() => text(page, 'rubric-message')).toContain('the points imply t = 0.666667');
    await page.waitForSelector(byTestId(`lb-cell-${mini}-4`));
    expect(await page.locator(byTestId(`lb-cell-${mini}-4`)).textContent()).toContain('-0.300');
    await scrollTo(page, 'rubric-list');
    await screenshot(page, 'rubrics-custom-dark');
    await scrollTo(page, 'sweep-plot');
    await screenshot(page, 'rubrics-sweep-dark');
    await scrollTo(page, 'audit');
    await screenshot(page, 'rubrics-audit-dark');
    expect(session.errors).toEqual([]);
  });

  it('asks for the leaderboard first, and for the audit, the policy gaps and the error bounds only once it has answered', async () => {
    session = await openSession();
    const { page } = session;
    await importFiles(page, [cautiousRun()]);
    await page.waitForSelector(byTestId('tab-rubrics'));
    const events: string[] = [];
    const verb = (url: string) => url.split('/api/')[1] ?? '';
    page.on('request', (request) => request.url().includes('/api/rubrics/') && events.push(`ask ${verb(request.url())}`));
    page.on('requestfinished', (request) => request.url().includes('/api/rubrics/') && events.push(`answered ${verb(request.url())}`));
    await page.click(byTestId('tab-rubrics'));
    await page.waitForSelector(byTestId('gap-item'));
    await page.waitForSelector(`${byTestId('roc-plot')} .main-svg`);
    const at = (event: string) => {
      const index = events.indexOf(event);
      expect(index, `${event} in ${events.join(', ')}`).toBeGreaterThanOrEqual(0);
      return index;
    };
    expect(at('ask rubrics/compare')).toBeLessThan(at('answered rubrics/compare'));
    expect(at('answered rubrics/compare')).toBeLessThan(at('ask rubrics/audit'));
    expect(at('answered rubrics/compare')).toBeLessThan(at('ask rubrics/bounds'));
    // The gaps at the audit's target, so only after the audit answered (React's development
    // build, which the tests run, mounts every component twice: each of them, then).
    events.forEach((event, i) => {
      if (event === 'ask rubrics/gaps') expect(i, events.join(', ')).toBeGreaterThan(at('answered rubrics/audit'));
    });
    await screenshot(page, 'rubrics-panels-after-leaderboard');
    expect(session.errors).toEqual([]);
  });
});
