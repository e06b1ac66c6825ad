import { Worker } from 'node:worker_threads';
import { workerEntry } from '../workers/entry.ts';
import type { ItemBatch } from './batch.ts';
import { ImportError, type ReaderLayout, type ReaderSummary } from './types.ts';
import type { FromImportWorker, ToImportWorker } from './worker-protocol.ts';

/**
 * Items a batch, at most. The writer decodes a batch's text as one string: at
 * some 130 bytes an item, 1024 keep it under V8's large-object size, so it
 * dies young; 4096 made it a large object, left for the old generation's rarer
 * collections (a 4M-row import peaked 30 MiB higher, at no gain in speed).
 */
const BATCH_SIZE = 1024;
/** Batches parsed ahead of the writer: enough to keep both threads busy, few enough to bound memory. */
const CREDIT = 4;

export interface WorkerRead {
  batches: AsyncGenerator<ItemBatch>;
  /** Valid once batches is exhausted. */
  result(): { summary: ReaderSummary; layout: ReaderLayout | null };
  /**
   * After a successful commit: the worker checkpoints the database's log, then exits.
   * Returns the flag it sets when its connection is closed (element 0 becomes 1).
   */
  checkpointAndExit(dbPath: string): Int32Array;
  /** Ends the worker (the import did not commit). */
  abandon(): void;
}

/**
 * Reads a run file in the import worker. Batches arrive in file order; each
 * one consumed returns a credit to the worker. Aborting terminates the worker.
 */
export function readInWorker(
  path: string,
  displayName: string,
  options: Record<string, unknown>,
  signal?: AbortSignal,
  onProgress?: (bytesRead: number) => void,
): WorkerRead {
  const { entry, eval: isEval } = workerEntry(import.meta.url, './worker.ts', 'import-worker.js');
  // A parse keeps little alive (a batch, the id set); a small heap makes V8
  // collect early instead of growing, which keeps an import's memory bounded
  // (a young generation of 16 MB, not 32: 15 MiB less at 4M rows, as fast).
  const worker = new Worker(entry, { eval: isEval, resourceLimits: { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 256 } });
  const queue: FromImportWorker[] = [];
  let waiting: (() => void) | null = null;
  let crashed: Error | null = null;
  let lastBytesRead = 0;
  let finished: { summary: ReaderSummary; layout: ReaderLayout | null } | null = null;
  const notify = () => {
    waiting?.();
    waiting = null;
  };
  worker.on('message', (message: FromImportWorker) => {
    queue.push(message);
    notify();
  });
  worker.on('error', (error) => {
    crashed = error;
    notify();
  });
  const abort = () => notify();
  signal?.addEventListener('abort', abort);
  // Options carry only plain values across the thread boundary (no signal, no callbacks).
  const plain = Object.fromEntries(Object.entries(options).filter(([, v]) => typeof v !== 'function' && !(v instanceof AbortSignal)));
  worker.postMessage({ type: 'start', path, options: plain, batchSize: BATCH_SIZE, credit: CREDIT } satisfies ToImportWorker);

  async function* batches(): AsyncGenerator<ItemBatch> {
    try {
      for (;;) {
        if (signal?.aborted) throw new ImportError('cancelled', 'import cancelled', { file: displayName });
        if (crashed) {
          const error = crashed as NodeJS.ErrnoException;
          // The reader's limits should make this unreachable; if not, say where the file was when it happened.
          if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
            throw new ImportError(
              'out-of-memory',
              `the import worker ran out of memory after about ${(lastBytesRead / (1024 * 1024)).toFixed(0)} MiB of the file: a record past there is more than it can hold (${error.message})`,
              { file: displayName },
            );
          }
          throw new ImportError('read-failed', error.message, { file: displayName });
        }
        const message = queue.shift();
        if (!message) {
          await new Promise<void>((resolve) => (waiting = resolve));
          continue;
        }
        if (message.type === 'error') {
          const { error } = message;
          throw new ImportError(error.code, error.message, { file: error.file ?? displayName, line: error.line, field: error.field });
        }
        lastBytesRead = message.bytesRead;
        onProgress?.(message.bytesRead);
        if (message.type === 'done') {
          finished = { summary: message.summary, layout: message.layout };
          return;
        }
        yield message.batch;
        // The batch was consumed in the yield (the writer keeps strings, not the buffer): its text buffer goes back.
        const spare = message.batch.text.buffer as ArrayBuffer;
        worker.postMessage({ type: 'credit', batches: 1, size: message.size, spare } satisfies ToImportWorker, [spare]);
      }
    } finally {
      signal?.removeEventListener('abort', abort);
      // A finished read keeps its worker for the checkpoint; anything else ends it now.
      if (!finished) void worker.terminate();
    }
  }

  return {
    batches: batches(),
    result() {
      if (!finished) throw new Error('the import worker has not finished');
      return finished;
    },
    abandon() {
      void worker.terminate();
    },
    checkpointAndExit(dbPath) {
      // It must not keep the CLI or a test process alive.
      worker.unref();
      const done = new SharedArrayBuffer(4);
      // A worker that dies before it gets there must not leave the store waiting for it.
      worker.once('exit', () => Atomics.store(new Int32Array(done), 0, 1));
      worker.postMessage({ type: 'checkpoint', dbPath, done } satisfies ToImportWorker);
      return new Int32Array(done);
    },
  };
}
