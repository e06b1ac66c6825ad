import type { Outcome } from '../../shared/domain.ts';
import { ImportError, type ImportedItem, type ReadOptions, type ReaderSummary, type RunFileReader } from './types.ts';
import { displayName, throwIfAborted } from './lines.ts';
import { openRegularFile } from './regular-file.ts';
import { readJsonPieces } from './json-stream.ts';
import { parseGrade } from './columns.ts';
import type { Detector } from './types.ts';
import { readEvalEntry, sampleStringCap, skipInHeader, skipInSample } from './eval-entry.ts';
import { DEFAULT_MAX_ENTRY_BYTES, openZip } from './zip.ts';
import { keepInspectMessages } from '../../shared/transcript/keep.ts';

export interface InspectReadOptions extends ReadOptions {
  /** Scorer whose values become grades; default the log's first scorer. Every scorer stays in extra.scores. */
  scorer?: string;
  /** For dict-valued scores: the key holding the grade; default the first key that maps to one. */
  scoreKey?: string;
  /**
   * What "P" (partial) and fractional scores count as; default 'incorrect',
   * null leaves them ungraded. As incorrect (the default) they are also kept
   * as partial (items.imported_partial), so a rubric may score them otherwise.
   */
  partial?: Outcome | null;
  /** Cap on one decompressed .eval entry, counted as it streams (memory does not grow with it); default 512 MiB. */
  maxEntryBytes?: number;
  /** Longest text kept from one string of an .eval entry; longer ones are cut and noted (extra.truncated). Default 4 MiB. */
  maxTextBytes?: number;
  /** Budget for the fields kept from one .eval entry; past it the entry is refused. Default 32 MiB. */
  maxKeptBytes?: number;
  /** Cap on one sample in a .json log; default 64 MiB. */
  maxLineBytes?: number;
}

type Json = Record<string, unknown>;
type Header = { version?: unknown; status?: unknown; eval?: Json; results?: Json; error?: unknown };

const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

export function inspectReader(path: string, options: InspectReadOptions = {}): RunFileReader {
  const file = displayName(path);
  let isEval = false;
  let summary: ReaderSummary | null = null;
  const header: Header = {};
  let scorerUsed: string | null = null;
  const scorersSeen = new Set<string>();

  const mapSample = (sample: unknown, line: number, where: { file: string; line?: number; field?: string }): ImportedItem => {
    if (!isObject(sample)) throw new ImportError('invalid-sample', 'the sample is not a JSON object (expected an Inspect EvalSample)', where);
    scorerUsed ??= options.scorer ?? firstScorer(header, sample);
    if (isObject(sample.scores)) for (const name of Object.keys(sample.scores)) scorersSeen.add(name);
    return sampleToItem(sample, line, scorerUsed, options, where);
  };

  async function* items(): AsyncGenerator<ImportedItem> {
    const seen = new Map<string, number>();
    const check = (item: ImportedItem, where: { file: string; line?: number; field?: string }) => {
      const first = seen.get(item.key);
      if (first !== undefined) {
        throw new ImportError('duplicate-key', `sample ${JSON.stringify(item.key)} appears twice (first as item ${first}); expected one sample per id and epoch`, where);
      }
      seen.set(item.key, seen.size + 1);
    };
    isEval = await isZip(path);
    if (isEval) {
      for await (const [item, entry] of evalSamples(path, file, header, options, mapSample)) {
        check(item, { file, field: entry });
        yield item;
      }
    } else {
      for await (const pieces of readJsonPieces(path, { ...options, streamKeys: ['samples'] })) {
        for (const piece of pieces) {
          if (piece.kind === 'value') {
            if (['version', 'status', 'eval', 'results', 'error'].includes(String(piece.key))) {
              (header as Json)[String(piece.key)] = piece.value;
            }
            continue;
          }
          if (piece.parent !== 'samples') continue;
          const where = { file, line: piece.line, field: `samples[${piece.index}]` };
          const item = mapSample(piece.value, piece.line, where);
          check(item, where);
          yield item;
        }
      }
      if (header.eval === undefined) {
        throw new ImportError('not-inspect', 'has no "eval" header (expected an Inspect AI log with version, status, eval and samples)', { file });
      }
    }
    const ev = header.eval ?? {};
    summary = {
      format: 'inspect',
      formatVersion: header.version === undefined ? null : String(header.version),
      confidenceScale: 'unit',
      model: typeof ev.model === 'string' ? ev.model : null,
      task: typeof ev.task === 'string' ? ev.task : null,
      metadata: {
        container: isEval ? 'eval' : 'json',
        status: header.status ?? 'started',
        scorer: scorerUsed,
        run_id: ev.run_id ?? null,
        eval_id: ev.eval_id ?? null,
        created: ev.created ?? null,
        dataset: isObject(ev.dataset) ? ev.dataset.name ?? null : null,
        results: header.results ?? null,
        error: header.error ?? null,
      },
    };
  }

  return {
    items,
    choices: () => ({ scorer: { label: 'grade from scorer', options: [...scorersSeen], value: scorerUsed } }),
    summary() {
      if (summary === null) throw new Error('summary() is valid once items() has been fully consumed');
      return summary;
    },
  };
}

/** By content, not by name: a renamed .eval is still a zip. */
async function isZip(path: string): Promise<boolean> {
  const handle = await openRegularFile(path, displayName(path));
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(4), 0, 4, 0);
    return bytesRead === 4 && buffer.readUInt32LE(0) === 0x04034b50;
  } finally {
    await handle.close();
  }
}

const SAMPLE_ENTRY = /^samples\/(.+)_epoch_(\d+)\.json$/;

async function* evalSamples(
  path: string,
  file: string,
  header: Header,
  options: InspectReadOptions,
  mapSample: (sample: unknown, line: number, where: { file: string; field: string }) => ImportedItem,
): AsyncGenerator<[ImportedItem, string]> {
  const limits = { maxEntryBytes: options.maxEntryBytes ?? DEFAULT_MAX_ENTRY_BYTES, maxTextBytes: options.maxTextBytes, maxKeptBytes: options.maxKeptBytes };
  const { zip, entries } = await openZip(path, file);
  try {
    const byName = new Map(entries.map((e) => [e.fileName, e]));
    // An unfinished log has only the journal's start record; header.json, written last, wins.
    for (const name of ['_journal/start.json', 'header.json']) {
      const entry = byName.get(name);
      if (!entry) continue;
      const { value } = await readEvalEntry(zip, entry, file, limits, skipInHeader);
      if (isObject(value)) Object.assign(header, pick(value, ['version', 'status', 'eval', 'results', 'error']));
    }
    const samples = entries
      .map((entry) => ({ entry, match: SAMPLE_ENTRY.exec(entry.fileName) }))
      .filter((s) => s.match !== null)
      .sort((a, b) => a.match![1]!.localeCompare(b.match![1]!, 'en', { numeric: true }) || Number(a.match![2]) - Number(b.match![2]));
    if (header.eval === undefined && samples.length === 0) {
      throw new ImportError('not-inspect', 'has neither header.json, _journal/start.json nor samples/ (expected an Inspect AI .eval log)', { file });
    }
    let bytes = 0;
    let index = 0;
    for (const { entry } of samples) {
      throwIfAborted(options.signal, file);
      const { value: sample, truncated } = await readEvalEntry(zip, entry, file, limits, skipInSample, sampleStringCap);
      index += 1;
      const item = mapSample(sample, index, { file, field: entry.fileName });
      // A text past the cap keeps its first bytes, marked in the text itself, and is listed here.
      if (truncated.length > 0) item.extra.truncated = truncated.map((t) => ({ field: t.path, bytes: t.bytes, kept: t.kept }));
      yield [item, entry.fileName];
      bytes += entry.compressedSize;
      options.onProgress?.(bytes);
    }
  } finally {
    zip.close();
  }
}

function pick(value: Json, keys: string[]): Json {
  const out: Json = {};
  for (const key of keys) if (key in value) out[key] = value[key];
  return out;
}

function firstScorer(header: Header, sample: Json): string | null {
  const scorers = header.eval?.scorers;
  if (Array.isArray(scorers) && isObject(scorers[0]) && typeof scorers[0].name === 'string') return scorers[0].name;
  const scores = header.results?.scores;
  if (Array.isArray(scores) && isObject(scores[0])) {
    const name = scores[0].scorer ?? scores[0].name;
    if (typeof name === 'string') return name;
  }
  return isObject(sample.scores) ? Object.keys(sample.scores)[0] ?? null : null;
}

/** Inspect's own letters first, then the generic spellings, then numbers; null when it says nothing. */
export function inspectGrade(value: unknown, partial: Outcome | null, scoreKey?: string): Outcome | null {
  return inspectScore(value, partial, scoreKey).grade;
}

/**
 * The grade, and whether it is a partial one ("P", or a number strictly
 * between 0 and 1) kept as incorrect: only then is it flagged partial, since
 * a partial mapped to another outcome on request is what was asked for.
 */
export function inspectScore(value: unknown, partial: Outcome | null, scoreKey?: string): { grade: Outcome | null; partial: boolean } {
  const plain = (grade: Outcome | null) => ({ grade, partial: false });
  const fractional = () => ({ grade: partial, partial: partial === 'incorrect' });
  if (value === 'C') return plain('correct');
  if (value === 'I') return plain('incorrect');
  if (value === 'P') return fractional();
  if (value === 'N') return plain('abstained');
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return plain(null);
    if (value === 1) return plain('correct');
    if (value === 0) return plain('incorrect');
    return value > 0 && value < 1 ? fractional() : plain(null);
  }
  if (typeof value === 'boolean') return plain(value ? 'correct' : 'incorrect');
  if (typeof value === 'string') return plain(parseGrade(value) ?? null);
  if (isObject(value)) {
    if (scoreKey !== undefined) return inspectScore(value[scoreKey], partial);
    for (const inner of Object.values(value)) {
      const score = inspectScore(inner, partial);
      if (score.grade !== null) return score;
    }
  }
  return plain(null);
}

function resolve(text: string, attachments: Json): string {
  if (!text.startsWith('attachment://')) return text;
  const resolved = attachments[text.slice('attachment://'.length)];
  return typeof resolved === 'string' ? resolved : text;
}

function contentText(content: unknown, attachments: Json): string {
  if (typeof content === 'string') return resolve(content, attachments);
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => {
      if (!isObject(part)) return '';
      if (part.type === 'text' && typeof part.text === 'string') return resolve(part.text, attachments);
      if (part.type === 'reasoning') return '';
      return `[${String(part.type)}]`;
    })
    .filter((t) => t !== '')
    .join('\n');
}

function inputText(input: unknown, attachments: Json): string {
  if (!Array.isArray(input)) return contentText(input, attachments);
  const messages = input.filter(isObject);
  if (messages.length === 1) return contentText(messages[0]!.content, attachments);
  return messages.map((m) => `${String(m.role)}: ${contentText(m.content, attachments)}`).join('\n\n');
}

function answerText(output: unknown, attachments: Json): string {
  if (!isObject(output)) return '';
  if (typeof output.completion === 'string' && output.completion !== '') return resolve(output.completion, attachments);
  const choice = Array.isArray(output.choices) ? output.choices[0] : undefined;
  return isObject(choice) && isObject(choice.message) ? contentText(choice.message.content, attachments) : '';
}

/**
 * A stated confidence from score or sample metadata: a probability, null when
 * there is none, or what is wrong with it. A value outside [0, 1] is refused,
 * not dropped: dropping it would change the run's calibration without a word.
 */
export function inspectConfidence(value: unknown): number | null | string {
  if (value === undefined || value === null) return null;
  let number: number;
  if (typeof value === 'number') number = value;
  else if (typeof value === 'string' && /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(value)) number = Number(value);
  else return `${JSON.stringify(value) ?? String(value)} is not a number`;
  if (Number.isNaN(number)) return 'NaN is not a confidence';
  if (!Number.isFinite(number)) return `${number} is not a confidence`;
  if (number < 0) return `${number} is negative`;
  if (number > 1) return `${number} is above 1${number <= 100 ? ' (Inspect metadata states probabilities; is it a percentage?)' : ''}`;
  return number;
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function sampleToItem(
  sample: Json,
  line: number,
  scorer: string | null,
  options: InspectReadOptions,
  where: { file: string; line?: number; field?: string },
): ImportedItem {
  if (sample.id === undefined || sample.id === null) {
    throw new ImportError('missing-key', 'the sample has no id (expected every Inspect sample to carry one)', where);
  }
  const attachments = isObject(sample.attachments) ? sample.attachments : {};
  const epoch = typeof sample.epoch === 'number' ? sample.epoch : 1;
  let prompt = inputText(sample.input, attachments);
  // Multiple choice: the grader judged a letter, so the reader needs the options it stood for.
  if (Array.isArray(sample.choices) && sample.choices.length > 0) {
    prompt += '\n\n' + sample.choices.map((c, i) => `${LETTERS[i] ?? i + 1}) ${contentText(c, attachments)}`).join('\n');
  }
  const target = sample.target;
  const gold = Array.isArray(target) ? target.map(String).join(' | ') : typeof target === 'string' ? target : null;
  const scores = isObject(sample.scores) ? sample.scores : {};
  const score = scorer !== null ? scores[scorer] : undefined;
  const graded = isObject(score) ? inspectScore(score.value, options.partial === undefined ? 'incorrect' : options.partial, options.scoreKey) : null;
  const grade = graded?.grade ?? null;
  const fromScore = isObject(score) && isObject(score.metadata);
  const meta = fromScore ? (score.metadata as Json) : isObject(sample.metadata) ? sample.metadata : {};
  const confidence = inspectConfidence(meta.confidence);
  if (typeof confidence === 'string') {
    const field = fromScore ? `scores.${scorer}.metadata.confidence` : 'metadata.confidence';
    throw new ImportError('invalid-confidence', `${confidence} (expected a probability between 0 and 1, or none)`, {
      ...where,
      field: where.field === undefined ? field : `${where.field}:${field}`,
    });
  }
  const extra: Json = { id: sample.id, epoch, scores };
  if (Array.isArray(target)) extra.target = target;
  if (Array.isArray(sample.choices)) extra.choices = sample.choices;
  if (isObject(sample.metadata) && Object.keys(sample.metadata).length) extra.metadata = sample.metadata;
  if (sample.error !== undefined && sample.error !== null) extra.error = sample.error;
  if (isObject(sample.output) && isObject(sample.output.usage)) extra.usage = sample.output.usage;
  // The conversation (tool calls and results included), bounded, for the item panel's thread.
  const transcript = keepInspectMessages(sample.messages, { attachments });
  if (transcript) extra.transcript = transcript;
  return {
    key: `${String(sample.id)}#${epoch}`,
    prompt,
    answer: answerText(sample.output, attachments),
    gold: gold === '' ? null : gold,
    grade,
    ...(graded?.partial ? { partial: true } : {}),
    confidence,
    model: null,
    task: null,
    extra,
    line,
  };
}

/** The .eval zip (its first entry is the journal or a header) or a .json log opening with version and status. */
export const detectInspect: Detector = (s) => {
  const reader = (path: string, options?: ReadOptions) => inspectReader(path, options);
  if (s.head.length >= 30 && s.head.readUInt32LE(0) === 0x04034b50) {
    const nameLength = s.head.readUInt16LE(26);
    const first = s.head.subarray(30, 30 + nameLength).toString('utf8');
    const looksInspect = /^(_journal\/|header\.json$|samples\/|summaries\.json$|reductions\.json$)/.test(first);
    if (looksInspect || s.path.toLowerCase().endsWith('.eval')) return { format: 'inspect', reader };
    return null;
  }
  if (/^\s*\{\s*"version"\s*:\s*\d+\s*,\s*"status"\s*:\s*"/.test(s.text)) return { format: 'inspect', reader };
  return null;
};
