// The compute worker's entry: runs analyses off the main process's event loop.
// Loaded from source under tsx (serve, CLI, vitest) and as out/main/compute-worker.js in the Electron build.
import { parentPort } from 'node:worker_threads';
import type { CalibrationAnalysis } from '../../shared/api/calibration.ts';
import { binLayout } from '../../shared/metrics/binning.ts';
import { extractCalibrationData } from '../../shared/metrics/calibration-data.ts';
import { AnalysisCancelled, analysisWork, analyzeRun, binningOf } from './analysis.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

function post(message: FromWorker): void {
  parentPort!.postMessage(message);
}

parentPort!.on('message', (message: ToWorker) => {
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
        analyzeRun(run.runId, { outcome: run.outcome, confidence: run.confidence }, settings, {
          cancelled: () => Atomics.load(flag, 0) === 1,
          progress: (done) => post({ type: 'progress', id, done: offset + done, total }),
        }),
      );
      before += totals[r]!;
    }
    post({ type: 'result', id, value: result });
  } catch (error) {
    if (error instanceof AnalysisCancelled) post({ type: 'error', id, code: 'cancelled', message: 'cancelled' });
    // The engine throws RangeError for settings it refuses (netcal's zero-width bins, equal-mass under torchmetrics, ...).
    else if (error instanceof RangeError) post({ type: 'error', id, code: 'invalid-settings', message: error.message });
    else post({ type: 'error', id, code: 'internal', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
