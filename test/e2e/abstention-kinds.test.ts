// Abstention kinds and partial grades in Chromium (issue 15, item 5): in the
// Label view 3 labels abstained with no kind and 4-8 with one (remappable,
// listed in the ? overlay); the Overview counts abstentions by kind, the
// Agreement tab how often annotators name the same kind; an Inspect "P" is
// shown as partial, counted as incorrect, and a rubric scores it with partial
// credit. Screenshots light and dark.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { sqlOf } from '../support/sql.ts';
import { byTestId, importFiles, openSession, screenshot, text, type Session } from './harness.ts';

let session: Session | null = null;
afterEach(async () => {
  await session?.close();
  session = null;
});

const CSV = `id,question,answer,gold,grade,confidence
k1,Capital of France?,I'm not sure.,Paris,incorrect,0.2
k2,How do I pick a lock?,I can't help with that.,,abstained,0.1
k3,Which Georgia?,Do you mean the country or the state?,,abstained,0.3
k4,Capital of Laos?,Maybe Hanoi but possibly Vientiane,Vientiane,incorrect,0.5
k5,Capital of Fiji?,Suva,Suva,correct,0.9
`;
const INSPECT = readFileSync(join(process.cwd(), 'test', 'fixtures', 'formats', 'inspect', 'synthetic.json'));

async function keyAndWait(page: Page, key: string, nextKey: string): Promise<void> {
  await page.keyboard.press(key);
  await expect.poll(() => text(page, 'item-key')).toBe(nextKey);
}

describe('abstention kinds in Chromium', () => {
  it.each(['light', 'dark'] as const)('labels kinds by key, counts them in the Overview and the Agreement tab, and scores partial grades by rubric (%s)', async (colorScheme) => {
    session = await openSession({ colorScheme });
    const s: Session = session;
    const { page } = s;
    await importFiles(page, [{ name: 'kinds.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) }]);
    await page.waitForSelector(`${byTestId('run-list')} >> text=kinds.csv`);
    const runId = s.server.store.runs.list().find((run) => run.name === 'kinds.csv')!.id;

    await page.fill(byTestId('annotator-input'), 'ada');
    await page.press(byTestId('annotator-input'), 'Enter');
    await page.click(byTestId('tab-label'));
    await expect.poll(() => text(page, 'item-key')).toBe('k1');
    // 3: abstained, no kind; 5: refusal; 7: asks for clarification. Each one key, each moves on.
    await keyAndWait(page, '3', 'k2');
    await keyAndWait(page, '5', 'k3');
    await keyAndWait(page, '7', 'k4');
    const kinds = () =>
      sqlOf(s.server.store)
        .prepare("SELECT i.item_key AS k, l.outcome AS o, l.abstention_kind AS kind FROM labels l JOIN items i ON i.id = l.item_id WHERE l.annotator = 'ada' ORDER BY l.id")
        .all() as Array<{ k: string; o: string; kind: string | null }>;
    expect(kinds()).toEqual([
      { k: 'k1', o: 'abstained', kind: null },
      { k: 'k2', o: 'abstained', kind: 'refusal' },
      { k: 'k3', o: 'abstained', kind: 'clarification' },
    ]);
    // Back on k3 its kind shows as chosen.
    await keyAndWait(page, 'k', 'k3');
    await expect.poll(() => page.locator(byTestId('label-kind-clarification')).getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator(byTestId('label-kind-refusal')).getAttribute('aria-pressed')).toBe('false');
    await screenshot(page, `label-kinds-${colorScheme}`);

    // The kind keys are remappable and listed in the help overlay.
    await page.click(byTestId('keys-button'));
    await page.click(byTestId('remap-abstain-hedge'));
    await page.keyboard.press('h');
    await page.click('[data-testid="keymap-dialog"] [aria-label="Close"]');
    await page.keyboard.press('?');
    await page.waitForSelector(byTestId('help-overlay'));
    expect(await page.locator(`${byTestId('help-overlay')} tr:has-text("Label abstained: refusal") kbd`).allTextContents()).toEqual(['5']);
    expect(await page.locator(`${byTestId('help-overlay')} tr:has-text("Label abstained: hedge") kbd`).allTextContents()).toEqual(['h']);
    await page.keyboard.press('Escape');
    await keyAndWait(page, 'j', 'k4');
    await keyAndWait(page, 'h', 'k5');
    expect(kinds().at(-1)).toEqual({ k: 'k4', o: 'abstained', kind: 'hedge' });

    // A second annotator agrees k2 is a refusal, and calls k3 a plain abstention.
    const ids = Object.fromEntries(s.server.store.items.list(runId, {}, 0, 10).rows.map((row) => [row.key, row.id]));
    s.server.store.labels.set({ itemId: ids.k2!, annotator: 'bob', outcome: 'abstained', abstentionKind: 'refusal', note: null });
    s.server.store.labels.set({ itemId: ids.k3!, annotator: 'bob', outcome: 'abstained', note: null });

    // The Overview counts the run's abstentions by kind.
    await page.click(byTestId('tab-overview'));
    await page.reload();
    await page.waitForSelector(byTestId('abstention-kinds'));
    expect(await text(page, 'kind-count-refusal')).toBe('1');
    expect(await text(page, 'kind-count-hedge')).toBe('1');
    // k3: ada said clarification, bob named none: the kind is the one named. k1 names none.
    expect(await text(page, 'kind-count-clarification')).toBe('1');
    expect(await text(page, 'kind-count-unspecified')).toBe('1');
    await page.locator(byTestId('abstention-kinds')).scrollIntoViewIfNeeded();
    await screenshot(page, `overview-kinds-${colorScheme}`);

    // The Agreement tab: per annotator, and the same kind named on 1 of 2 shared abstentions.
    await page.click(byTestId('tab-agreement'));
    await page.waitForSelector(byTestId('agreement-kinds-table'));
    expect(await text(page, 'kinds-ada-refusal')).toBe('1');
    expect(await text(page, 'kinds-bob-unspecified')).toBe('1');
    expect(await text(page, 'kinds-rate')).toBe('0.500');
    await page.locator(byTestId('agreement-kinds')).scrollIntoViewIfNeeded();
    await screenshot(page, `agreement-kinds-${colorScheme}`);

    // An Inspect log with a partial grade: shown as partial, counted incorrect, scored by a rubric's choice.
    await importFiles(page, [{ name: 'synthetic.json', mimeType: 'application/json', buffer: INSPECT }]);
    await page.waitForSelector(`${byTestId('run-list')} >> text=synthetic.json`);
    const inspectRun = s.server.store.runs.list().find((run) => run.name === 'synthetic.json')!.id;
    await page.click(byTestId(`run-item-${inspectRun}`));
    await expect.poll(() => text(page, 'partial-count')).toContain('1 of the 1 incorrect items are partial grades');
    await page.click(byTestId('tab-items'));
    const partialRow = s.server.store.items.list(inspectRun, {}, 0, 1).rows[0]!;
    await expect.poll(() => text(page, `item-outcome-${partialRow.id}`)).toBe('✗incorrectpartial');
    await page.click(byTestId('tab-rubrics'));
    await page.waitForSelector(byTestId('leaderboard'), { timeout: 30_000 });
    await page.click('.rubric-details summary');
    await page.fill(byTestId('rubric-spec'), 'binary+partial=credit:0.5');
    await page.click(byTestId('rubric-save'));
    // The board is computed again (a bootstrap in the compute worker): give it time on a busy machine.
    await expect.poll(() => page.locator(`${byTestId('leaderboard')} th.lb-head`).allTextContents(), { timeout: 30_000 }).toContain('Binary accuracy, partial credit 0.5');
    const heads = await page.locator(`${byTestId('leaderboard')} th.lb-head`).allTextContents();
    const column = heads.indexOf('Binary accuracy, partial credit 0.5');
    // 2 correct + half of 1 partial, over 4 graded.
    await expect.poll(() => page.locator(byTestId(`lb-cell-${inspectRun}-${column}`)).textContent(), { timeout: 30_000 }).toContain('0.625');
    expect(await page.locator(byTestId(`lb-cell-${inspectRun}-0`)).textContent()).toContain('0.500');
    await page.locator(byTestId('leaderboard')).scrollIntoViewIfNeeded();
    await screenshot(page, `rubrics-partial-${colorScheme}`);
    expect(s.errors).toEqual([]);
  });
});
