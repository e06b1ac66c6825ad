// The main process's side of the compute worker: a small pool (one worker per
// concurrent request, idle ones kept for reuse), progress callbacks and
// cancellation through a shared flag. Heavy results come in steps: the point
// estimates first (handed to the caller at once), then the bootstrap, split
// over two threads for large runs and put together here.
import { Worker } from 'node:worker_threads';
import type { CalibrationAnalysis, CalibrationRunAnalysis, CalibrationSettings } from '../../shared/api/calibration.ts';
import { withMetricIntervals, type ApplyReport, type FitReport, type MetricComparison, type ReportPoints } from '../../shared/recalibration/index.ts';
import { workerEntry } from '../workers/entry.ts';
import { analysisWork, withIntervals } from './analysis.ts';
import type { PanelDraws, PanelInputs } from './bootstrap-panel.ts';
import type { FromWorker, RunColumns, ToWorker } from './protocol.ts';
import type { TaskInput, TaskName, TaskOutput } from './tasks.ts';

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
  /** A first result before the request's own (the points that need no sort). */
  onPartial?: (value: unknown) => void;
}

export interface PointsOptions<P> extends ComputeOptions {
  /** Every point estimate, before any resample is drawn. */
  onPoints?: (points: P) => void;
  /** Item draws from which a bootstrap is split over two threads (tests lower it). */
  parallelMinDraws?: number;
}

export interface AnalyzeOptions extends PointsOptions<CalibrationAnalysis> {
  /** Runs whose bootstraps are drawn at once (each on its own worker); default 1 */
  runConcurrency?: number;
  /** The numbers that need no sort of the items (pointsPending), before all the points. */
  onQuickPoints?: (points: CalibrationAnalysis) => void;
}

/** Progress of work split across threads, as one count: each part reports under its own key. */
function summed(total: number, onProgress: ComputeOptions['onProgress']): (key: string) => (done: number) => void {
  const done = new Map<string, number>();
  return (key) => (count) => {
    done.set(key, count);
    onProgress?.([...done.values()].reduce((a, b) => a + b, 0), total);
  };
}

/** Resample ranges [from, to) for each thread, in order, as even as integers allow. */
export function splitResamples(resamples: number, threads: number): Array<[number, number]> {
  const parts = Math.max(1, Math.min(threads, resamples));
  const ranges: Array<[number, number]> = [];
  for (let t = 0; t < parts; t++) ranges.push([Math.floor((t * resamples) / parts), Math.floor(((t + 1) * resamples) / parts)]);
  return ranges;
}

// One per core of the 2-core machines Candor targets: a split bootstrap reuses both without restarting a worker.
const MAX_IDLE = 2;

export class ComputeClient {
  private readonly idle: Worker[] = [];
  private readonly busy = new Set<Worker>();
  private nextId = 1;
  private isClosed = false;

  get closed(): boolean {
    return this.isClosed;
  }

  private take(): Worker {
    const reused = this.idle.pop();
    if (reused) return reused;
    const { entry, eval: isEval } = computeWorkerEntry();
    return new Worker(entry, { eval: isEval });
  }

  /**
   * Starts a worker now, to be idle when the first request comes: a caller
   * with other work first (the CLI reading a file) overlaps the worker's
   * start-up (a thread and the engine's bundle) with it.
   */
  warm(): void {
    if (this.isClosed || this.idle.length > 0 || this.busy.size > 0) return;
    const { entry, eval: isEval } = computeWorkerEntry();
    const worker = new Worker(entry, { eval: isEval });
    worker.unref();
    this.idle.push(worker);
  }

  private release(worker: Worker): void {
    this.busy.delete(worker);
    if (this.isClosed || this.idle.length >= MAX_IDLE) {
      void worker.terminate();
      return;
    }
    // An idle worker must not keep the CLI or a test process alive.
    worker.unref();
    this.idle.push(worker);
  }

  /**
   * Analyses runs: every point estimate first (`onPoints` gets them at once),
   * then the bootstrap of each run. A large bootstrap is drawn on two worker
   * threads, each a contiguous half of the resamples: resample r depends only
   * on the seed and r, so the intervals are the ones one thread gives.
   */
  async analyze(runs: RunColumns[], settings: CalibrationSettings, options: AnalyzeOptions = {}): Promise<CalibrationAnalysis> {
    const quick = options.onQuickPoints;
    const { value: points, inputs } = (await this.request((id) => ({ type: 'points', id, runs, settings }), {
      signal: options.signal,
      ...(quick ? { onPartial: (value: unknown) => quick(value as CalibrationAnalysis) } : {}),
    })) as {
      value: CalibrationAnalysis;
      inputs: Array<PanelInputs | null>;
    };
    options.onPoints?.(points);
    const { resamples } = settings.bootstrap;
    if (resamples === 0) return points;
    const report = summed(
      points.runs.reduce((sum, run) => sum + analysisWork(run.n, settings), 0),
      options.onProgress,
    );
    const drawRun = async (index: number): Promise<CalibrationRunAnalysis> => {
      const point = points.runs[index]!;
      const shared = inputs[index];
      // A run with nothing to calibrate has no bootstrap.
      if (!shared) return point;
      const threads = point.n * resamples >= (options.parallelMinDraws ?? PARALLEL_MIN_DRAWS) ? 2 : 1;
      const parts = (await Promise.all(
        splitResamples(resamples, threads).map(([from, to]) =>
          this.request((id, cancel) => ({ type: 'panel-draws', id, inputs: shared, settings, from, to, cancel }), {
            signal: options.signal,
            onProgress: report(`${index}:${from}`),
          }),
        ),
      )) as PanelDraws[];
      return withIntervals(point, parts, settings);
    };
    // Runs one after another, or (runConcurrency) several at once: many small runs, such as a
    // breakdown's groups, each too small to split, keep both cores busy that way.
    const analysed: CalibrationRunAnalysis[] = new Array(points.runs.length);
    let next = 0;
    const lane = async () => {
      while (next < points.runs.length) {
        const index = next++;
        analysed[index] = await drawRun(index);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(options.runConcurrency ?? 1, points.runs.length)) }, lane));
    return { settings, runs: analysed };
  }

  /**
   * A recalibration fit, judged out of sample: the map and the stated side
   * (afterPending), then every number (onPoints gets both as they come),
   * then the metrics' paired bootstrap on both cores.
   */
  recalibrationFit(input: TaskInput<'recalibration/fit'>, options: PointsOptions<FitReport> = {}): Promise<FitReport> {
    const onPoints = options.onPoints;
    const task = this.task('recalibration/fit', input, { signal: options.signal, ...(onPoints ? { onPartial: (value: unknown) => onPoints(value as FitReport) } : {}) });
    // The points came as the task's second part: the task's result carries them again, not to be published twice.
    return this.withComparison(task, { ...options, onPoints: undefined });
  }

  /** A saved map applied to a run, the same way. */
  recalibrationApply(input: TaskInput<'recalibration/apply'>, options: PointsOptions<ApplyReport> = {}): Promise<ApplyReport> {
    return this.withComparison(this.task('recalibration/apply', input, { signal: options.signal }), options);
  }

  private async withComparison<R extends { metrics: MetricComparison[] }>(pending: Promise<ReportPoints<R>>, options: PointsOptions<R>): Promise<R> {
    const points = await pending;
    options.onPoints?.(points.report);
    const inputs = points.inputs;
    if (!inputs) return points.report;
    const { resamples, seed } = points.bootstrap;
    const threads = inputs.n * resamples >= (options.parallelMinDraws ?? PARALLEL_MIN_DRAWS) ? 2 : 1;
    const progress = summed(resamples, options.onProgress);
    const parts = await Promise.all(
      splitResamples(resamples, threads).map(([from, to]) =>
        this.task('recalibration/draws', { inputs, seed, from, to }, { signal: options.signal, onProgress: progress(String(from)) }),
      ),
    );
    return withMetricIntervals(points, parts);
  }

  /** A named engine call (tasks.ts) in the worker. */
  task<N extends TaskName>(name: N, input: TaskInput<N>, options: ComputeOptions = {}): Promise<TaskOutput<N>> {
    return this.request((id, cancel) => ({ type: 'task', id, name, input, cancel }), options) as Promise<TaskOutput<N>>;
  }

  private request(build: (id: number, cancel: SharedArrayBuffer) => ToWorker, options: ComputeOptions): Promise<unknown> {
    if (this.isClosed) return Promise.reject(new Error('compute client closed'));
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
        if (message.type === 'points-quick' || message.type === 'partial') {
          options.onPartial?.(message.value);
          return;
        }
        cleanup();
        this.release(worker);
        if (message.type === 'points') resolve({ value: message.value, inputs: message.inputs });
        else if (message.type === 'task-result') {
          if ('refused' in message.outcome) reject(new ComputeRefused(message.outcome.refused.message, message.outcome.refused.code));
          else resolve(message.outcome.value);
        } else if (message.type === 'draws') resolve(message.draws);
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
    this.isClosed = true;
    const all = [...this.idle, ...this.busy];
    this.idle.length = 0;
    await Promise.all(all.map((worker) => worker.terminate()));
  }
}

let shared: ComputeClient | null = null;

/** One client per process: handlers in app, serve and CLI share it (a new one once it was closed). */
export function computeClient(): ComputeClient {
  if (!shared || shared.closed) shared = new ComputeClient();
  return shared;
}
