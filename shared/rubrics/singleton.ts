// Singleton-rate panel (science.md section 4, the paper's Theorem 2): facts seen
// once in training are where hallucinations are unavoidable, and the error rate
// on them should be at least about the singleton rate.
import { OUTCOME_CODE, type OutcomeColumns } from '../metrics/types.ts';
import type { Counts } from './rubric.ts';

export interface FrequencyBucket {
  label: string;
  /** inclusive bounds on the training frequency */
  lo: number;
  hi: number;
}

/**
 * 0 (never seen), 1, 2-3, 4-10, 11-100, >100. science.md's coarser "> 10" is
 * the union of the last two. Frequencies are training counts, so they must be
 * non-negative integers; anything else is reported as invalid, not bucketed.
 */
export const DEFAULT_FREQUENCY_BUCKETS: readonly FrequencyBucket[] = [
  { label: '0', lo: 0, hi: 0 },
  { label: '1', lo: 1, hi: 1 },
  { label: '2-3', lo: 2, hi: 3 },
  { label: '4-10', lo: 4, hi: 10 },
  { label: '11-100', lo: 11, hi: 100 },
  { label: '>100', lo: 101, hi: Infinity },
];

export interface BucketRow extends FrequencyBucket {
  /** items with a valid frequency in the bucket */
  items: number;
  counts: Counts;
  graded: number;
  /** I / graded: the paper's error (hallucination) rate, abstentions not errors */
  errorRate: number | null;
  /** I / (C + I) */
  errorRateOnAttempted: number | null;
  abstentionRate: number | null;
}

export interface BoundInputs {
  /**
   * singleton rate to put in the bound; default the panel's singletonRate.
   * Pass goodTuringMissingMass, or sr computed on the training set itself, to
   * use the paper's training-sample definition instead.
   */
  sr?: number;
  /**
   * min over prompts c of |E_c|, the number of plausible wrong answers.
   * Default Infinity (open-ended facts: the term vanishes); for a question
   * with k answer options it is k - 1.
   */
  minErrorSetSize?: number;
  /**
   * N, the number of training examples. Default the number of items with a
   * known frequency, which makes the bound vacuous for small evals: the
   * (35 + 6 ln N)/sqrt(N) term only falls below 0.05 near N = 10^7.
   */
  trainingSize?: number;
  /** the base model's calibration error delta; default 0 (calibrated base model) */
  delta?: number;
}

export interface SingletonBound {
  sr: number;
  /** 2 / min|E_c| */
  errorSetTerm: number;
  /** (35 + 6 ln N) / sqrt(N) */
  sampleTerm: number;
  delta: number;
  trainingSize: number;
  minErrorSetSize: number;
  /** sr - errorSetTerm - sampleTerm - delta: with probability >= 99%, err >= value */
  value: number;
  /** value <= 0: the bound says nothing for these inputs */
  vacuous: boolean;
}

export interface SingletonPanel {
  /** items with a valid (non-negative integer) frequency */
  n: number;
  unknownFrequency: number;
  invalidFrequency: number;
  /** N1: items with frequency exactly 1 */
  singletons: number;
  /** N1 / n: share of items whose fact was seen exactly once */
  singletonRate: number | null;
  /**
   * Good-Turing estimate N1 / (sum of frequencies): treating the training
   * occurrences of these items' facts as the sample, the probability that the
   * next occurrence is of a fact not seen before. This is the paper's sr when
   * the items are all of the training set's facts.
   */
  goodTuringMissingMass: number | null;
  buckets: BucketRow[];
  /** error rate on singleton items (the observed hallucination rate to set beside the bound) */
  singletonErrorRate: number | null;
  bound: SingletonBound | null;
}

export function singletonBound(sr: number, inputs: Omit<BoundInputs, 'sr'> & { trainingSize: number }): SingletonBound {
  const minE = inputs.minErrorSetSize ?? Infinity;
  const n = inputs.trainingSize;
  const delta = inputs.delta ?? 0;
  if (!(n >= 1)) throw new RangeError(`training size N must be >= 1, got ${n}`);
  if (!(minE > 0)) throw new RangeError(`min |E_c| must be > 0, got ${minE}`);
  const errorSetTerm = 2 / minE;
  const sampleTerm = (35 + 6 * Math.log(n)) / Math.sqrt(n);
  const value = sr - errorSetTerm - sampleTerm - delta;
  return { sr, errorSetTerm, sampleTerm, delta, trainingSize: n, minErrorSetSize: minE, value, vacuous: value <= 0 };
}

export function singletonPanel(
  columns: OutcomeColumns,
  frequency: Float64Array,
  options: { buckets?: readonly FrequencyBucket[]; bound?: BoundInputs } = {},
): SingletonPanel {
  const { outcome } = columns;
  if (frequency.length !== outcome.length) throw new RangeError(`frequency (${frequency.length}) and outcome (${outcome.length}) lengths differ`);
  const defs = options.buckets ?? DEFAULT_FREQUENCY_BUCKETS;
  const rows = defs.map((b) => ({ ...b, items: 0, counts: { correct: 0, incorrect: 0, abstained: 0 } }));
  let n = 0;
  let unknown = 0;
  let invalid = 0;
  let singletons = 0;
  let total = 0;
  for (let i = 0; i < outcome.length; i++) {
    const f = frequency[i]!;
    if (Number.isNaN(f)) {
      unknown++;
      continue;
    }
    if (!(f >= 0 && Number.isInteger(f))) {
      invalid++;
      continue;
    }
    n++;
    total += f;
    if (f === 1) singletons++;
    const row = rows.find((b) => f >= b.lo && f <= b.hi);
    if (!row) continue;
    row.items++;
    const o = outcome[i]!;
    if (o === OUTCOME_CODE.correct) row.counts.correct++;
    else if (o === OUTCOME_CODE.incorrect) row.counts.incorrect++;
    else if (o === OUTCOME_CODE.abstained) row.counts.abstained++;
  }
  const buckets: BucketRow[] = rows.map((r) => {
    const g = r.counts.correct + r.counts.incorrect + r.counts.abstained;
    const att = r.counts.correct + r.counts.incorrect;
    return {
      ...r,
      graded: g,
      errorRate: g === 0 ? null : r.counts.incorrect / g,
      errorRateOnAttempted: att === 0 ? null : r.counts.incorrect / att,
      abstentionRate: g === 0 ? null : r.counts.abstained / g,
    };
  });
  // The singleton figure is computed directly rather than read from a bucket, so custom buckets cannot break it.
  const single = { correct: 0, incorrect: 0, abstained: 0 };
  for (let i = 0; i < outcome.length; i++) {
    if (frequency[i] !== 1) continue;
    const o = outcome[i]!;
    if (o === OUTCOME_CODE.correct) single.correct++;
    else if (o === OUTCOME_CODE.incorrect) single.incorrect++;
    else if (o === OUTCOME_CODE.abstained) single.abstained++;
  }
  const sg = single.correct + single.incorrect + single.abstained;
  const singletonRate = n === 0 ? null : singletons / n;
  const b = options.bound ?? {};
  const sr = b.sr ?? singletonRate;
  const trainingSize = b.trainingSize ?? n;
  const bound = sr === null || trainingSize < 1 ? null : singletonBound(sr, { ...b, trainingSize });
  return {
    n,
    unknownFrequency: unknown,
    invalidFrequency: invalid,
    singletons,
    singletonRate,
    goodTuringMissingMass: total === 0 ? null : singletons / total,
    buckets,
    singletonErrorRate: sg === 0 ? null : single.incorrect / sg,
    bound,
  };
}
