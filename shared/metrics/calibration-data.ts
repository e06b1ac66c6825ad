import { OUTCOME_CODE, type OutcomeColumns } from './types.ts';

/**
 * The items calibration metrics are computed on: attempted (correct or
 * incorrect) items with a finite confidence in [0, 1], packed densely so
 * every metric can loop over plain typed arrays.
 */
export interface CalibrationData {
  /** stated confidence of each kept item, in input order */
  p: Float64Array;
  /** 1 correct, 0 incorrect */
  y: Uint8Array;
}

export interface ExtractedCalibrationData extends CalibrationData {
  excludedAbstained: number;
  /** attempted items with NaN / non-finite confidence, or a confidence outside [0, 1] */
  excludedNoConfidence: number;
  /** of excludedNoConfidence, how many had a finite value outside [0, 1] */
  excludedOutOfRange: number;
}

/**
 * Out-of-range confidences are counted as excluded rather than clipped:
 * clipping would silently move them into the end bins and bias ECE.
 */
export function extractCalibrationData(columns: OutcomeColumns, allocate?: (bytes: number) => ArrayBuffer | SharedArrayBuffer): ExtractedCalibrationData {
  const { outcome, confidence } = columns;
  if (outcome.length !== confidence.length) {
    throw new RangeError(`outcome (${outcome.length}) and confidence (${confidence.length}) lengths differ`);
  }
  const len = outcome.length;
  let kept = 0;
  let abstained = 0;
  let noConf = 0;
  let outOfRange = 0;
  for (let i = 0; i < len; i++) {
    const o = outcome[i]!;
    if (o === OUTCOME_CODE.abstained) {
      abstained++;
      continue;
    }
    if (o !== OUTCOME_CODE.correct && o !== OUTCOME_CODE.incorrect) continue;
    const c = confidence[i]!;
    // NaN fails both comparisons, so it lands in the else branch too.
    if (c >= 0 && c <= 1) kept++;
    else {
      noConf++;
      if (Number.isFinite(c)) outOfRange++;
    }
  }
  // On shared memory when the caller asks (a run's items extracted once for every worker: main/store/derived.ts).
  const p = allocate ? new Float64Array(allocate(kept * Float64Array.BYTES_PER_ELEMENT)) : new Float64Array(kept);
  const y = allocate ? new Uint8Array(allocate(kept)) : new Uint8Array(kept);
  let k = 0;
  for (let i = 0; i < len; i++) {
    const o = outcome[i]!;
    if (o !== OUTCOME_CODE.correct && o !== OUTCOME_CODE.incorrect) continue;
    const c = confidence[i]!;
    if (c >= 0 && c <= 1) {
      p[k] = c;
      y[k] = o === OUTCOME_CODE.correct ? 1 : 0;
      k++;
    }
  }
  return { p, y, excludedAbstained: abstained, excludedNoConfidence: noConf, excludedOutOfRange: outOfRange };
}

/** Builds calibration data directly from arrays (tests, recalibrated probabilities). */
export function calibrationData(p: ArrayLike<number>, y: ArrayLike<number>): CalibrationData {
  if (p.length !== y.length) throw new RangeError('p and y lengths differ');
  const pp = Float64Array.from(p);
  const yy = new Uint8Array(y.length);
  for (let i = 0; i < y.length; i++) yy[i] = y[i] ? 1 : 0;
  return { p: pp, y: yy };
}
