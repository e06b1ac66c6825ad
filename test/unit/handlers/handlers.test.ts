import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/handlers/dispatch.ts';
import type { Handlers } from '../../../main/handlers/index.ts';
import { JobRegistry } from '../../../main/handlers/jobs.ts';
import { DEMO_RUN_PATH } from '../../../main/paths.ts';
import { handlersForEachTest } from '../../support/handlers.ts';
import type { TempDir } from '../../support/temp.ts';
import { Store } from '../../../main/store/store.ts';
import { sqlOf } from '../../support/sql.ts';

let store: Store;
let jobs: JobRegistry;
let handlers: Handlers;
let tmp: TempDir;

handlersForEachTest((env) => ({ store, jobs, handlers, temp: tmp } = env));

async function importText(name: string, text: string) {
  const { jobId } = await handlers['import/start']({ sources: [{ kind: 'upload', name, text }] });
  return jobs.wait(jobId);
}

const CSV = `id,question,answer,gold,grade,confidence
q1,Capital of France?,Paris,Paris,correct,0.9
q2,2+2?,5,4,incorrect,0.8
q3,Who?,I don't know,Ada,abstained,0.2
q4,Year?,1969,1969,,0.6
`;

describe('dispatch (the main-process edge)', () => {
  it('refuses unknown verbs and malformed payloads as data, naming the field', async () => {
    expect(await dispatch(handlers, 'runs/drop-table', {})).toMatchObject({ ok: false, error: { code: 'unknown-verb' } });
    const bad = await dispatch(handlers, 'labels/set', { itemId: 'one', annotator: 'a', outcome: 'correct' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-request', field: 'itemId' } });
    const badOutcome = await dispatch(handlers, 'labels/set', { itemId: 1, annotator: 'a', outcome: 'maybe' });
    expect(badOutcome).toMatchObject({ ok: false, error: { code: 'invalid-request', field: 'outcome' } });
    expect(await dispatch(handlers, 'runs/get', null)).toMatchObject({ ok: false, error: { field: 'runId' } });
  });

  it('answers missing things with a not-found error, not a crash', async () => {
    expect(await dispatch(handlers, 'runs/get', { runId: 42 })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await dispatch(handlers, 'items/get', { itemId: 42 })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});

describe('handlers end to end', () => {
  it('counts the items of a run that state a confidence (runs without any cannot be overlaid on a reliability diagram)', async () => {
    const partial = await importText('partial.csv', 'id,answer,grade,confidence\na,x,correct,0.9\nb,y,incorrect,\nc,z,correct,0.4\n');
    const none = await importText('none.csv', 'id,answer,grade\na,x,correct\nb,y,incorrect\n');
    const counts = async (job: typeof partial) => (await handlers['runs/get']({ runId: job.result![0]!.runIds[0]! })).confidenceCount;
    expect(await counts(partial)).toBe(2);
    expect(await counts(none)).toBe(0);
  });

  it('imports, lists, labels, and the metrics follow the label at once', async () => {
    const job = await importText('tiny.csv', CSV);
    expect(job.state).toBe('done');
    const [file] = job.result!;
    expect(file).toMatchObject({ file: 'tiny.csv', items: 4, duplicateOf: null });
    const runId = file!.runIds[0]!;
    const run = await handlers['runs/get']({ runId });
    expect(run).toMatchObject({ name: 'tiny.csv', format: 'csv', itemCount: 4, labeledCount: 0 });
    expect(run.counts).toEqual({ correct: 1, incorrect: 1, abstained: 1, unlabeled: 1 });

    const before = await handlers['runs/metrics']({ runId });
    expect(before.accuracy).toBeCloseTo(1 / 3, 12);
    const page = await handlers['items/list']({ runId, offset: 0, limit: 50 });
    const q4 = page.rows.find((row) => row.key === 'q4')!;
    expect(q4.outcome).toBe('unlabeled');

    const labelled = await handlers['labels/set']({ itemId: q4.id, annotator: 'ada', outcome: 'correct', note: 'checked' });
    expect(labelled.item.outcome).toBe('correct');
    const after = await handlers['runs/metrics']({ runId });
    expect(after.counts.correct).toBe(2);
    expect(after.accuracy).toBeCloseTo(2 / 4, 12);
    expect((await handlers['runs/get']({ runId })).labeledCount).toBe(1);

    const detail = await handlers['items/get']({ itemId: q4.id });
    expect(detail.history).toHaveLength(1);
    expect(detail.history[0]).toMatchObject({ annotator: 'ada', outcome: 'correct', note: 'checked' });
    expect((await handlers['items/neighbor']({ itemId: q4.id, direction: 'prev' }))?.key).toBe('q3');
    expect(await handlers['items/neighbor']({ itemId: q4.id, direction: 'next' })).toBeNull();
  });

  it('recognises the same bytes imported twice by their hash', async () => {
    const first = await importText('a.csv', CSV);
    const second = await importText('copy-of-a.csv', CSV);
    expect(second.result![0]!.duplicateOf).toEqual(first.result![0]!.runIds);
    expect(await handlers['runs/list']({})).toHaveLength(1);
  });

  it('a malformed file fails the job with file:line:field and leaves the store unchanged', async () => {
    await importText('good.csv', CSV);
    const before = sqlOf(store).prepare('SELECT COUNT(*) FROM items').pluck().get();
    const job = await importText('bad.csv', `${CSV}q5,x,y,z,correct,150%\n`);
    expect(job.state).toBe('failed');
    expect(job.error).toMatchObject({ file: 'bad.csv', line: 6, field: 'confidence' });
    expect(job.error!.message).toMatch(/bad\.csv:6:confidence/);
    expect(sqlOf(store).prepare('SELECT COUNT(*) FROM items').pluck().get()).toBe(before);
    expect(await handlers['runs/list']({})).toHaveLength(1);
  });

  it('a truncated JSONL file is refused and nothing is written', async () => {
    const job = await importText('cut.jsonl', '{"id":"a","answer":"x","grade":"correct"}\n{"id":"b","answer":"y","gra');
    expect(job.state).toBe('failed');
    expect(job.error).toMatchObject({ file: 'cut.jsonl', line: 2 });
    expect(await handlers['runs/list']({})).toEqual([]);
  });

  it('loads the demo run shipped in assets/', async () => {
    const { runIds } = await handlers['demo/load']({});
    expect(runIds).toHaveLength(1);
    const run = await handlers['runs/get']({ runId: runIds[0]! });
    const rows = readFileSync(DEMO_RUN_PATH, 'utf8').trim().split('\n').length - 1;
    expect(run.itemCount).toBe(rows);
    const metrics = await handlers['runs/metrics']({ runId: runIds[0]! });
    expect(metrics.calibration.n).toBeGreaterThan(100);
    expect(metrics.calibration.ece).not.toBeNull();
    const info = await handlers['app/info']({});
    expect(info).toMatchObject({ runCount: 1, runtime: 'browser', dbPath: `${tmp.dir}/candor.db` });
  });

  it('a cancelled import leaves no trace', async () => {
    const lines = ['id,question,answer,grade,confidence'];
    for (let i = 0; i < 200_000; i++) lines.push(`k${i},q${i},a${i},correct,0.5`);
    const { jobId } = await handlers['import/start']({ sources: [{ kind: 'upload', name: 'big.csv', text: lines.join('\n') }] });
    await handlers['jobs/cancel']({ jobId });
    const job = await jobs.wait(jobId);
    expect(job.state).toBe('cancelled');
    expect(await handlers['runs/list']({})).toEqual([]);
    expect(sqlOf(store).prepare('SELECT COUNT(*) FROM items').pluck().get()).toBe(0);
  });
});
