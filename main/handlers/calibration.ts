import { resolveCalibrationSettings, type CalibrationAnalysis, type CalibrationSettingsInput } from '../../shared/api/calibration.ts';
import type { CALIBRATION_VERBS } from '../../shared/api/verbs/calibration.ts';
import { analysisWork } from '../compute/analysis.ts';
import { ComputeCancelled, ComputeRefused, computeClient, type AnalyzeOptions } from '../compute/client.ts';
import type { RunColumns } from '../compute/protocol.ts';
import { HandlerError } from './errors.ts';
import type { HandlerKit, HandlersOf } from './kit.ts';
import { ProgressiveResults } from './progressive.ts';

/**
 * Calibration analysis with explicit settings. The work runs in the compute
 * worker (main/compute), never on the main process's event loop. A started
 * analysis publishes every point estimate first and its intervals after:
 * calibration/result answers with the points as soon as they exist.
 */
export function calibrationHandlers(kit: HandlerKit): HandlersOf<(typeof CALIBRATION_VERBS)[number]> {
  const { jobs, columns, requireRun } = kit;
  const results = new ProgressiveResults<CalibrationAnalysis>(jobs);

  const runColumns = (runIds: number[]): RunColumns[] =>
    runIds.map((runId) => {
      requireRun(runId);
      const { outcome, confidence } = columns.get(runId);
      return { runId, outcome, confidence };
    });

  const analyze = async (runIds: number[], input: CalibrationSettingsInput | undefined, options: AnalyzeOptions = {}) => {
    const settings = resolveCalibrationSettings(input);
    try {
      return await computeClient().analyze(runColumns(runIds), settings, options);
    } catch (error) {
      // 'not-defined-for-data': these settings are refused for this data only (other runs may suit them).
      if (error instanceof ComputeRefused) throw new HandlerError(error.code === 'not-defined-for-data' ? error.code : 'invalid-settings', error.message);
      if (error instanceof ComputeCancelled) throw new HandlerError('cancelled', 'the analysis was cancelled');
      throw error;
    }
  };

  return {
    'calibration/analyze': async ({ runIds, settings }) => analyze(runIds, settings),
    'calibration/start': async ({ runIds, settings }) => {
      runColumns(runIds); // unknown runs fail now, not inside the job
      let jobId = '';
      const job = jobs.start('analysis', `analysing ${runIds.length} run${runIds.length === 1 ? '' : 's'}`, async (control) => {
        try {
          const value = await analyze(runIds, settings, {
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
      return { jobId };
    },
    'calibration/result': async ({ jobId }) => results.get(jobId, 'analysis'),
  };
}
