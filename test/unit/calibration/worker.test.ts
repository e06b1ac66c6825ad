// The compute worker runs the same engine as the main process: same numbers,
// with progress and cancellation; and its bootstrap draws the resamples of
// shared/metrics' bootstrap functions.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeRun } from '../../../main/compute/analysis.ts';
import { ComputeCancelled, ComputeClient, ComputeRefused, computeWorkerEntry } from '../../../main/compute/client.ts';
import { resolveCalibrationSettings } from '../../../shared/api/calibration.ts';
import { bootstrapEce, bootstrapInterval, Xoshiro128 } from '../../../shared/metrics/bootstrap.ts';
import { extractCalibrationData } from '../../../shared/metrics/calibration-data.ts';
import { auroc, brierScore } from '../../../shared/metrics/scores.ts';
import { OUTCOME_CODE } from '../../../shared/metrics/types.ts';
import { tempDir } from '../../support/temp.ts';
import { expectClose, loadDataset } from '../metrics/reference.ts';

const client = new ComputeClient();
afterAll(() => client.close());

describe('compute worker', () => {
  it('runs a bootstrap through the worker and gets the in-process numbers', async () => {
    const columns = loadDataset('verbalized');
    const settings = resolveCalibrationSettings({ bins: 'sqrt', bootstrap: { resamples: 150, seed: 3, smoothResamples: 15 } });
    const progress: number[] = [];
    const viaWorker = await client.analyze([{ runId: 7, ...columns }], settings, { onProgress: (done) => progress.push(done) });
    const inProcess = analyzeRun(7, columns, settings);
    expect(viaWorker.settings).toEqual(settings);
    expect(viaWorker.runs[0]).toEqual(inProcess);
    expect(inProcess.binned.nBins).toBe(Math.ceil(Math.sqrt(300)));
    expect(inProcess.binned.ece.interval).not.toBeNull();
    expect(progress.at(-1)).toBe(165);
  });

  it('splits a large bootstrap over two threads and gets exactly the one-thread numbers', async () => {
    const columns = loadDataset('beta');
    const abstaining = { outcome: new Uint8Array(5).fill(OUTCOME_CODE.abstained), confidence: new Float64Array(5).fill(0.5) };
    const settings = resolveCalibrationSettings({ bootstrap: { resamples: 101, seed: 9, smoothResamples: 12 } });
    const progress: Array<[number, number]> = [];
    const split = await client.analyze(
      [
        { runId: 1, ...columns },
        { runId: 2, ...abstaining },
      ],
      settings,
      { parallelMinDraws: 0, onProgress: (done, total) => progress.push([done, total]) },
    );
    expect(split.runs[0]).toEqual(analyzeRun(1, columns, settings));
    expect(split.runs[1]).toEqual(analyzeRun(2, abstaining, settings));
    expect(split.runs[0]!.smooth?.curve?.lo).not.toBeNull();
    const [lastDone, lastTotal] = progress.at(-1)!;
    expect(lastDone).toBe(lastTotal);
  });

  it('cancels a long analysis between resamples and stays usable', async () => {
    const n = 50_000;
    const rng = new Xoshiro128(1);
    const outcome = new Uint8Array(n);
    const confidence = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      confidence[i] = rng.nextFloat();
      outcome[i] = rng.nextFloat() < confidence[i]! ? OUTCOME_CODE.correct : OUTCOME_CODE.incorrect;
    }
    const controller = new AbortController();
    const settings = resolveCalibrationSettings({ bootstrap: { resamples: 100_000 } });
    let seen = 0;
    const pending = client.analyze([{ runId: 1, outcome, confidence }], settings, {
      signal: controller.signal,
      onProgress: (done) => {
        seen = done;
        controller.abort();
      },
    });
    await expect(pending).rejects.toBeInstanceOf(ComputeCancelled);
    expect(seen).toBeGreaterThan(0);
    expect(seen).toBeLessThan(100_000);
    const after = await client.analyze([{ runId: 1, outcome, confidence }], resolveCalibrationSettings({ bootstrap: { resamples: 0 } }));
    expect(after.runs[0]!.n).toBe(n);
  });

  it('reports the engine refusing a setting as a refusal, not a crash', async () => {
    const columns = loadDataset('beta');
    const settings = resolveCalibrationSettings({ convention: 'relplot', binning: 'equal-mass' });
    await expect(client.analyze([{ runId: 1, ...columns }], settings)).rejects.toBeInstanceOf(ComputeRefused);
  });

  it('finds the bundled worker beside the Electron build, or one level up from a chunk', () => {
    const tmp = tempDir();
    try {
      writeFileSync(join(tmp.dir, 'compute-worker.js'), '');
      mkdirSync(join(tmp.dir, 'chunks'));
      const fromIndex = computeWorkerEntry(pathToFileURL(join(tmp.dir, 'index.js')).href);
      const fromChunk = computeWorkerEntry(pathToFileURL(join(tmp.dir, 'chunks', 'shared-abc.js')).href);
      expect(fromIndex).toEqual({ entry: pathToFileURL(join(tmp.dir, 'compute-worker.js')), eval: false });
      expect(fromChunk).toEqual(fromIndex);
      expect(() => computeWorkerEntry(pathToFileURL(join(tmp.dir, 'chunks', 'nested', 'x.js')).href)).toThrow(/not found/);
      expect(computeWorkerEntry().eval).toBe(true);
    } finally {
      tmp.cleanup();
    }
  });
});

describe('panel bootstrap', () => {
  const columns = loadDataset('beta');
  const data = extractCalibrationData(columns);
  const settings = resolveCalibrationSettings({ smooth: false, bootstrap: { resamples: 120, seed: 11 } });
  const analysis = analyzeRun(1, columns, settings);

  it('binned ECE interval is exactly bootstrapEce’s for the same seed and binning', () => {
    const fast = bootstrapEce(data, { resamples: 120, seed: 11 });
    expect(analysis.binned.ece.interval).toEqual([fast.lo, fast.hi]);
  });

  it('AUROC and Brier intervals equal the generic bootstrap’s (same resamples)', () => {
    const generic = (stat: (d: ReturnType<typeof extractCalibrationData>) => number | null) =>
      bootstrapInterval((c) => stat(extractCalibrationData(c)), columns, { resamples: 120, seed: 11 });
    const a = generic(auroc);
    const b = generic(brierScore);
    expectClose(analysis.auroc.interval![0], a.lo!, 1e-12, 'auroc lo');
    expectClose(analysis.auroc.interval![1], a.hi!, 1e-12, 'auroc hi');
    expectClose(analysis.brier.interval![0], b.lo!, 1e-12, 'brier lo');
    expectClose(analysis.brier.interval![1], b.hi!, 1e-12, 'brier hi');
  });

  it('no resamples, no intervals; an empty run gives nulls, not NaN', () => {
    const none = analyzeRun(1, columns, resolveCalibrationSettings({ bootstrap: { resamples: 0 } }));
    expect(none.binned.ece.interval).toBeNull();
    expect(none.smooth?.curve?.lo).toBeNull();
    const empty = analyzeRun(2, { outcome: Uint8Array.of(OUTCOME_CODE.abstained), confidence: Float64Array.of(0.5) }, settings);
    expect(empty.n).toBe(0);
    expect(empty.excluded.abstained).toBe(1);
    expect(empty.binned.ece).toEqual({ value: null, interval: null });
    expect(empty.auroc.value).toBeNull();
  });
});
