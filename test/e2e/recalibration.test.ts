// The Recalibrate tab in Chromium: fit isotonic and Platt on an imported run,
// find the before/after diagram and the re-scoring table, save a map and apply
// it to a second run, and see a degenerate run refused with a clear message.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { byTestId, importFiles, openSession, screenshot, text, type Session } from './harness.ts';

let session: Session | null = null;
afterEach(async () => {
  await session?.close();
  session = null;
});

/** The beta reference dataset (test/fixtures/calibration) as a run file, with the first 40 items abstained. */
function runCsv(): string {
  const lines = readFileSync(join(process.cwd(), 'test', 'fixtures', 'calibration', 'dataset_beta_n1000_seed0.csv'), 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1);
  const rows = lines.map((line, i) => {
    const [id, conf, correct] = line.split(',');
    const grade = i < 40 ? 'abstained' : correct === '1' ? 'correct' : 'incorrect';
    return `${id},question ${id},answer ${id},${grade},${conf}`;
  });
  return ['id,question,answer,grade,confidence', ...rows].join('\n');
}

async function openRecalibrate(page: Page, runName: string): Promise<void> {
  await page.locator(`${byTestId('run-list')} >> text=${runName}`).first().click();
  await page.click(byTestId('tab-recalibration'));
  await page.waitForSelector(byTestId('recal-view'));
}

async function fit(page: Page, method: string): Promise<void> {
  await page.selectOption(byTestId('recal-method'), method);
  await page.click(byTestId('recal-fit'));
  await page.waitForSelector(`${byTestId('recal-diagram')} .main-svg`, { timeout: 30_000 });
  await page.waitForSelector(`${byTestId('recal-sweep')} .main-svg`, { timeout: 30_000 });
  // The map and the stated side come first; the cross-fitted side follows.
  await page.waitForSelector(byTestId('recal-coming'), { state: 'detached', timeout: 30_000 });
}

describe('Recalibrate tab', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`fits isotonic and Platt, shows the before/after diagram and the re-scoring table (${scheme})`, async () => {
      session = await openSession({ colorScheme: scheme });
      const { page } = session;
      await importFiles(page, [{ name: 'beta-run.csv', buffer: Buffer.from(runCsv()) }]);
      await page.waitForSelector(`${byTestId('run-list')} >> text=beta-run.csv`);
      await openRecalibrate(page, 'beta-run.csv');

      await fit(page, 'isotonic');
      // diagonal, map curve, before bins, after bins
      expect(await page.locator(`${byTestId('recal-diagram')} .scatterlayer .trace`).count()).toBe(4);
      expect(await page.locator(`${byTestId('recal-diagram')} .legendtext`).allTextContents()).toEqual(
        expect.arrayContaining(['before (stated)', 'after (cross-fitted, 5 folds)', 'map: Isotonic regression']),
      );
      expect(await text(page, 'recal-caption')).toContain('fitted on 960 attempted items');
      expect(await page.locator(`${byTestId('recal-rescore-table')} tbody tr`).count()).toBe(4);
      // t = 0 scores plain accuracy for all three behaviours (no penalty; the policies answer every item with confidence > 0)
      const t0 = await page.locator(`${byTestId('recal-rescore-0')} td`).allTextContents();
      expect(t0[0]).toBe('0.00');
      expect(await page.locator(`${byTestId('recal-metric-ece')} td`).first().textContent()).toContain('ECE');
      await screenshot(page, `recalibration-isotonic-${scheme}`);

      await fit(page, 'platt');
      // The diagram is still there from the isotonic fit: wait for the Platt result itself.
      await expect.poll(() => text(page, 'recal-params'), { timeout: 30_000 }).toContain('coef');
      await page.locator(byTestId('recal-rescore-table')).scrollIntoViewIfNeeded();
      await screenshot(page, `recalibration-platt-${scheme}`);
      expect(session.errors).toEqual([]);
    });
  }

  it('saves a map, applies it to another run, and refuses a degenerate run with a message', async () => {
    session = await openSession();
    const { page } = session;
    const allRight = 'id,question,answer,grade,confidence\n1,q1,a,correct,0.9\n2,q2,a,correct,0.6\n3,q3,a,correct,0.4\n';
    await importFiles(page, [
      { name: 'beta-run.csv', buffer: Buffer.from(runCsv()) },
      { name: 'all-right.csv', buffer: Buffer.from(allRight) },
    ]);
    await page.waitForSelector(`${byTestId('run-list')} >> text=all-right.csv`);
    await openRecalibrate(page, 'beta-run.csv');
    await fit(page, 'platt');
    await page.click(byTestId('recal-save'));
    await page.waitForSelector(`${byTestId('recal-saved-maps')} tbody tr`);

    await openRecalibrate(page, 'all-right.csv');
    await page.click(byTestId('recal-fit'));
    await page.waitForSelector(byTestId('recal-error'));
    expect(await text(page, 'recal-error')).toContain('Every one of the 3 attempted items in this run is correct');
    await screenshot(page, 'recalibration-degenerate');

    await openRecalibrate(page, 'beta-run.csv');
    await page.locator(`${byTestId('recal-saved-maps')} button >> text=Apply to this run`).first().click();
    await page.waitForSelector(`${byTestId('recal-diagram')} .main-svg`);
    expect(await text(page, 'recal-caption')).toContain('applied to 960 attempted items');
    expect(session.errors).toEqual([]);
  });
});
