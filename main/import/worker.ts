// The import worker: reads and parses a run file in its own thread and sends
// the items to the writer in columnar batches, so parsing (the larger half of
// an import) runs beside the database inserts instead of before them.
import { parentPort } from 'node:worker_threads';
import { suggestGrade } from '../../shared/grading/suggest.ts';
import { ImportWriter } from '../store/import-writer.ts';
import { ItemBatchBuilder } from './batch.ts';
import { detectFormat } from './detect.ts';
import { checkItemValues } from './item-checks.ts';
import { TABULAR_FORMATS } from './preview.ts';
import { ImportError, type ImportedItem } from './types.ts';
import type { FromImportWorker, ToImportWorker } from './worker-protocol.ts';

const port = parentPort;
if (!port) throw new Error('import worker: no parent port');

/**
 * Text sent to the writer and not yet taken: with lines up to the 64 MiB cap,
 * a count of batches alone would let a few batches of huge items pile up past
 * any heap. A batch is sent when it holds BATCH_TEXT bytes of text (or its
 * item count), and waits while this much is in flight, unless nothing is.
 */
const BATCH_TEXT = 8 * 1024 * 1024;
const IN_FLIGHT_TEXT = 32 * 1024 * 1024;
/** A batch's text buffer to begin with (it grows for long items): about 4,096 items of a typical run. */
const BATCH_TEXT_START = 2 * 1024 * 1024;

let credit = 0;
/** The batch builder of the read under way, which takes back the writer's spent text buffers. */
let current: ItemBatchBuilder | null = null;
let inFlight = 0;
let wake: (() => void) | null = null;
port.on('message', (message: ToImportWorker) => {
  if (message.type === 'credit') {
    credit += message.batches;
    inFlight -= message.size;
    if (message.spare) current?.recycle(message.spare);
    wake?.();
    wake = null;
  } else if (message.type === 'checkpoint') {
    checkpoint(message.dbPath, new Int32Array(message.done));
  } else if (message.type === 'start') {
    credit = message.credit;
    void run(message.path, message.options, message.batchSize);
  }
});

function send(message: FromImportWorker, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(message, transfer);
}

async function* oneByOne(items: AsyncIterable<ImportedItem>): AsyncGenerator<ImportedItem[]> {
  for await (const item of items) yield [item];
}

/** After the import commits: copy the write-ahead log into the database here, off the main thread. */
function checkpoint(dbPath: string, done: Int32Array): void {
  try {
    ImportWriter.checkpoint(dbPath);
  } catch {
    // A later commit checkpoints anyway; nothing here is the user's to know.
  } finally {
    Atomics.store(done, 0, 1);
    Atomics.notify(done, 0);
  }
  process.exit(0);
}

/** JSON of an item's extra fields; most items of a tabular file have none. */
function extraJson(extra: Record<string, unknown>): string {
  for (const _ in extra) return JSON.stringify(extra);
  return '{}';
}

async function run(path: string, options: Record<string, unknown>, batchSize: number): Promise<void> {
  try {
    const detected = await detectFormat(path);
    if (!detected) throw new ImportError('unknown-format', 'not a format Candor reads', { file: path });
    // What RunWriter is told for this file (importFile): only tabular files may state confidences in percent.
    const ceiling = TABULAR_FORMATS.has(detected.format) ? 100 : 1;
    let bytesRead = 0;
    const reader = detected.reader(path, { ...options, onProgress: (bytes) => (bytesRead = bytes) });
    const builder = new ItemBatchBuilder(batchSize, BATCH_TEXT_START);
    current = builder;
    const flush = async () => {
      const size = builder.bytes;
      while (credit <= 0 || (inFlight > 0 && inFlight + size > IN_FLIGHT_TEXT)) await new Promise<void>((resolve) => (wake = resolve));
      credit--;
      inFlight += size;
      const { batch, transfer } = builder.take();
      send({ type: 'batch', batch, bytesRead, size }, transfer);
    };
    const batches: AsyncIterable<ImportedItem[]> = reader.itemBatches?.() ?? oneByOne(reader.items());
    for await (const items of batches) {
      for (const item of items) {
        // A file without a grade gets a suggestion a person can accept; it is never counted by itself.
        const suggestion = item.grade === null ? suggestGrade(item.answer, item.gold) : null;
        checkItemValues(item.key, item.confidence, item.grade, suggestion?.grade ?? null, ceiling, item.partial === true);
        if (builder.add(item, extraJson(item.extra), suggestion) || builder.bytes >= BATCH_TEXT) await flush();
      }
    }
    if (builder.size > 0) await flush();
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
