// Runs x rubrics: scores with bootstrap intervals, ranks, flips against the
// reference rubric (binary accuracy unless told otherwise) and paired
// differences over shared items. See resample.ts for the bootstrap and its seed.
import { defaultRubrics, formatRubric, impliedThreshold, rubricLabel, scoreFromCounts, uniqueRubrics, validateRubric, type Counts, type Rubric, type RubricWarning } from './rubric.ts';
import { partialPlan } from './partial-plan.ts';
import { bootstrapCounts, countsAt, percentileInterval, type BootstrapSettings, type CountsBootstrap, type PairSelection, type RunInput } from './resample.ts';

export interface LeaderboardOptions extends BootstrapSettings {
  /** columns of the board; default binary, t = 0.5, 0.75, 0.9 */
  rubrics?: Rubric[];
  /** ranks are compared against this rubric's ranks; default binary accuracy */
  reference?: Rubric;
  /** which run pairs get paired differences; default all */
  pairs?: PairSelection;
  /** relative tolerance under which two scores tie; default 1e-12 */
  tieTolerance?: number;
}

export interface RubricColumn {
  id: string;
  rubric: Rubric;
  label: string;
  impliedThreshold: number | null;
  warnings: RubricWarning[];
}

export interface ScoreCell {
  score: number | null;
  lo: number | null;
  hi: number | null;
  /** 1 = best; tied scores share the best rank of the tie ("1224"); null when score is null */
  rank: number | null;
  /** positive = moved up relative to the reference rubric */
  rankChange: number | null;
  /** rank differs from the run's reference rank */
  flip: boolean;
}

export interface LeaderboardRow {
  runId: string | number;
  name: string;
  counts: Counts;
  graded: number;
  /** rank under the reference rubric */
  referenceRank: number | null;
  /** parallel to Leaderboard.rubrics */
  cells: ScoreCell[];
}

export interface PairedDifference {
  /** score(a) - score(b) on keys graded in both runs */
  diff: number | null;
  lo: number | null;
  hi: number | null;
  /** the interval excludes 0; null without an interval */
  distinguishable: boolean | null;
}

export interface PairComparison {
  runA: string | number;
  runB: string | number;
  /** keys graded in both runs */
  shared: number;
  /** parallel to Leaderboard.rubrics */
  byRubric: PairedDifference[];
}

/** Two runs whose order under a rubric is the reverse of their order under the reference. */
export interface OrderReversal {
  rubricId: string;
  /** ahead under the rubric, behind under the reference */
  ahead: string | number;
  behind: string | number;
  /** from the paired difference under this rubric, when that pair was computed */
  distinguishable: boolean | null;
}

export interface Leaderboard {
  rubrics: RubricColumn[];
  reference: RubricColumn;
  rows: LeaderboardRow[];
  pairs: PairComparison[];
  reversals: OrderReversal[];
  bootstrap: { resamples: number; seed: number; level: number; unionSize: number; method: string };
}

export const LEADERBOARD_METHOD =
  'Percentile bootstrap over the union of item keys: each replicate resamples the union with replacement, drawn as the multinomial of its joint outcome patterns (conditional binomials from the Xoshiro128** generator of replicate r under `seed`), reused for every run and rubric; an interval always contains its score. Paired differences use the same replicates restricted to keys graded in both runs (exactly a resample of the shared keys when the runs cover the same items).';

function tied(a: number, b: number, tol: number): boolean {
  return Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Competition ranks, higher score better, ties share the best rank; null scores get null. */
export function rankScores(scores: Array<number | null>, tolerance = 1e-12): Array<number | null> {
  return scores.map((s) => {
    if (s === null) return null;
    let better = 0;
    for (const o of scores) if (o !== null && o > s && !tied(o, s, tolerance)) better++;
    return better + 1;
  });
}

function column(r: Rubric): RubricColumn {
  return { id: formatRubric(r), rubric: r, label: rubricLabel(r), impliedThreshold: impliedThreshold(r), warnings: validateRubric(r) };
}

function excludesZero(lo: number | null, hi: number | null): boolean | null {
  if (lo === null || hi === null) return null;
  return lo > 0 || hi < 0;
}

function diffAt(r: Rubric, [a, b]: [Counts, Counts]): number {
  const x = scoreFromCounts(r, a);
  const y = scoreFromCounts(r, b);
  return x === null || y === null ? NaN : x - y;
}

/**
 * Builds the board. Pass `counts` to reuse a bootstrap already drawn for the
 * same runs (e.g. by the threshold sweep) instead of drawing again; it is not
 * reused when a rubric scores partial answers apart and a run has some, since
 * that bootstrap must also count them (partial-plan.ts).
 */
export function buildLeaderboard(runs: RunInput[], options: LeaderboardOptions = {}, counts?: CountsBootstrap): Leaderboard {
  // Two rubrics equal by value would be two columns with one id and every flip twice.
  const rubrics = uniqueRubrics(options.rubrics ?? defaultRubrics());
  const reference = options.reference ?? { kind: 'binary' };
  const tol = options.tieTolerance ?? 1e-12;
  const plan = partialPlan(runs, [...rubrics, reference], options.pairs ?? 'all');
  const bs = plan ? bootstrapCounts(plan.runs, options, plan.pairs) : (counts ?? bootstrapCounts(runs, options, options.pairs ?? 'all'));
  const nRuns = runs.length;
  const reps = bs.resamples;
  // With a plan, shadow runs follow the runs and shadow pairs the pairs: each count gets its partial share from its shadow.
  const nAll = plan ? 2 * nRuns : nRuns;
  const nPairsAll = bs.pairs.length;
  const nPairs = plan ? nPairsAll / 2 : nPairsAll;
  const runCounts = (arr: Float64Array, replicate: number, i: number): Counts => {
    const c = countsAt(arr, (replicate * nAll + i) * 3);
    return plan ? { ...c, partial: countsAt(arr, (replicate * nAll + nRuns + i) * 3).correct } : c;
  };
  const pairCounts = (arr: Float64Array, replicate: number, q: number): [Counts, Counts] => {
    const at = (replicate * nPairsAll + q) * 6;
    const a = countsAt(arr, at);
    const b = countsAt(arr, at + 3);
    if (!plan) return [a, b];
    const shadow = (replicate * nPairsAll + nPairs + q) * 6;
    return [
      { ...a, partial: countsAt(arr, shadow).correct },
      { ...b, partial: countsAt(arr, shadow + 3).correct },
    ];
  };

  const refScores = runs.map((_, i) => scoreFromCounts(reference, runCounts(bs.estimate, 0, i)));
  const refRanks = rankScores(refScores, tol);
  const cellsByRun: ScoreCell[][] = runs.map(() => []);
  const reversals: OrderReversal[] = [];
  const pairs: PairComparison[] = bs.pairs.slice(0, nPairs).map(([a, b], q) => ({ runA: runs[a]!.runId, runB: runs[b]!.runId, shared: bs.pairShared[q]!, byRubric: [] }));
  const values = new Float64Array(reps);

  rubrics.forEach((rubric) => {
    const scores = runs.map((_, i) => scoreFromCounts(rubric, runCounts(bs.estimate, 0, i)));
    const ranks = rankScores(scores, tol);
    for (let i = 0; i < nRuns; i++) {
      for (let r = 0; r < reps; r++) values[r] = scoreFromCounts(rubric, runCounts(bs.replicates, r, i)) ?? NaN;
      const { lo, hi } = percentileInterval(values, bs.level, scores[i]!);
      const rank = ranks[i]!;
      const ref = refRanks[i]!;
      const rankChange = rank === null || ref === null ? null : ref - rank;
      cellsByRun[i]!.push({ score: scores[i]!, lo, hi, rank, rankChange, flip: rankChange !== null && rankChange !== 0 });
    }
    pairs.forEach((_, q) => {
      const diff = diffAt(rubric, pairCounts(bs.pairEstimate, 0, q));
      for (let r = 0; r < reps; r++) values[r] = diffAt(rubric, pairCounts(bs.pairReplicates, r, q));
      const { lo, hi } = percentileInterval(values, bs.level, Number.isNaN(diff) ? null : diff);
      pairs[q]!.byRubric.push({ diff: Number.isNaN(diff) ? null : diff, lo, hi, distinguishable: excludesZero(lo, hi) });
    });
    const id = formatRubric(rubric);
    for (let i = 0; i < nRuns; i++) {
      for (let j = 0; j < nRuns; j++) {
        const si = scores[i]!;
        const sj = scores[j]!;
        const ri = refScores[i]!;
        const rj = refScores[j]!;
        if (si === null || sj === null || ri === null || rj === null) continue;
        if (si > sj && !tied(si, sj, tol) && rj > ri && !tied(ri, rj, tol)) {
          const q = bs.pairs.slice(0, nPairs).findIndex(([a, b]) => (a === i && b === j) || (a === j && b === i));
          const distinguishable = q < 0 ? null : pairs[q]!.byRubric[pairs[q]!.byRubric.length - 1]!.distinguishable;
          reversals.push({ rubricId: id, ahead: runs[i]!.runId, behind: runs[j]!.runId, distinguishable });
        }
      }
    }
  });

  const rows: LeaderboardRow[] = runs.map((run, i) => {
    const counts = runCounts(bs.estimate, 0, i);
    return { runId: run.runId, name: run.name, counts, graded: counts.correct + counts.incorrect + counts.abstained, referenceRank: refRanks[i]!, cells: cellsByRun[i]! };
  });
  return {
    rubrics: rubrics.map(column),
    reference: column(reference),
    rows,
    pairs,
    reversals,
    bootstrap: { resamples: reps, seed: bs.seed, level: bs.level, unionSize: bs.unionSize, method: LEADERBOARD_METHOD },
  };
}

function keysOf(run: RunInput): string[] {
  if (!run.keys) throw new RangeError(`run ${run.runId}: item keys are needed to pair it with another run`);
  return run.keys;
}

function restrict(run: RunInput, keep: Set<string>): RunInput {
  const keys = keysOf(run);
  const idx: number[] = [];
  keys.forEach((k, i) => {
    if (keep.has(k)) idx.push(i);
  });
  return {
    ...run,
    keys: idx.map((i) => keys[i]!),
    columns: {
      outcome: Uint8Array.from(idx, (i) => run.columns.outcome[i]!),
      confidence: Float64Array.from(idx, (i) => run.columns.confidence[i]!),
      ...(run.columns.partial ? { partial: Uint8Array.from(idx, (i) => run.columns.partial![i]!) } : {}),
    },
  };
}

/**
 * Paired bootstrap of score(a) - score(b) that resamples exactly the keys
 * graded in both runs (the textbook paired bootstrap). The leaderboard's pairs
 * agree with this whenever both runs cover the same graded items.
 */
export function comparePair(a: RunInput, b: RunInput, rubrics: Rubric[] = defaultRubrics(), settings: BootstrapSettings = {}): PairComparison {
  const gradedB = new Set<string>();
  keysOf(b).forEach((k, i) => {
    if (b.columns.outcome[i]! !== 0) gradedB.add(k);
  });
  const shared = new Set<string>();
  keysOf(a).forEach((k, i) => {
    if (a.columns.outcome[i]! !== 0 && gradedB.has(k)) shared.add(k);
  });
  return buildLeaderboard([restrict(a, shared), restrict(b, shared)], { ...settings, rubrics, pairs: [[0, 1]] }).pairs[0]!;
}
