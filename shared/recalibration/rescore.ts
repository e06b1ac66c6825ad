// Re-scoring under confidence targets (science.md sections 2 and 3): for each
// t, the model's actual score, the score of "answer iff stated confidence > t"
// and of "answer iff recalibrated confidence > t". The gap between the last
// and the first is what acting on calibrated confidence would be worth.
import { DEFAULT_TARGETS, penaltyForTarget } from '../rubrics/rubric.ts';
import { defaultGrid, policyCurve, type PolicyCurve } from '../rubrics/sweep.ts';
import { OUTCOME_CODE, type OutcomeColumns } from '../metrics/types.ts';

export interface RescoreRow {
  t: number;
  penalty: number;
  actual: number | null;
  stated: number | null;
  recalibrated: number | null;
  /** share of graded items answered */
  actualAnswerRate: number | null;
  statedAnswerRate: number | null;
  recalibratedAnswerRate: number | null;
}

export interface Rescoring {
  rows: RescoreRow[];
  sweep: { grid: number[]; actual: Array<number | null>; stated: Array<number | null>; recalibrated: Array<number | null> };
  /** answered items with a confidence: re-decided by the policies */
  decided: number;
  /** abstained items: abstentions under every policy (their correctness is unknown) */
  keptAbstained: number;
  /** answered items without a usable confidence: answered under every policy */
  keptNoConfidence: number;
}

/**
 * The run's columns with the confidence of each attempted item that has one
 * (in the order extractCalibrationData keeps them) replaced by `recalibrated`.
 */
export function withRecalibratedConfidence(columns: OutcomeColumns, recalibrated: Float64Array): OutcomeColumns {
  const confidence = Float64Array.from(columns.confidence);
  let k = 0;
  for (let i = 0; i < columns.outcome.length; i++) {
    const o = columns.outcome[i]!;
    if (o !== OUTCOME_CODE.correct && o !== OUTCOME_CODE.incorrect) continue;
    const c = confidence[i]!;
    if (c >= 0 && c <= 1) confidence[i] = recalibrated[k++]!;
  }
  if (k !== recalibrated.length) throw new RangeError(`expected ${k} recalibrated confidences, got ${recalibrated.length}`);
  return { outcome: columns.outcome, confidence };
}

/** The graded items by outcome, and the answered ones without a usable confidence (outside the policies' reach), in one pass. */
export interface GradedTally {
  correct: number;
  wrong: number;
  abstained: number;
  /** answered items without a confidence in [0, 1], right and wrong: answered under every policy */
  keptCorrect: number;
  keptWrong: number;
}

export function gradedTally(columns: OutcomeColumns): GradedTally {
  const tally: GradedTally = { correct: 0, wrong: 0, abstained: 0, keptCorrect: 0, keptWrong: 0 };
  const { outcome, confidence } = columns;
  for (let i = 0; i < outcome.length; i++) {
    const o = outcome[i]!;
    if (o === OUTCOME_CODE.abstained) tally.abstained++;
    else if (o === OUTCOME_CODE.correct || o === OUTCOME_CODE.incorrect) {
      const right = o === OUTCOME_CODE.correct;
      if (right) tally.correct++;
      else tally.wrong++;
      const p = confidence[i]!;
      if (!(p >= 0 && p <= 1)) {
        if (right) tally.keptCorrect++;
        else tally.keptWrong++;
      }
    }
  }
  return tally;
}

function actualCurve({ correct: c, wrong: w, abstained: a }: GradedTally, grid: number[]): { score: Array<number | null>; answerRate: number | null } {
  const g = c + w + a;
  return {
    score: grid.map((t) => (g === 0 ? null : (c - penaltyForTarget(t) * w) / g)),
    answerRate: g === 0 ? null : (c + w) / g,
  };
}

export function rescore(
  columns: OutcomeColumns,
  recalibrated: Float64Array,
  options: { targets?: readonly number[]; grid?: number[] } = {},
): Rescoring {
  const statedRun = { runId: 'stated', name: 'stated', keys: [], columns };
  const recalRun = { runId: 'recalibrated', name: 'recalibrated', keys: [], columns: withRecalibratedConfidence(columns, recalibrated) };
  return rescoreWith(gradedTally(columns), options, { stated: (grid) => policyCurve(statedRun, grid), recalibrated: (grid) => policyCurve(recalRun, grid) });
}

export type PolicyCurveOf = (grid: number[]) => PolicyCurve;

/** A policy not known yet (the map is still being cross-fitted): its scores are null. */
export function pendingCurve(like: PolicyCurveOf): PolicyCurveOf {
  return (grid) => ({ ...like([]), score: grid.map(() => null), answerRate: grid.map(() => null) });
}

/** The re-scoring, given the run's graded tally and each policy's curve (however computed: the same numbers). */
export function rescoreWith(tally: GradedTally, options: { targets?: readonly number[]; grid?: number[] }, curves: { stated: PolicyCurveOf; recalibrated: PolicyCurveOf }): Rescoring {
  const targets = [...(options.targets ?? DEFAULT_TARGETS)];
  const grid = options.grid ?? defaultGrid(0.01);
  const actualAt = actualCurve(tally, targets);
  const statedAt = curves.stated(targets);
  const recalAt = curves.recalibrated(targets);
  const rows = targets.map((t, i) => ({
    t,
    penalty: penaltyForTarget(t),
    actual: actualAt.score[i]!,
    stated: statedAt.score[i]!,
    recalibrated: recalAt.score[i]!,
    actualAnswerRate: actualAt.answerRate,
    statedAnswerRate: statedAt.answerRate[i]!,
    recalibratedAnswerRate: recalAt.answerRate[i]!,
  }));
  const stated = curves.stated(grid);
  return {
    rows,
    sweep: { grid, actual: actualCurve(tally, grid).score, stated: stated.score, recalibrated: curves.recalibrated(grid).score },
    decided: stated.decided,
    keptAbstained: stated.keptAbstained,
    keptNoConfidence: stated.keptNoConfidence,
  };
}
