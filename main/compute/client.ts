// The main process's side of the compute worker: a small pool (one worker per
// concurrent analysis, idle ones kept for reuse), progress callbacks and
// cancellation through a shared flag.
import { Worker } from 'node:worker_threads';
import type { CalibrationAnalysis, CalibrationSettings } from '../../shared/api/calibration.ts';
import type { BinningOptions } from '../../shared/metrics/binning.ts';
import type { CalibrationData } from '../../shared/metrics/calibration-data.ts';
import { extractCalibrationData } from '../../shared/metrics/calibration-data.ts';
import { analysisWork } from './analysis.ts';
import { panelFromDraws, type PanelDraws, type PanelIntervals } from './bootstrap-panel.ts';
import type { FromWorker, RunColumns, ToWorker } from './protocol.ts';
import type { TaskInput, TaskName, TaskOutput } from './tasks.ts';
import { workerEntry } from '../workers/entry.ts';

/** The compute worker's entry: its TypeScript source (tsx) or out/main/compute-worker.js (Electron build). */
export function computeWorkerEntry(here: string = import.meta.url): { entry: URL | string; eval: boolean } {
  return workerEntry(here, './worker.ts', 'compute-worker.js');
}

/** Below this many item draws a bootstrap is quick on one thread, and a second thread's start-up is not worth it. */
const PARALLEL_MIN_DRAWS = 20_000_000;

export class ComputeCancelled extends Error {
  constructor() {
    super('analysis cancelled');
    this.name = 'ComputeCancelled';
  }
}

/** A refusal from the engine (bad settings for the data), to be shown to the user as is. */
export class ComputeRefused extends Error {
  /** The engine's own code for the refusal, when it gave one. */
  readonly code: string;
  constructor(message: string, code = 'invalid-settings') {
    super(message);
    this.name = 'ComputeRefused';
    this.code = code;
  }
}

export interface ComputeOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Item draws from which an analysis splits its bootstrap over two threads (tests lower it). */
  parallelMinDraws?: number;
}

// One per core of the 2-core machines Candor targets: a split bootstrap reuses both without restarting a worker.
const MAX_IDLE = 2;

export class ComputeClient {
  private readonly idle: Worker[] = [];
  private readonly busy = new Set<Worker>();
  private nextId = 1;
  private closed = false;

  private take(): Worker {
    const reused = this.idle.pop();
    if (reused) return reused;
    const { entry, eval: isEval } = computeWorkerEntry();
    return new Worker(entry, { eval: isEval });
  }

  private release(worker: Worker): void {
    this.busy.delete(worker);
    if (this.closed || this.idle.length >= MAX_IDLE) {
      void worker.terminate();
      return;
    }
    // An idle worker must not keep the CLI or a test process alive.
    worker.unref();
    this.idle.push(worker);
  }

  /**
   * Analyses runs. A large panel bootstrap is drawn on two worker threads, each
   * half of the resamples (resample r depends only on the seed and r, so the
   * intervals are the ones one thread gives); the rest runs on one.
   */
  async analyze(runs: RunColumns[], settings: CalibrationSettings, options: ComputeOptions = {}): Promise<CalibrationAnalysis> {
    const { resamples } = settings.bootstrap;
    const draws = runs.reduce((sum, run) => sum + run.outcome.length, 0) * resamples;
    if (resamples < 2 || draws < (options.parallelMinDraws ?? PARALLEL_MIN_DRAWS)) {
      return this.request((id, cancel) => ({ type: 'analyze', id, runs, settings, cancel }), options) as Promise<CalibrationAnalysis>;
    }
    const calibrated = runs.map((run) => extractCalibrationData(run).p.length);
    const total = calibrated.reduce((sum, n) => sum + analysisWork(n, settings), 0) + runs.length;
    const done = new Map<string, number>();
    const report = (key: string) => (count: number) => {
      done.set(key, count);
      options.onProgress?.([...done.values()].reduce((a, b) => a + b, 0), total);
    };
    const panels: Array<PanelIntervals | null> = [];
    for (const [index, run] of runs.entries()) {
      // A run with nothing to calibrate has no bootstrap, as on one thread.
      if (calibrated[index] === 0) {
        panels.push(null);
        continue;
      }
      const half = Math.ceil(resamples / 2);
      const parts = (await Promise.all(
        [
          [0, half],
          [half, resamples],
        ].map(([from, to]) =>
          this.request((id, cancel) => ({ type: 'panel-draws', id, run, settings, from: from!, to: to!, cancel }), {
            signal: options.signal,
            onProgress: report(`${index}:${from}`),
          }),
        ),
      )) as PanelDraws[];
      const meshSize = parts.flatMap((part) => part.curves)[0]?.length ?? 0;
      panels.push(panelFromDraws(parts, settings, meshSize));
    }
    const analysis = (await this.request((id, cancel) => ({ type: 'analyze', id, runs, settings, cancel, panels }), {
      signal: options.signal,
    })) as CalibrationAnalysis;
    report('final')(runs.length);
    return analysis;
  }

  /** A named engine call (tasks.ts) in the worker. */
  task<N extends TaskName>(name: N, input: TaskInput<N>, options: ComputeOptions = {}): Promise<TaskOutput<N>> {
    return this.request((id) => ({ type: 'task', id, name, input }), options) as Promise<TaskOutput<N>>;
  }

  /** ECE of bootstrap resamples from..to-1 on one worker (parallel-bootstrap.ts splits a bootstrap into these). */
  eceResamples(
    data: CalibrationData,
    binning: BinningOptions,
    seed: number,
    from: number,
    to: number,
    options: ComputeOptions = {},
  ): Promise<{ values: Float64Array; estimate: number | null }> {
    return this.request((id, cancel) => ({ type: 'ece-resamples', id, p: data.p, y: data.y, binning, seed, from, to, cancel }), options) as Promise<{
      values: Float64Array;
      estimate: number | null;
    }>;
  }

  private request(build: (id: number, cancel: SharedArrayBuffer) => ToWorker, options: ComputeOptions): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('compute client closed'));
    if (options.signal?.aborted) return Promise.reject(new ComputeCancelled());
    const worker = this.take();
    worker.ref();
    this.busy.add(worker);
    const id = this.nextId++;
    const cancel = new SharedArrayBuffer(4);
    const flag = new Int32Array(cancel);
    return new Promise<unknown>((resolve, reject) => {
      const onAbort = () => Atomics.store(flag, 0, 1);
      const cleanup = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        options.signal?.removeEventListener('abort', onAbort);
      };
      const onMessage = (message: FromWorker) => {
        if (message.id !== id) return;
        if (message.type === 'progress') {
          options.onProgress?.(message.done, message.total);
          return;
        }
        cleanup();
        this.release(worker);
        if (message.type === 'result') resolve(message.value);
        else if (message.type === 'task-result') {
          if ('refused' in message.outcome) reject(new ComputeRefused(message.outcome.refused.message, message.outcome.refused.code));
          else resolve(message.outcome.value);
        } else if (message.type === 'draws') resolve(message.draws);
        else if (message.type === 'values') resolve({ values: message.values, estimate: message.estimate });
        else if (message.code === 'cancelled') reject(new ComputeCancelled());
        else if (message.code === 'invalid-settings' || message.code === 'not-defined-for-data') reject(new ComputeRefused(message.message, message.code));
        else reject(new Error(message.message));
      };
      const onError = (error: Error) => {
        cleanup();
        this.busy.delete(worker);
        reject(error);
      };
      const onExit = (code: number) => {
        cleanup();
        this.busy.delete(worker);
        reject(new Error(`compute worker exited with code ${code}`));
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      worker.postMessage(build(id, cancel));
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.idle, ...this.busy];
    this.idle.length = 0;
    await Promise.all(all.map((worker) => worker.terminate()));
  }
}

let shared: ComputeClient | null = null;

/** One client per process: handlers in app, serve and CLI share it. */
export function computeClient(): ComputeClient {
  shared ??= new ComputeClient();
  return shared;
}
