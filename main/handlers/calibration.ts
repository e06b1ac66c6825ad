import {
  resolveCalibrationSettings,
  type CalibrationAnalysis,
  type CalibrationRunAnalysis,
  type CalibrationSettings,
  type CalibrationSettingsInput,
  type StoredCalibrationView,
} from '../../shared/api/calibration.ts';
import type { RunSummary } from '../../shared/domain.ts';
import type { CALIBRATION_VERBS } from '../../shared/api/verbs/calibration.ts';
import { analysisWork } from '../compute/analysis.ts';
import { RESULT_KINDS } from '../compute/cached.ts';
import { ComputeCancelled, ComputeRefused, computeClient, type AnalyzeOptions } from '../compute/client.ts';
import type { RunColumns } from '../compute/protocol.ts';
import type { ResultKey } from '../store/results.ts';
import { HandlerError } from './errors.ts';
import type { HandlerKit, HandlersOf } from './kit.ts';
import { ProgressiveResults } from './progressive.ts';

/** Where a run's Calibration tab choices are kept: by id and file hash, so a later run given the same id does not inherit them. */
function viewKey(run: RunSummary): string {
  return `calibration.view.${run.id}.${run.sourceSha256.slice(0, 16)}`;
}

/**
 * Calibration analysis with explicit settings. The work runs in the compute
 * worker (main/compute), never on the main process's event loop. A started
 * analysis publishes every point estimate first and its intervals after:
 * calibration/result answers with the points as soon as they exist. Each
 * run's finished analysis is kept in the results cache: a second visit with
 * the same settings and labels is read, and only runs not cached are computed.
 */
export function calibrationHandlers(kit: HandlerKit): HandlersOf<(typeof CALIBRATION_VERBS)[number]> {
  const { jobs, columns, requireRun, store } = kit;
  const results = new ProgressiveResults<CalibrationAnalysis>(jobs);

  /** Each run's cache key (made before its columns are read) and its cached analysis, if any. */
  const lookup = (runIds: number[], settings: CalibrationSettings) =>
    runIds.map((runId) => {
      requireRun(runId);
      const key = kit.resultKey(RESULT_KINDS.calibrationRun, [runId], settings);
      return { runId, key, cached: store.results.get<CalibrationRunAnalysis>(key) };
    });

  const runColumns = (runIds: number[]): RunColumns[] =>
    runIds.map((runId) => {
      const { outcome, confidence } = columns.get(runId);
      return { runId, outcome, confidence, extracted: columns.extracted(runId) };
    });

  /** The analysis of the runs not in the cache, filed there when its intervals are in. */
  const analyze = async (wanted: ReturnType<typeof lookup>, settings: CalibrationSettings, options: AnalyzeOptions = {}): Promise<CalibrationAnalysis> => {
    const missing = wanted.filter((run) => run.cached === undefined);
    const cached = new Map(wanted.flatMap((run) => (run.cached === undefined ? [] : [[run.runId, run.cached] as const])));
    // Cached runs stand beside the computed ones, in the order asked.
    const merged = (computed: CalibrationAnalysis): CalibrationAnalysis => ({
      ...computed,
      runs: wanted.map((run) => cached.get(run.runId) ?? computed.runs.find((r) => r.runId === run.runId)!),
    });
    if (missing.length === 0) return { settings, runs: wanted.map((run) => run.cached!) };
    const keys = new Map<number, ResultKey | null>(missing.map((run) => [run.runId, run.key]));
    try {
      const computed = await computeClient().analyze(runColumns(missing.map((run) => run.runId)), settings, {
        ...options,
        ...(options.onQuickPoints ? { onQuickPoints: (quick: CalibrationAnalysis) => options.onQuickPoints!(merged(quick)) } : {}),
        ...(options.onPoints ? { onPoints: (points: CalibrationAnalysis) => options.onPoints!(merged(points)) } : {}),
      });
      for (const run of computed.runs) store.results.file(keys.get(run.runId) ?? null, run);
      return merged(computed);
    } catch (error) {
      // 'not-defined-for-data': these settings are refused for this data only (other runs may suit them).
      if (error instanceof ComputeRefused) throw new HandlerError(error.code === 'not-defined-for-data' ? error.code : 'invalid-settings', error.message);
      if (error instanceof ComputeCancelled) throw new HandlerError('cancelled', 'the analysis was cancelled');
      throw error;
    }
  };

  const resolve = (input: CalibrationSettingsInput | undefined) => resolveCalibrationSettings(input);

  return {
    'calibration/analyze': async ({ runIds, settings }) => {
      const resolved = resolve(settings);
      return analyze(lookup(runIds, resolved), resolved);
    },
    'calibration/start': async ({ runIds, settings }) => {
      const resolved = resolve(settings);
      // Unknown runs fail now, not inside the job; the cache is looked up now, before any label can land.
      const wanted = lookup(runIds, resolved);
      let jobId = '';
      const job = jobs.start('analysis', `analysing ${runIds.length} run${runIds.length === 1 ? '' : 's'}`, async (control) => {
        try {
          const value = await analyze(wanted, resolved, {
            signal: control.signal,
            onQuickPoints: (quick) => results.publish(jobId, { ...quick, intervalsPending: quick.settings.bootstrap.resamples > 0 }),
            onPoints: (points) => {
              results.publish(jobId, { ...points, intervalsPending: points.settings.bootstrap.resamples > 0 });
              // A total from here on says every point estimate is in (the view fetches them then).
              const total = points.runs.reduce((sum, run) => sum + analysisWork(run.n, points.settings), 0);
              control.progress(0, total, 'bootstrap: drawing the intervals');
            },
            onProgress: (done, total) => control.progress(done, total, `bootstrap: ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} resamples`),
          });
          results.publish(jobId, value);
          return null;
        } finally {
          // After the job's state is set (next turn): a waiting reader sees why it ended.
          setImmediate(() => results.ended(jobId));
        }
      });
      jobId = job.id;
      results.open(jobId);
      return { jobId, cached: wanted.every((run) => run.cached !== undefined) };
    },
    'calibration/result': async ({ jobId }) => results.get(jobId, 'analysis'),
    'calibration/view': async ({ runId }) => ({ view: store.settings.get<StoredCalibrationView>(viewKey(requireRun(runId))) }),
    'calibration/save-view': async ({ runId, view }) => {
      const key = viewKey(requireRun(runId));
      await store.whenWritable(() => store.settings.put(key, view));
      return { saved: true as const };
    },
  };
}
