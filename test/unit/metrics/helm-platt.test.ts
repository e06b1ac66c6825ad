// Issue 13, item 3: HELM's Platt fit on separable data has no finite optimum;
// the penalised optimum (or wherever an optimiser stops) is not HELM's number,
// so it is shown as undefined, with the reason, as `recalibrate fit` does.
import { describe, expect, it } from 'vitest';
import { calibrationData } from '../../../shared/metrics/calibration-data.ts';
import { helmCalibration, PLATT_SEPARABLE } from '../../../shared/metrics/helm.ts';
import { separatedByThreshold } from '../../../shared/metrics/logistic.ts';
import { analysisJson } from '../../../shared/export/analyze-json.ts';
import { resolveCalibrationSettings } from '../../../shared/api/calibration.ts';
import { OUTCOME_CODE } from '../../../shared/metrics/types.ts';
import { analyzeRun } from '../../../main/compute/analysis.ts';
import { int, rng } from '../../support/fuzz.ts';

describe('HELM Platt scaling on separable data', () => {
  it('is undefined when every wrong answer sits below every right one', () => {
    const h = helmCalibration(calibrationData([0.1, 0.2, 0.3, 0.7, 0.8, 0.9], [0, 0, 0, 1, 1, 1]));
    expect(h.plattCoef).toBeNull();
    expect(h.plattIntercept).toBeNull();
    expect(h.plattEce10Bin).toBeNull();
    expect(h.plattEce1Bin).toBeNull();
    expect(h.plattUndefined).toBe(PLATT_SEPARABLE);
    // the rest of HELM's block is still computed
    expect(h.ece1Bin).toBeCloseTo(0, 12);
    expect(h.selectiveCovAccArea).not.toBeNull();
  });

  it('is undefined when the classes only meet at the threshold (quasi-complete separation) and when confidence runs backwards', () => {
    expect(helmCalibration(calibrationData([0.2, 0.5, 0.5, 0.8], [0, 0, 1, 1])).plattUndefined).toBe(PLATT_SEPARABLE);
    expect(helmCalibration(calibrationData([0.9, 0.8, 0.1, 0.2], [0, 0, 1, 1])).plattCoef).toBeNull();
  });

  it('keeps fitted values when the classes overlap, HELM 0 for one outcome, and null for no items', () => {
    const fitted = helmCalibration(calibrationData([0.1, 0.4, 0.35, 0.8, 0.6, 0.9], [0, 1, 0, 1, 0, 1]));
    expect(fitted.plattUndefined).toBeNull();
    expect(Number.isFinite(fitted.plattCoef)).toBe(true);
    const one = helmCalibration(calibrationData([0.1, 0.9], [1, 1]));
    expect([one.plattCoef, one.plattEce10Bin, one.plattEce1Bin, one.plattUndefined]).toEqual([null, 0, 0, null]);
    const none = helmCalibration(calibrationData([], []));
    expect([none.plattEce10Bin, none.plattUndefined]).toEqual([null, null]);
  });

  it('analyze --json carries the reason beside the null values', () => {
    const columns = { outcome: Uint8Array.from([OUTCOME_CODE.incorrect, OUTCOME_CODE.correct]), confidence: Float64Array.from([0.1, 0.9]) };
    const json = analysisJson(analyzeRun(1, columns, resolveCalibrationSettings({ bootstrap: { resamples: 0 } })));
    expect(json.helm).toMatchObject({ platt_coef: null, platt_ece_10_bin: null, platt_undefined: PLATT_SEPARABLE });
  });

  // Fuzz: small random runs. A fit reported as finite must come from data a threshold does not separate.
  it.each(Array.from({ length: 40 }, (_, i) => i + 1))('fuzzed run, seed %i: a coefficient only where a finite optimum exists', (seed) => {
    const random = rng(seed);
    const n = int(random, 2, 12);
    const p = Array.from({ length: n }, () => Math.round(random() * 10) / 10);
    const y = p.map((v) => (random() < v ? 1 : 0));
    const h = helmCalibration(calibrationData(p, y));
    const both = y.includes(0) && y.includes(1);
    const separable = both && separatedByThreshold(Float64Array.from(p), Uint8Array.from(y));
    expect(h.plattUndefined !== null, `${p} ${y}`).toBe(separable);
    if (both && !separable) {
      expect(Number.isFinite(h.plattCoef)).toBe(true);
      expect(Math.abs(h.plattCoef!)).toBeLessThan(1e6);
    }
  });
});
