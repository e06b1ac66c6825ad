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
import { enlarged, sharedBuffer, type GrowableBuffer } from './growable-buffer.ts';
import { detectFormat } from './detect.ts';
import type { FromNumbersWorker, NumbersBatch } from './numbers-protocol.ts';
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

const FIRST_CAPACITY = 1 << 16;

/**
 * Growable columns of one (model, task) run, on SharedArrayBuffers. They grow
 * in place (sharedBuffer): doubling into fresh buffers held the old columns
 * beside the new (19 + 38 MB at 4M items), and the old ones stayed until the
 * main thread's collector next ran, which with its small heap was after the
 * file was read.
 */
class RunColumns {
  private outcomeBuffer: GrowableBuffer;
  private confidenceBuffer: GrowableBuffer;
  private partialBuffer: GrowableBuffer | null = null;
  outcome: Uint8Array;
  confidence: Float64Array;
  /** allocated at the first partial grade: most runs have none */
  partial: Uint8Array | null = null;
  count = 0;
  private capacity = FIRST_CAPACITY;
  /** group codes into the file's labels (-1: no value), when grouping */
  groups: Int32Array | null = null;
  /** items stored while the file still looked like 0-1 probabilities (writer.ts's unitPrefix) */
  unitPrefix = 0;
  constructor(
    readonly model: string | null,
    readonly task: string | null,
    /** items room is reserved for (address space only) */
    private readonly reserve: number,
  ) {
    this.outcomeBuffer = sharedBuffer(FIRST_CAPACITY, reserve);
    this.confidenceBuffer = sharedBuffer(8 * FIRST_CAPACITY, 8 * reserve);
    this.outcome = new Uint8Array(this.outcomeBuffer, 0, FIRST_CAPACITY);
    this.confidence = new Float64Array(this.confidenceBuffer, 0, FIRST_CAPACITY);
  }

  push(outcome: number, confidence: number, partial: boolean, group: number | null): void {
    if (group !== null && !this.groups) this.groups = new Int32Array(this.capacity);
    if (this.count === this.capacity) {
      const capacity = 2 * this.capacity;
      if (this.groups) {
        const groups = new Int32Array(capacity);
        groups.set(this.groups);
        this.groups = groups;
      }
      this.outcomeBuffer = enlarged(this.outcomeBuffer, capacity);
      this.outcome = new Uint8Array(this.outcomeBuffer, 0, capacity);
      this.confidenceBuffer = enlarged(this.confidenceBuffer, 8 * capacity);
      this.confidence = new Float64Array(this.confidenceBuffer, 0, capacity);
      if (this.partialBuffer) {
        this.partialBuffer = enlarged(this.partialBuffer, capacity);
        this.partial = new Uint8Array(this.partialBuffer, 0, capacity);
      }
      this.capacity = capacity;
    }
    if (this.groups) this.groups[this.count] = group ?? -1;
    if (partial && !this.partial) {
      this.partialBuffer = sharedBuffer(this.capacity, this.reserve);
      this.partial = new Uint8Array(this.partialBuffer, 0, this.capacity);
    }
    if (partial) this.partial![this.count] = 1;
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
      // Settled once the thread is gone: its id set and heap (some 100 MB at 4M items) are freed
      // before the compute worker starts, not beside it (the peak of a 4M analyze: 298 MiB).
      void worker.terminate().finally(settle);
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
async function readOne(path: string, options: Record<string, unknown>, firstId: number, by: string | null, onParsed?: () => void): Promise<NumbersRun[]> {
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
  let last: RunColumns | null = null;
  // Address space for as many items as the file could hold (8 bytes an item: no run file is denser); a folder's size says nothing.
  const reserve = info.isFile() ? Math.max(FIRST_CAPACITY, Math.ceil(info.size / 8)) : 1 << 24;
  let percentSeen = false;
  let items = 0;
  const labels: string[] = [];
  const summary = await parse(path, name, options, by, (batch) => {
    labels.push(...batch.newLabels);
    for (let i = 0; i < batch.size; i++) {
      const model = batch.models[i] ?? null;
      const task = batch.tasks[i] ?? null;
      // Items of one run come in long stretches: the key is built (a string per item) only where the run changes.
      let run = last;
      if (!run || run.model !== model || run.task !== task) {
        const key = `${model ?? ''}\u0000${task ?? ''}`;
        run = runs.get(key) ?? null;
        if (!run) runs.set(key, (run = new RunColumns(model, task, reserve)));
        last = run;
      }
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
  onParsed?.();
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
export async function readNumbers(
  paths: string[],
  options: Record<string, unknown> = {},
  by: string | null = null,
  /** called as each file's parse ends (its worker gone), before the columns are summed up */
  onParsed?: () => void,
): Promise<NumbersRun[]> {
  const out: NumbersRun[] = [];
  const seen = new Map<string, NumbersRun[]>();
  for (const given of paths) {
    for (const path of await expand(given)) {
      const runs = await readOne(path, options, out.length + 1, by, onParsed);
      const sha = runs[0]!.summary.sourceSha256;
      out.push(...(seen.get(sha) ?? runs));
      if (!seen.has(sha)) seen.set(sha, runs);
    }
  }
  return out;
}
