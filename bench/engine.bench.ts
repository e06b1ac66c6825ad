// The bootstrap engine on 1,000,000 items, as the app runs it: the compute
// client's analysis of one run (points, then 1,000 resamples of the whole
// panel on both cores), beside (a) the floor, the same resamples only drawn
// and counted per item on both cores, and (b) numpy + scikit-learn on the
// same arrays: the metrics, and a numpy ECE bootstrap that bins once and
// resamples bin indices (the fair version of the project's baseline).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { computeClient, splitResamples } from '../main/compute/client.ts';
import { workerEntry } from '../main/workers/entry.ts';
import { resolveCalibrationSettings } from '../shared/api/calibration.ts';
import { Xoshiro128 } from '../shared/metrics/prng.ts';
import { OUTCOME_CODE } from '../shared/metrics/types.ts';
import { python, seconds } from './lib/measure.ts';

export const title = 'bootstrap engine: 1,000 resamples of the calibration panel on 1,000,000 items vs the draw floor and numpy';

const N = Number(process.env.CANDOR_BENCH_ENGINE_N ?? 1_000_000);
const RESAMPLES = 1000;

/** make_run.py's recipe (uniform confidence to 4 decimals, correct with probability c^1.3), every item attempted. */
function makeColumns(n: number): { outcome: Uint8Array; confidence: Float64Array } {
  const rng = new Xoshiro128(3);
  const outcome = new Uint8Array(n);
  const confidence = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = Math.round(rng.nextFloat() * 1e4) / 1e4;
    confidence[i] = c;
    outcome[i] = rng.nextFloat() < c ** 1.3 ? OUTCOME_CODE.correct : OUTCOME_CODE.incorrect;
  }
  return { outcome, confidence };
}

/** The floor: RESAMPLES resamples drawn and counted per item, split over two threads as the engine splits them. */
async function floor(n: number): Promise<number> {
  const { entry, eval: isEval } = workerEntry(import.meta.url, './lib/floor-worker.ts', 'floor-worker.js');
  const started = performance.now();
  await Promise.all(
    splitResamples(RESAMPLES, 2).map(
      ([from, to]) =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(entry, { eval: isEval, workerData: { n, seed: 0, from, to } });
          worker.once('message', () => void worker.terminate().then(() => resolve()));
          worker.once('error', reject);
        }),
    ),
  );
  return (performance.now() - started) / 1000;
}

interface NumpyBaseline {
  metrics_seconds: number;
  metrics_first_seconds: number;
  bootstrap_seconds_per_1000: number;
  numpy: string;
  python: string;
}

export async function run(log: (line: string) => void): Promise<void> {
  const columns = makeColumns(N);
  log(`run: ${N.toLocaleString('en-US')} attempted items, confidences to 4 decimals (make_run.py's recipe, xoshiro128** seed 3)`);

  const dir = mkdtempSync(join(tmpdir(), 'candor-bench-engine-'));
  let base: NumpyBaseline | null = null;
  try {
    const y = new Uint8Array(N);
    for (let i = 0; i < N; i++) y[i] = columns.outcome[i] === OUTCOME_CODE.correct ? 1 : 0;
    writeFileSync(join(dir, 'p.f64'), new Uint8Array(columns.confidence.buffer));
    writeFileSync(join(dir, 'y.u8'), y);
    const out = python(['bench/baselines/numpy_metrics.py', join(dir, 'p.f64'), join(dir, 'y.u8'), '100'], log);
    if (out) base = JSON.parse(out) as NumpyBaseline;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (base) {
    log(
      `${base.python}, numpy ${base.numpy} + scikit-learn: calibration_curve + ECE + brier_score_loss + roc_auc_score ${base.metrics_first_seconds.toFixed(3)} s (best of 3 ${base.metrics_seconds.toFixed(3)} s);` +
        ` ECE bootstrap binning once, ${base.bootstrap_seconds_per_1000.toFixed(2)} s per 1,000 resamples (one core)`,
    );
  }

  const floorSeconds = await floor(N);
  log(`floor: 1,000 resamples of ${N.toLocaleString('en-US')} items drawn and counted per item, 2 threads: ${floorSeconds.toFixed(2)} s`);

  const client = computeClient();
  const settings = resolveCalibrationSettings({});
  for (const visit of ['first', 'again']) {
    let pointsAt = 0;
    const [total, analysis] = await seconds(() =>
      client.analyze([{ runId: 1, ...columns }], settings, { onPoints: () => (pointsAt = performance.now()) }),
    );
    const run = analysis.runs[0]!;
    const pointsSeconds = total - (performance.now() - pointsAt) / 1000;
    const intervals = total - pointsSeconds;
    log(
      `candor (${visit} call): every point estimate after ${pointsSeconds.toFixed(2)} s; panel bootstrap (${run.resamples.main} resamples, ${run.resamples.smooth} smooth) ${intervals.toFixed(2)} s more;` +
        ` ECE ${run.binned.ece.value!.toFixed(5)} [${run.binned.ece.interval!.map((v) => v.toFixed(5)).join(', ')}]`,
    );
    if (visit === 'again') {
      log(`share of the floor: the floor is ${((100 * floorSeconds) / intervals).toFixed(0)}% of the panel bootstrap's time (1,000 resamples, 11 statistics and a 100-resample smooth band, against drawing alone)`);
      if (base) log(`ratio: the whole panel bootstrap takes ${(intervals / base.bootstrap_seconds_per_1000).toFixed(2)}x numpy's ECE-only bootstrap`);
    }
  }
  await client.close();
}
