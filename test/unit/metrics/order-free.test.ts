// Issue 13, item 4: metrics that rank items by confidence (AURC, E-AURC,
// selective accuracy, HELM's selective stats, PRR) depend on the order of tied
// confidences in the libraries. Each has an order-free version, the exact
// expectation over a random order within tie groups, which is the one shown;
// the sorted versions stay, labelled, for matching references.
import { describe, expect, it } from 'vitest';
import { analyzeRun } from '../../../main/compute/analysis.ts';
import { resolveCalibrationSettings, SELECTIVE_COVERAGES } from '../../../shared/api/calibration.ts';
import { calibrationData, extractCalibrationData, type CalibrationData } from '../../../shared/metrics/calibration-data.ts';
import { helmSelectiveStats } from '../../../shared/metrics/helm.ts';
import { prr } from '../../../shared/metrics/lmpolygraph.ts';
import { orderFreeRanking } from '../../../shared/metrics/order-free.ts';
import { aurc, aurcTieExpected, eAurc, selectiveAccuracy } from '../../../shared/metrics/selective.ts';
import { OUTCOME_CODE } from '../../../shared/metrics/types.ts';
import { int, rng } from '../../support/fuzz.ts';
import { expectClose, loadDataset, ref } from './reference.ts';

function permuted(data: CalibrationData, random: () => number): CalibrationData {
  const idx = Array.from(data.p, (_, i) => i);
  for (let i = idx.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  return { p: Float64Array.from(idx, (i) => data.p[i]!), y: Uint8Array.from(idx, (i) => data.y[i]!) };
}

/** Every ordering of the items, for brute force on tiny runs. */
function* permutations(n: number, prefix: number[] = []): Generator<number[]> {
  if (prefix.length === n) yield prefix;
  for (let i = 0; i < n; i++) if (!prefix.includes(i)) yield* permutations(n, [...prefix, i]);
}

const metrics = (data: CalibrationData) => {
  const free = orderFreeRanking(data, SELECTIVE_COVERAGES);
  return [free.aurc, free.eAurc, ...free.selective.map((s) => s.accuracy), free.helmSelectiveCovAccArea, free.helmSelectiveAcc10, free.prrNormalized];
};
const sorted = (data: CalibrationData, ties: 'stable' | 'numpy') => {
  const helm = helmSelectiveStats(data, ties);
  return [aurc(data, ties), eAurc(data, ties), ...SELECTIVE_COVERAGES.map((c) => selectiveAccuracy(data, c, ties)), helm.area, helm.accAt10, prr(data, ties).normalized];
};

describe('order-free ranking metrics', () => {
  it('equal the tie-expected reference values on the verbalized dataset (15 tied levels)', () => {
    const data = extractCalibrationData(loadDataset('verbalized'));
    const s = ref('verbalized').selective;
    const free = orderFreeRanking(data, SELECTIVE_COVERAGES);
    expectClose(free.aurc, s.aurc_tie_expected_random_order, 1e-12, 'aurc');
    expectClose(free.eAurc, s.eaurc_tie_expected, 1e-12, 'e-aurc');
    expectClose(free.aurc, aurcTieExpected(data)!, 1e-15, 'aurc twin');
    // HELM's area is 1 - AURC for correct/incorrect outcomes, PRR's raw area likewise
    expectClose(free.helmSelectiveCovAccArea, 1 - free.aurc!, 1e-12, 'area');
    // the stable versions differ on these ties: which one is shown matters
    expect(Math.abs(eAurc(data)! - free.eAurc!)).toBeGreaterThan(1e-6);
  });

  it('equal every sorted version when no two confidences tie', () => {
    const data = extractCalibrationData(loadDataset('beta'));
    const free = metrics(data);
    for (const ties of ['stable', 'numpy'] as const) sorted(data, ties).forEach((v, i) => expectClose(free[i]!, v!, 1e-12, `${ties} ${i}`));
  });

  it('are the exact average over every order of tied items (brute force on small runs)', () => {
    const data = calibrationData([0.9, 0.5, 0.5, 0.5, 0.2, 0.5], [1, 0, 1, 0, 1, 1]);
    const sums = new Array<number>(metrics(data).length).fill(0);
    let count = 0;
    for (const order of permutations(6)) {
      const each = sorted({ p: Float64Array.from(order, (i) => data.p[i]!), y: Uint8Array.from(order, (i) => data.y[i]!) }, 'stable');
      each.forEach((v, i) => (sums[i]! += v ?? NaN));
      count++;
    }
    metrics(data).forEach((v, i) => expectClose(v!, sums[i]! / count, 1e-12, `metric ${i}`));
  });

  // The fuzz that showed it: the same answers listed in another order change the libraries' numbers, never these.
  it.each(Array.from({ length: 40 }, (_, i) => i + 1))('fuzzed tied run, seed %i: listing order changes nothing', (seed) => {
    const random = rng(seed);
    const n = int(random, 1, 60);
    const levels = int(random, 1, 6);
    const p = Array.from({ length: n }, () => int(random, 0, levels) / levels);
    const data = calibrationData(p, p.map((v) => (random() < v ? 1 : 0)));
    const shuffled = permuted(data, random);
    const again = metrics(shuffled);
    metrics(data).forEach((v, i) => (v === null ? expect(again[i]).toBeNull() : expectClose(again[i]!, v, 1e-12, `metric ${i}`)));
  });

  it('the analysis carries both, with bootstrap intervals for the order-free AURC and E-AURC', () => {
    const random = rng(4);
    const outcome = Uint8Array.from({ length: 200 }, () => (random() < 0.3 ? OUTCOME_CODE.incorrect : OUTCOME_CODE.correct));
    const confidence = Float64Array.from({ length: 200 }, (_, i) => [0.6, 0.7, 0.9][i % 3]!);
    const a = analyzeRun(1, { outcome, confidence }, resolveCalibrationSettings({ bootstrap: { resamples: 200, smoothResamples: 0 } }));
    expect(a.orderFree.aurc.value).toBeCloseTo(aurcTieExpected(extractCalibrationData({ outcome, confidence }))!, 12);
    expect(a.orderFree.aurc.interval).not.toBeNull();
    expect(a.orderFree.eAurc.interval).not.toBeNull();
    const [lo, hi] = a.orderFree.aurc.interval!;
    expect(lo).toBeLessThanOrEqual(a.orderFree.aurc.value!);
    expect(hi).toBeGreaterThanOrEqual(a.orderFree.aurc.value!);
    expect(a.aurc.value).not.toBeCloseTo(a.orderFree.aurc.value!, 6);
    // without ties the two bootstraps are the same statistic, resample by resample
    const free = analyzeRun(1, { outcome, confidence: Float64Array.from({ length: 200 }, (_, i) => i / 200) }, resolveCalibrationSettings({ bootstrap: { resamples: 100, smoothResamples: 0 } }));
    expect(free.orderFree.aurc.interval![0]).toBeCloseTo(free.aurc.interval![0], 12);
    expect(free.orderFree.eAurc.interval![1]).toBeCloseTo(free.eAurc.interval![1], 12);
  });
});
