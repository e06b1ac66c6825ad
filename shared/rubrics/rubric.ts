// Scoring rules as plain, serialisable data (science.md section 2). Every rubric
// here is a function of a run's outcome counts alone, which is what lets the
// bootstrap evaluate all rubrics from one tally per resample. A rubric may
// also state how it scores partial answers (partial.ts).
import { applyPartial, formatPartial, parsePartial, partialLabel, PartialSpecError, type PartialScoring } from './partial.ts';


/** How a rubric scores an imported partial grade; absent: as incorrect, as every metric does. */
interface PartialChoice {
  partial?: PartialScoring;
}

/** Points-per-outcome rubrics: score = mean points over graded items. */
export type PointsRubric = (
  | { kind: 'binary' }
  /** the paper's confidence target: +1 / -t/(1-t) / 0 */
  | { kind: 'target'; t: number }
  /** the Nature "open rubric": +1 / 0 / t; equals (1-t) * target(t) + t */
  | { kind: 'open'; t: number }
  /**
   * Arbitrary points. statedT is the threshold the instructions claim, kept
   * only so a mismatch with the points can be flagged.
   */
  | { kind: 'custom'; correct: number; wrong: number; abstained: number; statedT?: number }
) &
  PartialChoice;

export type SimpleQaMetric = 'correct' | 'correct-given-attempted' | 'f-score';

export type Rubric = PointsRubric | ({ kind: 'simpleqa'; metric: SimpleQaMetric } & PartialChoice);

export interface Points {
  correct: number;
  wrong: number;
  abstained: number;
}

/** Graded-outcome tallies; unlabeled items never enter a score. */
export interface Counts {
  correct: number;
  incorrect: number;
  abstained: number;
  /** Of `incorrect`, the partial grades (partial.ts); absent or 0 when none. */
  partial?: number;
}

export const DEFAULT_TARGETS: readonly number[] = [0, 0.5, 0.75, 0.9];

/** Binary accuracy plus the paper's targets 0.5, 0.75, 0.9 (t = 0 is binary itself). */
export function defaultRubrics(): Rubric[] {
  return [{ kind: 'binary' }, ...DEFAULT_TARGETS.filter((t) => t > 0).map((t): Rubric => ({ kind: 'target', t }))];
}

function checkTarget(t: number): void {
  if (!(t >= 0 && t < 1)) throw new RangeError(`confidence target must be in [0, 1), got ${t}`);
}

/** t / (1 - t): the wrong-answer penalty that makes confidence t the break-even point. */
export function penaltyForTarget(t: number): number {
  checkTarget(t);
  return t / (1 - t);
}

/** L / (1 + L): the break-even confidence of a rubric taking L points for a wrong answer. */
export function targetForPenalty(penalty: number): number {
  if (!(penalty >= 0) || !Number.isFinite(penalty)) throw new RangeError(`penalty must be finite and >= 0, got ${penalty}`);
  return penalty / (1 + penalty);
}

export function isPointsRubric(r: Rubric): r is PointsRubric {
  return r.kind !== 'simpleqa';
}

/** The per-outcome points; null for SimpleQA's ratio metrics, which are not per-item means. */
export function rubricPoints(r: Rubric): Points | null {
  switch (r.kind) {
    case 'binary':
      return { correct: 1, wrong: 0, abstained: 0 };
    case 'target':
      return { correct: 1, wrong: -penaltyForTarget(r.t), abstained: 0 };
    case 'open':
      checkTarget(r.t);
      return { correct: 1, wrong: 0, abstained: r.t };
    case 'custom':
      return { correct: r.correct, wrong: r.wrong, abstained: r.abstained };
    case 'simpleqa':
      return null;
  }
}

/**
 * Break-even confidence p* at which answering and abstaining have equal
 * expected points: p*c + (1-p*)w = a, so p* = (a - w) / (c - w). With a = 0
 * and c = 1 this is the paper's L/(1+L); with the open rubric it is t. When
 * c > a > w the rubric is a positive affine map of target(p*) (see
 * equivalentTarget), so it ranks runs exactly as target(p*) does. Values
 * outside [0, 1) are returned as computed and explained by validateRubric.
 * null when c <= w (answering correctly is not rewarded over a wrong answer)
 * and for SimpleQA metrics.
 */
export function impliedThreshold(r: Rubric): number | null {
  const p = rubricPoints(r);
  if (p === null || !(p.correct > p.wrong)) return null;
  return (p.abstained - p.wrong) / (p.correct - p.wrong);
}

/**
 * The wrong-answer penalty relative to the correct-answer reward, both
 * measured from the abstention baseline: L = (a - w) / (c - a). Then
 * t = L / (1 + L) agrees with impliedThreshold for any abstained points.
 */
export function relativePenalty(p: Points): number {
  return (p.abstained - p.wrong) / (p.correct - p.abstained);
}

/**
 * points = scale * target(t) points + offset, with scale > 0: then
 * score = scale * targetScore + offset over the same graded items, hence
 * identical rankings. null when no such t in [0, 1) exists.
 */
export function equivalentTarget(r: Rubric): { t: number; scale: number; offset: number } | null {
  const p = rubricPoints(r);
  if (p === null) return null;
  const t = impliedThreshold(r);
  if (t === null || !(t >= 0 && t < 1) || !(p.correct > p.abstained)) return null;
  return { t, scale: p.correct - p.abstained, offset: p.abstained };
}

export interface RubricWarning {
  code: 'stated-threshold-mismatch' | 'abstaining-always-pays' | 'guessing-always-pays' | 'degenerate';
  message: string;
}

const fmt = (x: number): string => String(Number(x.toPrecision(6)));

/** Problems a user should see before trusting a rubric; empty when it is sound. */
export function validateRubric(r: Rubric, tolerance = 1e-9): RubricWarning[] {
  const p = rubricPoints(r);
  if (p === null) return [];
  const out: RubricWarning[] = [];
  if (![p.correct, p.wrong, p.abstained].every(Number.isFinite)) {
    return [{ code: 'degenerate', message: 'points must be finite numbers' }];
  }
  if (!(p.correct > p.wrong)) {
    return [{ code: 'degenerate', message: `a correct answer (${fmt(p.correct)}) must earn more than a wrong one (${fmt(p.wrong)})` }];
  }
  const t = impliedThreshold(r)!;
  if (t >= 1) {
    out.push({ code: 'abstaining-always-pays', message: `abstaining (${fmt(p.abstained)}) earns at least as much as a correct answer; no confidence justifies answering` });
  } else if (t <= 0 && r.kind === 'custom') {
    out.push({ code: 'guessing-always-pays', message: `implied threshold ${fmt(t)}: guessing never scores below abstaining, so the rubric rewards bluffing like binary grading` });
  }
  if (r.kind === 'custom' && r.statedT !== undefined && Math.abs(r.statedT - t) > tolerance) {
    const explain = r.statedT >= 0 && r.statedT < 1 && p.correct > p.abstained;
    out.push({
      code: 'stated-threshold-mismatch',
      message:
        `stated t = ${fmt(r.statedT)} but the points imply t = ${fmt(t)}` +
        (explain ? `; t = ${fmt(r.statedT)} needs relative penalty ${fmt(penaltyForTarget(r.statedT))}, these points give ${fmt(relativePenalty(p))}` : ''),
    });
  }
  return out;
}

/**
 * The rubric's score from graded counts; null when its denominator is zero.
 * F-score is 0 when both of its parts are 0 (as in run-metrics).
 */
export function scoreFromCounts(r: Rubric, counts: Counts): number | null {
  const c = applyPartial(counts, r.partial);
  const graded = c.correct + c.incorrect + c.abstained;
  if (r.kind === 'simpleqa') {
    if (graded === 0) return null;
    const overall = c.correct / graded;
    if (r.metric === 'correct') return overall;
    const attempted = c.correct + c.incorrect;
    if (attempted === 0) return null;
    const given = c.correct / attempted;
    if (r.metric === 'correct-given-attempted') return given;
    return overall + given === 0 ? 0 : (2 * overall * given) / (overall + given);
  }
  if (graded === 0) return null;
  const p = rubricPoints(r)!;
  return (p.correct * c.correct + p.wrong * c.incorrect + p.abstained * c.abstained) / graded;
}

/** A stable id for storage and for matching leaderboard columns: the formatted spec. */
export function rubricId(r: Rubric): string {
  return formatRubric(r);
}

/**
 * What a rubric is, as a value: rubrics with the same key score every run
 * identically (t=0.75 and penalty=3 are one; binary, t=0 and custom:1,0,0
 * are one). A custom rubric's stated t is part of it: it carries a claim
 * that is checked.
 */
export function rubricValueKey(r: Rubric): string {
  // Partial as incorrect is what an unstated choice means: the same rubric.
  const partial = r.partial === undefined || r.partial === 'incorrect' ? '' : `+partial:${formatPartial(r.partial)}`;
  if (r.kind === 'simpleqa') return `simpleqa:${r.metric}${partial}`;
  const p = rubricPoints(r)!;
  const stated = r.kind === 'custom' && r.statedT !== undefined ? `@${r.statedT}` : '';
  return `points:${p.correct},${p.wrong},${p.abstained}${stated}${partial}`;
}

/** One rubric per value, the first given of each, in order: one rubric, one column. */
export function uniqueRubrics(rubrics: readonly Rubric[]): Rubric[] {
  const seen = new Set<string>();
  return rubrics.filter((r) => {
    const key = rubricValueKey(r);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Human-readable name for tables and legends; a stated partial choice is named after it. */
export function rubricLabel(r: Rubric): string {
  const base = baseLabel(r);
  return r.partial === undefined ? base : `${base}, ${partialLabel(r.partial)}`;
}

function baseLabel(r: Rubric): string {
  switch (r.kind) {
    case 'binary':
      return 'Binary accuracy';
    case 'target':
      return r.t === 0 ? 'Binary accuracy (t = 0)' : `t = ${fmt(r.t)} (penalty ${fmt(penaltyForTarget(r.t))})`;
    case 'open':
      return `Open rubric t = ${fmt(r.t)} (IDK = ${fmt(r.t)})`;
    case 'custom': {
      const t = impliedThreshold(r);
      return `Custom ${fmt(r.correct)} / ${fmt(r.wrong)} / ${fmt(r.abstained)}` + (t === null ? '' : ` (implied t = ${fmt(t)})`);
    }
    case 'simpleqa':
      return r.metric === 'correct' ? 'SimpleQA correct' : r.metric === 'correct-given-attempted' ? 'SimpleQA correct given attempted' : 'SimpleQA F-score';
  }
}

export class RubricSpecError extends Error {
  override name = 'RubricSpecError';
}

export const RUBRIC_SPEC_HELP =
  'expected binary, t=<0..1>, penalty=<L>, open:<t>, custom:<correct>,<wrong>,<abstained>[@<stated t>], simpleqa-correct, simpleqa-cga or simpleqa-f, optionally followed by +partial=incorrect|abstained|credit:<0..1>';

function num(text: string, what: string, spec: string): number {
  const s = text.trim();
  // Number('') is 0 and Number('0x1') is 1: accept plain decimals only.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) throw new RubricSpecError(`${JSON.stringify(spec)}: ${what} ${JSON.stringify(s)} is not a number`);
  return Number(s);
}

function target(text: string, spec: string): number {
  const t = num(text, 'target', spec);
  if (!(t >= 0 && t < 1)) throw new RubricSpecError(`${JSON.stringify(spec)}: target must be in [0, 1), got ${t}`);
  return t;
}

/**
 * Parses a CLI rubric spec. Forms: `binary`, `t=0.75` (also `t:0.75`),
 * `penalty=3` (becomes t = 3/4), `open:0.75`, `custom:1,-2,0`,
 * `custom:1,-2,0@0.75` (stated t, checked by validateRubric),
 * `simpleqa-correct`, `simpleqa-cga`, `simpleqa-f`; any of them followed by
 * `+partial=incorrect`, `+partial=abstained` or `+partial=credit:0.5` states
 * how partial answers score (partial.ts). Throws RubricSpecError.
 */
export function parseRubric(spec: string): Rubric {
  const whole = spec.trim().toLowerCase();
  const clause = /\+\s*partial\s*[=:]\s*(.*)$/.exec(whole);
  const rubric = parseBase(clause ? whole.slice(0, clause.index) : whole, spec);
  if (!clause) return rubric;
  try {
    return { ...rubric, partial: parsePartial(clause[1]!, spec) };
  } catch (error) {
    if (error instanceof PartialSpecError) throw new RubricSpecError(error.message);
    throw error;
  }
}

function parseBase(base: string, spec: string): Rubric {
  const s = base.trim();
  if (s === '') throw new RubricSpecError(`empty rubric spec; ${RUBRIC_SPEC_HELP}`);
  if (s === 'binary' || s === 'accuracy') return { kind: 'binary' };
  if (s === 'simpleqa-correct') return { kind: 'simpleqa', metric: 'correct' };
  if (s === 'simpleqa-cga' || s === 'simpleqa-correct-given-attempted') return { kind: 'simpleqa', metric: 'correct-given-attempted' };
  if (s === 'simpleqa-f' || s === 'simpleqa-f-score') return { kind: 'simpleqa', metric: 'f-score' };
  let m = /^t\s*[=:]\s*(.*)$/.exec(s);
  if (m) return { kind: 'target', t: target(m[1]!, spec) };
  m = /^penalty\s*[=:]\s*(.*)$/.exec(s);
  if (m) {
    const l = num(m[1]!, 'penalty', spec);
    if (!(l >= 0) || !Number.isFinite(l)) throw new RubricSpecError(`${JSON.stringify(spec)}: penalty must be finite and >= 0`);
    return { kind: 'target', t: targetForPenalty(l) };
  }
  m = /^open\s*[=:]\s*(.*)$/.exec(s);
  if (m) return { kind: 'open', t: target(m[1]!, spec) };
  m = /^custom\s*[=:]\s*([^@]*)(?:@(.*))?$/.exec(s);
  if (m) {
    const parts = m[1]!.split(',');
    if (parts.length !== 3) throw new RubricSpecError(`${JSON.stringify(spec)}: custom needs three points correct,wrong,abstained`);
    const [correct, wrong, abstained] = parts.map((p, i) => num(p, ['correct', 'wrong', 'abstained'][i]!, spec)) as [number, number, number];
    const r: Rubric = { kind: 'custom', correct, wrong, abstained };
    if (m[2] !== undefined) r.statedT = num(m[2], 'stated target', spec);
    const fatal = validateRubric(r).find((w) => w.code === 'degenerate');
    if (fatal) throw new RubricSpecError(`${JSON.stringify(spec)}: ${fatal.message}`);
    return r;
  }
  throw new RubricSpecError(`unknown rubric ${JSON.stringify(spec)}; ${RUBRIC_SPEC_HELP}`);
}

/** Inverse of parseRubric: parseRubric(formatRubric(r)) deep-equals r (penalty= comes back as t=). */
export function formatRubric(r: Rubric): string {
  return r.partial === undefined ? formatBase(r) : `${formatBase(r)}+partial=${formatPartial(r.partial)}`;
}

function formatBase(r: Rubric): string {
  switch (r.kind) {
    case 'binary':
      return 'binary';
    case 'target':
      return `t=${r.t}`;
    case 'open':
      return `open:${r.t}`;
    case 'custom':
      return `custom:${r.correct},${r.wrong},${r.abstained}` + (r.statedT === undefined ? '' : `@${r.statedT}`);
    case 'simpleqa':
      return r.metric === 'correct' ? 'simpleqa-correct' : r.metric === 'correct-given-attempted' ? 'simpleqa-cga' : 'simpleqa-f';
  }
}
