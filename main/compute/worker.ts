// The compute worker's entry: runs analyses off the main process's event loop.
// Loaded from source under tsx (serve, vitest), as out/main/compute-worker.js
// in the Electron build and beside the CLI's bundle (scripts/build-cli.mjs).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort } from 'node:worker_threads';
import type { CalibrationAnalysis } from '../../shared/api/calibration.ts';
import { binLayout, NotDefinedForData } from '../../shared/metrics/binning.ts';
import { ComparisonCancelled } from '../../shared/recalibration/index.ts';
import { extractCalibrationData } from '../../shared/metrics/calibration-data.ts';
import { AnalysisCancelled, binningOf, completeAnalysis, quickPoints, type AnalysisHooks } from './analysis.ts';
import { panelDraws } from './bootstrap-panel.ts';
import type { FromWorker, PanelDrawsMessage, PointsMessage, TaskMessage, ToWorker } from './protocol.ts';
import { runTask } from './tasks.ts';

function post(message: FromWorker): void {
  parentPort!.postMessage(message);
}

function fail(id: number, error: unknown): void {
  if (error instanceof AnalysisCancelled || error instanceof ComparisonCancelled) post({ type: 'error', id, code: 'cancelled', message: 'cancelled' });
  else if (error instanceof NotDefinedForData) post({ type: 'error', id, code: 'not-defined-for-data', message: error.message });
  // The engine throws RangeError for settings it refuses (netcal's zero-width bins, equal-mass under torchmetrics, ...).
  else if (error instanceof RangeError) post({ type: 'error', id, code: 'invalid-settings', message: error.message });
  else post({ type: 'error', id, code: 'internal', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}

function hooksOf(id: number, cancel: SharedArrayBuffer): AnalysisHooks {
  const flag = new Int32Array(cancel);
  return {
    cancelled: () => Atomics.load(flag, 0) === 1,
    progress: (done, total) => post({ type: 'progress', id, done, total }),
    partial: (value) => post({ type: 'partial', id, value }),
  };
}

parentPort!.on('message', (message: ToWorker) => {
  if (message.type === 'task') task(message);
  else if (message.type === 'panel-draws') draws(message);
  else points(message);
});

function points(message: PointsMessage): void {
  const { id, runs, settings } = message;
  try {
    // Refuse bad settings for any run before computing the first one; each run's items are extracted once (4M items: 36 MB).
    const extracted = runs.map((run) => run.extracted ?? extractCalibrationData(run));
    for (const data of extracted) binLayout(data.p, binningOf(settings));
    // The numbers that need no sort first (the diagram and most of the panel), then the rest.
    const quick = runs.map((run, i) => quickPoints(run.runId, run, settings, extracted[i]));
    post({ type: 'points-quick', id, value: { settings, runs: quick.map((one) => one.points), pointsPending: true } });
    const prepared = quick.map((one) => completeAnalysis(one, settings, (bytes) => new SharedArrayBuffer(bytes)));
    const value: CalibrationAnalysis = { settings, runs: prepared.map((one) => one.points) };
    post({ type: 'points', id, value, inputs: prepared.map((one) => one.inputs) });
    if (extracted.reduce((sum, data) => sum + data.p.length, 0) >= COLLECT_AFTER_ITEMS) collectGarbage();
  } catch (error) {
    fail(id, error);
  }
}

/** Items from which the points leave enough dead arrays behind to be worth a collection (about 9 MB of them). */
const COLLECT_AFTER_ITEMS = 250_000;
let collect: (() => void) | null | undefined;

/**
 * A full collection, now. The points leave their typed arrays dead (the
 * packed items, the sort orders, Platt's logits: 150 MB at 4M items) and the
 * bootstrap that follows on this thread allocates almost nothing, so V8 would
 * not collect them for its whole length: they sat beside the resamples' own
 * memory (a 4M-item run peaked at 300-317 MiB). V8 exposes gc() only behind
 * a flag, set here as jest does for --logHeapUsage; where that fails, no
 * collection, as before.
 */
function collectGarbage(): void {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as () => void;
    } catch {
      collect = null;
    }
  }
  collect?.();
}

function draws(message: PanelDrawsMessage): void {
  try {
    const result = panelDraws(message.inputs, message.settings, message.from, message.to, hooksOf(message.id, message.cancel));
    post({ type: 'draws', id: message.id, draws: result });
  } catch (error) {
    fail(message.id, error);
  }
}

function task(message: TaskMessage): void {
  try {
    post({ type: 'task-result', id: message.id, outcome: runTask(message.name, message.input as never, hooksOf(message.id, message.cancel)) });
  } catch (error) {
    fail(message.id, error);
  }
}
