// A streaming JSON reader whose memory does not grow with its input: bytes are
// pushed in as they are decompressed, and only the parts a reader asks for are
// built. Subtrees the caller skips are scanned for their structure and dropped;
// a string longer than the text cap keeps its first bytes and is noted as
// truncated; everything kept counts against a budget; nesting has a limit.
// So a 15 KB .eval entry that expands to 500 MB costs its kept fields, not
// 500 MB, whatever its zip header claimed.
import { concat, countLines, decodeJsonString, findClosingQuote, show } from './json-bytes.ts';
import { MAX_JSON_DEPTH } from './json-lenient.ts';

export type JsonPath = ReadonlyArray<string | number>;

export interface BoundedJsonOptions {
  /** Deepest nesting accepted (objects and arrays), skipped subtrees included. */
  maxDepth?: number;
  /** Longest string kept, in bytes of JSON text; longer ones keep their first bytes and are noted. */
  maxStringBytes?: number;
  /** Budget for everything kept (text bytes plus a per-value overhead); past it the document is refused. */
  maxKeptBytes?: number;
  /**
   * Called when a value starts inside a kept container: true drops the value
   * (it is still checked for balanced brackets and strings). `root` is the
   * document built so far, for decisions that depend on what came before.
   */
  skip?: (path: JsonPath, root: unknown) => boolean;
  /** A tighter cap for the string value at this path (bytes of JSON text), or undefined for maxStringBytes. */
  maxStringBytesAt?: (path: JsonPath) => number | undefined;
  /** Text appended to a truncated string, so whoever reads it sees it was cut. */
  markTruncated?: (bytes: number, kept: number) => string;
}

export interface Truncation {
  /** Where the string was, as dotted keys and [indices]. */
  path: string;
  /** The string's length in the file (bytes of JSON text, escapes included). */
  bytes: number;
  /** Bytes kept. */
  kept: number;
}

/** A malformed or over-budget document; `line` is 1-based within the document. */
export class BoundedJsonError extends Error {
  constructor(
    readonly code: 'invalid-json' | 'invalid-utf8' | 'too-deep' | 'too-large',
    message: string,
    readonly line: number,
    readonly path: string,
  ) {
    super(message);
    this.name = 'BoundedJsonError';
  }
}

export const DEFAULT_MAX_STRING_BYTES = 4 * 1024 * 1024;
export const DEFAULT_MAX_KEPT_BYTES = 32 * 1024 * 1024;
/** What a kept value costs beyond its text: a rough size of a JS value slot. */
const VALUE_OVERHEAD = 16;
const MAX_LITERAL = 1024;

const enum S {
  Value,
  ValueOrEnd,
  AfterValue,
  KeyOrEnd,
  Key,
  Colon,
  String,
  Literal,
  Skip,
  End,
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

interface Frame {
  isObject: boolean;
  value: Record<string, unknown> | unknown[];
  key: string;
  index: number;
}

export function pathText(path: JsonPath): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out === '' ? part : `.${part}`;
  return out;
}

export class BoundedJsonParser {
  private readonly maxDepth: number;
  private readonly maxString: number;
  private readonly maxKept: number;
  private readonly skipWhen: BoundedJsonOptions['skip'];
  private readonly stringCapAt: BoundedJsonOptions['maxStringBytesAt'];
  private readonly mark: BoundedJsonOptions['markTruncated'];
  private state = S.Value;
  private readonly frames: Frame[] = [];
  private root: unknown = undefined;
  private hasRoot = false;
  private kept = 0;
  private lines = 1;
  private bomChecked = false;
  readonly truncated: Truncation[] = [];

  // The string being read: a key or a value, kept or skipped.
  private stringIsKey = false;
  private stringSkipped = false;
  private stringParts: Uint8Array[] = [];
  private stringKept = 0;
  private stringCap = 0;
  private stringTotal = 0;
  private stringEscaped = false;
  /** An odd run of backslashes ended the last chunk: the next byte is escaped (read by findClosingQuote). */
  escapeCarry = false;

  private literal = '';
  private literalSkipped = false;

  /** A skipped subtree: its open brackets (1 = '{', 2 = '['), and whether a string is open inside it. */
  private skipStack: number[] = [];
  private skipInString = false;

  constructor(options: BoundedJsonOptions = {}) {
    this.maxDepth = options.maxDepth ?? MAX_JSON_DEPTH;
    this.maxString = options.maxStringBytes ?? DEFAULT_MAX_STRING_BYTES;
    this.maxKept = options.maxKeptBytes ?? DEFAULT_MAX_KEPT_BYTES;
    this.skipWhen = options.skip;
    this.stringCapAt = options.maxStringBytesAt;
    this.mark = options.markTruncated;
  }

  push(chunk: Uint8Array): void {
    let i = 0;
    if (!this.bomChecked && chunk.length > 0) {
      this.bomChecked = true;
      if (chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) i = 3;
    }
    try {
      this.scan(chunk, i);
    } catch (error) {
      // Place the error: count the lines of this chunk up to where it stopped.
      if (error instanceof BoundedJsonError && error.line < 0) {
        throw new BoundedJsonError(error.code, error.message, this.lines + countLines(chunk, 0, -error.line - 1), error.path);
      }
      throw error;
    }
    this.lines += countLines(chunk, 0, chunk.length);
  }

  /** The document, once every byte was pushed. */
  finish(): unknown {
    if (this.state === S.Literal) {
      try {
        this.endLiteral(-1);
      } catch (error) {
        if (error instanceof BoundedJsonError) throw new BoundedJsonError(error.code, error.message, this.lines, error.path);
        throw error;
      }
    }
    if (this.state !== S.End || !this.hasRoot) {
      throw new BoundedJsonError('invalid-json', 'the JSON document is cut short (expected it to close every [, { and ")', this.lines, this.currentPath());
    }
    return this.root;
  }

  private fail(code: BoundedJsonError['code'], message: string, at: number): never {
    // Negative line: resolved by push() against the chunk (at is a position in it).
    throw new BoundedJsonError(code, message, -(at + 1), this.currentPath());
  }

  private currentPath(): string {
    return pathText(this.frames.map((f) => (f.isObject ? f.key : f.index)));
  }

  private scan(chunk: Uint8Array, start: number): void {
    const n = chunk.length;
    let i = start;
    while (i < n) {
      switch (this.state) {
        case S.String:
          i = this.scanString(chunk, i);
          continue;
        case S.Skip:
          i = this.scanSkip(chunk, i);
          continue;
        case S.Literal: {
          const b = chunk[i]!;
          if (b === 0x2c || b === 0x5d || b === 0x7d || b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09) {
            this.endLiteral(i);
            continue;
          }
          this.literal += String.fromCharCode(b);
          if (this.literal.length > MAX_LITERAL) this.fail('invalid-json', `a number or literal is longer than ${MAX_LITERAL} characters`, i);
          i++;
          continue;
        }
        default:
          break;
      }
      const b = chunk[i]!;
      if (b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09) {
        i++;
        continue;
      }
      switch (this.state) {
        case S.Value:
        case S.ValueOrEnd:
          if (this.state === S.ValueOrEnd && b === 0x5d) {
            this.close(false, i);
            i++;
            break;
          }
          this.startValue(b, i);
          i++;
          break;
        case S.AfterValue: {
          const frame = this.frames[this.frames.length - 1]!;
          if (b === 0x2c) this.state = frame.isObject ? S.Key : S.Value;
          else if (b === (frame.isObject ? 0x7d : 0x5d)) this.close(frame.isObject, i);
          else this.fail('invalid-json', `expected , or ${frame.isObject ? '}' : ']'}, found ${show(b)}`, i);
          i++;
          break;
        }
        case S.KeyOrEnd:
        case S.Key:
          if (this.state === S.KeyOrEnd && b === 0x7d) this.close(true, i);
          else if (b === QUOTE) this.startString(true, false);
          else this.fail('invalid-json', `expected a property name in double quotes, found ${show(b)}`, i);
          i++;
          break;
        case S.Colon:
          if (b !== 0x3a) this.fail('invalid-json', `expected : after a property name, found ${show(b)}`, i);
          this.state = S.Value;
          i++;
          break;
        case S.End:
          this.fail('invalid-json', `unexpected ${show(b)} after the end of the JSON document`, i);
      }
    }
  }

  private get depth(): number {
    return this.frames.length + this.skipStack.length;
  }

  private startValue(b: number, at: number): void {
    const skipped = this.frames.length > 0 && this.skipWhen !== undefined && this.skipWhen(this.frames.map((f) => (f.isObject ? f.key : f.index)), this.root);
    if (b === 0x7b || b === 0x5b) {
      if (this.depth + 1 > this.maxDepth) this.fail('too-deep', `nested deeper than ${this.maxDepth} levels (Candor reads at most ${this.maxDepth})`, at);
      if (skipped) {
        this.skipStack = [b === 0x7b ? 1 : 2];
        this.skipInString = false;
        this.escapeCarry = false;
        this.state = S.Skip;
        return;
      }
      const value = b === 0x7b ? {} : [];
      this.charge(VALUE_OVERHEAD, at);
      if (!this.hasRoot) {
        this.root = value;
        this.hasRoot = true;
      } else this.attach(value);
      this.frames.push({ isObject: b === 0x7b, value, key: '', index: 0 });
      this.state = b === 0x7b ? S.KeyOrEnd : S.ValueOrEnd;
      return;
    }
    if (b === QUOTE) {
      this.startString(false, skipped);
      return;
    }
    if (b === 0x2d || (b >= 0x30 && b <= 0x39) || b === 0x74 || b === 0x66 || b === 0x6e || b === 0x4e || b === 0x49) {
      this.literal = String.fromCharCode(b);
      this.literalSkipped = skipped;
      this.state = S.Literal;
      return;
    }
    this.fail('invalid-json', `expected a value, found ${show(b)}`, at);
  }

  /** Puts a finished value into its container (the caller has placed the root). */
  private attach(value: unknown): void {
    const frame = this.frames[this.frames.length - 1]!;
    if (frame.isObject) {
      // defineProperty: a "__proto__" key is data, as JSON.parse makes it.
      Object.defineProperty(frame.value, frame.key, { value, enumerable: true, writable: true, configurable: true });
    } else {
      (frame.value as unknown[]).push(value);
    }
  }

  /** A scalar value is done (or a skipped value of any kind). */
  private valueDone(value: unknown, skipped: boolean): void {
    if (this.frames.length === 0) {
      this.root = value;
      this.hasRoot = true;
      this.state = S.End;
      return;
    }
    if (!skipped) this.attach(value);
    this.advance();
  }

  private advance(): void {
    const frame = this.frames[this.frames.length - 1];
    if (!frame) {
      this.state = S.End;
      return;
    }
    if (!frame.isObject) frame.index++;
    this.state = S.AfterValue;
  }

  private close(isObject: boolean, at: number): void {
    const frame = this.frames.pop();
    if (!frame || frame.isObject !== isObject) this.fail('invalid-json', `unexpected ${isObject ? '}' : ']'}`, at);
    this.advance();
  }

  private charge(bytes: number, at: number): void {
    this.kept += bytes;
    if (this.kept > this.maxKept) {
      this.fail('too-large', `holds more than ${Math.round(this.maxKept / (1024 * 1024))} MiB in the fields Candor keeps (refusing it: a damaged or malicious file?)`, at);
    }
  }

  private startString(isKey: boolean, skipped: boolean): void {
    this.stringIsKey = isKey;
    this.stringSkipped = skipped;
    this.stringParts = [];
    this.stringKept = 0;
    const tighter = !isKey && !skipped && this.stringCapAt ? this.stringCapAt(this.frames.map((f) => (f.isObject ? f.key : f.index))) : undefined;
    this.stringCap = tighter === undefined ? this.maxString : Math.min(tighter, this.maxString);
    this.stringTotal = 0;
    this.stringEscaped = false;
    this.escapeCarry = false;
    this.state = S.String;
  }

  /** Finds the closing quote from i; returns where to go on (past the quote, or the chunk's end). */
  private scanString(chunk: Uint8Array, i: number): number {
    const end = findClosingQuote(chunk, i, this);
    const stop = end < 0 ? chunk.length : end;
    if (!this.stringSkipped && stop > i) {
      const segment = chunk.subarray(i, stop);
      if (!this.stringEscaped && segment.includes(BACKSLASH)) this.stringEscaped = true;
      this.stringTotal += segment.length;
      const room = this.stringCap - this.stringKept;
      if (room > 0) {
        // Copied: the chunk's buffer is reused by the decompressor.
        const kept = Uint8Array.from(segment.subarray(0, Math.min(room, segment.length)));
        this.stringParts.push(kept);
        this.stringKept += kept.length;
      }
    }
    if (end < 0) return chunk.length;
    this.endString(end);
    return end + 1;
  }

  private endString(at: number): void {
    if (this.stringSkipped) {
      this.valueDone(undefined, true);
      return;
    }
    const truncated = this.stringTotal > this.stringKept;
    const raw = this.stringParts.length === 1 ? this.stringParts[0]! : concat(this.stringParts, this.stringKept);
    this.stringParts = [];
    let text: string;
    try {
      text = decodeJsonString(raw, this.stringEscaped, truncated);
    } catch (error) {
      this.fail(error instanceof SyntaxError ? 'invalid-json' : 'invalid-utf8', error instanceof SyntaxError ? error.message : 'a string is not valid UTF-8 text', at);
    }
    if (this.stringIsKey) {
      this.frames[this.frames.length - 1]!.key = text;
      this.charge(raw.length, at);
      this.state = S.Colon;
      return;
    }
    this.charge(raw.length + VALUE_OVERHEAD, at);
    if (truncated) {
      this.truncated.push({ path: this.currentPath(), bytes: this.stringTotal, kept: raw.length });
      if (this.mark) text += this.mark(this.stringTotal, raw.length);
    }
    this.valueDone(text, false);
  }

  private endLiteral(at: number): void {
    const text = this.literal;
    this.literal = '';
    let value: unknown;
    if (text === 'true') value = true;
    else if (text === 'false') value = false;
    else if (text === 'null') value = null;
    // Python's json writes NaN and Infinity bare (Inspect goes through it).
    else if (text === 'NaN') value = Number.NaN;
    else if (text === 'Infinity') value = Number.POSITIVE_INFINITY;
    else if (text === '-Infinity') value = Number.NEGATIVE_INFINITY;
    else if (NUMBER.test(text)) value = Number(text);
    else this.fail('invalid-json', `${JSON.stringify(text.slice(0, 40))} is not a JSON value`, at);
    if (!this.literalSkipped) this.charge(text.length + VALUE_OVERHEAD, at);
    this.valueDone(value, this.literalSkipped);
  }

  /** Scans a skipped subtree: brackets balanced and matched, strings jumped over. */
  private scanSkip(chunk: Uint8Array, i: number): number {
    const stack = this.skipStack;
    const n = chunk.length;
    while (i < n) {
      if (this.skipInString) {
        const end = findClosingQuote(chunk, i, this);
        if (end < 0) return n;
        this.skipInString = false;
        i = end + 1;
        continue;
      }
      const b = chunk[i]!;
      if (b === QUOTE) {
        this.skipInString = true;
        this.escapeCarry = false;
      } else if (b === 0x7b || b === 0x5b) {
        stack.push(b === 0x7b ? 1 : 2);
        if (this.depth > this.maxDepth) this.fail('too-deep', `nested deeper than ${this.maxDepth} levels (Candor reads at most ${this.maxDepth})`, i);
      } else if (b === 0x7d || b === 0x5d) {
        if (stack.pop() !== (b === 0x7d ? 1 : 2)) this.fail('invalid-json', `unexpected ${show(b)}`, i);
        if (stack.length === 0) {
          this.valueDone(undefined, true);
          return i + 1;
        }
      }
      i++;
    }
    return n;
  }
}
