// The metric panel and the ECE bootstrap on 1,000,000 attempted items, beside
// numpy + scikit-learn on the same arrays in the same run (issue 3's targets:
// panel <= 0.5x the baseline, 1,000 resamples < 5 s).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrapEce, Xoshiro128 } from '../shared/metrics/bootstrap.ts';
import type { CalibrationData } from '../shared/metrics/calibration-data.ts';
import { binnedCalibration } from '../shared/metrics/ece.ts';
import { auroc, brierScore, logLoss } from '../shared/metrics/scores.ts';
import { aurc } from '../shared/metrics/selective.ts';
import { smECE } from '../shared/metrics/smece.ts';

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
  const binned = binnedCalibration(data);
  return {
    ece: binned.ece,
    mce: binned.mce,
    rms: binned.rms,
    brier: brierScore(data),
    logLoss: logLoss(data),
    auroc: auroc(data),
    aurc: aurc(data),
    smece: smECE(data)?.smece ?? null,
  };
}

function seconds(work: () => unknown): number {
  const started = performance.now();
  work();
  return (performance.now() - started) / 1000;
}

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
  const cold = seconds(() => (values = panel(data)));
  const warm = Math.min(seconds(() => panel(data)), seconds(() => panel(data)));
  log(`candor panel (binned ECE/MCE/RMS, Brier, log loss, AUROC, AURC, smECE): first call ${cold.toFixed(3)} s, best of the next 2 ${warm.toFixed(3)} s`);
  log(`  ECE ${values.ece!.toFixed(6)}, AUROC ${values.auroc!.toFixed(6)}${base ? ` (sklearn ${base.auroc.toFixed(6)})` : ''}, smECE ${values.smece!.toFixed(6)}`);
  const boot = seconds(() => bootstrapEce(data, { resamples: 1000, seed: 0 }));
  log(`candor ECE bootstrap, 1,000 resamples: ${boot.toFixed(2)} s (target < 5 s)`);
  if (base) {
    log(`ratio panel: ${(cold / base.first).toFixed(2)}x first call vs first call, ${(warm / base.metrics).toFixed(2)}x best vs best, of numpy + sklearn (target <= 0.5x)`);
    log(`ratio bootstrap: ${(boot / base.bootstrap).toFixed(3)}x the numpy bootstrap`);
  }
}
