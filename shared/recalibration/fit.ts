// Fitting and applying the five maps. Each fit reuses the metrics engine where
// it already has the estimator: fitLogistic1d for Platt, isotonicFit (PAV with
// scikit-learn's tie pooling) for isotonic, Kumar's equal-mass edges for
// histogram binning.
import { kumarEqualMassEdges } from '../metrics/binning.ts';
import type { CalibrationData } from '../metrics/calibration-data.ts';
import { isotonicFit, isotonicPredict, isotonicPredictor } from '../metrics/decomposition.ts';
import { fitLogistic1d, sigmoid, type LogisticFit } from '../metrics/logistic.ts';
import { argsortAscendingStable } from '../metrics/sort.ts';
import { fitLogisticNewton } from './logistic-newton.ts';
import { LOGIT_CLIP, METHOD_LABELS, RecalibrationInputError, type FitSettings, type MapParams, type RecalibrationMethod } from './types.ts';

export interface FitResult {
  params: MapParams;
  /** things the user should know about the fit that do not stop it */
  warnings: string[];
}

function clipped(p: number): number {
  return p < LOGIT_CLIP ? LOGIT_CLIP : p > 1 - LOGIT_CLIP ? 1 - LOGIT_CLIP : p;
}

export function logit(p: number): number {
  const q = clipped(p);
  return Math.log(q / (1 - q));
}

export const LOGIT_METHODS: ReadonlySet<RecalibrationMethod> = new Set(['platt', 'temperature', 'beta']);

/**
 * Refuses input a map cannot be fitted to, with a message that says what is
 * wrong and what to do. `where` names the subset (e.g. a fold) when it is
 * not the whole run.
 */
export function checkFitInput(data: CalibrationData, where = 'this run'): void {
  const n = data.p.length;
  if (n === 0) {
    throw new RecalibrationInputError(
      'no-items',
      `${where} has no attempted items with a confidence in [0, 1]: a map from confidence to accuracy needs answered items that state a confidence.`,
    );
  }
  let correct = 0;
  for (let i = 0; i < n; i++) correct += data.y[i]!;
  if (correct === n || correct === 0) {
    const all = correct === n ? 'correct' : 'wrong';
    throw new RecalibrationInputError(
      'one-outcome',
      `every one of the ${n} attempted items in ${where} is ${all}: accuracy does not vary, so there is nothing to map confidence onto (every map would say ${correct === n ? 1 : 0}). Label more items or use a run with both correct and incorrect answers.`,
    );
  }
  const first = data.p[0]!;
  let distinct = false;
  for (let i = 1; i < n && !distinct; i++) distinct = data.p[i] !== first;
  if (!distinct) {
    throw new RecalibrationInputError(
      'one-confidence',
      `all ${n} attempted items in ${where} state the same confidence (${first}): a map needs at least two distinct confidences to say how accuracy changes with confidence. Its accuracy is simply ${(correct / n).toFixed(3)}.`,
    );
  }
}

/**
 * Complete separation by a threshold on p: every correct item above every
 * wrong one, or the reverse. The logistic likelihood then has no maximum and
 * Newton would walk off to infinity.
 */
export function separatedByConfidence(data: CalibrationData): boolean {
  let minRight = Infinity;
  let maxRight = -Infinity;
  let minWrong = Infinity;
  let maxWrong = -Infinity;
  for (let i = 0; i < data.p.length; i++) {
    const p = clipped(data.p[i]!);
    if (data.y[i]) {
      minRight = Math.min(minRight, p);
      maxRight = Math.max(maxRight, p);
    } else {
      minWrong = Math.min(minWrong, p);
      maxWrong = Math.max(maxWrong, p);
    }
  }
  return maxWrong < minRight || maxRight < minWrong;
}

/** Warnings about confidences of exactly 0 or 1, which logit-based maps must clip. */
export function endpointWarnings(data: CalibrationData, method: RecalibrationMethod): string[] {
  if (!LOGIT_METHODS.has(method)) return [];
  let zeros = 0;
  let ones = 0;
  for (let i = 0; i < data.p.length; i++) {
    if (data.p[i] === 0) zeros++;
    else if (data.p[i] === 1) ones++;
  }
  if (zeros + ones === 0) return [];
  const parts = [zeros ? `${zeros} of exactly 0` : '', ones ? `${ones} of exactly 1` : ''].filter(Boolean).join(' and ');
  return [
    `${parts} confidence${zeros + ones === 1 ? '' : 's'}: logit(0) and logit(1) are infinite, so these were clipped to [1e-12, 1 - 1e-12] before fitting (as HELM does); they sit at logit ±27.6 and pull hard on the fit. Isotonic and histogram maps need no clipping.`,
  ];
}

function logits(p: Float64Array): Float64Array {
  const x = new Float64Array(p.length);
  for (let i = 0; i < p.length; i++) x[i] = logit(p[i]!);
  return x;
}

function fitPlatt(data: CalibrationData, where: string): MapParams {
  const x = logits(data.p);
  // logit is monotone: p's order (a counting sort of confidences) keeps equal logits side by side for the grouped fit.
  return plattParams(fitLogistic1d(x, data.y, { C: PLATT_C, order: argsortAscendingStable(data.p) }), where);
}

/** Platt's logistic fit has sklearn's C of HELM's (1e10): the unregularised optimum. */
export const PLATT_C = 1e10;

/** Platt's map from its logistic fit, refused where the fit has no finite optimum. */
export function plattParams(fit: LogisticFit, where: string): MapParams {
  if (!fit.converged || !Number.isFinite(fit.coef) || !Number.isFinite(fit.intercept) || Math.abs(fit.coef) > 1e6) {
    throw new RecalibrationInputError(
      'no-optimum',
      `Platt scaling has no finite fit on ${where}: confidence separates correct from incorrect answers perfectly, so the logistic curve would become a step. Use isotonic regression or histogram binning.`,
    );
  }
  return { method: 'platt', coef: fit.coef, intercept: fit.intercept };
}

function fitTemperature(data: CalibrationData, where: string): MapParams {
  const x = logits(data.p);
  // The log loss is convex in 1/T (a logistic fit without intercept), so Newton on 1/T finds the exact optimum.
  const fit = fitLogisticNewton([x], data.y, { intercept: false, start: [1] });
  const inverse = fit.w[0]!;
  if (!fit.converged || !Number.isFinite(inverse)) {
    throw new RecalibrationInputError('no-optimum', `temperature scaling has no finite fit on ${where}: confidence separates correct from incorrect answers perfectly. Use isotonic regression or histogram binning.`);
  }
  if (!(inverse > 0)) {
    throw new RecalibrationInputError(
      'anti-informative',
      `higher stated confidence goes with lower accuracy in ${where}, so the best temperature would be negative (or infinite): temperature scaling cannot express that. Platt scaling or isotonic regression can.`,
    );
  }
  return { method: 'temperature', temperature: 1 / inverse };
}

function fitBeta(data: CalibrationData, where: string): MapParams {
  const lnP = Float64Array.from(data.p, (p) => Math.log(clipped(p)));
  const lnQ = Float64Array.from(data.p, (p) => -Math.log(1 - clipped(p)));
  const fit = fitLogisticNewton([lnP, lnQ], data.y, { intercept: true });
  if (!fit.converged || fit.w.some((v) => !Number.isFinite(v) || Math.abs(v) > 1e6)) {
    throw new RecalibrationInputError(
      'no-optimum',
      `beta calibration has no finite fit on ${where}: confidence separates correct from incorrect answers perfectly. Use isotonic regression or histogram binning.`,
    );
  }
  return { method: 'beta', a: fit.w[0]!, b: fit.w[1]!, c: fit.w[2]! };
}

function fitIsotonic(data: CalibrationData): MapParams {
  const fit = isotonicFit(data.p, data.y);
  return { method: 'isotonic', x: Array.from(fit.x), y: Array.from(fit.y) };
}

/**
 * Kumar et al.'s HistogramCalibrator: equal-mass upper edges (ties merge
 * bins), right-closed bins, value = accuracy in the bin; an empty bin gets
 * its midpoint, as their safe_mean does.
 */
function fitHistogram(data: CalibrationData, nBins: number): MapParams {
  if (!Number.isInteger(nBins) || nBins < 1) throw new RecalibrationInputError('bad-settings', `histogram binning needs a whole number of bins >= 1, got ${nBins}`);
  const edges = kumarEqualMassEdges(data.p, nBins);
  const upperEdges = Array.from(edges.subarray(1));
  const count = new Float64Array(upperEdges.length);
  const correct = new Float64Array(upperEdges.length);
  for (let i = 0; i < data.p.length; i++) {
    const b = histogramBin(upperEdges, data.p[i]!);
    count[b]! += 1;
    correct[b]! += data.y[i]!;
  }
  const values = upperEdges.map((hi, b) => (count[b]! > 0 ? correct[b]! / count[b]! : (hi + (b === 0 ? 0 : upperEdges[b - 1]!)) / 2));
  return { method: 'histogram', upperEdges, values };
}

/** Index of the first upper edge >= p (bisect_left), clamped to the last bin. */
function histogramBin(upperEdges: number[], p: number): number {
  let lo = 0;
  let hi = upperEdges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (upperEdges[mid]! < p) lo = mid + 1;
    else hi = mid;
  }
  return Math.min(lo, upperEdges.length - 1);
}

export function fitMap(data: CalibrationData, method: RecalibrationMethod, settings: FitSettings = {}, where = 'this run'): FitResult {
  checkFitInput(data, where);
  if (LOGIT_METHODS.has(method) && separatedByConfidence(data)) {
    throw new RecalibrationInputError(
      'no-optimum',
      `${METHOD_LABELS[method]} has no finite fit on ${where}: a confidence threshold separates correct from incorrect answers perfectly, so the fitted curve would become a step. Use isotonic regression or histogram binning.`,
    );
  }
  const warnings = endpointWarnings(data, method);
  let params: MapParams;
  switch (method) {
    case 'platt':
      params = fitPlatt(data, where);
      break;
    case 'temperature':
      params = fitTemperature(data, where);
      break;
    case 'beta':
      params = fitBeta(data, where);
      break;
    case 'isotonic':
      params = fitIsotonic(data);
      break;
    case 'histogram':
      params = fitHistogram(data, settings.nBins ?? 10);
      break;
  }
  return { params, warnings };
}

/** The recalibrated confidence of one stated confidence in [0, 1]. */
export function applyMap(params: MapParams, p: number): number {
  switch (params.method) {
    case 'platt':
      return sigmoid(params.coef * logit(p) + params.intercept);
    case 'temperature':
      return sigmoid(logit(p) / params.temperature);
    case 'beta': {
      const q = clipped(p);
      return sigmoid(params.a * Math.log(q) - params.b * Math.log(1 - q) + params.c);
    }
    case 'isotonic':
      return isotonicPredict({ x: Float64Array.from(params.x), y: Float64Array.from(params.y) }, p);
    case 'histogram':
      return params.values[histogramBin(params.upperEdges, p)]!;
  }
}

/** Applies a map to many confidences (isotonic knots indexed once). */
export function applyMapAll(params: MapParams, p: Float64Array): Float64Array {
  const out = new Float64Array(p.length);
  if (params.method === 'isotonic') {
    const predict = isotonicPredictor({ x: Float64Array.from(params.x), y: Float64Array.from(params.y) });
    for (let i = 0; i < p.length; i++) out[i] = predict(p[i]!);
  } else for (let i = 0; i < p.length; i++) out[i] = applyMap(params, p[i]!);
  return out;
}

/** The map on an even mesh over [0, 1], to draw as a curve (steps for histogram binning get their edges too). */
export function mapCurve(params: MapParams, meshSize = 201): { x: number[]; y: number[] } {
  const xs: number[] = [];
  for (let i = 0; i < meshSize; i++) xs.push(i / (meshSize - 1));
  if (params.method === 'histogram' || params.method === 'isotonic') {
    const knots = params.method === 'histogram' ? params.upperEdges.flatMap((e) => [e, Math.min(1, e + 1e-9)]) : params.x;
    xs.push(...knots.filter((v) => v >= 0 && v <= 1));
    xs.sort((a, b) => a - b);
  }
  return withoutFlatInteriors(xs, Array.from(applyMapAll(params, Float64Array.from(xs))));
}

/**
 * The same polyline without the points inside a flat stretch (a point whose
 * neighbours have its value): an isotonic map over ten thousand distinct
 * confidences is a few hundred steps, and a view need not draw every knot.
 */
function withoutFlatInteriors(x: number[], y: number[]): { x: number[]; y: number[] } {
  const keepX: number[] = [];
  const keepY: number[] = [];
  for (let i = 0; i < x.length; i++) {
    if (i > 0 && i < x.length - 1 && y[i - 1] === y[i] && y[i + 1] === y[i]) continue;
    keepX.push(x[i]!);
    keepY.push(y[i]!);
  }
  return { x: keepX, y: keepY };
}

/** Short human-readable parameters, for the view and the CLI. */
export function describeParams(params: MapParams): Array<{ name: string; value: number | string }> {
  switch (params.method) {
    case 'platt':
      return [
        { name: 'coef (slope on logit p)', value: params.coef },
        { name: 'intercept', value: params.intercept },
      ];
    case 'temperature':
      return [{ name: 'temperature T', value: params.temperature }];
    case 'beta':
      return [
        { name: 'a (on ln p)', value: params.a },
        { name: 'b (on −ln(1−p))', value: params.b },
        { name: 'c (intercept)', value: params.c },
      ];
    case 'isotonic':
      return [
        { name: 'knots (distinct confidences)', value: params.x.length },
        { name: 'steps (distinct fitted values)', value: new Set(params.y).size },
      ];
    case 'histogram':
      return [{ name: 'bins', value: params.upperEdges.length }];
  }
}
