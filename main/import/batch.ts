import { decodeChunk } from './lines.ts';
import { ABSTENTION_KINDS, type AbstentionKind, type Outcome } from '../../shared/domain.ts';
import type { Suggestion } from '../../shared/grading/suggest.ts';
import { OUTCOME_CODE } from '../../shared/metrics/types.ts';

/**
 * Items in columns, as the import worker sends them to the writer: every text
 * field of every item as UTF-8 in one buffer, everything else in typed arrays,
 * all of it transferred, not copied. The worker keeps no string past the item
 * it encodes (nothing of a batch survives to burden its collector), and the
 * writer decodes a batch's text once and slices its fields out of it. Extras
 * are already JSON and suggestions already made, so the writer only inserts.
 */
export interface ItemBatch {
  size: number;
  /** The text fields of each item in TEXT_FIELDS order, item after item, UTF-8. */
  text: Uint8Array;
  /**
   * Per item and text field: its length in UTF-16 code units (what slicing
   * the decoded text takes); -1 for null; -2 - i for verbatim[i].
   */
  lengths: Int32Array;
  /**
   * Fields holding a lone surrogate (JSON can spell one: "\ud800"), cloned as
   * they are: UTF-8 has no bytes for one, and the store keeps what
   * better-sqlite3 binds for it, which is not what a UTF-8 encoder writes.
   */
  verbatim: string[];
  /** 0 where the item states none, else OUTCOME_CODE. */
  grades: Uint8Array;
  /** 1 where the grade is a partial one kept as incorrect (ImportedItem.partial). */
  partials: Uint8Array;
  /** NaN where the item states none. */
  confidences: Float64Array;
  /** 0 where there is no suggestion, else OUTCOME_CODE. */
  suggestedGrades: Uint8Array;
  /** 0 where there is no suggestion, else 1 + the basis's place in SUGGESTION_BASES. */
  suggestionBases: Uint8Array;
  /** 0 where the suggestion names no abstention kind, else 1 + its place in ABSTENTION_KINDS. */
  suggestedKinds: Uint8Array;
}

/** The text fields of an item, in the order a batch lays them out. */
export const TEXT_FIELDS = 7;
const KEY = 0;
const PROMPT = 1;
const ANSWER = 2;
const GOLD = 3;
const MODEL = 4;
const TASK = 5;
const EXTRA = 6;

const SUGGESTION_BASES: ReadonlyArray<Suggestion['basis']> = ['abstention phrase', 'exact match', 'contains gold', 'no match'];
const OUTCOMES: ReadonlyArray<Outcome | null> = [null, 'correct', 'incorrect', 'abstained'];

/** One item as the writer reads it back from a batch. */
export interface BatchItem {
  key: string;
  prompt: string;
  answer: string;
  gold: string | null;
  model: string | null;
  task: string | null;
  extraJson: string;
  grade: Outcome | null;
  partial: boolean;
  confidence: number | null;
  suggestedGrade: Outcome | null;
  suggestionBasis: string | null;
  suggestedKind: AbstentionKind | null;
}

/**
 * Items' text is gathered in a string and written out every so many items:
 * one write of many fields costs a fraction of a write each, and the string
 * lives too briefly to be kept by the collector.
 */
const ITEMS_PER_WRITE = 64;
/** Text buffers kept for reuse: as many as batches may be in flight. */
const MAX_SPARES = 8;
const CHARS_PER_WRITE = 1 << 16;

/** Fills one batch at a time in the import worker; `take()` hands it over with the buffers to transfer. */
export class ItemBatchBuilder {
  private batch: ItemBatch;
  private text: Buffer;
  private used = 0;
  private readonly spares: Buffer[] = [];
  private pending = '';
  private pendingItems = 0;

  constructor(
    private readonly capacity: number,
    private readonly textBytes: number,
  ) {
    this.text = Buffer.allocUnsafeSlow(textBytes);
    this.batch = this.fresh();
  }

  get size(): number {
    return this.batch.size;
  }

  /** Bytes of text in the batch so far (text not yet written counted as one byte a character). */
  get bytes(): number {
    return this.used + this.pending.length;
  }

  private fresh(): ItemBatch {
    const n = this.capacity;
    return {
      size: 0,
      text: this.text,
      lengths: new Int32Array(n * TEXT_FIELDS),
      verbatim: [],
      grades: new Uint8Array(n),
      partials: new Uint8Array(n),
      confidences: new Float64Array(n),
      suggestedGrades: new Uint8Array(n),
      suggestionBases: new Uint8Array(n),
      suggestedKinds: new Uint8Array(n),
    };
  }

  private field(field: number, value: string | null): void {
    const at = this.batch.size * TEXT_FIELDS + field;
    if (value === null) {
      this.batch.lengths[at] = -1;
    } else if (!isWellFormed(value)) {
      this.batch.lengths[at] = -2 - this.batch.verbatim.push(value) + 1;
    } else {
      this.batch.lengths[at] = value.length;
      this.pending += value;
    }
  }

  /** Writes the gathered text into the buffer as UTF-8, growing it if need be. */
  private drain(): void {
    const { pending } = this;
    this.pending = '';
    this.pendingItems = 0;
    if (pending.length === 0) return;
    // UTF-8 takes at most three bytes per UTF-16 code unit (a surrogate pair takes four for two).
    if (this.text.length - this.used < pending.length * 3) {
      const bytes = Buffer.byteLength(pending, 'utf8');
      if (this.text.length - this.used < bytes) {
        const grown = Buffer.allocUnsafeSlow(Math.max(this.text.length * 2, this.used + bytes));
        this.text.copy(grown, 0, 0, this.used);
        this.text = grown;
      }
    }
    this.used += this.text.write(pending, this.used, 'utf8');
  }

  /** Appends one item; `full` says whether the batch reached its item count. */
  add(
    item: { key: string; prompt: string; answer: string; gold: string | null; model: string | null; task: string | null; grade: Outcome | null; partial?: boolean; confidence: number | null },
    extraJson: string,
    suggestion: Suggestion | null,
  ): boolean {
    this.field(KEY, item.key);
    this.field(PROMPT, item.prompt);
    this.field(ANSWER, item.answer);
    this.field(GOLD, item.gold);
    this.field(MODEL, item.model);
    this.field(TASK, item.task);
    this.field(EXTRA, extraJson);
    const i = this.batch.size++;
    const { batch } = this;
    batch.grades[i] = item.grade === null ? 0 : OUTCOME_CODE[item.grade];
    batch.partials[i] = item.partial ? 1 : 0;
    batch.confidences[i] = item.confidence ?? Number.NaN;
    batch.suggestedGrades[i] = suggestion === null ? 0 : OUTCOME_CODE[suggestion.grade];
    batch.suggestionBases[i] = suggestion === null ? 0 : SUGGESTION_BASES.indexOf(suggestion.basis) + 1;
    batch.suggestedKinds[i] = suggestion?.kind === undefined ? 0 : ABSTENTION_KINDS.indexOf(suggestion.kind) + 1;
    if (++this.pendingItems === ITEMS_PER_WRITE || this.pending.length >= CHARS_PER_WRITE) this.drain();
    return batch.size === this.capacity;
  }

  /**
   * A text buffer the writer is done with, sent back to be filled again: a
   * batch's megabytes, freed on the writer's side, would wait there for its
   * collector (some tens of megabytes of them at any time).
   */
  recycle(buffer: ArrayBuffer): void {
    if (buffer.byteLength >= this.textBytes && this.spares.length < MAX_SPARES) this.spares.push(Buffer.from(buffer));
  }

  /** The batch so far, and the buffers to transfer with it; the builder starts a new one. */
  take(): { batch: ItemBatch; transfer: ArrayBuffer[] } {
    this.drain();
    const batch = { ...this.batch, text: new Uint8Array(this.text.buffer, this.text.byteOffset, this.used) };
    const transfer = [this.text.buffer, batch.lengths.buffer, batch.grades.buffer, batch.partials.buffer, batch.confidences.buffer, batch.suggestedGrades.buffer, batch.suggestionBases.buffer, batch.suggestedKinds.buffer] as ArrayBuffer[];
    this.text = this.spares.pop() ?? Buffer.allocUnsafeSlow(Math.max(this.textBytes, Math.min(this.text.length, 4 * this.textBytes)));
    this.used = 0;
    this.batch = this.fresh();
    return { batch, transfer };
  }
}

/** String.prototype.isWellFormed (ES2024, in Node 20): false when the string holds a lone surrogate. */
function isWellFormed(value: string): boolean {
  return (value as unknown as { isWellFormed(): boolean }).isWellFormed();
}

/** Reads a batch's items back in order, calling `each` with one reused object (copy what you keep). */
export function readBatch(batch: ItemBatch, each: (item: BatchItem) => void): void {
  const text = decodeChunk(batch.text);
  let at = 0;
  let field = 0;
  const next = (): string | null => {
    const length = batch.lengths[field++]!;
    if (length < 0) return length === -1 ? null : batch.verbatim[-2 - length]!;
    const value = text.slice(at, at + length);
    at += length;
    return value;
  };
  const item: BatchItem = {
    key: '',
    prompt: '',
    answer: '',
    gold: null,
    model: null,
    task: null,
    extraJson: '{}',
    grade: null,
    partial: false,
    confidence: null,
    suggestedGrade: null,
    suggestionBasis: null,
    suggestedKind: null,
  };
  for (let i = 0; i < batch.size; i++) {
    item.key = next()!;
    item.prompt = next()!;
    item.answer = next()!;
    item.gold = next();
    item.model = next();
    item.task = next();
    item.extraJson = next()!;
    item.grade = OUTCOMES[batch.grades[i]!]!;
    item.partial = batch.partials[i] === 1;
    const confidence = batch.confidences[i]!;
    item.confidence = Number.isNaN(confidence) ? null : confidence;
    item.suggestedGrade = OUTCOMES[batch.suggestedGrades[i]!]!;
    const basis = batch.suggestionBases[i]!;
    item.suggestionBasis = basis === 0 ? null : SUGGESTION_BASES[basis - 1]!;
    const kind = batch.suggestedKinds[i]!;
    item.suggestedKind = kind === 0 ? null : ABSTENTION_KINDS[kind - 1]!;
    each(item);
  }
}
