import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/handlers/dispatch.ts';
import { createHandlers, type Handlers } from '../../../main/handlers/index.ts';
import { JobRegistry } from '../../../main/handlers/jobs.ts';
import { Store } from '../../../main/store/store.ts';

let store: Store;
let jobs: JobRegistry;
let handlers: Handlers;
let runId: number;

const CSV = `id,question,answer,grade,confidence
a,q,x,correct,0.9
b,q,y,incorrect,0.8
c,q,z,incorrect,0.3
d,q,w,,0.6
`;

beforeEach(async () => {
  store = Store.open(':memory:');
  jobs = new JobRegistry();
  handlers = createHandlers({ store, jobs, runtime: 'browser', version: 't', demoPath: '/none' });
  const { jobId } = await handlers['import/start']({ sources: [{ kind: 'upload', name: 'r.csv', text: CSV }] });
  runId = (await jobs.wait(jobId)).result![0]!.runIds[0]!;
});
afterEach(() => store.close());

describe('labeling verbs', () => {
  it('bulk-accepts the imported grade for a filter, metrics follow, and undo restores them', async () => {
    const before = await handlers['runs/metrics']({ runId });
    expect(before.counts.unlabeled).toBe(1);
    const { batch, count } = await handlers['labels/bulk']({
      runId,
      annotator: 'ann',
      filter: { outcome: 'incorrect' },
      action: { type: 'accept-imported' },
    });
    expect(count).toBe(2);
    expect((await handlers['runs/get']({ runId })).labeledCount).toBe(2);
    const marked = await handlers['labels/bulk']({ runId, annotator: 'ann', filter: {}, action: { type: 'set', outcome: 'abstained' }, itemIds: [4] });
    expect(marked.count).toBe(1);
    expect((await handlers['runs/metrics']({ runId })).counts).toMatchObject({ abstained: 1, unlabeled: 0 });
    await handlers['labels/undo-batch']({ batch: marked.batch });
    expect((await handlers['runs/metrics']({ runId })).counts.unlabeled).toBe(1);
    await handlers['labels/undo-batch']({ batch });
    expect((await handlers['runs/get']({ runId })).labeledCount).toBe(0);
  });

  it('labels/set answers in blind mode without the confidence or imported grade', async () => {
    const [first] = (await handlers['items/list']({ runId, offset: 0, limit: 1 })).rows;
    const result = await handlers['labels/set']({ itemId: first!.id, annotator: 'bob', outcome: 'incorrect', blind: true });
    expect(result.item).toMatchObject({ confidence: null, importedGrade: null, myLabel: 'incorrect', blind: true });
    expect((await handlers['annotators/list']({ runId })).map((a) => a.name)).toEqual(['bob']);
  });

  it('label sets round-trip through the edge validation and merge', async () => {
    const [first] = (await handlers['items/list']({ runId, offset: 0, limit: 1 })).rows;
    await handlers['labels/set']({ itemId: first!.id, annotator: 'ann', outcome: 'abstained' });
    const set = await handlers['labels/export']({ runId });
    const viaJson = JSON.parse(JSON.stringify(set));
    const merged = await dispatch(handlers, 'labels/merge', { runId, set: viaJson });
    expect(merged).toMatchObject({ ok: true, value: { added: 0, duplicates: 1, conflicts: [] } });
    const forged = await dispatch(handlers, 'labels/merge', { runId, set: { ...viaJson, labels: [{ ...viaJson.labels[0], outcome: 'maybe' }] } });
    expect(forged).toMatchObject({ ok: false, error: { code: 'invalid-request', field: 'set.labels.0.outcome' } });
    expect(await dispatch(handlers, 'labels/undo-batch', { batch: 'not-a-uuid' })).toMatchObject({ ok: false, error: { field: 'batch' } });
  });
});
