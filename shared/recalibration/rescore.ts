// Re-scoring under confidence targets (science.md sections 2 and 3): for each
// t, the model's actual score, the score of "answer iff stated confidence > t"
// and of "answer iff recalibrated confidence > t". The gap between the last
// and the first is what acting on calibrated confidence would be worth.
import { DEFAULT_TARGETS, penaltyForTarget } from '../rubrics/rubric.ts';
import { defaultGrid, policyCurve } from '../rubrics/sweep.ts';
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

function actualCurve(columns: OutcomeColumns, grid: number[]): { score: Array<number | null>; answerRate: number | null } {
  let c = 0;
  let w = 0;
  let a = 0;
  for (const o of columns.outcome) {
    if (o === OUTCOME_CODE.correct) c++;
    else if (o === OUTCOME_CODE.incorrect) w++;
    else if (o === OUTCOME_CODE.abstained) a++;
  }
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
  const targets = [...(options.targets ?? DEFAULT_TARGETS)];
  const grid = options.grid ?? defaultGrid(0.01);
  const recal = withRecalibratedConfidence(columns, recalibrated);
  const statedRun = { runId: 'stated', name: 'stated', keys: [], columns };
  const recalRun = { runId: 'recalibrated', name: 'recalibrated', keys: [], columns: recal };

  const actualAt = actualCurve(columns, targets);
  const statedAt = policyCurve(statedRun, targets);
  const recalAt = policyCurve(recalRun, targets);
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
  const stated = policyCurve(statedRun, grid);
  return {
    rows,
    sweep: { grid, actual: actualCurve(columns, grid).score, stated: stated.score, recalibrated: policyCurve(recalRun, grid).score },
    decided: stated.decided,
    keptAbstained: stated.keptAbstained,
    keptNoConfidence: stated.keptNoConfidence,
  };
}
