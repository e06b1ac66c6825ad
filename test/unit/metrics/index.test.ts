import { describe, expect, it } from 'vitest';
import * as metrics from '../../../shared/metrics/index.ts';
import { loadDataset, ref, expectClose } from './reference.ts';

describe('metrics index', () => {
  it('exposes the engine end to end', () => {
    const columns = loadDataset('beta');
    const data = metrics.extractCalibrationData(columns);
    expectClose(metrics.computeRunMetrics(columns).calibration.ece, ref('beta').sklearn['ece_l1_from_calibration_curve_uniform_10 (not an sklearn API)'], 1e-12, 'ece');
    expectClose(metrics.smECE(data)!.smece, ref('beta').relplot.smECE_v1_0_3, 1e-9, 'smECE');
    expect(metrics.BIN_CONVENTIONS).toHaveLength(8);
  });
});
