// Every deterministic binned / selective number of reference_values.json,
// per dataset, from the engine's library-convention functions.
import { describe, expect, it } from 'vitest';
import { binData } from '../../../shared/metrics/binning.ts';
import { aceFromBins, binnedCalibration, ece, eceFromBins, mceFromBins, rmsFromBins } from '../../../shared/metrics/ece.ts';
import { helmCalibration } from '../../../shared/metrics/helm.ts';
import {
  isDiscrete,
  kumarCalibrationError,
  kumarDefaultCalibrationError,
  kumarEce,
  kumarEceEqualMass,
} from '../../../shared/metrics/kumar.ts';
import { lmpolygraphEce, prr, rccAuc } from '../../../shared/metrics/lmpolygraph.ts';
import { aurc, aurcTieExpected, eAurc, oracleAurc, selectiveAccuracy } from '../../../shared/metrics/selective.ts';
import { expectClose, loadCalibrationData, ref, type DatasetName } from './reference.ts';

const TOL = 1e-9;

describe.each<DatasetName>(['beta', 'verbalized'])('%s dataset', (name) => {
  const data = loadCalibrationData(name);
  const v = ref(name);

  it('sklearn calibration_curve ECE, uniform 15 and quantile 10', () => {
    const sk = v.sklearn;
    expectClose(ece(data, { nBins: 15 }), sk['ece_l1_from_calibration_curve_uniform_15 (not an sklearn API)'], TOL, 'uniform 15');
    expectClose(ece(data, { nBins: 10, strategy: 'equal-mass' }), sk['ece_l1_from_calibration_curve_quantile_10 (not an sklearn API)'], TOL, 'quantile 10');
  });

  it('torchmetrics binary_calibration_error (float64): l1, max, l2', () => {
    const tm = v.torchmetrics_binary_calibration_error;
    for (const variant of [tm.numpy_float64_emulation, tm.torch_float64]) {
      const s15 = binData(data, { nBins: 15, convention: 'torchmetrics' });
      expectClose(eceFromBins(s15), variant.l1_15, TOL, 'l1_15');
      expectClose(mceFromBins(s15), variant.max_15, TOL, 'max_15');
      expectClose(rmsFromBins(s15), variant.l2_15, TOL, 'l2_15');
      expectClose(ece(data, { nBins: 10, convention: 'torchmetrics' }), variant.l1_10, TOL, 'l1_10');
    }
  });

  it('netcal ECE / MCE / ACE', () => {
    const nc = v.netcal;
    const w10 = binnedCalibration(data, { nBins: 10, convention: 'netcal' });
    expectClose(w10.ece, nc.ECE_10_equal_width, TOL, 'ECE 10');
    expectClose(w10.mce, nc.MCE_10_equal_width, TOL, 'MCE 10');
    expectClose(w10.ace, nc.ACE_10_equal_width_default, TOL, 'ACE 10');
    expectClose(ece(data, { nBins: 15, convention: 'netcal' }), nc.ECE_15_equal_width, TOL, 'ECE 15');
    if (typeof nc.ECE_10_equal_mass === 'number') {
      const m10 = binData(data, { nBins: 10, strategy: 'equal-mass', convention: 'netcal' });
      expectClose(eceFromBins(m10), nc.ECE_10_equal_mass, TOL, 'ECE 10 equal mass');
      expectClose(aceFromBins(m10), nc.ACE_10_equal_mass, TOL, 'ACE 10 equal mass');
    } else {
      expect(nc.ECE_10_equal_mass).toMatch(/numerically 0/);
      expect(() => binData(data, { nBins: 10, strategy: 'equal-mass', convention: 'netcal' })).toThrow(/numerically 0/);
    }
  });

  it('Kumar et al. plug-in and debiased estimators', () => {
    const k = v.uncertainty_calibration_kumar;
    expectClose(kumarEce(data, 15), k.get_ece_15_equal_width_plugin, TOL, 'get_ece 15');
    expectClose(kumarEceEqualMass(data, 15), k.get_ece_em_15_equal_mass_plugin, TOL, 'get_ece_em 15');
    expectClose(kumarCalibrationError(data, { debias: false, nBins: 15 }), k.l2_ce_15_equal_mass_plugin, TOL, 'l2 em plugin');
    expectClose(kumarCalibrationError(data, { debias: true, nBins: 15 }), k.l2_ce_15_equal_mass_debiased, TOL, 'l2 em debiased');
    expectClose(kumarCalibrationError(data, { debias: false, nBins: 10, strategy: 'equal-width' }), k.l2_ce_10_equal_width_plugin, TOL, 'l2 ew plugin');
    expectClose(kumarCalibrationError(data, { debias: true, nBins: 10, strategy: 'equal-width' }), k.l2_ce_10_equal_width_debiased, TOL, 'l2 ew debiased');
    expect(isDiscrete(data.p)).toBe(k.is_discrete_heuristic);
    expectClose(kumarDefaultCalibrationError(data), k.get_calibration_error_default, TOL, 'default');
  });

  it('relplot binnedECE (int(p/(1/n)), 1.0 in its own bin)', () => {
    expectClose(ece(data, { nBins: 10, convention: 'relplot' }), v.relplot.binnedECE_10, TOL, 'binnedECE 10');
    expectClose(ece(data, { nBins: 15, convention: 'relplot' }), v.relplot.binnedECE_15, TOL, 'binnedECE 15');
  });

  it('HELM calibration metrics', () => {
    const h = v.helm;
    const got = helmCalibration(data);
    expectClose(got.ece10Bin, h.ece_10_bin, TOL, 'ece_10_bin');
    expectClose(got.ece1Bin, h.ece_1_bin, TOL, 'ece_1_bin');
    expectClose(got.selectiveCovAccArea, h.selective_cov_acc_area, TOL, 'selective_cov_acc_area');
    expectClose(got.selectiveAcc10, h['selective_acc@10'], TOL, 'selective_acc@10');
  });

  it('HELM Platt scaling (exact MLE vs sklearn lbfgs)', () => {
    const h = v.helm;
    const got = helmCalibration(data);
    expectClose(got.plattCoef, h.platt_coef, 1e-6, 'platt_coef');
    expectClose(got.plattIntercept, h.platt_intercept, 1e-6, 'platt_intercept');
    expectClose(got.plattEce10Bin, h.platt_ece_10_bin, 1e-7, 'platt_ece_10_bin');
    // the exact MLE with intercept matches mean prediction to accuracy, so the 1-bin ECE is ~0
    expectClose(got.plattEce1Bin, 0, 1e-12, 'platt_ece_1_bin (exact MLE)');
    expect(h.platt_ece_1_bin).toBeLessThan(1e-6);
  });

  it('LM-Polygraph PRR, rcc-auc and 20-bin ECE', () => {
    const l = v.lm_polygraph;
    const got = prr(data);
    expectClose(got.raw, l.prr_raw_area, TOL, 'prr raw');
    expectClose(got.oracle, l.prr_oracle_area, TOL, 'prr oracle');
    expectClose(got.randomAnalytic, l.prr_random_area_analytic, TOL, 'prr random');
    expectClose(got.normalized, l.prr_normalized_analytic_random, TOL, 'prr normalized');
    expectClose(rccAuc(data), l.rcc_auc_lmpg, TOL, 'rcc-auc');
    expectClose(lmpolygraphEce(data), l.ece_lmpg_20bins, TOL, 'ece 20');
  });

  it('risk-coverage: AURC (stable and tie-expected), oracle, E-AURC, selective accuracy', () => {
    const s = v.selective;
    expectClose(aurc(data), s.aurc_stable_ties_in_input_order, TOL, 'aurc stable');
    expectClose(aurcTieExpected(data), s.aurc_tie_expected_random_order, TOL, 'aurc tie expected');
    expectClose(oracleAurc(data), s.aurc_oracle, TOL, 'oracle');
    expectClose(eAurc(data), s.eaurc_stable, TOL, 'e-aurc stable');
    expectClose(eAurc(data, 'expected'), s.eaurc_tie_expected, TOL, 'e-aurc expected');
    for (const [c, acc] of Object.entries(s.acc_at_coverage)) {
      expectClose(selectiveAccuracy(data, Number(c)), acc as number, TOL, `acc@${c}`);
    }
  });
});
