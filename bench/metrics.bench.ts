// The metric panel and the ECE bootstrap on 1,000,000 attempted items, beside
// numpy + scikit-learn on the same arrays in the same run (issue 3's targets:
// panel <= 0.5x the baseline, 1,000 resamples < 5 s, on two worker threads).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeClient } from '../main/compute/client.ts';
import { bootstrapEceParallel } from '../main/compute/parallel-bootstrap.ts';
import { bootstrapEce, Xoshiro128, type BootstrapResult } from '../shared/metrics/bootstrap.ts';
import type { CalibrationData } from '../shared/metrics/calibration-data.ts';
import { metricPanel } from '../shared/metrics/panel.ts';

export const title = 'metric panel and 1,000-resample ECE bootstrap on 1,000,000 items vs numpy + scikit-learn on the same arrays';

const N = Number(process.env.CANDOR_BENCH_METRICS_N ?? 1_000_000);
const PYTHON = process.env.CANDOR_PYTHON ?? '/usr/bin/python3';

/** make_run.py's recipe (uniform confidence to 4 decimals, correct with probability c^1.3), seeded xoshiro. */
function makeArrays(n: number): CalibrationData {
  const rng = new Xoshiro128(3);
  const p = new Float64Array(n);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = Math.round(rng.nextFloat() * 1e4) / 1e4;
    p[i] = c;
    y[i] = rng.nextFloat() < c ** 1.3 ? 1 : 0;
  }
  return { p, y };
}

function panel(data: CalibrationData): Record<string, number | null> {
  const m = metricPanel(data);
  return { ece: m.ece, mce: m.mce, rms: m.rms, brier: m.brier, logLoss: m.logLoss, auroc: m.auroc, aurc: m.aurc, smece: m.smece };
}

function seconds(work: () => unknown): number {
  const started = performance.now();
  work();
  return (performance.now() - started) / 1000;
}

async function secondsAsync<T>(work: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const value = await work();
  return [(performance.now() - started) / 1000, value];
}

const interval = (r: BootstrapResult): string => `[${r.lo!.toFixed(9)}, ${r.hi!.toFixed(9)}]`;

function baseline(data: CalibrationData, log: (line: string) => void): { metrics: number; first: number; bootstrap: number; auroc: number } | null {
  const dir = mkdtempSync(join(tmpdir(), 'candor-bench-metrics-'));
  try {
    writeFileSync(join(dir, 'p.f64'), new Uint8Array(data.p.buffer));
    writeFileSync(join(dir, 'y.u8'), data.y);
    const child = spawnSync(PYTHON, [join(import.meta.dirname, 'baselines', 'numpy_metrics.py'), join(dir, 'p.f64'), join(dir, 'y.u8'), '20'], { encoding: 'utf8' });
    if (child.status !== 0) {
      log(`baseline: ${PYTHON} with numpy and scikit-learn not available (apt-get install python3-sklearn): ${(child.stderr || String(child.error)).trim().split('\n').at(-1)}`);
      log('printing Candor only');
      return null;
    }
    const out = JSON.parse(child.stdout.trim()) as { metrics_seconds: number; metrics_first_seconds: number; bootstrap_seconds_per_1000: number; auroc: number; numpy: string };
    log(`baseline (numpy ${out.numpy}): calibration_curve + ECE + brier_score_loss + roc_auc_score first call ${out.metrics_first_seconds.toFixed(3)} s, best of 3 ${out.metrics_seconds.toFixed(3)} s; numpy ECE bootstrap ${out.bootstrap_seconds_per_1000.toFixed(1)} s per 1,000 resamples (20 timed)`);
    return { metrics: out.metrics_seconds, first: out.metrics_first_seconds, bootstrap: out.bootstrap_seconds_per_1000, auroc: out.auroc };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(log: (line: string) => void): Promise<void> {
  const data = makeArrays(N);
  log(`arrays: ${N.toLocaleString('en-US')} attempted items (xoshiro128** seed 3)`);
  const base = baseline(data, log);
  let values: Record<string, number | null> = {};
  // Like the baseline: three calls, the first reported on its own and in the best of 3.
  const times = [seconds(() => (values = panel(data))), seconds(() => panel(data)), seconds(() => panel(data))];
  const [cold] = times as [number];
  const warm = Math.min(...times);
  log(`candor panel (binned ECE/MCE/RMS, Brier, log loss, AUROC, AURC, smECE): first call ${cold.toFixed(3)} s, best of 3 ${warm.toFixed(3)} s`);
  log(`  ECE ${values.ece!.toFixed(6)}, AUROC ${values.auroc!.toFixed(6)}${base ? ` (sklearn ${base.auroc.toFixed(6)})` : ''}, smECE ${values.smece!.toFixed(6)}`);
  let single: BootstrapResult | null = null;
  const one = seconds(() => (single = bootstrapEce(data, { resamples: 1000, seed: 0 })));
  log(`candor ECE bootstrap, 1,000 resamples, 1 thread: ${one.toFixed(2)} s, interval ${interval(single!)}`);
  // The first call includes starting two workers (from TypeScript sources under tsx here); the app keeps them.
  const [twoCold, parallel] = await secondsAsync(() => bootstrapEceParallel(data, { resamples: 1000, seed: 0, threads: 2 }));
  const [twoWarm] = await secondsAsync(() => bootstrapEceParallel(data, { resamples: 1000, seed: 0, threads: 2 }));
  const same = parallel.lo === single!.lo && parallel.hi === single!.hi;
  log(`candor ECE bootstrap, 1,000 resamples, 2 worker threads: ${twoWarm.toFixed(2)} s (${twoCold.toFixed(2)} s with worker start-up), interval ${interval(parallel)} ${same ? '(identical to 1 thread)' : '(DIFFERS from 1 thread)'} (target < 5 s)`);
  await computeClient().close();
  if (base) {
    log(`ratio panel: ${(cold / base.first).toFixed(2)}x first call vs first call, ${(warm / base.metrics).toFixed(2)}x best of 3 vs best of 3, of numpy + sklearn (target <= 0.5x)`);
    log(`ratio bootstrap: ${(one / base.bootstrap).toFixed(3)}x (1 thread), ${(twoWarm / base.bootstrap).toFixed(3)}x (2 threads) the numpy bootstrap's ${base.bootstrap.toFixed(1)} s`);
  }
}
