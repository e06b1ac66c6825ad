import type { ItemBatch } from './batch.ts';
import type { ReaderLayout, ReaderSummary } from './types.ts';

export type ToImportWorker =
  | { type: 'start'; path: string; options: Record<string, unknown>; batchSize: number; credit: number }
  /**
   * The writer has room for this many more batches, and took `size` bytes of text off the worker's
   * account (back-pressure bounds memory); `spare`: the batch's text buffer, given back for reuse.
   */
  | { type: 'credit'; batches: number; size: number; spare?: ArrayBuffer | undefined }
  /**
   * The import committed: checkpoint its write-ahead log off the main thread, then exit.
   * `done`: an Int32Array's buffer whose element 0 the worker sets to 1 (Atomics) once its
   * connection is closed, so the store can wait for it before closing (Store.close).
   */
  | { type: 'checkpoint'; dbPath: string; done: SharedArrayBuffer };

export type FromImportWorker =
  /** size: the bytes of the batch's text, for the in-flight budget. */
  | { type: 'batch'; batch: ItemBatch; bytesRead: number; size: number }
  | { type: 'done'; summary: ReaderSummary; layout: ReaderLayout | null; bytesRead: number }
  | {
      type: 'error';
      error: { import: boolean; code: string; message: string; file?: string; line?: number | undefined; field?: string | undefined };
    };
