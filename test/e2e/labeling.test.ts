// Labeling in Chromium by keyboard alone: two annotators (one blind), undo,
// redo, a note, then agreement and adjudication, checked against the store
// and against shared/agreement computed on the same stored labels.
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { buildLabelMatrix, cohenKappa, krippendorffAlpha, percentAgreement } from '../../shared/agreement/index.ts';
import type { Outcome } from '../../shared/domain.ts';
import { byTestId, openSession, screenshot, text, type Session } from './harness.ts';
import { sqlOf } from '../support/sql.ts';

let session: Session | null = null;
afterEach(async () => {
  await session?.close();
  session = null;
});

const N = 60;
const GRADES: Array<Outcome | ''> = ['correct', 'incorrect', 'correct', 'abstained', ''];
const key = (i: number) => `q${String(i + 1).padStart(2, '0')}`;
const CSV = [
  'id,question,answer,gold,grade,confidence',
  ...Array.from({ length: N }, (_, i) => `${key(i)},Question ${i + 1}?,Answer ${i + 1},Gold ${i + 1},${GRADES[i % 5]},${((i % 10) / 10 + 0.05).toFixed(2)}`),
].join('\n');

const KEY_OF: Record<Outcome, string> = { correct: '1', incorrect: '2', abstained: '3' };
const CYCLE: Outcome[] = ['correct', 'incorrect', 'abstained', 'correct', 'incorrect', 'correct'];
/** alice labels q01..q30; bob (blind) labels q01..q20 and disagrees on every fourth. */
const alicePlan = (i: number): Outcome => CYCLE[i % CYCLE.length]!;
const bobPlan = (i: number): Outcome => (i % 4 === 1 ? (alicePlan(i) === 'correct' ? 'incorrect' : 'correct') : alicePlan(i));

/** Imports through the API (not the page) so the test does not depend on the import dialog. */
async function importRun(s: Session, name: string, csv: string): Promise<number> {
  const post = async (verb: string, body: unknown) => {
    const response = await fetch(`http://127.0.0.1:${s.server.port}/api/${verb}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-candor-token': s.server.token },
      body: JSON.stringify(body),
    });
    const envelope = (await response.json()) as { ok: boolean; value: { jobId?: string; state?: string } };
    expect(envelope.ok).toBe(true);
    return envelope.value;
  };
  const { jobId } = await post('import/start', { sources: [{ kind: 'upload', name, text: csv }] });
  await expect.poll(async () => (await post('jobs/get', { jobId })).state, { timeout: 20_000 }).toBe('done');
  const runId = s.server.store.runs.list().find((run) => run.name === name)!.id;
  // A hash-only change is not a navigation: reload so the app lists the new run.
  await s.page.goto(`${s.server.url}#/run/${runId}/overview`);
  await s.page.reload();
  await s.page.waitForSelector('body[data-ready="true"]');
  return runId;
}

async function itemKey(page: Page): Promise<string> {
  return text(page, 'item-key');
}

/** Presses a key and waits until the label view shows another item. */
async function pressAndAdvance(page: Page, keyName: string): Promise<void> {
  const before = await itemKey(page);
  await page.keyboard.press(keyName);
  await page.waitForFunction(
    (prev) => {
      const shown = document.querySelector('[data-testid="label-view"] [data-testid="item-key"]');
      const stale = document.querySelector('.label-item.stale');
      return shown?.textContent !== prev && !stale;
    },
    before,
  );
}

async function setAnnotator(page: Page, name: string): Promise<void> {
  await page.fill(byTestId('annotator-input'), name);
  await page.press(byTestId('annotator-input'), 'Enter');
  await expect.poll(() => page.inputValue(byTestId('label-annotator'))).toBe(name);
}

function currentLabels(s: Session, runId: number): Map<string, Map<string, Outcome | null>> {
  const rows = sqlOf(s.server.store)
    .prepare(
      `SELECT i.item_key AS itemKey, l.annotator, l.outcome FROM labels l JOIN items i ON i.id = l.item_id
       WHERE i.run_id = ? AND l.kind = 'label' ORDER BY l.id`,
    )
    .all(runId) as Array<{ itemKey: string; annotator: string; outcome: Outcome | null }>;
  const byAnnotator = new Map<string, Map<string, Outcome | null>>();
  for (const row of rows) {
    if (!byAnnotator.has(row.annotator)) byAnnotator.set(row.annotator, new Map());
    byAnnotator.get(row.annotator)!.set(row.itemKey, row.outcome);
  }
  return byAnnotator;
}

describe('labeling in Chromium (browser mode)', () => {
  it('labels 50 items by keyboard with two annotators and blind mode; agreement, metrics and adjudication follow', async () => {
    session = await openSession();
    const s = session;
    const { page } = s;
    const runId = await importRun(s, 'sixty.csv', CSV);

    // --- alice, not blind: q01..q30 in the "unlabeled by me" queue
    await page.fill(byTestId('annotator-input'), 'alice');
    await page.press(byTestId('annotator-input'), 'Enter');
    await page.click(byTestId('tab-label'));
    await page.waitForSelector(`${byTestId('label-view')} ${byTestId('item-key')}`);
    expect(await itemKey(page)).toBe('q01');
    expect(await text(page, 'progress-total')).toBe('60');
    for (let i = 0; i < 30; i++) {
      expect(await itemKey(page)).toBe(key(i));
      if (i === 11) {
        // A note before labeling: n, type, Enter; focus returns to the view.
        await page.keyboard.press('n');
        await page.waitForSelector(byTestId('note-input'));
        await page.keyboard.type('hedged: says "probably" but wrong');
        await page.keyboard.press('Enter');
        await page.waitForSelector(byTestId('note-input'), { state: 'detached' });
        await expect.poll(() => page.locator(`${byTestId('label-history')} li`).count()).toBe(1);
      }
      if (i === 9) {
        // Label wrongly, undo (u goes back and restores "no label"), then label again.
        await pressAndAdvance(page, '3');
        await page.keyboard.press('u');
        await expect.poll(() => itemKey(page)).toBe(key(9));
        await expect.poll(() => text(page, 'item-my-label')).toBe('none');
      }
      await pressAndAdvance(page, KEY_OF[alicePlan(i)]);
      if (i === 19) {
        // Ctrl+Z undoes and shows the item; Shift+Ctrl+Z redoes; j moves on.
        await page.keyboard.press('Control+z');
        await expect.poll(() => itemKey(page)).toBe(key(19));
        await expect.poll(() => text(page, 'item-my-label')).toBe('none');
        await page.keyboard.press('Shift+Control+Z');
        await expect.poll(() => text(page, 'item-my-label')).toContain(alicePlan(19));
        await pressAndAdvance(page, 'j');
      }
    }
    expect(await itemKey(page)).toBe(key(30));
    await expect.poll(() => text(page, 'progress-mine')).toBe('30');
    expect(await text(page, 'session-rate')).toMatch(/^3\d this session · \d+\.\d \/min$/);
    await screenshot(page, 'label-view');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'label-view-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // --- bob, blind: q01..q20
    await setAnnotator(page, 'bob');
    await page.check(byTestId('blind-toggle'));
    await expect.poll(() => itemKey(page)).toBe('q01');
    await expect.poll(() => text(page, 'item-confidence')).toBe('hidden (blind)');
    expect(await text(page, 'item-imported-grade')).toBe('hidden (blind)');
    expect(await text(page, 'item-model')).toBe('hidden (blind)');
    expect(await page.locator(`${byTestId('label-view')} ${byTestId('label-history')}`).count()).toBe(0);
    await screenshot(page, 'label-view-blind');
    // Revealing is deliberate: r asks, and only the chosen item is revealed.
    await page.keyboard.press('r');
    await page.click(byTestId('reveal-item'));
    await expect.poll(() => text(page, 'item-confidence')).toBe('0.050');
    expect(await page.locator(`${byTestId('label-history')} li`).count()).toBe(1);
    for (let i = 0; i < 20; i++) {
      expect(await itemKey(page)).toBe(key(i));
      await pressAndAdvance(page, KEY_OF[bobPlan(i)]);
      expect(await text(page, 'item-confidence')).toBe('hidden (blind)');
    }
    await page.uncheck(byTestId('blind-toggle'));

    // --- the stored labels are the keys pressed
    const stored = currentLabels(s, runId);
    for (let i = 0; i < 30; i++) expect(stored.get('alice')!.get(key(i))).toBe(alicePlan(i));
    for (let i = 0; i < 20; i++) expect(stored.get('bob')!.get(key(i))).toBe(bobPlan(i));
    expect(stored.get('bob')!.size).toBe(20);
    const notes = sqlOf(s.server.store).prepare("SELECT note FROM labels WHERE note IS NOT NULL").pluck().all();
    expect(notes).toEqual(['hedged: says "probably" but wrong']);
    // History keeps everything: q10's wrong label and its undoing are both there.
    const q10 = sqlOf(s.server.store)
      .prepare("SELECT l.outcome FROM labels l JOIN items i ON i.id = l.item_id WHERE i.item_key = 'q10' AND l.annotator = 'alice' ORDER BY l.id")
      .pluck()
      .all();
    expect(q10).toEqual(['abstained', null, alicePlan(9)]);

    // --- agreement: the panel shows what shared/agreement computes on the same labels
    const records = [...stored].flatMap(([annotator, labels]) => [...labels].map(([itemKey, outcome]) => ({ itemKey, annotator, outcome })));
    const matrix = buildLabelMatrix(records);
    await page.click(byTestId('tab-agreement'));
    await page.waitForSelector(byTestId('agreement-view'));
    const disputed = Array.from({ length: 20 }, (_, i) => i).filter((i) => alicePlan(i) !== bobPlan(i)).length;
    expect(await text(page, 'agreement-disputed')).toBe(String(disputed));
    expect(await text(page, 'agreement-percent')).toBe(percentAgreement(matrix).pairwise!.toFixed(3));
    expect(await text(page, 'kappa-alice-bob')).toBe(cohenKappa(matrix, 'alice', 'bob').value!.toFixed(3));
    expect(await text(page, 'agreement-alpha')).toBe(krippendorffAlpha(matrix).value!.toFixed(3));
    await screenshot(page, 'agreement-panel');
    await page.locator(byTestId('grader-table')).scrollIntoViewIfNeeded();
    await screenshot(page, 'agreement-grader');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'agreement-panel-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // --- metrics follow the rule: agreed human label, else imported grade
    const effective = Array.from({ length: N }, (_, i): Outcome | 'unlabeled' => {
      const human = i < 20 ? (alicePlan(i) === bobPlan(i) ? alicePlan(i) : null) : i < 30 ? alicePlan(i) : null;
      return human ?? (GRADES[i % 5] || 'unlabeled');
    });
    const correct = effective.filter((o) => o === 'correct').length;
    const graded = effective.filter((o) => o !== 'unlabeled').length;
    await page.click(byTestId('tab-overview'));
    await expect.poll(async () => text(page, 'metric-accuracy')).toBe((correct / graded).toFixed(3));

    // --- adjudication: from the Agreement tab into the disputed queue
    await page.click(byTestId('tab-agreement'));
    await page.click(byTestId('open-adjudication'));
    await page.waitForSelector(byTestId('annotator-labels'));
    const firstDisputed = Array.from({ length: 20 }, (_, i) => i).find((i) => alicePlan(i) !== bobPlan(i))!;
    expect(await itemKey(page)).toBe(key(firstDisputed));
    expect(await page.locator(`${byTestId('annotator-labels')} tr`).count()).toBe(2);
    await setAnnotator(page, 'carol');
    await screenshot(page, 'adjudication');
    await pressAndAdvance(page, '3');
    await expect.poll(() => text(page, 'progress-total')).toBe(String(disputed - 1));
    const decided = s.server.store.items.get(
      s.server.store.items.list(runId, { search: key(firstDisputed) }, 0, 1).rows[0]!.id,
    )!;
    expect(decided).toMatchObject({ label: 'abstained', labelSource: 'adjudicated', disputed: false, labelAnnotator: 'carol' });
    expect(decided.history.map((r) => [r.annotator, r.kind])).toEqual([
      ['alice', 'label'],
      ['bob', 'label'],
      ['carol', 'adjudication'],
    ]);
    await page.keyboard.press('k');
    await expect.poll(() => itemKey(page)).toBe(key(firstDisputed));
    await expect.poll(() => page.locator(`${byTestId('label-history')} .badge.adjudication`).count()).toBe(1);
    await screenshot(page, 'adjudication-decided');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'adjudication-dark');
    expect(s.errors).toEqual([]);
  });

  it('remaps a key, lists it in the help overlay, runs bulk actions with batch undo, and merges a label set with conflicts', async () => {
    session = await openSession();
    const s = session;
    const { page } = s;
    const runId = await importRun(s, 'bulk.csv', CSV);
    await page.fill(byTestId('annotator-input'), 'dana');
    await page.press(byTestId('annotator-input'), 'Enter');
    await page.click(byTestId('tab-label'));
    await page.waitForSelector(`${byTestId('label-view')} ${byTestId('item-key')}`);

    // Remap "correct" to c; the help overlay lists the new key, and c labels.
    await page.click(byTestId('keys-button'));
    await page.click(byTestId('remap-correct'));
    await page.keyboard.press('c');
    await page.click('[data-testid="keymap-dialog"] [aria-label="Close"]');
    await page.keyboard.press('?');
    await page.waitForSelector(byTestId('help-overlay'));
    expect(await page.locator(`${byTestId('help-overlay')} tr:has-text("Label correct") kbd`).allTextContents()).toEqual(['c']);
    await screenshot(page, 'label-help-overlay');
    await page.keyboard.press('Escape');
    await pressAndAdvance(page, 'c');
    const labelsOf = (annotator: string) =>
      sqlOf(s.server.store)
        .prepare(`SELECT i.item_key AS k, l.outcome AS o FROM labels l JOIN items i ON i.id = l.item_id WHERE l.annotator = ? ORDER BY l.id`)
        .all(annotator) as Array<{ k: string; o: Outcome | null }>;
    expect(labelsOf('dana')).toEqual([{ k: 'q01', o: 'correct' }]);

    // Select two items with x and mark them incorrect as one batch; u undoes the batch.
    await page.keyboard.press('x');
    await pressAndAdvance(page, 'j');
    await page.keyboard.press('x');
    await page.click(byTestId('mark-selection-incorrect'));
    await expect.poll(() => labelsOf('dana').length).toBe(3);
    expect(labelsOf('dana').slice(1)).toEqual([
      { k: 'q02', o: 'incorrect' },
      { k: 'q03', o: 'incorrect' },
    ]);
    await page.keyboard.press('u');
    await expect.poll(() => labelsOf('dana').slice(3)).toEqual([
      { k: 'q02', o: null },
      { k: 'q03', o: null },
    ]);

    // Accept the imported grade for the whole queue (unlabeled by me: 59 items, 47 with a grade), then undo it.
    await page.click(byTestId('accept-imported'));
    await screenshot(page, 'label-bulk-confirm');
    await page.click(byTestId('accept-imported-confirm'));
    await expect.poll(() => text(page, 'progress-mine')).toBe('48');
    await page.click(byTestId('undo-button'));
    await expect.poll(() => text(page, 'progress-mine')).toBe('1');
    expect(s.server.store.runs.list()[0]!.labeledCount).toBe(1);

    // Export the label set, change one label in it, and merge: the change is a conflict, not an overwrite.
    await page.click(byTestId('tab-agreement'));
    await page.waitForSelector(byTestId('agreement-view'));
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(byTestId('labels-export'))]);
    const set = JSON.parse(await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8')));
    expect(set.labels.length).toBe(labelsOf('dana').length);
    set.labels.push({ ...set.labels[0], outcome: 'abstained', createdAt: '2030-01-01T00:00:00.000Z' });
    set.labels.push({ itemKey: 'q05', annotator: 'erin', outcome: 'incorrect', note: null, createdAt: '2030-01-01T00:00:00.000Z', kind: 'label' });
    await page.setInputFiles(byTestId('labels-import-input'), { name: 'theirs.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(set)) });
    await page.waitForSelector(byTestId('merge-report'));
    expect(await text(page, 'merge-conflicts')).toBe('1');
    expect(labelsOf('dana')[0]).toEqual({ k: 'q01', o: 'correct' });
    expect(labelsOf('erin')).toEqual([{ k: 'q05', o: 'incorrect' }]);
    await page.locator(byTestId('merge-report')).scrollIntoViewIfNeeded();
    await screenshot(page, 'label-set-merge');
    expect(runId).toBeGreaterThan(0);
    expect(s.errors).toEqual([]);
  });
});
