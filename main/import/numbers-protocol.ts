// What the numbers worker (numbers-worker.ts) sends to the thread that reads a file's numbers
// (numbers.ts), and its tail worker to it (numbers-split.ts).
import type { ReaderSummary } from './types.ts';

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
  /** with a grouping field: each item's group code (-1: no value), into the labels sent so far */
  groups: Int32Array | null;
  /** the grouping field's values first seen in this batch, continuing the file's list of labels */
  newLabels: string[];
}

export type FromNumbersWorker =
  | { type: 'batch'; batch: NumbersBatch }
  | { type: 'done'; summary: ReaderSummary }
  | { type: 'error'; error: { import: boolean; code: string; message: string; file?: string; line?: number | undefined; field?: string | undefined } };
