import type { Outcome } from '../../shared/domain.ts';
import { ImportError } from './types.ts';

/**
 * Per-sample metrics that are 0/1 by their definition in the frameworks that
 * write them (lm-evaluation-harness, lighteval, HELM): only these grade an item
 * without being asked. A metric whose values merely happen to be 0 and 1 in
 * one file (a 0-100 score that is 0 when unparseable, an F1 of a one-word
 * answer) is not among them; the user can still name any metric to grade by.
 */
export const BINARY_METRICS: readonly string[] = [
  // lm-evaluation-harness
  'acc', 'acc_norm', 'acc_mutual_info', 'exact_match', 'em', 'mc1', 'prompt_level_strict_acc', 'prompt_level_loose_acc',
  // lighteval
  'loglikelihood_acc', 'loglikelihood_acc_norm', 'loglikelihood_acc_norm_nospace', 'loglikelihood_acc_single_token',
  'loglikelihood_acc_norm_single_token', 'qem', 'pem', 'pqem', 'quasi_exact_match', 'prefix_exact_match',
  'prefix_quasi_exact_match', 'extractive_match', 'expr_gold_metric', 'latex_gold_metric',
  // HELM
  'quasi_leave_articles_exact_match', 'quasi_prefix_exact_match', 'exact_match_indicator', 'final_number_exact_match',
  'exact_set_match', 'math_equiv', 'math_equiv_chain_of_thought', 'code_eval_acc', 'cleva_math_result_match',
];

const BINARY = new Set(BINARY_METRICS);

export function isBinaryMetric(name: string): boolean {
  return BINARY.has(name);
}

/**
 * The metrics to grade by, in the order a reader prefers them: the ones that
 * grade a multiple-choice answer first (acc), then exact matches, then the rest
 * of BINARY_METRICS, then anything else present.
 */
export function byPreference(names: Iterable<string>, prefer: readonly string[] = []): string[] {
  const rank = (name: string) => {
    const preferred = prefer.indexOf(name);
    if (preferred >= 0) return preferred;
    const binary = BINARY_METRICS.indexOf(name);
    return binary >= 0 ? prefer.length + binary : Number.MAX_SAFE_INTEGER;
  };
  return [...new Set(names)].sort((a, b) => rank(a) - rank(b));
}

/**
 * A metric value as a grade: 1/true is correct, 0/false incorrect. Frameworks
 * write them as numbers, booleans, or (lm-eval 0.3) their Python str():
 * "1.0", "True". Anything else is not a grade (undefined).
 */
export function metricValueGrade(value: unknown): Outcome | undefined {
  if (typeof value === 'boolean') return value ? 'correct' : 'incorrect';
  if (typeof value === 'number') return value === 1 ? 'correct' : value === 0 ? 'incorrect' : undefined;
  if (typeof value === 'string') {
    const text = value.trim().toLowerCase();
    if (text === 'true') return 'correct';
    if (text === 'false') return 'incorrect';
    if (/^[+]?\d+(\.\d*)?$/.test(text)) return metricValueGrade(Number(text));
  }
  return undefined;
}

/**
 * An item's grade by the named metric: none when the value is missing, and
 * `notBinary` when it is not 0/1. A metric the user named (explicit) that is
 * not 0/1 by definition cannot grade at all: an error at this item. A 0/1
 * metric with another value (tied between choices) leaves the item ungraded.
 */
export function gradeByMetric(value: unknown, name: string, explicit: boolean, where: { file: string; line?: number }): { grade: Outcome | null; notBinary: boolean } {
  if (value === undefined || value === null) return { grade: null, notBinary: false };
  const grade = metricValueGrade(value);
  if (grade !== undefined) return { grade, notBinary: false };
  if (explicit && !isBinaryMetric(name)) {
    throw new ImportError('not-a-grade', `${JSON.stringify(value)} is not 0 or 1, so "${name}" cannot grade (choose a 0/1 metric, or none)`, { ...where, field: name });
  }
  return { grade: null, notBinary: true };
}

/** A plain number, a numeric string, or a boolean: what a per-sample metric looks like (not a tuple or a list). */
export function isScalarMetricValue(value: unknown): boolean {
  if (typeof value === 'number' || typeof value === 'boolean') return true;
  return typeof value === 'string' && /^\s*(true|false|[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?|nan)\s*$/i.test(value);
}

export function softmaxAt(values: number[], index: number): number {
  const max = Math.max(...values);
  const exps = values.map((v) => Math.exp(v - max));
  return exps[index]! / exps.reduce((a, b) => a + b, 0);
}

export function argmax(values: number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

/** Says which metrics a file has and which grades, for the import preview. */
export function describeMetrics(used: string | null, present: Iterable<string>, ungraded: number): string[] {
  const all = [...new Set(present)];
  const others = all.filter((name) => name !== used);
  const notes: string[] = [];
  if (used !== null) {
    notes.push(`Grade from the per-sample metric "${used}"${others.length ? ` (also in the file: ${others.join(', ')})` : ''}.`);
    if (ungraded > 0) notes.push(`${ungraded} item${ungraded === 1 ? ' has' : 's have'} a "${used}" value that is not 0 or 1: left ungraded.`);
  } else if (all.length > 0) {
    notes.push(`No grade found: the metrics in the file (${all.join(', ')}) are not 0/1 by definition. Choose one to grade by, or label the items.`);
  } else {
    notes.push('No grade found: the file has no per-sample metric. Label the items, or let Candor suggest grades.');
  }
  return notes;
}
