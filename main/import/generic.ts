import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { ImportError, type ImportedItem, type ReadOptions, type ReaderLayout, type ReaderSummary, type RunFileReader } from './types.ts';
import { displayName, readLines, type FilePart } from './lines.ts';
import { CsvRecordParser } from './csv.ts';
import { hashKeyInto, KeySet } from './key-set.ts';
import { readJsonPieces } from './json-stream.ts';
import { jsonErrorReason, JsonLimitError, parseJsonLenient } from './json-lenient.ts';
import {
  ALIASES, CONFIDENCE_EXPECTED, GRADE_EXPECTED, ROLES, isGradeWord, mapColumns,
  parseConfidence, parseGrade, isThreeWayGrade, type ColumnMap, type Role,
} from './columns.ts';
import { ConfidenceScale, parseScaleChoice, type ScaleChoice } from './confidence-scale.ts';

export type GenericFormat = 'csv' | 'tsv' | 'jsonl' | 'json';

export interface GenericReadOptions extends ReadOptions {
  /** Defaults from the extension (.csv, .tsv, .jsonl/.ndjson, .json); detectFormat sets it from content. */
  format?: GenericFormat;
  /** CSV field delimiter; defaults to ',' for csv and a tab for tsv (detectFormat finds ';'). */
  delimiter?: string;
  /** Longest line (JSONL), record (CSV) or array element (JSON) accepted, in bytes. Default 64 MiB. */
  maxLineBytes?: number;
  /** 'auto' (default) decides 0-1 or 0-100 from the whole column (confidence-scale.ts); 'unit' or 'percent' says it. */
  confidenceScale?: ScaleChoice | string;
  /**
   * The user's column mapping, as flat reader options: `column.<role>` names
   * the column for that role ('' = none), overriding the guess. Roles: key,
   * prompt, answer, gold, grade, confidence, model, task.
   */
  [option: `column.${string}`]: string | undefined;
}

/** Applies `column.<role>` overrides to the guessed mapping, refusing names the file does not have. */
function applyOverrides(map: ColumnMap, columns: string[], options: GenericReadOptions, file: string): ColumnMap {
  const result: ColumnMap = { ...map };
  for (const [option, value] of Object.entries(options)) {
    if (!option.startsWith('column.')) continue;
    const role = option.slice('column.'.length) as Role;
    if (!ROLES.includes(role)) {
      throw new ImportError('bad-mapping', `the mapping names an unknown role "${role}" (expected one of ${ROLES.join(', ')})`, { file });
    }
    if (typeof value !== 'string' || value === '') {
      delete result[role];
      continue;
    }
    if (!columns.includes(value)) {
      throw new ImportError('bad-mapping', `the mapping puts ${role} in column "${value}", which the file does not have (columns: ${columns.join(', ')})`, { file, field: value });
    }
    for (const other of ROLES) if (other !== role && result[other] === value) delete result[other];
    result[role] = value;
  }
  return result;
}

interface RawRecord {
  values: Record<string, unknown>;
  line: number;
}

export function formatFromExtension(path: string): GenericFormat | null {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.tsv' || ext === '.tab') return 'tsv';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.json') return 'json';
  return null;
}

/** What a reader of one part of a file knows at the end (or where it stopped): enough to join it to the part before. */
export interface PartState {
  seen: KeySet;
  scale: ConfidenceScale | null;
  count: number;
  map: ColumnMap | null;
}

export function genericReader(path: string, options: GenericReadOptions = {}): RunFileReader {
  return genericPartReader(path, options, null);
}

/**
 * A reader of bytes [start, end) of a JSONL file only (a line's start to a
 * line's start), numbering lines from part.firstLine, with the mapping the
 * file's first record decides: `candor analyze` reads a large file's halves
 * on two threads and joins them with partState (numbers-split.ts).
 */
export function genericPartReader(path: string, options: GenericReadOptions, part: FilePart | null): RunFileReader & { partState(): PartState } {
  const file = displayName(path);
  const format = options.format ?? formatFromExtension(path) ?? 'csv';
  if (part !== null && format !== 'jsonl') throw new Error(`a part of a ${format} file cannot be read on its own`);
  let summary: ReaderSummary | null = null;
  let layout: ReaderLayout | null = null;
  let scale: ConfidenceScale | null = null;
  const scaleChoice = parseScaleChoice(options.confidenceScale);
  let map: ColumnMap | null = null;
  const seen = new KeySet();
  let count = 0;

  /** Characters of the lines read so far (JSONL and CSV), for estimating how many records the file holds. */
  const read = { chars: 0 };
  async function* records(): AsyncGenerator<RawRecord[]> {
    if (format === 'jsonl') yield* jsonlRecords(path, file, options, read, part);
    else if (format === 'json') yield* jsonArrayRecords(path, file, options);
    else yield* csvRecords(path, file, options.delimiter ?? (format === 'tsv' ? '\t' : ','), options, read);
  }

  /** Items in batches (one per chunk read): a million items should not pay a promise each. */
  async function* itemBatches(): AsyncGenerator<ImportedItem[]> {
    let columns: string[] = [];
    let used: string[] = [];
    let reserved = false;
    // The ids of a batch of records, hashed as they are read and looked up together (KeySet.addHashed).
    let pairs = new Uint32Array(0);
    let lines = new Uint32Array(0);
    const throwIfRepeated = (out: ImportedItem[]) => {
      const repeated = seen.addHashed(pairs, lines, out.length);
      if (repeated === null) return;
      const item = out[repeated.index]!;
      throw new ImportError(
        'duplicate-key',
        `duplicate id ${JSON.stringify(item.key)}, first used on line ${repeated.firstLine} (expected every item of a run to have its own id)`,
        { file, line: item.line, field: map!.key },
      );
    };
    for await (const batch of records()) {
      const out: ImportedItem[] = [];
      if (lines.length < batch.length) {
        pairs = new Uint32Array(batch.length * 2);
        lines = new Uint32Array(batch.length);
      }
      try {
        for (const record of batch) {
          count += 1;
          if (map === null) {
            // A part past the file's start maps its records as the file's first record says.
            const first = part !== null && part.start > 0 ? await firstRecordOfFile(path, file, options) : record;
            columns = Object.keys(first.values);
            const guessed = mapColumns(columns, (label) => isGradeWord(first.values[label]), (column) => isThreeWayGrade(first.values[column]));
            map = applyOverrides(guessed, columns, options, file);
            layout = { columns, mapping: map, guessed };
            // A calibration table (confidence, correct) has no answer text and is still a run.
            if (map.answer === undefined && map.grade === undefined) throw noAnswerColumn(file, columns);
            if (!['auto', 'unit', 'percent'].includes(scaleChoice)) throw new ImportError('bad-option', scaleChoice, { file });
            scale = new ConfidenceScale(map.confidence, scaleChoice as ScaleChoice);
            used = usedColumns(map);
          }
          const item = toItem(record, map, scale!, file, count, used);
          // Ids are unique per run, and a file splits into runs by (model, task): a long
          // table with one row per model and question repeats each id once per model.
          hashKeyInto(map.model === undefined && map.task === undefined ? item.key : `${item.model ?? ''}\u0000${item.task ?? ''}\u0000${item.key}`, pairs, out.length);
          lines[out.length] = item.line;
          out.push(item);
        }
      } catch (error) {
        // An id repeated on a line before the one that failed is the file's first error.
        throwIfRepeated(out);
        throw error;
      }
      if (!reserved && read.chars > 0 && count > 0) {
        reserved = true;
        // The id set sized once for the file's records (key-set.ts), from the first lines' length, with
        // room for later lines being shorter: growing past the estimate would hold two tables at once.
        const size = part !== null ? part.end - part.start : await stat(path).then((info) => info.size, () => 0);
        seen.reserve(Math.floor((1.15 * size * count) / read.chars));
      }
      throwIfRepeated(out);
      if (out.length > 0) yield out;
    }
    if (map === null) {
      throw new ImportError('empty-file', `has no records (expected a header and at least one row, or one JSON object per line)`, { file });
    }
    const decision = scale!.decision();
    summary = {
      format,
      formatVersion: null,
      confidenceScale: decision.scale,
      confidenceScaleReason: decision.reason,
      model: null,
      task: null,
      metadata: { columns: map, records: count },
    };
  }

  async function* items(): AsyncGenerator<ImportedItem> {
    for await (const batch of itemBatches()) yield* batch;
  }

  return {
    items,
    itemBatches,
    partState: () => ({ seen, scale, count, map }),
    // The scale as far as the records read so far show it (the preview reads only the first few).
    layout: () => (layout && scale ? { ...layout, confidenceScale: scale.decision() } : layout),
    summary() {
      if (summary === null) throw new Error('summary() is valid once items() has been fully consumed');
      return summary;
    },
  };
}

function noAnswerColumn(file: string, columns: string[]): ImportError {
  const found = columns.length ? columns.map((c) => JSON.stringify(c)).join(', ') : 'none';
  return new ImportError(
    'no-answer-column',
    `no answer column: found columns ${found}; expected one named ${ALIASES.answer.join(', ')}, or at least a grade column named ${ALIASES.grade.join(', ')} (case-insensitive)`,
    { file },
  );
}

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function optionalText(value: unknown): string | null {
  const result = text(value);
  return result === '' ? null : result;
}

const usedCache = new WeakMap<ColumnMap, string[]>();
/** The columns a mapping uses, as a short list: comparing a record's few keys against it beats a Set per item. */
function usedColumns(map: ColumnMap): string[] {
  let used = usedCache.get(map);
  if (!used) {
    used = [...new Set(ROLES.map((role) => map[role]).filter((c): c is string => c !== undefined))];
    usedCache.set(map, used);
  }
  return used;
}

/** Grades of a file repeat a handful of spellings: each is parsed once (parseGrade is pure), up to this many. */
const GRADE_MEMO_LIMIT = 64;
const gradeMemo = new Map<string, ReturnType<typeof parseGrade>>();
function gradeOf(value: unknown): ReturnType<typeof parseGrade> {
  if (typeof value !== 'string') return parseGrade(value);
  const known = gradeMemo.get(value);
  if (known !== undefined || gradeMemo.has(value)) return known;
  const parsed = parseGrade(value);
  if (gradeMemo.size < GRADE_MEMO_LIMIT) gradeMemo.set(value, parsed);
  return parsed;
}

function toItem(record: RawRecord, map: ColumnMap, scale: ConfidenceScale, file: string, index: number, used: string[]): ImportedItem {
  const v = record.values;

  let key: string;
  if (map.key !== undefined) {
    const raw = v[map.key];
    key = typeof raw === 'string' ? raw.trim() : text(raw);
    if (key === '') throw new ImportError('missing-key', 'the id is empty (expected a unique id on every row)', { file, line: record.line, field: map.key });
  } else {
    key = String(index);
  }

  let grade = null;
  if (map.grade !== undefined) {
    const parsed = gradeOf(v[map.grade]);
    if (parsed === undefined) {
      throw new ImportError('invalid-grade', `${JSON.stringify(v[map.grade])} is not a grade (${GRADE_EXPECTED})`, { file, line: record.line, field: map.grade });
    }
    grade = parsed;
  }

  let confidence = null;
  if (map.confidence !== undefined) {
    const parsed = parseConfidence(v[map.confidence]);
    if (typeof parsed === 'string') {
      throw new ImportError('invalid-confidence', `${parsed} (${CONFIDENCE_EXPECTED})`, { file, line: record.line, field: map.confidence });
    }
    if (parsed !== null) {
      const clash = scale.observe(parsed, record.line);
      if (clash !== null) throw new ImportError('mixed-confidence-scale', clash, { file, line: record.line, field: map.confidence });
      confidence = parsed.value;
    }
  }

  const extra: Record<string, unknown> = {};
  // for-in, not Object.entries: a million items should not allocate a million arrays of pairs.
  for (const column in v) if (!used.includes(column)) extra[column] = v[column];

  return {
    key,
    prompt: map.prompt !== undefined ? text(v[map.prompt]) : '',
    answer: map.answer !== undefined ? text(v[map.answer]) : '',
    gold: map.gold !== undefined ? optionalText(v[map.gold]) : null,
    grade,
    confidence,
    model: map.model !== undefined ? optionalText(v[map.model]) : null,
    task: map.task !== undefined ? optionalText(v[map.task]) : null,
    extra,
    line: record.line,
  };
}

async function* csvRecords(path: string, file: string, delimiter: string, options: GenericReadOptions, read: { chars: number }): AsyncGenerator<RawRecord[]> {
  const parser = new CsvRecordParser(delimiter, file, options.maxLineBytes ?? 64 * 1024 * 1024);
  let header: string[] | null = null;
  for await (const lines of readLines(path, options)) {
    let out: RawRecord[] = [];
    for (const line of lines) {
      read.chars += line.text.length + line.terminator.length;
      const record = parser.push(line);
      if (record === null) continue;
      if (header === null) {
        header = uniqueNames(record.fields.map((f) => f.trim()));
        continue;
      }
      if (record.fields.length !== header.length) {
        // The rows before this one first: a failure among them is the file's first.
        if (out.length > 0) yield out;
        out = [];
        throw new ImportError(
          'csv-columns',
          `has ${record.fields.length} fields but the header has ${header.length} (expected one value per column; is a quote or delimiter off?)`,
          { file, line: record.line },
        );
      }
      const values: Record<string, unknown> = {};
      header.forEach((name, i) => (values[name] = record.fields[i]));
      out.push({ values, line: record.line });
    }
    if (out.length) yield out;
  }
  parser.finish();
}

/** Repeated header names would overwrite each other in a record; later ones get a suffix. */
function uniqueNames(names: string[]): string[] {
  const seen = new Set<string>();
  return names.map((name) => {
    let unique = name;
    for (let n = 2; seen.has(unique); n++) unique = `${name}_${n}`;
    seen.add(unique);
    return unique;
  });
}

function asRecord(value: unknown, file: string, line: number, what: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
    throw new ImportError('not-an-object', `${what} is ${got} (expected a JSON object with an answer field)`, { file, line });
  }
  return value as Record<string, unknown>;
}

/**
 * Records are handed on a few hundred at a time, not a chunk's worth (some
 * thousands): what is in hand when the collector runs is what it copies, and
 * copied twice is kept until a full collection.
 */
const RECORDS_PER_BATCH = 256;

async function* jsonlRecords(path: string, file: string, options: GenericReadOptions, read: { chars: number }, part: FilePart | null = null): AsyncGenerator<RawRecord[]> {
  for await (const lines of readLines(path, part === null ? options : { ...options, part })) {
    let out: RawRecord[] = [];
    for (const line of lines) {
      read.chars += line.text.length + line.terminator.length;
      if (out.length === RECORDS_PER_BATCH) {
        yield out;
        out = [];
      }
      if (line.text.trim() === '') continue;
      let values: Record<string, unknown>;
      try {
        values = asRecord(parseJsonLenient(line.text), file, line.line, 'the line');
      } catch (error) {
        // The records before this line first: a failure among them is the file's first (errors come in line order).
        if (out.length > 0) yield out;
        out = [];
        if (error instanceof ImportError) throw error;
        if (error instanceof JsonLimitError) throw new ImportError(error.code, error.message, { file, line: line.line });
        throw new ImportError('invalid-json', `is not valid JSON (${jsonErrorReason(error)}); expected one complete JSON object per line`, { file, line: line.line });
      }
      out.push({ values, line: line.line });
    }
    if (out.length) yield out;
  }
}

/** The file's first record (what decides its mapping). */
async function firstRecordOfFile(path: string, file: string, options: GenericReadOptions): Promise<RawRecord> {
  for await (const batch of jsonlRecords(path, file, options, { chars: 0 })) if (batch.length > 0) return batch[0]!;
  throw new ImportError('empty-file', `has no records (expected a header and at least one row, or one JSON object per line)`, { file });
}

async function* jsonArrayRecords(path: string, file: string, options: GenericReadOptions): AsyncGenerator<RawRecord[]> {
  for await (const pieces of readJsonPieces(path, options)) {
    const out: RawRecord[] = [];
    for (const piece of pieces) {
      if (piece.kind !== 'value' || typeof piece.key !== 'number') {
        throw new ImportError('not-an-array', 'the file holds a JSON object (expected an array of records, or a format Candor knows)', { file, line: 1 });
      }
      out.push({ values: asRecord(piece.value, file, piece.line, `record ${piece.key + 1}`), line: piece.line });
    }
    if (out.length) yield out;
  }
}
