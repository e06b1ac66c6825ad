// Fits, cross-fits and re-scoring over a run's distinct confidences. A
// million items with confidences to four decimals have ten thousand of them,
// and isotonic regression, Platt scaling and the policy curves read the items
// only through how many sit at each confidence and how many of those are
// right. So the items are sorted once, each fold's training part is the
// run's counts minus the fold's, every map is fitted on those counts and
// applied once per distinct confidence. The arithmetic is the item-level
// code's on its own groups (isotonicFit and fitLogistic1d group equal
// confidences the same way, and every sum is a count), so the maps, the
// cross-fitted confidences and every number after them are the same bits:
// the bootstrap intervals do not move. Where the item-level path would say
// no (a fold with one outcome, a separating threshold, too few items), or
// groups would not help (Platt on mostly distinct confidences, the other
// maps), it is the item-level path that runs.
import { binLayout, binOf, FLOAT64_EPS } from '../metrics/binning.ts';
import type { CalibrationData } from '../metrics/calibration-data.ts';
import { eceFromBins, reliabilityBins } from '../metrics/ece.ts';
import { isotonicFitGrouped } from '../metrics/decomposition.ts';
import { fitLogistic1dGroups, fitsOnGroups } from '../metrics/logistic.ts';
import { argsortAscendingStable } from '../metrics/sort.ts';
import type { OutcomeColumns } from '../metrics/types.ts';
import { policyCurve, policyCurveOfGroups, type PolicyGroups } from '../rubrics/sweep.ts';
import { sidePoints, type SidePoints } from './evaluate.ts';
import { crossFit, resolveFolds, stratifiedFolds, type CrossFit, type CrossFitOptions } from './crossfit.ts';
import { applyMapAll, checkFitInput, endpointWarnings, fitMap, LOGIT_METHODS, logit, PLATT_C, plattParams, separatedByConfidence, type FitResult } from './fit.ts';
import { gradedTally, rescoreWith, withRecalibratedConfidence, type GradedTally, type PolicyCurveOf, type Rescoring } from './rescore.ts';
import { LOGIT_CLIP, type FitSettings, type MapParams, type RecalibrationMethod } from './types.ts';

/** A run's items by distinct confidence. */
export interface ConfidenceGroups {
  /** the distinct confidences, ascending */
  values: Float64Array;
  /** each item's group */
  groupOf: Uint32Array;
  /** items per group */
  total: Float64Array;
  /** right items per group */
  correct: Float64Array;
}

/** Past this many distinct confidences the groups are found by sorting the items rather than by a map of values. */
const MAP_GROUPS = 1 << 16;

export function confidenceGroups(data: CalibrationData): ConfidenceGroups {
  return groupsByMap(data) ?? groupsBySort(data);
}

/**
 * Groups found with a table from confidence to group, in one pass, then the
 * few distinct values sorted: the usual case (rounded or verbalized
 * confidences). Null past MAP_GROUPS distinct values. The table is keyed by
 * the value's 64 bits (0 and -0 folded, as p[i] === p[j] says): a Map of
 * numbers took 30-40 ms for a million items, a third of the Recalibrate tab's
 * first result.
 */
function groupsByMap(data: CalibrationData): ConfidenceGroups | null {
  const { p, y } = data;
  const n = p.length;
  const words = new Uint32Array(p.buffer, p.byteOffset, 2 * n);
  const slots = 2 * MAP_GROUPS;
  const mask = slots - 1;
  const keyLow = new Uint32Array(slots);
  const keyHigh = new Uint32Array(slots);
  // 1 + the group of a slot, 0 for an empty one.
  const slotGroup = new Uint32Array(slots);
  const seen: number[] = [];
  const raw = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const x = p[i]!;
    const low = x === 0 ? 0 : words[2 * i]!;
    const high = x === 0 ? 0 : words[2 * i + 1]!;
    let slot = Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b) >>> 15;
    slot = (slot ^ (slot >>> 7)) & mask;
    for (;;) {
      const g = slotGroup[slot]!;
      if (g === 0) {
        if (seen.length === MAP_GROUPS) return null;
        // The first item with a confidence names its group.
        seen.push(x);
        slotGroup[slot] = seen.length;
        keyLow[slot] = low;
        keyHigh[slot] = high;
        raw[i] = seen.length - 1;
        break;
      }
      if (keyLow[slot] === low && keyHigh[slot] === high) {
        raw[i] = g - 1;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  const byValue = Array.from(seen.keys()).sort((a, b) => seen[a]! - seen[b]!);
  const rank = new Uint32Array(seen.length);
  const values = new Float64Array(seen.length);
  byValue.forEach((g, r) => {
    rank[g] = r;
    values[r] = seen[g]!;
  });
  const total = new Float64Array(seen.length);
  const correct = new Float64Array(seen.length);
  const groupOf = raw;
  for (let i = 0; i < n; i++) {
    const g = rank[raw[i]!]!;
    groupOf[i] = g;
    total[g]! += 1;
    correct[g]! += y[i]!;
  }
  return { values, groupOf, total, correct };
}

function groupsBySort(data: CalibrationData): ConfidenceGroups {
  const { p, y } = data;
  const n = p.length;
  const order = argsortAscendingStable(p);
  let count = 0;
  for (let k = 0; k < n; k++) if (k === 0 || p[order[k]!] !== p[order[k - 1]!]) count++;
  const values = new Float64Array(count);
  const groupOf = new Uint32Array(n);
  const total = new Float64Array(count);
  const correct = new Float64Array(count);
  let g = -1;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    // The first item (in item order) of each run of equal confidences names it, as in isotonicFit.
    if (k === 0 || p[i] !== p[order[k - 1]!]) values[++g] = p[i]!;
    groupOf[i] = g;
    total[g]! += 1;
    correct[g]! += y[i]!;
  }
  return { values, groupOf, total, correct };
}

/**
 * sidePoints of the stated confidences (ECE and its bins, Brier, log loss)
 * with each distinct confidence's bin and loss terms worked out once: the
 * items are still summed one by one in item order, so every number is the
 * item-level one to the bit, but a million items need no million logarithms
 * and bin searches (40-50 ms before, a third of the Recalibrate tab's first
 * result). Mostly distinct confidences gain nothing from it: the item-level
 * path runs.
 */
export function sidePointsOfGroups(data: CalibrationData, groups: ConfidenceGroups): SidePoints {
  const { p, y } = data;
  const n = p.length;
  const { values, groupOf } = groups;
  const k = values.length;
  if (2 * k > n) return sidePoints(p, y);
  const layout = binLayout(p, {});
  const binOfGroup = new Int32Array(k);
  // Per group and outcome (0 wrong, 1 right): the Brier and log-loss terms of scores.ts, term for term.
  const square = new Float64Array(2 * k);
  const log = new Float64Array(2 * k);
  for (let g = 0; g < k; g++) {
    const v = values[g]!;
    binOfGroup[g] = binOf(layout, v);
    square[2 * g] = v * v;
    square[2 * g + 1] = (v - 1) * (v - 1);
    const q = Math.min(Math.max(v, FLOAT64_EPS), 1 - FLOAT64_EPS);
    const a = 1 - q;
    const total = a + q;
    log[2 * g] = Math.log(a / total);
    log[2 * g + 1] = Math.log(q / total);
  }
  const bins = layout.nBins;
  const count = new Float64Array(bins);
  const sumConfidence = new Float64Array(bins);
  const sumCorrect = new Float64Array(bins);
  let squares = 0;
  let logs = 0;
  for (let i = 0; i < n; i++) {
    const g = groupOf[i]!;
    const label = y[i]!;
    const b = binOfGroup[g]!;
    count[b]! += 1;
    // The item's own value (-0 beside 0 in one group), as binStatistics adds it.
    sumConfidence[b]! += p[i]!;
    sumCorrect[b]! += label;
    squares += square[2 * g + label]!;
    logs -= log[2 * g + label]!;
  }
  const stats = { layout, n, count, sumConfidence, sumCorrect };
  return { ece: eceFromBins(stats), brier: n === 0 ? null : squares / n, logLoss: n === 0 ? null : logs / n, bins: reliabilityBins(stats) };
}

/** The methods fitted here on groups; the others go through the item-level fit. */
function onGroups(method: RecalibrationMethod): boolean {
  return method === 'isotonic' || method === 'platt';
}

const clip = (p: number) => (p < LOGIT_CLIP ? LOGIT_CLIP : p > 1 - LOGIT_CLIP ? 1 - LOGIT_CLIP : p);

/** Whether a threshold on the (clipped) confidence separates right from wrong among these counts: fitMap's check for logit maps. */
function separated(values: Float64Array, total: Float64Array, correct: Float64Array): boolean {
  let minRight = Infinity;
  let maxRight = -Infinity;
  let minWrong = Infinity;
  let maxWrong = -Infinity;
  for (let g = 0; g < values.length; g++) {
    const p = clip(values[g]!);
    if (correct[g]! > 0) {
      minRight = Math.min(minRight, p);
      maxRight = Math.max(maxRight, p);
    }
    if (total[g]! - correct[g]! > 0) {
      minWrong = Math.min(minWrong, p);
      maxWrong = Math.max(maxWrong, p);
    }
  }
  return maxWrong < minRight || maxRight < minWrong;
}

/**
 * The map fitted to items counted by group (total, correct), or null where
 * the item-level fit would not group them (Platt on few items, or on mostly
 * distinct confidences). The counts have passed the item-level checks.
 */
function fitCounts(method: RecalibrationMethod, values: Float64Array, total: Float64Array, correct: Float64Array, where: string): MapParams | null {
  const present: number[] = [];
  let n = 0;
  for (let g = 0; g < values.length; g++) {
    if (total[g]! > 0) {
      present.push(g);
      n += total[g]!;
    }
  }
  if (method === 'isotonic') {
    const m = present.length;
    const ux = new Float64Array(m);
    const ySum = new Float64Array(m);
    const uw = new Float64Array(m);
    present.forEach((g, j) => {
      ux[j] = values[g]!;
      ySum[j] = correct[g]!;
      uw[j] = total[g]!;
    });
    const fit = isotonicFitGrouped(ux, ySum, uw, m);
    return { method: 'isotonic', x: Array.from(fit.x), y: Array.from(fit.y) };
  }
  // Platt: fitLogistic1d's groups are the items' equal logits, in confidence order (logit is monotone).
  const value: number[] = [];
  const count: number[] = [];
  const positives: number[] = [];
  for (const g of present) {
    const x = logit(values[g]!);
    if (value.length > 0 && value[value.length - 1] === x) {
      count[count.length - 1]! += total[g]!;
      positives[positives.length - 1]! += correct[g]!;
    } else {
      value.push(x);
      count.push(total[g]!);
      positives.push(correct[g]!);
    }
  }
  if (!fitsOnGroups(n, value.length)) return null;
  return plattParams(fitLogistic1dGroups(Float64Array.from(value), Float64Array.from(count), Float64Array.from(positives), { C: PLATT_C }), where);
}

/** fitMap on the whole run, from its groups where the method allows: the same map and warnings. */
export function fitMapOnGroups(data: CalibrationData, groups: ConfidenceGroups, method: RecalibrationMethod, settings: FitSettings = {}): FitResult {
  if (!onGroups(method)) return fitMap(data, method, settings);
  checkFitInput(data);
  // fitMap's refusal, with its words.
  if (LOGIT_METHODS.has(method) && separatedByConfidence(data)) return fitMap(data, method, settings);
  const params = fitCounts(method, groups.values, groups.total, groups.correct, 'this run') ?? fitMap(data, method, settings).params;
  return { params, warnings: endpointWarnings(data, method) };
}

/** A cross-fit and, per fold and group, the held-out items: what the re-scoring of its confidences reads. */
export interface GroupedCrossFit extends CrossFit {
  /** items of fold f in group g at f * groups + g, and the right ones among them; null when the item-level path ran */
  held: { total: Float64Array; correct: Float64Array; predicted: Float64Array } | null;
}

/** crossFit, from the groups where the method allows: the same folds, maps and predictions. */
export function crossFitOnGroups(data: CalibrationData, groups: ConfidenceGroups, method: RecalibrationMethod, settings: FitSettings = {}, options: CrossFitOptions = {}): GroupedCrossFit {
  const itemLevel = (): GroupedCrossFit => ({ ...crossFit(data, method, settings, options), held: null });
  if (!onGroups(method)) return itemLevel();
  const { folds, seed } = resolveFolds(options);
  const n = data.p.length;
  if (n < folds) return itemLevel();
  checkFitInput(data);
  const { values, groupOf, total, correct } = groups;
  const G = values.length;
  const fold = stratifiedFolds(data.y, folds, seed);
  const heldTotal = new Float64Array(folds * G);
  const heldCorrect = new Float64Array(folds * G);
  const sizes = new Float64Array(folds);
  const rights = new Float64Array(folds);
  let allRight = 0;
  for (let i = 0; i < n; i++) {
    const at = fold[i]! * G + groupOf[i]!;
    heldTotal[at]! += 1;
    heldCorrect[at]! += data.y[i]!;
    sizes[fold[i]!]! += 1;
    rights[fold[i]!]! += data.y[i]!;
    allRight += data.y[i]!;
  }
  const trainTotal = new Float64Array(G);
  const trainCorrect = new Float64Array(G);
  const training = (f: number) => {
    for (let g = 0; g < G; g++) {
      trainTotal[g] = total[g]! - heldTotal[f * G + g]!;
      trainCorrect[g] = correct[g]! - heldCorrect[f * G + g]!;
    }
  };
  // The item-level checks, on counts: any fold it would refuse, it refuses (with its words).
  for (let f = 0; f < folds; f++) {
    const trainN = n - sizes[f]!;
    const trainRight = allRight - rights[f]!;
    if (trainN === 0 || trainRight === 0 || trainRight === trainN) return itemLevel();
    training(f);
    let distinct = 0;
    for (let g = 0; g < G && distinct < 2; g++) if (trainTotal[g]! > 0) distinct++;
    if (distinct < 2) return itemLevel();
    if (LOGIT_METHODS.has(method) && separated(values, trainTotal, trainCorrect)) return itemLevel();
  }
  const predicted = new Float64Array(folds * G);
  const foldParams: MapParams[] = [];
  for (let f = 0; f < folds; f++) {
    training(f);
    const where = `the training part of fold ${f + 1} of ${folds} (the ${n - sizes[f]!} items outside it)`;
    const params = fitCounts(method, values, trainTotal, trainCorrect, where) ?? fitMap(trainingItems(data, fold, f), method, settings, where).params;
    foldParams.push(params);
    predicted.set(applyMapAll(params, values), f * G);
  }
  const predictions = new Float64Array(n);
  for (let i = 0; i < n; i++) predictions[i] = predicted[fold[i]! * G + groupOf[i]!]!;
  return { folds, seed, fold, predictions, foldParams, held: { total: heldTotal, correct: heldCorrect, predicted } };
}

/** The items outside fold f, in item order (crossFit's training part). */
function trainingItems(data: CalibrationData, fold: Int32Array, f: number): CalibrationData {
  let size = 0;
  for (let i = 0; i < fold.length; i++) if (fold[i] !== f) size++;
  const train: CalibrationData = { p: new Float64Array(size), y: new Uint8Array(size) };
  let r = 0;
  for (let i = 0; i < fold.length; i++) {
    if (fold[i] === f) continue;
    train.p[r] = data.p[i]!;
    train.y[r++] = data.y[i]!;
  }
  return train;
}

/** The groups' confidences as the map puts them: each group's items in the map's value (for in-sample numbers). */
export function mappedByGroup(params: MapParams, groups: ConfidenceGroups): Float64Array {
  const mapped = applyMapAll(params, groups.values);
  const out = new Float64Array(groups.groupOf.length);
  for (let i = 0; i < out.length; i++) out[i] = mapped[groups.groupOf[i]!]!;
  return out;
}

/** The stated-confidence policy's curve, from the groups. */
export function statedPolicy(groups: ConfidenceGroups, tally: GradedTally): PolicyCurveOf {
  const stated: PolicyGroups = { values: groups.values, correct: groups.correct, wrong: Float64Array.from(groups.total, (t, g) => t - groups.correct[g]!) };
  return (grid) => policyCurveOfGroups(stated, keptOf(tally), grid);
}

/** The recalibrated policy's curve: from each (fold, group)'s held-out items when the cross-fit kept them, else from the items. */
export function recalibratedPolicy(columns: OutcomeColumns, cross: GroupedCrossFit, tally: GradedTally): PolicyCurveOf {
  if (!cross.held) {
    const run = { runId: 'recalibrated', name: 'recalibrated', keys: [], columns: withRecalibratedConfidence(columns, cross.predictions) };
    return (grid) => policyCurve(run, grid);
  }
  const groups = recalibratedGroups(cross.held);
  return (grid) => policyCurveOfGroups(groups, keptOf(tally), grid);
}

function keptOf(tally: GradedTally): { abstained: number; correct: number; wrong: number } {
  return { abstained: tally.abstained, correct: tally.keptCorrect, wrong: tally.keptWrong };
}

/** Policy groups of the cross-fitted confidences: each (fold, group)'s held-out items sit at its prediction. */
function recalibratedGroups(held: NonNullable<GroupedCrossFit['held']>): PolicyGroups {
  const present: number[] = [];
  for (let at = 0; at < held.total.length; at++) if (held.total[at]! > 0) present.push(at);
  const keys = Float64Array.from(present, (at) => held.predicted[at]!);
  const order = argsortAscendingStable(keys);
  const values: number[] = [];
  const correct: number[] = [];
  const wrong: number[] = [];
  for (let k = 0; k < order.length; k++) {
    const at = present[order[k]!]!;
    const value = held.predicted[at]!;
    const right = held.correct[at]!;
    const all = held.total[at]!;
    if (values.length > 0 && values[values.length - 1] === value) {
      correct[correct.length - 1]! += right;
      wrong[wrong.length - 1]! += all - right;
    } else {
      values.push(value);
      correct.push(right);
      wrong.push(all - right);
    }
  }
  return { values: Float64Array.from(values), correct: Float64Array.from(correct), wrong: Float64Array.from(wrong) };
}

/** rescore of a cross-fit, from its groups when it has them: the same rows and curves. */
export function rescoreOnGroups(columns: OutcomeColumns, groups: ConfidenceGroups, cross: GroupedCrossFit, options: { targets?: readonly number[] } = {}): Rescoring {
  const tally = gradedTally(columns);
  return rescoreWith(tally, options, { stated: statedPolicy(groups, tally), recalibrated: recalibratedPolicy(columns, cross, tally) });
}
