// lm-evaluation-harness 0.3 `--write_out`: {task}_write_out_info.json, a JSON
// array of {doc_id, prompt_<i>, logit_<i>, truth, <metric>: str(value)}. Each
// request i has its prompt (context and continuation joined) and its response:
// a loglikelihood for multiple choice, a bool for is_greedy, a string for
// generation. Metrics are Python str() of the value ("True", "1.0").
import type { Outcome } from '../../shared/domain.ts';
import { ImportError, type ImportedItem, type ReadOptions, type ReaderChoice, type ReaderSummary, type RunFileReader } from './types.ts';
import type { Detector } from './types.ts';
import { displayName } from './lines.ts';
import { readJsonPieces } from './json-stream.ts';
import { isObject, lmEvalContext, WRITE_OUT_NAME } from './lm-eval-context.ts';
import { argmax, byPreference, describeMetrics, gradeByMetric, isBinaryMetric, isScalarMetricValue, softmaxAt } from './metric-grades.ts';
import { basename } from 'node:path';

type Json = Record<string, unknown>;

export interface LmEvalV03ReadOptions extends ReadOptions {
  /** The metric that grades; default acc, else the first 0/1 metric by name. */
  metric?: string;
  maxLineBytes?: number;
}

const NUMBERED = /^(prompt|logit)_(\d+)$/;

function numbered(row: Json, kind: 'prompt' | 'logit'): unknown[] {
  const out: unknown[] = [];
  for (const key of Object.keys(row)) {
    const match = NUMBERED.exec(key);
    if (match && match[1] === kind) out[Number(match[2])] = row[key];
  }
  return out;
}

function commonPrefix(texts: string[]): string {
  if (texts.length < 2) return '';
  let end = 0;
  const first = texts[0]!;
  while (end < first.length && texts.every((t) => t[end] === first[end])) end++;
  return first.slice(0, end);
}

export function lmEvalV03Reader(path: string, options: LmEvalV03ReadOptions = {}): RunFileReader {
  const file = displayName(path);
  const chosenMetric = typeof options.metric === 'string' && options.metric !== '' ? options.metric : null;
  let summary: ReaderSummary | null = null;
  const metricsSeen = new Set<string>();
  const gradedBy = new Set<string>();
  let notBinary = 0;
  let multipleChoice = 0;
  let count = 0;
  let model: string | null = null;
  let modelSource: string | null = null;

  function toItem(row: Json, line: number): ImportedItem {
    if (row.doc_id === undefined) throw new ImportError('missing-key', 'the entry has no doc_id (expected an lm-eval 0.3 write_out entry)', { file, line, field: 'doc_id' });
    const prompts = numbered(row, 'prompt').map((p) => (typeof p === 'string' ? p : ''));
    const logits = numbered(row, 'logit');
    const metrics = Object.keys(row).filter((k) => !NUMBERED.test(k) && k !== 'doc_id' && k !== 'truth' && isScalarMetricValue(row[k]));
    for (const name of metrics) metricsSeen.add(name);
    const extra: Json = { doc_id: row.doc_id, truth: row.truth ?? null, logits };
    for (const name of metrics) extra[name] = row[name];

    const metric = chosenMetric ?? ['acc', ...metrics.filter(isBinaryMetric)].find((name) => metrics.includes(name) && isBinaryMetric(name)) ?? null;
    let grade: Outcome | null = null;
    if (metric !== null) {
      const graded = gradeByMetric(row[metric], metric, chosenMetric !== null, { file, line });
      if (graded.notBinary) notBinary += 1;
      if ((grade = graded.grade) !== null) gradedBy.add(metric);
    }

    const lls = logits.map((v) => (typeof v === 'number' && Number.isFinite(v) ? v : null));
    if (lls.length >= 2 && lls.every((v) => v !== null)) {
      // Multiple choice: one loglikelihood per choice; the prompts share the context and differ in the choice.
      multipleChoice += 1;
      const values = lls as number[];
      const chosen = argmax(values);
      const shared = commonPrefix(prompts);
      const choices = prompts.map((p) => p.slice(shared.length).trim());
      const truth = typeof row.truth === 'number' ? row.truth : typeof row.truth === 'string' && /^\d+$/.test(row.truth) ? Number(row.truth) : null;
      extra.choices = choices;
      return {
        key: String(row.doc_id),
        prompt: shared || prompts[0] || '',
        answer: choices[chosen] || `choice ${chosen}`,
        gold: truth !== null && truth < choices.length ? choices[truth] || `choice ${truth}` : row.truth == null ? null : String(row.truth),
        grade,
        confidence: softmaxAt(values, chosen),
        model: null,
        task: null,
        extra,
        line,
      };
    }
    const generated = logits.find((v) => typeof v === 'string');
    return {
      key: String(row.doc_id),
      prompt: prompts[0] ?? '',
      answer: typeof generated === 'string' ? generated : '',
      gold: row.truth == null ? null : typeof row.truth === 'string' ? row.truth : JSON.stringify(row.truth),
      grade,
      confidence: null,
      model: null,
      task: null,
      extra,
      line,
    };
  }

  async function* items(): AsyncGenerator<ImportedItem> {
    const context = await lmEvalContext(path);
    model = context.model;
    modelSource = context.modelSource;
    const seen = new Map<string, number>();
    for await (const pieces of readJsonPieces(path, options)) {
      for (const piece of pieces) {
        if (piece.kind !== 'value' || typeof piece.key !== 'number') {
          throw new ImportError('not-an-array', 'expected a JSON array of write_out entries (lm-eval 0.3 --write_out)', { file, line: 1 });
        }
        if (!isObject(piece.value)) throw new ImportError('not-an-object', 'the entry is not a JSON object', { file, line: piece.line });
        const item = toItem(piece.value, piece.line);
        const first = seen.get(item.key);
        if (first !== undefined) throw new ImportError('duplicate-key', `doc_id ${item.key} appears twice (first on line ${first})`, { file, line: piece.line, field: 'doc_id' });
        seen.set(item.key, piece.line);
        count += 1;
        yield item;
      }
    }
    if (count === 0) throw new ImportError('empty-file', 'has no entries', { file });
    summary = {
      format: 'lm-eval',
      formatVersion: '0.3',
      confidenceScale: 'unit',
      model,
      task: context.task ?? basename(path).match(WRITE_OUT_NAME)?.[1] ?? null,
      metadata: { layout: 'write_out', metric: [...gradedBy][0] ?? null, notes: notes() },
    };
  }

  function notes(): string[] {
    const out = describeMetrics(chosenMetric ?? [...gradedBy][0] ?? null, metricsSeen, notBinary);
    out.push(
      multipleChoice > 0
        ? 'Confidence: softmax of logit_0..logit_k (the per-choice loglikelihoods) at the chosen choice.'
        : 'No confidence: the entries hold no per-choice loglikelihoods.',
    );
    out.push(model !== null ? `Model "${model}" from ${modelSource}.` : 'Model unknown: 0.3 write_out files do not name it.');
    return out;
  }

  return {
    items,
    notes,
    choices(): Record<string, ReaderChoice> {
      const metrics = byPreference(metricsSeen, ['acc', 'acc_norm']);
      return metrics.length ? { metric: { label: 'grade from metric', options: metrics, value: chosenMetric ?? [...gradedBy][0] ?? null } } : {};
    },
    summary() {
      if (summary === null) throw new Error('summary() is valid once items() has been fully consumed');
      return summary;
    },
  };
}

/** {task}_write_out_info.json by name, or an array whose first entry has doc_id and prompt_0/logit_0. */
export const detectLmEvalV03: Detector = (s) => {
  const reader = (path: string, options?: ReadOptions & Record<string, unknown>) => lmEvalV03Reader(path, options);
  const head = s.text.slice(0, 64 * 1024);
  if (!/^\s*\[/.test(head)) return null;
  if (WRITE_OUT_NAME.test(basename(s.path)) || (/"doc_id"\s*:/.test(head) && /"(prompt_0|logit_0)"\s*:/.test(head) && !/"(arguments|resps)"\s*:/.test(head))) {
    return { format: 'lm-eval', reader };
  }
  return null;
};
