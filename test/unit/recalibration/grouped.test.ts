// A fit on the run's distinct confidences (grouped.ts) must be the item-level
// fit, bit for bit: the full map, each fold's map, every cross-fitted
// confidence, the in-sample confidences, the re-scoring and the bootstrap's
// inputs (so the intervals do not move), and the same refusal where the
// item-level path refuses. Checked on random runs with heavy ties, few and
// many items, confidences of exactly 0 and 1, lopsided outcomes and mostly
// distinct confidences (where Platt leaves the groups).
import { describe, expect, it } from 'vitest';
import { extractCalibrationData } from '../../../shared/metrics/calibration-data.ts';
import { OUTCOME_CODE, type OutcomeColumns } from '../../../shared/metrics/types.ts';
import { ece } from '../../../shared/metrics/ece.ts';
import { brierScore, logLoss } from '../../../shared/metrics/scores.ts';
import { comparisonInputs, comparisonPoints, diagramBins, sidePoints } from '../../../shared/recalibration/evaluate.ts';
import { applyMapAll, crossFit, fitMap, fitReportPoints, mapCurve, rescore, RecalibrationInputError, type FitReport, type RecalibrationMethod } from '../../../shared/recalibration/index.ts';
import { confidenceGroups, crossFitOnGroups, fitMapOnGroups, mappedByGroup, rescoreOnGroups, sidePointsOfGroups } from '../../../shared/recalibration/grouped.ts';

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Case {
  n: number;
  decimals: number | null;
  /** share of items at exactly 0 or 1 */
  ends: number;
  /** P(right) = skew(c) */
  skew: (c: number) => number;
}

function columnsOf(seed: number, { n, decimals, ends, skew }: Case): OutcomeColumns {
  const random = mulberry32(seed);
  const outcome = new Uint8Array(n);
  const confidence = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let c = random();
    if (decimals !== null) c = Math.round(c * 10 ** decimals) / 10 ** decimals;
    if (random() < ends) c = random() < 0.5 ? 0 : 1;
    const kind = random();
    outcome[i] = kind < 0.05 ? OUTCOME_CODE.abstained : kind < 0.07 ? OUTCOME_CODE.unlabeled : random() < skew(c) ? OUTCOME_CODE.correct : OUTCOME_CODE.incorrect;
    confidence[i] = kind > 0.97 ? Number.NaN : c;
  }
  return { outcome, confidence };
}

function outcomeOf<T>(work: () => T): { value: T } | { refused: string } {
  try {
    return { value: work() };
  } catch (error) {
    if (error instanceof RecalibrationInputError) return { refused: `${error.code}: ${error.message}` };
    throw error;
  }
}

const CASES: Array<[string, Case]> = [
  ['a million-item shape: four decimals', { n: 10_000, decimals: 4, ends: 0, skew: (c) => c ** 1.3 }],
  ['two decimals (Platt on groups)', { n: 6_000, decimals: 2, ends: 0.01, skew: (c) => 0.2 + 0.6 * c }],
  ['one decimal, few items (Platt on items)', { n: 300, decimals: 1, ends: 0, skew: (c) => c }],
  ['mostly distinct confidences (Platt on items)', { n: 5_000, decimals: null, ends: 0, skew: (c) => c }],
  ['confidences of 0 and 1', { n: 5_000, decimals: 3, ends: 0.2, skew: (c) => 0.1 + 0.8 * c }],
  ['lopsided: nearly all right', { n: 4_500, decimals: 2, ends: 0, skew: () => 0.995 }],
  ['tiny', { n: 12, decimals: 1, ends: 0, skew: (c) => c }],
];

describe.each(['isotonic', 'platt', 'temperature', 'histogram'] as RecalibrationMethod[])('fits on groups: %s', (method) => {
  it.each(CASES)('%s: the item-level maps, predictions, re-scoring and bootstrap inputs, bit for bit', (_, shape) => {
    for (const seed of [1, 2]) {
      const columns = columnsOf(seed * 7919 + shape.n, shape);
      const data = extractCalibrationData(columns);
      const groups = confidenceGroups(data);
      for (const [folds, foldSeed] of [
        [5, 0],
        [3, seed],
      ] as const) {
        const full = outcomeOf(() => fitMap(data, method, {}));
        expect(outcomeOf(() => fitMapOnGroups(data, groups, method, {}))).toEqual(full);
        const items = outcomeOf(() => crossFit(data, method, {}, { folds, seed: foldSeed }));
        const grouped = outcomeOf(() => crossFitOnGroups(data, groups, method, {}, { folds, seed: foldSeed }));
        if ('refused' in items) {
          expect(grouped).toEqual(items);
          continue;
        }
        if (!('value' in grouped)) throw new Error(`grouped refused where items did not: ${grouped.refused}`);
        const { held, ...cross } = grouped.value;
        expect(cross).toEqual(items.value);
        expect(rescoreOnGroups(columns, groups, grouped.value)).toEqual(rescore(columns, items.value.predictions));
        expect(comparisonInputs(data.y, data.p, grouped.value.predictions)).toEqual(comparisonInputs(data.y, data.p, items.value.predictions));
        if ('value' in full) expect(mappedByGroup(full.value.params, groups)).toEqual(applyMapAll(full.value.params, data.p));
        if (method === 'isotonic' || (method === 'platt' && shape.decimals !== null && shape.n >= 5000)) expect(held, 'the groups were used').not.toBeNull();
      }
    }
  });
});

describe('the stated side on groups', () => {
  it.each(CASES)('%s: ECE, its bins, Brier and log loss of the item-level sums, bit for bit', (_, shape) => {
    for (const seed of [1, 2, 3]) {
      const data = extractCalibrationData(columnsOf(seed * 104729 + shape.n, shape));
      expect(sidePointsOfGroups(data, confidenceGroups(data))).toEqual(sidePoints(data.p, data.y));
    }
  });

  it('-0 beside 0 in one group, values on the bin edges, and no items', () => {
    const p = Float64Array.from([0, -0, 0.1, 0.2, 0.30000000000000004, 0.3, 0.7, 1, -0, 0.1, 0.5, 0.5]);
    const y = Uint8Array.from([0, 1, 1, 0, 1, 0, 1, 1, 0, 0, 1, 0]);
    for (const data of [{ p, y }, { p: p.subarray(1, 2), y: y.subarray(1, 2) }, { p: new Float64Array(0), y: new Uint8Array(0) }]) {
      const grouped = sidePointsOfGroups(data, confidenceGroups(data));
      const items = sidePoints(data.p, data.y);
      expect(grouped).toEqual(items);
      expect(grouped.bins.map((bin) => Object.is(bin.meanConfidence, -0))).toEqual(items.bins.map((bin) => Object.is(bin.meanConfidence, -0)));
    }
  });
});

describe('fits on groups refuse what the item-level fits refuse, with the same words', () => {
  const runs: Array<[string, number[], number[]]> = [
    ['every item right', [0.1, 0.5, 0.9, 0.4, 0.7, 0.2], [1, 1, 1, 1, 1, 1]],
    ['one confidence', [0.5, 0.5, 0.5, 0.5, 0.5, 0.5], [1, 0, 1, 0, 1, 0]],
    ['a fold with one outcome', [0.1, 0.3, 0.5, 0.7, 0.9, 0.95], [1, 1, 1, 0, 1, 1]],
    ['separated by a threshold', [0.1, 0.2, 0.3, 0.7, 0.8, 0.9, 0.15, 0.85], [0, 0, 0, 1, 1, 1, 0, 1]],
    ['fewer items than folds', [0.1, 0.9], [0, 1]],
  ];
  it.each(runs)('%s', (_, p, y) => {
    const data = { p: Float64Array.from(p), y: Uint8Array.from(y) };
    const groups = confidenceGroups(data);
    for (const method of ['isotonic', 'platt'] as RecalibrationMethod[]) {
      for (const folds of [2, 3, 5]) {
        const items = outcomeOf(() => crossFit(data, method, {}, { folds }));
        const grouped = outcomeOf(() => {
          const { held: _held, ...cross } = crossFitOnGroups(data, groups, method, {}, { folds });
          return cross;
        });
        expect(grouped).toEqual(items);
      }
      expect(outcomeOf(() => fitMapOnGroups(data, groups, method))).toEqual(outcomeOf(() => fitMap(data, method)));
    }
  });
});

describe('a fit report', () => {
  it.each(['isotonic', 'platt', 'beta'] as RecalibrationMethod[])('%s: the report the item-level functions make, bit for bit, its first part a prefix of it', (method) => {
    const columns = columnsOf(11, CASES[1]![1]);
    const data = extractCalibrationData(columns);
    const full = fitMap(data, method, {});
    const cross = crossFit(data, method, {}, { folds: 5, seed: 4 });
    const inSample = { p: applyMapAll(full.params, data.p), y: data.y };
    let correct = 0;
    for (const y of data.y) correct += y;
    const expected: FitReport = {
      method,
      params: full.params,
      warnings: full.warnings,
      items: { n: data.p.length, correct, excludedAbstained: data.excludedAbstained, excludedNoConfidence: data.excludedNoConfidence },
      settings: { folds: 5, seed: 4, nBins: 10, resamples: 50, level: 0.95 },
      inSample: { ece: ece(inSample), brier: brierScore(inSample), logLoss: logLoss(inSample) },
      metrics: comparisonPoints(data.y, data.p, cross.predictions),
      curve: mapCurve(full.params),
      binsBefore: diagramBins(data.p, data.y),
      binsAfter: diagramBins(cross.predictions, data.y),
      rescoring: rescore(columns, cross.predictions),
    };
    const parts: FitReport[] = [];
    const points = fitReportPoints(columns, method, { seed: 4, resamples: 50 }, undefined, (part) => parts.push(part));
    expect(points.report).toEqual(expected);
    expect(points.inputs).toEqual(comparisonInputs(data.y, data.p, cross.predictions));
    expect(parts).toHaveLength(2);
    expect(parts[1]).toEqual(expected);
    const [first] = parts as [FitReport];
    expect(first.afterPending).toBe(true);
    expect({ params: first.params, curve: first.curve, binsBefore: first.binsBefore, before: first.metrics.map((m) => m.before) }).toEqual({
      params: expected.params,
      curve: expected.curve,
      binsBefore: expected.binsBefore,
      before: expected.metrics.map((m) => m.before),
    });
    expect(first.rescoring.rows.map((row) => [row.actual, row.stated, row.recalibrated])).toEqual(expected.rescoring.rows.map((row) => [row.actual, row.stated, null]));
  });
});

describe('confidenceGroups', () => {
  it('groups equal confidences in ascending order, 0 and -0 as one named by its first item, by table or (past 65,536 values) by sorting', () => {
    let state = 11;
    const random = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (const [distinct, negativeZeroFirst] of [
      [3, true],
      [1000, false],
      [10_001, true],
      [150_000, false],
    ] as const) {
      const n = 120_000;
      const p = Float64Array.from({ length: n }, () => Math.floor(random() * distinct) / (distinct - 1));
      const y = Uint8Array.from({ length: n }, () => (random() < 0.6 ? 1 : 0));
      p[0] = negativeZeroFirst ? -0 : 0;
      p[n - 1] = negativeZeroFirst ? 0 : -0;
      const groups = confidenceGroups({ p, y });
      // By hand: the first item of each value names it; a Map's keys treat 0 and -0 as one, as === does.
      const first = new Map<number, number>();
      p.forEach((x, i) => first.has(x) || first.set(x, i));
      const values = [...first.keys()].sort((a, b) => a - b).map((x) => p[first.get(x)!]!);
      const place = new Map(values.map((x, g) => [x, g] as const));
      expect(Array.from(groups.values)).toEqual(values);
      expect(Object.is(groups.values[0], negativeZeroFirst ? -0 : 0)).toBe(true);
      const total = new Float64Array(values.length);
      const correct = new Float64Array(values.length);
      p.forEach((x, i) => {
        const g = place.get(x)!;
        expect(groups.groupOf[i]).toBe(g);
        total[g]! += 1;
        correct[g]! += y[i]!;
      });
      expect(groups.total).toEqual(total);
      expect(groups.correct).toEqual(correct);
    }
  });
});

