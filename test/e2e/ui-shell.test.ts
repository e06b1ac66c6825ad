// The shell in Chromium: the command palette (Ctrl+K) over runs, views and
// actions; the sidebar grouped by model; invisible characters shown on demand.
// Screenshots of each, light and dark, go to test-results/screenshots.
import { afterEach, describe, expect, it } from 'vitest';
import { byTestId, importFiles, openSession, screenshot, text, type Session } from './harness.ts';

let session: Session | null = null;
afterEach(async () => {
  await session?.close();
  session = null;
});

// Two runs of different models over the same questions; one answer carries a
// zero-width space, one prompt a right-to-left override.
const ALPHA = `id,question,answer,gold,grade,confidence,model,task
q1,What is the capital of Australia?,Can\u200Bberra,Canberra,correct,0.9,gpt-4o,capitals
q2,What is the capital of Bhutan?,Thimphu,Thimphu,correct,0.7,gpt-4o,capitals
q3,Spell \u202Eevil\u202C backwards,live,live,correct,0.6,gpt-4o,capitals
`;
const BETA = `id,question,answer,gold,grade,confidence,model,task
q1,What is the capital of Australia?,Sydney,Canberra,incorrect,0.8,o4-mini,capitals
q2,What is the capital of Bhutan?,I don't know,Thimphu,abstained,0.2,o4-mini,capitals
q3,Spell \u202Eevil\u202C backwards,live,live,correct,0.9,o4-mini,capitals
`;

const activeTestId = (s: Session) => s.page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

async function paletteRun(s: Session, query: string, expected: string): Promise<void> {
  await s.page.keyboard.press('Control+k');
  await s.page.waitForSelector(byTestId('command-palette'));
  expect(await activeTestId(s)).toBe('command-palette-input');
  await s.page.keyboard.type(query);
  await expect.poll(() => text(s.page, 'command-item-0')).toContain(expected);
  await s.page.keyboard.press('Enter');
  await s.page.waitForSelector(byTestId('command-palette'), { state: 'detached' });
}

describe('the shell in Chromium: palette, grouped sidebar, invisible characters', () => {
  it('jumps by keyboard, groups runs by model, and shows a zero-width space, in light and dark', async () => {
    session = await openSession();
    const s = session;
    const { page } = s;
    await importFiles(page, [
      { name: 'alpha.csv', mimeType: 'text/csv', buffer: Buffer.from(ALPHA) },
      { name: 'beta.csv', mimeType: 'text/csv', buffer: Buffer.from(BETA) },
    ]);
    await page.waitForSelector(`${byTestId('run-list')} >> text=beta.csv`);
    const runs = s.server.store.runs.list();
    const alpha = runs.find((r) => r.name === 'alpha.csv')!.id;
    const beta = runs.find((r) => r.name === 'beta.csv')!.id;
    expect(runs.map((r) => r.model).sort()).toEqual(['gpt-4o', 'o4-mini']);

    // The palette lists views of the open run, the runs and the actions.
    await page.click(byTestId(`run-item-${alpha}`));
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/run/${alpha}/overview`);
    await page.keyboard.press('Control+k');
    await page.waitForSelector(byTestId('command-palette'));
    const listed = await page.locator(`${byTestId('command-palette')} [role="option"]`).allTextContents();
    expect(listed.join('\n')).toContain('Calibration');
    expect(listed.join('\n')).toContain('beta.csv');
    expect(listed.join('\n')).toContain('Load SimpleQA example');
    await page.keyboard.press('ArrowDown');
    await screenshot(page, 'palette-light');
    // Escape closes it and focus is back on the run it was opened from.
    await page.keyboard.press('Escape');
    await page.waitForSelector(byTestId('command-palette'), { state: 'detached' });
    expect(await activeTestId(s)).toBe(`run-item-${alpha}`);

    // Open the other run, then its Calibration tab, by keyboard only.
    await paletteRun(s, 'beta', 'beta.csv');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/run/${beta}/overview`);
    await paletteRun(s, 'calib', 'Calibration');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/run/${beta}/calibration`);
    expect(await page.locator(byTestId('tab-calibration')).getAttribute('aria-selected')).toBe('true');
    expect(await activeTestId(s)).toBe(`run-item-${alpha}`);

    // Group the sidebar by model: one group per model, each with its count; remembered over a reload.
    await page.selectOption(byTestId('run-grouping'), 'model');
    await expect.poll(() => text(page, 'run-group-0')).toContain('gpt-4o');
    expect(await text(page, 'run-group-count-0')).toBe('1');
    expect(await text(page, 'run-group-1')).toContain('o4-mini');
    expect(await text(page, 'run-group-count-1')).toBe('1');
    expect(await page.locator(`${byTestId('run-group-0')} + ul ${byTestId(`run-item-${alpha}`)}`).count()).toBe(1);
    expect(await page.locator(`${byTestId('run-group-1')} + ul ${byTestId(`run-item-${beta}`)}`).count()).toBe(1);
    await screenshot(page, 'sidebar-grouped-light');
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await page.waitForSelector(byTestId('run-group-1'));
    expect(await page.locator(byTestId('run-grouping')).inputValue()).toBe('model');
    // Multi-select still works inside groups.
    await page.click(byTestId(`run-check-${alpha}`));
    await page.waitForSelector(byTestId('selection-bar'));
    expect(await text(page, 'selection-bar')).toContain('2 runs selected');
    await page.click(byTestId('selection-clear'));

    // The answer with a zero-width space looks like any other until invisible characters are shown.
    await page.click(byTestId(`run-item-${alpha}`));
    await page.click(byTestId('tab-items'));
    await page.locator(`${byTestId('items-table')} >> text=Australia`).first().click();
    await page.waitForSelector(byTestId('item-view'));
    expect(await text(page, 'item-answer')).toBe('Can\u200Bberra');
    expect(await text(page, 'item-answer-hidden-count')).toBe('1 invisible');
    await screenshot(page, 'item-hidden-count-light');
    await page.click(byTestId('item-answer-invisible-toggle'));
    expect(await text(page, 'item-answer')).toBe('Can\u27E8U+200B\u27E9berra');
    expect(await page.locator(`${byTestId('item-answer')} [title="U+200B ZERO WIDTH SPACE"]`).count()).toBe(1);
    expect(await page.locator(byTestId('item-answer-invisible-toggle')).getAttribute('aria-pressed')).toBe('true');
    // The prompt keeps its own toggle; the gold answer was never touched.
    expect(await text(page, 'item-gold')).toBe('Canberra');
    await screenshot(page, 'item-invisible-light');

    // Dark theme from the palette, and the same views again.
    await paletteRun(s, 'theme', 'Toggle theme');
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await screenshot(page, 'item-invisible-dark');
    await page.keyboard.press('Control+k');
    await page.waitForSelector(byTestId('command-palette'));
    await page.keyboard.type('ca');
    await expect.poll(() => text(page, 'command-item-0')).toContain('Calibration');
    await screenshot(page, 'palette-dark');
    await page.keyboard.press('Escape');
    await page.waitForSelector(byTestId('command-palette'), { state: 'detached' });
    await screenshot(page, 'sidebar-grouped-dark');

    // The help overlay lists the palette.
    await page.keyboard.press('?');
    await page.waitForSelector(byTestId('help-overlay'));
    expect(await text(page, 'help-overlay')).toContain('Command palette');
    await page.keyboard.press('Escape');

    expect(s.errors).toEqual([]);
  });
});

// Issue 13, item 11: the per-launch token leaves the address bar once the page has it.
describe('browser mode token', () => {
  it('is moved out of the URL after load, and a reload keeps working', async () => {
    session = await openSession();
    const { page, server } = session;
    expect(page.url()).not.toContain('token');
    expect(page.url()).toBe(`http://127.0.0.1:${server.port}/`);
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await importFiles(page, [{ name: 'after-reload.csv', buffer: Buffer.from('id,answer,grade\n1,x,correct\n') }]);
    await page.waitForSelector(`${byTestId('run-list')} >> text=after-reload.csv`);
    expect(session.errors).toEqual([]);
  });
});
