import { extractCalibrationData } from '../../../shared/metrics/calibration-data.ts';
import { auroc } from '../../../shared/metrics/scores.ts';
import { IIV_ASSUMPTIONS, iivAnalysis } from '../../../shared/rubrics/index.ts';
import { runOf } from './helpers.ts';

describe('iivAnalysis', () => {
  // attempted: .9 c, .8 c, .7 i, .6 c, .4 i, .4 c, .2 i; plus one abstained and one without confidence
  const run = runOf('v', 'cciciciac', { confidence: [0.9, 0.8, 0.7, 0.6, 0.4, 0.4, 0.2, 0.5, NaN] });
  const r = iivAnalysis(run.columns);

  it('walks the ROC one distinct confidence at a time', () => {
    expect([r.n, r.positives, r.negatives, r.excludedAbstained, r.excludedNoConfidence]).toEqual([7, 4, 3, 1, 1]);
    expect(r.roc.map((p) => [p.threshold, p.fpr, p.tpr])).toEqual([
      [Infinity, 0, 0], [0.9, 0, 0.25], [0.8, 0, 0.5], [0.7, 1 / 3, 0.5], [0.6, 1 / 3, 0.75], [0.4, 2 / 3, 1], [0.2, 1, 1],
    ]);
    expect(r.roc.map((p) => p.error * 7)).toEqual([4, 3, 2, 3, 2, 2, 3].map((x) => expect.closeTo(x, 12)));
  });

  it('computes AUROC with ties as one half, as the metrics module does', () => {
    expect(r.auroc).toBeCloseTo(9.5 / 12, 15);
    expect(r.auroc).toBeCloseTo(auroc(extractCalibrationData(run.columns))!, 15);
  });

  it('reads the best threshold error as err_iiv and doubles it', () => {
    expect(r.errIiv).toBeCloseTo(2 / 7, 15);
    expect(r.bestThreshold).toBe(0.8);
    expect(r.twiceErrIiv).toBeCloseTo(4 / 7, 15);
    expect(r.bound).toBeCloseTo(4 / 7, 15);
    expect(iivAnalysis(run.columns, { validToErrorRatio: 0.1, delta: 0.05 }).bound).toBeCloseTo(4 / 7 - 0.15, 15);
    expect(r.assumptions).toBe(IIV_ASSUMPTIONS);
    expect(IIV_ASSUMPTIONS).toContain('2 err_iiv - |V|/|E| - delta');
  });

  it('handles runs without both classes', () => {
    const all = iivAnalysis(runOf('c', 'cc', { confidence: [0.3, 0.7] }).columns);
    expect([all.auroc, all.errIiv, all.bestThreshold]).toEqual([null, 0, 0.3]);
    const none = iivAnalysis(runOf('n', 'aa').columns);
    expect([none.n, none.errIiv, none.bound, none.roc.length]).toEqual([0, null, null, 1]);
  });
});
