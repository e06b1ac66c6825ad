// Reads a run file for its numbers only (`candor analyze`): each item's grade,
// confidence, model and task, in columns, and with a grouping field (analyze
// --by) each item's group as a code; nothing else. Runs in a worker
// thread with a small heap, so the reader's garbage stays bounded however big
// the file; see numbers.ts for the other side.
import { parentPort } from 'node:worker_threads';
import { fieldValue } from '../../shared/metrics/subgroups.ts';
import { OUTCOME_CODE } from '../../shared/metrics/types.ts';
import { detectFormat } from './detect.ts';
import { TABULAR_FORMATS } from './preview.ts';
import { genericPartReader, type GenericReadOptions } from './generic.ts';
import { displayName } from './lines.ts';
import { crossing, joinTail, readTail, splitPoint, tailReader, tailState, type CrossingError, type TailResult, type TailStart } from './numbers-split.ts';
import type { FromNumbersWorker, NumbersBatch } from './numbers-protocol.ts';
import { ImportError, type ImportedItem, type RunFileReader } from './types.ts';

const BATCH = 16384;

const port = parentPort;
if (!port) throw new Error('numbers worker: no parent port');
port.once('message', (message: { path: string; options: Record<string, unknown>; by: string | null; splitMinBytes?: number } | { tail: TailStart }) => {
  if ('tail' in message) void readTailHere(message.tail);
  else void run(message.path, message.options, message.by, message.splitMinBytes);
});

/** The checks the store's writer makes of each item (main/import/writer.ts), with the same messages. */
function check(item: ImportedItem, ceiling: number): number {
  const stated = item.confidence;
  if (stated !== null && !(stated >= 0 && stated <= ceiling)) throw new Error(`item ${item.key}: confidence ${stated} is outside [0, ${ceiling}]`);
  const grade = item.grade;
  if (grade === null) return 0;
  if (grade !== 'correct' && grade !== 'incorrect' && grade !== 'abstained') throw new Error(`item ${item.key}: ${String(grade)} is not an outcome`);
  return OUTCOME_CODE[grade];
}

async function* oneByOne(items: AsyncIterable<ImportedItem>): AsyncGenerator<ImportedItem[]> {
  for await (const item of items) yield [item];
}

/** Reads a reader's items into column batches, handing each full one to `send`; group codes continue `codes`. */
async function pump(reader: RunFileReader, ceiling: number, by: string | null, codes: Map<string, number>, send: (batch: NumbersBatch) => void): Promise<void> {
  let batch = fresh(by !== null);
  for await (const items of reader.itemBatches?.() ?? oneByOne(reader.items())) {
    for (const item of items) {
      const i = batch.size++;
      batch.grades[i] = check(item, ceiling);
      batch.confidences[i] = item.confidence ?? Number.NaN;
      if (item.partial) batch.partials[i] = 1;
      batch.models.push(item.model);
      batch.tasks.push(item.task);
      if (batch.groups) {
        const value = fieldValue(item.extra, by!);
        let code = -1;
        if (value !== null) {
          code = codes.get(value) ?? -1;
          if (code < 0) {
            codes.set(value, (code = codes.size));
            batch.newLabels.push(value);
          }
        }
        batch.groups[i] = code;
      }
      if (batch.size === BATCH) {
        send(batch);
        batch = fresh(by !== null);
      }
    }
  }
  if (batch.size > 0) send(batch);
}

function post(batch: NumbersBatch): void {
  const transfer = [batch.grades.buffer as ArrayBuffer, batch.confidences.buffer as ArrayBuffer, batch.partials.buffer as ArrayBuffer];
  if (batch.groups) transfer.push(batch.groups.buffer as ArrayBuffer);
  port!.postMessage({ type: 'batch', batch } satisfies FromNumbersWorker, transfer);
}

async function run(path: string, options: Record<string, unknown>, by: string | null, splitMinBytes?: number): Promise<void> {
  let tail: ReturnType<typeof readTail> | null = null;
  try {
    const detected = await detectFormat(path);
    if (!detected) throw new ImportError('unknown-format', 'not a format Candor reads', { file: path });
    // Only tabular files may state confidences in percent; from other readers a value above 1 is an error.
    const ceiling = TABULAR_FORMATS.has(detected.format) ? 100 : 1;
    // A code per item, not its value: the values cross once each (newLabels).
    const codes = new Map<string, number>();
    const split = detected.format === 'jsonl' ? await splitPoint(path, splitMinBytes) : null;
    if (split === null) {
      const reader = detected.reader(path, options);
      await pump(reader, ceiling, by, codes, post);
      port!.postMessage({ type: 'done', summary: reader.summary() } satisfies FromNumbersWorker);
      return;
    }
    // Two threads: this one reads the head and the tail's worker the rest, at once.
    tail = readTail({ path, options, by, ceiling, part: { start: split.start, end: split.size } });
    const head = genericPartReader(path, { ...(options as GenericReadOptions), format: 'jsonl' }, { start: 0, end: split.start, firstLine: 1 });
    await pump(head, ceiling, by, codes, post);
    const read = await tail.result;
    const summary = await joinTail(head.partState(), head.summary(), read, displayName(path), (line) => keyAtLine(path, options, split, line));
    const tailLabels: string[] = [];
    for (const batch of read.batches) post(relabel(batch, codes, tailLabels));
    port!.postMessage({ type: 'done', summary } satisfies FromNumbersWorker);
  } catch (error) {
    tail?.stop();
    port!.postMessage({ type: 'error', error: crossing(error) } satisfies FromNumbersWorker);
  }
}

/**
 * The tail's batches carry group codes of their own (from 0, in the order the
 * tail met the values; `tailLabels` gathers them batch after batch): into the
 * head's codes, new values taking the next ones, as one reader would have.
 */
function relabel(batch: NumbersBatch, codes: Map<string, number>, tailLabels: string[]): NumbersBatch {
  if (!batch.groups) return batch;
  tailLabels.push(...batch.newLabels);
  const newLabels: string[] = [];
  for (const label of batch.newLabels) {
    if (!codes.has(label)) {
      codes.set(label, codes.size);
      newLabels.push(label);
    }
  }
  const groups = batch.groups;
  for (let i = 0; i < batch.size; i++) if (groups[i]! >= 0) groups[i] = codes.get(tailLabels[groups[i]!]!)!;
  return { ...batch, newLabels };
}

/** The id on a line of the tail (for a duplicate the join found: the tail keeps ids as hashes). */
async function keyAtLine(path: string, options: Record<string, unknown>, split: { start: number; size: number }, line: number): Promise<string> {
  const reader = await tailReader(path, options, { start: split.start, end: split.size });
  for await (const items of reader.itemBatches!()) for (const item of items) if (item.line === line) return item.key;
  return `(the id on line ${line})`;
}

/** The tail's role: read the part, keep its batches, and send them with where it stopped and what it saw. */
async function readTailHere(start: TailStart): Promise<void> {
  const batches: NumbersBatch[] = [];
  let reader: Awaited<ReturnType<typeof tailReader>> | null = null;
  let error: CrossingError | null = null;
  try {
    reader = await tailReader(start.path, start.options, start.part);
    await pump(reader, start.ceiling, start.by, new Map(), (batch) => batches.push(batch));
  } catch (caught) {
    error = crossing(caught);
  }
  const state = reader ? tailState(reader.partState()) : { slots: new Uint32Array(3), ids: 0, count: 0, evidence: null };
  const transfer: ArrayBuffer[] = [state.slots.buffer as ArrayBuffer];
  for (const batch of batches) {
    transfer.push(batch.grades.buffer as ArrayBuffer, batch.confidences.buffer as ArrayBuffer, batch.partials.buffer as ArrayBuffer);
    if (batch.groups) transfer.push(batch.groups.buffer as ArrayBuffer);
  }
  port!.postMessage({ batches, state, error } satisfies TailResult, transfer);
}

function fresh(grouped: boolean): NumbersBatch {
  return {
    size: 0,
    grades: new Uint8Array(BATCH),
    confidences: new Float64Array(BATCH),
    partials: new Uint8Array(BATCH),
    models: [],
    tasks: [],
    groups: grouped ? new Int32Array(BATCH) : null,
    newLabels: [],
  };
}
