import { describe, expect, it } from 'vitest';
import type { Handlers } from '../../../main/handlers/index.ts';
import { JobRegistry } from '../../../main/handlers/jobs.ts';
import { handlersForEachTest } from '../../support/handlers.ts';
import type { TempDir } from '../../support/temp.ts';
import { Store } from '../../../main/store/store.ts';

let store: Store;
let jobs: JobRegistry;
let handlers: Handlers;
let tmp: TempDir;
handlersForEachTest((env) => ({ store, jobs, handlers, temp: tmp } = env), { version: 't', demoPath: '/none' });

function csv(rows: number, prefix: string): string {
  return ['id,answer,grade', ...Array.from({ length: rows }, (_, i) => `${prefix}${i},a,correct`)].join('\n');
}

describe('imports', () => {
  // Before imports were queued, the second waited on the first's write lock
  // synchronously (blocking the loop the first needs) and failed as "database is locked".
  it('two started at once both land, one after the other', async () => {
    const big = tmp.file('big.csv', csv(60_000, 'b'));
    const small = tmp.file('small.csv', csv(10, 's'));
    const first = await handlers['import/start']({ sources: [{ kind: 'path', path: big }] });
    const second = await handlers['import/start']({ sources: [{ kind: 'path', path: small }] });
    const [a, b] = await Promise.all([jobs.wait(first.jobId), jobs.wait(second.jobId)]);
    expect([a.error, b.error]).toEqual([null, null]);
    expect([a.state, b.state]).toEqual(['done', 'done']);
    expect(store.runs.list().map((run) => [run.name, run.itemCount])).toEqual([
      ['big.csv', 60_000],
      ['small.csv', 10],
    ]);
  });

  it('a long-table file repeats each id once per model: that is one run per model, not a duplicate', async () => {
    const file = tmp.file('long.csv', 'id,model,answer,grade\nq1,m1,a,correct\nq1,m2,b,incorrect\nq2,m1,c,correct\n');
    const { jobId } = await handlers['import/start']({ sources: [{ kind: 'path', path: file }] });
    const job = await jobs.wait(jobId);
    expect(job.state).toBe('done');
    expect(store.runs.list().map((run) => [run.model, run.itemCount])).toEqual([
      ['m1', 2],
      ['m2', 1],
    ]);
    const again = tmp.file('dup.csv', 'id,model,answer,grade\nq1,m1,a,correct\nq1,m1,b,incorrect\n');
    const failed = await jobs.wait((await handlers['import/start']({ sources: [{ kind: 'path', path: again }] })).jobId);
    expect(failed.error?.message).toContain('dup.csv:3:id: duplicate id "q1", first used on line 2');
  });

  it('a failure on a later file reports the files imported before it', async () => {
    const good = tmp.file('good.csv', csv(5, 'g'));
    const bad = tmp.file('bad.csv', 'id,answer,grade\n1,a,perhaps\n');
    const { jobId } = await handlers['import/start']({ sources: [{ kind: 'path', path: good }, { kind: 'path', path: bad }] });
    const job = await jobs.wait(jobId);
    expect(job.state).toBe('failed');
    expect(job.error?.message).toContain('bad.csv:2:grade');
    expect(job.result?.map((file) => file.file)).toEqual([good]);
    expect(store.runs.list().map((run) => run.name)).toEqual(['good.csv']);
  });
});
