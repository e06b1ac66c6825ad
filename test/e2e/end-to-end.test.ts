import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { byTestId, importFiles, openSession, screenshot, text, type Session } from './harness.ts';
import { sqlOf } from '../support/sql.ts';

let session: Session | null = null;
afterEach(async () => {
  await session?.close();
  session = null;
});

// Six items: 2 correct, 2 incorrect, 1 abstained, 1 without a grade.
const RUN_CSV = `id,question,answer,gold,grade,confidence
e1,What is the capital of Australia?,Canberra,Canberra,correct,0.9
e2,What is 7 x 8?,54,56,incorrect,0.8
e3,Who wrote Beloved?,Toni Morrison,Toni Morrison,correct,0.7
e4,What is the symbol for tungsten?,Tu,W,incorrect,0.6
e5,In what year did Krakatoa erupt?,I don't know,1883,abstained,0.2
e6,What is the capital of Bhutan?,Thimphu,Thimphu,,0.5
`;

async function plotRendered(s: Session): Promise<void> {
  await s.page.waitForSelector(`${byTestId('reliability-diagram')} .main-svg`, { timeout: 20_000 });
}

describe('Candor end to end in Chromium (browser mode)', () => {
  it('offers the demo on an empty store and opens on its reliability diagram', async () => {
    session = await openSession();
    const { page } = session;
    await page.click(byTestId('demo-button'));
    await plotRendered(session);
    // Points for the non-empty bins, the diagonal, and the histogram are drawn.
    expect(await page.locator(`${byTestId('reliability-diagram')} .scatterlayer .trace`).count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator(`${byTestId('reliability-diagram')} .barlayer .trace`).count()).toBeGreaterThanOrEqual(1);
    expect(Number(await text(page, 'metric-ece'))).toBeGreaterThan(0);
    await screenshot(page, 'demo-overview');
    // Ctrl+E opens the Report tab, where every export is offered.
    await page.keyboard.press('Control+e');
    await expect.poll(() => page.locator(byTestId('tab-report')).getAttribute('aria-selected')).toBe('true');
    expect(session.errors).toEqual([]);
  });

  it('imports a CSV, shows its diagram, labels an item by keyboard, and accuracy changes', async () => {
    session = await openSession();
    const { page } = session;
    await importFiles(page, [{ name: 'six.csv', mimeType: 'text/csv', buffer: Buffer.from(RUN_CSV) }]);
    await page.waitForSelector(`${byTestId('run-list')} >> text=six.csv`);
    await plotRendered(session);
    // 2 correct of 5 graded.
    expect(await text(page, 'count-unlabeled')).toBe('1');
    expect(Number(await text(page, 'metric-accuracy'))).toBeCloseTo(0.4, 3);

    await page.click(byTestId('tab-items'));
    await page.waitForSelector(byTestId('items-table'));
    await page.locator(`${byTestId('items-table')} >> text=Thimphu`).first().click();
    await page.waitForSelector(byTestId('item-view'));
    expect(await text(page, 'item-key')).toBe('e6');
    await page.keyboard.press('1');
    await expect.poll(() => text(page, 'item-outcome')).toBe('correct');
    await screenshot(page, 'item-labeled');

    await page.click(byTestId('tab-overview'));
    // 3 correct of 6 graded now.
    await expect.poll(async () => Number(await text(page, 'metric-accuracy'))).toBeCloseTo(0.5, 3);
    expect(await text(page, 'count-unlabeled')).toBe('0');
    await screenshot(page, 'overview-after-label');

    // The label is stored: the API behind the page says so too.
    const runs = session.server.store.runs.list();
    expect(runs).toHaveLength(1);
    expect(runs[0]!.labeledCount).toBe(1);
    expect(session.errors).toEqual([]);
  });

  it('refuses a malformed file with file:line:field and leaves the store as it was', async () => {
    session = await openSession();
    const { page } = session;
    await importFiles(page, [{ name: 'six.csv', mimeType: 'text/csv', buffer: Buffer.from(RUN_CSV) }]);
    await page.waitForSelector(`${byTestId('run-list')} >> text=six.csv`);
    // An error in the first rows is shown by the preview, before anything can be imported.
    const early = `${RUN_CSV}e7,Q?,A,B,correct,NaN\n`;
    await page.setInputFiles(byTestId('import-input'), { name: 'early.csv', mimeType: 'text/csv', buffer: Buffer.from(early) });
    await expect.poll(() => text(page, 'import-preview-error')).toContain('early.csv:8:confidence');
    expect(await page.locator(byTestId('import-confirm')).isDisabled()).toBe(true);
    await page.click(byTestId('import-preview-cancel'));
    // One past what the preview reads (well over a megabyte in) is refused by the import itself.
    const rows = Array.from({ length: 25_000 }, (_, i) => `x${i},What is ${i} plus one?,${i + 1},${i + 1},correct,0.5`);
    const broken = `${RUN_CSV}${rows.join('\n')}\ne7,Q?,A,B,correct,NaN\n`;
    await importFiles(page, [{ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from(broken) }]);
    await page.waitForSelector(byTestId('error-banner'));
    expect(await text(page, 'error-banner')).toContain('broken.csv:25008:confidence');
    await screenshot(page, 'import-error');
    expect(session.server.store.runs.list().map((run) => run.name)).toEqual(['six.csv']);
    expect(sqlOf(session.server.store).prepare('SELECT COUNT(*) FROM items').pluck().get()).toBe(6);
  });
});

describe('import preview', () => {
  it('shows what a file would create, lets the user map columns it cannot guess, and remembers nothing until confirmed', async () => {
    session = await openSession();
    const { page } = session;
    const odd = 'qid,the_question,model_reply,truth,mark,p\n1,Capital of Peru?,Lima,Lima,correct,0.8\n2,7 x 8?,54,56,incorrect,0.9\n';
    await page.setInputFiles(byTestId('import-input'), { name: 'odd.csv', mimeType: 'text/csv', buffer: Buffer.from(odd) });
    await page.waitForSelector(byTestId('import-dialog'));
    // No answer column by any name Candor knows: the preview says so and nothing can be imported yet.
    expect(await text(page, 'import-preview-error')).toContain('no answer column');
    expect(await page.locator(byTestId('import-confirm')).isDisabled()).toBe(true);
    await page.click(byTestId('import-preview-cancel'));
    await page.setInputFiles(byTestId('import-input'), { name: 'six.csv', mimeType: 'text/csv', buffer: Buffer.from(RUN_CSV) });
    await page.waitForSelector(byTestId('import-mapping'));
    await screenshot(page, 'import-preview');
    // The guessed mapping and the first rows as they will be stored.
    expect(await page.locator(byTestId('import-map-answer')).inputValue()).toBe('answer');
    expect(await page.locator(`${byTestId('import-preview-items')} tbody tr`).count()).toBe(6);
    expect(await text(page, 'import-creates')).toContain('one run');
    // Mapping the grade away leaves every item ungraded in the preview.
    await page.selectOption(byTestId('import-map-grade'), '');
    await expect.poll(async () => page.locator(`${byTestId('import-preview-items')} tbody td:nth-child(6) .muted`).count()).toBe(6);
    expect(session.server.store.runs.list()).toEqual([]);
    await page.click(byTestId('import-confirm'));
    await page.waitForSelector(`${byTestId('run-list')} >> text=six.csv`);
    await expect.poll(() => text(page, 'count-unlabeled')).toBe('6');
    expect(session.errors).toEqual([]);
  });
});

describe('format choices', () => {
  it('an Inspect log with two scorers: the preview offers the scorer, and the import grades by the one chosen', async () => {
    session = await openSession();
    const { page } = session;
    const log = readFileSync('test/fixtures/formats/inspect/synthetic.json');
    await page.setInputFiles(byTestId('import-input'), { name: 'synthetic.json', mimeType: 'application/json', buffer: log });
    await page.waitForSelector(byTestId('import-choice-scorer'));
    expect(await page.locator(byTestId('import-choice-scorer')).inputValue()).toBe('model_graded');
    await page.selectOption(byTestId('import-choice-scorer'), 'exact');
    await expect.poll(() => page.locator(byTestId('import-choice-scorer')).inputValue()).toBe('exact');
    await screenshot(page, 'import-preview-scorer');
    await page.waitForFunction((selector) => !document.querySelector<HTMLButtonElement>(selector)?.disabled, byTestId('import-confirm'));
    await page.click(byTestId('import-confirm'));
    await expect.poll(() => session!.server.store.runs.list().length).toBe(1);
    expect(session.server.store.runs.list()[0]!.metadata.scorer).toBe('exact');
    expect(session.errors).toEqual([]);
  });
});
