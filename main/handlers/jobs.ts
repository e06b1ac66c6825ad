import { randomUUID } from 'node:crypto';
import type { Job } from '../../shared/api/contract.ts';
import type { ApiError } from '../../shared/domain.ts';
import { toApiError } from './errors.ts';

export interface JobControl {
  signal: AbortSignal;
  progress(done: number, total: number | null, message: string): void;
}

/** How long a finished job stays readable, so a poller always sees its end. */
const KEEP_FINISHED_MS = 10 * 60 * 1000;

/**
 * Background work with progress and cancel. Both transports poll `jobs/get`,
 * so IPC and HTTP behave the same and no push channel is needed.
 */
export class JobRegistry {
  private readonly jobs = new Map<string, { job: Job; controller: AbortController; finishedAt: number | null }>();
  private readonly onChange: ((job: Job) => void) | undefined;

  constructor(onChange?: (job: Job) => void) {
    this.onChange = onChange;
  }

  start(kind: Job['kind'], message: string, work: (control: JobControl) => Promise<Job['result']>): Job {
    this.prune();
    const controller = new AbortController();
    const job: Job = { id: randomUUID(), kind, state: 'running', done: 0, total: null, message, result: null, error: null };
    const entry = { job, controller, finishedAt: null as number | null };
    this.jobs.set(job.id, entry);
    const finish = (patch: Partial<Job>) => {
      Object.assign(job, patch);
      entry.finishedAt = Date.now();
      this.onChange?.(job);
    };
    const control: JobControl = {
      signal: controller.signal,
      progress: (done, total, text) => {
        job.done = done;
        job.total = total;
        job.message = text;
      },
    };
    // Started on the next turn so the caller gets the job id before any work runs.
    setImmediate(() => {
      work(control).then(
        (result) => finish({ state: controller.signal.aborted ? 'cancelled' : 'done', result, message: 'done' }),
        (error: unknown) => {
          const apiError: ApiError = toApiError(error);
          // Work done before the failure (files imported before a bad one) is reported with it.
          const completed = (error as { completed?: Job['result'] } | null)?.completed ?? null;
          if (controller.signal.aborted) finish({ state: 'cancelled', message: 'cancelled', error: null, result: completed });
          else finish({ state: 'failed', error: apiError, message: apiError.message, result: completed });
        },
      );
    });
    return { ...job };
  }

  get(id: string): Job | null {
    const entry = this.jobs.get(id);
    return entry ? { ...entry.job } : null;
  }

  cancel(id: string): Job | null {
    const entry = this.jobs.get(id);
    if (!entry) return null;
    if (entry.job.state === 'running') entry.controller.abort();
    return { ...entry.job };
  }

  /** Resolves when the job has finished (for the CLI and tests). */
  async wait(id: string, pollMs = 10): Promise<Job> {
    for (;;) {
      const job = this.get(id);
      if (!job) throw new Error(`no job ${id}`);
      if (job.state !== 'running') return job;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  private prune(): void {
    const now = Date.now();
    for (const [id, entry] of this.jobs) {
      if (entry.finishedAt !== null && now - entry.finishedAt > KEEP_FINISHED_MS) this.jobs.delete(id);
    }
  }
}
