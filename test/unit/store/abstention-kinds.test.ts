// Abstention kinds and partial grades (issue 15, item 5) through the handlers
// and the store: a kind travels with an abstained label through resolution,
// undo and redo, bulk actions, accepted suggestions, label sets and the
// agreement statistics; an Inspect "P" is kept as partial (incorrect for
// every metric) until a human label covers it. The run's counts by kind,
// kept in step with every write, equal a fresh count after a restart.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/handlers/dispatch.ts';
import { createHandlers, type Handlers } from '../../../main/handlers/index.ts';
import { JobRegistry } from '../../../main/handlers/jobs.ts';
import { Store } from '../../../main/store/store.ts';
import { fixture } from '../import/helpers.ts';
import { tempDir } from '../../support/temp.ts';

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

async function importPath(path: string, options?: Record<string, string>): Promise<number> {
  const { jobId } = await handlers['import/start']({ sources: [{ kind: 'path', path, ...(options ? { options } : {}) }] });
  const job = await jobs.wait(jobId);
  expect(job.state, job.error?.message).toBe('done');
  return job.result![0]!.runIds[0]!;
}

async function importCsv(text: string): Promise<number> {
  const { jobId } = await handlers['import/start']({ sources: [{ kind: 'upload', name: 'kinds.csv', text }] });
  const job = await jobs.wait(jobId);
  expect(job.state).toBe('done');
  return job.result![0]!.runIds[0]!;
}

const CSV = `id,question,answer,gold,grade,confidence
a,Capital of France?,I don't know,Paris,,0.2
b,Capital of Peru?,I cannot help with that request.,Lima,,0.3
c,Capital of Chad?,Could you clarify which Chad you mean?,N'Djamena,,0.4
d,Capital of Fiji?,Suva,Suva,,0.9
e,Capital of Laos?,Hanoi,Vientiane,,0.8
`;

beforeEach(() => {
  tmp = tempDir();
  dbPath = join(tmp.dir, 'candor.db');
  open();
});
afterEach(() => {
  store.close();
  tmp.cleanup();
});

/** The run's counts as kept in step, and as counted afresh after closing and reopening the database. */
function countsNowAndAfterRestart(runId: number) {
  const kept = store.runs.get(runId)!;
  store.close();
  open();
  const fresh = store.runs.get(runId)!;
  expect(fresh.abstentionKinds).toEqual(kept.abstentionKinds);
  expect(fresh.partialCount).toBe(kept.partialCount);
  expect(fresh.counts).toEqual(kept.counts);
  return fresh;
}

describe('abstention kinds', () => {
  it('suggests a kind with each abstention phrase, and accepting suggestions brings the kinds', async () => {
    const runId = await importCsv(CSV);
    const rows = (await handlers['items/list']({ runId, offset: 0, limit: 10 })).rows;
    expect(rows.map((row) => [row.key, row.suggestedGrade, row.suggestedKind])).toEqual([
      ['a', 'abstained', 'dont-know'],
      ['b', 'abstained', 'refusal'],
      ['c', 'abstained', 'clarification'],
      ['d', 'correct', null],
      ['e', 'incorrect', null],
    ]);
    const { count } = await handlers['labels/bulk']({ runId, annotator: 'ada', filter: {}, action: { type: 'accept-suggested' } });
    expect(count).toBe(5);
    const run = countsNowAndAfterRestart(runId);
    expect(run.counts).toMatchObject({ abstained: 3, correct: 1, incorrect: 1 });
    expect(run.abstentionKinds).toEqual({ 'dont-know': 1, refusal: 1, hedge: 0, clarification: 1, other: 0, unspecified: 0 });
    const b = (await handlers['items/list']({ runId, offset: 1, limit: 1 })).rows[0]!;
    expect([b.label, b.abstentionKind]).toEqual(['abstained', 'refusal']);
  });

  it('resolves kinds among annotators and adjudicators, and undo and redo bring them back', async () => {
    const runId = await importCsv(CSV);
    const [a, b] = (await handlers['items/list']({ runId, offset: 0, limit: 2 })).rows.map((row) => row.id);
    await handlers['labels/set']({ itemId: a!, annotator: 'ada', outcome: 'abstained', abstentionKind: 'hedge' });
    expect(store.items.get(a!, { annotator: 'ada' })).toMatchObject({ label: 'abstained', abstentionKind: 'hedge', myAbstentionKind: 'hedge' });
    // A second annotator who agrees it abstains but names no kind leaves the kind as the first said.
    await handlers['labels/set']({ itemId: a!, annotator: 'bob', outcome: 'abstained' });
    expect(store.items.get(a!)).toMatchObject({ label: 'abstained', abstentionKind: 'hedge', disputed: false });
    // Naming another kind leaves it unspecified (still an agreed abstention, not a dispute).
    await handlers['labels/set']({ itemId: a!, annotator: 'bob', outcome: 'abstained', abstentionKind: 'refusal' });
    expect(store.items.get(a!)).toMatchObject({ label: 'abstained', abstentionKind: null, disputed: false });
    expect(store.runs.get(runId)!.abstentionKinds).toMatchObject({ hedge: 0, refusal: 0, unspecified: 1 });
    // An adjudicator settles the kind.
    await handlers['labels/set']({ itemId: a!, annotator: 'cy', outcome: 'abstained', abstentionKind: 'refusal', kind: 'adjudication' });
    expect(store.items.get(a!)).toMatchObject({ abstentionKind: 'refusal', labelSource: 'adjudicated' });

    const set = await handlers['labels/set']({ itemId: b!, annotator: 'ada', outcome: 'abstained', abstentionKind: 'clarification' });
    expect(set.stack.undo?.what).toBe('abstained (asks for clarification) on b');
    await handlers['labels/set']({ itemId: b!, annotator: 'ada', outcome: 'abstained', abstentionKind: 'other' });
    await handlers['labels/undo']({ runId, annotator: 'ada' });
    expect(store.items.get(b!)).toMatchObject({ abstentionKind: 'clarification' });
    await handlers['labels/redo']({ runId, annotator: 'ada' });
    expect(store.items.get(b!)).toMatchObject({ abstentionKind: 'other' });
    const run = countsNowAndAfterRestart(runId);
    expect(run.abstentionKinds).toEqual({ 'dont-know': 0, refusal: 1, hedge: 0, clarification: 0, other: 1, unspecified: 0 });
  });

  it('refuses a kind on a label that does not abstain', async () => {
    const runId = await importCsv(CSV);
    const [a] = (await handlers['items/list']({ runId, offset: 0, limit: 1 })).rows;
    const refused = await dispatch(handlers, 'labels/set', { itemId: a!.id, annotator: 'ada', outcome: 'correct', abstentionKind: 'refusal' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-request', field: 'abstentionKind' } });
    expect(store.labels.current(a!.id, 'ada')).toBeNull();
  });

  it('carries kinds in label sets, and a different kind of the same outcome is a conflict', async () => {
    const runId = await importCsv(CSV);
    const [a, b] = (await handlers['items/list']({ runId, offset: 0, limit: 2 })).rows.map((row) => row.id);
    await handlers['labels/set']({ itemId: a!, annotator: 'ada', outcome: 'abstained', abstentionKind: 'dont-know' });
    await handlers['labels/set']({ itemId: b!, annotator: 'ada', outcome: 'incorrect' });
    const exported = await handlers['labels/export']({ runId });
    expect(exported.labels.map((entry) => [entry.itemKey, entry.outcome, entry.abstentionKind])).toEqual([
      ['a', 'abstained', 'dont-know'],
      ['b', 'incorrect', undefined],
    ]);
    // Into a fresh database's copy of the run: the kind arrives.
    store.close();
    dbPath = join(tmp.dir, 'other.db');
    open();
    const copy = await importCsv(CSV);
    expect(await handlers['labels/merge']({ runId: copy, set: exported })).toMatchObject({ added: 2, conflicts: [] });
    expect(store.runs.get(copy)!.abstentionKinds).toMatchObject({ 'dont-know': 1 });
    const [copyA] = (await handlers['items/list']({ runId: copy, offset: 0, limit: 1 })).rows;
    await handlers['labels/set']({ itemId: copyA!.id, annotator: 'ada', outcome: 'abstained', abstentionKind: 'refusal' });
    const again = { ...exported, labels: exported.labels.map((entry) => ({ ...entry, createdAt: '2031-01-01T00:00:00.000Z' })) };
    const report = await handlers['labels/merge']({ runId: copy, set: again });
    expect(report.conflicts).toEqual([
      { itemKey: 'a', annotator: 'ada', kind: 'label', local: 'abstained', incoming: 'abstained', localAbstentionKind: 'refusal', incomingAbstentionKind: 'dont-know' },
    ]);
  });

  it('counts each annotator’s abstentions by kind and how often they name the same one', async () => {
    const runId = await importCsv(CSV);
    const ids = (await handlers['items/list']({ runId, offset: 0, limit: 5 })).rows.map((row) => row.id);
    const label = (i: number, annotator: string, abstentionKind?: 'dont-know' | 'refusal') =>
      handlers['labels/set']({ itemId: ids[i]!, annotator, outcome: 'abstained', ...(abstentionKind ? { abstentionKind } : {}) });
    await label(0, 'ada', 'dont-know');
    await label(0, 'bob', 'dont-know');
    await label(1, 'ada', 'refusal');
    await label(1, 'bob');
    await label(2, 'ada', 'refusal');
    const agreement = await handlers['runs/agreement']({ runId });
    expect(agreement.abstentionKinds).toEqual({
      perAnnotator: [
        { annotator: 'ada', abstained: 3, kinds: { 'dont-know': 1, refusal: 2, hedge: 0, clarification: 0, other: 0, unspecified: 0 } },
        { annotator: 'bob', abstained: 2, kinds: { 'dont-know': 1, refusal: 0, hedge: 0, clarification: 0, other: 0, unspecified: 1 } },
      ],
      items: 2,
      pairs: 2,
      agreeing: 1,
      rate: 0.5,
    });
  });
});

describe('partial grades', () => {
  it('keeps Inspect’s "P" as partial: incorrect for the metrics, flagged until a human label covers it', async () => {
    const runId = await importPath(fixture('formats', 'inspect', 'synthetic.json'));
    const rows = (await handlers['items/list']({ runId, offset: 0, limit: 10 })).rows;
    expect(rows.map((row) => [row.key, row.importedGrade, row.importedPartial, row.partial])).toEqual([
      ['q1#1', 'incorrect', true, true],
      ['q1#2', 'correct', false, false],
      ['7#1', 'abstained', false, false],
      ['8#1', 'correct', false, false],
    ]);
    expect(store.runs.get(runId)).toMatchObject({ partialCount: 1, counts: { incorrect: 1 } });
    expect(Array.from(store.items.columns(runId).partial!)).toEqual([1, 0, 0, 0]);
    const metrics = await handlers['runs/metrics']({ runId });
    expect(metrics.counts.incorrect).toBe(1);

    await handlers['labels/set']({ itemId: rows[0]!.id, annotator: 'ada', outcome: 'correct' });
    expect(store.runs.get(runId)).toMatchObject({ partialCount: 0 });
    expect(Array.from(store.items.columns(runId).partial!)).toEqual([0, 0, 0, 0]);
    expect((await handlers['items/get']({ itemId: rows[0]!.id })).partial).toBe(false);
    await handlers['labels/undo']({ runId, annotator: 'ada' });
    expect(Array.from(store.items.columns(runId).partial!)).toEqual([1, 0, 0, 0]);
    expect(countsNowAndAfterRestart(runId).partialCount).toBe(1);
  });

  it('maps "P" as asked, without the flag, when the import says what it counts as', async () => {
    const runId = await importPath(fixture('formats', 'inspect', 'synthetic.json'), { partial: 'abstained' });
    expect(store.runs.get(runId)).toMatchObject({ partialCount: 0, counts: { abstained: 2 } });
    expect(store.items.columns(runId).partial).toBeUndefined();
  });

  it('scores partial answers in a leaderboard as the rubric states', async () => {
    const runId = await importPath(fixture('formats', 'inspect', 'synthetic.json'));
    const result = await handlers['rubrics/compare']({ runIds: [runId], specs: ['binary', 'binary+partial=credit:0.5', 'binary+partial=abstained'], resamples: 50 });
    // 4 graded: 2 correct, 1 partial (incorrect), 1 abstained.
    expect(result.leaderboard.rows[0]!.cells.map((cell) => cell.score)).toEqual([0.5, 0.625, 0.5]);
    expect(result.leaderboard.rubrics.map((column) => column.id)).toEqual(['binary', 'binary+partial=credit:0.5', 'binary+partial=abstained']);
  });
});
