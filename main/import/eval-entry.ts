// Reads one JSON entry of an Inspect .eval zip without holding it: the entry
// is decompressed in chunks straight into the bounded JSON reader, which
// builds only the fields the Inspect reader uses (a sample's events and
// message history, usually most of its bytes, are skipped), keeps at most
// maxTextBytes of any one string and notes what it cut. Peak memory is the
// kept fields, whatever the entry expands to or its header claims.
import { BoundedJsonError, BoundedJsonParser, type JsonPath, type Truncation } from './json-bounded.ts';
import { ImportError } from './types.ts';
import { streamZipEntry, type ZipEntry, type ZipFile } from './zip.ts';

/** Longest text kept from one string of an .eval entry (an answer, a prompt, an attachment). */
export const DEFAULT_MAX_TEXT_BYTES = 4 * 1024 * 1024;
/** What the kept fields of one entry may cost before it is refused. */
export const DEFAULT_MAX_KEPT_BYTES = 32 * 1024 * 1024;

export interface EntryLimits {
  /** Cap on the expanded entry, counted while it streams. */
  maxEntryBytes: number;
  maxTextBytes?: number;
  maxKeptBytes?: number;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

const HEADER_KEYS = new Set(['version', 'status', 'eval', 'results', 'error']);
/** What sampleToItem reads; everything else of a sample (events, store, ...) is skipped. */
const SAMPLE_KEYS = new Set(['id', 'epoch', 'input', 'choices', 'target', 'scores', 'metadata', 'output', 'attachments', 'error', 'messages']);
/**
 * The conversation is kept for the item panel's thread, which stores at most
 * 8,000 characters a text and 100,000 a sample (shared/transcript/keep.ts):
 * its strings are cut well before the general text cap and messages past
 * MAX_MESSAGES are skipped, so a long agent log costs a bounded amount.
 */
const MESSAGE_TEXT_BYTES = 64 * 1024;
const MAX_MESSAGES = 400;
const OUTPUT_KEYS = new Set(['completion', 'choices', 'usage']);

export function skipInHeader(path: JsonPath): boolean {
  return path.length === 1 && !HEADER_KEYS.has(String(path[0]));
}

/** The attachments the texts read so far refer to, once input or output was read; null when none was yet. */
const referencedCache = new WeakMap<object, Set<string> | null>();
function referencedAttachments(root: unknown): Set<string> | null {
  if (!isObject(root)) return null;
  if (referencedCache.has(root)) return referencedCache.get(root)!;
  if (!('input' in root) && !('output' in root)) return null;
  const refs = new Set<string>();
  const walk = (value: unknown, depth: number): void => {
    if (depth > 64) return;
    if (typeof value === 'string') {
      if (value.startsWith('attachment://')) refs.add(value.slice('attachment://'.length));
    } else if (Array.isArray(value)) value.forEach((v) => walk(v, depth + 1));
    else if (isObject(value)) for (const key in value) walk(value[key], depth + 1);
  };
  walk(root.input, 0);
  walk(root.choices, 0);
  walk(root.output, 0);
  referencedCache.set(root, refs);
  return refs;
}

export function skipInSample(path: JsonPath, root: unknown): boolean {
  const top = String(path[0]);
  if (path.length === 1) return !SAMPLE_KEYS.has(top);
  if (top === 'messages' && path.length === 2) return typeof path[1] !== 'number' || path[1] >= MAX_MESSAGES;
  if (top === 'output') {
    if (path.length === 2) return !OUTPUT_KEYS.has(String(path[1]));
    // The answer is the first choice's message; other choices and logprobs are not read.
    if (path[1] === 'choices' && path.length === 3) return path[2] !== 0;
    if (path[1] === 'choices' && path.length === 4) return path[3] !== 'message';
    return false;
  }
  if (top === 'attachments' && path.length === 2) {
    // Inspect writes attachments after input and output: keep only the ones their texts use.
    const refs = referencedAttachments(root);
    return refs !== null && !refs.has(String(path[1]));
  }
  return false;
}

function truncationMark(bytes: number, kept: number): string {
  return `\n\n[truncated by Candor: this text is ${bytes.toLocaleString('en-US')} bytes in the file; the first ${kept.toLocaleString('en-US')} are kept]`;
}

/** Strings of the conversation are cut at MESSAGE_TEXT_BYTES; others at the entry's text cap. */
export function sampleStringCap(path: JsonPath): number | undefined {
  return path[0] === 'messages' ? MESSAGE_TEXT_BYTES : undefined;
}

export async function readEvalEntry(
  zip: ZipFile,
  entry: ZipEntry,
  file: string,
  limits: EntryLimits,
  skip: (path: JsonPath, root: unknown) => boolean,
  stringCap?: (path: JsonPath) => number | undefined,
): Promise<{ value: unknown; truncated: Truncation[] }> {
  const parser = new BoundedJsonParser({
    skip,
    ...(stringCap ? { maxStringBytesAt: stringCap } : {}),
    maxStringBytes: limits.maxTextBytes ?? DEFAULT_MAX_TEXT_BYTES,
    maxKeptBytes: limits.maxKeptBytes ?? DEFAULT_MAX_KEPT_BYTES,
    markTruncated: truncationMark,
  });
  try {
    await streamZipEntry(zip, entry, file, limits.maxEntryBytes, (chunk) => parser.push(chunk));
    return { value: parser.finish(), truncated: parser.truncated };
  } catch (error) {
    if (!(error instanceof BoundedJsonError)) throw error;
    const at = `line ${error.line} of the entry${error.path ? `, at ${error.path}` : ''}`;
    const message =
      error.code === 'invalid-json'
        ? `zip entry ${entry.fileName} is not valid JSON (${at}: ${error.message})`
        : error.code === 'invalid-utf8'
          ? `zip entry ${entry.fileName} is not valid UTF-8 text (${at})`
          : `zip entry ${entry.fileName} ${error.message} (${at})`;
    throw new ImportError(error.code === 'too-large' ? 'entry-too-large' : error.code, message, {
      file,
      field: error.path ? `${entry.fileName}:${error.path}` : entry.fileName,
    });
  }
}
