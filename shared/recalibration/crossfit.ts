// k-fold cross-fitting: every item's recalibrated confidence comes from a map
// fitted without it, so metrics after recalibration are out of sample.
//
// Folds are stratified by outcome and drawn from the seeded Xoshiro128** of the
// metrics engine: correct items, then incorrect items (each in input order) are
// shuffled by Fisher-Yates with nextBelow, and dealt round-robin into folds
// 0..k-1, the deal continuing from one class to the next. Stratifying keeps
// every training part with both outcomes whenever each outcome has >= 2 items,
// which an unstratified split of a lopsided run would not.
import { Xoshiro128 } from '../metrics/bootstrap.ts';
import type { CalibrationData } from '../metrics/calibration-data.ts';
import { applyMapAll, checkFitInput, fitMap } from './fit.ts';
import { RecalibrationInputError, type FitSettings, type MapParams, type RecalibrationMethod } from './types.ts';

export interface CrossFitOptions {
  /** default 5 */
  folds?: number;
  /** default 0 */
  seed?: number;
}

export interface CrossFit {
  folds: number;
  seed: number;
  /** fold of each item, 0-based */
  fold: Int32Array;
  /** out-of-fold recalibrated confidence of each item */
  predictions: Float64Array;
  /** the map fitted on all items outside each fold */
  foldParams: MapParams[];
}

export function stratifiedFolds(y: Uint8Array, k: number, seed: number): Int32Array {
  const rng = new Xoshiro128(seed);
  const fold = new Int32Array(y.length);
  const members = new Int32Array(y.length);
  let deal = 0;
  for (const cls of [1, 0]) {
    let size = 0;
    for (let i = 0; i < y.length; i++) if (y[i] === cls) members[size++] = i;
    for (let i = size - 1; i > 0; i--) {
      const j = rng.nextBelow(i + 1);
      const swap = members[i]!;
      members[i] = members[j]!;
      members[j] = swap;
    }
    for (let m = 0; m < size; m++) fold[members[m]!] = deal++ % k;
  }
  return fold;
}

export function resolveFolds(options: CrossFitOptions): { folds: number; seed: number } {
  const folds = options.folds ?? 5;
  const seed = options.seed ?? 0;
  if (!Number.isInteger(folds) || folds < 2) {
    throw new RecalibrationInputError('bad-settings', `cross-fitting needs a whole number of folds >= 2, got ${folds}`);
  }
  if (!Number.isInteger(seed)) throw new RecalibrationInputError('bad-settings', `the seed must be a whole number, got ${seed}`);
  return { folds, seed };
}

export function crossFit(data: CalibrationData, method: RecalibrationMethod, settings: FitSettings = {}, options: CrossFitOptions = {}): CrossFit {
  const { folds, seed } = resolveFolds(options);
  checkFitInput(data);
  const n = data.p.length;
  if (n < folds) {
    throw new RecalibrationInputError(
      'too-few-items',
      `only ${n} attempted item${n === 1 ? '' : 's'} with a confidence for ${folds} folds: each fold needs at least one held-out item. Use at most ${n} folds, or a larger run.`,
    );
  }
  const fold = stratifiedFolds(data.y, folds, seed);
  // A fold's held-out items and its training part, in typed arrays, made when needed: one fold's
  // copy of a million items at a time, not k of them.
  const sizes = new Int32Array(folds);
  for (let i = 0; i < n; i++) sizes[fold[i]!]!++;
  const partOf = (f: number) => {
    const test = new Int32Array(sizes[f]!);
    const train: CalibrationData = { p: new Float64Array(n - sizes[f]!), y: new Uint8Array(n - sizes[f]!) };
    let t = 0;
    let r = 0;
    for (let i = 0; i < n; i++) {
      if (fold[i] === f) test[t++] = i;
      else {
        train.p[r] = data.p[i]!;
        train.y[r++] = data.y[i]!;
      }
    }
    return { test, train, where: `the training part of fold ${f + 1} of ${folds} (the ${r} items outside it)` };
  };
  // Structural problems first, for every fold, so the message is about the split rather than one fold's optimiser.
  for (let f = 0; f < folds; f++) {
    const part = partOf(f);
    try {
      checkFitInput(part.train, part.where);
    } catch (error) {
      if (error instanceof RecalibrationInputError && error.code === 'one-outcome') {
        throw new RecalibrationInputError(
          'fold-one-outcome',
          `${error.message} Cross-fitting needs at least 2 correct and 2 incorrect items; use fewer folds or a larger run.`,
        );
      }
      throw error;
    }
  }
  const predictions = new Float64Array(n);
  const foldParams: MapParams[] = [];
  for (let f = 0; f < folds; f++) {
    const part = partOf(f);
    const params = fitMap(part.train, method, settings, part.where).params;
    foldParams.push(params);
    const held = applyMapAll(params, Float64Array.from(part.test, (i) => data.p[i]!));
    part.test.forEach((i, j) => (predictions[i] = held[j]!));
  }
  return { folds, seed, fold, predictions, foldParams };
}
