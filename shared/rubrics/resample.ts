// One bootstrap pass shared by the leaderboard and the threshold sweep.
//
// Every rubric is a function of (correct, incorrect, abstained) counts, so a
// resample only needs tallies, never per-item scores. Runs are aligned on the
// union of their item keys and each key is reduced to its joint outcome
// pattern across runs (e.g. "run A correct, run B abstained"); a replicate
// draws union indices once and bumps one pattern counter per draw, whatever
// the number of runs or rubrics. Per-run and per-pair counts are then summed
// from the (few) distinct patterns.
//
// PRNG: the engine's bootstrap stream (docs/metrics.md): replicate r draws
// from its own Xoshiro128** generator, Xoshiro128.forResample(seed, r), U
// draws (U = union size) via nextBelow(U) (unbiased) or, above 2^21 items,
// floor(nextFloat() * U), as bootstrapInterval does. The union is in
// first-appearance order over the runs as given, so the same runs in the same
// order with the same seed give identical intervals on every machine.
import { numpyQuantileSorted } from '../metrics/binning.ts';
import { Xoshiro128 } from '../metrics/bootstrap.ts';
import type { OutcomeColumns } from '../metrics/types.ts';
import type { Counts } from './rubric.ts';

export interface RunInput {
  runId: string | number;
  name: string;
  /** item keys, unique within the run, parallel to columns */
  keys: string[];
  columns: OutcomeColumns;
}

export interface BootstrapSettings {
  /** default 1000 */
  resamples?: number;
  /** default 0 */
  seed?: number;
  /** central interval mass, default 0.95 */
  level?: number;
}

/** Which run pairs get paired differences: all, none, or explicit index pairs (i < j not required). */
export type PairSelection = 'all' | 'none' | Array<[number, number]>;

export interface CountsBootstrap {
  nRuns: number;
  resamples: number;
  seed: number;
  level: number;
  /** size of the key union the replicates draw from */
  unionSize: number;
  /** distinct joint outcome patterns over the union */
  nPatterns: number;
  /** per run [correct, incorrect, abstained] on the original data: index run*3 + k */
  estimate: Float64Array;
  /** replicate r, run i, outcome k at (r * nRuns + i) * 3 + k */
  replicates: Float64Array;
  pairs: Array<[number, number]>;
  /** per pair, keys graded in both runs */
  pairShared: number[];
  /** per pair [Ca, Ia, Aa, Cb, Ib, Ab] restricted to keys graded in both: index pair*6 + k */
  pairEstimate: Float64Array;
  /** replicate r, pair p at (r * nPairs + p) * 6 + k */
  pairReplicates: Float64Array;
}

export function resolveSettings(s: BootstrapSettings): Required<BootstrapSettings> {
  const resamples = s.resamples ?? 1000;
  const level = s.level ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 0) throw new RangeError(`resamples must be an integer >= 0, got ${resamples}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  return { resamples, level, seed: s.seed ?? 0 };
}

function checkRun(run: RunInput): void {
  const n = run.keys.length;
  if (run.columns.outcome.length !== n || run.columns.confidence.length !== n) {
    throw new RangeError(`run ${run.runId}: ${n} keys but ${run.columns.outcome.length} outcomes / ${run.columns.confidence.length} confidences`);
  }
}

interface Alignment {
  unionSize: number;
  /** pattern index of each union key */
  patternOf: Uint32Array;
  /** per pattern, per run: 0 absent or unlabeled, 1 correct, 2 incorrect, 3 abstained */
  states: Uint8Array;
  nPatterns: number;
}

function align(runs: RunInput[]): Alignment {
  const r = runs.length;
  const index = new Map<string, number>();
  const union: number[][] = []; // per union key, state per run
  runs.forEach((run, ri) => {
    checkRun(run);
    const seen = new Set<string>();
    const { outcome } = run.columns;
    for (let i = 0; i < run.keys.length; i++) {
      const key = run.keys[i]!;
      if (seen.has(key)) throw new RangeError(`run ${run.runId}: duplicate item key ${JSON.stringify(key)}`);
      seen.add(key);
      const o = outcome[i]!;
      if (o > 3) throw new RangeError(`run ${run.runId}: outcome code ${o} at item ${i} is not 0-3`);
      let u = index.get(key);
      if (u === undefined) {
        u = union.length;
        index.set(key, u);
        union.push(new Array<number>(r).fill(0));
      }
      union[u]![ri] = o;
    }
  });
  const patternIds = new Map<string, number>();
  const patternOf = new Uint32Array(union.length);
  const states: number[] = [];
  for (let u = 0; u < union.length; u++) {
    const row = union[u]!;
    const sig = row.join('');
    let p = patternIds.get(sig);
    if (p === undefined) {
      p = patternIds.size;
      patternIds.set(sig, p);
      states.push(...row);
    }
    patternOf[u] = p;
  }
  return { unionSize: union.length, patternOf, states: Uint8Array.from(states), nPatterns: patternIds.size };
}

function allPairs(n: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) out.push([i, j]);
  return out;
}

/** Sums per-run and per-pair counts from pattern counts into the given slots. */
function tally(al: Alignment, nRuns: number, pairs: Array<[number, number]>, pc: Float64Array, runOut: Float64Array, runAt: number, pairOut: Float64Array, pairAt: number): void {
  const { states, nPatterns } = al;
  for (let p = 0; p < nPatterns; p++) {
    const w = pc[p]!;
    if (w === 0) continue;
    const base = p * nRuns;
    for (let i = 0; i < nRuns; i++) {
      const s = states[base + i]!;
      if (s !== 0) runOut[runAt + i * 3 + s - 1]! += w;
    }
    for (let q = 0; q < pairs.length; q++) {
      const [a, b] = pairs[q]!;
      const sa = states[base + a]!;
      const sb = states[base + b]!;
      if (sa !== 0 && sb !== 0) {
        pairOut[pairAt + q * 6 + sa - 1]! += w;
        pairOut[pairAt + q * 6 + 3 + sb - 1]! += w;
      }
    }
  }
}

const MAX_DIRECT = 2097152; // 2^21, as in shared/metrics/bootstrap.ts

export function bootstrapCounts(runs: RunInput[], settings: BootstrapSettings = {}, pairSelection: PairSelection = 'all'): CountsBootstrap {
  const { resamples, level, seed } = resolveSettings(settings);
  const nRuns = runs.length;
  const pairs = pairSelection === 'all' ? allPairs(nRuns) : pairSelection === 'none' ? [] : pairSelection;
  for (const [a, b] of pairs) {
    if (!(a >= 0 && a < nRuns && b >= 0 && b < nRuns && a !== b)) throw new RangeError(`bad run pair [${a}, ${b}]`);
  }
  const al = align(runs);
  const u = al.unionSize;
  const pc = new Float64Array(al.nPatterns);
  for (let i = 0; i < u; i++) pc[al.patternOf[i]!]! += 1;
  const estimate = new Float64Array(nRuns * 3);
  const pairEstimate = new Float64Array(pairs.length * 6);
  tally(al, nRuns, pairs, pc, estimate, 0, pairEstimate, 0);
  const pairShared = pairs.map((_, q) => {
    let s = 0;
    for (let k = 0; k < 3; k++) s += pairEstimate[q * 6 + k]!;
    return s;
  });

  const reps = u === 0 ? 0 : resamples;
  const replicates = new Float64Array(reps * nRuns * 3);
  const pairReplicates = new Float64Array(reps * pairs.length * 6);
  const { patternOf } = al;
  for (let r = 0; r < reps; r++) {
    const rng = Xoshiro128.forResample(seed, r);
    pc.fill(0);
    if (u <= MAX_DIRECT) {
      for (let i = 0; i < u; i++) pc[patternOf[rng.nextBelow(u)]!]! += 1;
    } else {
      for (let i = 0; i < u; i++) pc[patternOf[Math.floor(rng.nextFloat() * u)]!]! += 1;
    }
    tally(al, nRuns, pairs, pc, replicates, r * nRuns * 3, pairReplicates, r * pairs.length * 6);
  }
  return { nRuns, resamples: reps, seed, level, unionSize: u, nPatterns: al.nPatterns, estimate, replicates, pairs, pairShared, pairEstimate, pairReplicates };
}

export function countsAt(arr: Float64Array, at: number): Counts {
  return { correct: arr[at]!, incorrect: arr[at + 1]!, abstained: arr[at + 2]! };
}

export interface PercentileInterval {
  lo: number | null;
  hi: number | null;
}

/** Percentile interval (numpy linear quantiles) of the non-NaN values. */
export function percentileInterval(values: ArrayLike<number>, level: number): PercentileInterval {
  const kept: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) kept.push(values[i]!);
  if (kept.length === 0) return { lo: null, hi: null };
  const sorted = Float64Array.from(kept).sort();
  const a = (1 - level) / 2;
  return { lo: numpyQuantileSorted(sorted, a), hi: numpyQuantileSorted(sorted, 1 - a) };
}
