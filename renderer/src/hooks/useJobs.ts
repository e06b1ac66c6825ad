// Background jobs (imports) are polled until they settle. Jobs started by the
// native File menu arrive as ids and are tracked the same way.
import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../api/client.ts';
import { describeError } from '../lib/errors.ts';
import type { Job } from '../../../shared/api/contract.ts';

const POLL_MS = 150;

export interface JobCallbacks {
  onSettled: (job: Job) => void;
  onPollError: (message: string) => void;
}

export function useJobs(callbacks: JobCallbacks) {
  const [jobs, setJobs] = useState<Job[]>([]);
  const tracked = useRef(new Set<string>());
  const callbacksRef = useRef(callbacks);
  callbacksRef.current = callbacks;
  const alive = useRef(true);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const track = useCallback((jobId: string) => {
    if (tracked.current.has(jobId)) return;
    tracked.current.add(jobId);
    // Shown at once, so the progress bar appears before the first poll returns.
    const pending: Job = { id: jobId, kind: 'import', state: 'running', done: 0, total: null, message: 'Starting…', result: null, error: null };
    setJobs((list) => [...list.filter((j) => j.id !== jobId), pending]);
    const poll = async () => {
      if (!alive.current) return;
      let job: Job;
      try {
        job = await call('jobs/get', { jobId });
      } catch (error) {
        tracked.current.delete(jobId);
        setJobs((list) => list.filter((j) => j.id !== jobId));
        callbacksRef.current.onPollError(describeError(error));
        return;
      }
      if (!alive.current) return;
      if (job.state === 'running') {
        setJobs((list) => [...list.filter((j) => j.id !== jobId), job]);
        window.setTimeout(poll, POLL_MS);
        return;
      }
      tracked.current.delete(jobId);
      setJobs((list) => list.filter((j) => j.id !== jobId));
      callbacksRef.current.onSettled(job);
    };
    void poll();
  }, []);

  const cancel = useCallback(async (jobId: string) => {
    try {
      await call('jobs/cancel', { jobId });
    } catch (error) {
      callbacksRef.current.onPollError(describeError(error));
    }
  }, []);

  return { jobs, track, cancel };
}
