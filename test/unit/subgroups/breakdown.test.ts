// A breakdown by subject is the whole-run analysis recomputed per subject: the
// run's items split by subject, each subject imported as a run of its own and
// analysed by the same verbs with the same settings and seed, gives the
// breakdown's numbers, number for number, intervals included.
import { describe, expect, it } from 'vitest';
import type { CalibrationRunAnalysis } from '../../../shared/api/contract.ts';
import type { Handlers } from '../../../main/handlers/index.ts';
import { JobRegistry } from '../../../main/handlers/jobs.ts';
import { handlersForEachTest } from '../../support/handlers.ts';
import { HEADER, rows } from './dataset.ts';

let jobs: JobRegistry;
let handlers: Handlers;

handlersForEachTest((env) => ({ jobs, handlers } = env));

async function importCsv(name: string, lines: string[]): Promise<number> {
  const { jobId } = await handlers['import/start']({ sources: [{ kind: 'upload', name, text: [HEADER, ...lines].join('\n') }] });
  const job = await jobs.wait(jobId);
  expect(job.state).toBe('done');
  return job.result![0]!.runIds[0]!;
}

const SETTINGS = { bootstrap: { resamples: 300, smoothResamples: 40, seed: 7 } };
const RUBRICS = ['binary', 't=0.5', 't=0.75', 't=0.9'];

function withoutRunId(analysis: CalibrationRunAnalysis | null): Omit<CalibrationRunAnalysis, 'runId'> | null {
  if (!analysis) return null;
  const { runId: _runId, ...rest } = analysis;
  return rest;
}

describe('subgroup breakdown', () => {
  it('lists the fields the items carry, with their distinct values', async () => {
    const runId = await importCsv('subjects.csv', rows().map((r) => r.line));
    const { fields, items } = await handlers['subgroups/fields']({ runId });
    expect(items).toBe(455);
    // subject first (a preferred name), then difficulty; ids and question texts are no grouping.
    expect(fields.map((f) => f.path)).toEqual(['subject', 'difficulty']);
    expect(fields[0]).toMatchObject({ distinct: 4 });
    expect(fields[0]!.items).toBe(rows().filter((r) => r.subject !== '').length);
  });

  it('matches each subject analysed as a run of its own, number for number, intervals included', async () => {
    const all = rows();
    const runId = await importCsv('subjects.csv', all.map((r) => r.line));
    const { jobId } = await handlers['subgroups/start']({ runId, field: 'subject', settings: SETTINGS, rubrics: RUBRICS });
    const job = await jobs.wait(jobId);
    expect(job.error).toBeNull();
    const breakdown = await handlers['subgroups/result']({ jobId });
    expect(breakdown.intervalsPending).toBeUndefined();
    expect(breakdown.distinctValues).toBe(4);
    // Largest first; the items without a subject last, as a group of their own.
    expect(breakdown.groups.map((g) => g.label)).toEqual(['anatomy', 'college_physics', 'world_religions', 'easy', '(no value)']);
    expect(breakdown.groups.reduce((sum, g) => sum + g.items, 0)).toBe(all.length);

    for (const group of breakdown.groups) {
      const subset = all.filter((r) => r.subject === (group.kind === 'missing' ? '' : group.label)).map((r) => r.line);
      expect(subset.length).toBe(group.items);
      const alone = await importCsv(`${group.label}.csv`, subset);
      expect(group.metrics).toEqual(await handlers['runs/metrics']({ runId: alone }));
      const analysis = await handlers['calibration/analyze']({ runIds: [alone], settings: SETTINGS });
      expect(withoutRunId(group.analysis)).toEqual(withoutRunId(analysis.runs[0]!));
      const board = await handlers['rubrics/compare']({ runIds: [alone], specs: RUBRICS, resamples: SETTINGS.bootstrap.resamples, seed: SETTINGS.bootstrap.seed });
      const cells = board.leaderboard.rows[0]!.cells;
      expect(group.rubrics!.map((r) => [r.score, r.lo, r.hi])).toEqual(cells.map((c) => [c.score, c.lo, c.hi]));
    }
    // Not vacuous: intervals were drawn, and the subjects differ.
    const anatomy = breakdown.groups[0]!.analysis!;
    expect(anatomy.binned.ece.interval).not.toBeNull();
    expect(anatomy.resamples.main).toBe(300);
    expect(breakdown.groups[3]!.analysis!.auroc.value).toBeNull(); // all correct: undefined, not a number
    expect(breakdown.groups[0]!.metrics.accuracy).not.toBe(breakdown.groups[3]!.metrics.accuracy);
  });

  it('merges the values beyond the largest into one "other" group, and refuses a field no item has', async () => {
    const lines = Array.from({ length: 120 }, (_, i) => `q${i},question,answer,${i % 3 ? 'correct' : 'incorrect'},${(i % 10) / 10 + 0.05},s${i % 60},x`);
    const runId = await importCsv('many.csv', lines);
    const { jobId } = await handlers['subgroups/start']({ runId, field: 'subject', settings: { bootstrap: { resamples: 0 } } });
    await jobs.wait(jobId);
    const breakdown = await handlers['subgroups/result']({ jobId });
    expect(breakdown.distinctValues).toBe(60);
    expect(breakdown.groups).toHaveLength(51);
    expect(breakdown.groups[50]).toMatchObject({ kind: 'other', values: 10, items: 20, label: 'other (10 values)' });
    const missing = await handlers['subgroups/start']({ runId, field: 'no_such_field' });
    const failed = await jobs.wait(missing.jobId);
    expect(failed.state).toBe('failed');
    expect(failed.error?.code).toBe('no-such-field');
  });
});
