// Singleton-rate panel (science.md section 4, the paper's Theorem 2). The
// training data are N examples counted with repetition; a prompt seen exactly
// once is a singleton, and sr = N1 / N (the Good-Turing missing mass). With
// probability >= 99%, the model's OVERALL error rate on prompts drawn like the
// training data is at least sr - 2/min|E_c| - (35 + 6 ln N)/sqrt(N) - delta.
// The bound is on the overall error rate, not on the error rate among
// singletons: that one, and the error rate by frequency bucket, are shown as
// a descriptive view with no theorem attached.
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
  /** singleton rate to put in the bound; default N1 / N (see trainingSize) */
  sr?: number;
  /**
   * min over prompts c of |E_c|, the number of plausible wrong answers.
   * Default Infinity (open-ended facts: the term vanishes); for a question
   * with k answer options it is k - 1.
   */
  minErrorSetSize?: number;
  /**
   * N, the number of training examples (counted with repetition). Default
   * the sum of the items' frequencies, which makes the bound vacuous for
   * small evals: the (35 + 6 ln N)/sqrt(N) term only falls below 0.05 near
   * N = 10^7. Given, it is also sr's denominator.
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
  /** N: training examples, the sum of the items' frequencies unless the user gave it */
  trainingSize: number;
  trainingSizeSource: 'sum-of-frequencies' | 'given';
  /** sr = N1 / N, the paper's singleton rate (null when N is 0) */
  sr: number | null;
  /** N1 / (sum of frequencies): the Good-Turing missing mass, sr when N is not given */
  goodTuringMissingMass: number | null;
  /** incorrect / graded over every graded item of the run: the err the bound is on */
  overallErrorRate: number | null;
  /** graded items of the run (correct + incorrect + abstained), frequency known or not */
  graded: number;
  /** Descriptive, no theorem attached: N1 / n, the share of evaluated items that are singletons. */
  singletonShare: number | null;
  /** The same share under its old name (it is not the paper's sr): kept for report/v1 readers. */
  singletonRate: number | null;
  /** Descriptive: error rates by frequency bucket. */
  buckets: BucketRow[];
  /** Descriptive: incorrect / graded among singleton items. */
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
  let graded = 0;
  let incorrect = 0;
  for (let i = 0; i < outcome.length; i++) {
    const o = outcome[i]!;
    if (o === OUTCOME_CODE.unlabeled) continue;
    graded++;
    if (o === OUTCOME_CODE.incorrect) incorrect++;
  }
  const b = options.bound ?? {};
  const trainingSize = b.trainingSize ?? total;
  const sr = b.sr ?? (trainingSize > 0 ? singletons / trainingSize : null);
  const bound = sr === null || !(trainingSize >= 1) ? null : singletonBound(sr, { ...b, trainingSize });
  const share = n === 0 ? null : singletons / n;
  return {
    n,
    unknownFrequency: unknown,
    invalidFrequency: invalid,
    singletons,
    trainingSize,
    trainingSizeSource: b.trainingSize === undefined ? 'sum-of-frequencies' : 'given',
    sr,
    goodTuringMissingMass: total === 0 ? null : singletons / total,
    overallErrorRate: graded === 0 ? null : incorrect / graded,
    graded,
    singletonShare: share,
    singletonRate: share,
    buckets,
    singletonErrorRate: sg === 0 ? null : single.incorrect / sg,
    bound,
  };
}
