import { crossoverOf, defaultGrid, policyCurve, thresholdSweep } from '../../../shared/rubrics/index.ts';
import { runOf, runWithCounts } from './helpers.ts';

describe('defaultGrid', () => {
  it('runs 0 to 0.99 in clean steps of 0.01', () => {
    const g = defaultGrid();
    expect(g).toHaveLength(100);
    expect([g[0], g[7], g[50], g[99]]).toEqual([0, 0.07, 0.5, 0.99]);
    expect(defaultGrid(0.25)).toEqual([0, 0.25, 0.5, 0.75]);
  });
});

describe('thresholdSweep', () => {
  // abstainer: 22 right, 26 wrong, 52 abstained; guesser: 24 right, 75 wrong, 1 abstained
  const abstainer = runWithCounts('abstainer', 22, 26, 52);
  const guesser = runWithCounts('guesser', 24, 75, 1);
  const sweep = thresholdSweep([abstainer, guesser], { grid: [0, 0.5, 0.75, 0.9], resamples: 200 });

  it('scores each run along the grid by hand', () => {
    expect(sweep.runs[0]!.score).toEqual([0.22, expect.closeTo(-0.04, 12), expect.closeTo(-0.56, 12), expect.closeTo(-2.12, 12)]);
    expect(sweep.runs[1]!.score).toEqual([0.24, expect.closeTo(-0.51, 12), expect.closeTo(-2.01, 12), expect.closeTo(-6.51, 12)]);
    expect(sweep.runs[0]!.answerRate).toBeCloseTo(0.48, 15);
  });

  it('draws bands that contain the curve', () => {
    for (const run of sweep.runs) {
      run.score.forEach((s, i) => {
        expect(run.lo[i]!).toBeLessThanOrEqual(s! + 1e-12);
        expect(run.hi[i]!).toBeGreaterThanOrEqual(s! - 1e-12);
      });
    }
  });

  it('finds the exact crossover t = 2/51 with the guesser leading below and the abstainer above', () => {
    expect(sweep.crossovers).toHaveLength(1);
    const x = sweep.crossovers[0]!;
    expect(x.t).toBeCloseTo(2 / 51, 14);
    expect([x.leaderBelow, x.leaderAbove]).toEqual(['guesser', 'abstainer']);
  });

  it('reports a crossing at t = 0 as a tie below, and none for parallel curves', () => {
    expect(crossoverOf({ acc: 0.5, err: 0.3 }, { acc: 0.5, err: 0.1 })).toEqual({ t: 0, aLeadsAbove: false });
    const tie = thresholdSweep([runWithCounts('a', 5, 3, 2), runWithCounts('b', 5, 1, 4)], { grid: [0, 0.5], resamples: 0 });
    expect(tie.crossovers).toEqual([{ runA: 'a', runB: 'b', t: 0, leaderBelow: null, leaderAbove: 'b' }]);
    expect(crossoverOf({ acc: 0.6, err: 0.2 }, { acc: 0.5, err: 0.2 })).toBeNull();
    // b is better at t = 0 and errs less: never overtaken
    expect(crossoverOf({ acc: 0.4, err: 0.5 }, { acc: 0.5, err: 0.2 })).toBeNull();
  });

  it('leaves out crossings beyond the grid', () => {
    // k* = 0.1 / 0.01 = 10, t* = 10/11 > 0.9
    const far = thresholdSweep([runWithCounts('a', 60, 21, 19), runWithCounts('b', 50, 20, 30)], { grid: [0, 0.5, 0.9], resamples: 0 });
    expect(far.crossovers).toEqual([]);
    expect(crossoverOf({ acc: 0.6, err: 0.21 }, { acc: 0.5, err: 0.2 })!.t).toBeCloseTo(10 / 11, 12);
  });
});

describe('policyCurve', () => {
  // answered with confidence: .9 right, .8 wrong, .6 right, .3 wrong; abstained at .95; answered right without confidence
  const run = runOf('p', 'ciciac', { confidence: [0.9, 0.8, 0.6, 0.3, 0.95, NaN] });
  const curve = policyCurve(run, [0, 0.5, 0.8, 0.9]);

  it('answers iff confidence > t and keeps abstentions at 0 points', () => {
    expect(curve.score).toEqual([0.5, expect.closeTo(1 / 3, 15), expect.closeTo(1 / 3, 15), expect.closeTo(1 / 6, 15)]);
    expect(curve.answerRate).toEqual([5 / 6, 4 / 6, 2 / 6, 1 / 6]);
    expect([curve.decided, curve.keptAbstained, curve.keptNoConfidence]).toEqual([4, 1, 1]);
  });

  it('sits beside the actual curve, which answers everything the model answered', () => {
    const s = thresholdSweep([run], { grid: [0, 0.5, 0.8, 0.9], resamples: 0 });
    // actual: 3 right, 2 wrong, 1 abstained of 6
    expect(s.runs[0]!.score).toEqual([0.5, expect.closeTo(1 / 6, 15), expect.closeTo(-5 / 6, 15), expect.closeTo(-15 / 6, 12)]);
    expect(s.runs[0]!.policy).toEqual(curve);
    expect(s.runs[0]!.lo).toEqual([null, null, null, null]);
  });

  it('counts, on any grid (unsorted, repeated, on the confidences themselves), exactly the items a direct count answers', () => {
    let state = 7;
    const random = () => ((state = (state * 1103515245 + 12345) >>> 0) / 2 ** 32);
    for (let trial = 0; trial < 50; trial++) {
      const n = 1 + Math.floor(random() * 300);
      const outcome = Uint8Array.from({ length: n }, () => Math.floor(random() * 4));
      // Few distinct confidences (ties), some equal to grid targets, some missing or out of range.
      const confidence = Float64Array.from({ length: n }, () => (random() < 0.05 ? NaN : random() < 0.03 ? 1.5 : Math.floor(random() * 21) / 20));
      const grid = [0.5, 0, 0.25, 0.95, 0.5, ...Array.from({ length: 5 }, () => Math.floor(random() * 20) / 20)];
      const curve = policyCurve({ runId: 'r', name: 'r', columns: { outcome, confidence } }, grid);
      const graded = outcome.filter((o) => o !== 0).length;
      grid.forEach((t, g) => {
        let c = 0;
        let w = 0;
        outcome.forEach((o, i) => {
          const p = confidence[i]!;
          const decided = o === 1 || o === 2;
          const answered = decided && (!(p >= 0 && p <= 1) || p > t);
          if (answered && o === 1) c++;
          if (answered && o === 2) w++;
        });
        expect(curve.score[g]).toBe(graded === 0 ? null : (c - (t / (1 - t)) * w) / graded);
        expect(curve.answerRate[g]).toBe(graded === 0 ? null : (c + w) / graded);
      });
    }
  });

  it('counts exactly on the default grid and on one target, confidences on and beside the targets included', () => {
    const grid = defaultGrid(0.01);
    // Spelled several ways, so some land a rounding step off a target (0.07 vs 7 * 0.01), and some beside them.
    const values = grid.flatMap((t, j) => [t, j / 100, j * 0.01, t + 1e-12, t - 1e-12, t + 0.005]).filter((p) => p >= 0 && p <= 1);
    const outcome = Uint8Array.from(values, (_, i) => (i % 3 === 0 ? 2 : 1));
    const confidence = Float64Array.from(values);
    for (const targets of [grid, [0.3], [0, 0.999]]) {
      const curve = policyCurve({ runId: 'r', name: 'r', columns: { outcome, confidence } }, targets);
      targets.forEach((t, g) => {
        const answered = values.filter((p) => p > t).length;
        expect(curve.answerRate[g]).toBe(answered / values.length);
      });
    }
  });
});
