import { describe, expect, it } from 'vitest';
import { calibrationData } from '../../../shared/metrics/calibration-data.ts';
import { corpDecomposition, isotonicFit, isotonicPredict, murphyDecomposition } from '../../../shared/metrics/decomposition.ts';
import { binLayout } from '../../../shared/metrics/binning.ts';
import { scorePass } from '../../../shared/metrics/panel.ts';
import { auroc, brierScore, logLoss } from '../../../shared/metrics/scores.ts';
import { withSharedOrders } from '../../../shared/metrics/selective.ts';
import { ece } from '../../../shared/metrics/ece.ts';
import { expectClose, loadCalibrationData, recalibrationReference, ref, type DatasetName } from './reference.ts';

const TOL = 1e-9;

describe('scores by hand', () => {
  it('Brier, log loss and AUROC on a tiny case', () => {
    const d = calibrationData([0.8, 0.4, 0.4, 0.1], [1, 1, 0, 0]);
    expectClose(brierScore(d), (0.04 + 0.36 + 0.16 + 0.01) / 4, 1e-15, 'brier');
    expectClose(logLoss(d), -(Math.log(0.8) + Math.log(0.4) + Math.log(0.6) + Math.log(0.9)) / 4, 1e-15, 'log loss');
    // pairs (pos, neg): (0.8,0.4)=1 (0.8,0.1)=1 (0.4,0.4)=1/2 (0.4,0.1)=1 -> 3.5/4
    expectClose(auroc(d), 3.5 / 4, 1e-15, 'auroc');
  });

  it('log loss clips p = 0 and 1 at float64 epsilon instead of returning Infinity', () => {
    const d = calibrationData([1, 0], [0, 1]);
    expectClose(logLoss(d), -Math.log(2.220446049250313e-16), 1e-9, 'clipped');
  });

  it('AUROC is undefined with one class; empty data gives nulls', () => {
    expect(auroc(calibrationData([0.2, 0.9], [1, 1]))).toBeNull();
    const empty = calibrationData([], []);
    expect(brierScore(empty)).toBeNull();
    expect(logLoss(empty)).toBeNull();
    expect(murphyDecomposition(empty)).toBeNull();
    expect(corpDecomposition(empty)).toBeNull();
  });

  it('AUROC off the shared descending order (read from its end) is bit for bit the one from its own ascending sort', () => {
    let s = 7;
    const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
    for (const round of [(u: number) => Math.round(u * 20) / 20, (u: number) => Math.round(u * 10_000) / 10_000, (u: number) => u]) {
      const n = 30_000;
      const p: number[] = [];
      const y: number[] = [];
      for (let i = 0; i < n; i++) {
        const u = round(next());
        p.push(u);
        y.push(next() < u ? 1 : 0);
      }
      const d = calibrationData(p, y);
      const own = auroc(d);
      expect(own).not.toBeNull();
      expect(withSharedOrders(d.p, () => auroc(d))).toBe(own);
    }
  });

  it('isotonic regression pools violators and tied x like sklearn', () => {
    const fit = isotonicFit(Float64Array.from([0.1, 0.2, 0.2, 0.3, 0.4]), [1, 0, 1, 0, 1]);
    // x=0.2 pools to 0.5; 1, 0.5, 0 violate -> one block of weight 4 with mean 0.5
    expect(Array.from(fit.x)).toEqual([0.1, 0.2, 0.3, 0.4]);
    expect(Array.from(fit.y)).toEqual([0.5, 0.5, 0.5, 1]);
    expectClose(isotonicPredict(fit, 0.35), 0.75, 1e-15, 'interpolated');
    expect(isotonicPredict(fit, 0)).toBe(0.5);
    expect(isotonicPredict(fit, 1)).toBe(1);
  });
});

describe.each<DatasetName>(['beta', 'verbalized'])('%s dataset', (name) => {
  const data = loadCalibrationData(name);
  const v = ref(name);

  it('Brier, log loss and AUROC match sklearn', () => {
    expectClose(brierScore(data), v.sklearn.brier_score_loss, 1e-12, 'brier');
    expectClose(logLoss(data), v.sklearn.log_loss, TOL, 'log loss');
    expectClose(auroc(data), v.sklearn.roc_auc_score_conf_vs_correct, TOL, 'auroc');
    expectClose(auroc(data), v.sklearn.auroc_mann_whitney_avg_ranks, TOL, 'auroc (Mann-Whitney)');
  });

  it('binned Murphy decomposition: every term and the identity', () => {
    const m = v.murphy_decomposition_binned;
    const got = murphyDecomposition(data)!;
    expect(got.nBins).toBe(m.n_bins);
    expectClose(got.reliability, m.reliability, TOL, 'REL');
    expectClose(got.resolution, m.resolution, TOL, 'RES');
    expectClose(got.uncertainty, m.uncertainty, TOL, 'UNC');
    expectClose(got.reliability - got.resolution + got.uncertainty, m.rel_minus_res_plus_unc, TOL, 'REL-RES+UNC');
    expectClose(got.withinBinVariance, m.within_bin_variance, TOL, 'WBV');
    expectClose(got.withinBinCovariance, m.within_bin_covariance_x2, TOL, 'WBC');
    expectClose(got.brier, m.brier, TOL, 'brier');
    const identity = got.reliability - got.resolution + got.uncertainty + got.withinBinVariance - got.withinBinCovariance;
    expectClose(identity, got.brier, 1e-12, 'identity');
  });

  it('binned Murphy decomposition from bin sums and a Brier score already computed: the same terms, bit for bit', () => {
    for (const binning of [{}, { nBins: 15, strategy: 'equal-mass' as const }, { convention: 'kumar' as const }, { convention: 'netcal' as const }, { convention: 'torchmetrics' as const }]) {
      const known = scorePass(data, binLayout(data.p, binning));
      expect(murphyDecomposition(data, binning, known), JSON.stringify(binning)).toEqual(murphyDecomposition(data, binning));
    }
  });

  it('CORP decomposition by isotonic regression', () => {
    const c = v.corp_brier_decomposition_isotonic;
    const got = corpDecomposition(data)!;
    expectClose(got.S, c.S, TOL, 'S');
    expectClose(got.MCB, c.MCB, TOL, 'MCB');
    expectClose(got.DSC, c.DSC, TOL, 'DSC');
    expectClose(got.UNC, c.UNC, TOL, 'UNC');
    expectClose(got.MCB - got.DSC + got.UNC, c.check_S_eq_MCB_minus_DSC_plus_UNC, TOL, 'identity');
  });

  it('isotonic recalibration matches sklearn IsotonicRegression (recalibration_reference.json)', () => {
    const iso = recalibrationReference().datasets[name].isotonic;
    const fit = isotonicFit(data.p, data.y);
    (iso.mesh as number[]).forEach((t, i) => expectClose(isotonicPredict(fit, t), iso.fitted_at_mesh[i], 1e-12, `mesh ${t}`));
    const recal = { p: data.p.map((p) => isotonicPredict(fit, p)), y: data.y };
    expectClose(brierScore(recal), iso.brier, TOL, 'isotonic brier');
    expectClose(ece(recal), iso.ece_sklearn_10, TOL, 'isotonic ece');
  });
});
