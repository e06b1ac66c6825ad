// The panel bootstrap engine: every statistic from one set of per-item draw
// counts folded into confidence cells must equal the same statistic computed
// on the materialised resample (docs/metrics.md: the bootstrap stream), and
// every interval must contain its point estimate.
import { describe, expect, it } from 'vitest';
import { analyzeRun } from '../../../main/compute/analysis.ts';
import { splitResamples } from '../../../main/compute/client.ts';
import { resolveCalibrationSettings, type CalibrationRunAnalysis, type Estimate } from '../../../shared/api/calibration.ts';
import { binLayout, binStatistics } from '../../../shared/metrics/binning.ts';
import { bootstrapInterval, percentileInterval } from '../../../shared/metrics/bootstrap.ts';
import { extractCalibrationData, type CalibrationData } from '../../../shared/metrics/calibration-data.ts';
import { aurcTable, cellAuroc, cellAurcTieExpected, CellBinning, CellScores, ConfidenceCells, harmonic, oracleAurcOf } from '../../../shared/metrics/cells.ts';
import { aceFromBins, eceFromBins, mceFromBins, rmsFromBins } from '../../../shared/metrics/ece.ts';
import { unbiasedL2Ce } from '../../../shared/metrics/kumar.ts';
import { ResampleCounter, Xoshiro128 } from '../../../shared/metrics/prng.ts';
import { auroc, brierScore, logLoss } from '../../../shared/metrics/scores.ts';
import { aurc, aurcTieExpected, eAurc, oracleAurc } from '../../../shared/metrics/selective.ts';
import { smoothEceAt, smoothFromCells, smoothReliabilityCurve } from '../../../shared/metrics/smece.ts';
import type { OutcomeColumns } from '../../../shared/metrics/types.ts';
import { expectClose, loadCalibrationData, loadDataset } from '../metrics/reference.ts';

/** The resample with these per-item draw counts, materialised in item order (each item's copies together). */
function materialise(data: CalibrationData, counts: ArrayLike<number>): CalibrationData {
  const p: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < counts.length; i++) {
    for (let c = 0; c < counts[i]!; c++) {
      p.push(data.p[i]!);
      y.push(data.y[i]!);
    }
  }
  return { p: Float64Array.from(p), y: Uint8Array.from(y) };
}

/** Random draw counts summing to n, with a few items drawn many times. */
function randomCounts(n: number, seed: number): Uint8Array {
  const rng = new Xoshiro128(seed);
  const times = new Uint8Array(n);
  for (let i = 0; i < n; i++) times[rng.nextBelow(n)]!++;
  return times;
}

describe('confidence cells', () => {
  for (const name of ['beta', 'verbalized'] as const) {
    const data = loadCalibrationData(name);
    const cells = ConfidenceCells.of(data);
    const table = aurcTable(data.p.length);
    const layout = binLayout(data.p, { nBins: 15, convention: 'netcal' });
    const binning = new CellBinning(cells, layout);
    const scores = new CellScores(cells);

    it(`${name}: every statistic from cell counts equals it on the materialised resample`, () => {
      for (let seed = 1; seed <= 5; seed++) {
        const times = randomCounts(data.p.length, seed);
        const w = new Float64Array(cells.count.length);
        const a = cells.tally(times, null, w, table);
        const resample = materialise(data, times);
        const direct = binStatistics(resample, layout);
        const fromCells = binning.fill(w);
        for (const [label, f] of [
          ['ece', eceFromBins],
          ['mce', mceFromBins],
          ['rms', rmsFromBins],
          ['ace', aceFromBins],
          ['kumar', unbiasedL2Ce],
        ] as const) {
          expectClose(f(fromCells), f(direct)!, 1e-12, `${label} seed ${seed}`);
        }
        expectClose(scores.brier(w, resample.p.length), brierScore(resample)!, 1e-12, 'brier');
        expectClose(scores.logLoss(w, resample.p.length), logLoss(resample)!, 1e-12, 'log loss');
        expectClose(cellAuroc(cells, w), auroc(resample)!, 1e-12, 'auroc');
        expectClose(a, aurc(resample)!, 1e-12, 'aurc');
        expect(Number.isNaN(cells.tally(times, null, new Float64Array(w.length), null))).toBe(true);
        let correct = 0;
        for (let i = 0; i < resample.y.length; i++) correct += resample.y[i]!;
        expectClose(oracleAurcOf(resample.p.length, correct), oracleAurc(resample)!, 1e-12, 'oracle');
        expectClose(a - oracleAurcOf(resample.p.length, correct), eAurc(resample)!, 1e-12, 'e-aurc');
        expectClose(cellAurcTieExpected(cells, w), aurcTieExpected(resample)!, 1e-12, 'aurc, ties in expectation');
      }
    });

    it(`${name}: the smooth statistics from cells equal relplot's on the materialised resample`, () => {
      const times = randomCounts(data.p.length, 9);
      const w = new Float64Array(cells.count.length);
      cells.tally(times, null, w, null);
      const resample = materialise(data, times);
      for (const sigma of [0.05, 0.1]) {
        const smooth = smoothFromCells(cells.p, w, sigma, 50);
        expectClose(smooth.smece, smoothEceAt(resample, sigma)!, 1e-12, `smece ${sigma}`);
        const curve = smoothReliabilityCurve(resample, { sigma, meshSize: 50 })!;
        for (let m = 0; m < 50; m++) expectClose(smooth.mu[m], curve.mu[m]!, 1e-12, `mu ${m}`);
      }
    });
  }

  it('counts past 255 are carried exactly (the overflow map)', () => {
    const data = loadCalibrationData('verbalized');
    const cells = ConfidenceCells.of(data);
    const n = data.p.length;
    // A resample of the run's 300 items: a wrong item drawn 280 times (a byte wraps to 24, 256 more in the
    // map) and a right one 20 times.
    const wrong = data.y.indexOf(0);
    const right = data.y.indexOf(1);
    const wide = new Float64Array(n);
    wide[wrong] = 280;
    wide[right] = 20;
    const times = new Uint8Array(n);
    times[wrong] = 280 & 0xff;
    times[right] = 20;
    const overflow = new Map([[wrong, 256]]);
    const w = new Float64Array(cells.count.length);
    const a = cells.tally(times, overflow, w, aurcTable(n));
    const resample = materialise(data, wide);
    expect(w.reduce((x, y) => x + y, 0)).toBe(n);
    expectClose(a, aurc(resample)!, 1e-12, 'aurc with overflow');
    expectClose(cellAuroc(cells, w), auroc(resample)!, 1e-12, 'auroc with overflow');
  });

  it('harmonic numbers: table and asymptotic series agree with summation', () => {
    let h = 0;
    for (let k = 1; k <= 5000; k++) {
      h += 1 / k;
      if (k % 250 === 0 || k < 300) expectClose(harmonic(k), h, 1e-13, `H_${k}`);
    }
    expect(harmonic(0)).toBe(0);
  });
});

describe('panel intervals', () => {
  const columns = loadDataset('verbalized');
  const settings = resolveCalibrationSettings({ bins: 15, bootstrap: { resamples: 80, seed: 4, smoothResamples: 20 } });
  const analysis = analyzeRun(1, columns, settings);

  it('equal the generic bootstrap of each statistic on the materialised resamples', () => {
    const generic = (stat: (d: CalibrationData) => number | null, estimate: Estimate) => {
      const r = bootstrapInterval((c: OutcomeColumns) => stat(extractCalibrationData(c)), columns, { resamples: 80, seed: 4 });
      return percentileInterval(r.values, 0.95, estimate.value);
    };
    const layout = binLayout(extractCalibrationData(columns).p, { nBins: 15 });
    const binned = (f: typeof eceFromBins) => (d: CalibrationData) => f(binStatistics(d, layout));
    const cases: Array<[string, (d: CalibrationData) => number | null, Estimate]> = [
      ['ece', binned(eceFromBins), analysis.binned.ece],
      ['mce', binned(mceFromBins), analysis.binned.mce],
      ['rms', binned(rmsFromBins), analysis.binned.rms],
      ['brier', brierScore, analysis.brier],
      ['log loss', (d) => logLoss(d), analysis.logLoss],
      ['auroc', auroc, analysis.auroc],
    ];
    for (const [label, stat, estimate] of cases) {
      const { lo, hi } = generic(stat, estimate);
      expectClose(estimate.interval![0], lo!, 1e-12, `${label} lo`);
      expectClose(estimate.interval![1], hi!, 1e-12, `${label} hi`);
    }
  });

  it('AURC orders a resample stably with each drawn item\'s copies where the item stands', () => {
    // bootstrapInterval materialises in draw order, which would order tied items at random; the
    // panel's AURC is the one of the resample as a multiset in item order (resample 0 is materialised here).
    const data = extractCalibrationData(columns);
    const counter = new ResampleCounter(data.p.length, 4);
    const values: number[] = [];
    const excess: number[] = [];
    for (let r = 0; r < 80; r++) {
      counter.count(r);
      const resample = materialise(data, counter.times);
      values.push(aurc(resample)!);
      excess.push(eAurc(resample)!);
    }
    for (const [label, vals, estimate] of [
      ['aurc', values, analysis.aurc],
      ['e-aurc', excess, analysis.eAurc],
    ] as const) {
      const { lo, hi } = percentileInterval(vals, 0.95, estimate.value);
      expectClose(estimate.interval![0], lo!, 1e-12, `${label} lo`);
      expectClose(estimate.interval![1], hi!, 1e-12, `${label} hi`);
    }
  });

  it('one thread or any split of the resamples: the same numbers', () => {
    expect(splitResamples(1000, 2)).toEqual([
      [0, 500],
      [500, 1000],
    ]);
    expect(splitResamples(5, 3)).toEqual([
      [0, 1],
      [1, 3],
      [3, 5],
    ]);
    expect(splitResamples(1, 4)).toEqual([[0, 1]]);
  });
});

/** Every estimate with an interval in an analysis, by name. */
function estimates(a: CalibrationRunAnalysis): Array<[string, Estimate]> {
  return [
    ['ece', a.binned.ece],
    ['mce', a.binned.mce],
    ['rms', a.binned.rms],
    ['ace', a.binned.ace],
    ['kumar', a.binned.kumarDebiasedL2],
    ['smece', a.smooth!.smece],
    ['brier', a.brier],
    ['log loss', a.logLoss],
    ['auroc', a.auroc],
    ['aurc', a.aurc],
    ['e-aurc', a.eAurc],
  ];
}

describe('a point estimate always lies in its interval', () => {
  it('percentileInterval widens to an estimate outside the resampled values, and only then', () => {
    const values = Float64Array.of(0.011, 0.012, 0.013, 0.014, 0.015);
    expect(percentileInterval(values, 0.9, 0.0004)).toEqual({ lo: 0.0004, hi: percentileInterval(values, 0.9).hi });
    expect(percentileInterval(values, 0.9, 0.02).hi).toBe(0.02);
    expect(percentileInterval(values, 0.9, 0.013)).toEqual(percentileInterval(values, 0.9));
    expect(percentileInterval(Float64Array.of(NaN), 0.9, 0.5)).toEqual({ lo: null, hi: null });
  });

  it('on a perfectly calibrated run, where resampled ECEs sit above the estimate', () => {
    // Confidences on a few levels, each level's accuracy exactly its confidence: ECE 0, every resample above it.
    const levels = [0.2, 0.5, 0.8];
    const per = 400;
    const outcome = new Uint8Array(levels.length * per);
    const confidence = new Float64Array(levels.length * per);
    levels.forEach((p, l) => {
      for (let k = 0; k < per; k++) {
        confidence[l * per + k] = p;
        outcome[l * per + k] = k < p * per ? 1 : 2;
      }
    });
    const a = analyzeRun(1, { outcome, confidence }, resolveCalibrationSettings({ bootstrap: { resamples: 200, seed: 1, smoothResamples: 20 } }));
    expect(a.binned.ece.value).toBeLessThan(1e-12);
    for (const [label, estimate] of estimates(a)) {
      if (estimate.value === null) continue;
      const [lo, hi] = estimate.interval!;
      expect(lo <= estimate.value && estimate.value <= hi, `${label} ${estimate.value} in [${lo}, ${hi}]`).toBe(true);
    }
    const curve = a.smooth!.curve!;
    curve.mu.forEach((mu, m) => expect(curve.lo![m]! <= mu && mu <= curve.hi![m]!, `band at ${curve.mesh[m]}`).toBe(true));
  });

  for (const name of ['beta', 'verbalized'] as const) {
    it(`${name}: every panel estimate and the smooth curve lie in their intervals`, () => {
      const a = analyzeRun(1, loadDataset(name), resolveCalibrationSettings({ bootstrap: { resamples: 100, seed: 2, smoothResamples: 20 } }));
      for (const [label, estimate] of estimates(a)) {
        const [lo, hi] = estimate.interval!;
        expect(lo <= estimate.value! && estimate.value! <= hi, `${label}`).toBe(true);
      }
    });
  }
});
