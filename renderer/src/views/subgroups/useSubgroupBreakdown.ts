// Runs subgroups/start for the run and field in the main process's compute
// worker, through useProgressiveJob: every group's point estimates shown the
// moment the job has them, the bootstrap's progress, the intervals when it is
// done, the previous job cancelled when the field or the labels change.
import type { Job, SubgroupBreakdown } from '../../../../shared/api/contract.ts';
import { call } from '../../api/client.ts';
import { useProgressiveJob } from '../../hooks/useProgressiveJob.ts';
import type { BreakdownInputs } from './useBreakdownInputs.ts';

export interface BreakdownState {
  breakdown: SubgroupBreakdown | null;
  /** the breakdown shown is of another field or older labels */
  stale: boolean;
  job: Job | null;
  error: string | null;
  cancel: () => void;
}

/** inputs null: not known yet, nothing is started (it would be of the defaults, then of the run's choices). */
export function useSubgroupBreakdown(runId: number, field: string | null, version: number, inputs: BreakdownInputs | null): BreakdownState {
  const key = field === null || inputs === null ? null : JSON.stringify({ runId, field, version, settings: inputs.settings, rubrics: inputs.rubrics });
  const { value, stale, job, error, cancel } = useProgressiveJob(key, {
    start: () => call('subgroups/start', { runId, field: field!, settings: inputs!.settings, ...(inputs!.rubrics.length > 0 ? { rubrics: inputs!.rubrics } : {}) }),
    result: (jobId) => call('subgroups/result', { jobId }),
    stage: (breakdown) => (breakdown.intervalsPending ? 1 : 2),
    startMessage: `reading each item's ${field}`,
  });
  return { breakdown: value, stale, job, error, cancel };
}
