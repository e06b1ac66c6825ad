// Numbers first, intervals after: a started analysis or fit answers
// calibration/result (recalibration/result) with every point estimate while
// its bootstrap still runs, and with the intervals once it is done.
import { describe, expect, it } from 'vitest';
import type { Handlers } from '../../../main/handlers/index.ts';
import { JobRegistry } from '../../../main/handlers/jobs.ts';
import { handlersForEachTest } from '../../support/handlers.ts';

let jobs: JobRegistry;
let handlers: Handlers;

handlersForEachTest((env) => ({ jobs, handlers } = env));

/** A run of n items, confidence i/n, right when (i * 7919) % 100 < 100 * confidence. */
async function run(n: number): Promise<number> {
  const rows = ['id,answer,grade,confidence'];
  for (let i = 0; i < n; i++) {
    const c = (i % 1000) / 1000;
    rows.push(`k${i},a,${(i * 7919) % 100 < 100 * c ? 'correct' : 'incorrect'},${c}`);
  }
  const { jobId } = await handlers['import/start']({ sources: [{ kind: 'upload', name: 'run.csv', text: rows.join('\n') }] });
  const job = await jobs.wait(jobId);
  return job.result![0]!.runIds[0]!;
}

/** The job's result once every point estimate is in (the job's progress then has a total). */
async function allPoints(jobId: string) {
  while (jobs.get(jobId)!.state === 'running' && jobs.get(jobId)!.total === null) await new Promise((resolve) => setTimeout(resolve, 5));
  return handlers['calibration/result']({ jobId });
}

describe('progressive results', () => {
  it('calibration: the points while the bootstrap runs, then the same points with intervals', async () => {
    const runId = await run(20_000);
    const { jobId } = await handlers['calibration/start']({ runIds: [runId], settings: { bootstrap: { resamples: 3000 } } });
    const first = await handlers['calibration/result']({ jobId });
    expect(jobs.get(jobId)!.state).toBe('running');
    expect(first.intervalsPending).toBe(true);
    expect(first.runs[0]!.binned.ece.value).toBeGreaterThan(0);
    expect(first.runs[0]!.binned.ece.interval).toBeNull();
    // The very first answer may be the numbers that need no sort: the ones that do come with the next.
    if (first.pointsPending) expect(first.runs[0]!.auroc.value).toBeNull();
    const points = await allPoints(jobId);
    expect(points.pointsPending).toBeUndefined();
    expect(points.runs[0]!.auroc.value).toBeGreaterThan(0.5);
    expect((await jobs.wait(jobId)).state).toBe('done');
    const final = await handlers['calibration/result']({ jobId });
    expect(final.intervalsPending).toBeUndefined();
    expect(final.runs[0]!.binned.ece.value).toBe(first.runs[0]!.binned.ece.value);
    expect(final.runs[0]!.auroc.value).toBe(points.runs[0]!.auroc.value);
    expect(final.runs[0]!.binned.ece.interval).not.toBeNull();
  });

  it('calibration: a cancelled bootstrap keeps its points; a refused setting is the result\'s error', async () => {
    const runId = await run(20_000);
    const { jobId } = await handlers['calibration/start']({ runIds: [runId], settings: { bootstrap: { resamples: 50_000 } } });
    const first = await allPoints(jobId);
    await handlers['jobs/cancel']({ jobId });
    expect((await jobs.wait(jobId)).state).toBe('cancelled');
    expect(await handlers['calibration/result']({ jobId })).toEqual(first);
    const refused = await handlers['calibration/start']({ runIds: [runId], settings: { convention: 'relplot', binning: 'equal-mass' } });
    await expect(handlers['calibration/result']({ jobId: refused.jobId })).rejects.toMatchObject({ code: 'invalid-settings' });
  });

  it('recalibration: the map and the stated side first, then every point, the paired intervals after', async () => {
    const runId = await run(20_000);
    const { jobId } = await handlers['recalibration/start']({ runId, method: 'isotonic', resamples: 2000 });
    const first = await handlers['recalibration/result']({ jobId });
    expect(first.intervalsPending).toBe(true);
    expect(first.metrics.every((m) => m.before.value !== null)).toBe(true);
    expect(first.binsBefore.length).toBe(10);
    expect(first.curve.x.length).toBeGreaterThan(0);
    // The cross-fitted side may not be in yet: then it says so, and holds no number.
    if (first.afterPending) {
      expect(first.metrics.every((m) => m.after.value === null && m.change.value === null)).toBe(true);
      expect(first.binsAfter).toEqual([]);
      expect(first.rescoring.rows.every((row) => row.recalibrated === null && row.stated !== null)).toBe(true);
    }
    // A total says every point is in.
    while (jobs.get(jobId)!.state === 'running' && jobs.get(jobId)!.total === null) await new Promise((resolve) => setTimeout(resolve, 5));
    const points = await handlers['recalibration/result']({ jobId });
    expect(points.afterPending).toBeUndefined();
    expect(points.metrics.every((m) => m.after.value !== null)).toBe(true);
    await jobs.wait(jobId);
    const final = await handlers['recalibration/result']({ jobId });
    expect(final.params).toEqual(first.params);
    expect(final.binsBefore).toEqual(first.binsBefore);
    expect(final.rescoring.rows.map((row) => row.stated)).toEqual(first.rescoring.rows.map((row) => row.stated));
    for (const m of final.metrics) {
      expect(m.before.value).toBe(first.metrics.find((x) => x.metric === m.metric)!.before.value);
      expect(m.after.value).toBe(points.metrics.find((x) => x.metric === m.metric)!.after.value);
      expect(m.after.lo! <= m.after.value! && m.after.value! <= m.after.hi!).toBe(true);
    }
  });
});
