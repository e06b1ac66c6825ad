// Issue 13, item 1 in the app: a confidence column that mixes 0-1 and 0-100 is
// refused in the preview at the line where the scales meet; the user says
// which scale it is; the preview and the run then say percent, and why.
import { afterEach, describe, expect, it } from 'vitest';
import { sqlOf } from '../support/sql.ts';
import { byTestId, openSession, screenshot, text, type Session } from './harness.ts';

let session: Session | null = null;
afterEach(async () => {
  await session?.close();
  session = null;
});

const MIXED = 'id,answer,grade,confidence\nq1,a,correct,0.4\nq2,b,incorrect,0.55\nq3,c,correct,1.5\nq4,d,correct,0.9\n';

describe('the confidence scale in the import preview', () => {
  it.each(['light', 'dark'] as const)('refuses a mixed column, takes the scale the user gives, and says it (%s)', async (colorScheme) => {
    session = await openSession({ colorScheme });
    const { page } = session;
    await page.setInputFiles(byTestId('import-input'), { name: 'mixed.csv', mimeType: 'text/csv', buffer: Buffer.from(MIXED) });
    await page.waitForSelector(byTestId('import-preview-error'));
    expect(await text(page, 'import-preview-error')).toMatch(/^mixed\.csv:4:confidence: 1\.5 reads as 0-100, but line 2 states 0\.4/);
    expect(await page.locator(byTestId('import-confirm')).isDisabled()).toBe(true);
    await screenshot(page, `import-scale-refused-${colorScheme}`);

    await page.selectOption(byTestId('import-confidence-scale'), 'percent');
    await page.waitForSelector(byTestId('import-percent'));
    expect(await text(page, 'import-percent')).toContain('read as percentages (chosen at import: 0-100) and divided by 100');
    await screenshot(page, `import-scale-percent-${colorScheme}`);
    await page.click(byTestId('import-confirm'));
    await page.waitForSelector(byTestId('import-dialog'), { state: 'detached' });
    await page.locator(byTestId('run-list')).getByText('mixed.csv').first().click();
    await expect.poll(() => text(page, 'run-percent')).toContain('confidences stated in percent, divided by 100 (chosen at import: 0-100)');
    const stored = sqlOf(session.server.store).prepare('SELECT confidence FROM items ORDER BY ord').pluck().all() as number[];
    [0.4, 0.55, 1.5, 0.9].forEach((stated, i) => expect(stored[i]).toBeCloseTo(stated / 100, 15));
    expect(session.errors).toEqual([]);
  });
});
