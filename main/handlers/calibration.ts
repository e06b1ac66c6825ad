import { resolveCalibrationSettings, type CalibrationAnalysis, type CalibrationSettingsInput } from '../../shared/api/calibration.ts';
import type { CALIBRATION_VERBS } from '../../shared/api/verbs/calibration.ts';
import { ComputeCancelled, ComputeRefused, computeClient, type ComputeOptions } from '../compute/client.ts';
import type { RunColumns } from '../compute/protocol.ts';
import { HandlerError, notFound } from './errors.ts';
import type { HandlerKit, HandlersOf } from './kit.ts';

/** Finished analyses kept for calibration/result, oldest dropped first. */
const KEEP_RESULTS = 16;

/**
 * Calibration analysis with explicit settings. The work runs in the compute
 * worker (main/compute), never on the main process's event loop.
 */
export function calibrationHandlers(kit: HandlerKit): HandlersOf<(typeof CALIBRATION_VERBS)[number]> {
  const { jobs, columns, requireRun } = kit;
  const results = new Map<string, CalibrationAnalysis>();

  const runColumns = (runIds: number[]): RunColumns[] =>
    runIds.map((runId) => {
      requireRun(runId);
      const { outcome, confidence } = columns.get(runId);
      return { runId, outcome, confidence };
    });

  const analyze = async (runIds: number[], input: CalibrationSettingsInput | undefined, options: ComputeOptions = {}) => {
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
        const value = await analyze(runIds, settings, {
          signal: control.signal,
          onProgress: (done, total) => control.progress(done, total, `bootstrap: ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} resamples`),
        });
        results.set(jobId, value);
        for (const key of results.keys()) {
          if (results.size <= KEEP_RESULTS) break;
          results.delete(key);
        }
        return null;
      });
      jobId = job.id;
      return { jobId };
    },
    'calibration/result': async ({ jobId }) => {
      const job = jobs.get(jobId);
      if (!job) throw notFound('job', jobId);
      if (job.state === 'running') throw new HandlerError('not-ready', 'the analysis is still running');
      if (job.state === 'cancelled') throw new HandlerError('cancelled', 'the analysis was cancelled');
      if (job.state === 'failed') throw new HandlerError(job.error?.code ?? 'failed', job.error?.message ?? 'the analysis failed');
      const value = results.get(jobId);
      if (!value) throw notFound('analysis result', jobId);
      return value;
    },
  };
}
