// A background job whose result comes in stages (main/handlers/progressive.ts):
// every point estimate first, then the same with its bootstrap intervals.
// Starts the job when the key changes (cancelling the previous one), shows
// the points the moment the job has them, polls for the bootstrap's progress,
// fetches the whole result when it is done, and never puts an earlier stage
// over a later one of the same job. Used by the Calibration and Subgroups tabs.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Job } from '../../../shared/api/contract.ts';
import { ApiCallError, call } from '../api/client.ts';
import { describeError } from '../lib/errors.ts';

const POLL_MS = 120;

export interface JobSource<T> {
  /** Starts the job; `cached`: its whole result is in the results cache already. */
  start(): Promise<{ jobId: string; cached?: boolean }>;
  /** The job's result so far (the server waits for the points). */
  result(jobId: string): Promise<T>;
  /** 0 points pending, 1 intervals pending, 2 complete. */
  stage(value: T): number;
  /** What the progress line says until the job reports. */
  startMessage: string;
}

export interface ProgressiveJob<T> {
  value: T | null;
  /** the value shown belongs to an earlier key (the new job has no numbers yet) */
  stale: boolean;
  /** the running job (progress), null when idle */
  job: Job | null;
  error: string | null;
  cancelled: boolean;
  cancel: () => void;
}

type Shown<T> = { value: T; key: string } | null;

/** key null: nothing to run yet. The source is read when the key changes. */
export function useProgressiveJob<T>(key: string | null, source: JobSource<T>): ProgressiveJob<T> {
  const [shown, setShown] = useState<Shown<T>>(null);
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const current = useRef<string | null>(null);
  const latestSource = useRef(source);
  latestSource.current = source;

  useEffect(() => {
    setError(null);
    setCancelled(false);
    if (key === null) return;
    const { start, result, stage, startMessage } = latestSource.current;
    let live = true;
    let timer = 0;
    let pointsPending = true;
    const show = (value: T) => setShown((prev) => (prev?.key === key && stage(prev.value) > stage(value) ? prev : { value, key }));
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
            const points = await result(jobId);
            if (live) show(points);
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
        const done = await result(jobId);
        if (live) show(done);
      } catch (err) {
        if (live) {
          setJob(null);
          setError(describeError(err));
        }
      }
    };
    void (async () => {
      try {
        const { jobId, cached } = await start();
        if (!live) {
          void call('jobs/cancel', { jobId });
          return;
        }
        if (cached) {
          // Every interval is in the results cache: shown at once, with no progress to follow.
          const value = await result(jobId);
          if (live) show(value);
          return;
        }
        current.current = jobId;
        setJob({ id: jobId, kind: 'analysis', state: 'running', done: 0, total: null, message: startMessage, result: null, error: null });
        void poll(jobId);
        // The points, as soon as the job has them: the numbers and plots need no resample.
        const points = await result(jobId);
        if (stage(points) > 0) pointsPending = false;
        if (live) show(points);
      } catch (err) {
        // A cancel before the points arrived is the poll's to report.
        if (live && !(err instanceof ApiCallError && err.detail.code === 'cancelled')) setError(describeError(err));
      }
    })();
    return () => {
      live = false;
      window.clearTimeout(timer);
      // The key changed or the view closed: the old job is no longer wanted.
      if (current.current) void call('jobs/cancel', { jobId: current.current }).catch(() => undefined);
      current.current = null;
    };
  }, [key]);

  const cancel = useCallback(() => {
    if (current.current) void call('jobs/cancel', { jobId: current.current }).catch(() => undefined);
  }, []);

  return { value: shown?.value ?? null, stale: shown !== null && shown.key !== key, job, error, cancelled, cancel };
}
