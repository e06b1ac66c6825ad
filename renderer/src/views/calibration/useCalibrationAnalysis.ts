// Runs calibration/start for the current runs and settings in the main
// process's compute worker, through useProgressiveJob: every point estimate
// shown the moment the job has them, the bootstrap's progress, the intervals
// when it is done, the previous job cancelled when the settings change.
import type { CalibrationAnalysis, CalibrationSettingsInput, Job } from '../../../../shared/api/contract.ts';
import { call } from '../../api/client.ts';
import { useProgressiveJob } from '../../hooks/useProgressiveJob.ts';

export interface AnalysisState {
  analysis: CalibrationAnalysis | null;
  /** the analysis shown is of other settings or runs (the new one has no numbers yet) */
  stale: boolean;
  /** the running job (progress), null when idle */
  job: Job | null;
  error: string | null;
  cancelled: boolean;
  cancel: () => void;
}

/** runIds null: nothing to analyse yet (the settings are not settled). */
export function useCalibrationAnalysis(runIds: number[] | null, settings: CalibrationSettingsInput, version: number): AnalysisState {
  const key = runIds === null ? null : JSON.stringify({ runIds, settings, version });
  const { value, ...state } = useProgressiveJob(key, {
    start: () => call('calibration/start', { runIds: runIds!, settings }),
    result: (jobId) => call('calibration/result', { jobId }),
    stage: (analysis) => (analysis.pointsPending ? 0 : analysis.intervalsPending ? 1 : 2),
    startMessage: 'starting the analysis',
  });
  return { analysis: value, ...state };
}
