// The fused panel must give each metric's stand-alone value exactly (same sums
// in the same order), whatever the tie structure: coarse decimals (pure ties),
// arbitrary doubles, and values clustered below the sort's 22-bit prefix.
import { describe, expect, it } from 'vitest';
import { BIN_CONVENTIONS, type BinningOptions } from '../../../shared/metrics/binning.ts';
import { Xoshiro128 } from '../../../shared/metrics/bootstrap.ts';
import type { CalibrationData } from '../../../shared/metrics/calibration-data.ts';
import { binnedCalibration } from '../../../shared/metrics/ece.ts';
import { metricPanel } from '../../../shared/metrics/panel.ts';
import { auroc, brierScore, logLoss } from '../../../shared/metrics/scores.ts';
import { aurc } from '../../../shared/metrics/selective.ts';
import { smECE } from '../../../shared/metrics/smece.ts';
import { argsortAscendingStable, sortWithLabels } from '../../../shared/metrics/sort.ts';
import { loadCalibrationData } from './reference.ts';

function separately(data: CalibrationData, binning: BinningOptions = {}) {
  const b = binnedCalibration(data, binning);
  const s = smECE(data);
  return {
    ece: b.ece,
    mce: b.mce,
    rms: b.rms,
    ace: b.ace,
    brier: brierScore(data),
    logLoss: logLoss(data),
    auroc: auroc(data),
    aurc: aurc(data),
    smece: s?.smece ?? null,
    sigma: s?.sigma ?? null,
  };
}

function generated(n: number, seed: number, confidence: (rng: Xoshiro128) => number): CalibrationData {
  const rng = new Xoshiro128(seed);
  const p = new Float64Array(n);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    p[i] = confidence(rng);
    y[i] = rng.nextFloat() < p[i]! ? 1 : 0;
  }
  return { p, y };
}

const shapes: Record<string, CalibrationData> = {
  beta: loadCalibrationData('beta'),
  verbalized: loadCalibrationData('verbalized'),
  'four decimals': generated(20_000, 1, (rng) => Math.round(rng.nextFloat() * 1e4) / 1e4),
  'arbitrary doubles': generated(20_000, 2, (rng) => rng.nextFloat()),
  // every value shares its 22-bit prefix with hundreds of others: runs sorted by insertion and by comparator
  clustered: generated(20_000, 3, (rng) => 0.5 + rng.nextFloat() * 1e-4 + (rng.nextFloat() < 0.3 ? 0 : rng.nextFloat() * 1e-9)),
  'ends and ties': generated(5_000, 4, (rng) => [0, 1, 0.3, 0.30000000000000004, 0.7, 1][rng.nextBelow(6)]!),
  empty: { p: new Float64Array(0), y: new Uint8Array(0) },
};

describe('metric panel', () => {
  for (const [name, data] of Object.entries(shapes)) {
    it(`equals the stand-alone metrics exactly: ${name}`, () => {
      const { stats, ...panel } = metricPanel(data);
      expect(panel).toEqual(separately(data));
      expect(stats.n).toBe(data.p.length);
    });
  }

  it('bins as binStatistics does under every convention and strategy', () => {
    const data = shapes['ends and ties']!;
    for (const convention of BIN_CONVENTIONS) {
      for (const nBins of [7, 10, 'sqrt'] as const) {
        const binning: BinningOptions = { convention, nBins };
        const panel = metricPanel(data, binning);
        const ref = binnedCalibration(data, binning);
        expect([panel.ece, panel.mce, panel.rms, panel.ace]).toEqual([ref.ece, ref.mce, ref.rms, ref.ace]);
        expect(Array.from(panel.stats.count)).toEqual(Array.from(ref.stats.count));
      }
    }
    const quantile = metricPanel(shapes.beta!, { strategy: 'equal-mass' });
    expect(quantile.ece).toBe(binnedCalibration(shapes.beta!, { strategy: 'equal-mass' }).ece);
  });
});

describe('sortWithLabels', () => {
  it('orders p ascending with y alongside, ties in input order, as the stable argsort', () => {
    for (const name of ['four decimals', 'arbitrary doubles', 'clustered', 'ends and ties'] as const) {
      const { p, y } = shapes[name]!;
      // labels that record input position, so tie order is visible
      const tag = Uint8Array.from(y, (_, i) => i % 251);
      const sorted = sortWithLabels(p, tag)!;
      const order = argsortAscendingStable(p);
      expect(Array.from(sorted.p)).toEqual(Array.from(order, (i) => p[i]!));
      expect(Array.from(sorted.y)).toEqual(Array.from(order, (i) => tag[i]!));
    }
  });

  it('declines values outside [0, 1]', () => {
    expect(sortWithLabels(Float64Array.of(0.2, 1.5), Uint8Array.of(0, 1))).toBeNull();
    expect(sortWithLabels(Float64Array.of(NaN), Uint8Array.of(0))).toBeNull();
  });
});
