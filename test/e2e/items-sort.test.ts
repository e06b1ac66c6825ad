// The Items table sorted and its columns chosen, in Chromium (issue 15, item
// 3): a header click sorts by confidence and again reverses it, "Confidently
// wrong" shows the incorrect items highest confidence first, the order and
// filter live in the URL and survive a reload, the chosen columns are
// remembered, a length column sorts, and the Item view walks the same order.
// Screenshots light and dark.
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { byTestId, importFiles, openSession, screenshot, text, type Session } from './harness.ts';

let session: Session | null = null;
afterEach(async () => {
  await session?.close();
  session = null;
});

// Answers of different lengths; two items without a confidence; ties at 0.8.
const CSV = `id,question,answer,gold,grade,confidence
a1,Capital of Australia?,Sydney,Canberra,incorrect,0.8
a2,Capital of Bhutan?,Thimphu,Thimphu,correct,0.7
a3,Who wrote Middlemarch?,Charles Dickens wrote it in 1871,George Eliot,incorrect,0.95
a4,Boiling point of water at sea level in Celsius?,100,100,correct,0.99
a5,Largest moon of Saturn?,I don't know,Titan,abstained,0.1
a6,Author of Dubliners?,W. B. Yeats,James Joyce,incorrect,
a7,Smallest prime?,2,2,correct,0.6
a8,Year of the first Moon landing?,1968,1969,incorrect,0.8
a9,Chemical symbol of gold?,Ag,Au,incorrect,0.3
a10,Speed of light in km/s (approx.)?,300000,300000,correct,
`;

async function keys(page: Page): Promise<string[]> {
  // Rows are absolutely positioned: read them in their on-screen order.
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('[data-testid="items-table"] [data-testid^="item-row-"]'))
      .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
      .map((row) => row.querySelector('.cell.mono')?.textContent ?? ''),
  );
}
const hash = (page: Page) => page.evaluate(() => decodeURIComponent(location.hash));

describe('the Items table sorted in Chromium', () => {
  it.each(['light', 'dark'] as const)('sorts by a header, shows the confidently wrong, keeps order and filter in the URL and the columns chosen (%s)', async (colorScheme) => {
    session = await openSession({ colorScheme });
    const { page } = session;
    await importFiles(page, [{ name: 'quiz.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) }]);
    await page.waitForSelector(`${byTestId('run-list')} >> text=quiz.csv`);
    const runId = session.server.store.runs.list()[0]!.id;
    await page.click(byTestId('tab-items'));
    await expect.poll(() => keys(page)).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'a9', 'a10']);

    // A click on the header: highest confidence first, no confidence last; again: lowest first.
    await page.click(byTestId('sort-confidence'));
    await expect.poll(() => keys(page)).toEqual(['a4', 'a3', 'a1', 'a8', 'a2', 'a7', 'a9', 'a5', 'a6', 'a10']);
    expect(await hash(page)).toBe(`#/run/${runId}/items?sort=confidence&dir=desc`);
    expect(await page.locator('[role="columnheader"][aria-sort="descending"]').textContent()).toContain('confidence');
    await page.click(byTestId('sort-confidence'));
    await expect.poll(() => keys(page)).toEqual(['a5', 'a9', 'a7', 'a2', 'a1', 'a8', 'a3', 'a4', 'a6', 'a10']);

    // Confidently wrong: the incorrect items, the most confident first.
    await page.click(byTestId('items-confidently-wrong'));
    await expect.poll(() => keys(page)).toEqual(['a3', 'a1', 'a8', 'a9', 'a6']);
    expect(await hash(page)).toBe(`#/run/${runId}/items?outcome=incorrect&sort=confidence&dir=desc`);
    expect(await page.locator(byTestId('items-confidently-wrong')).getAttribute('aria-pressed')).toBe('true');
    expect(await text(page, 'items-total')).toBe('5 items');

    // Columns: add the imported grade and the answer's length, drop gold; sort by length.
    await page.click(byTestId('items-columns'));
    await page.click(byTestId('column-grade'));
    await page.click(byTestId('column-length'));
    await page.click(byTestId('column-gold'));
    await page.keyboard.press('Escape');
    await page.click(byTestId('sort-length'));
    await expect.poll(() => keys(page)).toEqual(['a3', 'a6', 'a1', 'a8', 'a9']);
    const headers = await page.locator('.items-head [role="columnheader"]').allTextContents();
    expect(headers.slice(1)).toEqual(['key', 'prompt', 'answer', 'confidence', 'outcome', 'imported grade', 'suggested', 'length▼']);
    await page.click(byTestId('sort-confidence'));
    await expect.poll(() => keys(page)).toEqual(['a3', 'a1', 'a8', 'a9', 'a6']);
    await screenshot(page, `items-confidently-wrong-${colorScheme}`);

    // A reload reopens the same rows, in the same order, with the same columns.
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await expect.poll(() => keys(page)).toEqual(['a3', 'a1', 'a8', 'a9', 'a6']);
    expect(await page.locator('.items-head [role="columnheader"]').allTextContents()).toEqual(['', 'key', 'prompt', 'answer', 'confidence▼', 'outcome', 'imported grade', 'suggested', 'length']);
    expect(await page.inputValue(byTestId('items-outcome-filter'))).toBe('incorrect');

    // The Item view walks the same order (j: next).
    await page.locator(`${byTestId('items-table')} [data-testid^="item-row-"] .cell.mono:text-is("a3")`).click();
    await page.waitForSelector(byTestId('item-view'));
    await expect.poll(() => text(page, 'item-key')).toBe('a3');
    await page.keyboard.press('j');
    await expect.poll(() => text(page, 'item-key')).toBe('a1');
    await page.keyboard.press('j');
    await expect.poll(() => text(page, 'item-key')).toBe('a8');

    // Back on the table the URL states the query again; the select picks another order.
    await page.click(byTestId('tab-items'));
    await expect.poll(() => hash(page)).toBe(`#/run/${runId}/items?outcome=incorrect&sort=confidence&dir=desc`);
    await page.selectOption(byTestId('items-outcome-filter'), 'all');
    await page.selectOption(byTestId('items-sort'), 'outcome');
    await expect.poll(() => keys(page)).toEqual(['a2', 'a4', 'a7', 'a10', 'a1', 'a3', 'a6', 'a8', 'a9', 'a5']);
    await screenshot(page, `items-sorted-outcome-${colorScheme}`);
    expect(session.errors).toEqual([]);
  });
});
