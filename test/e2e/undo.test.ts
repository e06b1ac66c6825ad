// One undo for every labeling view, kept by the server: a single label made in
// the Item view, a bulk action made in the Label view and a suggestion
// accepted in the Items table are undone by keyboard from other views than
// the ones that made them, across reloads of the window, and redone the same
// way; the stored labels are checked at every step.
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { Outcome } from '../../shared/domain.ts';
import { sqlOf } from '../support/sql.ts';
import { byTestId, importFiles, openSession, screenshot, text, type Session } from './harness.ts';

let session: Session | null = null;
afterEach(async () => {
  await session?.close();
  session = null;
});

// No grades: every item starts unlabeled, each with a suggestion (s4's: incorrect).
const CSV = `id,question,answer,gold,confidence
s1,What is the capital of France?,Paris,Paris,0.9
s2,In what year did Krakatoa erupt?,I don't know,1883,0.2
s3,Which city hosts the Brandenburg Gate?,"It is Berlin, I think",Berlin,0.6
s4,What is the capital of Portugal?,Madrid,Lisbon,0.7
s5,What is 6 x 7?,The answer is 42.,42,0.8
s6,What is the capital of Italy?,Rome,Rome,0.95
`;

/** ada's current label on each item, s1..s6, as stored. */
function adaLabels(s: Session): Array<Outcome | null> {
  const rows = sqlOf(s.server.store)
    .prepare(
      `SELECT i.item_key AS k, (SELECT l.outcome FROM labels l WHERE l.item_id = i.id AND l.annotator = 'ada' ORDER BY l.id DESC LIMIT 1) AS o
       FROM items i ORDER BY i.ord`,
    )
    .all() as Array<{ k: string; o: Outcome | null }>;
  return rows.map((row) => row.o);
}

async function rowId(page: Page, key: string): Promise<string> {
  const row = page.locator(`${byTestId('items-table')} [role="row"]`, { has: page.locator(`.cell.mono:text-is("${key}")`) });
  return (await row.first().getAttribute('data-testid'))!.replace('item-row-', '');
}

async function openTab(page: Page, tab: string): Promise<void> {
  await page.click(byTestId(`tab-${tab}`));
}

async function reload(page: Page): Promise<void> {
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
}

describe('one undo for every view, on the server', () => {
  it('undoes and redoes a single label, a bulk action and an accepted suggestion by keyboard from every view, across reloads', async () => {
    session = await openSession();
    const s = session;
    const { page } = s;
    await importFiles(page, [{ name: 'undo.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) }]);
    await page.waitForSelector(`${byTestId('run-list')} >> text=undo.csv`);
    await page.fill(byTestId('annotator-input'), 'ada');
    await page.press(byTestId('annotator-input'), 'Enter');

    // 1. A single label, in the Item view: s1 incorrect (key 2).
    await openTab(page, 'items');
    await page.waitForSelector(`${byTestId('items-table')} [data-testid^="item-row-"]`);
    const ids = Object.fromEntries(await Promise.all(['s1', 's2', 's3', 's4', 's5'].map(async (key) => [key, await rowId(page, key)] as const)));
    await page.locator(`${byTestId(`item-row-${ids.s1}`)} .cell`).nth(2).click();
    // The view shows 'Loading item…' first; a key then has no item to label.
    await page.waitForSelector(byTestId('item-my-label'));
    await page.keyboard.press('2');
    await expect.poll(() => text(page, 'item-my-label')).toContain('incorrect');
    await expect.poll(() => text(page, 'item-undo')).toBe('↶ Undo: incorrect on s1');

    // 2. A bulk action, in the Label view: s2 and s3 selected with x, marked correct.
    await openTab(page, 'label');
    await expect.poll(() => text(page, 'item-key')).toBe('s2');
    await page.keyboard.press('x');
    await page.keyboard.press('j');
    await expect.poll(() => text(page, 'item-key')).toBe('s3');
    await page.keyboard.press('x');
    await page.click(byTestId('mark-selection-correct'));
    await expect.poll(() => text(page, 'progress-mine')).toBe('3');
    expect(await text(page, 'undo-button')).toBe('↶ Undo: mark 2 selected correct');

    // 3. An accepted suggestion, in the Items table: s4's (incorrect).
    await openTab(page, 'items');
    await page.click(byTestId(`item-select-${ids.s4}`));
    await page.click(byTestId('items-accept-suggested'));
    await expect.poll(() => text(page, 'items-undo')).toBe('↶ Undo: accept suggestions for 1 selected');
    expect(adaLabels(s)).toEqual(['incorrect', 'correct', 'correct', 'incorrect', null, null]);
    await screenshot(page, 'undo-items-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'undo-items-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // Undo, newest first, each from a view that did not make it.
    // The accepted suggestion, from the Label view (Ctrl+Z).
    await openTab(page, 'label');
    await expect.poll(() => text(page, 'undo-button')).toBe('↶ Undo: accept suggestions for 1 selected');
    await page.keyboard.press('Control+z');
    await expect.poll(() => adaLabels(s)).toEqual(['incorrect', 'correct', 'correct', null, null, null]);
    await expect.poll(() => text(page, 'undo-button')).toBe('↶ Undo: mark 2 selected correct');
    expect(await text(page, 'status-bar')).toContain('Undone: accept suggestions for 1 selected (1 label)');

    // After a reload: the bulk action, from the Items table.
    await reload(page);
    await openTab(page, 'items');
    await expect.poll(() => text(page, 'items-undo')).toBe('↶ Undo: mark 2 selected correct');
    expect(await text(page, 'items-redo')).toBe('↷ Redo: accept suggestions for 1 selected');
    await page.keyboard.press('Control+z');
    await expect.poll(() => adaLabels(s)).toEqual(['incorrect', null, null, null, null, null]);
    await expect.poll(() => text(page, 'items-undo')).toBe('↶ Undo: incorrect on s1');
    await expect.poll(() => page.locator(`${byTestId(`item-outcome-${ids.s2}`)} .badge.outcome-unlabeled`).count()).toBe(1);

    // The single label, from the Item view of another item: it shows s1 again, unlabeled.
    await page.locator(`${byTestId(`item-row-${ids.s5}`)} .cell`).nth(2).click();
    await expect.poll(() => text(page, 'item-key')).toBe('s5');
    await page.keyboard.press('Control+z');
    await expect.poll(() => text(page, 'item-key')).toBe('s1');
    await expect.poll(() => text(page, 'item-my-label')).toBe('none');
    expect(adaLabels(s)).toEqual([null, null, null, null, null, null]);
    expect(await page.locator(byTestId('item-undo')).isDisabled()).toBe(true);
    await screenshot(page, 'undo-item-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'undo-item-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // Redo, oldest first, again from other views and across a reload (Shift+Ctrl+Z).
    await openTab(page, 'items');
    await expect.poll(() => text(page, 'items-redo')).toBe('↷ Redo: incorrect on s1');
    await page.keyboard.press('Shift+Control+Z');
    await expect.poll(() => adaLabels(s)).toEqual(['incorrect', null, null, null, null, null]);
    await reload(page);
    await openTab(page, 'label');
    await page.waitForSelector(`${byTestId('label-view')} ${byTestId('item-key')}`);
    await expect.poll(() => page.locator(byTestId('redo-button')).isDisabled()).toBe(false);
    await page.keyboard.press('Shift+Control+Z');
    await expect.poll(() => adaLabels(s)).toEqual(['incorrect', 'correct', 'correct', null, null, null]);
    await expect.poll(() => text(page, 'progress-mine')).toBe('3');
    await openTab(page, 'items');
    await page.locator(`${byTestId(`item-row-${ids.s4}`)} .cell`).nth(2).click();
    await expect.poll(() => text(page, 'item-redo')).toBe('↷ Redo: accept suggestions for 1 selected');
    await page.keyboard.press('Shift+Control+Z');
    await expect.poll(() => adaLabels(s)).toEqual(['incorrect', 'correct', 'correct', 'incorrect', null, null]);
    await expect.poll(() => text(page, 'item-my-label')).toContain('incorrect');
    expect(await page.locator(byTestId('item-redo')).isDisabled()).toBe(true);

    // History keeps every step of s4: accepted, undone, redone.
    const s4 = sqlOf(s.server.store)
      .prepare("SELECT l.outcome FROM labels l JOIN items i ON i.id = l.item_id WHERE i.item_key = 's4' ORDER BY l.id")
      .pluck()
      .all();
    expect(s4).toEqual(['incorrect', null, 'incorrect']);
    expect(s.errors).toEqual([]);
  });
});
