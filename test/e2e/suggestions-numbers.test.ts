// Suggested grades for numeric golds in Chromium: a CSV of answers that used to
// fool the substring rule (-9.5e-07 "containing" 9) and answers that spell the
// gold's number differently (9.0, 9,000) is imported without grades; the Items
// table shows each row's suggestion and basis, and asking again ("Suggest
// grades") gives the same.
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { byTestId, importFiles, openSession, screenshot, type Session } from './harness.ts';

let session: Session | null = null;
afterEach(async () => {
  await session?.close();
  session = null;
});

const CSV = `id,question,answer,gold,confidence
n1,Smallest eigenvalue?,-9.5e-07,9,0.4
n2,How many planets?,9.0,9,0.6
n3,Population of the town?,"About 9,000 people.",9000,0.7
n4,How many lives does a cat have?,9.5,9,0.3
n5,Which amendment?,The 9th,9,0.5
n6,Percentage?,60 %,60%,0.8
n7,Which option?,(A),A,0.9
n8,Which option?,B is a better answer,A,0.2
`;

const EXPECTED: Record<string, string> = {
  n1: 'incorrect — no match',
  n2: 'correct — exact match',
  n3: 'correct — contains gold',
  n4: 'incorrect — no match',
  n5: 'incorrect — no match',
  n6: 'correct — exact match',
  n7: 'correct — exact match',
  n8: 'incorrect — no match',
};

/** Each row's key and the suggestion its badge names (grade — basis). */
async function suggestionsByKey(page: Page): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const row of await page.locator(`${byTestId('items-table')} [data-testid^="item-row-"]`).all()) {
    const key = (await row.locator('.cell.mono').first().textContent())?.trim() ?? '';
    const title = (await row.locator('.badge.suggested').getAttribute('title')) ?? '';
    out[key] = title.replace(/^suggested: /, '').replace(/ \(not counted until accepted\)$/, '');
  }
  return out;
}

describe('numeric suggestions', () => {
  it('compares numbers by value and never finds a gold digit inside another number', async () => {
    session = await openSession();
    const { page } = session;
    await importFiles(page, [{ name: 'numbers.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) }]);
    await page.waitForSelector(`${byTestId('run-list')} >> text=numbers.csv`);
    await page.click(byTestId('tab-items'));
    await expect.poll(() => page.locator(`${byTestId('items-table')} [data-testid^="item-row-"]`).count()).toBe(8);
    expect(await suggestionsByKey(page)).toEqual(EXPECTED);
    await screenshot(page, 'suggestions-numbers-light');

    // Asked again for the whole run: the same verdicts, from the same rules.
    await page.click(byTestId('suggest-grades'));
    await expect.poll(() => page.locator(byTestId('status-bar')).textContent()).toContain('8 items');
    expect(await suggestionsByKey(page)).toEqual(EXPECTED);
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'suggestions-numbers-dark');
    expect(session.errors).toEqual([]);
  });
});
