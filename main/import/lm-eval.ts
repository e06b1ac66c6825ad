import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Outcome } from '../../shared/domain.ts';
import { ImportError, type ImportedItem, type ReadOptions, type ReaderChoice, type ReaderSummary, type RunFileReader } from './types.ts';
import type { Detector } from './types.ts';
import { displayName, readLines } from './lines.ts';
import { readJsonPieces } from './json-stream.ts';
import { jsonErrorReason, parseJsonLenient } from './json-lenient.ts';
import { parseGrade } from './columns.ts';

export interface LmEvalReadOptions extends ReadOptions {
  /** Which filter's rows to read (e.g. "take-first"); default the first filter in the file. Ignored with splitFilters. */
  filter?: string;
  /** Read every filter, one run each: item.task becomes "<task>/<filter>". */
  splitFilters?: boolean;
  /** Multiple choice: pick and score choices by length-normalised loglikelihood, as acc_norm does. */
  normalised?: boolean;
  /** Generative tasks: the per-sample metric that grades (default the first 0/1 metric in the row's "metrics"). */
  metric?: string;
  maxLineBytes?: number;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

const SAMPLES_NAME = /^samples_(.+)_(\d{4}-\d{2}-\d{2}T[\d-]+(?:\.\d+)?)\.jsonl?$/;

export function lmEvalReader(path: string, options: LmEvalReadOptions = {}): RunFileReader {
  const file = displayName(path);
  const name = SAMPLES_NAME.exec(basename(path));
  const task = name?.[1] ?? null;
  let summary: ReaderSummary | null = null;

  const filters: string[] = [];
  let chosen: string | null = options.splitFilters ? null : options.filter ?? null;

  async function* items(): AsyncGenerator<ImportedItem> {
    const seen = new Map<string, number>();
    let count = 0;
    for await (const batch of sampleRows(path, file, options)) {
      for (const { row, line } of batch) {
        const where = { file, line };
        if (!isObject(row)) throw new ImportError('not-an-object', 'the line is not a JSON object (expected an lm-eval sample with doc_id and resps)', where);
        const filter = typeof row.filter === 'string' ? row.filter : 'none';
        if (!filters.includes(filter)) filters.push(filter);
        if (!options.splitFilters) {
          chosen ??= filter;
          if (filter !== chosen) continue;
        }
        const item = rowToItem(row, line, file, options);
        if (options.splitFilters) item.task = `${task ?? 'lm-eval'}/${filter}`;
        const unique = `${item.task ?? ''}\u0000${item.key}`;
        const first = seen.get(unique);
        if (first !== undefined) {
          throw new ImportError('duplicate-key', `doc_id ${item.key} appears twice for filter ${JSON.stringify(filter)} (first on line ${first})`, { ...where, field: 'doc_id' });
        }
        seen.set(unique, line);
        count += 1;
        yield item;
      }
    }
    if (count === 0) {
      const known = filters.length ? `filters in the file: ${filters.join(', ')}` : 'the file has no samples';
      throw new ImportError('empty-file', `no samples to import (${known})`, { file });
    }
    const results = await neighbouringResults(path, name?.[2] ?? null);
    summary = {
      format: 'lm-eval',
      formatVersion: typeof results?.lm_eval_version === 'string' ? results.lm_eval_version : null,
      confidenceScale: 'unit',
      model: results ? modelName(results) : null,
      task,
      metadata: {
        filters,
        filter: options.splitFilters ? null : chosen,
        normalised: options.normalised ?? false,
        results: results && isObject(results.results) && task !== null ? results.results[task] ?? null : null,
      },
    };
  }

  return {
    items,
    choices: (): Record<string, ReaderChoice> => (options.splitFilters ? {} : { filter: { label: 'filter', options: [...filters], value: chosen } }),
    summary() {
      if (summary === null) throw new Error('summary() is valid once items() has been fully consumed');
      return summary;
    },
  };
}

/** JSONL since 0.4.3; a pretty-printed JSON array before. */
async function* sampleRows(path: string, file: string, options: LmEvalReadOptions): AsyncGenerator<{ row: unknown; line: number }[]> {
  if (path.toLowerCase().endsWith('.json')) {
    for await (const pieces of readJsonPieces(path, options)) {
      yield pieces.map((piece) => {
        if (piece.kind !== 'value' || typeof piece.key !== 'number') {
          throw new ImportError('not-an-array', 'expected a JSON array of samples (lm-eval 0.4.0-0.4.2) or one sample per line', { file, line: 1 });
        }
        return { row: piece.value, line: piece.line };
      });
    }
    return;
  }
  for await (const lines of readLines(path, options)) {
    const out: { row: unknown; line: number }[] = [];
    for (const line of lines) {
      if (line.text.trim() === '') continue;
      try {
        out.push({ row: parseJsonLenient(line.text), line: line.line });
      } catch (error) {
        throw new ImportError('invalid-json', `is not valid JSON (${jsonErrorReason(error)}); expected one sample per line`, { file, line: line.line });
      }
    }
    if (out.length) yield out;
  }
}

/** gen_args_<i> objects since 0.4.3; a list of [context, continuation] before. */
function argumentPairs(args: unknown): [string, string | null][] {
  const list = isObject(args) ? Object.keys(args).sort((a, b) => a.localeCompare(b, 'en', { numeric: true })).map((k) => args[k]) : Array.isArray(args) ? args : [];
  return list.map((arg) => {
    const pair = isObject(arg) ? [arg.arg_0, arg.arg_1] : Array.isArray(arg) ? arg : [arg];
    return [typeof pair[0] === 'string' ? pair[0] : JSON.stringify(pair[0] ?? ''), typeof pair[1] === 'string' ? pair[1] : null];
  });
}

/** A per-choice loglikelihood as [ll, is_greedy], possibly wrapped once more (resps) and as strings. */
function loglikelihood(value: unknown): number | null {
  let v = value;
  while (Array.isArray(v)) v = v[0];
  const n = typeof v === 'string' ? Number(v) : typeof v === 'number' ? v : NaN;
  return Number.isFinite(n) ? n : null;
}

export function softmaxAt(values: number[], index: number): number {
  const max = Math.max(...values);
  const exps = values.map((v) => Math.exp(v - max));
  return exps[index]! / exps.reduce((a, b) => a + b, 0);
}

function metricGrade(row: Json, metric: string | undefined): { grade: Outcome | null; metric: string | null } {
  const names = metric !== undefined ? [metric] : Array.isArray(row.metrics) ? row.metrics.map(String) : [];
  for (const name of names) {
    const value = row[name];
    const grade = typeof value === 'number' ? (value === 1 ? 'correct' : value === 0 ? 'incorrect' : null) : parseGrade(value);
    if (grade) return { grade, metric: name };
  }
  return { grade: null, metric: null };
}

function rowToItem(row: Json, line: number, file: string, options: LmEvalReadOptions): ImportedItem {
  if (row.doc_id === undefined) throw new ImportError('missing-key', 'the sample has no doc_id (expected an lm-eval --log_samples row)', { file, line, field: 'doc_id' });
  const pairs = argumentPairs(row.arguments);
  const prompt = pairs[0]?.[0] ?? '';
  const responses = Array.isArray(row.filtered_resps) ? row.filtered_resps : Array.isArray(row.resps) ? row.resps : [];
  const continuations = pairs.map((p) => p[1]);
  const target = row.target;
  const extra: Json = { doc_id: row.doc_id, doc: row.doc, filter: row.filter ?? null, target, resps: row.resps, filtered_resps: row.filtered_resps };
  if (Array.isArray(row.metrics)) for (const m of row.metrics) extra[String(m)] = row[String(m)];

  const isMultipleChoice = pairs.length > 1 && continuations.every((c) => c !== null) && responses.length === pairs.length;
  if (isMultipleChoice) {
    const lls = responses.map(loglikelihood);
    if (lls.some((ll) => ll === null)) {
      throw new ImportError('invalid-value', 'a choice has no numeric loglikelihood (expected ["<loglikelihood>", "<is_greedy>"] per choice)', { file, line, field: 'filtered_resps' });
    }
    // lm-eval's acc_norm divides by the choice's length, without the " " target delimiter.
    const choices = continuations.map((c) => c!.replace(/^ /, ''));
    const scores = options.normalised ? (lls as number[]).map((ll, i) => ll / Math.max(1, choices[i]!.length)) : (lls as number[]);
    const chosen = scores.indexOf(Math.max(...scores));
    const goldIndex = typeof target === 'number' ? target : typeof target === 'string' && /^\d+$/.test(target) ? Number(target) : null;
    const gold = goldIndex !== null && goldIndex < choices.length ? choices[goldIndex]! : typeof target === 'string' ? target : null;
    const accName = options.normalised ? 'acc_norm' : 'acc';
    const stated = metricGrade(row, accName);
    const grade = stated.grade ?? (goldIndex !== null ? (goldIndex === chosen ? 'correct' : 'incorrect') : null);
    extra.choices = choices;
    extra.loglikelihoods = lls;
    return item(row, prompt, choices[chosen]!, gold, grade, softmaxAt(scores, chosen), line, extra);
  }
  const first = responses[0];
  const answer = typeof first === 'string' ? first : Array.isArray(first) && typeof first[0] === 'string' ? first[0] : first === undefined ? '' : JSON.stringify(first);
  const gold = typeof target === 'string' ? target : target === undefined || target === null ? null : JSON.stringify(target);
  const { grade } = metricGrade(row, options.metric);
  return item(row, prompt, answer, gold, grade, null, line, extra);
}

function item(row: Json, prompt: string, answer: string, gold: string | null, grade: Outcome | null, confidence: number | null, line: number, extra: Json): ImportedItem {
  return { key: String(row.doc_id), prompt, answer, gold, grade, confidence, model: null, task: null, extra, line };
}

/** results_<same timestamp>.json beside the samples, else the newest results_*.json there. */
async function neighbouringResults(path: string, stamp: string | null): Promise<Json | null> {
  const dir = dirname(path);
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => /^results_.*\.json$/.test(n)).sort();
  const name = (stamp !== null ? names.find((n) => n === `results_${stamp}.json`) : undefined) ?? names.at(-1);
  if (name === undefined) return null;
  try {
    const value = parseJsonLenient(await readFile(join(dir, name), 'utf8'));
    return isObject(value) ? value : null;
  } catch {
    return null; // a damaged results file costs the model name, not the import
  }
}

function modelName(results: Json): string | null {
  if (typeof results.model_name === 'string' && results.model_name !== '') return results.model_name;
  const config = isObject(results.config) ? results.config : {};
  const args = config.model_args;
  if (isObject(args) && typeof args.pretrained === 'string') return args.pretrained;
  if (typeof args === 'string') {
    const match = /(?:^|,)\s*pretrained=([^,]+)/.exec(args);
    if (match) return match[1]!;
  }
  return typeof config.model === 'string' ? config.model : null;
}

/** samples_<task>_<timestamp>.jsonl by name, or a first line with doc_id, arguments and resps. */
export const detectLmEval: Detector = (s) => {
  const reader = (path: string, options?: ReadOptions) => lmEvalReader(path, options);
  if (SAMPLES_NAME.test(basename(s.path))) return { format: 'lm-eval', reader };
  const head = s.text.slice(0, 4096);
  if (/^\s*[[{]/.test(head) && /"doc_id"\s*:/.test(head) && /"(arguments|resps)"\s*:/.test(s.text)) return { format: 'lm-eval', reader };
  return null;
};
