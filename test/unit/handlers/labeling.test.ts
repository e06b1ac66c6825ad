import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildLabelMatrix, cohenKappa, krippendorffAlpha } from '../../../shared/agreement/index.ts';
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

  it('runs/agreement computes the statistics of shared/agreement on the stored labels', async () => {
    const rows = (await handlers['items/list']({ runId, offset: 0, limit: 10 })).rows;
    const plan: Array<[string, number, 'correct' | 'incorrect' | 'abstained' | null]> = [
      ['ann', 0, 'correct'],
      ['bob', 0, 'correct'],
      ['ann', 1, 'incorrect'],
      ['bob', 1, 'correct'],
      ['ann', 2, 'incorrect'],
      ['bob', 2, 'incorrect'],
      ['ann', 3, 'abstained'],
      ['bob', 3, 'abstained'],
      ['bob', 3, null],
      ['bob', 3, 'abstained'],
    ];
    for (const [who, i, outcome] of plan) await handlers['labels/set']({ itemId: rows[i]!.id, annotator: who, outcome });
    const agreement = await handlers['runs/agreement']({ runId });
    const matrix = buildLabelMatrix(plan.map(([annotator, i, outcome]) => ({ itemKey: rows[i]!.key, annotator, outcome })));
    expect(agreement.annotators).toEqual(['ann', 'bob']);
    expect(agreement.pairs[0]!.value).toBeCloseTo(cohenKappa(matrix, 'ann', 'bob').value!, 12);
    expect(agreement.alpha.value).toBeCloseTo(krippendorffAlpha(matrix).value!, 12);
    expect(agreement.percent.pairwise).toBeCloseTo(3 / 4, 12);
    expect(agreement.disputed).toBe(1);
    expect(agreement.confusion!.counts).toEqual([
      [1, 0, 0],
      [1, 1, 0],
      [0, 0, 1],
    ]);
    // b: ann incorrect, bob correct, a tie left out of the consensus. c: both incorrect, graded incorrect.
    expect(agreement.grader.consensus.tiedItems).toBe(1);
    expect(agreement.grader.consensus.missed).toEqual({ rate: 0, missed: 0, humanIncorrect: 1 });
    const ann = agreement.grader.perAnnotator.find((entry) => entry.who === 'ann')!;
    expect(ann.confusion.n).toBe(3);
    expect(await dispatch(handlers, 'runs/agreement', { runId, pair: ['ann', 'zed'] })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('labels/progress counts my labels within the queue scope', async () => {
    const rows = (await handlers['items/list']({ runId, offset: 0, limit: 10 })).rows;
    await handlers['labels/set']({ itemId: rows[0]!.id, annotator: 'ann', outcome: 'correct' });
    await handlers['labels/set']({ itemId: rows[1]!.id, annotator: 'ann', outcome: 'correct' });
    await handlers['labels/set']({ itemId: rows[1]!.id, annotator: 'ann', outcome: null });
    await handlers['labels/set']({ itemId: rows[2]!.id, annotator: 'bob', outcome: 'correct' });
    expect(await handlers['labels/progress']({ runId, annotator: 'ann', queue: 'unlabeled' })).toEqual({ total: 4, mine: 1 });
    expect(await handlers['labels/progress']({ runId, annotator: 'ann', confidenceMin: 0.85 })).toEqual({ total: 1, mine: 1 });
    expect(await handlers['labels/progress']({ runId, annotator: 'bob', outcome: 'incorrect' })).toEqual({ total: 1, mine: 0 });
  });
});

describe('suggested grades', () => {
  it('are computed on request for every item, and accepted in bulk as one undoable batch', async () => {
    const { suggested } = await handlers['runs/suggest']({ runId });
    // No gold column in this run: only abstention phrases can speak, and none of these answers is one.
    expect(suggested).toBe(0);
    const text = 'id,question,answer,gold,grade\na,q,Paris,Paris,\nb,q,I do not know,Rome,\nc,q,Lyon,Nice,correct\n';
    const { jobId } = await handlers['import/start']({ sources: [{ kind: 'upload', name: 'g.csv', text }] });
    const withGold = (await jobs.wait(jobId)).result![0]!.runIds[0]!;
    expect((await handlers['runs/suggest']({ runId: withGold })).suggested).toBe(3);
    const rows = (await handlers['items/list']({ runId: withGold, offset: 0, limit: 10 })).rows;
    expect(rows.map((r) => [r.key, r.suggestedGrade, r.outcome])).toEqual([
      ['a', 'correct', 'unlabeled'],
      ['b', 'abstained', 'unlabeled'],
      ['c', 'incorrect', 'correct'],
    ]);
    const { batch, count } = await handlers['labels/bulk']({
      runId: withGold,
      annotator: 'ann',
      filter: { outcome: 'unlabeled' },
      action: { type: 'accept-suggested' },
    });
    expect(count).toBe(2);
    expect((await handlers['runs/metrics']({ runId: withGold })).counts).toMatchObject({ correct: 2, abstained: 1, unlabeled: 0 });
    await handlers['labels/undo-batch']({ batch });
    expect((await handlers['runs/metrics']({ runId: withGold })).counts.unlabeled).toBe(2);
  });
});
