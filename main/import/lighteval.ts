// lighteval details (details_<task>_<timestamp>.parquet), which is also how
// the Open LLM Leaderboard publishes its per-sample details. Two schemas:
// 0.10 on nests each row as {doc, model_response, metric}; before, a row is a
// flat Detail (example, full_prompt, predictions, choices, gold_index,
// metrics, ...), some columns as the Python str() of a list or dict. The
// model comes from the results_<timestamp>.json of the same run.
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Outcome } from '../../shared/domain.ts';
import { ImportError, type ImportedItem, type ReadOptions, type ReaderChoice, type ReaderSummary, type RunFileReader } from './types.ts';
import type { Detector } from './types.ts';
import { displayName } from './lines.ts';
import { parseJsonLenient } from './json-lenient.ts';
import { isParquet, readParquetRows } from './parquet.ts';
import { looseLiteral } from './python-literal.ts';
import { argmax, byPreference, describeMetrics, gradeByMetric, isBinaryMetric, softmaxAt } from './metric-grades.ts';

export interface LightevalReadOptions extends ReadOptions {
  /** The per-sample metric that grades; default the first 0/1 metric (acc for multiple choice). */
  metric?: string;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The timestamp has dashes (lighteval) or colons (early Open LLM Leaderboard details). */
export const DETAILS_NAME = /^details_(.+)_(\d{4}-\d{2}-\d{2}T[\d:-]+(?:\.\d+)?)\.parquet$/;
/** How far up from a details file its results file is looked for (lighteval: <out>/details/<org>/<model>/<ts>/ beside <out>/results/<org>/<model>/). */
const UP_LEVELS = 4;
const DOWN_LEVELS = 3;

async function readResults(path: string): Promise<Json | null> {
  try {
    if ((await stat(path)).size > 32 * 1024 * 1024) return null;
    const value = parseJsonLenient(await readFile(path, 'utf8'));
    return isObject(value) && (isObject(value.config_general) || isObject(value.results)) ? value : null;
  } catch {
    return null;
  }
}

async function findDown(dir: string, name: string, depth: number): Promise<string | null> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) if (entry.isFile() && entry.name === name) return join(dir, entry.name);
  if (depth <= 0) return null;
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const found = await findDown(join(dir, entry.name), name, depth - 1);
    if (found) return found;
  }
  return null;
}

/** results_<same timestamp>.json beside the details, or up the output folder (lighteval keeps results/ beside details/). */
async function findResults(path: string, stamp: string | null): Promise<{ name: string; results: Json } | null> {
  let dir = dirname(path);
  if (stamp !== null) {
    const name = `results_${stamp}.json`;
    for (let level = 0; level <= UP_LEVELS; level++) {
      const found = (await stat(join(dir, name)).then(() => join(dir, name)).catch(() => null)) ?? (level > 0 ? await findDown(join(dir, 'results'), name, DOWN_LEVELS) : null);
      if (found) {
        const results = await readResults(found);
        if (results) return { name: basename(found), results };
      }
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  // Else the only results file beside it.
  const beside = (await readdir(dirname(path)).catch(() => [] as string[])).filter((n) => /^results.*\.json$/i.test(n));
  if (beside.length === 1) {
    const results = await readResults(join(dirname(path), beside[0]!));
    if (results) return { name: beside[0]!, results };
  }
  return null;
}

function modelOf(results: Json): string | null {
  // config_general since lighteval 0.3; "config" in early Open LLM Leaderboard results.
  const general = isObject(results.config_general) ? results.config_general : isObject(results.config) ? results.config : {};
  if (typeof general.model_name === 'string' && general.model_name !== '') return general.model_name;
  const config = isObject(general.model_config) ? general.model_config : {};
  return typeof config.model_name === 'string' && config.model_name !== '' ? config.model_name : null;
}

/** How a metric scores choices, from its config (sample_level_fn): null raw, 'char' per character, 'other' not reproducible here. */
function normalisationOf(results: Json | null, task: string | null, metric: string): null | 'char' | 'other' {
  if (metric.endsWith('acc_norm') || metric === 'loglikelihood_acc_norm_nospace') return 'char';
  const tasks = results && isObject(results.config_tasks) ? results.config_tasks : null;
  const config = tasks && task !== null && isObject(tasks[task]) ? tasks[task] : null;
  const metrics = Array.isArray(config?.metrics) ? config.metrics.filter(isObject) : [];
  const fn = metrics.find((m) => m.metric_name === metric)?.sample_level_fn;
  if (typeof fn !== 'string' || !/logprob_normalization=/.test(fn) || /logprob_normalization=None/.test(fn)) return null;
  return /LogProbCharNorm/.test(fn) && !/ignore_first_space=True/.test(fn) ? 'char' : 'other';
}

const firstOf = (value: unknown): unknown => (Array.isArray(value) ? value[0] : value);

function numberList(value: unknown): number[] | null {
  const list = looseLiteral(value);
  if (!Array.isArray(list) || list.length === 0) return null;
  const out = list.map((v) => {
    const x = Array.isArray(v) ? v[0] : v;
    return typeof x === 'number' && Number.isFinite(x) ? x : null;
  });
  return out.every((x) => x !== null) ? (out as number[]) : null;
}

function stringList(value: unknown): string[] | null {
  const list = looseLiteral(value);
  return Array.isArray(list) && list.every((v) => typeof v === 'string') ? (list as string[]) : null;
}

export function lightevalReader(path: string, options: LightevalReadOptions = {}): RunFileReader {
  const file = displayName(path);
  const name = DETAILS_NAME.exec(basename(path));
  const chosenMetric = typeof options.metric === 'string' && options.metric !== '' ? options.metric : null;
  let summary: ReaderSummary | null = null;
  let results: { name: string; results: Json } | null = null;
  let task: string | null = name?.[1] ?? null;
  const metricsSeen = new Set<string>();
  const gradedBy = new Set<string>();
  let notBinary = 0;
  let multipleChoice = 0;
  let unnormalisable = 0;
  let count = 0;

  function toItem(raw: Json, line: number): ImportedItem {
    // 0.10 on: {doc, model_response, metric}; before: a flat Detail.
    const nested = isObject(raw.doc) || isObject(raw.model_response);
    const doc = isObject(raw.doc) ? raw.doc : {};
    const response = isObject(raw.model_response) ? raw.model_response : {};
    const metricsRaw = looseLiteral(nested ? raw.metric : raw.metrics);
    const metrics = isObject(metricsRaw) ? metricsRaw : {};
    for (const key of Object.keys(metrics)) metricsSeen.add(key);
    task ??= typeof doc.task_name === 'string' ? doc.task_name : null;

    const prompt = [doc.query, raw.full_prompt, raw.example, doc.instruction].find((v): v is string => typeof v === 'string' && v !== '') ?? '';
    const choices = stringList(nested ? doc.choices : raw.choices) ?? [];
    const goldRaw = looseLiteral(nested ? doc.gold_index : raw.gold_index);
    const goldIndex = typeof firstOf(goldRaw) === 'number' ? (firstOf(goldRaw) as number) : null;
    const logprobs = nested ? numberList(response.logprobs) : numberList(raw.predictions);
    const texts = nested ? stringList(response.text_post_processed) ?? stringList(response.text) : stringList(raw.predictions);
    const goldTexts = stringList(raw.gold);

    const metric =
      chosenMetric ?? byPreference(Object.keys(metrics).filter(isBinaryMetric), ['acc', 'loglikelihood_acc', 'acc_norm', 'loglikelihood_acc_norm', 'em', 'qem', 'exact_match', 'extractive_match'])[0] ?? null;
    let grade: Outcome | null = null;
    if (metric !== null) {
      const graded = gradeByMetric(metrics[metric], metric, chosenMetric !== null, { file, line });
      if (graded.notBinary) notBinary += 1;
      if ((grade = graded.grade) !== null) gradedBy.add(metric);
    }
    const extra: Json = { metrics, choices, gold_index: goldRaw ?? null, id: doc.id ?? null };

    if (logprobs && choices.length >= 2 && logprobs.length === choices.length) {
      multipleChoice += 1;
      const normalisation = metric !== null ? normalisationOf(results?.results ?? null, task, metric) : null;
      const scores = normalisation === 'char' ? logprobs.map((lp, i) => lp / Math.max(1, choices[i]!.length)) : logprobs;
      const chosen = argmax(scores);
      if (normalisation === 'other') unnormalisable += 1;
      extra.logprobs = logprobs;
      return {
        key: typeof doc.id === 'string' && doc.id !== '' ? doc.id : String(line),
        prompt,
        answer: choices[chosen]!.trim(),
        gold: goldIndex !== null && goldIndex < choices.length ? choices[goldIndex]!.trim() : null,
        grade,
        confidence: normalisation === 'other' ? null : softmaxAt(scores, chosen),
        model: null,
        task: null,
        extra,
        line,
      };
    }
    const gold = goldTexts?.join(' | ') ?? (goldIndex !== null && goldIndex < choices.length ? choices[goldIndex]! : null);
    return {
      key: typeof doc.id === 'string' && doc.id !== '' ? doc.id : String(line),
      prompt,
      answer: texts?.[0] ?? '',
      gold,
      grade,
      confidence: null,
      model: null,
      task: null,
      extra,
      line,
    };
  }

  async function* items(): AsyncGenerator<ImportedItem> {
    results = await findResults(path, name?.[2] ?? null);
    const seen = new Map<string, number>();
    for await (const { rows, firstRow } of readParquetRows(path, options)) {
      for (const [i, row] of rows.entries()) {
        const item = toItem(row, firstRow + i);
        const first = seen.get(item.key);
        // Repeated ids (a doc asked twice) keep their own rows.
        if (first !== undefined) item.key = `${item.key}#${item.line}`;
        seen.set(item.key, item.line);
        count += 1;
        yield item;
      }
    }
    if (count === 0) throw new ImportError('empty-file', 'the details file has no rows', { file });
    summary = {
      format: 'lighteval',
      formatVersion: null,
      confidenceScale: 'unit',
      model: results ? modelOf(results.results) : null,
      task,
      metadata: { metric: [...gradedBy][0] ?? null, resultsFile: results?.name ?? null, notes: notes() },
    };
  }

  function notes(): string[] {
    const out = describeMetrics(chosenMetric ?? [...gradedBy][0] ?? null, metricsSeen, notBinary);
    if (multipleChoice > 0) {
      out.push(
        unnormalisable > 0
          ? 'No confidence: the grading metric normalises the choices\' logprobs in a way the file does not let Candor repeat (by tokens or PMI).'
          : 'Confidence: softmax of the per-choice logprobs at the chosen choice.',
      );
    } else if (count > 0) {
      out.push('No confidence: generated answers carry no probability in lighteval details.');
    }
    const model = results ? modelOf(results.results) : null;
    out.push(model !== null ? `Model "${model}" from ${results!.name}.` : 'Model unknown: no results_<timestamp>.json of this run was found beside or above the details file.');
    return out;
  }

  return {
    items,
    notes,
    choices(): Record<string, ReaderChoice> {
      const metrics = byPreference(metricsSeen, ['acc', 'loglikelihood_acc', 'em', 'qem']);
      return metrics.length ? { metric: { label: 'grade from metric', options: metrics, value: chosenMetric ?? [...gradedBy][0] ?? null } } : {};
    },
    summary() {
      if (summary === null) throw new Error('summary() is valid once items() has been fully consumed');
      return summary;
    },
  };
}

/** A parquet file (PAR1 magic): lighteval and Open LLM Leaderboard details are the parquet files Candor reads. */
export const detectLighteval: Detector = (s) => {
  if (s.isDirectory || !isParquet(s.head)) return null;
  return { format: 'lighteval', reader: (path, options) => lightevalReader(path, options) };
};
