// The rubrics domain through dispatch (the main-process edge), on a real store.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/handlers/dispatch.ts';
import { createHandlers, type Handlers } from '../../../main/handlers/index.ts';
import { metadataTarget } from '../../../main/handlers/rubrics.ts';
import { JobRegistry } from '../../../main/handlers/jobs.ts';
import { DEMO_RUN_PATH, ROOT_DIR } from '../../../main/paths.ts';
import { handlersForEachTest } from '../../support/handlers.ts';
import type { TempDir } from '../../support/temp.ts';
import { Store } from '../../../main/store/store.ts';
import { sqlOf } from '../../support/sql.ts';

let store: Store;
let jobs: JobRegistry;
let handlers: Handlers;
let tmp: TempDir;

handlersForEachTest((env) => ({ store, jobs, handlers, temp: tmp } = env), { version: 't' });

async function importText(name: string, text: string): Promise<number> {
  const { jobId } = await handlers['import/start']({ sources: [{ kind: 'upload', name, text }] });
  const job = await jobs.wait(jobId);
  if (job.state !== 'done') throw new Error(job.message);
  return job.result![0]!.runIds[0]!;
}

// Four items, hand-checkable: A answers everything (3 right, 1 wrong); B abstains on two.
const RUN_A = `id,question,answer,grade,confidence,train_count
k1,q1,a,correct,0.9,1
k2,q2,a,correct,0.8,1
k3,q3,a,correct,0.7,5
k4,q4,a,incorrect,0.6,1
`;
const RUN_B = `id,question,answer,grade,confidence
k1,q1,a,correct,0.9
k2,q2,a,correct,0.8
k3,q3,,abstained,0.4
k4,q4,,abstained,0.7
`;

describe('saved rubrics', () => {
  it('always lists the four defaults, saves a custom rubric once with its mismatch warning, deletes it', async () => {
    const listed = await handlers['rubrics/list']({});
    expect(listed.rubrics.map((r) => [r.spec, r.builtin])).toEqual([
      ['binary', true],
      ['t=0.5', true],
      ['t=0.75', true],
      ['t=0.9', true],
    ]);
    const saved = await handlers['rubrics/save']({ spec: 'custom:1,-2,0@0.75', name: "The paper's penalty 2" });
    expect(saved.created).toBe(true);
    expect(saved.rubric.impliedThreshold).toBeCloseTo(2 / 3, 12);
    expect(saved.rubric.warnings.map((w) => w.code)).toEqual(['stated-threshold-mismatch']);
    expect(saved.rubric.warnings[0]!.message).toContain('imply t = 0.666667');
    expect((await handlers['rubrics/save']({ spec: ' CUSTOM:1,-2,0@0.75 ' })).created).toBe(false);
    // penalty=3 is t = 0.75, a default: nothing is stored.
    expect(await handlers['rubrics/save']({ spec: 'penalty=3' })).toMatchObject({ created: false, rubric: { builtin: true, spec: 't=0.75' } });
    const after = await handlers['rubrics/list']({});
    expect(after.rubrics).toHaveLength(5);
    expect(after.rubrics[4]).toMatchObject({ name: "The paper's penalty 2", builtin: false });
    expect(await handlers['rubrics/delete']({ id: saved.rubric.id! })).toEqual({ deleted: 1 });
    expect((await handlers['rubrics/list']({})).rubrics).toHaveLength(4);
  });

  it('refuses a bad spec as a user-facing error and a missing rubric as not-found', async () => {
    expect(await dispatch(handlers, 'rubrics/save', { spec: 't=1.5' })).toMatchObject({ ok: false, error: { code: 'invalid-rubric' } });
    expect(await dispatch(handlers, 'rubrics/save', { spec: 'custom:0,1,0' })).toMatchObject({ ok: false, error: { code: 'invalid-rubric' } });
    expect(await dispatch(handlers, 'rubrics/delete', { id: 99 })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});

describe('rubrics/compare', () => {
  it('scores matched runs by hand-computed values, ranks, flips and paired differences', async () => {
    const a = await importText('a.csv', RUN_A);
    const b = await importText('b.csv', RUN_B);
    const result = await handlers['rubrics/compare']({ runIds: [a, b], specs: ['binary', 't=0.75', 'custom:1,-2,0'], resamples: 200, seed: 3 });
    const [rowA, rowB] = result.leaderboard.rows;
    // A: 3 right 1 wrong of 4; B: 2 right 2 abstained.
    expect(rowA!.cells.map((c) => c.score)).toEqual([0.75, (3 - 3) / 4, (3 - 2) / 4]);
    expect(rowB!.cells.map((c) => c.score)).toEqual([0.5, 0.5, 0.5]);
    expect(rowA!.cells.map((c) => c.rank)).toEqual([1, 2, 2]);
    expect(rowB!.cells.map((c) => [c.rank, c.flip])).toEqual([[2, false], [1, true], [1, true]]);
    expect(result.leaderboard.reversals.map((r) => [r.rubricId, r.ahead, r.behind])).toEqual([
      ['t=0.75', b, a],
      ['custom:1,-2,0', b, a],
    ]);
    for (const cell of [...rowA!.cells, ...rowB!.cells]) expect(cell.lo! <= cell.score! && cell.score! <= cell.hi!).toBe(true);
    const pair = result.leaderboard.pairs[0]!;
    expect(pair.shared).toBe(4);
    expect(pair.byRubric.map((d) => d.diff)).toEqual([0.25, -0.5, -0.25]);
    // A's accuracy and error: 0.75, 0.25; B's: 0.5, 0; curves meet at k = 1, t = 1/2.
    expect(result.sweep.crossovers).toHaveLength(1);
    expect(result.sweep.crossovers[0]).toMatchObject({ t: 0.5, leaderBelow: a, leaderAbove: b });
    expect(result.sweep.grid).toHaveLength(100);
    expect(result.sweep.runs[0]!.policy.decided).toBe(4);
    expect(result.runs.map((r) => r.name)).toEqual(['a.csv', 'b.csv']);
  });

  it('uses the saved list when no specs are given, and is JSON-safe', async () => {
    const a = await importText('a.csv', RUN_A);
    await handlers['rubrics/save']({ spec: 'open:0.5' });
    const result = await handlers['rubrics/compare']({ runIds: [a], resamples: 10 });
    expect(result.leaderboard.rubrics.map((r) => r.id)).toEqual(['binary', 't=0.5', 't=0.75', 't=0.9', 'open:0.5']);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('refuses unknown runs, repeated runs and bad specs', async () => {
    const a = await importText('a.csv', RUN_A);
    expect(await dispatch(handlers, 'rubrics/compare', { runIds: [a, 42] })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await dispatch(handlers, 'rubrics/compare', { runIds: [a, a] })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await dispatch(handlers, 'rubrics/compare', { runIds: [a], specs: ['t=2'] })).toMatchObject({ ok: false, error: { code: 'invalid-rubric' } });
    expect(await dispatch(handlers, 'rubrics/compare', { runIds: [] })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });
});

describe('behavioral audit and policy gaps', () => {
  it('reads targets from metadata keys, lets the user override them, and groups by model', () => {
    expect(metadataTarget({ confidence_target: 0.75 })).toEqual({ key: 'confidence_target', target: 0.75 });
    expect(metadataTarget({ target: '0.5' })).toEqual({ key: 'target', target: 0.5 });
    expect(metadataTarget({ target: 1 })).toBeNull();
    expect(metadataTarget({ columns: {} })).toBeNull();
  });

  it('audits runs with user-set targets (persisted as settings) and skips runs without', async () => {
    const a = await importText('a.csv', RUN_A.replaceAll(',train_count', ',model').replace(/,(1|5)\n/g, ',m\n'));
    const b = await importText('b.csv', RUN_B.replace('confidence\n', 'confidence,model\n').replace(/(0\.\d)\n/g, '$1,m\n'));
    let audit = await handlers['rubrics/audit']({ runIds: [a, b] });
    expect(audit.runs.map((r) => [r.target, r.source])).toEqual([[null, null], [null, null]]);
    expect(audit.audits).toEqual([]);
    expect(await handlers['rubrics/set-target']({ runId: a, target: 0 })).toMatchObject({ target: 0, source: 'user', model: 'm' });
    await handlers['rubrics/set-target']({ runId: b, target: 0.75 });
    const stored = sqlOf(store).prepare("SELECT value FROM settings WHERE key = ?").pluck().get(`run-target:${b}`);
    expect(JSON.parse(stored as string)).toEqual({ target: 0.75 });
    audit = await handlers['rubrics/audit']({ runIds: [b, a] });
    expect(audit.audits).toHaveLength(1);
    const rows = audit.audits[0]!.rows;
    expect(rows.map((r) => [r.target, r.abstentionRate, r.accuracyOnAttempted, r.errorRate, r.meetsTarget])).toEqual([
      [0, 0, 0.75, 0.25, true],
      [0.75, 0.5, 1, 0, true],
    ]);
    expect(audit.audits[0]!.consistent).toBe(true);
    expect(await handlers['rubrics/set-target']({ runId: b, target: null })).toMatchObject({ target: null, source: null });
    expect(await dispatch(handlers, 'rubrics/set-target', { runId: a, target: 1 })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('lists should-have-abstained and needless-abstention items with their ids', async () => {
    const b = await importText('b.csv', RUN_B);
    const a = await importText('a.csv', RUN_A);
    // A at t = 0.75: answered at 0.7 and 0.6 -> should have abstained (one right, one wrong).
    const gapsA = await handlers['rubrics/gaps']({ runId: a, t: 0.75 });
    expect(gapsA.shouldHaveAbstained).toMatchObject({ count: 2, wrong: 1, correct: 1 });
    expect(gapsA.shouldHaveAbstained.items.map((i) => [i.key, i.confidence, i.outcome, i.prompt])).toEqual([
      ['k3', 0.7, 'correct', 'q3'],
      ['k4', 0.6, 'incorrect', 'q4'],
    ]);
    const item = await handlers['items/get']({ itemId: gapsA.shouldHaveAbstained.items[1]!.itemId });
    expect([item.runId, item.key]).toEqual([a, 'k4']);
    // B at t = 0.5: abstained at 0.7 -> needless; abstained at 0.4 -> agreed.
    const gapsB = await handlers['rubrics/gaps']({ runId: b, t: 0.5, limit: 10 });
    expect(gapsB.needlessAbstentions.items.map((i) => i.key)).toEqual(['k4']);
    expect([gapsB.agreedAnswers, gapsB.agreedAbstentions, gapsB.noConfidence]).toEqual([2, 1, 0]);
  });
});

describe('rubrics/bounds', () => {
  it('finds the training-frequency column in extra and computes the singleton panel and the IIV reading', async () => {
    const a = await importText('a.csv', RUN_A);
    const bounds = await handlers['rubrics/bounds']({ runId: a });
    expect(bounds.singleton?.column).toBe('train_count');
    const panel = bounds.singleton!.panel;
    // frequencies 1, 1, 5, 1: N1 = 3, N = 8 training examples, sr = 3 / 8; 3 of the 4 items are singletons.
    expect([panel.n, panel.singletons, panel.trainingSize, panel.sr, panel.goodTuringMissingMass, panel.singletonShare]).toEqual([4, 3, 8, 3 / 8, 3 / 8, 0.75]);
    expect(panel.singletonErrorRate).toBeCloseTo(1 / 3, 12);
    expect(panel.overallErrorRate).toBe(0.25);
    expect(panel.buckets.find((bucket) => bucket.label === '>100')!.hi).toBeNull();
    expect(panel.bound!.minErrorSetSize).toBeNull();
    expect(panel.bound!.sr).toBe(3 / 8);
    expect(panel.bound!.sampleTerm).toBeCloseTo((35 + 6 * Math.log(8)) / Math.sqrt(8), 12);
    const given = (await handlers['rubrics/bounds']({ runId: a, trainingSize: 1_000_000 })).singleton!.panel;
    expect([given.trainingSize, given.trainingSizeSource, given.sr]).toEqual([1_000_000, 'given', 3e-6]);
    // Confidences 0.9, 0.8, 0.7 right, 0.6 wrong: threshold 0.7 separates perfectly.
    expect(bounds.iiv.auroc).toBe(1);
    expect(bounds.iiv.errIiv).toBe(0);
    expect(bounds.iiv.bestThreshold).toBe(0.7);
    expect(bounds.iiv.roc[0]!.threshold).toBeNull();
    expect(bounds.iiv.assumptions).toContain('Corollary 1');
    expect(JSON.parse(JSON.stringify(bounds))).toEqual(bounds);
  });

  it('has no singleton panel without a frequency column', async () => {
    const b = await importText('b.csv', RUN_B);
    const bounds = await handlers['rubrics/bounds']({ runId: b, minErrorSetSize: 3 });
    expect(bounds.singleton).toBeNull();
    expect(bounds.frequencyColumns).toContain('training_frequency');
  });
});

describe('examples/load', () => {
  it('imports the bundled SimpleQA example through the import job; a second load reuses the runs', async () => {
    expect(DEMO_RUN_PATH.startsWith(join(ROOT_DIR, 'assets'))).toBe(true);
    const { runIds } = await handlers['examples/load']({});
    expect(runIds).toHaveLength(2);
    const runs = store.runs.list();
    expect(runs.map((r) => [r.model, r.itemCount])).toEqual([
      ['gpt-5-thinking-mini', 1000],
      ['o4-mini', 1000],
    ]);
    const board = await handlers['rubrics/compare']({ runIds, resamples: 100 });
    const ranks = board.leaderboard.rows.map((row) => [row.name, row.cells[0]!.rank, row.cells[2]!.rank]);
    expect(ranks).toEqual([
      ['simpleqa-gpt5-thinking-mini.csv', 2, 1],
      ['simpleqa-o4-mini.csv', 1, 2],
    ]);
    expect((await handlers['examples/load']({})).runIds).toEqual(runIds);
    expect(store.runs.list()).toHaveLength(2);
  });

  it('says where it looked when the examples are missing', async () => {
    const bare = createHandlers({ store, jobs, runtime: 'browser', version: 't', demoPath: join(tmp.dir, 'demo', 'demo.csv') });
    expect(await dispatch(bare, 'examples/load', {})).toMatchObject({ ok: false, error: { code: 'examples-missing' } });
  });
});
