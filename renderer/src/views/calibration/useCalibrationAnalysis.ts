// Runs calibration/start for the current runs and settings: shows every point
// estimate the moment the job has them (calibration/result waits for them),
// polls the job for the bootstrap's progress, fetches the intervals when it is
// done, and cancels the previous job when the settings change. The work
// happens in the main process's compute worker.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CalibrationAnalysis, CalibrationSettingsInput, Job } from '../../../../shared/api/contract.ts';
import { ApiCallError, call } from '../../api/client.ts';
import { describeError } from '../../lib/errors.ts';

const POLL_MS = 120;

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

type Shown = { analysis: CalibrationAnalysis; key: string } | null;

/** What to show when a result arrives: never an earlier stage over a later one of the same analysis. */
function newer(prev: Shown, next: CalibrationAnalysis, key: string): Shown {
  if (prev?.key === key) {
    const stage = (a: CalibrationAnalysis) => (a.pointsPending ? 0 : a.intervalsPending ? 1 : 2);
    if (stage(prev.analysis) > stage(next)) return prev;
  }
  return { analysis: next, key };
}

/** runIds null: nothing to analyse yet (the settings are not settled). */
export function useCalibrationAnalysis(runIds: number[] | null, settings: CalibrationSettingsInput, version: number): AnalysisState {
  const [shown, setShown] = useState<Shown>(null);
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const current = useRef<string | null>(null);
  const key = JSON.stringify({ runIds, settings, version });

  useEffect(() => {
    let live = true;
    let timer = 0;
    setError(null);
    setCancelled(false);
    const { runIds: ids, settings: s } = JSON.parse(key) as { runIds: number[] | null; settings: CalibrationSettingsInput };
    if (ids === null) return;
    let pointsPending = true;
    const poll = async (jobId: string) => {
      if (!live) return;
      try {
        const polled = await call('jobs/get', { jobId });
        if (!live) return;
        if (polled.state === 'running') {
          setJob(polled);
          // A total says every point estimate is in: fetch them once, while the intervals are drawn.
          if (pointsPending && polled.total !== null) {
            pointsPending = false;
            const points = await call('calibration/result', { jobId });
            if (live) setShown((prev) => newer(prev, points, key));
          }
          timer = window.setTimeout(() => void poll(jobId), POLL_MS);
          return;
        }
        setJob(null);
        current.current = null;
        if (polled.state === 'cancelled') {
          setCancelled(true);
          return;
        }
        const result = await call('calibration/result', { jobId });
        if (live) setShown({ analysis: result, key });
      } catch (err) {
        if (live) {
          setJob(null);
          setError(describeError(err));
        }
      }
    };
    void (async () => {
      try {
        const { jobId, cached } = await call('calibration/start', { runIds: ids, settings: s });
        if (!live) {
          void call('jobs/cancel', { jobId });
          return;
        }
        if (cached) {
          // Every interval is in the results cache: shown at once, with no progress to follow.
          const result = await call('calibration/result', { jobId });
          if (live) setShown({ analysis: result, key });
          return;
        }
        current.current = jobId;
        setJob({ id: jobId, kind: 'analysis', state: 'running', done: 0, total: null, message: 'starting the analysis', result: null, error: null });
        void poll(jobId);
        // The points, as soon as the job has them: the diagram and the numbers need no resample.
        const points = await call('calibration/result', { jobId });
        if (!points.pointsPending) pointsPending = false;
        if (live) setShown((prev) => newer(prev, points, key));
      } catch (err) {
        // A cancel before the points arrived is the poll's to report.
        if (live && !(err instanceof ApiCallError && err.detail.code === 'cancelled')) setError(describeError(err));
      }
    })();
    return () => {
      live = false;
      window.clearTimeout(timer);
      // Settings changed or the view closed: the old job is no longer wanted.
      if (current.current) void call('jobs/cancel', { jobId: current.current }).catch(() => undefined);
      current.current = null;
    };
  }, [key]);

  const cancel = useCallback(() => {
    if (current.current) void call('jobs/cancel', { jobId: current.current }).catch(() => undefined);
  }, []);

  return { analysis: shown?.analysis ?? null, stale: shown !== null && shown.key !== key, job, error, cancelled, cancel };
}
