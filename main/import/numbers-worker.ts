// Reads a run file for its numbers only (`candor analyze`): each item's grade,
// confidence, model and task, in columns, nothing else. Runs in a worker
// thread with a small heap, so the reader's garbage stays bounded however big
// the file; see numbers.ts for the other side.
import { parentPort } from 'node:worker_threads';
import { OUTCOME_CODE } from '../../shared/metrics/types.ts';
import { detectFormat } from './detect.ts';
import { TABULAR_FORMATS } from './preview.ts';
import { ImportError, type ImportedItem } from './types.ts';

/** Items of a file in columns: a grade code (0 none, else OUTCOME_CODE), the stated confidence (NaN for none). */
export interface NumbersBatch {
  size: number;
  grades: Uint8Array;
  confidences: Float64Array;
  /** 1 where the grade is a partial one kept as incorrect (ImportedItem.partial) */
  partials: Uint8Array;
  /** per item; equal runs of values are common, and cheap to clone */
  models: Array<string | null>;
  tasks: Array<string | null>;
}

export type FromNumbersWorker =
  | { type: 'batch'; batch: NumbersBatch }
  | { type: 'done'; summary: import('./types.ts').ReaderSummary }
  | { type: 'error'; error: { import: boolean; code: string; message: string; file?: string; line?: number | undefined; field?: string | undefined } };

const BATCH = 16384;

const port = parentPort;
if (!port) throw new Error('numbers worker: no parent port');
port.once('message', (message: { path: string; options: Record<string, unknown> }) => void run(message.path, message.options));

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

async function run(path: string, options: Record<string, unknown>): Promise<void> {
  try {
    const detected = await detectFormat(path);
    if (!detected) throw new ImportError('unknown-format', 'not a format Candor reads', { file: path });
    const reader = detected.reader(path, options);
    // Only tabular files may state confidences in percent; from other readers a value above 1 is an error.
    const ceiling = TABULAR_FORMATS.has(detected.format) ? 100 : 1;
    let batch = fresh();
    const flush = () => {
      const full = batch;
      port!.postMessage({ type: 'batch', batch: full } satisfies FromNumbersWorker, [full.grades.buffer as ArrayBuffer, full.confidences.buffer as ArrayBuffer, full.partials.buffer as ArrayBuffer]);
      batch = fresh();
    };
    for await (const items of reader.itemBatches?.() ?? oneByOne(reader.items())) {
      for (const item of items) {
        const i = batch.size++;
        batch.grades[i] = check(item, ceiling);
        batch.confidences[i] = item.confidence ?? Number.NaN;
        if (item.partial) batch.partials[i] = 1;
        batch.models.push(item.model);
        batch.tasks.push(item.task);
        if (batch.size === BATCH) flush();
      }
    }
    if (batch.size > 0) flush();
    port!.postMessage({ type: 'done', summary: reader.summary() } satisfies FromNumbersWorker);
  } catch (error) {
    port!.postMessage({
      type: 'error',
      error:
        error instanceof ImportError
          ? { import: true, code: error.code, message: error.reason, file: error.file, line: error.line, field: error.field }
          : { import: false, code: 'read-failed', message: error instanceof Error ? error.message : String(error) },
    } satisfies FromNumbersWorker);
  }
}

function fresh(): NumbersBatch {
  return { size: 0, grades: new Uint8Array(BATCH), confidences: new Float64Array(BATCH), partials: new Uint8Array(BATCH), models: [], tasks: [] };
}
