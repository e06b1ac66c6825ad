import { ImportError } from './types.ts';
import { openRegularFile } from './regular-file.ts';
import { decodeUtf8, displayName, throwIfAborted, type LineReadOptions, DEFAULT_MAX_LINE_BYTES } from './lines.ts';
import { jsonErrorReason, JsonLimitError, MAX_JSON_DEPTH, parseJsonLenient } from './json-lenient.ts';

// Splits one big JSON document into its top-level values without holding the
// document: only the value being captured is in memory, so a 1 GB array of
// records (or an Inspect log's samples array) costs one record at a time.

export type JsonPiece =
  /** A value of the top-level array (key = index) or object (key = property name; dotted inside a descended object). */
  | { kind: 'value'; key: string | number; value: unknown; line: number }
  /** An element of a streamed array property of the top-level object. */
  | { kind: 'element'; parent: string; index: number; value: unknown; line: number };

export interface JsonStreamOptions extends LineReadOptions {
  /** Array properties to stream element by element: "samples", or a dotted path into nested objects ("results.results"). */
  streamKeys?: readonly string[];
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);
const [QUOTE, BACKSLASH, COMMA, COLON, LBRACE, RBRACE, LBRACKET, RBRACKET] = [0x22, 0x5c, 0x2c, 0x3a, 0x7b, 0x7d, 0x5b, 0x5d];

export async function* readJsonPieces(path: string, options: JsonStreamOptions = {}): AsyncGenerator<JsonPiece[]> {
  const file = displayName(path);
  const cap = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const streamKeys = new Set(options.streamKeys ?? []);
  let line = 1;
  let depth = 0;
  let inString = false;
  let escape = false;
  let topIsObject = false;
  let sawTop = false;
  let target = 1;
  // Object mode alternates key, value. Descending into an object on the way to a
  // streamed array (a path like "results.results") moves keyDepth one level down.
  let keyDepth = 1;
  let prefix = '';
  const prefixes: string[] = [];
  const descendInto = new Set<string>();
  for (const key of streamKeys) {
    const steps = key.split('.');
    for (let n = 1; n < steps.length; n++) descendInto.add(steps.slice(0, n).join('.'));
  }
  let expectKey = false;
  let currentKey: string | number = 0;
  let streamingParent: string | null = null;
  let elementIndex = 0;
  let arrayIndex = 0;
  let parts: Buffer[] | null = null;
  let partsBytes = 0;
  let captureStart = 0;
  let captureLine = 0;
  let bytesRead = 0;
  let out: JsonPiece[] = [];

  const parse = (raw: Buffer, where: number, field?: string): unknown => {
    const text = decodeUtf8(raw, { file, line: where, field });
    try {
      return parseJsonLenient(text);
    } catch (error) {
      if (error instanceof JsonLimitError) throw new ImportError(error.code, error.message, { file, line: where, field });
      throw new ImportError('invalid-json', `is not valid JSON (${jsonErrorReason(error)})`, { file, line: where, field });
    }
  };
  const endCapture = (chunk: Buffer, end: number): void => {
    const captured = parts!;
    captured.push(chunk.subarray(captureStart, end));
    parts = null;
    const raw = captured.length === 1 ? captured[0]! : Buffer.concat(captured);
    if (expectKey) {
      const key = parse(raw, captureLine);
      if (typeof key !== 'string') throw new ImportError('invalid-json', 'expected a property name in double quotes', { file, line: captureLine });
      currentKey = key;
      return;
    }
    if (streamingParent !== null) {
      out.push({ kind: 'element', parent: streamingParent, index: elementIndex++, value: parse(raw, captureLine, `${streamingParent}[${elementIndex - 1}]`), line: captureLine });
    } else if (topIsObject) {
      const key = prefix + String(currentKey);
      out.push({ kind: 'value', key, value: parse(raw, captureLine, key), line: captureLine });
    } else {
      out.push({ kind: 'value', key: arrayIndex++, value: parse(raw, captureLine), line: captureLine });
    }
  };

  const handle = await openRegularFile(path, file);
  const stream = handle.createReadStream({ highWaterMark: 1024 * 1024 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      throwIfAborted(options.signal, file);
      let i = 0;
      if (!sawTop && bytesRead === 0 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) i = 3;
      bytesRead += chunk.length;
      for (; i < chunk.length; i++) {
        const b = chunk[i]!;
        if (b === 0x0a) line++;
        if (inString) {
          if (escape) escape = false;
          else if (b === BACKSLASH) escape = true;
          else if (b === QUOTE) inString = false;
          continue;
        }
        if (WS.has(b)) continue;
        if (!sawTop) {
          if (b !== LBRACE && b !== LBRACKET) {
            throw new ImportError('invalid-json', 'expected a JSON array of records or a JSON object at the start of the file', { file, line });
          }
          sawTop = true;
          topIsObject = b === LBRACE;
          expectKey = topIsObject;
          depth = 1;
          continue;
        }
        if (depth === 0) {
          throw new ImportError('invalid-json', 'unexpected content after the end of the JSON document (expected one array or object per file; is this JSONL?)', { file, line });
        }
        const closes = b === RBRACE || b === RBRACKET;
        if (parts !== null && depth === target && (b === COMMA || closes || (b === COLON && expectKey))) {
          endCapture(chunk, i);
        }
        if (parts === null && depth === target && !closes && b !== COMMA && b !== COLON) {
          const path = prefix + String(currentKey);
          if (!expectKey && streamingParent === null && topIsObject && b === LBRACKET && streamKeys.has(path)) {
            streamingParent = path;
            elementIndex = 0;
            target = keyDepth + 1;
            depth++;
            continue;
          }
          if (!expectKey && streamingParent === null && topIsObject && b === LBRACE && descendInto.has(path)) {
            prefixes.push(prefix);
            prefix = path + '.';
            keyDepth += 1;
            target = keyDepth;
            expectKey = true;
            depth++;
            continue;
          }
          parts = [];
          partsBytes = 0;
          captureStart = i;
          captureLine = line;
        }
        if (b === QUOTE) inString = true;
        else if (b === LBRACE || b === LBRACKET) {
          // Refused here, with its line, before anything walks the value recursively.
          if (++depth > MAX_JSON_DEPTH) {
            throw new ImportError('too-deep', `the JSON is nested deeper than ${MAX_JSON_DEPTH} levels (Candor reads at most ${MAX_JSON_DEPTH})`, { file, line });
          }
        }
        else if (closes) {
          depth--;
          if (streamingParent !== null && depth === keyDepth) {
            streamingParent = null;
            target = keyDepth;
          } else if (prefixes.length > 0 && depth === keyDepth - 1) {
            prefix = prefixes.pop()!;
            keyDepth -= 1;
            target = keyDepth;
            expectKey = false;
          }
        } else if (b === COLON && depth === keyDepth && topIsObject) expectKey = false;
        else if (b === COMMA && depth === keyDepth && topIsObject) expectKey = true;
      }
      if (parts !== null) {
        const tail = Buffer.from(chunk.subarray(captureStart));
        parts.push(tail);
        partsBytes += tail.length;
        captureStart = 0;
        if (partsBytes > cap) {
          throw new ImportError('record-too-long', `one JSON value is larger than ${Math.round(cap / (1024 * 1024))} MiB (the reader holds one record at a time)`, { file, line: captureLine });
        }
      }
      if (out.length) {
        yield out;
        out = [];
      }
      options.onProgress?.(bytesRead);
    }
  } finally {
    stream.destroy();
  }
  if (!sawTop) throw new ImportError('empty-file', 'the file is empty (expected a JSON array of records or a JSON object)', { file });
  if (depth !== 0 || inString) {
    throw new ImportError('invalid-json', `the JSON document is cut short at line ${line} (expected it to close every [ and {; was the writer interrupted?)`, { file, line });
  }
}
