// Python's json module writes NaN, Infinity and -Infinity as bare literals
// (Inspect, lm-eval and openai/evals all go through it), which JSON.parse rejects.

/**
 * The deepest nesting Candor reads. Real run files nest a few dozen levels;
 * far deeper input is refused where it is read, with its location, before a
 * recursive walk (JSON.stringify, structured clone) overflows the stack.
 */
export const MAX_JSON_DEPTH = 1000;

const SENTINEL = '\u0000candor:';
const LITERAL_OR_STRING = /"(?:[^"\\]|\\.)*"|(-?Infinity|NaN)/g;

function revive(_key: string, value: unknown): unknown {
  if (typeof value === 'string' && value.startsWith(SENTINEL)) {
    const literal = value.slice(SENTINEL.length);
    if (literal === 'NaN') return NaN;
    return literal.startsWith('-') ? -Infinity : Infinity;
  }
  return value;
}

/** A record past a reading limit (nesting depth, or the memory its values would take). */
export class JsonLimitError extends Error {
  constructor(
    readonly code: 'too-deep' | 'record-too-large',
    message: string,
  ) {
    super(message);
    this.name = 'JsonLimitError';
  }
}

/** Records longer than this are sized before they are parsed. */
const PRESCAN_CHARS = 1024 * 1024;
/**
 * What one parsed record may take in memory (estimated from its text). A
 * record of many small values costs far more than its text (a 24 MiB line of
 * [1],[1],... is 6 million arrays, some 400 MB): such a line is refused by
 * its number before it is parsed, instead of exhausting the import worker's
 * heap. Text itself is cheap, so records up to the line cap pass when they
 * are mostly text.
 */
export const MAX_RECORD_MEMORY_BYTES = 96 * 1024 * 1024;
/** Rough V8 costs: an object or array with its backing store; a number, string or literal slot; a property slot. */
const CONTAINER_COST = 64;
const SCALAR_COST = 16;
const KEY_COST = 8;
/**
 * Past about a thousand properties V8 keeps an object as a hash table: each
 * further property costs an entry and its own key string.
 */
const FAST_PROPERTIES = 1000;
const DICTIONARY_KEY_COST = 112;

const MiB = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MiB`;

/** One pass over a long record's text: nesting depth and an estimate of the memory its values take. */
function checkShape(text: string): void {
  // Per open container: is it an object, and how many keys it has so far.
  const isObject = new Uint8Array(MAX_JSON_DEPTH + 2);
  const keys = new Uint32Array(MAX_JSON_DEPTH + 2);
  let depth = 0;
  let values = 0;
  let estimate = 0;
  let inString = false;
  let stringIsKey = false;
  let expectKey = false;
  // The last structural character: a literal (number, true, null, ...) starts right after [ , or :.
  let prev = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
      else if (!stringIsKey || keys[depth]! > FAST_PROPERTIES) estimate += c < 256 ? 1 : 2;
      continue;
    }
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
    if (c === 0x22) {
      inString = true;
      stringIsKey = expectKey;
      values++;
      if (expectKey) estimate += ++keys[depth]! > FAST_PROPERTIES ? DICTIONARY_KEY_COST : KEY_COST;
      else estimate += SCALAR_COST;
      expectKey = false;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_JSON_DEPTH) throw tooDeep();
      isObject[depth] = c === 0x7b ? 1 : 0;
      keys[depth] = 0;
      expectKey = c === 0x7b;
      values++;
      estimate += CONTAINER_COST;
    } else if (c === 0x7d || c === 0x5d) {
      if (depth > 0) depth--;
      expectKey = false;
    } else if (c === 0x2c) expectKey = isObject[depth] === 1;
    else if (c === 0x3a) expectKey = false;
    else if (prev === 0x5b || prev === 0x2c || prev === 0x3a) {
      values++;
      estimate += SCALAR_COST;
    }
    prev = c;
  }
  if (estimate > MAX_RECORD_MEMORY_BYTES) {
    throw new JsonLimitError(
      'record-too-large',
      `a record of ${MiB(text.length)} holds ${values.toLocaleString('en-US')} values, which would take about ${MiB(estimate)} of memory to read; Candor reads records of up to ${MiB(MAX_RECORD_MEMORY_BYTES)} (split the record, or keep bulky detail in fewer, larger values)`,
    );
  }
}

function tooDeep(): JsonLimitError {
  return new JsonLimitError('too-deep', `the record is nested deeper than ${MAX_JSON_DEPTH} levels (Candor reads at most ${MAX_JSON_DEPTH})`);
}

/** Depth of a parsed value, walked without recursion, stopping past the limit. */
function checkDepth(value: unknown): void {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > MAX_JSON_DEPTH) throw tooDeep();
    for (const child of Array.isArray(node) ? node : Object.values(node)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
}

/**
 * JSON.parse that also accepts Python's NaN/Infinity literals; throws
 * SyntaxError when the text is not JSON and JsonLimitError past a limit.
 * JSON.parse itself does not recurse, but what later walks the value does
 * (JSON.stringify, structured clone), so depth is checked here.
 */
export function parseJsonLenient(text: string): unknown {
  if (text.length > PRESCAN_CHARS) checkShape(text);
  const value = parseText(text);
  // Fewer characters than two per level cannot nest past the limit; long texts were checked above.
  if (text.length >= 2 * MAX_JSON_DEPTH && text.length <= PRESCAN_CHARS) checkDepth(value);
  return value;
}

function parseText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (!/NaN|Infinity/.test(text)) throw error;
    let found = false;
    const rewritten = text.replace(LITERAL_OR_STRING, (match, literal: string | undefined) => {
      if (literal === undefined) return match;
      found = true;
      return `"\\u0000candor:${literal}"`;
    });
    if (!found) throw error;
    return JSON.parse(rewritten, revive);
  }
}

/** The first sentence of a JSON.parse error (or the limit passed), for messages that already say where. */
export function jsonErrorReason(error: unknown): string {
  if (error instanceof JsonLimitError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').slice(0, 160);
}
