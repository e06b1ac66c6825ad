// items/matrix (issue 15, item 4): the same keys across imported runs, paged,
// filtered and counted, following labels as they are written.
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/handlers/dispatch.ts';
import type { Handlers } from '../../../main/handlers/index.ts';
import { JobRegistry } from '../../../main/handlers/jobs.ts';
import { handlersForEachTest } from '../../support/handlers.ts';
import { Store } from '../../../main/store/store.ts';

let store: Store;
let jobs: JobRegistry;
let handlers: Handlers;

handlersForEachTest((env) => ({ store, jobs, handlers } = env));

async function importCsv(name: string, text: string): Promise<number> {
  const { jobId } = await handlers['import/start']({ sources: [{ kind: 'upload', name, text }] });
  const job = await jobs.wait(jobId);
  return job.result![0]!.runIds[0]!;
}

describe('items/matrix', () => {
  it('pages the shared keys with each run\'s answer, grade and confidence; filters and counts follow labels', async () => {
    const a = await importCsv(
      'a.csv',
      'id,question,answer,gold,grade,confidence\nq1,Capital?,Paris,Paris,correct,0.9\nq2,2+2?,5,4,incorrect,0.8\nq3,Who?,<b>Ada</b>,Ada,correct,0.7\nonly-a,x,y,,correct,0.5\n',
    );
    const b = await importCsv('b.csv', 'id,question,answer,gold,grade,confidence\nq3,Who?,Babbage,Ada,incorrect,0.6\nq2,2+2?,4,4,correct,0.95\nq1,Capital?,Paris,Paris,correct,0.99\n');
    const page = await handlers['items/matrix']({ runIds: [a, b], offset: 0, limit: 10 });
    expect(page.runs.map((run) => [run.runId, run.items, run.onlyHere])).toEqual([
      [a, 4, 1],
      [b, 3, 0],
    ]);
    expect(page.total).toBe(3);
    expect(page.counts).toMatchObject({ shared: 3, inAll: 3, disagree: 2, pair: { a, b, both: 3, graded: 3, differ: 2 } });
    // Rows in the first run's order; each cell from its own run, untrusted text kept as text.
    expect(page.rows.map((row) => row.key)).toEqual(['q1', 'q2', 'q3']);
    const q3 = page.rows[2]!;
    expect(q3).toMatchObject({ index: 2, prompt: 'Who?', gold: 'Ada' });
    expect(q3.cells.map((cell) => [cell?.answer, cell?.outcome, cell?.confidence])).toEqual([
      ['<b>Ada</b>', 'correct', 0.7],
      ['Babbage', 'incorrect', 0.6],
    ]);
    const q3InB = store.items.get(q3.cells[1]!.itemId)!;
    expect([q3InB.runId, q3InB.key]).toEqual([b, 'q3']);

    // "a wrong, b right" is q2; b's view of the pair is q3.
    const wrongRight = await handlers['items/matrix']({ runIds: [a, b], filter: 'pair', a, b, outcomeA: 'incorrect', outcomeB: 'correct', offset: 0, limit: 10 });
    expect(wrongRight.rows.map((row) => row.key)).toEqual(['q2']);
    const reversed = await handlers['items/matrix']({ runIds: [a, b], filter: 'pair', a: b, b: a, outcomeA: 'incorrect', outcomeB: 'correct', offset: 0, limit: 10 });
    expect(reversed.rows.map((row) => row.key)).toEqual(['q3']);
    expect(reversed.counts.pair).toMatchObject({ a: b, b: a });
    expect(reversed.counts.pair.table[2]![1]).toBe(1);

    // A label on q2 in run a (now correct) ends that disagreement.
    await handlers['labels/set']({ itemId: page.rows[1]!.cells[0]!.itemId, annotator: 'ann', outcome: 'correct' });
    const after = await handlers['items/matrix']({ runIds: [a, b], filter: 'disagree', offset: 0, limit: 10 });
    expect(after.rows.map((row) => row.key)).toEqual(['q3']);
    expect(after.counts).toMatchObject({ disagree: 1, pair: { differ: 1 } });
    expect(after.rows[0]!.cells[0]!.label).toBeNull();
    const q2 = await handlers['items/matrix']({ runIds: [a, b], offset: 1, limit: 1 });
    expect(q2.rows[0]).toMatchObject({ index: 1, key: 'q2' });
    expect(q2.rows[0]!.cells[0]).toMatchObject({ label: 'correct', importedGrade: 'incorrect', outcome: 'correct' });
  });

  it('says the runs share nothing with empty counts, not an error', async () => {
    const a = await importCsv('mmlu.csv', 'id,answer,grade\nm1,x,correct\nm2,y,incorrect\n');
    const b = await importCsv('gsm.csv', 'id,answer,grade\ng1,x,correct\n');
    const page = await handlers['items/matrix']({ runIds: [a, b], offset: 0, limit: 50 });
    expect(page).toMatchObject({ total: 0, rows: [], counts: { shared: 0, inAll: 0, disagree: 0 } });
    expect(page.runs.map((run) => run.onlyHere)).toEqual([2, 1]);
  });

  it('validates at the edge: two runs or more, each once, a pair among them', async () => {
    const a = await importCsv('a.csv', 'id,answer,grade\nk,x,correct\n');
    const b = await importCsv('b.csv', 'id,answer,grade\nk,x,incorrect\n');
    const ask = (payload: Record<string, unknown>) => dispatch(handlers, 'items/matrix', { offset: 0, limit: 10, ...payload });
    expect(await ask({ runIds: [a] })).toMatchObject({ ok: false, error: { code: 'invalid-request', field: 'runIds' } });
    expect(await ask({ runIds: [a, a] })).toMatchObject({ ok: false, error: { field: 'runIds' } });
    expect(await ask({ runIds: [a, b], a, b: a })).toMatchObject({ ok: false, error: { field: 'b' } });
    expect(await ask({ runIds: [a, b], a, b: 999 })).toMatchObject({ ok: false, error: { field: 'a' } });
    expect(await ask({ runIds: [a, 999] })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await ask({ runIds: [a, b], filter: 'pair-disagree' })).toMatchObject({ ok: true, value: { total: 1 } });
  });
});
