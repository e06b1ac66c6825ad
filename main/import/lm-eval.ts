import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { ImportError, type ImportedItem, type ReadOptions, type ReaderChoice, type ReaderSummary, type RunFileReader } from './types.ts';
import type { Detector } from './types.ts';
import { displayName, readLines } from './lines.ts';
import { readJsonPieces } from './json-stream.ts';
import { jsonErrorReason, parseJsonLenient } from './json-lenient.ts';
import { configMetrics, isObject, literalChoices, lmEvalContext, SAMPLES_NAME, type LmEvalContext } from './lm-eval-context.ts';
import { rowToItem } from './lm-eval-rows.ts';
import { byPreference, describeMetrics } from './metric-grades.ts';

export { softmaxAt } from './metric-grades.ts';

export interface LmEvalReadOptions extends ReadOptions {
  /** Which filter's rows to read (e.g. "take-first"); default the first filter in the file. Ignored with splitFilters. */
  filter?: string;
  /** Read every filter, one run each: item.task becomes "<task>/<filter>". */
  splitFilters?: boolean;
  /** Multiple choice: pick and score choices by length-normalised loglikelihood, as acc_norm does ("true"/"false" from the app). */
  normalised?: boolean | string;
  /** The per-sample metric that grades; default acc for multiple choice, else the first 0/1 metric by name. */
  metric?: string;
  maxLineBytes?: number;
}

const truthy = (value: unknown) => value === true || value === 'true' || value === 'length-normalised';

/** What the file says once read, for the summary and the preview's notes. */
interface Tally {
  count: number;
  metricsSeen: Set<string>;
  gradedBy: Set<string>;
  notBinary: number;
  multipleChoice: number;
  unnamedChoices: number;
  ungraded: number;
}

export function lmEvalReader(path: string, options: LmEvalReadOptions = {}): RunFileReader {
  const file = displayName(path);
  const normalised = truthy(options.normalised);
  const metric = typeof options.metric === 'string' && options.metric !== '' ? options.metric : null;
  let summary: ReaderSummary | null = null;
  let context: LmEvalContext | null = null;
  const filters: string[] = [];
  let chosen: string | null = options.splitFilters ? null : options.filter ?? null;
  const tally: Tally = { count: 0, metricsSeen: new Set(), gradedBy: new Set(), notBinary: 0, multipleChoice: 0, unnamedChoices: 0, ungraded: 0 };

  async function* items(): AsyncGenerator<ImportedItem> {
    context = await lmEvalContext(path);
    const task = context.task;
    const configChoices = literalChoices(context.config);
    for (const name of configMetrics(context.config)) tally.metricsSeen.add(name);
    // Before 0.4.7 a task with several filters repeats each doc once per filter, filter by filter, without naming it.
    const occurrences = new Map<string, number>();
    const seen = new Map<string, number>();
    for await (const batch of sampleRows(path, file, options)) {
      for (const { row, line } of batch) {
        const where = { file, line };
        if (!isObject(row)) throw new ImportError('not-an-object', 'the sample is not a JSON object (expected an lm-eval sample with doc_id and resps)', where);
        let filter: string;
        if (typeof row.filter === 'string') {
          filter = row.filter;
        } else {
          const docKey = String(row.doc_id);
          const nth = occurrences.get(docKey) ?? 0;
          occurrences.set(docKey, nth + 1);
          filter = context.filters[nth] ?? (nth === 0 ? 'none' : `filter ${nth + 1}`);
        }
        if (!filters.includes(filter)) filters.push(filter);
        if (!options.splitFilters) {
          chosen ??= filter;
          if (filter !== chosen) continue;
        }
        const reading = rowToItem(row, line, file, { metric, normalised, configChoices });
        const { item } = reading;
        for (const name of reading.metrics) tally.metricsSeen.add(name);
        if (reading.metric !== null && item.grade !== null) tally.gradedBy.add(reading.metric);
        if (item.grade === null) tally.ungraded += 1;
        if (reading.notBinary) tally.notBinary += 1;
        if (reading.multipleChoice) tally.multipleChoice += 1;
        if (reading.unnamedChoices) tally.unnamedChoices += 1;
        if (options.splitFilters) item.task = `${task ?? 'lm-eval'}/${filter}`;
        const unique = `${item.task ?? ''}\u0000${item.key}`;
        const first = seen.get(unique);
        if (first !== undefined) {
          throw new ImportError('duplicate-key', `doc_id ${item.key} appears twice for filter ${JSON.stringify(filter)} (first on line ${first})`, { ...where, field: 'doc_id' });
        }
        seen.set(unique, line);
        tally.count += 1;
        yield item;
      }
    }
    if (tally.count === 0) {
      const known = filters.length ? `filters in the file: ${filters.join(', ')}` : 'the file has no samples';
      throw new ImportError('empty-file', `no samples to import (${known})`, { file });
    }
    const results = context.results;
    summary = {
      format: 'lm-eval',
      formatVersion: context.version,
      confidenceScale: 'unit',
      model: context.model,
      task,
      metadata: {
        filters,
        filter: options.splitFilters ? null : chosen,
        normalised,
        metric: [...tally.gradedBy][0] ?? null,
        resultsFile: context.resultsFile,
        results: results && isObject(results.results) && task !== null ? results.results[task] ?? null : null,
        notes: notes(),
      },
    };
  }

  function metricOptions(): string[] {
    return byPreference(tally.metricsSeen, ['acc', 'acc_norm', 'exact_match']);
  }

  function notes(): string[] {
    const out: string[] = [];
    const used = metric ?? [...tally.gradedBy][0] ?? null;
    const binaryless = used === null;
    out.push(...describeMetrics(used, tally.metricsSeen, tally.notBinary));
    if (!binaryless && tally.ungraded > 0 && tally.notBinary === 0) out.push(`${tally.ungraded} item${tally.ungraded === 1 ? ' has' : 's have'} no value for it: left ungraded.`);
    if (tally.multipleChoice > 0) {
      out.push(
        normalised
          ? 'Confidence: softmax of the per-choice loglikelihoods divided by each choice\'s length (acc_norm), at the chosen choice.'
          : 'Confidence: softmax of the per-choice loglikelihoods at the chosen (highest) choice.',
      );
      if (tally.unnamedChoices > 0) {
        out.push(
          `The choice texts are not in the rows${normalised ? ', so length-normalised confidence cannot be computed' : ''}: answers show the chosen choice's number.`,
        );
      }
    } else if (tally.count > 0) {
      out.push('No confidence: generated answers carry no probability in lm-eval samples.');
    }
    if (context) {
      if (context.model !== null) out.push(`Model "${context.model}" from ${context.modelSource}.`);
      else out.push('Model unknown: no results file beside the samples names it.');
    }
    return out;
  }

  return {
    items,
    choices(): Record<string, ReaderChoice> {
      const out: Record<string, ReaderChoice> = {};
      if (!options.splitFilters) out.filter = { label: 'filter', options: [...filters], value: chosen };
      const metrics = metricOptions();
      if (metrics.length > 0) out.metric = { label: 'grade from metric', options: metrics, value: metric ?? [...tally.gradedBy].find((m) => metrics.includes(m)) ?? null };
      if (tally.multipleChoice > 0) out.normalised = { label: 'choice scoring', options: ['raw', 'length-normalised'], value: normalised ? 'length-normalised' : 'raw' };
      return out;
    },
    notes,
    summary() {
      if (summary === null) throw new Error('summary() is valid once items() has been fully consumed');
      return summary;
    },
  };
}

/** True when the file's first non-blank character opens a JSON array (0.4.0-0.4.2 wrote one, named .jsonl). */
async function startsWithArray(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '');
    return text.trimStart().startsWith('[');
  } finally {
    await handle.close();
  }
}

/** JSONL since 0.4.3; before, a pretty-printed JSON array whatever the file's extension. */
async function* sampleRows(path: string, file: string, options: LmEvalReadOptions): AsyncGenerator<Array<{ row: unknown; line: number }>> {
  if (await startsWithArray(path)) {
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
    const out: Array<{ row: unknown; line: number }> = [];
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

/** samples_<task>_<timestamp>.jsonl by name, or a head with doc_id and arguments/resps, as JSONL or as a JSON array. */
export const detectLmEval: Detector = (s) => {
  const reader = (path: string, options?: ReadOptions & Record<string, unknown>) => lmEvalReader(path, options);
  if (SAMPLES_NAME.test(basename(s.path))) return { format: 'lm-eval', reader };
  const head = s.text.slice(0, 4096);
  if (/^\s*[[{]/.test(head) && /"doc_id"\s*:/.test(head) && /"(arguments|resps|filtered_resps)"\s*:/.test(s.text)) return { format: 'lm-eval', reader };
  return null;
};

