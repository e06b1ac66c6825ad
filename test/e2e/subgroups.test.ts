// The Subgroups tab in Chromium: a run with a subject field broken down by
// it, the table's intervals and its reasons for undefined numbers, sorting,
// the field and sort kept in the URL across a reload, the small multiples
// drawn; the demo run by category in light and dark for the README.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { HEADER, rows } from '../unit/subgroups/dataset.ts';
import { byTestId, importFiles, openSession, screenshot, type Session } from './harness.ts';

let session: Session | null = null;
afterEach(async () => {
  await session?.close();
  session = null;
});

async function openTab(page: Page, runName: string): Promise<void> {
  await page.locator(`${byTestId('run-list')} >> text=${runName}`).first().click();
  await page.click(byTestId('tab-subgroups'));
  await page.waitForSelector(byTestId('subgroups-view'));
}

/** Waits for the intervals: the job gone and the body marked done. */
async function settled(page: Page): Promise<void> {
  await page.waitForSelector(`${byTestId('subgroups-table')}`, { timeout: 30_000 });
  await page.waitForSelector('[data-intervals="done"]', { timeout: 60_000 });
  await page.waitForSelector(`${byTestId('subgroups-diagrams')} .main-svg`);
}

async function groupOrder(page: Page): Promise<string[]> {
  return page.locator(byTestId('subgroup-row')).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-group') ?? ''));
}

describe('Subgroups tab', () => {
  it('breaks a run down by subject, with intervals, reasons, sorting and the choice in the URL', async () => {
    session = await openSession();
    const { page } = session;
    await importFiles(page, [{ name: 'subjects.csv', mimeType: 'text/csv', buffer: Buffer.from([HEADER, ...rows().map((r) => r.line)].join('\n')) }]);
    await openTab(page, 'subjects.csv');
    // subject is offered first, with its number of values; difficulty too; ids and texts are not.
    const options = await page.locator(`${byTestId('subgroups-field')} option`).allTextContents();
    expect(options).toEqual(['subject (4 values)', 'difficulty (2 values)']);
    await settled(page);
    expect(await groupOrder(page)).toEqual(['anatomy', 'college_physics', 'world_religions', 'easy', '(no value)']);
    // An ECE with its bootstrap interval.
    const anatomy = page.locator(`${byTestId('subgroup-row')}[data-group="anatomy"]`);
    await expect.poll(() => anatomy.locator(byTestId('subgroup-ece')).textContent()).toMatch(/^0\.\d{3} \[0\.\d{3}, 0\.\d{3}\]$/);
    // All correct: AUROC is a dash with its reason, not a number.
    const easy = page.locator(`${byTestId('subgroup-row')}[data-group="easy"]`);
    expect(await easy.locator(byTestId('subgroup-auroc')).textContent()).toContain('—all attempted items are correct, or all wrong');
    // One panel per group (a diagonal and the bins each).
    const panels = await page.evaluate((selector) => {
      const div = document.querySelector(selector) as unknown as { data?: Array<{ mode?: string }> } | null;
      return (div?.data ?? []).filter((t) => t.mode === 'markers').length;
    }, byTestId('subgroups-diagrams'));
    expect(panels).toBe(5);

    // Sort by ECE, ascending on the second click; undefined values stay last.
    await page.click(byTestId('subgroups-sort-ece'));
    await page.click(byTestId('subgroups-sort-ece'));
    const eces = await page.locator(`${byTestId('subgroup-row')} ${byTestId('subgroup-ece')}`).evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-value'))));
    expect(eces).toEqual([...eces].sort((a, b) => a - b));
    expect(page.url()).toContain('sort=ece');
    expect(page.url()).toContain('dir=asc');

    // Another field; a reload keeps it.
    await page.selectOption(byTestId('subgroups-field'), 'difficulty');
    await expect.poll(() => groupOrder(page), { timeout: 30_000 }).toEqual(['easy', 'hard']);
    expect(page.url()).toContain('by=difficulty');
    await page.reload();
    await page.waitForSelector(byTestId('subgroups-view'));
    await expect.poll(() => page.locator(byTestId('subgroups-field')).inputValue(), { timeout: 20_000 }).toBe('difficulty');
    await settled(page);
    expect(await groupOrder(page)).toEqual(['easy', 'hard']);
  });

  it("analyses each group with the run's Calibration tab settings and the Rubrics tab's rubrics", async () => {
    session = await openSession();
    const { page } = session;
    await importFiles(page, [{ name: 'subjects.csv', mimeType: 'text/csv', buffer: Buffer.from([HEADER, ...rows().map((r) => r.line)].join('\n')) }]);
    await page.locator(`${byTestId('run-list')} >> text=subjects.csv`).first().click();
    await page.click(byTestId('tab-calibration'));
    await page.selectOption(byTestId('calibration-bins'), '15');
    await page.selectOption(byTestId('calibration-binning'), 'equal-mass');
    await expect.poll(async () => (await page.locator(`${byTestId('metric-ece')} th`).textContent()) ?? '', { timeout: 30_000 }).toContain('15 equal-mass bins');
    await page.click(byTestId('tab-rubrics'));
    await page.click('.rubric-details summary');
    await page.fill(byTestId('rubric-spec'), 't=0.8');
    await page.click(byTestId('rubric-save'));
    const savedShown = async () => (await page.locator(`${byTestId('leaderboard')} th.lb-head`).allTextContents()).some((head) => head.startsWith('t = 0.8 '));
    await expect.poll(savedShown, { timeout: 30_000 }).toBe(true);

    await page.click(byTestId('tab-subgroups'));
    await settled(page);
    expect(await page.locator('.subgroups-note').textContent()).toContain('15 equal-mass bins');
    // The saved rubric is a column beside the built-in ones, each group scored under it.
    const heads = await page.locator(`${byTestId('subgroups-table')} thead th`).allTextContents();
    expect(heads.some((head) => head.startsWith('t = 0.8 '))).toBe(true);
    const anatomy = page.locator(`${byTestId('subgroup-row')}[data-group="anatomy"]`);
    expect(await anatomy.locator(byTestId('subgroup-rubric:t=0.8')).getAttribute('data-value')).toMatch(/^-?\d/);
    await screenshot(page, 'subgroups-saved-settings-light');
  });

  it("the Report tab's JSON carries the breakdown chosen there", async () => {
    session = await openSession();
    const { page } = session;
    await importFiles(page, [{ name: 'subjects.csv', mimeType: 'text/csv', buffer: Buffer.from([HEADER, ...rows().map((r) => r.line)].join('\n')) }]);
    await page.locator(`${byTestId('run-list')} >> text=subjects.csv`).first().click();
    await page.click(byTestId('tab-report'));
    await expect.poll(() => page.locator(`${byTestId('report-breakdown')} option`).allTextContents()).toEqual(['nothing', 'subject (4 values)', 'difficulty (2 values)']);
    await page.selectOption(byTestId('report-breakdown'), 'subject');
    await page.fill(`${byTestId('report-view')} input[type=number] >> nth=2`, '50');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.click(byTestId('report-export-json'))]);
    const path = await download.path();
    const report = JSON.parse(readFileSync(path, 'utf8')) as { runs: Array<{ subgroups: { field: string; groups: Array<{ label: string }> } }> };
    expect(report.runs[0]!.subgroups.field).toBe('subject');
    expect(report.runs[0]!.subgroups.groups.map((g) => g.label)).toEqual(['anatomy', 'college_physics', 'world_religions', 'easy', '(no value)']);
  });

  it('says so when the items carry no field to break down by', async () => {
    session = await openSession();
    const { page } = session;
    const lines = ['id,answer,grade,confidence', ...Array.from({ length: 30 }, (_, i) => `k${i},a${i},${i % 2 ? 'correct' : 'incorrect'},0.${i % 10}`)];
    await importFiles(page, [{ name: 'plain.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) }]);
    await openTab(page, 'plain.csv');
    await expect.poll(() => page.locator(byTestId('subgroups-empty')).textContent()).toContain('carry no field to break it down by');
  });

  it.each(['light', 'dark'] as const)('the demo run by category (%s)', async (colorScheme) => {
    session = await openSession({ colorScheme });
    const { page } = session;
    await page.setViewportSize({ width: 1280, height: 1000 });
    await importFiles(page, [{ name: 'demo-run.csv', mimeType: 'text/csv', buffer: readFileSync(join(process.cwd(), 'assets', 'demo', 'demo-run.csv')) }]);
    await openTab(page, 'demo-run.csv');
    await settled(page);
    expect(await groupOrder(page)).toEqual(['arithmetic', 'chemistry', 'geography', 'history', 'literature']);
    await screenshot(page, `subgroups-${colorScheme}`);
  });
});
