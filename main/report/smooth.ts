// The smooth reliability curve with a seeded bootstrap band. relplot bags its
// diagram without a seed; here resample r draws from the engine's bootstrap
// stream (Xoshiro128.forResample(seed, r), docs/metrics.md), so the same data
// and seed give the same band on every machine, which `candor report --check`
// relies on.
import { extractCalibrationData, smECE, smoothReliabilityCurve, Xoshiro128, type OutcomeColumns } from '../../shared/metrics/index.ts';
import { percentileInterval } from '../../shared/rubrics/index.ts';
import type { SmoothCurve } from '../../shared/report/model.ts';

const MESH = 101;

export function smoothCurveWithBand(columns: OutcomeColumns, options: { seed: number; resamples: number; level: number }): SmoothCurve | null {
  const data = extractCalibrationData(columns);
  const n = data.p.length;
  const fitted = smECE(data);
  if (!fitted) return null;
  const curve = smoothReliabilityCurve(data, { sigma: fitted.sigma, meshSize: MESH })!;
  const draws: Float64Array[] = Array.from({ length: MESH }, () => new Float64Array(options.resamples));
  const p = new Float64Array(n);
  const y = new Uint8Array(n);
  for (let r = 0; r < options.resamples; r++) {
    const rng = Xoshiro128.forResample(options.seed, r);
    for (let i = 0; i < n; i++) {
      const j = rng.nextBelow(n);
      p[i] = data.p[j]!;
      y[i] = data.y[j]!;
    }
    // The bandwidth stays the full data's, as relplot's bagging does.
    const resampled = smoothReliabilityCurve({ p, y }, { sigma: fitted.sigma, meshSize: MESH })!;
    for (let k = 0; k < MESH; k++) draws[k]![r] = resampled.mu[k]!;
  }
  const band = draws.map((values) => percentileInterval(values, options.level));
  return {
    smece: fitted.smece,
    sigma: fitted.sigma,
    mesh: Array.from(curve.mesh),
    mu: Array.from(curve.mu),
    lo: band.map((b) => b.lo),
    hi: band.map((b) => b.hi),
    resamples: options.resamples,
  };
}
