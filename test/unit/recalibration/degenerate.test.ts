// Degenerate input gets a clear message, never a crash or a silent NaN.
import { describe, expect, it } from 'vitest';
import { calibrationData } from '../../../shared/metrics/calibration-data.ts';
import { OUTCOME_CODE } from '../../../shared/metrics/types.ts';
import {
  crossFit,
  fitMap,
  fitReport,
  RECALIBRATION_METHODS,
  RecalibrationInputError,
  type RecalibrationMethod,
} from '../../../shared/recalibration/index.ts';

function refusal(fn: () => unknown): RecalibrationInputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof RecalibrationInputError) return error;
    throw error;
  }
  throw new Error('expected a RecalibrationInputError');
}

describe.each(RECALIBRATION_METHODS)('degenerate input: %s', (method: RecalibrationMethod) => {
  it('refuses a run where every item is correct, and one where every item is wrong', () => {
    const allRight = refusal(() => fitMap(calibrationData([0.2, 0.5, 0.9], [1, 1, 1]), method));
    expect(allRight.code).toBe('one-outcome');
    expect(allRight.message).toMatch(/every one of the 3 attempted items in this run is correct/);
    const allWrong = refusal(() => fitMap(calibrationData([0.2, 0.5, 0.9], [0, 0, 0]), method));
    expect(allWrong.message).toMatch(/is wrong/);
  });

  it('refuses one distinct confidence and says what the accuracy is', () => {
    const e = refusal(() => fitMap(calibrationData([0.7, 0.7, 0.7, 0.7], [1, 0, 1, 1]), method));
    expect(e.code).toBe('one-confidence');
    expect(e.message).toMatch(/all 4 attempted items in this run state the same confidence \(0.7\).*0\.750/);
  });

  it('refuses no usable items', () => {
    expect(refusal(() => fitMap(calibrationData([], []), method)).code).toBe('no-items');
  });

  it('refuses fewer items than folds', () => {
    const e = refusal(() => crossFit(calibrationData([0.1, 0.6, 0.9], [0, 1, 1]), method, {}, { folds: 5 }));
    expect(e.code).toBe('too-few-items');
    expect(e.message).toMatch(/only 3 attempted items with a confidence for 5 folds.*at most 3 folds/);
  });

  it('refuses a fold whose training part has one outcome, naming the fold', () => {
    // one wrong item: the fold that holds it out trains on correct items only
    const e = refusal(() => crossFit(calibrationData([0.1, 0.3, 0.5, 0.7, 0.9, 0.95], [1, 1, 1, 0, 1, 1]), method, {}, { folds: 3 }));
    expect(e.code).toBe('fold-one-outcome');
    expect(e.message).toMatch(/training part of fold \d of 3.*at least 2 correct and 2 incorrect/);
  });

  it('fits confidences of exactly 0 and 1 to finite values in [0, 1]', () => {
    const base = [0, 0, 0, 1, 1, 1, 0.2, 0.4, 0.6, 0.8];
    const outcomes = [0, 0, 1, 1, 1, 0, 0, 1, 0, 1];
    const data = calibrationData([...base, ...base, ...base], [...outcomes, ...outcomes, ...outcomes]);
    const fit = fitMap(data, method);
    const report = fitReport(
      { outcome: Uint8Array.from(data.y, (v) => (v ? OUTCOME_CODE.correct : OUTCOME_CODE.incorrect)), confidence: data.p },
      method,
      { folds: 3, resamples: 50 },
    );
    for (const v of report.curve.y) expect(v >= 0 && v <= 1).toBe(true);
    for (const m of report.metrics) {
      expect(Number.isFinite(m.before.value)).toBe(true);
      expect(Number.isFinite(m.after.value)).toBe(true);
    }
    if (['platt', 'temperature', 'beta'].includes(method)) expect(fit.warnings[0]).toMatch(/9 of exactly 0 and 9 of exactly 1 confidences/);
    else expect(fit.warnings).toEqual([]);
  });
});

it('refuses a perfectly separating confidence for Platt (no finite optimum) but fits isotonic', () => {
  const data = calibrationData([0.1, 0.2, 0.3, 0.7, 0.8, 0.9], [0, 0, 0, 1, 1, 1]);
  expect(refusal(() => fitMap(data, 'platt')).code).toBe('no-optimum');
  expect(refusal(() => fitMap(data, 'beta')).code).toBe('no-optimum');
  const iso = fitMap(data, 'isotonic').params;
  expect(iso.method === 'isotonic' && iso.y).toEqual([0, 0, 0, 1, 1, 1]);
});

it('refuses temperature scaling when confidence runs against accuracy', () => {
  const data = calibrationData([0.9, 0.8, 0.85, 0.3, 0.2, 0.25, 0.6, 0.4], [0, 0, 1, 1, 1, 0, 0, 1]);
  expect(refusal(() => fitMap(data, 'temperature')).code).toBe('anti-informative');
});
