// The import worker: reads and parses a run file in its own thread and sends
// the items to the writer in columnar batches, so parsing (the larger half of
// an import) runs beside the database inserts instead of before them.
import { parentPort } from 'node:worker_threads';
import { suggestGrade } from '../../shared/grading/suggest.ts';
import { ImportWriter } from '../store/import-writer.ts';
import type { ItemBatch } from './batch.ts';
import { detectFormat } from './detect.ts';
import { ImportError, type ImportedItem } from './types.ts';
import type { FromImportWorker, ToImportWorker } from './worker-protocol.ts';

const port = parentPort;
if (!port) throw new Error('import worker: no parent port');

/**
 * Text sent to the writer and not yet taken: with lines up to the 64 MiB cap,
 * a count of batches alone would let a few batches of huge items pile up past
 * any heap. A batch is sent when it holds BATCH_TEXT characters (or its item
 * count), and waits while this much is in flight, unless nothing is.
 */
const BATCH_TEXT = 8 * 1024 * 1024;
const IN_FLIGHT_TEXT = 32 * 1024 * 1024;

let credit = 0;
let inFlight = 0;
let wake: (() => void) | null = null;
port.on('message', (message: ToImportWorker) => {
  if (message.type === 'credit') {
    credit += message.batches;
    inFlight -= message.size;
    wake?.();
    wake = null;
  } else if (message.type === 'checkpoint') {
    checkpoint(message.dbPath);
  } else if (message.type === 'start') {
    credit = message.credit;
    void run(message.path, message.options, message.batchSize);
  }
});

function send(message: FromImportWorker, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(message, transfer);
}

function emptyBatch(capacity: number): ItemBatch {
  return {
    size: 0,
    keys: [],
    prompts: [],
    answers: [],
    golds: [],
    grades: [],
    partials: new Uint8Array(capacity),
    confidences: new Float64Array(capacity),
    models: [],
    tasks: [],
    extras: [],
    suggestedGrades: [],
    suggestionBases: [],
    suggestedKinds: [],
  };
}

async function* oneByOne(items: AsyncIterable<ImportedItem>): AsyncGenerator<ImportedItem[]> {
  for await (const item of items) yield [item];
}

/** After the import commits: copy the write-ahead log into the database here, off the main thread. */
function checkpoint(dbPath: string): void {
  try {
    ImportWriter.checkpoint(dbPath);
  } catch {
    // A later commit checkpoints anyway; nothing here is the user's to know.
  }
  process.exit(0);
}

async function run(path: string, options: Record<string, unknown>, batchSize: number): Promise<void> {
  try {
    const detected = await detectFormat(path);
    if (!detected) throw new ImportError('unknown-format', 'not a format Candor reads', { file: path });
    let bytesRead = 0;
    const reader = detected.reader(path, { ...options, onProgress: (bytes) => (bytesRead = bytes) });
    let batch = emptyBatch(batchSize);
    let size = 0;
    const flush = async () => {
      while (credit <= 0 || (inFlight > 0 && inFlight + size > IN_FLIGHT_TEXT)) await new Promise<void>((resolve) => (wake = resolve));
      credit--;
      inFlight += size;
      const full = batch;
      send({ type: 'batch', batch: full, bytesRead, size }, [full.confidences.buffer as ArrayBuffer, full.partials.buffer as ArrayBuffer]);
      batch = emptyBatch(batchSize);
      size = 0;
    };
    const batches: AsyncIterable<ImportedItem[]> = reader.itemBatches?.() ?? oneByOne(reader.items());
    for await (const items of batches) {
      for (const item of items) {
        const i = batch.size++;
        batch.keys.push(item.key);
        batch.prompts.push(item.prompt);
        batch.answers.push(item.answer);
        batch.golds.push(item.gold);
        batch.grades.push(item.grade);
        batch.partials[i] = item.partial ? 1 : 0;
        batch.confidences[i] = item.confidence ?? Number.NaN;
        batch.models.push(item.model);
        batch.tasks.push(item.task);
        const extra = JSON.stringify(item.extra);
        batch.extras.push(extra);
        size += item.key.length + item.prompt.length + item.answer.length + (item.gold?.length ?? 0) + extra.length;
        const suggestion = item.grade === null ? suggestGrade(item.answer, item.gold) : null;
        batch.suggestedGrades.push(suggestion?.grade ?? null);
        batch.suggestionBases.push(suggestion?.basis ?? null);
        batch.suggestedKinds.push(suggestion?.kind ?? null);
        if (batch.size === batchSize || size >= BATCH_TEXT) await flush();
      }
    }
    if (batch.size > 0) await flush();
    send({ type: 'done', summary: reader.summary(), layout: reader.layout?.() ?? null, bytesRead });
  } catch (error) {
    send({
      type: 'error',
      error:
        error instanceof ImportError
          ? { import: true, code: error.code, message: error.reason, file: error.file, line: error.line, field: error.field }
          : { import: false, code: 'read-failed', message: error instanceof Error ? error.message : String(error) },
    });
  }
}
