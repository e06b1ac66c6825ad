// The results cache as a user meets it, in Chromium: a second visit to the
// Calibration tab shows every interval at once (no progress, no pending
// intervals, nothing computed), a label recomputes it, and the Recalibrate
// and Rubrics tabs answer a second visit from the cache too.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { computeClient } from '../../main/compute/client.ts';
import { byTestId, importFiles, openSession, type Session } from './harness.ts';

let session: Session | null = null;
afterEach(async () => {
  vi.restoreAllMocks();
  await session?.close();
  session = null;
});

function runCsv(): string {
  const lines = readFileSync(join(process.cwd(), 'test', 'fixtures', 'calibration', 'dataset_beta_n1000_seed0.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
  const rows = lines.map((line) => {
    const [id, conf, correct] = line.split(',');
    return `${id},question ${id},answer ${id},${correct === '1' ? 'correct' : 'incorrect'},${conf}`;
  });
  return ['id,question,answer,grade,confidence', ...rows].join('\n');
}

/**
 * Clicks a tab and records, until `done` holds, whether the view ever showed
 * work in progress: a progress bar, or numbers waiting for their intervals.
 */
async function visit(page: Page, tab: string, done: string, busy: string): Promise<{ sawWork: boolean }> {
  await page.evaluate(
    ([busySelector]) => {
      const state = { sawWork: false };
      (window as unknown as { __visit: typeof state }).__visit = state;
      const check = () => {
        if (document.querySelector(busySelector!)) state.sawWork = true;
      };
      new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true });
    },
    [busy],
  );
  await page.click(byTestId(tab));
  await page.waitForSelector(done, { timeout: 30_000 });
  return page.evaluate(() => (window as unknown as { __visit: { sawWork: boolean } }).__visit);
}

const CALIBRATION_DONE = `.calibration-body[data-intervals="done"] ${byTestId('metric-ece')}`;
const CALIBRATION_BUSY = `${byTestId('calibration-progress')}, .calibration-body[data-intervals="pending"]`;

describe('results cache in the app', () => {
  it('a second visit to the Calibration tab shows its intervals at once; a label recomputes them', async () => {
    session = await openSession();
    const { page, server } = session;
    await importFiles(page, [{ name: 'beta-run.csv', buffer: Buffer.from(runCsv()) }]);
    await page.locator(`${byTestId('run-list')} >> text=beta-run.csv`).first().click();
    const runId = server.store.runs.list()[0]!.id;

    const first = await visit(page, 'tab-calibration', CALIBRATION_DONE, CALIBRATION_BUSY);
    expect(first.sawWork).toBe(true);
    await page.waitForSelector(byTestId('calibration-progress'), { state: 'detached' });
    const ece = await page.locator(`${byTestId('metric-ece')} td`).first().textContent();
    expect(ece).toMatch(/^0\.\d{3} \[0\.\d{3}, 0\.\d{3}\]$/);
    expect(server.store.results.kindsFor(runId)).toContain('calibration-run/1');

    await page.click(byTestId('tab-overview'));
    const second = await visit(page, 'tab-calibration', CALIBRATION_DONE, CALIBRATION_BUSY);
    expect(second.sawWork).toBe(false);
    expect(await page.locator(`${byTestId('metric-ece')} td`).first().textContent()).toBe(ece);

    // A label through the app's API: the cached analysis of this run is dropped, and the next visit computes.
    await page.click(byTestId('tab-overview'));
    const itemId = server.store.items.list(runId, { outcome: 'correct' }, 0, 1).rows[0]!.id;
    const labelled = await page.evaluate(async (id) => {
      const response = await fetch('/api/labels/set', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-candor-token': sessionStorage.getItem('candor-token')! },
        body: JSON.stringify({ itemId: id, annotator: 'e2e', outcome: 'incorrect' }),
      });
      return ((await response.json()) as { ok: boolean }).ok;
    }, itemId);
    expect(labelled).toBe(true);
    expect(server.store.results.kindsFor(runId)).not.toContain('calibration-run/1');
    const third = await visit(page, 'tab-calibration', CALIBRATION_DONE, CALIBRATION_BUSY);
    expect(third.sawWork).toBe(true);
    await page.waitForSelector(byTestId('calibration-progress'), { state: 'detached' });
    expect(server.store.results.kindsFor(runId)).toContain('calibration-run/1');
    expect(session.errors).toEqual([]);
  });

  it('a second fit on the Recalibrate tab and a second visit to the Rubrics tab are read, not computed', async () => {
    session = await openSession();
    const { page, server } = session;
    await importFiles(page, [{ name: 'beta-run.csv', buffer: Buffer.from(runCsv()) }]);
    await page.locator(`${byTestId('run-list')} >> text=beta-run.csv`).first().click();
    const runId = server.store.runs.list()[0]!.id;

    // The server runs in this process: its compute client is the one watched here.
    const task = vi.spyOn(computeClient(), 'task');
    const computed = (name: string) => task.mock.calls.filter(([n]) => n === name).length;
    const lb = `${byTestId(`lb-cell-${runId}-0`)} .lb-interval`;
    await page.click(byTestId('tab-rubrics'));
    await page.waitForSelector(lb, { timeout: 30_000 });
    await page.waitForSelector(byTestId('singleton-missing'), { timeout: 30_000 });
    expect([computed('rubrics/compare'), computed('rubrics/bounds')]).toEqual([1, 1]);
    await page.click(byTestId('tab-overview'));
    await page.click(byTestId('tab-rubrics'));
    await page.waitForSelector(lb, { timeout: 30_000 });
    await page.waitForSelector(byTestId('singleton-missing'), { timeout: 30_000 });
    expect([computed('rubrics/compare'), computed('rubrics/bounds')]).toEqual([1, 1]);

    await page.click(byTestId('tab-recalibration'));
    await page.waitForSelector(byTestId('recal-view'));
    const done = `${byTestId('recal-metric-ece')}:not(:has(${byTestId('recal-coming')}))`;
    const fitBusy = `${byTestId('recal-progress')}, ${byTestId('recal-coming')}`;
    const fitted = await visit(page, 'recal-fit', done, fitBusy);
    expect(fitted.sawWork).toBe(true);
    await page.waitForSelector(byTestId('recal-progress'), { state: 'detached', timeout: 30_000 });
    const shown = await page.locator(byTestId('recal-metric-ece')).textContent();
    expect(shown).toMatch(/\[0\.\d{3}, 0\.\d{3}\]/);
    const again = await visit(page, 'recal-fit', done, fitBusy);
    expect(again.sawWork).toBe(false);
    expect(await page.locator(byTestId('recal-metric-ece')).textContent()).toBe(shown);
    expect(session.errors).toEqual([]);
  });
});
