// Run management in Chromium (issue 15, item 1): a run renamed from its
// context menu and undone, its model and tags set by F2, the sidebar filtered
// and grouped by tag, and a labelled run deleted from the command palette
// after confirmation, its labels on disk in a label set first. Every change
// is checked in the database, and after a reload. Screenshots light and dark.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { byTestId, importFiles, openSession, screenshot, text, type Session } from './harness.ts';

let session: Session | null = null;
afterEach(async () => {
  await session?.close();
  session = null;
});

const CSV = `id,question,answer,gold,grade,confidence,model
q1,What is the capital of Australia?,Canberra,Canberra,correct,0.9,gpt-4o
q2,What is the capital of Bhutan?,Thimphu,Thimphu,correct,0.7,gpt-4o
q3,Who wrote Middlemarch?,Dickens,George Eliot,incorrect,0.8,gpt-4o
q1,What is the capital of Australia?,Sydney,Canberra,incorrect,0.8,o4-mini
q2,What is the capital of Bhutan?,I don't know,Thimphu,abstained,0.2,o4-mini
q3,Who wrote Middlemarch?,George Eliot,George Eliot,correct,0.9,o4-mini
`;

const runName = (s: Session, id: number) => s.server.store.runs.get(id)?.name;

describe('run management in Chromium', () => {
  it.each(['light', 'dark'] as const)('renames, undoes, tags, filters and groups by tag, and deletes with labels exported first (%s)', async (colorScheme) => {
    session = await openSession({ colorScheme });
    const s = session;
    const { page } = s;
    await importFiles(page, [{ name: 'capitals.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) }]);
    await page.waitForSelector(`${byTestId('run-list')} >> text=capitals.csv · o4-mini`);
    const runs = s.server.store.runs.list();
    const gpt = runs.find((r) => r.model === 'gpt-4o')!.id;
    const o4 = runs.find((r) => r.model === 'o4-mini')!.id;

    // Right-click a run: its menu; Rename opens the dialog on the name.
    await page.click(byTestId(`run-item-${gpt}`), { button: 'right' });
    await page.waitForSelector(byTestId('run-menu'));
    await screenshot(page, `run-menu-${colorScheme}`);
    await page.click(byTestId('run-menu-rename'));
    await page.waitForSelector(byTestId('run-edit-dialog'));
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('run-edit-name');
    await page.keyboard.type('GPT-4o on capitals');
    await page.keyboard.press('Enter');
    await page.waitForSelector(byTestId('run-edit-dialog'), { state: 'detached' });
    await expect.poll(() => runName(s, gpt)).toBe('GPT-4o on capitals');
    await expect.poll(() => text(page, `run-item-${gpt}`)).toContain('GPT-4o on capitals');
    expect(await text(page, 'run-edit-note')).toContain('Renamed “capitals.csv · gpt-4o” to “GPT-4o on capitals”.');

    // Undo from the note puts the name back (in the database too).
    await page.click(byTestId('run-edit-undo'));
    await expect.poll(() => runName(s, gpt)).toBe('capitals.csv · gpt-4o');
    await expect.poll(() => text(page, 'run-edit-note')).toContain('Undone: renamed');

    // By keyboard: F2 on the focused run, correct the model, add tags; Ctrl+Z in the list undoes, F2 again redoes it by hand.
    await page.focus(byTestId(`run-item-${o4}`));
    await page.keyboard.press('F2');
    await page.waitForSelector(byTestId('run-edit-dialog'));
    await page.fill(byTestId('run-edit-model'), 'o4-mini-2025-04-16');
    await page.fill(byTestId('run-edit-task'), 'capitals');
    await page.fill(byTestId('run-edit-tags'), 'baseline, reasoning');
    await screenshot(page, `run-edit-${colorScheme}`);
    await page.click(byTestId('run-edit-save'));
    await expect.poll(() => s.server.store.runs.get(o4)?.tags).toEqual(['baseline', 'reasoning']);
    expect(s.server.store.runs.get(o4)).toMatchObject({ model: 'o4-mini-2025-04-16', task: 'capitals' });
    await expect.poll(() => text(page, `run-tags-${o4}`)).toBe('baselinereasoning');
    await page.focus(byTestId(`run-item-${o4}`));
    await page.keyboard.press('Control+z');
    await expect.poll(() => s.server.store.runs.get(o4)?.tags).toEqual([]);
    expect(s.server.store.runs.get(o4)).toMatchObject({ model: 'o4-mini', task: null });
    await page.focus(byTestId(`run-item-${o4}`));
    await page.keyboard.press('F2');
    await page.waitForSelector(byTestId('run-edit-dialog'));
    await page.fill(byTestId('run-edit-tags'), 'baseline, reasoning');
    await page.keyboard.press('Enter');
    await expect.poll(() => s.server.store.runs.get(o4)?.tags).toEqual(['baseline', 'reasoning']);
    // Only the tags were changed in that dialog: the model undone a moment before stays undone.
    expect(s.server.store.runs.get(o4)).toMatchObject({ model: 'o4-mini', task: null });

    // The other run gets one of the tags from the palette ("Tag run…").
    await page.click(byTestId(`run-item-${gpt}`));
    await page.keyboard.press('Control+k');
    await page.keyboard.type('tag run');
    await expect.poll(() => text(page, 'command-item-0')).toContain('Tag run');
    await page.keyboard.press('Enter');
    await page.waitForSelector(byTestId('run-edit-dialog'));
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('run-edit-tags');
    await page.keyboard.type('Baseline');
    await page.keyboard.press('Enter');
    await expect.poll(() => s.server.store.runs.get(gpt)?.tags).toEqual(['Baseline']);

    // Filter by tag, then group by tag: a run under each of its tags.
    await page.fill(byTestId('run-filter'), 'tag:reasoning');
    await expect.poll(() => page.locator(`${byTestId('run-list')} button.run-item`).count()).toBe(1);
    await page.fill(byTestId('run-filter'), '');
    await page.selectOption(byTestId('run-grouping'), 'tag');
    await expect.poll(() => text(page, 'run-group-0')).toContain('Baseline');
    expect(await text(page, 'run-group-count-0')).toBe('2');
    expect(await text(page, 'run-group-1')).toContain('reasoning');
    await screenshot(page, `run-tags-grouped-${colorScheme}`);

    // A label on the run to be deleted (the Label view, key 2).
    await page.click(`${byTestId(`run-item-${o4}`)} >> nth=0`);
    await page.click(byTestId('tab-label'));
    await page.waitForSelector(`${byTestId('label-view')} ${byTestId('item-key')}`);
    await page.keyboard.press('2');
    await expect.poll(() => s.server.store.runs.get(o4)?.labeledCount).toBe(1);

    // Delete from the palette: a confirmation first (Cancel has the focus), then the label set is written.
    await page.keyboard.press('Control+k');
    await page.keyboard.type('delete run');
    await expect.poll(() => text(page, 'command-item-0')).toContain('Delete run');
    await page.keyboard.press('Enter');
    await page.waitForSelector(byTestId('run-delete-dialog'));
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('run-delete-cancel');
    await expect.poll(() => text(page, 'run-delete-labels')).toContain('Its 1 label record (by 1 annotator) is written first');
    await screenshot(page, `run-delete-${colorScheme}`);
    await page.click(byTestId('run-delete-confirm'));
    await page.waitForSelector(byTestId('run-delete-dialog'), { state: 'detached' });
    await expect.poll(() => s.server.store.runs.get(o4)).toBeNull();
    await expect.poll(() => text(page, 'run-edit-note')).toContain('saved first to');
    const note = await text(page, 'run-edit-note');
    const path = /saved first to (.*\.json)\./.exec(note)?.[1];
    expect(path, note).toBeDefined();
    expect(path!.startsWith(join(s.dir, 'label-sets'))).toBe(true);
    expect(existsSync(path!)).toBe(true);
    const set = JSON.parse(readFileSync(path!, 'utf8')) as { schema: string; labels: Array<{ itemKey: string; outcome: string }> };
    expect(set.schema).toBe('candor.labels/v1');
    expect(set.labels).toHaveLength(1);
    expect(set.labels[0]!.outcome).toBe('incorrect');
    // The deleted run left the selection and the list; the other run stays as it was, after a reload too.
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/');
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.locator(byTestId(`run-item-${o4}`)).count()).toBe(0);
    expect(await text(page, `run-tags-${gpt}`)).toBe('Baseline');
    expect(s.errors).toEqual([]);
  });
});
