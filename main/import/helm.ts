// A HELM run folder (benchmark_output/runs/<suite>/<run>/), read from
// scenario_state.json (the requests with their logprobs) when the folder has
// it, else from the display files HELM writes for its web front end
// (display_predictions.json, display_requests.json, instances.json). Grades
// come from per_instance_stats.json (or the display stats); a confidence only
// where the run's logprobs are real: HELM writes 0.0 when the provider
// returned none, and exp(0) = 1 is not a probability anyone stated.
import { stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Outcome } from '../../shared/domain.ts';
import { ImportError, type ImportedItem, type ReadOptions, type ReaderChoice, type ReaderSummary, type RunFileReader } from './types.ts';
import type { Detector } from './types.ts';
import { displayName } from './lines.ts';
import { readJsonPieces } from './json-stream.ts';
import { gradeMetric, HELM_GRADE_METRICS, instanceKey, isObject, isPerturbed, readInstanceStats, type InstanceStats } from './helm-stats.ts';
import { gradeByMetric } from './metric-grades.ts';

export interface HelmReadOptions extends ReadOptions {
  /** The per-instance metric that grades; default HELM's headline 0/1 metric for the run (exact_match, quasi_exact_match, ...). */
  metric?: string;
  /** Cap on one request state, in bytes; default 64 MiB. */
  maxLineBytes?: number;
}

type Json = Record<string, unknown>;

const SEPARATE_METHODS = new Set(['multiple_choice_separate_original', 'multiple_choice_separate_calibrated']);
const STATE = 'scenario_state.json';
const DISPLAY = 'display_predictions.json';
/** Files whose name alone says HELM (instances.json and display_requests.json are too generic). */
const FOLDER_FILES = [STATE, DISPLAY, 'per_instance_stats.json', 'run_spec.json'];

/** A HELM run folder, or any file in it. */
export async function helmRunDir(path: string): Promise<string> {
  return (await stat(path)).isDirectory() ? path : dirname(path);
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** A whole JSON document's top-level values (small files: run_spec.json). */
async function readWhole(path: string, options: HelmReadOptions): Promise<Json | null> {
  if (!(await exists(path))) return null;
  const out: Json = {};
  for await (const pieces of readJsonPieces(path, options)) {
    for (const piece of pieces) if (piece.kind === 'value') out[String(piece.key)] = piece.value;
  }
  return out;
}

/** Every element of a top-level JSON array, with its line. */
async function* arrayElements(path: string, options: HelmReadOptions): AsyncGenerator<{ value: unknown; line: number }> {
  for await (const pieces of readJsonPieces(path, options)) {
    for (const piece of pieces) if (piece.kind === 'value' && typeof piece.key === 'number') yield { value: piece.value, line: piece.line };
  }
}

function goldOf(instance: Json): string | null {
  const references = Array.isArray(instance.references) ? instance.references.filter(isObject) : [];
  const correct = references.filter((r) => Array.isArray(r.tags) && r.tags.includes('correct') && isObject(r.output));
  return correct.length ? correct.map((r) => String((r.output as Json).text ?? '')).join(' | ') : null;
}

const inputText = (instance: Json) => (isObject(instance.input) ? String(instance.input.text ?? '') : '');

/** The probability of the chosen answer: its letter's token when it has one, else the whole completion. */
function chosenProbability(completion: Json, text: string): number | null {
  const tokens = Array.isArray(completion.tokens) ? completion.tokens.filter(isObject) : [];
  const token = tokens.find((t) => typeof t.text === 'string' && t.text.trim() === text && typeof t.logprob === 'number');
  const logprob = token ? (token.logprob as number) : typeof completion.logprob === 'number' ? completion.logprob : null;
  // A logprob a hair above 0 (float noise) would give a probability above 1.
  return logprob !== null && Number.isFinite(logprob) ? Math.min(1, Math.exp(logprob)) : null;
}

/** Any completion or token logprob below 0 in scenario_state.json: the provider returned logprobs. */
async function stateHasLogprobs(path: string, options: HelmReadOptions): Promise<boolean> {
  for await (const pieces of readJsonPieces(path, { ...options, streamKeys: ['request_states'] })) {
    for (const piece of pieces) {
      if (piece.kind !== 'element' || !isObject(piece.value) || !isObject(piece.value.result)) continue;
      const completions = Array.isArray(piece.value.result.completions) ? piece.value.result.completions.filter(isObject) : [];
      for (const c of completions) {
        if (typeof c.logprob === 'number' && c.logprob < 0) return true;
        if (Array.isArray(c.tokens) && c.tokens.some((t) => isObject(t) && typeof t.logprob === 'number' && t.logprob < 0)) return true;
      }
    }
  }
  return false;
}

export function helmReader(path: string, options: HelmReadOptions = {}): RunFileReader {
  let summary: ReaderSummary | null = null;
  let stats: InstanceStats | null = null;
  let metric: string | null = null;
  let layout: 'scenario_state' | 'display' | null = null;
  let method: string | null = null;
  let logprobsReal = false;
  let ungraded = 0;
  let notBinary = 0;
  let skippedPerturbed = 0;
  let confident = 0;
  let model: string | null = null;
  const headline: string[] = [];

  function grade(key: string, fallback: Json | null): Outcome | null {
    if (metric === null) return null;
    const value = stats?.byKey.get(key)?.get(metric) ?? (fallback ? fallback[metric] : undefined);
    const graded = gradeByMetric(value, metric, Boolean(options.metric), { file: fallback ? DISPLAY : 'per_instance_stats.json' });
    if (graded.notBinary) notBinary += 1;
    return graded.grade;
  }

  async function* items(): AsyncGenerator<ImportedItem> {
    const dir = await helmRunDir(path);
    const file = displayName(dir);
    const runSpec = await readWhole(join(dir, 'run_spec.json'), options);
    stats = await readInstanceStats(join(dir, 'per_instance_stats.json'), options);
    const displayPath = join(dir, DISPLAY);
    const hasDisplay = await exists(displayPath);
    if (hasDisplay) {
      // The display stats hold the metrics HELM shows for this run's group: its headline.
      for await (const { value } of arrayElements(displayPath, options)) {
        if (isObject(value) && isObject(value.stats)) headline.push(...Object.keys(value.stats));
        break;
      }
    }
    const adapter = isObject(runSpec?.adapter_spec) ? runSpec.adapter_spec : {};
    method = typeof adapter.method === 'string' ? adapter.method : null;
    model = typeof adapter.model === 'string' ? adapter.model : typeof adapter.model_deployment === 'string' ? adapter.model_deployment : null;
    metric = gradeMetric(options.metric, headline, stats.metrics);
    const statePath = join(dir, STATE);
    let count = 0;
    if (await exists(statePath)) {
      layout = 'scenario_state';
      logprobsReal = stats.logprobsReal ?? (await stateHasLogprobs(statePath, options));
      for await (const item of stateItems(statePath, `${file}/${STATE}`)) {
        count += 1;
        yield item;
      }
    } else if (hasDisplay) {
      layout = 'display';
      logprobsReal = stats.logprobsReal ?? false;
      for await (const item of displayItems(dir, `${file}/${DISPLAY}`)) {
        count += 1;
        yield item;
      }
    } else {
      throw new ImportError('not-helm', `has neither ${STATE} nor ${DISPLAY} (expected a HELM run folder)`, { file });
    }
    if (count === 0) throw new ImportError('empty-file', 'the run has no unperturbed instances with a result', { file });
    summary = {
      format: 'helm',
      formatVersion: layout,
      confidenceScale: 'unit',
      model,
      task: typeof runSpec?.name === 'string' ? runSpec.name : basename(dir),
      metadata: {
        metric,
        method,
        layout,
        logprobs: logprobsReal,
        scenario: isObject(runSpec?.scenario_spec) ? runSpec.scenario_spec.class_name ?? null : null,
        notes: notes(),
      },
    };
  }

  async function* stateItems(statePath: string, stateFile: string): AsyncGenerator<ImportedItem> {
    const seen = new Set<string>();
    const separate = method !== null && SEPARATE_METHODS.has(method);
    for await (const pieces of readJsonPieces(statePath, { ...options, streamKeys: ['request_states'] })) {
      for (const piece of pieces) {
        if (piece.kind === 'value' && piece.key === 'adapter_spec' && isObject(piece.value) && method === null) {
          method = typeof piece.value.method === 'string' ? piece.value.method : null;
          continue;
        }
        if (piece.kind !== 'element') continue;
        const where = { file: stateFile, line: piece.line, field: `request_states[${piece.index}]` };
        const state = piece.value;
        if (!isObject(state) || !isObject(state.instance)) {
          throw new ImportError('invalid-state', 'the request state has no instance (expected HELM RequestState objects)', where);
        }
        const instance = state.instance;
        if (isPerturbed(instance.perturbation)) {
          skippedPerturbed += 1;
          continue;
        }
        if (state.request_mode === 'calibration' || !isObject(state.result)) continue;
        const key = instanceKey(instance.id, state.train_trial_index);
        // multiple_choice_separate_* send one request per choice: keep the instance once.
        if (seen.has(key)) continue;
        seen.add(key);
        yield separate ? separateItem(state, key, piece.line) : jointItem(state, key, piece.line);
      }
    }
  }

  function jointItem(state: Json, key: string, line: number): ImportedItem {
    const instance = state.instance as Json;
    const request = isObject(state.request) ? state.request : {};
    const result = state.result as Json;
    const completion = Array.isArray(result.completions) && isObject(result.completions[0]) ? result.completions[0] : {};
    const text = typeof completion.text === 'string' ? completion.text.trim() : '';
    const mapping = isObject(state.output_mapping) ? state.output_mapping : null;
    // Multiple choice (joint): the model emits one letter; its probability is the confidence, when the logprobs are real.
    const confidence = mapping && logprobsReal ? chosenProbability(completion, text) : null;
    if (confidence !== null) confident += 1;
    const graded = grade(key, null);
    if (graded === null) ungraded += 1;
    return {
      key,
      prompt: typeof request.prompt === 'string' ? request.prompt : inputText(instance),
      answer: mapping && typeof mapping[text] === 'string' ? (mapping[text] as string) : text,
      gold: goldOf(instance),
      grade: graded,
      confidence,
      model: null,
      task: null,
      extra: { instance_id: instance.id, split: instance.split ?? null, input: inputText(instance), letter: mapping ? text : undefined, references: instance.references ?? [] },
      line,
    };
  }

  function separateItem(state: Json, key: string, line: number): ImportedItem {
    const instance = state.instance as Json;
    const references = Array.isArray(instance.references) ? instance.references.filter(isObject) : [];
    const instanceStats = stats?.byKey.get(key);
    const predicted = instanceStats?.get('predicted_index');
    const chosen = typeof predicted === 'number' && isObject(references[predicted]?.output) ? String((references[predicted]!.output as Json).text ?? '') : '';
    // max_prob is the softmax of the per-choice scores at the chosen one (BasicReferenceMetric).
    const maxProb = instanceStats?.get('max_prob');
    const confidence = logprobsReal && typeof maxProb === 'number' && Number.isFinite(maxProb) ? Math.min(1, Math.max(0, maxProb)) : null;
    if (confidence !== null) confident += 1;
    const graded = grade(key, null);
    if (graded === null) ungraded += 1;
    return {
      key,
      prompt: inputText(instance),
      answer: chosen,
      gold: goldOf(instance),
      grade: graded,
      confidence,
      model: null,
      task: null,
      extra: { instance_id: instance.id, split: instance.split ?? null, predicted_index: predicted ?? null, references: instance.references ?? [] },
      line,
    };
  }

  async function* displayItems(dir: string, displayFile: string): AsyncGenerator<ImportedItem> {
    const instances = new Map<string, Json>();
    if (await exists(join(dir, 'instances.json'))) {
      for await (const { value } of arrayElements(join(dir, 'instances.json'), options)) {
        if (isObject(value) && !isPerturbed(value.perturbation)) instances.set(String(value.id), value);
      }
    }
    const prompts = new Map<string, string>();
    if (await exists(join(dir, 'display_requests.json'))) {
      for await (const { value } of arrayElements(join(dir, 'display_requests.json'), options)) {
        if (!isObject(value) || isPerturbed(value.perturbation) || !isObject(value.request)) continue;
        if (typeof value.request.prompt === 'string') prompts.set(instanceKey(value.instance_id, value.train_trial_index), value.request.prompt);
      }
    }
    const seen = new Set<string>();
    for await (const { value, line } of arrayElements(join(dir, DISPLAY), options)) {
      if (!isObject(value) || value.instance_id === undefined) {
        throw new ImportError('invalid-prediction', 'the entry has no instance_id (expected HELM DisplayPrediction objects)', { file: displayFile, line });
      }
      if (isPerturbed(value.perturbation)) {
        skippedPerturbed += 1;
        continue;
      }
      const key = instanceKey(value.instance_id, value.train_trial_index);
      if (seen.has(key)) continue;
      seen.add(key);
      const instance = instances.get(String(value.instance_id)) ?? {};
      const shown = isObject(value.stats) ? value.stats : {};
      const graded = grade(key, shown);
      if (graded === null) ungraded += 1;
      const maxProb = stats?.byKey.get(key)?.get('max_prob');
      const confidence = logprobsReal && typeof maxProb === 'number' && Number.isFinite(maxProb) ? Math.min(1, Math.max(0, maxProb)) : null;
      if (confidence !== null) confident += 1;
      const predicted = typeof value.predicted_text === 'string' ? value.predicted_text.trim() : '';
      yield {
        key,
        prompt: prompts.get(key) ?? inputText(instance),
        answer: typeof value.mapped_output === 'string' ? value.mapped_output : predicted,
        gold: goldOf(instance),
        grade: graded,
        confidence,
        model: null,
        task: null,
        extra: { instance_id: value.instance_id, input: inputText(instance), letter: typeof value.mapped_output === 'string' ? predicted : undefined, stats: shown, references: instance.references ?? [] },
        line,
      };
    }
  }

  function notes(): string[] {
    const out: string[] = [];
    const all = [...new Set([...headline, ...(stats?.metrics ?? [])])].filter((m) => !/^(num_|prompt_truncated)/.test(m));
    if (metric !== null) {
      out.push(`Grade from the per-instance metric "${metric}"${layout === 'display' && !stats?.found ? ' in display_predictions.json' : ' in per_instance_stats.json'}.`);
      if (notBinary > 0) out.push(`${notBinary} instance${notBinary === 1 ? ' has' : 's have'} a "${metric}" value that is not 0 or 1 (a tie between choices): left ungraded.`);
      else if (ungraded > 0) out.push(`${ungraded} instance${ungraded === 1 ? ' has' : 's have'} no "${metric}": left ungraded.`);
    } else {
      out.push(`No grade found: no 0/1 metric among ${all.length ? all.join(', ') : 'the stats'}. Choose one to grade by, or label the items.`);
    }
    if (layout === 'display') out.push('Read from the display files (display_predictions.json, display_requests.json, instances.json): the folder has no scenario_state.json.');
    if (!logprobsReal && layout === 'display' && stats?.logprobsReal == null) {
      out.push('No confidence: the display files carry no logprobs (and there is no per_instance_stats.json with them).');
    } else if (!logprobsReal) {
      out.push('No confidence: every logprob in this run is 0.0 (the provider returned none), and exp(0) = 1 is not a stated probability.');
    } else if (confident > 0) {
      out.push(
        method !== null && SEPARATE_METHODS.has(method)
          ? 'Confidence: HELM\'s max_prob, the softmax of the per-choice scores at the chosen choice.'
          : layout === 'display'
            ? 'Confidence: HELM\'s max_prob, the probability of the chosen answer.'
            : 'Confidence: the probability of the chosen answer\'s token (exp of its logprob).',
      );
    } else {
      out.push('No confidence: the answers are free text, whose sequence probability is not a confidence in the answer.');
    }
    if (skippedPerturbed > 0) out.push(`${skippedPerturbed} perturbed request${skippedPerturbed === 1 ? '' : 's'} (robustness and fairness variants) left out: the run is its unperturbed instances.`);
    out.push(model !== null ? `Model "${model}" from run_spec.json.` : 'Model unknown: the folder has no run_spec.json.');
    return out;
  }

  return {
    items,
    notes,
    choices(): Record<string, ReaderChoice> {
      const all = [...new Set([...headline, ...(stats?.metrics ?? [])])].filter((m) => !/^(num_|prompt_truncated)/.test(m));
      const ranked = [...HELM_GRADE_METRICS.filter((m) => all.includes(m)), ...all.filter((m) => !HELM_GRADE_METRICS.includes(m))];
      return ranked.length ? { metric: { label: 'grade from metric', options: ranked, value: metric } } : {};
    },
    summary() {
      if (summary === null) throw new Error('summary() is valid once items() has been fully consumed');
      return summary;
    },
  };
}

/** A HELM run folder (scenario_state.json or display_predictions.json in it), or one of its files. */
export const detectHelm: Detector = (s) => {
  const reader = (path: string, options?: ReadOptions & Record<string, unknown>) => helmReader(path, options);
  if (s.isDirectory) return s.entries.includes(STATE) || s.entries.includes(DISPLAY) ? { format: 'helm', reader } : null;
  if (FOLDER_FILES.includes(basename(s.path))) return { format: 'helm', reader };
  if (/^\s*\{\s*"adapter_spec"\s*:/.test(s.text) && /"request_states"\s*:/.test(s.text)) return { format: 'helm', reader };
  return null;
};
