import type { Outcome } from '../../shared/domain.ts';
import { ImportError, type ImportedItem, type ReadOptions, type ReaderSummary, type RunFileReader } from './types.ts';
import type { Detector } from './types.ts';
import { displayName, readLines } from './lines.ts';
import { jsonErrorReason, parseJsonLenient } from './json-lenient.ts';

export interface OpenaiEvalsReadOptions extends ReadOptions {
  maxLineBytes?: number;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

interface Pending {
  line: number;
  prompt: unknown;
  sampled: unknown;
  match: Json | null;
  metrics: Json | null;
  events: string[];
}

// A record log is JSONL: {"spec"}, then events of many samples interleaved (the
// recorder runs samples on threads), then {"final_report"}. A sample is done
// at its "match" event, so only samples still in flight are held in memory.

export function openaiEvalsReader(path: string, options: OpenaiEvalsReadOptions = {}): RunFileReader {
  const file = displayName(path);
  let summary: ReaderSummary | null = null;

  async function* items(): AsyncGenerator<ImportedItem> {
    let spec: Json | null = null;
    let report: Json | null = null;
    const pending = new Map<string, Pending>();
    const done = new Set<string>();
    let count = 0;
    for await (const lines of readLines(path, options)) {
      const ready: ImportedItem[] = [];
      for (const line of lines) {
        if (line.text.trim() === '') continue;
        let value: unknown;
        try {
          value = parseJsonLenient(line.text);
        } catch (error) {
          throw new ImportError('invalid-json', `is not valid JSON (${jsonErrorReason(error)}); expected one record-log event per line`, { file, line: line.line });
        }
        if (!isObject(value)) throw new ImportError('not-an-object', 'the line is not a JSON object (expected spec, an event or final_report)', { file, line: line.line });
        if (isObject(value.spec)) {
          spec = value.spec;
          continue;
        }
        if (isObject(value.final_report)) {
          report = value.final_report;
          continue;
        }
        if (value.sample_id === undefined || value.sample_id === null) continue; // run-level events
        const id = String(value.sample_id);
        if (done.has(id)) {
          throw new ImportError('duplicate-key', `sample ${JSON.stringify(id)} has an event after its match event (expected one match per sample)`, { file, line: line.line, field: 'sample_id' });
        }
        let sample = pending.get(id);
        if (!sample) {
          sample = { line: line.line, prompt: undefined, sampled: undefined, match: null, metrics: null, events: [] };
          pending.set(id, sample);
        }
        const data = isObject(value.data) ? value.data : {};
        const type = String(value.type ?? '');
        sample.events.push(type);
        if (type === 'sampling') {
          sample.prompt ??= data.prompt;
          sample.sampled ??= data.sampled;
        } else if (type === 'metrics') {
          sample.metrics = { ...(sample.metrics ?? {}), ...data };
        } else if (type === 'match') {
          sample.match = data;
          pending.delete(id);
          done.add(id);
          ready.push(toItem(id, sample));
        }
      }
      for (const item of ready) {
        count += 1;
        yield item;
      }
    }
    // Model-graded evals end a sample with "metrics" instead of "match".
    for (const [id, sample] of pending) {
      count += 1;
      yield toItem(id, sample);
    }
    if (spec === null && count === 0) {
      throw new ImportError('not-openai-evals', 'has neither a spec line nor sample events (expected an openai/evals record log)', { file });
    }
    if (count === 0) {
      throw new ImportError('empty-file', 'the log holds a spec and a final report but no sample events (expected "sampling" and "match" events per sample)', { file });
    }
    summary = {
      format: 'openai-evals',
      formatVersion: null,
      confidenceScale: 'unit',
      model: Array.isArray(spec?.completion_fns) ? spec.completion_fns.map(String).join(',') : null,
      task: typeof spec?.eval_name === 'string' ? spec.eval_name : null,
      metadata: { run_id: spec?.run_id ?? null, created_at: spec?.created_at ?? null, base_eval: spec?.base_eval ?? null, final_report: report },
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

function promptText(prompt: unknown): string {
  if (typeof prompt === 'string') return prompt;
  if (!Array.isArray(prompt)) return prompt === undefined ? '' : JSON.stringify(prompt);
  const messages = prompt.filter(isObject);
  if (messages.length === 1) return String(messages[0]!.content ?? '');
  return messages.map((m) => `${String(m.role)}: ${String(m.content ?? '')}`).join('\n\n');
}

function firstText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return null;
}

function gradeOf(sample: Pending): Outcome | null {
  const correct = sample.match?.correct ?? sample.metrics?.correct;
  if (typeof correct === 'boolean') return correct ? 'correct' : 'incorrect';
  const score = sample.metrics?.score;
  if (score === 1 || score === 0) return score === 1 ? 'correct' : 'incorrect';
  return null;
}

function toItem(id: string, sample: Pending): ImportedItem {
  const match = sample.match ?? {};
  const expected = match.expected;
  const gold = typeof expected === 'string' ? expected : Array.isArray(expected) ? expected.map(String).join(' | ') : null;
  const extra: Json = { events: sample.events };
  if (match.picked !== undefined) extra.picked = match.picked;
  if (Array.isArray(expected)) extra.expected = expected;
  if (match.options !== undefined) extra.options = match.options;
  if (sample.metrics) extra.metrics = sample.metrics;
  return {
    key: id,
    prompt: promptText(sample.prompt),
    answer: firstText(sample.sampled) ?? firstText(match.sampled) ?? (typeof match.picked === 'string' ? match.picked : ''),
    gold,
    grade: gradeOf(sample),
    confidence: null,
    model: null,
    task: null,
    extra,
    line: sample.line,
  };
}

/** First line {"spec": {... "completion_fns" ...}}, or an event line with run_id, event_id and type. */
export const detectOpenaiEvals: Detector = (s) => {
  const reader = (path: string, options?: ReadOptions) => openaiEvalsReader(path, options);
  const first = s.text.slice(0, 4096);
  if (/^\s*\{\s*"spec"\s*:\s*\{/.test(first) && /"(completion_fns|eval_name)"\s*:/.test(s.text)) return { format: 'openai-evals', reader };
  if (/^\s*\{[^\n]*"event_id"\s*:[^\n]*"type"\s*:/.test(first) && /"run_id"\s*:/.test(first)) return { format: 'openai-evals', reader };
  return null;
};
