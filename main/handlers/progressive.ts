// Results of background jobs that publish in two steps: every point estimate
// first, then the same with its bootstrap intervals. A view asks for the
// result right after starting the job and gets the points the moment they
// exist; it asks again when the job is done and gets everything.
import { HandlerError, notFound } from './errors.ts';
import type { JobRegistry } from './jobs.ts';

/** Finished results kept for a late reader, oldest dropped first. */
const KEEP = 16;

interface Entry<T> {
  latest: T | null;
  /** resolves when something new is published or the job ends */
  changed: Promise<void>;
  wake: () => void;
}

export class ProgressiveResults<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(private readonly jobs: JobRegistry) {}

  /** Registers a job (call before it can publish). */
  open(jobId: string): void {
    this.entries.set(jobId, this.entry(null));
    for (const key of this.entries.keys()) {
      if (this.entries.size <= KEEP) break;
      this.entries.delete(key);
    }
  }

  publish(jobId: string, value: T): void {
    const entry = this.entries.get(jobId);
    if (!entry) return;
    entry.latest = value;
    const wake = entry.wake;
    Object.assign(entry, this.entry(value));
    wake();
  }

  /** Wakes readers waiting on a job that ended without publishing (failed, cancelled). */
  ended(jobId: string): void {
    this.entries.get(jobId)?.wake();
  }

  /**
   * The job's latest result: the points while it runs (waiting for them if
   * need be), everything once it is done; its error if it failed first.
   */
  async get(jobId: string, what: string): Promise<T> {
    for (;;) {
      const job = this.jobs.get(jobId);
      if (!job) throw notFound('job', jobId);
      const entry = this.entries.get(jobId);
      if (job.state === 'failed') throw new HandlerError(job.error?.code ?? 'failed', job.error?.message ?? `the ${what} failed`);
      if (entry?.latest) return entry.latest;
      if (job.state === 'cancelled') throw new HandlerError('cancelled', `the ${what} was cancelled`);
      if (!entry) throw notFound(`${what} result`, jobId);
      if (job.state === 'done') throw notFound(`${what} result`, jobId);
      await entry.changed;
    }
  }

  private entry(latest: T | null): Entry<T> {
    let wake = () => {};
    const changed = new Promise<void>((resolve) => (wake = resolve));
    return { latest, changed, wake };
  }
}
