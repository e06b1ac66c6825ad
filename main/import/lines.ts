import { isAscii } from 'node:buffer';
import { basename } from 'node:path';
import { openRegularFile } from './regular-file.ts';
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
// One shared fatal decoder: each call decodes complete lines, so no streaming state leaks between calls.
// It keeps a U+FEFF that starts what it decodes: only the file's first line drops one (readLines does).
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Text that is all ASCII (most run files, megabyte after megabyte) is its
 * bytes as Latin-1, copied as they are: twice as fast as decoding UTF-8, and
 * the same string. Anything else goes through the fatal decoder.
 */
export function decodeChunk(bytes: Uint8Array): string {
  return isAscii(bytes) ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1') : utf8.decode(bytes);
}

export interface LineReadOptions extends ReadOptions {
  maxLineBytes?: number;
  /**
   * Only bytes [start, end) of the file, whose first line is line `firstLine`
   * (a part of a file read by a thread of its own; start is a line's start,
   * so only the file's own start has a byte-order mark).
   */
  part?: FilePart;
}

export interface FilePart {
  start: number;
  end: number;
  firstLine: number;
}

/** The lines before byte `end` (a line's start): the number the line starting there follows. */
export async function countLines(path: string, end: number): Promise<number> {
  const handle = await openRegularFile(path, displayName(path));
  const buffer = Buffer.allocUnsafeSlow(CHUNK_BYTES);
  let lines = 0;
  try {
    for (let position = 0; position < end; ) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(CHUNK_BYTES, end - position), position);
      if (bytesRead === 0) break;
      position += bytesRead;
      for (let at = buffer.indexOf(10); at >= 0 && at < bytesRead; at = buffer.indexOf(10, at + 1)) lines++;
    }
  } finally {
    await handle.close();
  }
  return lines;
}

/**
 * Streams a file as lines, in batches (one per chunk read) so a 1 GB file with
 * millions of lines does not pay an await per line. Memory is bounded by the
 * chunk size plus the longest line, and the longest line is capped.
 */
export async function* readLines(path: string, options: LineReadOptions = {}): AsyncGenerator<Line[]> {
  const file = displayName(path);
  const cap = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const handle = await openRegularFile(path, file);
  // One buffer, read into again and again: nothing of a chunk outlives its turn (a line
  // carried over is copied), and a fresh megabyte per read would be freed only when the
  // collector next runs, some tens of megabytes later.
  const buffer = Buffer.allocUnsafeSlow(CHUNK_BYTES);
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const part = options.part;
  let lineNo = part ? part.firstLine - 1 : 0;
  let bytesRead = 0;
  let first = !part || part.start === 0;
  let position = part?.start ?? 0;
  const end = part?.end ?? Number.POSITIVE_INFINITY;

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

  /** Decodes the complete lines in chunk[from, to) at once; on bad UTF-8, line by line to name the line. */
  const completeLines = (chunk: Buffer, from: number, to: number, batch: Line[]) => {
    let text: string;
    try {
      text = decodeChunk(chunk.subarray(from, to));
    } catch {
      let start = from;
      for (let nl = chunk.indexOf(10, start); nl >= 0 && nl < to; nl = chunk.indexOf(10, start)) {
        batch.push(finish(chunk.subarray(start, nl), '\n'));
        start = nl + 1;
      }
      return;
    }
    // No newline byte occurs inside a multi-byte character, so the text splits exactly where the bytes do.
    const parts = text.split('\n');
    parts.pop();
    for (let part of parts) {
      lineNo += 1;
      let terminator = '\n';
      if (first) {
        first = false;
        if (part.charCodeAt(0) === 0xfeff) part = part.slice(1);
      }
      if (part.charCodeAt(part.length - 1) === 13) {
        part = part.slice(0, -1);
        terminator = '\r\n';
      }
      batch.push({ text: part, line: lineNo, terminator });
    }
  };

  try {
    for (;;) {
      const want = Math.min(CHUNK_BYTES, end - position);
      if (want <= 0) break;
      const { bytesRead: got } = await handle.read(buffer, 0, want, position);
      if (got === 0) break;
      position += got;
      const chunk = got === CHUNK_BYTES ? buffer : buffer.subarray(0, got);
      throwIfAborted(options.signal, file);
      bytesRead += chunk.length;
      const batch: Line[] = [];
      let start = 0;
      const firstNl = chunk.indexOf(10);
      if (firstNl >= 0) {
        // The line carried over from the previous chunk ends here.
        if (pending.length > 0 || pendingBytes > 0) {
          if (pendingBytes + firstNl > cap) tooLong();
          batch.push(finish(Buffer.concat([...pending, chunk.subarray(0, firstNl)]), '\n'));
          pending = [];
          pendingBytes = 0;
          start = firstNl + 1;
        }
        const lastNl = chunk.lastIndexOf(10);
        if (lastNl >= start) {
          // A line inside one chunk is shorter than the chunk: only a cap below that needs checking here.
          if (cap < chunk.length) {
            let seen = 0;
            for (let at = start, nl = chunk.indexOf(10, at); nl >= 0 && nl <= lastNl; at = nl + 1, nl = chunk.indexOf(10, at), seen++) {
              if (nl - at > cap) {
                lineNo += seen + batch.length;
                tooLong();
              }
            }
          }
          completeLines(chunk, start, lastNl + 1, batch);
          start = lastNl + 1;
        }
      }
      if (start < chunk.length) {
        const rest = chunk.subarray(start);
        pendingBytes += rest.length;
        if (pendingBytes > cap) tooLong();
        // Copy: the buffer is read into again.
        pending.push(Buffer.from(rest));
      }
      if (batch.length) yield batch;
      options.onProgress?.(bytesRead);
    }
    if (pendingBytes > 0) yield [finish(Buffer.concat(pending), '')];
  } finally {
    await handle.close();
  }
}
