// Transcripts in Chromium: a real Inspect agent log (four web-browser tool
// calls, their results, the scorer's explanation) opens in the Item view as a
// thread; tool results collapse; a log whose messages, tool arguments, tool
// name and explanation carry HTML and script payloads shows them as text and
// runs nothing; a blind annotator sees the conversation without the model name
// or the scorer.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { byTestId, importFiles, openSession, screenshot, text, type Session } from './harness.ts';

const BROWSER_LOG = join(process.cwd(), 'test', 'fixtures', 'formats', 'inspect', 'browser-tools.json');

let session: Session | null = null;
afterEach(async () => {
  await session?.close();
  session = null;
});

async function openFirstItem(page: Page, runName: string): Promise<void> {
  await page.locator(byTestId('run-list')).getByText(runName).first().waitFor();
  await page.click(byTestId('tab-items'));
  const row = page.locator(`${byTestId('items-table')} [data-testid^="item-row-"]`).first();
  await row.locator('.cell').nth(2).click();
  await page.waitForSelector(byTestId('transcript'));
}

const PAYLOAD = '<img src=x onerror="window.__pwned=1;alert(1)"><script>window.__pwned=2</script>';

/** The browser log with every string a thread shows replaced by script payloads. */
function hostileLog(): Buffer {
  const log = JSON.parse(readFileSync(BROWSER_LOG, 'utf8')) as {
    eval: { task: string };
    samples: Array<{ messages: Array<Record<string, unknown>>; scores: Record<string, Record<string, unknown>> }>;
  };
  log.eval.task = 'hostile';
  const sample = log.samples[0]!;
  sample.messages[0]!.content = [{ type: 'text', text: `user says ${PAYLOAD}` }, { type: 'image', image: 'javascript:alert(3)' }];
  sample.messages[1]!.tool_calls = [{ id: '<b onmouseover=alert(4)>id</b>', function: `go${PAYLOAD}`, arguments: { url: PAYLOAD } }];
  sample.messages[2]!.function = `<svg onload=alert(5)>`;
  sample.messages[2]!.error = { type: 'timeout', message: PAYLOAD };
  sample.messages[3]!.role = `<iframe src="javascript:alert(6)">`;
  sample.scores.includes!.explanation = `explained ${PAYLOAD}`;
  return Buffer.from(JSON.stringify(log));
}

describe('transcripts', () => {
  it('shows an Inspect agent log as a thread of messages, tool calls, tool results and the scorer explanation', async () => {
    session = await openSession();
    const { page } = session;
    await importFiles(page, [{ name: 'browser-tools.json', mimeType: 'application/json', buffer: readFileSync(BROWSER_LOG) }]);
    await openFirstItem(page, 'browser');

    expect(await text(page, 'transcript-summary')).toBe('10 messages · 4 tool calls');
    const roles = await page.locator(`${byTestId('transcript')} [data-testid$="-role"]`).allTextContents();
    expect(roles).toEqual(['user', 'assistant', 'tool', 'assistant', 'tool', 'assistant', 'tool', 'assistant', 'tool', 'assistant']);
    expect(await text(page, 'turn-1-call-0')).toContain('calls web_browser_go');
    expect(await text(page, 'turn-1-call-0-args')).toBe('{\n  "url": "https://www.aisi.gov.uk/"\n}');
    expect(await text(page, 'turn-2-tool')).toBe('web_browser_go');
    expect(await text(page, 'turn-2-part-0')).toContain('[182] heading "The AI Security Institute is a directorate');
    expect(await text(page, 'turn-7-call-0-args')).toBe('{\n  "element_id": 903\n}');
    expect(await text(page, 'transcript-score-includes-value')).toBe('C');
    expect(await text(page, 'transcript-score-includes-explanation')).toContain('three primary areas');
    // The scores are in the thread, so "Other fields" does not repeat them as JSON.
    expect(await page.locator('.item-side .extra-row dt').allTextContents()).not.toContain('scores');
    // The longest tool result is folded with a way to open it.
    expect(await page.locator(`${byTestId('turn-8')} .long-text.folded`).count()).toBe(1);
    await screenshot(page, 'transcript-light');

    // Tool results collapse to their headers, all at once or one by one.
    await page.click(byTestId('transcript-results-toggle'));
    for (const i of [2, 4, 6, 8]) expect(await page.locator(byTestId(`turn-${i}-part-0`)).count()).toBe(0);
    expect(await page.locator(byTestId('turn-9-part-0')).count()).toBe(1);
    expect(await text(page, 'transcript-results-toggle')).toBe('Show tool results');
    await page.locator(`${byTestId('turn-2')} .turn-toggle`).click();
    expect(await page.locator(byTestId('turn-2-part-0')).count()).toBe(1);
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'transcript-one-result-open-dark');
    await page.click(byTestId('transcript-results-toggle'));
    await page.locator(byTestId('turn-1')).scrollIntoViewIfNeeded();
    await screenshot(page, 'transcript-results-collapsed-dark');
    expect(session.errors).toEqual([]);
  });

  it('shows hostile messages, tool calls and explanations as text and runs none of them', async () => {
    session = await openSession();
    const { page } = session;
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await importFiles(page, [{ name: 'hostile-transcript.json', mimeType: 'application/json', buffer: hostileLog() }]);
    await openFirstItem(page, 'hostile');

    expect(await text(page, 'turn-0-part-0')).toBe(`user says ${PAYLOAD}`);
    expect(await text(page, 'turn-0-part-1')).toBe('[image: not kept]');
    expect(await text(page, 'turn-1-call-0')).toContain(`calls go${PAYLOAD}`);
    expect(await text(page, 'turn-1-call-0-args')).toBe(JSON.stringify({ url: PAYLOAD }, null, 2));
    expect(await text(page, 'turn-2-tool')).toBe('<svg onload=alert(5)>');
    expect(await text(page, 'turn-2-error')).toBe(`⚠ timeout: ${PAYLOAD}`);
    expect(await text(page, 'turn-3-role')).toBe('<iframe src="javascript:alert(6)">');
    expect(await text(page, 'transcript-score-includes-explanation')).toBe(`explained ${PAYLOAD}`);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    const injected = await page.evaluate(() => ({
      img: document.querySelectorAll('img').length,
      script: document.querySelectorAll('.transcript script').length,
      svg: document.querySelectorAll('svg[onload]').length,
      iframe: document.querySelectorAll('iframe').length,
      bold: document.querySelectorAll('b[onmouseover]').length,
    }));
    expect(injected).toEqual({ img: 0, script: 0, svg: 0, iframe: 0, bold: 0 });
    await page.locator(byTestId('turn-1')).scrollIntoViewIfNeeded();
    await screenshot(page, 'transcript-hostile-light');

    // Blind: the conversation stays, the model's name and the scorer go.
    await page.click(byTestId('tab-label'));
    await page.click(byTestId('blind-toggle'));
    await page.waitForSelector(byTestId('blind-bar'));
    await page.waitForSelector(byTestId('transcript'));
    expect(await text(page, 'turn-0-part-0')).toBe(`user says ${PAYLOAD}`);
    expect(await page.locator(`${byTestId('transcript')} [data-testid^="transcript-score-"]`).count()).toBe(0);
    expect(await text(page, 'transcript')).not.toContain('gpt-4o-mini');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.locator(byTestId('turn-1')).scrollIntoViewIfNeeded();
    await screenshot(page, 'transcript-blind-dark');
    expect(session.errors).toEqual([]);
  });
});
