// Renaming, correcting, tagging and deleting runs (issue 15, item 1): every
// change is read back from the database after it was closed and opened again,
// and a delete leaves the run's labels in a label set that merges back.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/handlers/dispatch.ts';
import { createHandlers, type Handlers } from '../../../main/handlers/index.ts';
import { JobRegistry } from '../../../main/handlers/jobs.ts';
import { Store } from '../../../main/store/store.ts';
import { labelSet } from '../../../shared/labels/label-set.ts';
import { tidyTags } from '../../../shared/runs/fields.ts';
import { sqlOf } from '../../support/sql.ts';
import { tempDir } from '../../support/temp.ts';

const CSV = `id,question,answer,gold,grade,confidence,model
q1,Capital of France?,Paris,Paris,correct,0.9,gpt-x
q2,2+2?,5,4,incorrect,0.8,gpt-x
q3,Who wrote Hamlet?,I don't know,Shakespeare,abstained,0.2,gpt-x
q4,Year of the Moon landing?,1969,1969,,0.6,gpt-x
`;

let tmp: ReturnType<typeof tempDir>;
let dbPath: string;
let store: Store;
let handlers: Handlers;
let jobs: JobRegistry;

function open(): void {
  store = Store.open(dbPath);
  jobs = new JobRegistry();
  handlers = createHandlers({ store, jobs, runtime: 'browser', version: '0.0.0-test', demoPath: '/none' });
}

/** Closes the database and opens it again: what follows reads only what is on disk. */
function restart(): void {
  store.close();
  open();
}

async function importCsv(name: string, text = CSV): Promise<number> {
  const { jobId } = await handlers['import/start']({ sources: [{ kind: 'upload', name, text }] });
  const job = await jobs.wait(jobId);
  expect(job.state).toBe('done');
  return job.result![0]!.runIds[0]!;
}

beforeEach(() => {
  tmp = tempDir();
  dbPath = join(tmp.dir, 'candor.db');
  open();
});
afterEach(() => {
  store.close();
  tmp.cleanup();
});

describe('run management', () => {
  it('renames a run, corrects its model and task, and tags it; all of it survives a restart', async () => {
    const runId = await importCsv('run.csv');
    expect(store.runs.get(runId)).toMatchObject({ name: 'run.csv', model: 'gpt-x', task: null, tags: [] });

    const renamed = await handlers['runs/update']({ runId, name: '  GPT-X   on trivia ', model: 'gpt-x-2025-01', task: 'trivia' });
    // What the update replaced comes back with it: what undoing it writes.
    expect(renamed.before).toEqual({ name: 'run.csv', model: 'gpt-x', task: null, tags: [] });
    expect(renamed.run).toMatchObject({ name: 'GPT-X on trivia', model: 'gpt-x-2025-01' });
    await handlers['runs/update']({ runId, tags: ['baseline, v2 prompt', 'Baseline', '  ablation '] });
    restart();

    const run = store.runs.get(runId)!;
    expect(run).toMatchObject({ name: 'GPT-X on trivia', model: 'gpt-x-2025-01', task: 'trivia' });
    // One tag per spelling regardless of case; kept alphabetically.
    expect(run.tags).toEqual(['ablation', 'baseline', 'v2 prompt']);
    expect(store.runs.list().find((r) => r.id === runId)!.tags).toEqual(['ablation', 'baseline', 'v2 prompt']);
    expect(store.runs.tags()).toEqual([
      { tag: 'ablation', runs: 1 },
      { tag: 'baseline', runs: 1 },
      { tag: 'v2 prompt', runs: 1 },
    ]);
    // Only the fields given change; an empty model means unknown.
    await handlers['runs/update']({ runId, model: '' });
    restart();
    expect(store.runs.get(runId)).toMatchObject({ name: 'GPT-X on trivia', model: null, task: 'trivia', tags: ['ablation', 'baseline', 'v2 prompt'] });
  });

  it('refuses an empty name and too many tags at the edge, changing nothing', async () => {
    const runId = await importCsv('run.csv');
    expect(await dispatch(handlers, 'runs/update', { runId, name: '   ' })).toMatchObject({ ok: false, error: { code: 'invalid-request', field: 'name' } });
    const many = Array.from({ length: 40 }, (_, i) => `t${i}`);
    expect(await dispatch(handlers, 'runs/update', { runId, tags: many })).toMatchObject({ ok: false, error: { field: 'tags' } });
    expect(await dispatch(handlers, 'runs/update', { runId: 999, name: 'x' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    restart();
    expect(store.runs.get(runId)).toMatchObject({ name: 'run.csv', tags: [] });
  });

  it('deletes a run after writing its labels to a label set, which merges back into the run imported again', async () => {
    const runId = await importCsv('run.csv');
    const keep = await importCsv('other.csv', CSV.replaceAll('gpt-x', 'gpt-y'));
    await handlers['runs/update']({ runId: keep, name: 'kept', tags: ['keep'] });
    await handlers['runs/update']({ runId, tags: ['doomed'] });
    const items = (await handlers['items/list']({ runId, offset: 0, limit: 10 })).rows;
    const byKey = new Map(items.map((item) => [item.key, item.id]));
    await handlers['labels/set']({ itemId: byKey.get('q4')!, annotator: 'ada', outcome: 'correct' });
    await handlers['labels/set']({ itemId: byKey.get('q2')!, annotator: 'ada', outcome: 'incorrect', note: 'five is not four' });
    await handlers['labels/set']({ itemId: byKey.get('q2')!, annotator: 'bob', outcome: 'incorrect' });

    const deleted = await handlers['runs/delete']({ runId });
    expect(deleted.deleted).toBe(1);
    expect(deleted.labels).toBe(3);
    expect(deleted.labelsExportedTo).toMatch(/label-sets[/\\]labels-run-run\d+-\d{8}T\d{6}Z\.json$/);
    expect(deleted.labelsExportedTo!.startsWith(join(tmp.dir, 'label-sets'))).toBe(true);
    restart();

    // Gone, with its items, labels, tags and undo stacks; the other run untouched.
    expect(store.runs.get(runId)).toBeNull();
    const db = sqlOf(store);
    for (const table of ['items', 'run_tags', 'label_actions']) {
      expect(db.prepare(`SELECT COUNT(*) FROM ${table} WHERE run_id = ?`).pluck().get(runId)).toBe(0);
    }
    expect(db.prepare('SELECT COUNT(*) FROM labels').pluck().get()).toBe(0);
    expect(store.runs.get(keep)).toMatchObject({ name: 'kept', tags: ['keep'], itemCount: 4 });
    expect(store.runs.tags()).toEqual([{ tag: 'keep', runs: 1 }]);

    // The label set on disk is whole and valid, and brings the labels back.
    const set = labelSet.parse(JSON.parse(readFileSync(deleted.labelsExportedTo!, 'utf8')));
    expect(set.run).toMatchObject({ name: 'run.csv', model: 'gpt-x' });
    expect(set.labels.map((label) => [label.itemKey, label.annotator, label.outcome, label.note])).toEqual([
      ['q4', 'ada', 'correct', null],
      ['q2', 'ada', 'incorrect', 'five is not four'],
      ['q2', 'bob', 'incorrect', null],
    ]);
    expect(readdirSync(join(tmp.dir, 'label-sets')).filter((name) => name.endsWith('.partial'))).toEqual([]);
    // The same bytes as the deleted run (its hash was freed with it) come back as a new run.
    const again = await importCsv('run.csv');
    const report = await handlers['labels/merge']({ runId: again, set });
    expect(report).toMatchObject({ added: 3, conflicts: [], unknownKeys: [] });
    restart();
    expect(store.runs.get(again)).toMatchObject({ labeledCount: 2, counts: { correct: 2, incorrect: 1, abstained: 1, unlabeled: 0 } });
  });

  it('deletes a run without labels and writes no file', async () => {
    const runId = await importCsv('run.csv');
    expect(await handlers['runs/delete']({ runId })).toEqual({ deleted: 1, labels: 0, labelsExportedTo: null });
    expect(existsSync(join(tmp.dir, 'label-sets'))).toBe(false);
    restart();
    expect(store.runs.count()).toBe(0);
  });

  it('keeps the run when its label set cannot be written', async () => {
    const runId = await importCsv('run.csv');
    const [first] = (await handlers['items/list']({ runId, offset: 0, limit: 1 })).rows;
    await handlers['labels/set']({ itemId: first!.id, annotator: 'ada', outcome: 'correct' });
    // A file where the folder should be: the export fails, so nothing is deleted.
    tmp.file('label-sets', 'not a folder');
    const refused = await dispatch(handlers, 'runs/delete', { runId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'labels-not-exported' } });
    expect(refused.ok ? '' : refused.error.message).toMatch(/Could not write the labels of run \d+ \("run.csv"\) to .*label-sets.*nothing was deleted/);
    restart();
    expect(store.runs.get(runId)).toMatchObject({ itemCount: 4, labeledCount: 1 });
  });
});

describe('tidyTags', () => {
  it('splits on commas, collapses spaces, drops empties and case-insensitive repeats', () => {
    expect(tidyTags(['a, b', ' A ', '', 'two  words', 'B,c'])).toEqual(['a', 'b', 'two words', 'c']);
  });
});
