// A run file read for its numbers only, for `candor analyze`: per run, each
// item's outcome and confidence exactly as an import into the store leaves
// them (before any label), with the run's name, model, task, format and
// fingerprint, and no text column kept anywhere. The file is parsed in a
// worker thread with a small heap (numbers-worker.ts); this side only fills
// typed columns, on shared memory the compute worker reads without a copy.
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Worker } from 'node:worker_threads';
import { emptyAbstentionKindCounts, emptyOutcomeCounts, type RunSummary } from '../../shared/domain.ts';
import type { Grouping } from '../../shared/metrics/subgroups.ts';
import { OUTCOME_CODE, type OutcomeColumns } from '../../shared/metrics/types.ts';
import { workerEntry } from '../workers/entry.ts';
import { detectFormat } from './detect.ts';
import type { FromNumbersWorker, NumbersBatch } from './numbers-worker.ts';
import { fingerprint } from './fingerprint.ts';
import { expand } from './pipeline.ts';
import { ImportError, type ReaderSummary } from './types.ts';
import { runMetadata } from './writer.ts';

export interface NumbersRun {
  /** what the store would list for this run, with ids numbered from 1 in file order */
  summary: RunSummary;
  columns: OutcomeColumns;
  /** with a grouping field (readNumbers' `by`): each item's group, parallel to columns */
  grouping?: Grouping;
}

/** Growable columns of one (model, task) run, on SharedArrayBuffers. */
class RunColumns {
  outcome = new Uint8Array(new SharedArrayBuffer(1 << 16));
  confidence = new Float64Array(new SharedArrayBuffer(8 << 16));
  /** allocated at the first partial grade: most runs have none */
  partial: Uint8Array | null = null;
  count = 0;
  /** group codes into the file's labels (-1: no value), when grouping */
  groups: Int32Array | null = null;
  /** items stored while the file still looked like 0-1 probabilities (writer.ts's unitPrefix) */
  unitPrefix = 0;
  constructor(
    readonly model: string | null,
    readonly task: string | null,
  ) {}

  push(outcome: number, confidence: number, partial: boolean, group: number | null): void {
    if (group !== null && !this.groups) this.groups = new Int32Array(this.outcome.length);
    if (this.count === this.outcome.length) {
      if (this.groups) {
        const groups = new Int32Array(2 * this.count);
        groups.set(this.groups);
        this.groups = groups;
      }
      const outcomes = new Uint8Array(new SharedArrayBuffer(2 * this.count));
      outcomes.set(this.outcome);
      this.outcome = outcomes;
      const confidences = new Float64Array(new SharedArrayBuffer(16 * this.count));
      confidences.set(this.confidence);
      this.confidence = confidences;
      if (this.partial) {
        const partials = new Uint8Array(new SharedArrayBuffer(this.outcome.length));
        partials.set(this.partial);
        this.partial = partials;
      }
    }
    if (this.groups) this.groups[this.count] = group ?? -1;
    if (partial) (this.partial ??= new Uint8Array(new SharedArrayBuffer(this.outcome.length)))[this.count] = 1;
    this.outcome[this.count] = outcome;
    this.confidence[this.count++] = confidence;
  }

  columns(): OutcomeColumns {
    const columns = { outcome: this.outcome.subarray(0, this.count), confidence: this.confidence.subarray(0, this.count) };
    return this.partial ? { ...columns, partial: this.partial.subarray(0, this.count) } : columns;
  }
}

/** Parses one file in the numbers worker, calling back per batch; resolves with the reader's summary. */
function parse(path: string, name: string, options: Record<string, unknown>, by: string | null, onBatch: (batch: NumbersBatch) => void): Promise<ReaderSummary> {
  const { entry, eval: isEval } = workerEntry(import.meta.url, './numbers-worker.ts', 'numbers-worker.js');
  // As the import worker: a small heap makes V8 collect early instead of growing.
  const worker = new Worker(entry, { eval: isEval, resourceLimits: { maxYoungGenerationSizeMb: 48, maxOldGenerationSizeMb: 96 } });
  return new Promise<ReaderSummary>((resolve, reject) => {
    let settled = false;
    const finish = (settle: () => void) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      settle();
    };
    worker.on('message', (message: FromNumbersWorker) => {
      if (settled) return;
      if (message.type === 'batch') {
        try {
          onBatch(message.batch);
        } catch (error) {
          finish(() => reject(error));
        }
      } else if (message.type === 'done') finish(() => resolve(message.summary));
      else {
        const { error } = message;
        // What importFile reports for the same failure: a reader's ImportError as it is, anything else as read-failed.
        finish(() => reject(new ImportError(error.import ? error.code : 'read-failed', error.message, { file: error.file && error.import ? error.file : name, line: error.line, field: error.field })));
      }
    });
    worker.on('error', (error) => finish(() => reject(new ImportError('read-failed', error.message, { file: name }))));
    worker.postMessage({ path, options, by });
  });
}

/** One run file (or one run folder), as importFile would store it. */
async function readOne(path: string, options: Record<string, unknown>, firstId: number, by: string | null): Promise<NumbersRun[]> {
  const name = basename(path);
  const info = await stat(path).catch(() => null);
  if (!info) throw new ImportError('not-found', 'no such file, or it cannot be read', { file: name });
  if (!info.isFile() && !info.isDirectory()) throw new ImportError('not-a-file', 'is not a regular file or folder', { file: name });
  const hashing = fingerprint(path, info.isDirectory());
  hashing.catch(() => undefined);
  if (!(await detectFormat(path))) {
    throw new ImportError(
      'unknown-format',
      'not a format Candor reads (expected CSV, TSV, JSONL or a JSON array of records, or an Inspect, lm-evaluation-harness, HELM, promptfoo or OpenAI evals log)',
      { file: name },
    );
  }
  const runs = new Map<string, RunColumns>();
  let percentSeen = false;
  let items = 0;
  const labels: string[] = [];
  const summary = await parse(path, name, options, by, (batch) => {
    labels.push(...batch.newLabels);
    for (let i = 0; i < batch.size; i++) {
      const model = batch.models[i] ?? null;
      const task = batch.tasks[i] ?? null;
      const key = `${model ?? ''}\u0000${task ?? ''}`;
      let run = runs.get(key);
      if (!run) runs.set(key, (run = new RunColumns(model, task)));
      let confidence = batch.confidences[i]!;
      // writer.ts: a value above 1 means percentages from here on; what came before is divided at the end.
      if (!Number.isNaN(confidence)) {
        if (confidence > 1) percentSeen = true;
        if (percentSeen) confidence /= 100;
      }
      if (!percentSeen) run.unitPrefix = run.count + 1;
      const grade = batch.grades[i]!;
      run.push(grade === 0 ? OUTCOME_CODE.unlabeled : grade, confidence, batch.partials[i] === 1, batch.groups ? batch.groups[i]! : null);
      items++;
    }
  });
  if (items === 0) throw new ImportError('empty', 'holds no items', { file: name });
  const { sha256, size } = await hashing;
  const all = [...runs.values()];
  return all.map((run, index) => {
    // The reader may know the file is in percent (a % sign, a *_pct column) before any value exceeds 1.
    if (summary.confidenceScale === 'percent') for (let i = 0; i < run.unitPrefix; i++) run.confidence[i]! /= 100;
    const columns = run.columns();
    const counts = emptyOutcomeCounts();
    let confidenceCount = 0;
    for (let i = 0; i < columns.outcome.length; i++) {
      if (!Number.isNaN(columns.confidence[i]!)) confidenceCount++;
      const o = columns.outcome[i]!;
      if (o === OUTCOME_CODE.correct) counts.correct++;
      else if (o === OUTCOME_CODE.incorrect) counts.incorrect++;
      else if (o === OUTCOME_CODE.abstained) counts.abstained++;
      else counts.unlabeled++;
    }
    const runSummary: RunSummary = {
      id: firstId + index,
      name: all.length === 1 ? name : [name, run.model, run.task].filter(Boolean).join(' · '),
      model: run.model ?? summary.model,
      task: run.task ?? summary.task,
      format: summary.format,
      sourcePath: path,
      sourceSha256: sha256,
      sourceSize: size,
      importedAt: new Date().toISOString(),
      metadata: runMetadata(summary),
      itemCount: columns.outcome.length,
      labeledCount: 0,
      confidenceCount,
      counts,
      tags: [],
      // Imported abstentions state no kind; a partial grade is counted as incorrect (the store's tally).
      abstentionKinds: { ...emptyAbstentionKindCounts(), unspecified: counts.abstained },
      partialCount: columns.partial ? columns.partial.reduce((sum, flag) => sum + flag, 0) : 0,
    };
    // The file's labels are shared by its runs; planGroups leaves out the ones a run does not use.
    return by === null ? { summary: runSummary, columns } : { summary: runSummary, columns, grouping: { codes: (run.groups ?? new Int32Array(0)).slice(0, run.count), labels } };
  });
}

/**
 * Every run in the given files and folders (a folder that is one run, or
 * every run file inside it), in order; the same bytes given twice are read
 * once and listed twice, as an import lists the runs of a duplicate.
 */
export async function readNumbers(paths: string[], options: Record<string, unknown> = {}, by: string | null = null): Promise<NumbersRun[]> {
  const out: NumbersRun[] = [];
  const seen = new Map<string, NumbersRun[]>();
  for (const given of paths) {
    for (const path of await expand(given)) {
      const runs = await readOne(path, options, out.length + 1, by);
      const sha = runs[0]!.summary.sourceSha256;
      out.push(...(seen.get(sha) ?? runs));
      if (!seen.has(sha)) seen.set(sha, runs);
    }
  }
  return out;
}
