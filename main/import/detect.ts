import { readdir, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { openRegularFile } from './regular-file.ts';
import type { DetectedFormat, Detector, Sniff } from './types.ts';
import { formatFromExtension, genericReader, type GenericReadOptions } from './generic.ts';
import { parseJsonLenient } from './json-lenient.ts';
import { detectInspect } from './inspect.ts';
import { detectLmEval } from './lm-eval.ts';
import { detectLmEvalV03 } from './lm-eval-v03.ts';
import { detectLighteval } from './lighteval.ts';
import { detectDeepeval } from './deepeval.ts';
import { detectPromptfoo } from './promptfoo.ts';
import { detectOpenaiEvals } from './openai-evals.ts';
import { detectHelm } from './helm.ts';

// The detector types live in types.ts, beside the reader interface, so that the
// readers (which export detectors) do not import this file, which imports them.
export type { DetectedFormat, Detector, ReaderFactory, Sniff } from './types.ts';

const HEAD_BYTES = 64 * 1024;

/** Specific formats go first: the generic reader would accept many of their files too. */
const DETECTORS: Detector[] = [detectInspect, detectLmEval, detectLmEvalV03, detectLighteval, detectDeepeval, detectPromptfoo, detectOpenaiEvals, detectHelm];

export async function sniff(path: string): Promise<Sniff> {
  if ((await stat(path)).isDirectory()) {
    return { path, head: Buffer.alloc(0), text: '', firstLine: null, complete: true, isDirectory: true, entries: await readdir(path) };
  }
  const handle = await openRegularFile(path, basename(path));
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    const head = buffer.subarray(0, bytesRead);
    let text = head.toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const nl = text.indexOf('\n');
    const complete = bytesRead < HEAD_BYTES;
    const firstLine = nl >= 0 ? text.slice(0, nl).replace(/\r$/, '') : complete ? text : null;
    return { path, head, text, firstLine, complete, isDirectory: false, entries: [] };
  } finally {
    await handle.close();
  }
}

/** Recognises a run file (or a HELM run folder) from its content; null when no reader fits. */
export async function detectFormat(path: string): Promise<DetectedFormat | null> {
  const s = await sniff(path);
  for (const detector of [...DETECTORS, detectGeneric]) {
    const found = detector(s);
    if (found) return found;
  }
  return null;
}

function generic(format: string, fixed: GenericReadOptions): DetectedFormat {
  return { format, reader: (path, options) => genericReader(path, { ...options, ...fixed }) };
}

function isJsonObjectLine(line: string | null): boolean {
  if (line === null || !line.trimStart().startsWith('{')) return false;
  try {
    const value = parseJsonLenient(line);
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  } catch {
    return false;
  }
}

/** Generic CSV/TSV/JSONL/JSON from content, falling back on the extension for ambiguous heads. */
export const detectGeneric: Detector = (s) => {
  const start = s.text.trimStart();
  if (start === '') return null;
  if (s.head.includes(0)) return null; // binary: a zip, a database, a compressed file
  if (start.startsWith('[')) return generic('json', { format: 'json' });
  if (start.startsWith('{')) {
    // A whole object on the first line is JSONL; a pretty-printed object spans lines.
    if (isJsonObjectLine(s.firstLine)) return generic('jsonl', { format: 'jsonl' });
    const ext = formatFromExtension(s.path);
    if (ext === 'jsonl') return generic('jsonl', { format: 'jsonl' });
    return null;
  }
  const header = s.firstLine ?? start.slice(0, 4096);
  const counts = { '\t': 0, ',': 0, ';': 0 };
  let quoted = false;
  for (const ch of header) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch as keyof typeof counts] += 1;
  }
  const best = (Object.entries(counts) as [string, number][]).sort((a, b) => b[1] - a[1])[0]!;
  const ext = formatFromExtension(s.path);
  if (best[1] === 0) {
    // One column: only the extension can say it is a table.
    if (ext === 'csv' || ext === 'tsv') return generic(ext, { format: ext });
    return null;
  }
  if (best[0] === '\t') return generic('tsv', { format: 'tsv', delimiter: '\t' });
  return generic('csv', { format: 'csv', delimiter: best[0] });
};
