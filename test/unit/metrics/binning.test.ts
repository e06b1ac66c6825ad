import { describe, expect, it } from 'vitest';
import {
  BIN_CONVENTIONS,
  assignBins,
  binData,
  binLayout,
  binOf,
  kumarEqualMassEdges,
  linspaceEdges,
  numpyQuantileSorted,
  resolveBinCount,
  sklearnQuantileEdges,
  type BinConvention,
} from '../../../shared/metrics/binning.ts';
import { reliabilityBins } from '../../../shared/metrics/ece.ts';
import { boundaryTable, expectClose, loadCalibrationData, ref, referenceValues, type DatasetName } from './reference.ts';

const TABLE_ROWS: [string, BinConvention][] = [
  ['sklearn_uniform10', 'sklearn'],
  ['kumar_get_equal_prob_bins10', 'kumar'],
  ['kumar_get_equal_prob_bins10', 'helm'],
  ['netcal10', 'netcal'],
  ['torchmetrics10_numpy_float64_emulation', 'torchmetrics'],
  ['torchmetrics10_torch_float64', 'torchmetrics'],
  ['relplot_binnedECE10', 'relplot'],
  ['relplot_Binning10 estimator', 'relplot-binning'],
  ['lm_polygraph_ece10', 'lmpolygraph'],
];

describe('edge conventions on exact decimals (boundary_table.md)', () => {
  const table = boundaryTable();
  it('the table lists the 21 decimals 0, 0.05, ..., 1', () => {
    expect(table.values).toHaveLength(21);
    expect(table.values[6]).toBe(0.3);
    expect(table.values[20]).toBe(1);
  });

  it.each(TABLE_ROWS)('%s -> %s', (row, convention) => {
    const expected = table.rows.get(row);
    expect(expected).toBeDefined();
    const layout = binLayout(null, { nBins: 10, convention });
    expect(Array.from(assignBins(layout, Float64Array.from(table.values)))).toEqual(expected);
  });

  it('agrees with the JSON copy of the assignment', () => {
    const json = referenceValues().bin_assignment_of_boundary_values_10_bins;
    const byPrefix = (prefix: string): number[] => {
      const key = Object.keys(json).find((k) => k.startsWith(prefix + ' ') || k === prefix);
      if (!key) throw new Error(prefix);
      return json[key];
    };
    for (const [row, convention] of TABLE_ROWS) {
      const layout = binLayout(null, { nBins: 10, convention });
      expect(Array.from(assignBins(layout, Float64Array.from(json.values))), row).toEqual(byPrefix(row));
    }
  });

  it('gives 1.0 its own extra bin only in torchmetrics and relplot binnedECE', () => {
    for (const c of BIN_CONVENTIONS) {
      const layout = binLayout(null, { nBins: 10, convention: c });
      const extra = c === 'torchmetrics' || c === 'relplot';
      expect(layout.nBins, c).toBe(extra ? 11 : 10);
      expect(binOf(layout, 1), c).toBe(extra ? 10 : 9);
      expect(binOf(layout, 0), c).toBe(0);
    }
  });

  it('right-closed equal-width slots agree with counting the inner edges below x, at and beside every edge', () => {
    // The slot binOf's guess-and-correct gives, defined the slow way: how many inner edges lie strictly below x.
    const counted = (edges: Float64Array, x: number) => edges.subarray(1, edges.length - 1).filter((e) => e < x).length;
    const beside = (e: number) => {
      const bits = new Float64Array([e]);
      const word = new BigInt64Array(bits.buffer);
      const out = [e];
      for (const step of [-1n, 1n]) {
        word[0] = new BigInt64Array(new Float64Array([e]).buffer)[0]! + step;
        out.push(bits[0]!);
      }
      return out;
    };
    for (const convention of ['sklearn', 'kumar', 'helm', 'lmpolygraph'] as const) {
      for (const nBins of [1, 2, 3, 7, 10, 15, 20, 33, 50, 100]) {
        const layout = binLayout(null, { nBins, convention });
        expect(layout.rule).toBe('right-closed');
        const xs = [NaN, -0, -1, -1e-300, 1.5, Infinity, -Infinity, ...Array.from(layout.edges).flatMap((e) => (e > 0 ? beside(e) : [e, 5e-324]))];
        for (let i = 0; i <= 1000; i++) xs.push(i / 1000, (i * 7919) % 1000 / 999);
        for (const x of xs) expect(binOf(layout, x), `${convention} ${nBins} bins, x = ${x}`).toBe(counted(layout.edges, x));
      }
    }
  });

  it('linspace edges reproduce numpy roundoff', () => {
    const e = linspaceEdges(10);
    expect(e[3]).toBe(0.30000000000000004);
    expect(e[6]).toBe(0.6000000000000001);
    expect(e[7]).toBe(0.7000000000000001);
    expect(e[10]).toBe(1);
    expect(Array.from(binLayout(null, { convention: 'kumar' }).edges)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
  });
});

describe('bin count rules', () => {
  it('fixed, sqrt, cube-root and Rice', () => {
    expect(resolveBinCount(7, 1000)).toBe(7);
    expect(resolveBinCount('sqrt', 1000)).toBe(32);
    expect(resolveBinCount('sqrt', 100)).toBe(10);
    expect(resolveBinCount('cbrt', 1000)).toBe(10);
    expect(resolveBinCount('cbrt', 1001)).toBe(11);
    expect(resolveBinCount('rice', 1000)).toBe(20);
    expect(resolveBinCount('sqrt', 0)).toBe(1);
    expect(() => resolveBinCount(0, 10)).toThrow(RangeError);
    expect(() => resolveBinCount(2.5, 10)).toThrow(RangeError);
    expect(binLayout(new Float64Array(100), { nBins: 'sqrt' }).nBins).toBe(10);
  });
});

describe('numpy linear quantile', () => {
  it('interpolates like numpy.percentile', () => {
    const s = Float64Array.from([1, 2, 4, 8]);
    expect(numpyQuantileSorted(s, 0)).toBe(1);
    expect(numpyQuantileSorted(s, 1)).toBe(8);
    expect(numpyQuantileSorted(s, 0.5)).toBe(3);
    expect(numpyQuantileSorted(s, 0.25)).toBe(1.75);
    expect(numpyQuantileSorted(s, 0.9)).toBeCloseTo(6.8, 14);
    expect(numpyQuantileSorted(new Float64Array(0), 0.5)).toBeNaN();
  });
});

describe.each<DatasetName>(['beta', 'verbalized'])('equal-mass bins on the %s dataset', (name) => {
  const data = loadCalibrationData(name);
  const values = ref(name);

  it('sklearn quantile edges and calibration_curve match to 1e-12', () => {
    const curve = values.sklearn.calibration_curve_quantile_10;
    const edges = sklearnQuantileEdges(data.p, 10);
    Array.from(edges).forEach((e, i) => expectClose(e, curve.bin_edges[i], 1e-15, `edge ${i}`));
    const stats = binData(data, { strategy: 'equal-mass', nBins: 10 });
    const bins = reliabilityBins(stats);
    const nonEmpty = bins.flatMap((b, i) => (b.count > 0 ? [i] : []));
    expect(nonEmpty).toEqual(curve.bin_index_of_nonempty_bins);
    nonEmpty.forEach((b, j) => {
      expect(bins[b]!.count).toBe(curve.count_nonempty[j]);
      expectClose(bins[b]!.accuracy, curve.prob_true[j], 1e-12, `prob_true ${j}`);
      expectClose(bins[b]!.meanConfidence, curve.prob_pred[j], 1e-12, `prob_pred ${j}`);
    });
  });

  it('Kumar/HELM equal-mass upper edges match to 1e-15', () => {
    const edges = kumarEqualMassEdges(data.p, 10);
    const expected: number[] = values.helm.equal_mass_bin_upper_edges_10;
    expect(edges.length - 1).toBe(expected.length);
    expected.forEach((e, i) => expectClose(edges[i + 1], e, 1e-15, `upper edge ${i}`));
    expect(binLayout(data.p, { strategy: 'equal-mass', convention: 'helm' }).nBins).toBe(expected.length);
  });

  it('sklearn uniform curve counts sum to n under every convention', () => {
    for (const c of BIN_CONVENTIONS) {
      const stats = binData(data, { convention: c });
      expect(stats.count.reduce((s, v) => s + v, 0), c).toBe(values.n);
    }
  });
});

describe('equal-mass edge cases', () => {
  it('netcal refuses degenerate equal-mass edges; other conventions without equal-mass refuse too', () => {
    const p = Float64Array.from([0.5, 0.5, 0.5, 0.5, 0.9]);
    expect(() => binLayout(p, { strategy: 'equal-mass', convention: 'netcal' })).toThrow(/numerically 0/);
    expect(() => binLayout(p, { strategy: 'equal-mass', convention: 'torchmetrics' })).toThrow(RangeError);
    expect(() => binLayout(null, { strategy: 'equal-mass' })).toThrow(RangeError);
  });

  it('Kumar ties collapse to fewer bins, tied values in the lower bin', () => {
    const p = Float64Array.from([0.2, 0.5, 0.5, 0.5, 0.5, 0.9]);
    const layout = binLayout(p, { strategy: 'equal-mass', nBins: 3, convention: 'kumar' });
    // parts [0.2, 0.5] [0.5, 0.5] [0.5, 0.9]: both midpoints are 0.5
    expect(Array.from(layout.edges)).toEqual([0, 0.5, 1]);
    expect(Array.from(assignBins(layout, p))).toEqual([0, 0, 0, 0, 0, 1]);
  });

  it('more bins than items caps at n for Kumar', () => {
    const p = Float64Array.from([0.1, 0.4]);
    expect(Array.from(kumarEqualMassEdges(p, 10))).toEqual([0, 0.25, 1]);
  });
});
