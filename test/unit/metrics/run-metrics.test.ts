import { describe, expect, it } from 'vitest';
import { binLayout, binStatistics } from '../../../shared/metrics/binning.ts';
import { extractCalibrationData } from '../../../shared/metrics/calibration-data.ts';
import { eceFromBins, mceFromBins, reliabilityBins } from '../../../shared/metrics/ece.ts';
import { computeRunMetrics, penaltyForTarget, targetForPenalty } from '../../../shared/metrics/run-metrics.ts';
import { OUTCOME_CODE, type OutcomeColumns } from '../../../shared/metrics/types.ts';
import { expectClose, loadDataset, ref, type DatasetName } from './reference.ts';

const { correct: C, incorrect: I, abstained: A, unlabeled: U } = OUTCOME_CODE;

function cols(outcomes: number[], conf: number[]): OutcomeColumns {
  return { outcome: Uint8Array.from(outcomes), confidence: Float64Array.from(conf) };
}

function repeat(code: number, k: number): number[] {
  return Array.from({ length: k }, () => code);
}

describe('computeRunMetrics: outcome rates and rubric', () => {
  it('computes counts, rates, F-score and rubric scores by hand', () => {
    const m = computeRunMetrics(cols([C, C, I, A, U], [0.9, 0.6, 0.8, 0.3, NaN]));
    expect(m.counts).toEqual({ correct: 2, incorrect: 1, abstained: 1, unlabeled: 1 });
    expect(m.graded).toBe(4);
    expect(m.accuracy).toBe(0.5);
    expect(m.errorRate).toBe(0.25);
    expect(m.abstentionRate).toBe(0.25);
    expect(m.accuracyGivenAttempted).toBeCloseTo(2 / 3, 15);
    expect(m.fScore).toBeCloseTo(4 / 7, 15);
    expect(m.rubric.map((r) => r.t)).toEqual([0, 0.5, 0.75, 0.9]);
    expect(m.rubric.map((r) => r.penalty)).toEqual([0, 1, 3, 9.000000000000002]);
    expectClose(m.rubric[0]!.score, 0.5, 1e-15, 't=0');
    expectClose(m.rubric[1]!.score, 0.25, 1e-15, 't=0.5');
    expectClose(m.rubric[2]!.score, -0.25, 1e-15, 't=0.75');
    expectClose(m.rubric[3]!.score, -1.75, 1e-14, 't=0.9');
  });

  it('flips the SimpleQA ranking at t = 0.75 (GPT-5 system card numbers)', () => {
    const mini = computeRunMetrics(cols([...repeat(A, 52), ...repeat(C, 22), ...repeat(I, 26)], new Array(100).fill(NaN)), {
      targets: [0, 0.75],
    });
    const o4 = computeRunMetrics(cols([...repeat(A, 1), ...repeat(C, 24), ...repeat(I, 75)], new Array(100).fill(NaN)), {
      targets: [0, 0.75],
    });
    expect(mini.rubric[0]!.score!).toBeLessThan(o4.rubric[0]!.score!);
    expectClose(mini.rubric[1]!.score, -0.56, 1e-12, 'gpt-5-thinking-mini');
    expectClose(o4.rubric[1]!.score, -2.01, 1e-12, 'o4-mini');
    expect(mini.rubric[1]!.score!).toBeGreaterThan(o4.rubric[1]!.score!);
    expect(mini.calibration.n).toBe(0);
    expect(mini.calibration.excludedNoConfidence).toBe(48);
    expect(mini.calibration.excludedAbstained).toBe(52);
  });

  it('returns nulls on empty input and keeps all bins', () => {
    const m = computeRunMetrics(cols([], []));
    expect(m.graded).toBe(0);
    expect([m.accuracy, m.errorRate, m.abstentionRate, m.accuracyGivenAttempted, m.fScore]).toEqual([null, null, null, null, null]);
    expect(m.rubric.every((r) => r.score === null)).toBe(true);
    expect(m.calibration.ece).toBeNull();
    expect(m.calibration.mce).toBeNull();
    expect(m.calibration.brier).toBeNull();
    expect(m.calibration.bins).toHaveLength(10);
    expect(m.calibration.bins[3]).toEqual({ lo: 0.30000000000000004, hi: 0.4, count: 0, meanConfidence: null, accuracy: null });
  });

  it('unlabeled items do not count as graded', () => {
    const m = computeRunMetrics(cols([U, U, C], [0.5, 0.5, 0.5]));
    expect(m.graded).toBe(1);
    expect(m.accuracy).toBe(1);
    expect(m.calibration.n).toBe(1);
  });

  it('F-score is 0 when every attempt is wrong, null when nothing was attempted', () => {
    const wrong = computeRunMetrics(cols([I, I, A], [NaN, NaN, NaN]));
    expect(wrong.accuracy).toBe(0);
    expect(wrong.accuracyGivenAttempted).toBe(0);
    expect(wrong.fScore).toBe(0);
    const none = computeRunMetrics(cols([A, A], [NaN, NaN]));
    expect(none.accuracy).toBe(0);
    expect(none.accuracyGivenAttempted).toBeNull();
    expect(none.fScore).toBeNull();
  });

  it('penalty and break-even target are inverse', () => {
    expect(penaltyForTarget(0.75)).toBe(3);
    expectClose(targetForPenalty(2), 2 / 3, 1e-16, 'penalty 2');
    expect(targetForPenalty(penaltyForTarget(0.5))).toBe(0.5);
    expect(() => penaltyForTarget(1)).toThrow(RangeError);
    expect(() => computeRunMetrics(cols([C], [0.5]), { targets: [1] })).toThrow(RangeError);
  });
});

describe('computeRunMetrics: calibration summary', () => {
  it('bins, ECE, MCE and Brier by hand', () => {
    const m = computeRunMetrics(cols([C, C, I, A, U], [0.9, 0.6, 0.8, 0.3, NaN]));
    const cal = m.calibration;
    expect(cal.n).toBe(3);
    expect(cal.excludedAbstained).toBe(1);
    expect(cal.excludedNoConfidence).toBe(0);
    expect(cal.binning).toBe('equal-width');
    expect(cal.convention).toBe('sklearn');
    // 0.6 < edge 6 (0.6000000000000001) -> bin 5; 0.8 = edge 8 -> bin 7 (right-closed); 0.9 = edge 9 -> bin 8
    expect(cal.bins.map((b) => b.count)).toEqual([0, 0, 0, 0, 0, 1, 0, 1, 1, 0]);
    expect(cal.bins[7]).toEqual({ lo: 0.7000000000000001, hi: 0.8, count: 1, meanConfidence: 0.8, accuracy: 0 });
    expectClose(cal.ece, (0.4 + 0.8 + 0.1) / 3, 1e-15, 'ece');
    expectClose(cal.mce, 0.8, 1e-15, 'mce');
    expectClose(cal.brier, (0.16 + 0.64 + 0.01) / 3, 1e-15, 'brier');
  });

  it('puts 0 and exact decimals where sklearn does', () => {
    const conf = [0, 0.1, 0.3, 0.7, 1];
    const m = computeRunMetrics(cols(repeat(C, conf.length), conf));
    const binOfEach = m.calibration.bins.flatMap((b, i) => Array.from({ length: b.count }, () => i));
    expect(binOfEach).toEqual([0, 0, 2, 6, 9]);
    expect(m.calibration.bins[0]!.lo).toBe(0);
    expect(m.calibration.bins[9]!.hi).toBe(1);
  });

  it('counts NaN, infinite and out-of-range confidences of attempted items as excluded, never binned', () => {
    const m = computeRunMetrics(cols([C, I, C, I, C, A, I], [NaN, 1.5, -0.1, Infinity, 0.7, 2, 0.2]));
    const cal = m.calibration;
    expect(cal.n).toBe(2);
    expect(cal.excludedNoConfidence).toBe(4);
    expect(cal.excludedAbstained).toBe(1);
    expect(cal.bins.reduce((s, b) => s + b.count, 0)).toBe(2);
    expectClose(cal.brier, (0.09 + 0.04) / 2, 1e-15, 'brier');
  });

  it('honours nBins', () => {
    const m = computeRunMetrics(cols([C, I], [0.2, 0.9]), { nBins: 4 });
    expect(m.calibration.nBins).toBe(4);
    expect(m.calibration.bins.map((b) => [b.lo, b.hi, b.count])).toEqual([
      [0, 0.25, 1],
      [0.25, 0.5, 0],
      [0.5, 0.75, 0],
      [0.75, 1, 1],
    ]);
  });

  it('rejects mismatched column lengths', () => {
    expect(() => computeRunMetrics({ outcome: new Uint8Array(2), confidence: new Float64Array(3) })).toThrow(RangeError);
  });

  it('read off the columns in one pass: bit for bit what binning the extracted items gives', () => {
    // 200,000 items of every outcome, some with no confidence or one outside [0, 1]; the summary is
    // summed straight from the columns, and must equal the extract-then-bin computation exactly.
    const n = 200_000;
    const outcome = new Uint8Array(n);
    const confidence = new Float64Array(n);
    let s = 42;
    const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
    for (let i = 0; i < n; i++) {
      outcome[i] = [C, C, I, A, U][Math.floor(next() * 5)]!;
      const u = next();
      confidence[i] = u < 0.02 ? NaN : u < 0.03 ? 1 + u : u < 0.5 ? Math.round(next() * 10_000) / 10_000 : next();
    }
    const columns = { outcome, confidence };
    for (const nBins of [10, 15]) {
      const data = extractCalibrationData(columns);
      const stats = binStatistics(data, binLayout(data.p, { nBins, strategy: 'equal-width', convention: 'sklearn' }));
      let squares = 0;
      for (let i = 0; i < data.p.length; i++) squares += (data.p[i]! - data.y[i]!) ** 2;
      const cal = computeRunMetrics(columns, { nBins }).calibration;
      expect(cal.n).toBe(data.p.length);
      expect(cal.excludedAbstained).toBe(data.excludedAbstained);
      expect(cal.excludedNoConfidence).toBe(data.excludedNoConfidence);
      expect(cal.ece).toBe(eceFromBins(stats));
      expect(cal.mce).toBe(mceFromBins(stats));
      expect(cal.brier).toBe(squares / data.p.length);
      expect(cal.bins).toEqual(reliabilityBins(stats));
    }
  });
});

describe.each<DatasetName>(['beta', 'verbalized'])('computeRunMetrics on the %s reference dataset', (name) => {
  const values = ref(name);
  const m = computeRunMetrics(loadDataset(name));
  const sk = values.sklearn;

  it('matches sklearn ECE (uniform 10) and brier_score_loss to 1e-12', () => {
    expect(m.calibration.n).toBe(values.n);
    expectClose(m.accuracy, values.accuracy, 1e-15, 'accuracy');
    expectClose(m.calibration.ece, sk['ece_l1_from_calibration_curve_uniform_10 (not an sklearn API)'], 1e-12, 'ece');
    expectClose(m.calibration.brier, sk.brier_score_loss, 1e-12, 'brier');
  });

  it('matches sklearn calibration_curve (uniform 10) bin by bin to 1e-12', () => {
    const curve = sk.calibration_curve_uniform_10;
    expect(m.calibration.bins.map((b) => b.lo)).toEqual(curve.bin_edges.slice(0, -1));
    expect(m.calibration.bins.map((b) => b.hi)).toEqual(curve.bin_edges.slice(1));
    const nonEmpty = m.calibration.bins.flatMap((b, i) => (b.count > 0 ? [i] : []));
    expect(nonEmpty).toEqual(curve.bin_index_of_nonempty_bins);
    nonEmpty.forEach((b, j) => {
      const bin = m.calibration.bins[b]!;
      expect(bin.count).toBe(curve.count_nonempty[j]);
      expectClose(bin.accuracy, curve.prob_true[j], 1e-12, `prob_true[${j}]`);
      expectClose(bin.meanConfidence, curve.prob_pred[j], 1e-12, `prob_pred[${j}]`);
    });
  });
});
