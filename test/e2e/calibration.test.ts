// The Calibration tab in Chromium: two runs imported, convention and binning
// switched, a second run overlaid, per-bin whiskers and the smooth band drawn,
// in light and dark; the screenshots are looked at by a person.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { byTestId, importFiles, openSession, screenshot, type Session } from './harness.ts';

const FIXTURES = join(process.cwd(), 'test', 'fixtures', 'calibration');

/** A reference dataset (item_id, confidence, correct) with the answer column the generic reader wants. */
function dataset(file: string, name: string): { name: string; mimeType: string; buffer: Buffer } {
  const [header, ...rows] = readFileSync(join(FIXTURES, file), 'utf8').trim().split(/\r?\n/);
  return { name, mimeType: 'text/csv', buffer: Buffer.from([`${header},answer`, ...rows.map((row) => `${row},-`)].join('\n')) };
}

/** What plotly drew: the traces on the diagram's div. */
async function traces(page: Page): Promise<Array<{ type: string; name?: string; yaxis?: string; fill?: string; errorBars: number; points: number }>> {
  return page.evaluate((selector) => {
    const div = document.querySelector(selector) as unknown as { data?: Array<Record<string, unknown>> } | null;
    return (div?.data ?? []).map((t) => ({
      type: String(t.type),
      name: t.name as string | undefined,
      yaxis: t.yaxis as string | undefined,
      fill: t.fill as string | undefined,
      errorBars: ((t.error_y as { array?: number[] } | undefined)?.array ?? []).filter((v) => v > 0).length,
      points: ((t.x as unknown[] | undefined) ?? []).length,
    }));
  }, byTestId('calibration-diagram'));
}

async function settled(page: Page): Promise<void> {
  await page.waitForSelector(byTestId('calibration-metrics'));
  await page.waitForSelector(byTestId('calibration-progress'), { state: 'detached' });
  await page.waitForSelector(`${byTestId('calibration-diagram')} .main-svg`);
}

let session: Session | null = null;
afterEach(async () => {
  await session?.close();
  session = null;
});

describe('Calibration tab', () => {
  it('switches convention and binning, overlays a second run, and draws intervals, histogram and band', async () => {
    session = await openSession();
    const { page } = session;
    await importFiles(page, [dataset('dataset_beta_n1000_seed0.csv', 'beta.csv'), dataset('dataset_verbalized_n300_seed1.csv', 'verbalized.csv')]);
    await page.locator(`${byTestId('run-list')} >> text=beta.csv`).first().click();
    await page.click(byTestId('tab-calibration'));
    await settled(page);
    // sklearn, 10 equal-width bins: the ECE of reference_values.json, with a bootstrap interval.
    await expect.poll(() => page.locator(`${byTestId('metric-ece')} td`).first().textContent(), { timeout: 20_000 }).toMatch(/^0\.070 \[0\.\d{3}, 0\.\d{3}\]$/);
    let drawn = await traces(page);
    const bins = drawn.find((t) => t.name === 'beta.csv');
    expect(bins?.points).toBe(10);
    expect(bins?.errorBars).toBe(10);
    expect(drawn.filter((t) => t.type === 'bar' && t.yaxis === 'y2')).toHaveLength(1);

    await page.selectOption(byTestId('calibration-convention'), 'netcal');
    await page.selectOption(byTestId('calibration-binning'), 'equal-mass');
    await settled(page);
    await expect.poll(async () => (await page.locator(`${byTestId('metric-ece')} th`).textContent()) ?? '', { timeout: 20_000 }).toContain('netcal, 10 equal-mass bins');

    await page.click(byTestId('calibration-overlays'));
    const verbalizedId = await page.locator(`${byTestId('calibration-overlay-list')} [data-testid^="calibration-overlay-"][type="checkbox"]`).first().getAttribute('data-testid');
    await page.click(byTestId(verbalizedId!));
    await page.keyboard.press('Escape');
    // netcal refuses equal-mass bins on the verbalized run's ties: the refusal is shown, not a crash.
    await expect.poll(() => page.locator(byTestId('calibration-error')).count(), { timeout: 20_000 }).toBe(1);
    expect(await page.locator(byTestId('calibration-error')).textContent()).toMatch(/numerically 0/);
    await page.selectOption(byTestId('calibration-binning'), 'equal-width');
    await expect.poll(() => page.locator(`${byTestId('calibration-metrics')} thead th`).count(), { timeout: 20_000 }).toBe(3);
    await settled(page);
    drawn = await traces(page);
    expect(drawn.filter((t) => t.type === 'scatter' && t.errorBars > 0).map((t) => t.name)).toEqual(['beta.csv', 'verbalized.csv']);
    expect(drawn.filter((t) => t.type === 'bar')).toHaveLength(2);
    await page.hover(`${byTestId('calibration-diagram')} .scatterlayer .trace:nth-child(2) .point >> nth=5`, { force: true });
    await page.waitForSelector(`${byTestId('calibration-diagram')} .hoverlayer .hovertext`);
    expect(await page.locator(`${byTestId('calibration-diagram')} .hoverlayer`).textContent()).toMatch(/count [\d,]+.*mean confidence 0\.\d{3}.*accuracy 0\.\d{3}.*Wilson interval \[0\.\d{3}, [01]\.\d{3}\]/);
    await screenshot(page, 'calibration-binned-two-runs-light');

    await page.click(byTestId('calibration-mode-smooth'));
    await page.waitForFunction((selector) => {
      const div = document.querySelector(selector) as unknown as { data?: Array<{ fill?: string }> } | null;
      return (div?.data ?? []).filter((t) => t.fill === 'tonexty').length === 2;
    }, byTestId('calibration-diagram'));
    await screenshot(page, 'calibration-smooth-two-runs-light');

    await page.emulateMedia({ colorScheme: 'dark' });
    await page.click(byTestId('calibration-mode-binned'));
    await page.waitForTimeout(300);
    await screenshot(page, 'calibration-binned-two-runs-dark');
    expect(session.errors).toEqual([]);
  });
});
