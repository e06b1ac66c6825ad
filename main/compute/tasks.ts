// Engine calls that can take seconds on large runs (bootstraps, cross-fits,
// report figures), run by name in the compute worker so the main process's
// event loop stays free; the app, browser mode, the CLI and reports all call
// these, so each number has one code path. Each task is a pure function of
// structured-clonable input; a refusal meant for the user comes back as
// { refused } rather than as a crash. Inputs a second thread will read
// (cells) are built on SharedArrayBuffers, so they cross without a copy.
import type { Allocate } from '../../shared/metrics/cells.ts';
import type { OutcomeColumns } from '../../shared/metrics/types.ts';
import type { ExtractedCalibrationData } from '../../shared/metrics/calibration-data.ts';
import {
  applyReportPoints,
  comparisonDraws,
  fitReportPoints,
  RecalibrationInputError,
  type ComparisonInputs,
  type MapParams,
  type RecalibrationMethod,
  type ReportSettings,
} from '../../shared/recalibration/index.ts';
import { bootstrapCounts, buildLeaderboard, iivAnalysis, singletonPanel, thresholdSweep, type Rubric, type BoundInputs, type RunInput } from '../../shared/rubrics/index.ts';
import type { AnalysisHooks } from './hooks.ts';
import { reportRunFigures, type ReportRunInput } from './report-run.ts';
import { groupRubricScores } from './subgroups-rubrics.ts';

const shared: Allocate = (bytes) => new SharedArrayBuffer(bytes);

export const TASKS = {
  /** The leaderboard and the sweep from one bootstrap (the sweep's bands reuse its replicates). */
  'rubrics/compare': (input: { runs: RunInput[]; rubrics: Rubric[]; resamples: number; seed: number; level?: number }) => {
    const bootstrap = { resamples: input.resamples, seed: input.seed, level: input.level ?? 0.95 };
    const counts = bootstrapCounts(input.runs, bootstrap, 'all');
    return {
      leaderboard: buildLeaderboard(input.runs, { ...bootstrap, rubrics: input.rubrics }, counts),
      sweep: thresholdSweep(input.runs, bootstrap, counts),
    };
  },
  /** Every number of a fit but the metrics' intervals (the map and the stated side first, as a partial), and the cells their bootstrap draws from. */
  'recalibration/fit': (input: { columns: OutcomeColumns; method: RecalibrationMethod; settings: ReportSettings; extracted?: ExtractedCalibrationData }, hooks: AnalysisHooks) =>
    fitReportPoints(input.columns, input.method, input.settings, shared, hooks.partial, input.extracted),
  'recalibration/apply': (input: { columns: OutcomeColumns; params: MapParams; settings: ReportSettings }) =>
    applyReportPoints(input.columns, input.params, input.settings, shared),
  /** Before/after metrics of resamples from..to-1: one thread's share of a comparison's bootstrap. */
  'recalibration/draws': (input: { inputs: ComparisonInputs; seed: number; from: number; to: number }, hooks: AnalysisHooks) =>
    comparisonDraws(input.inputs, input.seed, input.from, input.to, hooks),
  /** The Rubrics tab's bounds: the IIV analysis and, given training frequencies, the singleton panel. */
  'rubrics/bounds': (input: { columns: OutcomeColumns; frequency: Float64Array | null; bound: BoundInputs | undefined }) => ({
    iiv: iivAnalysis(input.columns),
    singleton: input.frequency ? singletonPanel(input.columns, input.frequency, input.bound ? { bound: input.bound } : {}) : null,
  }),
  /** A report's run section: metrics, bin intervals, the smooth curve's band, the singleton panel. */
  'report/run': (input: ReportRunInput, hooks: AnalysisHooks) => reportRunFigures(input, hooks),
  /** Each subgroup's rubric scores with intervals: a leaderboard of the group alone (main/compute/subgroups.ts). */
  'subgroups/rubrics': (input: { groups: OutcomeColumns[]; rubrics: Rubric[]; resamples: number; seed: number; level: number }) =>
    groupRubricScores(input.groups, input.rubrics, input),
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
