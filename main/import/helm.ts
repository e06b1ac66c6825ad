import { stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Outcome } from '../../shared/domain.ts';
import { ImportError, type ImportedItem, type ReadOptions, type ReaderSummary, type RunFileReader } from './types.ts';
import type { Detector } from './types.ts';
import { displayName } from './lines.ts';
import { readJsonPieces } from './json-stream.ts';

export interface HelmReadOptions extends ReadOptions {
  /** per_instance_stats metric that grades; default the first of exact_match, quasi_exact_match, prefix_exact_match, ... present. */
  metric?: string;
  /** Cap on one request state, in bytes; default 64 MiB. */
  maxLineBytes?: number;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

const METRICS = ['exact_match', 'quasi_exact_match', 'prefix_exact_match', 'quasi_prefix_exact_match', 'f1_score'];

/** A HELM run folder (benchmark_output/runs/<suite>/<run>/), or any file in it. */
export async function helmRunDir(path: string): Promise<string> {
  return (await stat(path)).isDirectory() ? path : dirname(path);
}

export function helmReader(path: string, options: HelmReadOptions = {}): RunFileReader {
  let summary: ReaderSummary | null = null;

  async function* items(): AsyncGenerator<ImportedItem> {
    const dir = await helmRunDir(path);
    const file = displayName(dir);
    const runSpec = await readWhole(join(dir, 'run_spec.json'), options);
    const { grades, metric } = await readGrades(join(dir, 'per_instance_stats.json'), options);
    const seen = new Set<string>();
    let count = 0;
    const statePath = join(dir, 'scenario_state.json');
    const stateFile = `${file}/scenario_state.json`;
    try {
      await stat(statePath);
    } catch {
      throw new ImportError('not-helm', 'has no scenario_state.json (expected a HELM run folder: run_spec.json, scenario_state.json, per_instance_stats.json)', { file });
    }
    for await (const pieces of readJsonPieces(statePath, { ...options, streamKeys: ['request_states'] })) {
      for (const piece of pieces) {
        if (piece.kind !== 'element') continue;
        const where = { file: stateFile, line: piece.line, field: `request_states[${piece.index}]` };
        if (!isObject(piece.value) || !isObject(piece.value.instance)) {
          throw new ImportError('invalid-state', 'the request state has no instance (expected HELM RequestState objects)', where);
        }
        const item = stateToItem(piece.value, piece.line, grades);
        // multiple_choice_separate_* adapters send one request per choice: keep the instance once.
        if (seen.has(item.key)) continue;
        seen.add(item.key);
        count += 1;
        yield item;
      }
    }
    if (count === 0) throw new ImportError('empty-file', 'scenario_state.json has no request_states', { file: stateFile });
    const adapter = isObject(runSpec?.adapter_spec) ? runSpec.adapter_spec : {};
    summary = {
      format: 'helm',
      formatVersion: null,
      confidenceScale: 'unit',
      model: typeof adapter.model === 'string' ? adapter.model : null,
      task: typeof runSpec?.name === 'string' ? runSpec.name : basename(dir),
      metadata: { metric, method: adapter.method ?? null, scenario: isObject(runSpec?.scenario_spec) ? runSpec.scenario_spec.class_name ?? null : null },
    };
  }

  return {
    items,
    summary() {
      if (summary === null) throw new Error('summary() is valid once items() has been fully consumed');
      return summary;
    },
  };
}

async function readWhole(path: string, options: HelmReadOptions): Promise<Json | null> {
  try {
    await stat(path);
  } catch {
    return null;
  }
  const out: Json = {};
  for await (const pieces of readJsonPieces(path, options)) {
    for (const piece of pieces) if (piece.kind === 'value') out[String(piece.key)] = piece.value;
  }
  return out;
}

const instanceKey = (id: unknown, trial: unknown) => (typeof trial === 'number' && trial > 0 ? `${String(id)}#${trial}` : String(id));

/** instance key -> grade from per_instance_stats.json (an array, one entry per instance and trial). */
async function readGrades(path: string, options: HelmReadOptions): Promise<{ grades: Map<string, Outcome>; metric: string | null }> {
  const grades = new Map<string, Outcome>();
  let metric: string | null = options.metric ?? null;
  try {
    await stat(path);
  } catch {
    return { grades, metric };
  }
  for await (const pieces of readJsonPieces(path, options)) {
    for (const piece of pieces) {
      const entry = piece.value;
      if (!isObject(entry) || !Array.isArray(entry.stats)) continue;
      const stats = entry.stats.filter(isObject);
      const named = (name: string) => stats.find((s) => isObject(s.name) && s.name.name === name && s.name.perturbation === undefined);
      metric ??= METRICS.find((name) => named(name) !== undefined) ?? null;
      const found = metric !== null ? named(metric) : undefined;
      const mean = found ? (typeof found.mean === 'number' ? found.mean : typeof found.sum === 'number' && found.count ? Number(found.sum) / Number(found.count) : null) : null;
      if (mean === 1 || mean === 0) grades.set(instanceKey(entry.instance_id, entry.train_trial_index), mean === 1 ? 'correct' : 'incorrect');
    }
  }
  return { grades, metric };
}

function stateToItem(state: Json, line: number, grades: Map<string, Outcome>): ImportedItem {
  const instance = state.instance as Json;
  const key = instanceKey(instance.id, state.train_trial_index);
  const input = isObject(instance.input) ? String(instance.input.text ?? '') : '';
  const request = isObject(state.request) ? state.request : {};
  const result = isObject(state.result) ? state.result : {};
  const completion = Array.isArray(result.completions) && isObject(result.completions[0]) ? result.completions[0] : {};
  const text = typeof completion.text === 'string' ? completion.text.trim() : '';
  const mapping = isObject(state.output_mapping) ? state.output_mapping : null;
  const references = Array.isArray(instance.references) ? instance.references.filter(isObject) : [];
  const correct = references.filter((r) => Array.isArray(r.tags) && r.tags.includes('correct') && isObject(r.output));
  const gold = correct.length ? correct.map((r) => String((r.output as Json).text ?? '')).join(' | ') : null;
  // Joint multiple choice: the model emits one letter, whose probability HELM logged.
  // A logprob a hair above 0 (float noise) would give a probability above 1.
  const confidence = mapping && typeof completion.logprob === 'number' && Number.isFinite(completion.logprob) ? Math.min(1, Math.exp(completion.logprob)) : null;
  return {
    key,
    prompt: typeof request.prompt === 'string' ? request.prompt : input,
    answer: mapping && typeof mapping[text] === 'string' ? (mapping[text] as string) : text,
    gold,
    grade: grades.get(key) ?? null,
    confidence,
    model: null,
    task: null,
    extra: { instance_id: instance.id, split: instance.split ?? null, input, letter: mapping ? text : undefined, references: instance.references ?? [] },
    line,
  };
}

/** HELM's scenario_state.json / per_instance_stats.json / run_spec.json, or their folder. */
export const detectHelm: Detector = (s) => {
  const reader = (path: string, options?: ReadOptions) => helmReader(path, options);
  if (s.isDirectory) return s.entries.includes('scenario_state.json') ? { format: 'helm', reader } : null;
  const name = basename(s.path);
  if (['scenario_state.json', 'per_instance_stats.json', 'run_spec.json'].includes(name)) return { format: 'helm', reader };
  if (/^\s*\{\s*"adapter_spec"\s*:/.test(s.text) && /"request_states"\s*:/.test(s.text)) return { format: 'helm', reader };
  return null;
};
