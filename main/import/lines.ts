import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { ImportError, type ReadOptions } from './types.ts';

/** A physical line, decoded, without its terminator. */
export interface Line {
  text: string;
  /** 1-based. */
  line: number;
  /** '\r\n', '\n' or '' (last line without one): CSV keeps it inside quoted fields. */
  terminator: string;
}

export const DEFAULT_MAX_LINE_BYTES = 64 * 1024 * 1024;
const CHUNK_BYTES = 1024 * 1024;

/** The name errors carry: the file name, since full paths are long and private. */
export function displayName(path: string): string {
  return basename(path);
}

export function throwIfAborted(signal: AbortSignal | undefined, file: string): void {
  if (signal?.aborted) throw new ImportError('cancelled', 'import cancelled', { file });
}

export function decodeUtf8(bytes: Uint8Array, where: { file: string; line?: number; field?: string }): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new ImportError('invalid-utf8', 'is not valid UTF-8 text (expected a UTF-8 encoded file; re-save it as UTF-8)', where);
  }
}
// One shared fatal decoder: each call decodes a complete line, so no streaming state leaks between calls.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export interface LineReadOptions extends ReadOptions {
  maxLineBytes?: number;
}

/**
 * Streams a file as lines, in batches (one per chunk read) so a 1 GB file with
 * millions of lines does not pay an await per line. Memory is bounded by the
 * chunk size plus the longest line, and the longest line is capped.
 */
export async function* readLines(path: string, options: LineReadOptions = {}): AsyncGenerator<Line[]> {
  const file = displayName(path);
  const cap = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let lineNo = 0;
  let bytesRead = 0;
  let first = true;

  const finish = (bytes: Buffer, terminator: string): Line => {
    lineNo += 1;
    let body = bytes;
    if (first) {
      first = false;
      if (body.length >= 3 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) body = body.subarray(3);
    }
    if (terminator === '\n' && body.length > 0 && body[body.length - 1] === 0x0d) {
      body = body.subarray(0, body.length - 1);
      terminator = '\r\n';
    }
    return { text: decodeUtf8(body, { file, line: lineNo }), line: lineNo, terminator };
  };
  const tooLong = (): never => {
    throw new ImportError(
      'line-too-long',
      `line is longer than ${Math.round(cap / (1024 * 1024))} MiB (expected one record per line; is this a binary file or a single-line JSON document?)`,
      { file, line: lineNo + 1 },
    );
  };

  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      throwIfAborted(options.signal, file);
      bytesRead += chunk.length;
      const batch: Line[] = [];
      let start = 0;
      for (;;) {
        const nl = chunk.indexOf(10, start);
        if (nl < 0) break;
        const piece = chunk.subarray(start, nl);
        if (pendingBytes + piece.length > cap) tooLong();
        const whole = pending.length ? Buffer.concat([...pending, piece]) : piece;
        pending = [];
        pendingBytes = 0;
        batch.push(finish(whole, '\n'));
        start = nl + 1;
      }
      if (start < chunk.length) {
        const rest = chunk.subarray(start);
        pendingBytes += rest.length;
        if (pendingBytes > cap) tooLong();
        // Copy: the stream may reuse its buffer, and a subarray pins the whole 1 MiB chunk.
        pending.push(Buffer.from(rest));
      }
      if (batch.length) yield batch;
      options.onProgress?.(bytesRead);
    }
    if (pendingBytes > 0) yield [finish(Buffer.concat(pending), '')];
  } finally {
    stream.destroy();
  }
}
