import type { Outcome } from '../../shared/domain.ts';

/** One item as a reader maps it from a run file, before it is stored. */
export interface ImportedItem {
  /** Stable key within the run (sample id, doc id + epoch, row number when the file has none). */
  key: string;
  prompt: string;
  answer: string;
  gold: string | null;
  /** The grade the file states, mapped to an outcome; null when the file has none. */
  grade: Outcome | null;
  /**
   * The file's grade is a partial one (Inspect's "P", or a score strictly
   * between 0 and 1) and `grade` is 'incorrect': kept so a rubric may score it
   * otherwise. Absent or false for every other grade.
   */
  partial?: boolean;
  /** As stated in the file: a probability, or a percentage when the reader's confidenceScale says so. */
  confidence: number | null;
  /** Runs are split by (model, task); null falls back to the file's own model/task. */
  model: string | null;
  task: string | null;
  /** Everything else the file carries for this item, kept verbatim (JSON-serialisable). */
  extra: Record<string, unknown>;
  /** 1-based line (or record) number in the file, for error messages. */
  line: number;
}

export interface ReadOptions {
  signal?: AbortSignal;
  /** Called now and then with bytes consumed so far. */
  onProgress?: (bytesRead: number) => void;
}

/** What a reader knows about the file as a whole once every item was read. */
export interface ReaderSummary {
  format: string;
  formatVersion: string | null;
  /** 'percent' when the file states confidences on 0-100: the store divides by 100. */
  confidenceScale: 'unit' | 'percent';
  /** Why that scale (tabular readers decide it from the column; others state probabilities by format). */
  confidenceScaleReason?: string;
  /** File-level model/task/metadata (headers, results files) for runs whose items name none. */
  model: string | null;
  task: string | null;
  metadata: Record<string, unknown>;
}

/** A tabular file's columns and how they map to roles (generic CSV/TSV/JSONL/JSON). */
export interface ReaderLayout {
  columns: string[];
  /** The mapping in use (the guess with the user's overrides applied). */
  mapping: Partial<Record<string, string>>;
  /** What Candor guessed from the column names alone. */
  guessed: Partial<Record<string, string>>;
  /** The confidence column's scale as far as the records read so far show it. */
  confidenceScale?: { scale: 'unit' | 'percent'; reason: string };
}

/** A choice a format offers (Inspect's scorer, lm-eval's filter), as a reader option of that name. */
export interface ReaderChoice {
  label: string;
  options: string[];
  /** The value in use. */
  value: string | null;
}

export interface RunFileReader {
  /** Items in file order. Throws ImportError on malformed input. */
  items(): AsyncIterable<ImportedItem>;
  /** The same items in batches, where a reader can (cheaper than a promise per item). */
  itemBatches?(): AsyncIterable<ImportedItem[]>;
  /** The choices this file offers, as far as the items read so far show them. */
  choices?(): Record<string, ReaderChoice>;
  /**
   * What the reader could not decide or had to choose, in words, for the import
   * preview ("no grade found: choose one", where the confidence comes from), as
   * far as the items read so far show it.
   */
  notes?(): string[];
  /** Tabular formats: the columns and mapping, known once the first record was read. */
  layout?(): ReaderLayout | null;
  /** Valid once items() has been fully consumed. */
  summary(): ReaderSummary;
}

/** An import failure that names where: file, line (or zip entry) and field. */
export class ImportError extends Error {
  readonly file: string;
  readonly line: number | undefined;
  readonly field: string | undefined;
  readonly code: string;
  /** The message without its file:line:field prefix. */
  readonly reason: string;
  constructor(code: string, message: string, where: { file: string; line?: number | undefined; field?: string | undefined }) {
    const loc = [where.file, where.line, where.field].filter((part) => part !== undefined).join(':');
    super(`${loc}: ${message}`);
    this.name = 'ImportError';
    this.code = code;
    this.reason = message;
    this.file = where.file;
    this.line = where.line;
    this.field = where.field;
  }
}

/** Options beyond ReadOptions are each format's own (see its reader); unknown ones are ignored. */
export type ReaderFactory = (path: string, options?: ReadOptions & Record<string, unknown>) => RunFileReader;

export interface DetectedFormat {
  format: string;
  reader: ReaderFactory;
}

/** What a detector sees: the file's first bytes, decoded leniently, plus its path. */
export interface Sniff {
  path: string;
  head: Buffer;
  /** head as text, BOM stripped; a cut multi-byte character at the end becomes U+FFFD. */
  text: string;
  /** The first line, when it ends within head. */
  firstLine: string | null;
  /** True when head is the whole file. */
  complete: boolean;
  /** A folder (HELM writes a run as one); then head is empty and entries lists it. */
  isDirectory: boolean;
  entries: string[];
}

/** A detector returns a format when it recognises the content, null otherwise. First match wins. */
export type Detector = (sniff: Sniff) => DetectedFormat | null;

/**
 * Browser mode's staged uploads as the import reads them: an upload (or a file
 * or folder inside it) resolved to a path on disk. main/handlers/uploads.ts
 * keeps them; its errors are the user's to read.
 */
export interface StagedUploads {
  resolve(uploadId: string, relativePath?: string): Promise<{ path: string; root: string }>;
}
