// Engine calls that can take seconds on large runs (bootstraps, cross-fits),
// run by name in the compute worker so the main process's event loop stays
// free. Each task is a pure function of structured-clonable input; a refusal
// meant for the user comes back as { refused } rather than as a crash.
import type { OutcomeColumns } from '../../shared/metrics/types.ts';
import type { AnalysisHooks } from './hooks.ts';
import { applyReport, fitReport, RecalibrationInputError, type MapParams, type RecalibrationMethod } from '../../shared/recalibration/index.ts';
import { bootstrapCounts, buildLeaderboard, thresholdSweep, type Rubric, type RunInput } from '../../shared/rubrics/index.ts';

export const TASKS = {
  /** The leaderboard and the sweep from one bootstrap (the sweep's bands reuse its replicates). */
  'rubrics/compare': (input: { runs: RunInput[]; rubrics: Rubric[]; resamples: number; seed: number }) => {
    const counts = bootstrapCounts(input.runs, { resamples: input.resamples, seed: input.seed }, 'all');
    return {
      leaderboard: buildLeaderboard(input.runs, { rubrics: input.rubrics }, counts),
      sweep: thresholdSweep(input.runs, {}, counts),
    };
  },
  'recalibration/fit': (input: { columns: OutcomeColumns; method: RecalibrationMethod; settings: Parameters<typeof fitReport>[2] }) =>
    fitReport(input.columns, input.method, input.settings),
  'recalibration/apply': (input: { columns: OutcomeColumns; params: MapParams; settings: Parameters<typeof applyReport>[2] }) =>
    applyReport(input.columns, input.params, input.settings),
} as const;

export type TaskName = keyof typeof TASKS;
export type TaskInput<N extends TaskName> = Parameters<(typeof TASKS)[N]>[0];
export type TaskOutput<N extends TaskName> = ReturnType<(typeof TASKS)[N]>;

/** What a task sends back: its value, or the user-facing refusal the engine raised. */
export type TaskOutcome<T> = { value: T } | { refused: { code: string; message: string } };

export function runTask<N extends TaskName>(name: N, input: TaskInput<N>, hooks: AnalysisHooks = {}): TaskOutcome<TaskOutput<N>> {
  try {
    const task = TASKS[name] as unknown as (input: TaskInput<N>, hooks: AnalysisHooks) => TaskOutput<N>;
    return { value: task(input, hooks) };
  } catch (error) {
    if (error instanceof RecalibrationInputError) return { refused: { code: error.code, message: error.message } };
    throw error;
  }
}
