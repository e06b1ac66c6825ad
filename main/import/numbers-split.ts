// `candor analyze` reads a large JSONL file on two threads: the numbers
// worker reads the first half (the head) and a second worker the rest (the
// tail), each as a file of its own, and the head joins the tail to itself as
// if it had read on: an id the tail shares with the head, a confidence scale
// the two halves disagree on and any error are reported at the line a single
// reader would have stopped at, with its message, and the tail's items follow
// the head's in file order. What cannot be known from one half (the mapping,
// the lines before the tail) the tail learns from the file itself.
import { open, stat } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { workerEntry } from '../workers/entry.ts';
import type { ScaleEvidence } from './confidence-scale.ts';
import { genericPartReader, type GenericReadOptions, type PartState } from './generic.ts';
import { KeySet } from './key-set.ts';
import { countLines, displayName, type FilePart } from './lines.ts';
import type { NumbersBatch } from './numbers-protocol.ts';
import { ImportError, type ReaderSummary } from './types.ts';

/** Below this a second thread costs more than it saves. */
export const SPLIT_MIN_BYTES = 32 * 1024 * 1024;
/**
 * Above this one thread reads alone: the second thread's heap and the tail's
 * columns held until the head is done lift the peak (at 1M items, 190 MiB of
 * JSONL, from about 198 to 245 MiB), and past this size that would take the
 * largest files over what `analyze` promises to stay under (300 MB).
 */
export const SPLIT_MAX_BYTES = 256 * 1024 * 1024;

/** The tail's first byte (a line's start near the middle), or null when the file is not worth splitting or has no line break past its middle. */
export async function splitPoint(path: string, minBytes = SPLIT_MIN_BYTES): Promise<{ start: number; size: number } | null> {
  const { size } = await stat(path);
  if (size < minBytes || size > SPLIT_MAX_BYTES) return null;
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    for (let position = Math.floor(size / 2); position < size; ) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      if (bytesRead === 0) break;
      const newline = buffer.subarray(0, bytesRead).indexOf(10);
      if (newline >= 0) {
        const start = position + newline + 1;
        return start < size ? { start, size } : null;
      }
      position += bytesRead;
    }
    return null;
  } finally {
    await handle.close();
  }
}

/** A reader error as it crosses threads. */
export interface CrossingError {
  import: boolean;
  code: string;
  message: string;
  file?: string | undefined;
  line?: number | undefined;
  field?: string | undefined;
}

export function crossing(error: unknown): CrossingError {
  return error instanceof ImportError
    ? { import: true, code: error.code, message: error.reason, file: error.file, line: error.line, field: error.field }
    : { import: false, code: 'read-failed', message: error instanceof Error ? error.message : String(error) };
}

/** What the tail's worker sends when it is done, or stopped at an error. */
export interface TailResult {
  batches: NumbersBatch[];
  state: { slots: Uint32Array; ids: number; count: number; evidence: ScaleEvidence | null };
  error: CrossingError | null;
}

export interface TailStart {
  path: string;
  options: Record<string, unknown>;
  by: string | null;
  /** What the head checks confidences against (numbers-worker.ts). */
  ceiling: number;
  part: { start: number; end: number };
}

/** Starts the tail's worker (this same file's bundle, in the tail role); resolves with what it read. */
export function readTail(start: TailStart): { result: Promise<TailResult>; stop: () => void } {
  const { entry, eval: isEval } = workerEntry(import.meta.url, './numbers-worker.ts', 'numbers-worker.js');
  // A small young generation: the tail's heap is what reading on two threads adds to the peak (about
  // 45 MB at 1M items with 16 MB; 32 MB gave some 20 MB more for no speed, 8 MB was slower).
  const worker = new Worker(entry, { eval: isEval, resourceLimits: { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 64 } });
  const failed = (why: string) => new ImportError('read-failed', `reading the second half of the file: ${why}`, { file: displayName(start.path) });
  const result = new Promise<TailResult>((resolve, reject) => {
    worker.once('message', (message: TailResult) => {
      void worker.terminate();
      resolve(message);
    });
    worker.once('error', (error) => reject(failed(error.message)));
    // (After a message or an error this settles nothing.)
    worker.once('exit', (code) => reject(failed(`its thread ended (exit code ${code}) without an answer`)));
  });
  // Stopped because the head failed, nobody waits for it.
  result.catch(() => undefined);
  worker.postMessage({ tail: start });
  return { result, stop: () => void worker.terminate() };
}

/** The tail's reader: its part of the file, numbered from the lines before it. */
export async function tailReader(path: string, options: Record<string, unknown>, part: { start: number; end: number }) {
  const filePart: FilePart = { ...part, firstLine: (await countLines(path, part.start)) + 1 };
  return genericPartReader(path, { ...(options as GenericReadOptions), format: 'jsonl' }, filePart);
}

export function tailState(state: PartState): TailResult['state'] {
  const { slots, count: ids } = state.seen.table();
  return { slots, ids, count: state.count, evidence: state.scale?.evidence() ?? null };
}

/**
 * Joins the tail to the head as one reader would have read on: throws the
 * first error of the whole file (the head's were thrown before this), and
 * returns the whole file's summary.
 */
export async function joinTail(head: PartState, headSummary: ReaderSummary, tail: TailResult, file: string, keyAtLine: (line: number) => Promise<string>): Promise<ReaderSummary> {
  const stoppedAt = tail.error?.line ?? Number.POSITIVE_INFINITY;
  const tailIds = KeySet.fromTable({ slots: tail.state.slots, count: tail.state.ids });
  // An id the head used first, met again in the tail (at or before where the tail stopped on its own).
  const shared = head.seen.firstShared(tailIds, stoppedAt + 1);
  // The confidence scale read on from the head into the tail.
  const clash = tail.state.evidence && head.scale ? head.scale.continueWith(tail.state.evidence) : null;
  // A single reader stops at the first line that fails, and within a record checks its id, grade and
  // confidence, then the scale, then whether the id is new: the fractions order failures on one line.
  const candidates: Array<{ line: number; raise: () => Promise<never> }> = [];
  if (tail.error) {
    const error = tail.error;
    // The tail's own scale clash is the joined one's, or later (the head's evidence comes first).
    const rank = error.code === 'duplicate-key' ? 0.5 : error.code === 'mixed-confidence-scale' ? 0.3 : 0;
    candidates.push({ line: stoppedAt + rank, raise: async () => Promise.reject(fromCrossing(error, file)) });
  }
  if (shared) {
    candidates.push({
      line: shared.line + 0.5,
      raise: async () => {
        const key = await keyAtLine(shared.line);
        throw new ImportError(
          'duplicate-key',
          `duplicate id ${JSON.stringify(key)}, first used on line ${shared.firstLine} (expected every item of a run to have its own id)`,
          { file, line: shared.line, field: head.map?.key },
        );
      },
    });
  }
  if (clash) {
    candidates.push({
      line: clash.line + 0.25,
      raise: async () => Promise.reject(new ImportError('mixed-confidence-scale', clash.message, { file, line: clash.line, field: head.map?.confidence })),
    });
  }
  candidates.sort((a, b) => a.line - b.line);
  if (candidates.length > 0) await candidates[0]!.raise();
  const decision = head.scale!.decision();
  return {
    ...headSummary,
    confidenceScale: decision.scale,
    confidenceScaleReason: decision.reason,
    metadata: { ...headSummary.metadata, records: head.count + tail.state.count },
  };
}

function fromCrossing(error: CrossingError, file: string): ImportError {
  return new ImportError(error.import ? error.code : 'read-failed', error.message, { file: error.file && error.import ? error.file : file, line: error.line, field: error.field });
}
