// The results cache through the verbs: a second visit (calibration/start,
// recalibration/start, rubrics/compare, rubrics/bounds) is read, not
// computed; what is read equals what a fresh computation gives, intervals
// included; a label recomputes exactly the results that read its run; a
// report finds what the app computed, and --check still recomputes.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CalibrationAnalysis } from '../../../shared/api/calibration.ts';
import { calibrationSchemas, resolveCalibrationSettings } from '../../../shared/api/calibration.ts';
import { computeClient } from '../../../main/compute/client.ts';
import type { Handlers } from '../../../main/handlers/index.ts';
import { JobRegistry } from '../../../main/handlers/jobs.ts';
import { gatherReport } from '../../../main/report/gather.ts';
import { handlersForEachTest } from '../../support/handlers.ts';
import { Store } from '../../../main/store/store.ts';
import { fixture } from '../import/helpers.ts';

let store: Store;
let jobs: JobRegistry;
let handlers: Handlers;

const VERSION = '0.0.0-test';

handlersForEachTest((env) => ({ store, jobs, handlers } = env), { version: VERSION });
afterEach(() => {
  vi.restoreAllMocks();
});

/** A run of n items with confidences on a grid, right more often when more confident, and a training frequency. */
async function run(n: number, name: string, shift = 0): Promise<number> {
  const rows = ['id,answer,grade,confidence,training_frequency'];
  for (let i = 0; i < n; i++) {
    const c = ((i + shift) % 100) / 100;
    rows.push(`k${i},a,${(i * 7919 + shift) % 100 < 100 * c ? 'correct' : 'incorrect'},${c},${1 + (i % 4)}`);
  }
  const { jobId } = await handlers['import/start']({ sources: [{ kind: 'upload', name, text: rows.join('\n') }] });
  const job = await jobs.wait(jobId);
  return job.result![0]!.runIds[0]!;
}

async function startAndFinish(runIds: number[], settings = {}): Promise<{ first: CalibrationAnalysis; final: CalibrationAnalysis; cached: boolean }> {
  const { jobId, cached } = await handlers['calibration/start']({ runIds, settings });
  const first = await handlers['calibration/result']({ jobId });
  expect((await jobs.wait(jobId)).state).toBe('done');
  return { first, final: await handlers['calibration/result']({ jobId }), cached };
}

async function labelFirstItem(runId: number): Promise<void> {
  const itemId = store.items.list(runId, {}, 0, 1).rows[0]!.id;
  const outcome = store.items.list(runId, {}, 0, 1).rows[0]!.outcome === 'correct' ? 'incorrect' : 'correct';
  await handlers['labels/set']({ itemId, annotator: 'me', outcome });
}

const SETTINGS = { bootstrap: { resamples: 200 } };

describe('results cache through the verbs', () => {
  it('calibration: a second visit answers with every interval at once, computes nothing, and equals a fresh analysis', async () => {
    const runId = await run(3000, 'a.csv');
    const analyze = vi.spyOn(computeClient(), 'analyze');
    const visit = await startAndFinish([runId], SETTINGS);
    expect(analyze).toHaveBeenCalledTimes(1);
    expect(visit.final.runs[0]!.binned.ece.interval).not.toBeNull();

    const again = await startAndFinish([runId], SETTINGS);
    expect([visit.cached, again.cached]).toEqual([false, true]);
    expect(analyze).toHaveBeenCalledTimes(1);
    expect(again.first.intervalsPending).toBeUndefined();
    expect(again.first.pointsPending).toBeUndefined();
    expect(again.first).toEqual(visit.final);

    // The cached result is the one a fresh computation gives, bit for bit (same seed, same draws).
    analyze.mockRestore();
    const settings = resolveCalibrationSettings(SETTINGS);
    const { outcome, confidence } = store.items.outcomeColumns(runId);
    const fresh = await computeClient().analyze([{ runId, outcome, confidence }], settings);
    expect(again.first.runs[0]).toEqual(fresh.runs[0]);
    expect(again.first.runs[0]!.smooth!.curve!.lo).toEqual(fresh.runs[0]!.smooth!.curve!.lo);
  });

  it('calibration: the tab\'s choices for a run are kept in the database, per run, and checked on the way in', async () => {
    const a = await run(200, 'a.csv');
    const b = await run(200, 'b.csv', 1);
    expect(await handlers['calibration/view']({ runId: a })).toEqual({ view: null });
    const view = { mode: 'counts', bins: '15', binning: 'quantile', convention: 'netcal', interval: 'wilson', overlay: [b] };
    await handlers['calibration/save-view']({ runId: a, view });
    expect(await handlers['calibration/view']({ runId: a })).toEqual({ view });
    expect(await handlers['calibration/view']({ runId: b })).toEqual({ view: null });
    await expect(handlers['calibration/view']({ runId: 999 })).rejects.toThrow();
    // At the edge: only the view's own fields, as short strings.
    const edge = calibrationSchemas['calibration/save-view'];
    expect(edge.safeParse({ runId: a, view }).success).toBe(true);
    expect(edge.safeParse({ runId: a, view: { ...view, script: 'x' } }).success).toBe(false);
    expect(edge.safeParse({ runId: a, view: { mode: 'x'.repeat(33) } }).success).toBe(false);
  });

  it('calibration: settings that change the numbers are filed apart (seed, resamples, bins, convention)', async () => {
    const runId = await run(2000, 'a.csv');
    const analyze = vi.spyOn(computeClient(), 'analyze');
    await startAndFinish([runId], SETTINGS);
    for (const other of [{ bootstrap: { resamples: 200, seed: 1 } }, { bootstrap: { resamples: 150 } }, { ...SETTINGS, bins: 15 }, { ...SETTINGS, convention: 'netcal' as const }]) {
      const calls = analyze.mock.calls.length;
      await startAndFinish([runId], other);
      expect(analyze.mock.calls.length, JSON.stringify(other)).toBe(calls + 1);
    }
    // Defaults spelled out are the defaults: the same entry.
    const calls = analyze.mock.calls.length;
    await startAndFinish([runId], { ...SETTINGS, bins: 10, convention: 'sklearn' });
    expect(analyze.mock.calls.length).toBe(calls);
  });

  it('calibration: a label recomputes its run only; an overlay recomputes only the run labelled', async () => {
    const a = await run(2000, 'a.csv');
    const b = await run(2000, 'b.csv', 7);
    const analyze = vi.spyOn(computeClient(), 'analyze');
    const before = await startAndFinish([a, b], SETTINGS);
    expect(analyze).toHaveBeenCalledTimes(1);
    await labelFirstItem(a);

    const onlyB = await startAndFinish([b], SETTINGS);
    expect(analyze).toHaveBeenCalledTimes(1);
    expect(onlyB.final.runs[0]).toEqual(before.final.runs[1]);

    const both = await startAndFinish([a, b], SETTINGS);
    expect(analyze).toHaveBeenCalledTimes(2);
    expect(analyze.mock.calls[1]![0].map((r) => r.runId)).toEqual([a]);
    expect(both.final.runs.map((r) => r.runId)).toEqual([a, b]);
    expect(both.final.runs[1]).toEqual(before.final.runs[1]);
    expect(both.final.runs[0]!.accuracy).not.toBe(before.final.runs[0]!.accuracy);
  });

  it('recalibration: a second fit reads, Save uses the fit just made, a label refits', async () => {
    const runId = await run(3000, 'a.csv');
    const fit = vi.spyOn(computeClient(), 'recalibrationFit');
    const first = await handlers['recalibration/start']({ runId, method: 'isotonic', resamples: 100 });
    await jobs.wait(first.jobId);
    const done = await handlers['recalibration/result']({ jobId: first.jobId });
    expect(fit).toHaveBeenCalledTimes(1);

    const second = await handlers['recalibration/start']({ runId, method: 'isotonic', resamples: 100, folds: 5, seed: 0 });
    const shown = await handlers['recalibration/result']({ jobId: second.jobId });
    expect([first.cached, second.cached]).toEqual([false, true]);
    expect(shown.intervalsPending).toBeUndefined();
    expect(shown).toEqual(done);
    await handlers['recalibration/save']({ runId, method: 'isotonic', resamples: 100 });
    expect(fit).toHaveBeenCalledTimes(1);

    await labelFirstItem(runId);
    const third = await handlers['recalibration/start']({ runId, method: 'isotonic', resamples: 100 });
    await jobs.wait(third.jobId);
    expect(fit).toHaveBeenCalledTimes(2);
  });

  it('rubrics: the leaderboard and the bounds are read on a second visit; training frequencies are read once per run, labels or not', async () => {
    const a = await run(2000, 'a.csv');
    const b = await run(2000, 'b.csv', 3);
    const task = vi.spyOn(computeClient(), 'task');
    const frequency = vi.spyOn(store.items, 'frequencyColumnInSlices');
    const tasksNamed = (name: string) => task.mock.calls.filter(([n]) => n === name).length;

    const compared = await handlers['rubrics/compare']({ runIds: [a, b], resamples: 100 });
    expect(await handlers['rubrics/compare']({ runIds: [a, b], resamples: 100 })).toEqual(compared);
    await handlers['rubrics/compare']({ runIds: [b], resamples: 100 });
    expect(tasksNamed('rubrics/compare')).toBe(2);

    const bounds = await handlers['rubrics/bounds']({ runId: a });
    expect(bounds.singleton?.column).toBe('training_frequency');
    expect(await handlers['rubrics/bounds']({ runId: a })).toEqual(bounds);
    await handlers['rubrics/bounds']({ runId: a, trainingSize: 100_000 });
    expect(tasksNamed('rubrics/bounds')).toBe(2);

    // The policy gaps: a pass over every item, read on a second visit, filed apart by target.
    const columnsRead = vi.spyOn(store.items, 'columns');
    const gaps = await handlers['rubrics/gaps']({ runId: a, t: 0.75, limit: 20 });
    const reads = columnsRead.mock.calls.length;
    expect(reads).toBeGreaterThan(0);
    expect(await handlers['rubrics/gaps']({ runId: a, t: 0.75, limit: 20 })).toEqual(gaps);
    expect(columnsRead.mock.calls.length).toBe(reads);
    expect((await handlers['rubrics/gaps']({ runId: a, t: 0.5, limit: 20 })).t).toBe(0.5);
    expect(columnsRead.mock.calls.length).toBeGreaterThan(reads);
    expect(store.results.kindsFor(a).filter((kind) => kind === 'rubrics-gaps/1')).toHaveLength(2);

    // A label on a: the comparisons that read a and a's bounds are computed again; b alone is not.
    await labelFirstItem(a);
    await handlers['rubrics/compare']({ runIds: [b], resamples: 100 });
    expect(tasksNamed('rubrics/compare')).toBe(2);
    await handlers['rubrics/compare']({ runIds: [a, b], resamples: 100 });
    expect(tasksNamed('rubrics/compare')).toBe(3);
    await handlers['rubrics/bounds']({ runId: a });
    expect(tasksNamed('rubrics/bounds')).toBe(3);
    expect(store.results.kindsFor(a)).not.toContain('rubrics-gaps/1');
    expect(frequency).toHaveBeenCalledTimes(1);
  });

  it('partial grades and run edits: +partial= is a key of its own, a label on a partial item recomputes it, a rename refiles, a deleted run\'s results go', async () => {
    const { jobId } = await handlers['import/start']({ sources: [{ kind: 'path', path: fixture('formats', 'inspect', 'synthetic.json') }] });
    const runId = (await jobs.wait(jobId)).result![0]!.runIds[0]!;
    const other = await run(500, 'b.csv');
    const task = vi.spyOn(computeClient(), 'task');
    const compares = () => task.mock.calls.filter(([n]) => n === 'rubrics/compare').length;
    const scores = async (spec: string) => (await handlers['rubrics/compare']({ runIds: [runId], specs: [spec], resamples: 50 })).leaderboard.rows[0]!.cells[0]!.score;

    // 4 graded: 2 correct, 1 partial (incorrect unless the rubric says), 1 abstained.
    expect(await scores('binary')).toBe(0.5);
    expect(await scores('binary+partial=credit:0.5')).toBe(0.625);
    expect(compares()).toBe(2);
    expect(await scores('binary+partial=credit:0.5')).toBe(0.625);
    expect(compares()).toBe(2);

    // A human label on the partial item: no longer partial, so the credit no longer applies.
    const partialItem = (await handlers['items/list']({ runId, offset: 0, limit: 10 })).rows.find((row) => row.partial)!;
    await handlers['labels/set']({ itemId: partialItem.id, annotator: 'ada', outcome: 'incorrect' });
    expect(await scores('binary+partial=credit:0.5')).toBe(0.5);
    expect(compares()).toBe(3);
    // Its abstention kind changed, the outcome not: what read the run is computed again too.
    const abstained = (await handlers['items/list']({ runId, offset: 0, limit: 10 })).rows.find((row) => row.outcome === 'abstained')!;
    await handlers['labels/set']({ itemId: abstained.id, annotator: 'ada', outcome: 'abstained', abstentionKind: 'dont-know' });
    expect(await scores('binary+partial=credit:0.5')).toBe(0.5);
    expect(compares()).toBe(4);
    await handlers['labels/set']({ itemId: abstained.id, annotator: 'ada', outcome: 'abstained', abstentionKind: 'refusal' });
    expect(store.results.kindsFor(runId)).not.toContain('rubrics-compare/1');
    expect(await scores('binary+partial=credit:0.5')).toBe(0.5);
    expect(compares()).toBe(5);

    // A rename: the leaderboard's rows carry the name, so it is filed anew.
    await handlers['runs/update']({ runId, name: 'renamed' });
    const renamed = await handlers['rubrics/compare']({ runIds: [runId], specs: ['binary+partial=credit:0.5'], resamples: 50 });
    expect(renamed.leaderboard.rows[0]!.name).toBe('renamed');
    expect(compares()).toBe(6);

    // Deleting the run drops what read it, alone or beside another run, and nothing else.
    await handlers['rubrics/compare']({ runIds: [runId, other], specs: ['binary'], resamples: 50 });
    await handlers['rubrics/compare']({ runIds: [other], specs: ['binary'], resamples: 50 });
    expect(store.results.kindsFor(runId).filter((kind) => kind.startsWith('rubrics-compare'))).toHaveLength(3);
    await handlers['runs/delete']({ runId });
    expect(store.results.kindsFor(runId)).toEqual([]);
    expect(store.results.kindsFor(other)).toEqual(['run-tally/1', 'rubrics-compare/1']);
    expect(store.results.usage().entries).toBe(2);
  });

  it('a report after the app reads the app\'s leaderboard; a second report reads everything; --check computes afresh', async () => {
    const runId = await run(3000, 'a.csv');
    const task = vi.spyOn(computeClient(), 'task');
    const tasksNamed = (name: string) => task.mock.calls.filter(([n]) => n === name).length;
    const columns = vi.spyOn(store.items, 'outcomeColumnsInSlices');
    // The Rubrics tab, as the app asks (saved rubrics: the defaults, which are also the report's).
    await handlers['rubrics/compare']({ runIds: [runId] });
    expect(tasksNamed('rubrics/compare')).toBe(1);

    const options = { candorVersion: VERSION, database: null, now: new Date('2030-01-01T00:00:00Z') };
    const first = await gatherReport(store, [runId], options);
    expect(tasksNamed('rubrics/compare')).toBe(1);
    expect(tasksNamed('report/run')).toBe(1);
    expect(columns).toHaveBeenCalledTimes(1);

    const second = await gatherReport(store, [runId], options);
    expect(second).toEqual(first);
    expect(tasksNamed('report/run')).toBe(1);
    expect(columns).toHaveBeenCalledTimes(1);

    const fresh = await gatherReport(store, [runId], { ...options, fresh: true });
    expect(fresh).toEqual(first);
    expect(tasksNamed('report/run')).toBe(2);
    expect(tasksNamed('rubrics/compare')).toBe(2);

    // A label: the report computes again, and says what the label changed.
    await labelFirstItem(runId);
    const third = await gatherReport(store, [runId], options);
    expect(tasksNamed('report/run')).toBe(3);
    expect(third.runs[0]!.metrics).not.toEqual(first.runs[0]!.metrics);
  });
});
