import { describe, expect, it } from 'vitest';
import { calibrationData } from '../../../shared/metrics/calibration-data.ts';
import { gridSize, smECE, smoothEceAt, smoothReliabilityCurve } from '../../../shared/metrics/smece.ts';
import { expectClose, loadCalibrationData, ref, type DatasetName } from './reference.ts';

const TOL = 1e-9;

describe('smECE mechanics', () => {
  it('grid size follows relplot (round half even, floor)', () => {
    expect(gridSize(0.5)).toBe(1001);
    expect(gridSize(0.01)).toBe(1001);
    expect(gridSize(0.005)).toBe(2001);
    // 20 / 0.0016 = 12500 exactly -> 6251
    expect(gridSize(0.0016)).toBe(6251);
  });

  it('is 0-ish for a perfectly calibrated constant forecast and large for a reversed one', () => {
    const ok = calibrationData([0.5, 0.5, 0.5, 0.5], [1, 0, 1, 0]);
    expect(smECE(ok)!.smece).toBeLessThan(1e-12);
    const bad = calibrationData([0.95, 0.95, 0.05, 0.05], [0, 0, 1, 1]);
    const s = smECE(bad)!;
    expect(s.smece).toBeGreaterThan(0.3);
    expect(s.sigma * 1024).toBe(Math.round(s.sigma * 1024));
  });

  it('refuses a non-positive bandwidth and returns null on empty data', () => {
    expect(() => smoothEceAt(calibrationData([0.5], [1]), 0)).toThrow(RangeError);
    expect(smECE(calibrationData([], []))).toBeNull();
    expect(smoothReliabilityCurve(calibrationData([], []))).toBeNull();
  });
});

describe.each<DatasetName>(['beta', 'verbalized'])('%s dataset against relplot 1.0.3', (name) => {
  const data = loadCalibrationData(name);
  const r = ref(name).relplot;

  it('smECE and sigma*', () => {
    const s = smECE(data)!;
    expect(s.sigma).toBe(r.sigma_v1_0_3);
    expectClose(s.smece, r.smECE_v1_0_3, TOL, 'smECE');
  });

  it('smoothECE at sigma = 0.05', () => {
    expectClose(smoothEceAt(data, 0.05), r.smECE_sigma_0_05_v1_0_3, TOL, 'smoothECE(0.05)');
  });

  it('full-data smooth reliability curve: mesh, mu and density', () => {
    const d = r.diagram_full_data;
    const c = smoothReliabilityCurve(data)!;
    expect(c.sigma).toBe(r.sigma_v1_0_3);
    expect(c.mesh).toHaveLength(d.mesh.length);
    for (let i = 0; i < d.mesh.length; i++) {
      expectClose(c.mesh[i], d.mesh[i], 1e-15, `mesh ${i}`);
      expectClose(c.mu[i], d.mu_full_data[i], TOL, `mu ${i}`);
      expectClose(c.density[i], d.density[i], TOL, `density ${i}`);
    }
  });
});
