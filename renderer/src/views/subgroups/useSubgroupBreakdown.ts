// Runs subgroups/start for the run and field: shows every group's point
// estimates the moment the job has them, polls the job for the bootstrap's
// progress, fetches the intervals when it is done, and cancels the previous
// job when the field or the labels change. The work happens in the main
// process's compute worker.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Job, SubgroupBreakdown } from '../../../../shared/api/contract.ts';
import { ApiCallError, call } from '../../api/client.ts';
import { describeError } from '../../lib/errors.ts';
import type { BreakdownInputs } from './useBreakdownInputs.ts';

const POLL_MS = 150;

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
  const [shown, setShown] = useState<{ breakdown: SubgroupBreakdown; key: string } | null>(null);
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<string | null>(null);
  const current = useRef<string | null>(null);
  const key = JSON.stringify({ runId, field, version, settings: inputs?.settings ?? null, rubrics: inputs?.rubrics ?? null });

  useEffect(() => {
    if (field === null || inputs === null) return;
    let live = true;
    let timer = 0;
    let pointsFetched = false;
    setError(null);
    // Never an earlier stage over a later one of the same breakdown.
    const show = (next: SubgroupBreakdown) =>
      setShown((prev) => (prev?.key === key && !prev.breakdown.intervalsPending && next.intervalsPending ? prev : { breakdown: next, key }));
    const poll = async (jobId: string) => {
      if (!live) return;
      try {
        const polled = await call('jobs/get', { jobId });
        if (!live) return;
        if (polled.state === 'running') {
          setJob(polled);
          // A total says every point estimate is in: fetch them once, while the intervals are drawn.
          if (!pointsFetched && polled.total !== null) {
            pointsFetched = true;
            const points = await call('subgroups/result', { jobId });
            if (live) show(points);
          }
          timer = window.setTimeout(() => void poll(jobId), POLL_MS);
          return;
        }
        setJob(null);
        current.current = null;
        if (polled.state === 'cancelled') return;
        const result = await call('subgroups/result', { jobId });
        if (live) show(result);
      } catch (err) {
        if (live) {
          setJob(null);
          setError(describeError(err));
        }
      }
    };
    void (async () => {
      try {
        const { settings, rubrics } = inputs;
        const { jobId } = await call('subgroups/start', { runId, field, settings, ...(rubrics.length > 0 ? { rubrics } : {}) });
        if (!live) {
          void call('jobs/cancel', { jobId });
          return;
        }
        current.current = jobId;
        setJob({ id: jobId, kind: 'analysis', state: 'running', done: 0, total: null, message: `reading each item's ${field}`, result: null, error: null });
        void poll(jobId);
      } catch (err) {
        if (live && !(err instanceof ApiCallError && err.detail.code === 'cancelled')) setError(describeError(err));
      }
    })();
    return () => {
      live = false;
      window.clearTimeout(timer);
      if (current.current) void call('jobs/cancel', { jobId: current.current }).catch(() => undefined);
      current.current = null;
    };
  }, [key, runId, field]);

  const cancel = useCallback(() => {
    if (current.current) void call('jobs/cancel', { jobId: current.current }).catch(() => undefined);
  }, []);

  return { breakdown: shown?.breakdown ?? null, stale: shown !== null && shown.key !== key, job, error, cancel };
}
