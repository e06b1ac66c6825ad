// The compute worker's entry: runs analyses off the main process's event loop.
// Loaded from source under tsx (serve, CLI, vitest) and as out/main/compute-worker.js in the Electron build.
import { parentPort } from 'node:worker_threads';
import type { CalibrationAnalysis } from '../../shared/api/calibration.ts';
import { binLayout, NotDefinedForData } from '../../shared/metrics/binning.ts';
import { EceResampler } from '../../shared/metrics/bootstrap.ts';
import { extractCalibrationData } from '../../shared/metrics/calibration-data.ts';
import { AnalysisCancelled, analysisWork, analyzeRun, binningOf, panelInputs } from './analysis.ts';
import { panelDraws } from './bootstrap-panel.ts';
import type { AnalyzeMessage, EceResamplesMessage, FromWorker, PanelDrawsMessage, TaskMessage, ToWorker } from './protocol.ts';
import { runTask } from './tasks.ts';

function post(message: FromWorker): void {
  parentPort!.postMessage(message);
}

/** Resamples between cancel checks and progress reports: a few hundred ms on a million items. */
const RESAMPLE_CHUNK = 25;

function eceResamples(message: EceResamplesMessage): void {
  const { id, seed, from, to } = message;
  const flag = new Int32Array(message.cancel);
  try {
    const resampler = new EceResampler({ p: message.p, y: message.y }, message.binning);
    const values = new Float64Array(resampler.n === 0 ? 0 : to - from);
    for (let r = from; r < to && resampler.n > 0; r += RESAMPLE_CHUNK) {
      if (Atomics.load(flag, 0) === 1) throw new AnalysisCancelled();
      const end = Math.min(to, r + RESAMPLE_CHUNK);
      values.set(resampler.values(seed, r, end), r - from);
      post({ type: 'progress', id, done: end - from, total: to - from });
    }
    post({ type: 'values', id, values, estimate: resampler.estimate });
  } catch (error) {
    fail(id, error);
  }
}

function fail(id: number, error: unknown): void {
  if (error instanceof AnalysisCancelled) post({ type: 'error', id, code: 'cancelled', message: 'cancelled' });
  else if (error instanceof NotDefinedForData) post({ type: 'error', id, code: 'not-defined-for-data', message: error.message });
  // The engine throws RangeError for settings it refuses (netcal's zero-width bins, equal-mass under torchmetrics, ...).
  else if (error instanceof RangeError) post({ type: 'error', id, code: 'invalid-settings', message: error.message });
  else post({ type: 'error', id, code: 'internal', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}

parentPort!.on('message', (message: ToWorker) => {
  if (message.type === 'ece-resamples') eceResamples(message);
  else if (message.type === 'task') task(message);
  else if (message.type === 'panel-draws') draws(message);
  else analyze(message);
});

function draws(message: PanelDrawsMessage): void {
  const flag = new Int32Array(message.cancel);
  try {
    const { data, layout, sigma, meshSize } = panelInputs(message.run, message.settings);
    const result = panelDraws(data, layout, message.settings, sigma, meshSize, message.from, message.to, {
      cancelled: () => Atomics.load(flag, 0) === 1,
      progress: (done, total) => post({ type: 'progress', id: message.id, done, total }),
    });
    post({ type: 'draws', id: message.id, draws: result });
  } catch (error) {
    fail(message.id, error);
  }
}

function task(message: TaskMessage): void {
  try {
    post({ type: 'task-result', id: message.id, outcome: runTask(message.name, message.input as never) });
  } catch (error) {
    fail(message.id, error);
  }
}

function analyze(message: AnalyzeMessage): void {
  const { id, runs, settings } = message;
  const flag = new Int32Array(message.cancel);
  const totals = runs.map((run) => analysisWork(run.outcome.length, settings));
  const total = totals.reduce((a, b) => a + b, 0);
  let before = 0;
  try {
    // Refuse bad settings for any run before bootstrapping the first one.
    for (const run of runs) binLayout(extractCalibrationData(run).p, binningOf(settings));
    const result: CalibrationAnalysis = { settings, runs: [] };
    for (let r = 0; r < runs.length; r++) {
      const run = runs[r]!;
      const offset = before;
      result.runs.push(
        analyzeRun(
          run.runId,
          { outcome: run.outcome, confidence: run.confidence },
          settings,
          {
            cancelled: () => Atomics.load(flag, 0) === 1,
            progress: (done) => post({ type: 'progress', id, done: offset + done, total }),
          },
          message.panels?.[r],
        ),
      );
      before += totals[r]!;
    }
    post({ type: 'result', id, value: result });
  } catch (error) {
    fail(id, error);
  }
}
