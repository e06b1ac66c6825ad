// Suggested grades in Chromium: a CSV with gold but no grade column is
// imported; its suggestions show in the Items table (as suggestions, not
// outcomes) and in the Item view with their basis; two rows picked with a
// shift-click range have their suggestions accepted as one batch, which the
// Overview counts, and Undo takes back.
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { byTestId, importFiles, openSession, screenshot, text, type Session } from './harness.ts';
import { sqlOf } from '../support/sql.ts';

let session: Session | null = null;
afterEach(async () => {
  await session?.close();
  session = null;
});

// No grade column: every item starts unlabeled, each with a suggestion.
const CSV = `id,question,answer,gold,confidence
s1,What is the capital of France?,Paris,Paris,0.9
s2,In what year did Krakatoa erupt?,I don't know,1883,0.2
s3,Which city hosts the Brandenburg Gate?,"It is Berlin, I think",Berlin,0.6
s4,What is the capital of Portugal?,Madrid,Lisbon,0.7
s5,What is 6 x 7?,The answer is 42.,42,0.8
s6,What is the capital of Italy?,Rome,Rome,0.95
`;

/** The id of the row whose key cell reads `key`. */
async function rowId(page: Page, key: string): Promise<string> {
  const row = page.locator(`${byTestId('items-table')} [role="row"]`, { has: page.locator(`.cell.mono:text-is("${key}")`) });
  const testId = await row.first().getAttribute('data-testid');
  return testId!.replace('item-row-', '');
}

async function reloadOn(page: Page, tab: string): Promise<void> {
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await page.click(byTestId(`tab-${tab}`));
}

async function overviewCounts(page: Page): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const outcome of ['correct', 'incorrect', 'abstained', 'unlabeled']) out[outcome] = await text(page, `count-${outcome}`);
  return out;
}

describe('suggested grades', () => {
  it('shows suggestions, accepts them for a selection as one batch the metrics count, and undoes it', async () => {
    session = await openSession();
    const { page } = session;
    await importFiles(page, [{ name: 'ungraded.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) }]);
    await page.waitForSelector(`${byTestId('run-list')} >> text=ungraded.csv`);
    await expect.poll(() => text(page, 'count-unlabeled')).toBe('6');

    // The table: a suggested column beside the outcome, which stays unlabeled.
    await page.click(byTestId('tab-items'));
    await page.waitForSelector(`${byTestId('items-table')} [data-testid^="item-row-"]`);
    const ids = Object.fromEntries(await Promise.all(['s1', 's2', 's3', 's4'].map(async (key) => [key, await rowId(page, key)] as const)));
    expect(await text(page, `item-suggested-${ids.s1}`)).toContain('correct');
    expect(await text(page, `item-suggested-${ids.s2}`)).toContain('abstained');
    expect(await text(page, `item-suggested-${ids.s4}`)).toContain('incorrect');
    expect(await page.locator(`${byTestId(`item-suggested-${ids.s2}`)} .badge.suggested`).getAttribute('title')).toContain(
      'suggested: abstained — abstention phrase',
    );
    expect(await page.locator(`${byTestId(`item-outcome-${ids.s2}`)} .badge.outcome-unlabeled`).count()).toBe(1);

    // Asking again suggests for the whole run: the same six.
    await page.click(byTestId('suggest-grades'));
    await expect.poll(() => text(page, 'status-bar')).toContain('6 items');

    // The Item view's side panel names the suggestion and its basis.
    await page.locator(`${byTestId(`item-row-${ids.s2}`)} .cell`).nth(2).click();
    await page.waitForSelector(byTestId('item-view'));
    expect(await text(page, 'item-key')).toBe('s2');
    // The phrase's kind comes with the suggestion.
    await expect.poll(() => text(page, 'item-suggestion')).toBe('?abstaineddon’t know— abstention phrase');
    await screenshot(page, 'suggestions-item-light');

    // Two rows by a shift-click range, their suggestions accepted as one batch.
    await page.click(byTestId('tab-items'));
    await page.waitForSelector(byTestId(`item-select-${ids.s2}`));
    await page.click(byTestId(`item-select-${ids.s2}`));
    await page.click(byTestId(`item-select-${ids.s3}`), { modifiers: ['Shift'] });
    await expect.poll(() => text(page, 'items-selected-count')).toBe('2 selected:');
    await screenshot(page, 'suggestions-items-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'suggestions-items-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.click(byTestId('items-accept-suggested'));
    await expect.poll(() => page.locator(`${byTestId(`item-outcome-${ids.s2}`)} .badge.outcome-abstained`).count()).toBe(1);
    expect(await page.locator(`${byTestId(`item-outcome-${ids.s3}`)} .badge.outcome-correct`).count()).toBe(1);
    // Only those two: s1 and s4 keep their suggestion and stay unlabeled.
    expect(await page.locator(`${byTestId(`item-outcome-${ids.s1}`)} .badge.outcome-unlabeled`).count()).toBe(1);
    expect(await page.locator(`${byTestId(`item-outcome-${ids.s4}`)} .badge.outcome-unlabeled`).count()).toBe(1);
    expect(await text(page, 'items-undo')).toContain('accept suggestions for 2 selected');

    // The store holds exactly those two labels.
    const labels = () => sqlOf(session!.server.store).prepare("SELECT outcome FROM labels WHERE kind = 'label' ORDER BY id").pluck().all();
    expect(labels()).toEqual(['abstained', 'correct']);
    // The Overview follows at once: the bulk action told the shell the labels changed.
    await page.click(byTestId('tab-overview'));
    await expect.poll(() => overviewCounts(page)).toEqual({ correct: '1', incorrect: '0', abstained: '1', unlabeled: '4' });
    // Undo is remembered across a reload of the window, too.
    await reloadOn(page, 'items');

    // Undo takes the batch back; six unlabeled again.
    await page.click(byTestId('tab-items'));
    await page.waitForSelector(byTestId(`item-outcome-${ids.s2}`));
    expect(await text(page, 'items-undo')).toContain('accept suggestions for 2 selected');
    await page.click(byTestId('items-undo'));
    await expect.poll(() => page.locator(`${byTestId(`item-outcome-${ids.s2}`)} .badge.outcome-unlabeled`).count()).toBe(1);
    expect(await page.locator(`${byTestId(`item-outcome-${ids.s3}`)} .badge.outcome-unlabeled`).count()).toBe(1);
    expect(await page.locator(byTestId('items-undo')).isDisabled()).toBe(true);
    expect(labels()).toEqual(['abstained', 'correct', null, null]);
    await screenshot(page, 'suggestions-items-undone-light');
    await page.click(byTestId('tab-overview'));
    await expect.poll(() => overviewCounts(page)).toEqual({ correct: '0', incorrect: '0', abstained: '0', unlabeled: '6' });

    // Dark theme: the side panel as well.
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.click(byTestId('tab-item'));
    await page.waitForSelector(byTestId('item-suggestion'));
    await screenshot(page, 'suggestions-item-dark');
    expect(session.errors).toEqual([]);
  });

  it('accepts every suggestion of the Label view\'s queue after asking, as one batch undo takes back', async () => {
    session = await openSession();
    const { page } = session;
    await importFiles(page, [{ name: 'ungraded.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) }]);
    await page.waitForSelector(`${byTestId('run-list')} >> text=ungraded.csv`);
    await expect.poll(() => text(page, 'count-unlabeled')).toBe('6');

    await page.click(byTestId('tab-label'));
    await page.waitForSelector(byTestId('item-suggestion'));
    expect(await text(page, 'item-suggestion')).toBe('✓correct— exact match');
    await page.click(byTestId('accept-suggested'));
    // Asked first, with the same pattern as the imported grades.
    expect(await text(page, 'accept-suggested-question')).toContain('suggested grade as your label on every item');
    await screenshot(page, 'suggestions-label-confirm-light');
    await page.click(byTestId('accept-suggested-confirm'));
    await expect.poll(() => text(page, 'progress-mine')).toBe('6');

    await page.click(byTestId('tab-overview'));
    await expect.poll(() => overviewCounts(page)).toEqual({ correct: '4', incorrect: '1', abstained: '1', unlabeled: '0' });

    await page.click(byTestId('tab-label'));
    await expect.poll(() => text(page, 'undo-button')).toContain('accept suggested grades');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'suggestions-label-dark');
    await page.click(byTestId('undo-button'));
    await expect.poll(() => text(page, 'progress-mine')).toBe('0');
    await page.click(byTestId('tab-overview'));
    await expect.poll(() => overviewCounts(page)).toEqual({ correct: '0', incorrect: '0', abstained: '0', unlabeled: '6' });
    expect(session.errors).toEqual([]);
  });
});
