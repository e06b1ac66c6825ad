// What the app's verbs and the report share of the results cache
// (main/store/results.ts): the kinds of result, the settings each is filed
// under, and the per-run inputs kept there. One definition, so that a report
// finds what the Rubrics tab computed, and the reverse.
import { formatRubric, type Rubric } from '../../shared/rubrics/index.ts';
import { FREQUENCY_COLUMNS } from '../../shared/rubrics/frequency.ts';
import type { RunSummary } from '../../shared/domain.ts';
import type { KeyOptions, ResultKey } from '../store/results.ts';
import type { Store } from '../store/store.ts';

/**
 * Kinds of cached result, each with the version of the code that computes
 * it: change what a kind computes and bump its number, and results filed by
 * the old code are no longer found.
 */
export const RESULT_KINDS = {
  /** one run's calibration panel with its bootstrap intervals and smooth band (CalibrationRunAnalysis) */
  calibrationRun: 'calibration-run/1',
  /** a fitted map judged by cross-fitting, with paired intervals (FitReport) */
  recalibrationFit: 'recalibration-fit/1',
  /** a saved map applied to a run, with paired intervals (ApplyReport) */
  recalibrationApply: 'recalibration-apply/1',
  /** leaderboard and threshold sweep of runs under rubrics */
  rubricsCompare: 'rubrics-compare/1',
  /** the Rubrics tab's IIV analysis and singleton panel of one run */
  rubricsBounds: 'rubrics-bounds/1',
  /** the Rubrics tab's policy gaps of one run at one target, with the first items of each */
  rubricsGaps: 'rubrics-gaps/1',
  /** a report's computed run section and its most expensive errors */
  reportRun: 'report-run/1',
  /** a run's training-frequency column (reads no outcome) */
  trainingFrequency: 'training-frequency/1',
  /** a run's item positions in run order (reads no outcome) */
  runOrds: 'run-ords/1',
} as const;

/** Keys made for one version of Candor: a newer one computes afresh. */
export function resultKey(store: Store, candorVersion: string, kind: string, runIds: readonly number[], settings: unknown, options?: KeyOptions): ResultKey | null {
  return store.results.key(kind, runIds, { candor: candorVersion, settings }, options);
}

/**
 * What a leaderboard and sweep depend on besides the runs' outcomes: the
 * rubrics (canonical specs), the bootstrap, and the runs' names (the rows
 * carry them).
 */
export function compareSettings(runs: ReadonlyArray<Pick<RunSummary, 'name'>>, rubrics: readonly Rubric[], bootstrap: { resamples: number; seed: number; level?: number | undefined }) {
  return {
    names: runs.map((run) => run.name),
    rubrics: rubrics.map(formatRubric),
    resamples: bootstrap.resamples,
    seed: bootstrap.seed,
    level: bootstrap.level ?? 0.95,
  };
}

/**
 * A run's training frequencies (the first of FREQUENCY_COLUMNS among its
 * items' fields; null without one): read a slice of items at a time once,
 * then kept in the cache, since they never change after the import.
 */
export function trainingFrequency(store: Store, candorVersion: string, run: Pick<RunSummary, 'id'>): Promise<{ column: string; values: Float64Array } | null> {
  const key = resultKey(store, candorVersion, RESULT_KINDS.trainingFrequency, [run.id], { aliases: FREQUENCY_COLUMNS }, { outcomes: false });
  return store.results.remember(key, () => store.items.frequencyColumnInSlices(run.id, FREQUENCY_COLUMNS));
}

/** A run's item positions (ord) in run order, parallel to its outcome columns: read once, then kept in the cache. */
export function runOrds(store: Store, candorVersion: string, run: Pick<RunSummary, 'id'>): Promise<Float64Array> {
  const key = resultKey(store, candorVersion, RESULT_KINDS.runOrds, [run.id], {}, { outcomes: false });
  return store.results.remember(key, async () => Float64Array.from(await store.items.ordsInSlices(run.id)));
}
