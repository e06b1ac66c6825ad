import { describe, expect, it } from 'vitest';
import { ece } from '../../../shared/metrics/ece.ts';
import { brierScore, logLoss } from '../../../shared/metrics/scores.ts';
import { OUTCOME_CODE } from '../../../shared/metrics/types.ts';
import {
  applyMap,
  applyReport,
  compareMetrics,
  crossFit,
  fitMap,
  fitReport,
  rescore,
  stratifiedFolds,
} from '../../../shared/recalibration/index.ts';
import { loadCalibrationData, loadDataset } from '../metrics/reference.ts';

describe('stratified folds from the seeded PRNG', () => {
  const { y } = loadCalibrationData('beta');

  it('are reproducible, balanced in size and in outcome, and change with the seed', () => {
    const a = stratifiedFolds(y, 5, 0);
    expect(Array.from(stratifiedFolds(y, 5, 0))).toEqual(Array.from(a));
    expect(Array.from(stratifiedFolds(y, 5, 1))).not.toEqual(Array.from(a));
    const size = [0, 0, 0, 0, 0];
    const right = [0, 0, 0, 0, 0];
    a.forEach((f, i) => {
      size[f]! += 1;
      right[f]! += y[i]!;
    });
    expect(size).toEqual([200, 200, 200, 200, 200]);
    expect(Math.max(...right) - Math.min(...right)).toBeLessThanOrEqual(1);
  });
});

describe('cross-fitting', () => {
  const data = loadCalibrationData('verbalized');

  it('predicts each item with the map fitted on the other folds only', () => {
    const cf = crossFit(data, 'isotonic', {}, { folds: 5, seed: 3 });
    for (let f = 0; f < 5; f++) {
      const outside = [...data.p.keys()].filter((i) => cf.fold[i] !== f);
      const refit = fitMap({ p: Float64Array.from(outside, (i) => data.p[i]!), y: Uint8Array.from(outside, (i) => data.y[i]!) }, 'isotonic');
      expect(cf.foldParams[f]).toEqual(refit.params);
    }
    data.p.forEach((p, i) => expect(cf.predictions[i]).toBe(applyMap(cf.foldParams[cf.fold[i]!]!, p)));
  });

  it('is honest: isotonic is perfect in sample (ECE ~ 0) but not out of sample', () => {
    const report = fitReport(loadDataset('beta'), 'isotonic', { resamples: 200 });
    expect(report.inSample.ece).toBeLessThan(1e-12);
    const e = report.metrics.find((m) => m.metric === 'ece')!;
    expect(e.after.value).toBeGreaterThan(0.01);
    expect(report.settings).toEqual({ folds: 5, seed: 0, nBins: 10, resamples: 200, level: 0.95 });
  });
});

describe('metrics before and after', () => {
  it('match the engine and carry paired intervals around the estimates', () => {
    const data = loadCalibrationData('beta');
    const after = Float64Array.from(data.p, (p) => applyMap({ method: 'platt', coef: 1.2, intercept: -0.5 }, p));
    const rows = compareMetrics(data.y, data.p, after, { resamples: 300, seed: 7 });
    const byName = Object.fromEntries(rows.map((r) => [r.metric, r]));
    expect(byName.ece!.before.value).toBe(ece(data));
    expect(byName.brier!.after.value).toBe(brierScore({ p: after, y: data.y }));
    expect(byName.logLoss!.before.value).toBe(logLoss(data));
    for (const r of rows) {
      for (const e of [r.before, r.after, r.change]) expect(e.lo! <= e.value! && e.value! <= e.hi!).toBe(true);
      expect(r.change.value).toBeCloseTo(r.after.value! - r.before.value!, 15);
    }
    // same seed, same numbers
    expect(compareMetrics(data.y, data.p, after, { resamples: 300, seed: 7 })).toEqual(rows);
  });
});

describe('re-scoring under confidence targets', () => {
  // c = correct, w = incorrect, a = abstained; confidences stated for all
  const C = OUTCOME_CODE.correct;
  const W = OUTCOME_CODE.incorrect;
  const A = OUTCOME_CODE.abstained;
  const columns = { outcome: Uint8Array.from([C, W, C, W, A]), confidence: Float64Array.from([0.9, 0.8, 0.6, 0.4, 0.3]) };

  it('scores actual behaviour, the stated-confidence policy and the recalibrated policy', () => {
    // recalibrated: the wrong 0.8 drops to 0.3, the rest as stated
    const r = rescore(columns, Float64Array.from([0.9, 0.3, 0.6, 0.4]), { targets: [0, 0.5, 0.75] });
    const at = Object.fromEntries(r.rows.map((row) => [row.t, row]));
    // t = 0: answer everything attempted: 2 right, 2 wrong (penalty 0) over 5 graded
    expect(at[0]!.actual).toBeCloseTo(2 / 5, 15);
    expect(at[0]!.stated).toBeCloseTo(2 / 5, 15);
    // t = 0.5 (penalty 1): actual 2 - 2 = 0; stated answers 0.9, 0.8, 0.6 -> 2 - 1; recalibrated answers 0.9, 0.6 -> 2
    expect(at[0.5]!.actual).toBeCloseTo(0, 15);
    expect(at[0.5]!.stated).toBeCloseTo(1 / 5, 15);
    expect(at[0.5]!.recalibrated).toBeCloseTo(2 / 5, 15);
    expect(at[0.5]!.recalibratedAnswerRate).toBeCloseTo(2 / 5, 15);
    // t = 0.75 (penalty 3): stated answers 0.9, 0.8 -> 1 - 3; recalibrated answers 0.9 -> 1
    expect(at[0.75]!.stated).toBeCloseTo(-2 / 5, 15);
    expect(at[0.75]!.recalibrated).toBeCloseTo(1 / 5, 15);
    expect(r.keptAbstained).toBe(1);
    expect(r.sweep.grid).toHaveLength(100);
    expect(r.sweep.actual[50]).toBeCloseTo(0, 15);
  });

  it('applies a saved map to another run as an out-of-sample check', () => {
    const fitted = fitReport(loadDataset('beta'), 'platt', { resamples: 100 });
    const applied = applyReport(loadDataset('verbalized'), fitted.params, { resamples: 100 });
    const data = loadCalibrationData('verbalized');
    const brier = applied.metrics.find((m) => m.metric === 'brier')!;
    expect(brier.before.value).toBe(brierScore(data));
    expect(brier.after.value).toBe(brierScore({ p: Float64Array.from(data.p, (p) => applyMap(fitted.params, p)), y: data.y }));
    expect(applied.rescoring.rows.map((r) => r.t)).toEqual([0, 0.5, 0.75, 0.9]);
  });
});
