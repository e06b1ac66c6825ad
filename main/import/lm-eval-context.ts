// What an lm-evaluation-harness samples file does not say about itself: the
// model and task (in the results file beside it, or in its own name), the
// task's config (output type, choices, metrics), and the names of the filters
// whose rows pre-0.4.7 files repeat without saying which is which.
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseJsonLenient } from './json-lenient.ts';

type Json = Record<string, unknown>;
export const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

/** samples_<task>_<timestamp>.jsonl (0.4.3 on). */
export const SAMPLES_NAME = /^samples_(.+)_(\d{4}-\d{2}-\d{2}T[\d-]+(?:\.\d+)?)\.jsonl?$/;
/** {task}_write_out_info.json (0.3). */
export const WRITE_OUT_NAME = /^(.+)_write_out_info\.json$/;
/** {model_args with / and = as __}_{task}.jsonl (0.4.0-0.4.2); some builds kept the "=". */
const MODEL_ARGS_NAME = /^(?:pretrained|model|engine|model_name|path)(?:=|__)(.*)$/;

const RESULTS_NAME = /^results.*\.json$/i;
/** Larger results files are not a results file lm-eval wrote (they hold no samples). */
const MAX_RESULTS_BYTES = 32 * 1024 * 1024;

export interface LmEvalContext {
  /** The results file's own name, when one was found. */
  resultsFile: string | null;
  results: Json | null;
  version: string | null;
  model: string | null;
  /** Where the model name came from, for the preview. */
  modelSource: string | null;
  task: string | null;
  /** The task's config from the results file (output_type, doc_to_choice, metric_list, ...). */
  config: Json | null;
  /** Filter names in the order the results file lists them for the task. */
  filters: string[];
}

async function readJsonObject(path: string): Promise<Json | null> {
  try {
    if ((await stat(path)).size > MAX_RESULTS_BYTES) return null;
    const value = parseJsonLenient(await readFile(path, 'utf8'));
    return isObject(value) && (isObject(value.results) || isObject(value.configs) || isObject(value.config)) ? value : null;
  } catch {
    return null; // a damaged results file costs the model name, not the import
  }
}

function taskNames(results: Json): string[] {
  const names = new Set<string>();
  for (const key of ['configs', 'results', 'versions', 'n-shot']) {
    const section = results[key];
    if (isObject(section)) for (const name of Object.keys(section)) names.add(name);
  }
  return [...names];
}

/** The task a file name names, given the task names a results file knows (longest match wins). */
function taskFromName(stem: string, known: string[]): string | null {
  const matches = known.filter((task) => stem === task || stem.endsWith(`_${task}`)).sort((a, b) => b.length - a.length);
  return matches[0] ?? null;
}

/** Index of the first "_" that is not part of a "__" (the separator lm-eval put between model args and task). */
function singleUnderscore(text: string, from = 0): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '_' && text[i - 1] !== '_' && text[i + 1] !== '_') return i;
  }
  return -1;
}

/**
 * Model and task from a file name when nothing else says them:
 * samples_<task>_<ts>.jsonl, <task>_write_out_info.json, or the 0.4.0-0.4.2
 * `{model_args}_{task}.jsonl` (pretrained=ORG__NAME_task, model__NAME_task).
 */
export function namesFromFileName(fileName: string, knownTasks: string[] = []): { model: string | null; task: string | null } {
  const samples = SAMPLES_NAME.exec(fileName);
  if (samples) return { model: null, task: samples[1]! };
  const writeOut = WRITE_OUT_NAME.exec(fileName);
  if (writeOut) return { model: null, task: writeOut[1]! };
  const stem = fileName.replace(/\.jsonl?$/i, '');
  const known = taskFromName(stem, knownTasks);
  const args = MODEL_ARGS_NAME.exec(stem);
  if (!args) {
    // "_qnli.jsonl": lm-eval run with no model args.
    if (known) return { model: null, task: known };
    return { model: null, task: stem.startsWith('_') && stem.length > 1 ? stem.slice(1) : null };
  }
  const rest = args[1]!;
  let value: string;
  let task: string | null;
  if (known) {
    value = rest.slice(0, Math.max(0, rest.length - known.length - 1));
    task = known;
  } else {
    // Further model args follow after commas; the task starts after the last one's value.
    const lastArg = rest.lastIndexOf(',');
    const split = singleUnderscore(rest, lastArg >= 0 ? rest.indexOf('__', lastArg) + 2 : 0);
    if (split < 0) return { model: null, task: null };
    value = rest.slice(0, split);
    task = rest.slice(split + 1) || null;
  }
  const model = value.split(',')[0]!.replace(/__/g, '/');
  return { model: model === '' ? null : model, task };
}

/** The model a results file names: model_name (0.4.3 on), else the model args (pretrained=, model=, ...). */
export function modelFromResults(results: Json): string | null {
  if (typeof results.model_name === 'string' && results.model_name !== '') return results.model_name;
  const config = isObject(results.config) ? results.config : {};
  const args = config.model_args;
  const keys = ['pretrained', 'model', 'engine', 'model_name', 'path'];
  if (isObject(args)) {
    for (const key of keys) if (typeof args[key] === 'string' && args[key] !== '') return args[key];
  }
  if (typeof args === 'string') {
    for (const key of keys) {
      const match = new RegExp(`(?:^|,)\\s*${key}=([^,]+)`).exec(args);
      if (match) return match[1]!.trim();
    }
  }
  return typeof config.model === 'string' && config.model !== '' ? config.model : null;
}

/** The filters a results file lists for a task ("exact_match,strict-match" keys), in order. */
function filtersOf(results: Json, task: string): string[] {
  const section = isObject(results.results) ? results.results[task] : null;
  if (!isObject(section)) return [];
  const filters: string[] = [];
  for (const key of Object.keys(section)) {
    const comma = key.indexOf(',');
    if (comma < 0 || key.slice(0, comma).endsWith('_stderr')) continue;
    const filter = key.slice(comma + 1);
    if (!filters.includes(filter)) filters.push(filter);
  }
  return filters;
}

/**
 * Reads what the folder around a samples file says about it. Results files
 * have any name starting with "results" (results.json before 0.4.3,
 * results_<timestamp>.json after); the one with the same timestamp wins, then
 * one that knows the task, then the newest by name.
 */
export async function lmEvalContext(path: string): Promise<LmEvalContext> {
  const fileName = basename(path);
  const dir = dirname(path);
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => RESULTS_NAME.test(n) && n !== fileName).sort();
  const stamp = SAMPLES_NAME.exec(fileName)?.[2] ?? null;
  const candidates: Array<{ name: string; results: Json }> = [];
  for (const name of names) {
    const results = await readJsonObject(join(dir, name));
    if (results) candidates.push({ name, results });
  }
  const byStamp = stamp !== null ? candidates.find((c) => c.name === `results_${stamp}.json`) : undefined;
  const fromName = namesFromFileName(fileName);
  const knowsTask = (c: { results: Json }) => {
    const known = taskNames(c.results);
    return taskFromName(fileName.replace(/\.jsonl?$/i, '').replace(/_write_out_info$/, ''), known) !== null ||
      (fromName.task !== null && known.includes(fromName.task));
  };
  const chosen = byStamp ?? candidates.filter(knowsTask).at(-1) ?? (candidates.length === 1 ? candidates[0] : undefined);
  const results = chosen?.results ?? null;
  const known = results ? taskNames(results) : [];
  const named = namesFromFileName(fileName, known);
  const task = named.task;
  const resultsModel = results ? modelFromResults(results) : null;
  const model = resultsModel ?? named.model;
  const configs = results && isObject(results.configs) ? results.configs : null;
  const config = configs && task !== null && isObject(configs[task]) ? configs[task] : null;
  const version = results && typeof results.lm_eval_version === 'string' ? results.lm_eval_version : null;
  return {
    resultsFile: chosen?.name ?? null,
    results,
    version,
    model,
    modelSource: resultsModel !== null ? `the results file ${chosen!.name}` : named.model !== null ? 'the file name' : null,
    task,
    config,
    filters: results && task !== null ? filtersOf(results, task) : [],
  };
}

/** Choice texts a task config lists literally (doc_to_choice: ["yes", "no"]); null when they are a template. */
export function literalChoices(config: Json | null): string[] | null {
  const choices = config?.doc_to_choice;
  return Array.isArray(choices) && choices.every((c) => typeof c === 'string') ? (choices as string[]) : null;
}

/** The metric names a task config declares (metric_list), in order. */
export function configMetrics(config: Json | null): string[] {
  const list = config?.metric_list;
  if (!Array.isArray(list)) return [];
  return list.map((m) => (isObject(m) ? m.metric : m)).filter((m): m is string => typeof m === 'string');
}
