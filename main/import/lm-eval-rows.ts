// One lm-evaluation-harness --log_samples row as an item. The row's layout
// changed many times between 0.4.0 and today; each shape is recognised from
// the row itself, never from a version number.
import type { Outcome } from '../../shared/domain.ts';
import { ImportError, type ImportedItem } from './types.ts';
import { argmax, isBinaryMetric, gradeByMetric, isScalarMetricValue, softmaxAt } from './metric-grades.ts';
import { isObject } from './lm-eval-context.ts';

type Json = Record<string, unknown>;

/** Keys of a row that are not per-sample metrics. */
const STRUCTURAL = new Set([
  'doc_id', 'doc', 'target', 'arguments', 'resps', 'filtered_resps', 'filter', 'metrics', 'doc_hash', 'prompt_hash', 'target_hash',
  'task', 'task_name', 'sample_id', 'prompt',
]);

export interface RowOptions {
  /** Grade by this per-sample metric; null lets the row decide (acc for multiple choice, then the binary metrics by name). */
  metric: string | null;
  /** Multiple choice: score choices by loglikelihood per character, as acc_norm does. */
  normalised: boolean;
  /** Choice texts from the task config, when a row does not carry them (early v0.4). */
  configChoices: string[] | null;
}

export interface RowReading {
  item: ImportedItem;
  /** The metric that graded the row, if one did. */
  metric: string | null;
  /** Per-sample metric names in the row. */
  metrics: string[];
  multipleChoice: boolean;
  /** Multiple choice whose choice texts were not known (answers are choice numbers). */
  unnamedChoices: boolean;
  /** A chosen metric had a value that is not 0/1. */
  notBinary: boolean;
}

/** The per-sample metric names of a row: its "metrics" list (0.4.7 on), else its scalar keys that are not structure. */
export function rowMetrics(row: Json): string[] {
  if (Array.isArray(row.metrics)) return row.metrics.map(String);
  return Object.keys(row).filter((key) => !STRUCTURAL.has(key) && (isScalarMetricValue(row[key]) || Array.isArray(row[key])));
}

/**
 * The requests' arguments as [context, continuation] pairs: gen_args_<i>
 * objects (0.4.3 on), a list of pairs (0.4.0-0.4.2), or ONE flat pair (the
 * 2023 refactor wrote the first request's args only).
 */
export function argumentPairs(args: unknown): Array<[string, string | null]> {
  let list: unknown[];
  if (isObject(args)) list = Object.keys(args).sort((a, b) => a.localeCompare(b, 'en', { numeric: true })).map((k) => args[k]);
  else if (Array.isArray(args)) list = args.length > 0 && !Array.isArray(args[0]) && !isObject(args[0]) ? [args] : args;
  else list = [];
  return list.map((arg) => {
    const pair = isObject(arg) ? [arg.arg_0, arg.arg_1] : Array.isArray(arg) ? arg : [arg];
    return [typeof pair[0] === 'string' ? pair[0] : JSON.stringify(pair[0] ?? ''), typeof pair[1] === 'string' ? pair[1] : null];
  });
}

/** A loglikelihood response: a number, [ll, is_greedy], wrapped once more in resps, or the same as strings (0.4.3 on). */
export function loglikelihood(value: unknown): number | null {
  let v = value;
  while (Array.isArray(v)) {
    if (v.length === 0) return null;
    v = v[0];
  }
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(v)) return Number(v);
  return null;
}

function firstText(value: unknown): string {
  let v = value;
  while (Array.isArray(v) && v.length > 0) v = v[0];
  if (typeof v === 'string') return v;
  return v === undefined || (Array.isArray(v) && v.length === 0) ? '' : JSON.stringify(v);
}

function gradeBy(row: Json, name: string, line: number, file: string, explicit: boolean): { grade: Outcome | null; notBinary: boolean } {
  return gradeByMetric(row[name], name, explicit, { file, line });
}

export function rowToItem(row: Json, line: number, file: string, options: RowOptions): RowReading {
  if (row.doc_id === undefined) throw new ImportError('missing-key', 'the sample has no doc_id (expected an lm-eval --log_samples row)', { file, line, field: 'doc_id' });
  const pairs = argumentPairs(row.arguments);
  const prompt = pairs[0]?.[0] ?? (typeof row.prompt === 'string' ? row.prompt : '');
  const responses = Array.isArray(row.filtered_resps) ? row.filtered_resps : Array.isArray(row.resps) ? row.resps : [];
  const metrics = rowMetrics(row);
  const target = row.target;
  const extra: Json = { doc_id: row.doc_id, doc: row.doc, filter: row.filter ?? null, target, resps: row.resps, filtered_resps: row.filtered_resps };
  for (const name of metrics) extra[name] = row[name];

  const lls = responses.map(loglikelihood);
  const loglikelihoodRequests = pairs.length > 0 && pairs.every((p) => p[1] !== null);
  if (loglikelihoodRequests && pairs.length >= 2 && pairs.length === responses.length && lls.some((ll) => ll === null)) {
    throw new ImportError('invalid-value', 'a choice has no numeric loglikelihood (expected ["<loglikelihood>", "<is_greedy>"] per choice)', {
      file, line, field: Array.isArray(row.filtered_resps) ? 'filtered_resps' : 'resps',
    });
  }
  const multipleChoice = responses.length >= 2 && loglikelihoodRequests && lls.every((ll) => ll !== null) &&
    (pairs.length === responses.length || pairs.length === 1);
  const explicit = options.metric !== null;

  if (multipleChoice) {
    const values = lls as number[];
    // Choice texts: the pairs when there is one per choice, else the task config's literal list, else a document's choices.
    const docChoices = isObject(row.doc) && Array.isArray(row.doc.choices) && row.doc.choices.every((c) => typeof c === 'string') ? (row.doc.choices as string[]) : null;
    const fromPairs = pairs.length === values.length ? pairs.map((p) => p[1]!.replace(/^ /, '')) : null;
    const known = fromPairs ?? (options.configChoices?.length === values.length ? options.configChoices : null) ?? (docChoices?.length === values.length ? docChoices : null);
    const choices = known ?? values.map((_, i) => `choice ${i}`);
    // lm-eval's acc_norm divides by the choice's length in characters, without the target delimiter.
    const scores = options.normalised && known ? values.map((ll, i) => ll / Math.max(1, choices[i]!.length)) : values;
    const chosen = argmax(scores);
    const goldIndex =
      typeof target === 'number' ? target
      : typeof target === 'string' && /^\d+$/.test(target) ? Number(target)
      : typeof target === 'string' && known?.includes(target.trim()) ? known.indexOf(target.trim())
      : null;
    const gold = goldIndex !== null && goldIndex < choices.length ? choices[goldIndex]! : typeof target === 'string' ? target : target == null ? null : JSON.stringify(target);
    const metric = options.metric ?? (options.normalised ? 'acc_norm' : 'acc');
    const stated = gradeBy(row, metric, line, file, explicit);
    // With no stated metric, the grade is what acc is by definition: the chosen choice is the gold one.
    const grade = stated.grade ?? (row[metric] === undefined && !explicit && goldIndex !== null ? (goldIndex === chosen ? 'correct' : 'incorrect') : null);
    extra.choices = choices;
    extra.loglikelihoods = values;
    return {
      item: item(row, prompt, choices[chosen]!, gold, grade, options.normalised && !known ? null : softmaxAt(scores, chosen), line, extra),
      metric: row[metric] !== undefined ? metric : grade !== null ? `${metric} (from the loglikelihoods)` : null,
      metrics,
      multipleChoice: true,
      unnamedChoices: known === null,
      notBinary: stated.notBinary,
    };
  }

  const answer = firstText(responses[0]);
  const gold = typeof target === 'string' ? target : target === undefined || target === null ? null : JSON.stringify(target);
  let metric: string | null = null;
  let grade: Outcome | null = null;
  let notBinary = false;
  if (explicit) {
    ({ grade, notBinary } = gradeBy(row, options.metric!, line, file, true));
    metric = options.metric;
  } else {
    const binary = metrics.filter(isBinaryMetric);
    metric = ['acc', 'exact_match', ...binary].find((name) => binary.includes(name)) ?? null;
    if (metric !== null) ({ grade, notBinary } = gradeBy(row, metric, line, file, false));
  }
  return { item: item(row, prompt, answer, gold, grade, null, line, extra), metric, metrics, multipleChoice: false, unnamedChoices: false, notBinary };
}

function item(row: Json, prompt: string, answer: string, gold: string | null, grade: Outcome | null, confidence: number | null, line: number, extra: Json): ImportedItem {
  return { key: String(row.doc_id), prompt, answer, gold, grade, confidence, model: null, task: null, extra, line };
}
