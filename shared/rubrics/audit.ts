// Behavioral calibration audit (science.md section 3). A model told target t
// should answer only when its chance of being right exceeds t, so across runs
// at several targets its accuracy on attempted items should stay >= t and its
// error rate should fall as t rises.
import { proportionInterval, type IntervalMethod } from '../metrics/intervals.ts';
import { OUTCOME_CODE, type OutcomeColumns } from '../metrics/types.ts';
import { penaltyForTarget, type Counts } from './rubric.ts';
import type { RunInput } from './resample.ts';

export interface TargetRun extends RunInput {
  /** runs with the same model string are audited together */
  model: string;
  /** the confidence target stated in this run's instructions */
  target: number;
}

export interface AuditOptions {
  /** interval on accuracy-on-attempted; default wilson */
  method?: IntervalMethod;
  /** default 0.95 */
  level?: number;
}

export interface TargetRow {
  runId: string | number;
  name: string;
  target: number;
  counts: Counts;
  graded: number;
  abstentionRate: number | null;
  /** C / (C + I) */
  accuracyOnAttempted: number | null;
  interval: { lo: number; hi: number } | null;
  /** I / graded */
  errorRate: number | null;
  /** the run's score under its own target's rubric */
  scoreAtTarget: number | null;
  /** accuracy on attempted >= t (point estimate) */
  meetsTarget: boolean | null;
  /** the interval's lower bound >= t: evidence the target is met */
  lowerBoundMeetsTarget: boolean | null;
  /** the interval's upper bound < t: evidence the target is missed */
  clearlyBelowTarget: boolean | null;
}

export interface ModelAudit {
  model: string;
  /** ascending target */
  rows: TargetRow[];
  /** consecutive targets (by index into rows) where the error rate rose instead of falling */
  errorRateIncreases: Array<[number, number]>;
  /** consecutive targets where abstention fell although t rose */
  abstentionDecreases: Array<[number, number]>;
  /** every row meets its target (point estimate) and errors never rise; null with no graded rows */
  consistent: boolean | null;
}

function countColumns(outcome: Uint8Array): Counts {
  const c: Counts = { correct: 0, incorrect: 0, abstained: 0 };
  for (let i = 0; i < outcome.length; i++) {
    const o = outcome[i]!;
    if (o === OUTCOME_CODE.correct) c.correct++;
    else if (o === OUTCOME_CODE.incorrect) c.incorrect++;
    else if (o === OUTCOME_CODE.abstained) c.abstained++;
  }
  return c;
}

function targetRow(run: TargetRun, options: AuditOptions): TargetRow {
  const counts = countColumns(run.columns.outcome);
  const g = counts.correct + counts.incorrect + counts.abstained;
  const att = counts.correct + counts.incorrect;
  const acc = att === 0 ? null : counts.correct / att;
  const interval = att === 0 ? null : proportionInterval(counts.correct, att, options.method ?? 'wilson', options.level ?? 0.95);
  const t = run.target;
  return {
    runId: run.runId,
    name: run.name,
    target: t,
    counts,
    graded: g,
    abstentionRate: g === 0 ? null : counts.abstained / g,
    accuracyOnAttempted: acc,
    interval,
    errorRate: g === 0 ? null : counts.incorrect / g,
    scoreAtTarget: g === 0 ? null : (counts.correct - penaltyForTarget(t) * counts.incorrect) / g,
    meetsTarget: acc === null ? null : acc >= t,
    lowerBoundMeetsTarget: interval === null ? null : interval.lo >= t,
    clearlyBelowTarget: interval === null ? null : interval.hi < t,
  };
}

/** Groups runs by model (first-appearance order) and audits each group across its targets. */
export function behavioralAudit(runs: TargetRun[], options: AuditOptions = {}): ModelAudit[] {
  const groups = new Map<string, TargetRun[]>();
  for (const run of runs) {
    penaltyForTarget(run.target); // rejects targets outside [0, 1)
    const list = groups.get(run.model) ?? [];
    list.push(run);
    groups.set(run.model, list);
  }
  return [...groups].map(([model, list]) => {
    const rows = list.map((r) => targetRow(r, options)).sort((a, b) => a.target - b.target);
    const errorRateIncreases: Array<[number, number]> = [];
    const abstentionDecreases: Array<[number, number]> = [];
    for (let i = 0; i + 1 < rows.length; i++) {
      const a = rows[i]!;
      const b = rows[i + 1]!;
      if (b.target === a.target) continue;
      if (a.errorRate !== null && b.errorRate !== null && b.errorRate > a.errorRate) errorRateIncreases.push([i, i + 1]);
      if (a.abstentionRate !== null && b.abstentionRate !== null && b.abstentionRate < a.abstentionRate) abstentionDecreases.push([i, i + 1]);
    }
    const judged = rows.filter((r) => r.meetsTarget !== null);
    const consistent = judged.length === 0 ? null : judged.every((r) => r.meetsTarget) && errorRateIncreases.length === 0;
    return { model, rows, errorRateIncreases, abstentionDecreases, consistent };
  });
}

export interface PolicyGaps {
  t: number;
  /** answered with confidence <= t; indices into the run's columns, ascending */
  shouldHaveAbstained: { count: number; indices: number[]; wrong: number; correct: number };
  /** abstained with confidence > t */
  needlessAbstentions: { count: number; indices: number[] };
  /** answered items the policy agrees with (confidence > t) */
  agreedAnswers: number;
  /** abstained items the policy agrees with (confidence <= t) */
  agreedAbstentions: number;
  /** items without a usable confidence (NaN or outside [0, 1]): not judged */
  noConfidence: number;
}

/**
 * Compares one run's real answers and abstentions with the optimal policy at
 * t, "answer iff confidence > t" (a confidence exactly t is indifferent under
 * the rubric; it counts as should-abstain, matching the strict inequality).
 */
export function policyGaps(columns: OutcomeColumns, t: number): PolicyGaps {
  penaltyForTarget(t);
  const { outcome, confidence } = columns;
  const should: number[] = [];
  const needless: number[] = [];
  let wrong = 0;
  let agreedAnswers = 0;
  let agreedAbstentions = 0;
  let noConfidence = 0;
  for (let i = 0; i < outcome.length; i++) {
    const o = outcome[i]!;
    if (o === OUTCOME_CODE.unlabeled || o > 3) continue;
    const p = confidence[i]!;
    if (!(p >= 0 && p <= 1)) {
      noConfidence++;
      continue;
    }
    if (o === OUTCOME_CODE.abstained) {
      if (p > t) needless.push(i);
      else agreedAbstentions++;
    } else if (p <= t) {
      should.push(i);
      if (o === OUTCOME_CODE.incorrect) wrong++;
    } else agreedAnswers++;
  }
  return {
    t,
    shouldHaveAbstained: { count: should.length, indices: should, wrong, correct: should.length - wrong },
    needlessAbstentions: { count: needless.length, indices: needless },
    agreedAnswers,
    agreedAbstentions,
    noConfidence,
  };
}
