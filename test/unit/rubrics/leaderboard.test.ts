import { numpyQuantileSorted } from '../../../shared/metrics/binning.ts';
import { binomial } from '../../../shared/metrics/binomial.ts';
import { Xoshiro128 } from '../../../shared/metrics/bootstrap.ts';
import { bootstrapCounts, buildLeaderboard, comparePair, parseRubric, rankScores, scoreFromCounts, type RunInput } from '../../../shared/rubrics/index.ts';
import { runOf, runWithCounts } from './helpers.ts';

describe('rankScores', () => {
  it('gives ties the same, best rank and skips the next ("1224")', () => {
    expect(rankScores([0.5, 0.7, 0.5, null, 0.1])).toEqual([2, 1, 2, null, 4]);
    expect(rankScores([0.1 + 0.2, 0.3])).toEqual([1, 1]);
  });
});

describe('buildLeaderboard', () => {
  // A: 6 right, 4 wrong. B: 5 right, 5 abstained. Same ten keys.
  const a = runWithCounts('A', 6, 4, 0);
  const b = runWithCounts('B', 5, 0, 5);
  const board = buildLeaderboard([a, b], { rubrics: ['binary', 't=0.5', 't=0.75', 'simpleqa-f'].map(parseRubric), resamples: 200 });

  it('scores every run under every rubric by hand', () => {
    expect(board.rows.map((r) => r.cells.map((c) => c.score))).toEqual([
      [0.6, 0.2, expect.closeTo(-0.6, 12), expect.closeTo(0.6, 12)],
      [0.5, 0.5, 0.5, expect.closeTo(2 / 3, 12)],
    ]);
    expect(board.rows[0]!.counts).toEqual({ correct: 6, incorrect: 4, abstained: 0 });
  });

  it('ranks per rubric and flags the flip against binary accuracy', () => {
    expect(board.rows.map((r) => r.cells.map((c) => c.rank))).toEqual([[1, 2, 2, 2], [2, 1, 1, 1]]);
    expect(board.rows.map((r) => r.cells.map((c) => c.flip))).toEqual([[false, true, true, true], [false, true, true, true]]);
    expect(board.rows[1]!.cells[2]!.rankChange).toBe(1);
    expect(board.rows[0]!.cells[2]!.rankChange).toBe(-1);
    expect(board.reversals.map((r) => [r.rubricId, r.ahead, r.behind])).toEqual([['t=0.5', 'B', 'A'], ['t=0.75', 'B', 'A'], ['simpleqa-f', 'B', 'A']]);
  });

  it('gives intervals that contain the estimate and repeat exactly for the same seed', () => {
    for (const row of board.rows) for (const c of row.cells) expect(c.lo! <= c.score! && c.score! <= c.hi!).toBe(true);
    const again = buildLeaderboard([a, b], { rubrics: ['binary', 't=0.5', 't=0.75', 'simpleqa-f'].map(parseRubric), resamples: 200 });
    expect(again).toEqual(board);
    const big = [runOf('big', 'ciaciicacciaic'.repeat(20))];
    const seed0 = buildLeaderboard(big, { rubrics: [parseRubric('t=0.75')], resamples: 200 });
    const seed99 = buildLeaderboard(big, { rubrics: [parseRubric('t=0.75')], resamples: 200, seed: 99 });
    expect(seed99.rows[0]!.cells[0]!.lo).not.toBe(seed0.rows[0]!.cells[0]!.lo);
    expect(board.bootstrap).toMatchObject({ resamples: 200, seed: 0, level: 0.95, unionSize: 10 });
  });

  it('draws each replicate as the multinomial of the joint outcome patterns, from the replicate\'s own generator', () => {
    const x = runOf('x', 'ciaciicaccuaic', { keys: [...'abcdefghijklmn'] });
    const y = runOf('y', 'aacciicc', { keys: [...'ghijopqr'] });
    const rubric = parseRubric('t=0.75');
    const got = buildLeaderboard([x, y], { rubrics: [rubric], resamples: 300, seed: 5 });
    // union order: x's keys, then y's new keys o p q r; patterns in order of first appearance
    const union = [...'abcdefghijklmnopqr'];
    const state = (run: RunInput, key: string) => {
      const i = run.keys!.indexOf(key);
      return i < 0 ? 0 : run.columns.outcome[i]!;
    };
    const patterns: Array<[number, number]> = [];
    const sizes: number[] = [];
    for (const key of union) {
      const joint: [number, number] = [state(x, key), state(y, key)];
      const at = patterns.findIndex(([sx, sy]) => sx === joint[0] && sy === joint[1]);
      if (at < 0) {
        patterns.push(joint);
        sizes.push(1);
      } else sizes[at]!++;
    }
    const vals: number[][] = [[], [], []];
    for (let r = 0; r < 300; r++) {
      const rng = Xoshiro128.forResample(5, r);
      const cnt = [[0, 0, 0, 0], [0, 0, 0, 0]];
      const pair = [[0, 0, 0, 0], [0, 0, 0, 0]];
      // conditional binomials in pattern order
      let left = union.length;
      let rest = union.length;
      patterns.forEach(([sx, sy], k) => {
        const drawn = k === patterns.length - 1 ? left : sizes[k]! >= rest ? left : binomial(rng, left, sizes[k]! / rest);
        left -= drawn;
        rest -= sizes[k]!;
        cnt[0]![sx]! += drawn;
        cnt[1]![sy]! += drawn;
        if (sx && sy) {
          pair[0]![sx]! += drawn;
          pair[1]![sy]! += drawn;
        }
      });
      const sc = (c: number[]) => scoreFromCounts(rubric, { correct: c[1]!, incorrect: c[2]!, abstained: c[3]! });
      vals[0]!.push(sc(cnt[0]!)!);
      vals[1]!.push(sc(cnt[1]!)!);
      const dx = sc(pair[0]!);
      const dy = sc(pair[1]!);
      if (dx !== null && dy !== null) vals[2]!.push(dx - dy);
    }
    const q = (v: number[], p: number) => numpyQuantileSorted(Float64Array.from(v).sort(), p);
    const tail = (1 - 0.95) / 2; // as bootstrap.ts computes it (0.025000000000000022)
    const [sx0, sy1] = [got.rows[0]!.cells[0]!.score!, got.rows[1]!.cells[0]!.score!];
    expect(got.rows[0]!.cells[0]!.lo).toBe(Math.min(q(vals[0]!, tail), sx0));
    expect(got.rows[1]!.cells[0]!.hi).toBe(Math.max(q(vals[1]!, 1 - tail), sy1));
    const diff = got.pairs[0]!.byRubric[0]!.diff!;
    expect(got.pairs[0]!.byRubric[0]!.lo).toBe(Math.min(q(vals[2]!, tail), diff));
    expect(got.pairs[0]!.byRubric[0]!.hi).toBe(Math.max(q(vals[2]!, 1 - tail), diff));
    // shared keys graded in both: g h i j (k l m n are x only, o-r y only)
    expect(got.pairs[0]!.shared).toBe(4);
  });

  it('a run compared alone needs no keys, and gets the same numbers as with them', () => {
    const run = runOf('solo', 'ciaciicaccuaic'.repeat(5));
    const rubrics = ['binary', 't=0.75'].map(parseRubric);
    const { keys, ...keyless } = run;
    expect(keys).toHaveLength(70);
    expect(buildLeaderboard([keyless], { rubrics, resamples: 150, seed: 2 }).rows).toEqual(buildLeaderboard([run], { rubrics, resamples: 150, seed: 2 }).rows);
    expect(() => buildLeaderboard([keyless, run], { rubrics })).toThrow(/keys are needed/);
  });

  it('has the distribution of per-key draws: replicate counts are Binomial(U, share) per run and outcome', () => {
    const run = runWithCounts('m', 300, 500, 200);
    const counts = bootstrapCounts([run], { resamples: 4000, seed: 3 }, 'none');
    for (const [k, share] of [
      [0, 0.3],
      [1, 0.5],
      [2, 0.2],
    ] as const) {
      let sum = 0;
      let sq = 0;
      for (let r = 0; r < 4000; r++) {
        const v = counts.replicates[r * 3 + k]!;
        sum += v;
        sq += v * v;
      }
      const mean = sum / 4000;
      const variance = sq / 4000 - mean * mean;
      // mean within 4 standard errors; variance within 10% of U p (1 - p)
      expect(Math.abs(mean - 1000 * share)).toBeLessThan(4 * Math.sqrt((1000 * share * (1 - share)) / 4000));
      expect(Math.abs(variance / (1000 * share * (1 - share)) - 1)).toBeLessThan(0.1);
    }
    for (let r = 0; r < 4000; r++) expect(counts.replicates[r * 3]! + counts.replicates[r * 3 + 1]! + counts.replicates[r * 3 + 2]!).toBe(1000);
  });

  it('excludes unlabeled items from every score', () => {
    const board2 = buildLeaderboard([runOf('u', 'ccuuia')], { rubrics: [parseRubric('t=0.5')], resamples: 10 });
    expect(board2.rows[0]!.cells[0]!.score).toBeCloseTo(1 / 4, 15);
    expect(board2.rows[0]!.graded).toBe(4);
  });

  it('lets identical runs tie without a flip', () => {
    const t = buildLeaderboard([runWithCounts('p', 3, 2, 1), runWithCounts('q', 3, 2, 1)], { resamples: 50 });
    for (const row of t.rows) for (const c of row.cells) expect([c.rank, c.flip]).toEqual([1, false]);
    expect(t.pairs[0]!.byRubric.every((d) => d.diff === 0 && d.lo === 0 && d.hi === 0 && d.distinguishable === false)).toBe(true);
  });

  it('rejects duplicate keys and mismatched columns', () => {
    expect(() => buildLeaderboard([runOf('d', 'cc', { keys: ['k', 'k'] })])).toThrow(/duplicate item key "k"/);
    const bad = runOf('m', 'ccc');
    bad.keys!.pop();
    expect(() => buildLeaderboard([bad])).toThrow(/2 keys but 3 outcomes/);
  });
});

describe('paired differences', () => {
  it('separates runs whose difference interval excludes 0', () => {
    const good = runWithCounts('good', 200, 0, 0);
    const bad = runWithCounts('bad', 0, 200, 0);
    const d = comparePair(good, bad, [parseRubric('binary'), parseRubric('t=0.5')], { resamples: 100 });
    expect(d.byRubric.map((x) => [x.diff, x.lo, x.hi, x.distinguishable])).toEqual([[1, 1, 1, true], [2, 2, 2, true]]);
    expect(d.shared).toBe(200);
  });

  it('resamples only keys graded in both runs', () => {
    const x = runOf('x', 'ccii', { keys: ['1', '2', '3', '4'] });
    const y = runOf('y', 'ucaa', { keys: ['1', '2', '3', '9'] });
    const d = comparePair(x, y, [parseRubric('binary')], { resamples: 50 });
    // shared graded keys 2 and 3: x = c, i (0.5); y = c, a (0.5)
    expect(d.shared).toBe(2);
    expect(d.byRubric[0]!.diff).toBe(0);
  });
});

// Speed is shown by `npm run bench`; this checks the pattern-tally path on a large input.
describe('large runs', () => {
  it('tallies 3 runs x 20k items into at most 27 outcome patterns and bootstraps every rubric', () => {
    const n = 20_000;
    const rng = new Xoshiro128(1);
    const runs = ['r1', 'r2', 'r3'].map((id) => ({
      runId: id,
      name: id,
      keys: Array.from({ length: n }, (_, i) => `item-${i}`),
      columns: { outcome: Uint8Array.from({ length: n }, () => 1 + rng.nextBelow(3)), confidence: new Float64Array(n).fill(NaN) },
    }));
    const rubrics = ['binary', 't=0.5', 't=0.75', 't=0.9', 'open:0.75', 'custom:1,-2,0', 'simpleqa-f'].map(parseRubric);
    const counts = bootstrapCounts(runs, { resamples: 200 });
    const board = buildLeaderboard(runs, { rubrics }, counts);
    for (const cell of board.rows[0]!.cells) {
      expect(cell.lo).not.toBeNull();
      expect(cell.lo!).toBeLessThanOrEqual(cell.hi!);
    }
    expect(counts.nPatterns).toBeLessThanOrEqual(27);
  });
});
