// labels/undo, labels/redo and labels/stack over the handlers: every label
// write answers with the annotator's stack, undo and redo move the metrics the
// engine reads, and a fresh set of handlers (a reload, another view) sees the
// same stack.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/handlers/dispatch.ts';
import { createHandlers, type Handlers } from '../../../main/handlers/index.ts';
import { JobRegistry } from '../../../main/handlers/jobs.ts';
import { Store } from '../../../main/store/store.ts';
import { tempDir } from '../../support/temp.ts';

let tmp: ReturnType<typeof tempDir>;
let store: Store;
let handlers: Handlers;
let runId: number;
let ids: number[];

const CSV = 'id,question,answer,gold,grade,confidence\na,q,Paris,Paris,,0.9\nb,q,I do not know,Rome,,0.8\nc,q,Lyon,Nice,correct,0.3\n';
const open = () => createHandlers({ store, jobs: new JobRegistry(), runtime: 'browser', version: 't', demoPath: '/none' });

beforeEach(async () => {
  tmp = tempDir();
  store = Store.open(`${tmp.dir}/candor.db`);
  handlers = open();
  const jobs = new JobRegistry();
  const importer = createHandlers({ store, jobs, runtime: 'browser', version: 't', demoPath: '/none' });
  const { jobId } = await importer['import/start']({ sources: [{ kind: 'upload', name: 'g.csv', text: CSV }] });
  runId = (await jobs.wait(jobId)).result![0]!.runIds[0]!;
  ids = (await handlers['items/list']({ runId, offset: 0, limit: 10 })).rows.map((row) => row.id);
});
afterEach(() => {
  store.close();
  tmp.cleanup();
});

describe('undo and redo verbs', () => {
  it('undo and redo a single label, a bulk action and accepted suggestions, with the metrics following', async () => {
    const counts = async () => (await handlers['runs/metrics']({ runId })).counts;
    expect(await counts()).toEqual({ correct: 1, incorrect: 0, abstained: 0, unlabeled: 2 });

    const single = await handlers['labels/set']({ itemId: ids[0]!, annotator: 'ann', outcome: 'incorrect' });
    expect(single.stack).toMatchObject({ undo: { what: 'incorrect on a', itemId: ids[0] }, redo: null });
    const marked = await handlers['labels/bulk']({ runId, annotator: 'ann', filter: {}, action: { type: 'set', outcome: 'abstained' }, itemIds: [ids[2]!], what: 'mark 1 selected abstained' });
    expect(marked.stack.undo).toMatchObject({ what: 'mark 1 selected abstained', count: 1, itemId: null });
    await handlers['runs/suggest']({ runId });
    const accepted = await handlers['labels/bulk']({ runId, annotator: 'ann', filter: { outcome: 'unlabeled' }, action: { type: 'accept-suggested' } });
    // Worded by the server when the view does not say.
    expect(accepted).toMatchObject({ count: 1, stack: { undo: { what: 'accept suggested grades', count: 1 } } });
    expect(await counts()).toEqual({ correct: 0, incorrect: 1, abstained: 2, unlabeled: 0 });

    expect(await handlers['labels/undo']({ runId, annotator: 'ann' })).toMatchObject({ action: { what: 'accept suggested grades' }, count: 1, skipped: 0 });
    expect(await counts()).toEqual({ correct: 0, incorrect: 1, abstained: 1, unlabeled: 1 });
    await handlers['labels/undo']({ runId, annotator: 'ann' });
    expect(await counts()).toEqual({ correct: 1, incorrect: 1, abstained: 0, unlabeled: 1 });
    const last = await handlers['labels/undo']({ runId, annotator: 'ann' });
    expect(last).toMatchObject({ action: { what: 'incorrect on a', itemId: ids[0] }, stack: { undo: null, redo: { what: 'incorrect on a' } } });
    expect(await counts()).toEqual({ correct: 1, incorrect: 0, abstained: 0, unlabeled: 2 });
    expect(await handlers['labels/undo']({ runId, annotator: 'ann' })).toMatchObject({ action: null, count: 0 });

    // Another view, or the window after a reload: the same stack.
    const reloaded = open();
    expect(await reloaded['labels/stack']({ runId, annotator: 'ann' })).toMatchObject({ undo: null, redo: { what: 'incorrect on a' } });
    await reloaded['labels/redo']({ runId, annotator: 'ann' });
    await reloaded['labels/redo']({ runId, annotator: 'ann' });
    expect(await reloaded['labels/redo']({ runId, annotator: 'ann' })).toMatchObject({ action: { what: 'accept suggested grades' }, count: 1 });
    expect(await counts()).toEqual({ correct: 0, incorrect: 1, abstained: 2, unlabeled: 0 });
    expect((await reloaded['runs/get']({ runId })).labeledCount).toBe(3);
  });

  it('validates its requests at the edge and refuses an unknown run', async () => {
    expect(await dispatch(handlers, 'labels/undo', { runId, annotator: '' })).toMatchObject({ ok: false, error: { code: 'invalid-request', field: 'annotator' } });
    expect(await dispatch(handlers, 'labels/redo', { runId: 999, annotator: 'ann' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await dispatch(handlers, 'labels/bulk', { runId, annotator: 'ann', filter: {}, action: { type: 'accept-imported' }, what: '' })).toMatchObject({
      ok: false,
      error: { field: 'what' },
    });
  });
});
