// Issue 15, item 4 in Chromium: the same item keys across runs (the Compare
// tab), its filters and their counts against the files' own grades, the keyboard,
// the jump from a rank flip and a paired difference, and runs sharing no items.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { byTestId, importFiles, openSession, screenshot, text, type Session } from './harness.ts';

let session: Session | null = null;
afterEach(async () => {
  await session?.close();
  session = null;
});

const EXAMPLES = join(import.meta.dirname, '../../assets/examples');
const example = (name: string) => ({ name, buffer: readFileSync(join(EXAMPLES, name)) });

/** key -> grade, as the example file states it (id,question,answer,grade,...). */
function grades(name: string): Map<string, string> {
  const lines = readFileSync(join(EXAMPLES, name), 'utf8').trim().split('\n').slice(1);
  return new Map(lines.map((line) => [line.split(',')[0]!, line.split(',')[3]!] as const));
}

/**
 * A third run over the first 600 example keys plus 50 of its own, with a hostile
 * answer on the first key: the matrix must show it as text.
 */
function thirdRun(): { name: string; buffer: Buffer; grades: Map<string, string> } {
  const lines = ['id,question,answer,grade,confidence'];
  const own = new Map<string, string>();
  for (let i = 1; i <= 650; i++) {
    const id = i <= 600 ? `simpleqa-synth-${String(i).padStart(4, '0')}` : `extra-${i}`;
    const grade = i % 3 === 0 ? 'incorrect' : i % 5 === 0 ? 'abstained' : 'correct';
    const answer = i === 1 ? '"<img src=x onerror=""document.body.dataset.pwned=1"">"' : `third ${i}`;
    lines.push(`${id},Question ${i},${answer},${grade},${((i * 37) % 100) / 100}`);
    own.set(id, grade);
  }
  return { name: 'third.csv', buffer: Buffer.from(`${lines.join('\n')}\n`), grades: own };
}

describe('Compare tab in Chromium', () => {
  it('lines up three runs by key, filters to disagreements and a pair cell with the files\' counts, opens items by keyboard, and jumps from the Rubrics tab', async () => {
    session = await openSession();
    const { page } = session;
    const third = thirdRun();
    await importFiles(page, [example('simpleqa-gpt5-thinking-mini.csv'), example('simpleqa-o4-mini.csv'), third]);
    await page.waitForSelector(`${byTestId('run-list')} >> text=third.csv`);
    const idOf = (name: string) => session!.server.store.runs.list().find((r) => r.name === name)!.id;
    const [mini, o4, own] = [idOf('simpleqa-gpt5-thinking-mini.csv'), idOf('simpleqa-o4-mini.csv'), idOf('third.csv')];
    const truth = [grades('simpleqa-gpt5-thinking-mini.csv'), grades('simpleqa-o4-mini.csv'), third.grades];

    // What the files say: keys in two runs or more, and those whose verdicts differ.
    const keys = [...new Set(truth.flatMap((run) => [...run.keys()]))];
    const shared = keys.filter((key) => truth.filter((run) => run.has(key)).length >= 2);
    const disagree = shared.filter((key) => new Set(truth.filter((run) => run.has(key)).map((run) => run.get(key))).size > 1);
    const wrongRight = shared.filter((key) => truth[0]!.get(key) === 'incorrect' && truth[1]!.get(key) === 'correct');
    expect(shared).toHaveLength(1000);

    await page.click(byTestId(`run-item-${mini}`));
    await page.click(byTestId(`run-check-${o4}`));
    await page.click(byTestId(`run-check-${own}`));
    await page.click(byTestId('tab-compare'));
    await page.waitForSelector(byTestId('matrix-row-0'));
    expect(await page.evaluate(() => location.hash)).toBe(`#/run/${mini}/compare?with=${o4},${own}`);
    expect(await text(page, 'matrix-summary')).toBe('1,000 item keys in two runs or more (600 in all 3). Not shared: 50 of third.csv.');
    expect(await text(page, 'matrix-filter-all')).toBe('All shared keys 1,000');
    expect(await text(page, 'matrix-filter-disagree')).toBe(`Runs disagree ${disagree.length.toLocaleString('en-US')}`);
    // The hostile answer is text in its cell, and nothing ran.
    const firstRow = page.locator(byTestId('matrix-row-0'));
    expect(await firstRow.getAttribute('data-key')).toBe('simpleqa-synth-0001');
    expect(await firstRow.textContent()).toContain('<img src=x onerror="document.body.dataset.pwned=1">');
    expect(await page.evaluate(() => document.body.dataset.pwned)).toBeUndefined();
    expect(await page.locator(`${byTestId('matrix-table')} img`).count()).toBe(0);
    await screenshot(page, 'compare-all');

    await page.click(byTestId('matrix-filter-disagree'));
    await expect.poll(() => text(page, 'matrix-total')).toBe(`${disagree.length.toLocaleString('en-US')} rows`);
    expect(await page.evaluate(() => location.hash)).toBe(`#/run/${mini}/compare?with=${o4},${own}&filter=disagree`);
    // Rows arrive in the first run's order: the first disagreeing key comes first.
    await expect.poll(() => page.locator(byTestId('matrix-row-0')).getAttribute('data-key')).toBe(disagree[0]);

    // The pair table: gpt5-mini (rows) by o4-mini (columns); "wrong, right" is one of its cells.
    expect(await text(page, 'matrix-pair-cell-incorrect-correct')).toBe(String(wrongRight.length));
    await page.click(byTestId('matrix-filter-wrong-right'));
    await expect.poll(() => text(page, 'matrix-total')).toBe(`${wrongRight.length} rows`);
    expect(await page.evaluate(() => location.hash)).toBe(`#/run/${mini}/compare?with=${o4},${own}&filter=pair&oa=incorrect&ob=correct`);
    await page.waitForSelector(byTestId('matrix-row-0'));
    const row0 = page.locator(byTestId('matrix-row-0'));
    expect(await row0.getAttribute('data-key')).toBe(wrongRight[0]);
    const outcomes = await row0.locator('[data-outcome]').evaluateAll((els) => els.map((el) => el.getAttribute('data-outcome')));
    expect(outcomes.slice(0, 2)).toEqual(['incorrect', 'correct']);
    await screenshot(page, 'compare-wrong-right');

    // Keyboard: j moves down a key, l to the next run, Enter opens that item in its run; Back returns to the same rows.
    await row0.focus();
    await page.keyboard.press('j');
    await page.keyboard.press('l');
    await page.keyboard.press('Enter');
    await page.waitForSelector(byTestId('item-view'));
    const opened = await page.evaluate(() => location.hash);
    expect(opened).toMatch(new RegExp(`^#/run/${o4}/item/\\d+\\?with=${mini},${own}$`));
    const itemId = Number(/item\/(\d+)/.exec(opened)![1]);
    expect(session.server.store.items.get(itemId)).toMatchObject({ runId: o4, key: wrongRight[1], outcome: 'correct' });
    await page.goBack();
    await page.waitForSelector(byTestId('matrix-row-0'));
    expect(await text(page, 'matrix-total')).toBe(`${wrongRight.length} rows`);

    // From the Rubrics tab: a paired difference's "items" opens the keys both runs graded with different verdicts.
    await page.click(byTestId('tab-rubrics'));
    await page.waitForSelector(byTestId('pairs-table'));
    await page.click(byTestId(`pair-items-${mini}-${o4}`));
    await page.waitForSelector(byTestId('matrix-row-0'));
    const differ = shared.filter((key) => truth[0]!.has(key) && truth[1]!.has(key) && truth[0]!.get(key) !== truth[1]!.get(key));
    await expect.poll(() => text(page, 'matrix-total')).toBe(`${differ.length} rows`);
    expect(await page.locator(byTestId('matrix-filter-pair-disagree')).getAttribute('aria-pressed')).toBe('true');
    // And a rank flip's: gpt5-mini ranks above o4-mini under t = 0.75, the reverse of binary accuracy.
    await page.click(byTestId('tab-rubrics'));
    await page.click(byTestId(`flip-items-${mini}-${o4}`));
    await expect.poll(() => text(page, 'matrix-pair-summary')).toBe(`1,000 keys in both, 1,000 graded in both, verdicts differ on ${differ.length}`);
    await page.click(byTestId('theme-toggle'));
    await page.waitForSelector('[data-theme="dark"]');
    await page.locator(byTestId('matrix-row-2')).focus();
    await page.keyboard.press('l');
    await screenshot(page, 'compare-pair-dark');
    expect(session.errors).toEqual([]);
  });

  it('says when runs share no item keys, in the matrix and above the leaderboard (dark theme)', async () => {
    session = await openSession({ colorScheme: 'dark' });
    const { page } = session;
    const other = (name: string, prefix: string) => ({
      name,
      buffer: Buffer.from(`id,question,answer,grade\n${Array.from({ length: 40 }, (_, i) => `${prefix}-${i},q ${i},a ${i},${i % 2 ? 'correct' : 'incorrect'}`).join('\n')}\n`),
    });
    await importFiles(page, [other('mmlu.csv', 'mmlu'), other('gsm8k.csv', 'gsm')]);
    await page.waitForSelector(`${byTestId('run-list')} >> text=gsm8k.csv`);
    const idOf = (name: string) => session!.server.store.runs.list().find((r) => r.name === name)!.id;
    const [mmlu, gsm] = [idOf('mmlu.csv'), idOf('gsm8k.csv')];
    await page.click(byTestId(`run-item-${mmlu}`));
    await page.click(byTestId('tab-compare'));
    // One run: the tab says how to add another, and offers one.
    await page.waitForSelector(byTestId('matrix-one-run'));
    await page.selectOption(byTestId('matrix-add-run'), String(gsm));
    await page.waitForSelector(byTestId('matrix-no-shared'));
    expect(await page.evaluate(() => location.hash)).toBe(`#/run/${mmlu}/compare?with=${gsm}`);
    expect(await text(page, 'matrix-no-shared')).toContain('These runs share no item keys. mmlu.csv has 40, gsm8k.csv has 40');
    await screenshot(page, 'compare-no-shared-dark');
    await page.click(byTestId('tab-rubrics'));
    await page.waitForSelector(byTestId('overlap-no-shared-items'));
    expect(await text(page, 'overlap-no-shared-items')).toContain('mmlu.csv and gsm8k.csv share no graded item');
    await screenshot(page, 'rubrics-no-shared-dark');
    expect(session.errors).toEqual([]);
  });
});
