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
// Resampling: a replicate draws U union keys with replacement; what it needs
// of them is only how many draws land on each pattern, which is a multinomial
// of U over the patterns' shares. So replicate r draws those pattern counts
// directly, as conditional binomials in pattern order (shared/metrics
// binomial.ts: exact BTPE and inversion) from its own generator,
// Xoshiro128.forResample(seed, r): a handful of draws per replicate instead
// of U, with exactly the distribution of the per-key draws. The union is in
// first-appearance order over the runs as given and patterns in order of
// first appearance in it, so the same runs in the same order with the same
// seed give identical intervals on every machine.
import { multinomialResample } from '../metrics/binomial.ts';
import { percentileInterval, Xoshiro128 } from '../metrics/bootstrap.ts';
import type { OutcomeColumns } from '../metrics/types.ts';
import type { Counts } from './rubric.ts';

export interface RunInput {
  runId: string | number;
  name: string;
  /**
   * item keys, unique within the run, parallel to columns: what aligns
   * several runs. A run compared alone needs none (its items are the union).
   */
  keys?: string[];
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

function checkRun(run: RunInput, alone: boolean): string[] | null {
  if (!run.keys) {
    if (!alone) throw new RangeError(`run ${run.runId}: item keys are needed to align it with other runs`);
    if (run.columns.outcome.length !== run.columns.confidence.length) {
      throw new RangeError(`run ${run.runId}: ${run.columns.outcome.length} outcomes but ${run.columns.confidence.length} confidences`);
    }
    return null;
  }
  const n = run.keys.length;
  if (run.columns.outcome.length !== n || run.columns.confidence.length !== n) {
    throw new RangeError(`run ${run.runId}: ${n} keys but ${run.columns.outcome.length} outcomes / ${run.columns.confidence.length} confidences`);
  }
  return run.keys;
}

interface Alignment {
  unionSize: number;
  /** pattern index of each union key */
  patternOf: Uint32Array;
  /** per pattern, per run: 0 absent or unlabeled, 1 correct, 2 incorrect, 3 abstained */
  states: Uint8Array;
  nPatterns: number;
}

/** One run without keys: its items are the union, in order. */
function alignAlone(run: RunInput): Alignment {
  const { outcome } = run.columns;
  const patternOf = new Uint32Array(outcome.length);
  const idOf = [-1, -1, -1, -1];
  const states: number[] = [];
  for (let i = 0; i < outcome.length; i++) {
    const o = outcome[i]!;
    if (o > 3) throw new RangeError(`run ${run.runId}: outcome code ${o} at item ${i} is not 0-3`);
    if (idOf[o]! < 0) {
      idOf[o] = states.length;
      states.push(o);
    }
    patternOf[i] = idOf[o]!;
  }
  return { unionSize: outcome.length, patternOf, states: Uint8Array.from(states), nPatterns: states.length };
}

function align(runs: RunInput[]): Alignment {
  const r = runs.length;
  if (r === 1 && !runs[0]!.keys) {
    checkRun(runs[0]!, true);
    return alignAlone(runs[0]!);
  }
  const index = new Map<string, number>();
  let capacity = Math.max(1, runs.reduce((sum, run) => sum + run.columns.outcome.length, 0));
  // per union key, state per run (0 absent or unlabeled): one byte each, no per-key objects
  let union = new Uint8Array(capacity * r);
  let size = 0;
  runs.forEach((run, ri) => {
    const keys = checkRun(run, r === 1)!;
    const seen = r === 1 ? index : new Set<string>();
    const { outcome } = run.columns;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const o = outcome[i]!;
      if (o > 3) throw new RangeError(`run ${run.runId}: outcome code ${o} at item ${i} is not 0-3`);
      let u = index.get(key);
      if (r > 1) {
        const mine = seen as Set<string>;
        if (mine.has(key)) throw new RangeError(`run ${run.runId}: duplicate item key ${JSON.stringify(key)}`);
        mine.add(key);
      } else if (u !== undefined) throw new RangeError(`run ${run.runId}: duplicate item key ${JSON.stringify(key)}`);
      if (u === undefined) {
        u = size++;
        index.set(key, u);
        if (size > capacity) {
          capacity *= 2;
          const grown = new Uint8Array(capacity * r);
          grown.set(union);
          union = grown;
        }
      }
      union[u * r + ri] = o;
    }
  });
  // A pattern's id: its states read as a base-4 number (exact below 26 runs), else their string.
  const patternIds = new Map<number | string, number>();
  const patternOf = new Uint32Array(size);
  const states: number[] = [];
  for (let u = 0; u < size; u++) {
    const row = union.subarray(u * r, (u + 1) * r);
    let sig: number | string = 0;
    if (r <= 26) for (let i = 0; i < r; i++) sig = (sig as number) * 4 + row[i]!;
    else sig = row.join('');
    let p = patternIds.get(sig);
    if (p === undefined) {
      p = patternIds.size;
      patternIds.set(sig, p);
      for (let i = 0; i < r; i++) states.push(row[i]!);
    }
    patternOf[u] = p;
  }
  return { unionSize: size, patternOf, states: Uint8Array.from(states), nPatterns: patternIds.size };
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
  const sizes = Float64Array.from(pc);
  for (let r = 0; r < reps; r++) {
    multinomialResample(Xoshiro128.forResample(seed, r), sizes, u, pc);
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

/** The engine's one bootstrap interval (shared/metrics bootstrap.ts): it contains the estimate. */
export { percentileInterval };
