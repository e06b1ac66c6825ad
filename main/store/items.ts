// Items: listing, paging and walking a run's queue, one item with its label
// history, and the columns the engine reads.
import type { AbstentionKind, EffectiveOutcome, ItemDetail, ItemRow, Outcome } from '../../shared/domain.ts';
import { OUTCOME_CODE, type OutcomeColumns } from '../../shared/metrics/types.ts';
import type { ExtractedCalibrationData } from '../../shared/metrics/calibration-data.ts';
import { FieldCatalog, fieldValue, GroupCoder, type Grouping, type ItemField } from '../../shared/metrics/subgroups.ts';
import { FrequencyReader } from '../../shared/rubrics/frequency.ts';
import { blindExtra } from '../../shared/transcript/thread.ts';
import type { StoreContext } from './context.ts';
import { ItemOrder, needsItemOrder } from './item-order.ts';
import { buildItemQuery, EFFECTIVE_SQL, type ItemQuery } from './item-query.ts';
import { toItemRow, toLabel, type ItemRecord, type LabelDbRecord } from './rows.ts';

/**
 * A run's confidences on shared memory. Every heavy view hands them to a
 * compute worker, and shared memory goes as a reference where a copy of a
 * million items' 8 MB held the event loop 0.15-0.2 s on this machine (the
 * copy's fresh pages). Nothing writes them after the read (a label changes
 * outcomes only), so a worker reads what was read. Outcomes stay copied per
 * request (1 MB): labels change them in place.
 */
function sharedConfidence(n: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(n * Float64Array.BYTES_PER_ELEMENT));
}

/** outcomeColumns reads this many rows a call. */
const COLUMN_SLICE = 4096;
const OUTCOME_BITS = 3;
const IMPORTED_PARTIAL_BIT = 4;
const UNLABELED_BIT = 8;
/**
 * An item's effective outcome as OUTCOME_CODE (anything else is unlabeled, 0), with its
 * imported-partial and unlabeled flags. (SQLite's | and << share one precedence: hence the brackets.)
 */
const PACKED_OUTCOME_SQL = `(CASE ${EFFECTIVE_SQL} WHEN 'correct' THEN ${OUTCOME_CODE.correct} WHEN 'incorrect' THEN ${OUTCOME_CODE.incorrect} WHEN 'abstained' THEN ${OUTCOME_CODE.abstained} ELSE ${OUTCOME_CODE.unlabeled} END) | ((imported_partial != 0) << 2) | ((label IS NULL) << 3)`;

/** What a viewer may see of an item: blind mode withholds what could bias a label. */
export interface ItemViewer {
  annotator?: string | undefined;
  blind?: boolean | undefined;
}

export interface ItemGlance {
  id: number;
  ord: number;
  key: string;
  confidence: number | null;
  outcome: EffectiveOutcome;
  prompt: string;
}

/** An item as the matrix of items across runs shows it. */
export interface MatrixCellRecord {
  id: number;
  ord: number;
  key: string;
  outcome: EffectiveOutcome;
  importedGrade: Outcome | null;
  label: Outcome | null;
  confidence: number | null;
  answer: string;
  answerLength: number;
  prompt: string;
  gold: string | null;
}

export class ItemStore {
  private readonly orders: ItemOrder;

  constructor(private readonly ctx: StoreContext) {
    this.orders = new ItemOrder(ctx, (runId) => this.columns(runId));
  }

  list(runId: number, query: ItemQuery, offset: number, limit: number): { total: number; rows: ItemRow[] } {
    if (needsItemOrder(query)) {
      const positions = this.orders.positions(runId, query);
      return { total: positions.length, rows: this.atPositions(runId, positions.subarray(offset, offset + limit)) };
    }
    const built = buildItemQuery(runId, query);
    const db = this.ctx.db;
    const total = db.prepare(`SELECT COUNT(*) FROM items WHERE ${built.where}`).pluck().get(...built.whereParams) as number;
    const rows = db
      .prepare(`SELECT * FROM items WHERE ${built.where} ORDER BY ${built.key.join(', ')} LIMIT ? OFFSET ?`)
      .all(...built.whereParams, ...built.keyParams, limit, offset) as ItemRecord[];
    return { total, rows: rows.map(toItemRow) };
  }

  exists(itemId: number): boolean {
    return this.record(itemId) !== null;
  }

  get(itemId: number, viewer: ItemViewer = {}): ItemDetail | null {
    const record = this.record(itemId);
    if (!record) return null;
    const history = (this.ctx.statement('SELECT * FROM labels WHERE item_id = ? ORDER BY id').all(itemId) as LabelDbRecord[]).map(toLabel);
    const myRecord = viewer.annotator ? history.filter((label) => label.annotator === viewer.annotator && label.kind === 'label').at(-1) : undefined;
    const mine = myRecord?.outcome ?? null;
    const myKind = mine === 'abstained' ? (myRecord?.abstentionKind ?? null) : null;
    const detail: ItemDetail = {
      ...toItemRow(record),
      extra: JSON.parse(record.extra) as Record<string, unknown>,
      history,
      index: record.ord,
      myLabel: mine,
      myAbstentionKind: myKind,
      blind: false,
    };
    if (!viewer.blind) return detail;
    // Blind: nothing that could sway the annotator. Their own work stays visible.
    return {
      ...detail,
      confidence: null,
      importedGrade: null,
      label: mine,
      abstentionKind: myKind,
      importedPartial: false,
      partial: false,
      labelAnnotator: mine ? viewer.annotator ?? null : null,
      labelSource: null,
      disputed: false,
      suggestedGrade: null,
      suggestionBasis: null,
      suggestedKind: null,
      outcome: mine ?? 'unlabeled',
      history: history.filter((label) => label.annotator === viewer.annotator && label.kind === 'label'),
      extra: blindExtra(detail.extra),
      blind: true,
    };
  }

  /** The next (or previous) item in the same queue and filters, or null at the end. */
  neighbor(itemId: number, direction: 'next' | 'prev', query: ItemQuery): ItemRow | null {
    const record = this.record(itemId);
    if (!record) return null;
    if (needsItemOrder(query)) {
      const positions = this.orders.positions(record.run_id, query);
      const at = positions.indexOf(record.ord);
      const next = at < 0 ? -1 : at + (direction === 'next' ? 1 : -1);
      return next < 0 || next >= positions.length ? null : (this.atPositions(record.run_id, positions.subarray(next, next + 1))[0] ?? null);
    }
    const db = this.ctx.db;
    const built = buildItemQuery(record.run_id, query);
    const tuple = `(${built.key.join(', ')})`;
    const position = db
      .prepare(`SELECT ${built.key.map((column, i) => `${column} AS k${i}`).join(', ')} FROM items WHERE id = ?`)
      .raw()
      .get(...built.keyParams, itemId) as unknown[];
    const [comparison, order] = direction === 'next' ? ['>', 'ASC'] : ['<', 'DESC'];
    const orderBy = built.key.map((column) => `${column} ${order}`).join(', ');
    const row = db
      .prepare(
        `SELECT * FROM items WHERE ${built.where} AND ${tuple} ${comparison} (${position.map(() => '?').join(', ')})
         ORDER BY ${orderBy} LIMIT 1`,
      )
      .get(...built.whereParams, ...built.keyParams, ...position, ...built.keyParams) as ItemRecord | undefined;
    return row ? toItemRow(row) : null;
  }

  /**
   * Effective outcome and confidence of every item of a run, in run order,
   * read from the table now; with the partial flags when the run has any.
   */
  outcomeColumns(runId: number): OutcomeColumns {
    const db = this.ctx.db;
    const n = db.prepare('SELECT COUNT(*) FROM items WHERE run_id = ?').pluck().get(runId) as number;
    const outcome = new Uint8Array(n);
    const confidence = sharedConfidence(n);
    const partial = new Uint8Array(n);
    let hasPartial = false;
    let i = 0;
    // Rows come a slice at a time (all(), not iterate()) and an item's outcome and flags as one
    // number: per row, iterate() and four values took 0.8 us, this about 0.6 (1M items: 0.59 s).
    const slice = db
      .prepare(`SELECT ord, ${PACKED_OUTCOME_SQL}, confidence FROM items WHERE run_id = ? AND ord > ? ORDER BY ord LIMIT ${COLUMN_SLICE}`)
      .raw();
    for (let after = -1; ; ) {
      const rows = slice.all(runId, after) as Array<[number, number, number | null]>;
      for (const [, packed, conf] of rows) {
        outcome[i] = packed & OUTCOME_BITS;
        confidence[i] = conf ?? Number.NaN;
        if (packed & IMPORTED_PARTIAL_BIT) {
          hasPartial = true;
          if (packed & UNLABELED_BIT) partial[i] = 1;
        }
        i++;
      }
      if (rows.length < COLUMN_SLICE) break;
      after = rows[rows.length - 1]![0];
    }
    // A run with no partial grade (most runs) carries no flags; one that has some keeps them even while labels cover them all.
    return hasPartial ? { outcome, confidence, partial } : { outcome, confidence };
  }

  /**
   * The same columns, cached and kept in step with every label (derived.ts),
   * so a key press costs one metric pass, not a table scan. Read-only.
   */
  columns(runId: number): OutcomeColumns {
    return this.ctx.derived.outcomeColumns(runId, () => this.outcomeColumns(runId));
  }

  /** The run's answered items with a confidence, extracted once on shared memory and kept until a label changes (derived.ts). Read-only. */
  extracted(runId: number): ExtractedCalibrationData {
    return this.ctx.derived.extracted(runId, () => this.columns(runId));
  }

  /**
   * outcomeColumns read a slice of items at a time, letting the event loop go
   * between slices: a request that arrives meanwhile (a label written during
   * an export) waits for one slice, not for a million rows. A label written
   * between two slices may or may not be in the result, as it may or may not
   * be in an export started a moment earlier. With each item's ord, to find a
   * few items again by position (rowsAtOrds).
   */
  async outcomeColumnsInSlices(runId: number, slice = 4096): Promise<OutcomeColumns & { ords: Float64Array }> {
    const n = this.ctx.db.prepare('SELECT COUNT(*) FROM items WHERE run_id = ?').pluck().get(runId) as number;
    const outcome = new Uint8Array(n);
    const confidence = sharedConfidence(n);
    const partial = new Uint8Array(n);
    const ords = new Float64Array(n);
    let hasPartial = false;
    let i = 0;
    type Row = [EffectiveOutcome, number | null, number, number, number];
    for await (const rows of this.slices<Row>(`${EFFECTIVE_SQL}, confidence, imported_partial, label IS NULL`, runId, slice)) {
      for (const [effective, conf, importedPartial, unlabeled, ord] of rows) {
        if (i === n) break;
        outcome[i] = OUTCOME_CODE[effective];
        confidence[i] = conf ?? Number.NaN;
        if (importedPartial) {
          hasPartial = true;
          if (unlabeled) partial[i] = 1;
        }
        ords[i] = ord;
        i++;
      }
    }
    // A run deleted meanwhile has fewer items than counted; partial flags only when the run has any (as outcomeColumns).
    const columns = { outcome: outcome.subarray(0, i), confidence: confidence.subarray(0, i), ords: ords.subarray(0, i) };
    return hasPartial ? { ...columns, partial: partial.subarray(0, i) } : columns;
  }

  /** Items of a run by ord, in the order given (an ord no item has is skipped). */
  rowsAtOrds(runId: number, ords: number[]): ItemRow[] {
    const get = this.ctx.db.prepare('SELECT * FROM items WHERE run_id = ? AND ord = ?');
    return ords.flatMap((ord) => {
      const record = get.get(runId, ord) as ItemRecord | undefined;
      return record ? [toItemRow(record)] : [];
    });
  }

  /** Item keys in run order, parallel to outcomeColumns. */
  keys(runId: number): string[] {
    return this.ctx.db.prepare('SELECT item_key FROM items WHERE run_id = ? ORDER BY ord').pluck().all(runId) as string[];
  }

  /** keys a slice at a time, letting the event loop go between slices (see outcomeColumnsInSlices). */
  async keysInSlices(runId: number, slice = 8192): Promise<string[]> {
    const keys: string[] = [];
    for await (const rows of this.slices<[string, number]>('item_key', runId, slice)) for (const [key] of rows) keys.push(key);
    return keys;
  }

  /** keys and their ords in run order, in one read a slice at a time (see keysInSlices). */
  async keysAndOrdsInSlices(runId: number, slice = 8192): Promise<{ keys: string[]; ords: number[] }> {
    const keys: string[] = [];
    const ords: number[] = [];
    for await (const rows of this.slices<[string, number]>('item_key', runId, slice)) {
      for (const [key, ord] of rows) {
        keys.push(key);
        ords.push(ord);
      }
    }
    return { keys, ords };
  }

  /**
   * Run-order positions (outcomeColumns index i is the i-th item by ord,
   * which need not equal ord), a slice at a time, letting the event loop go
   * between slices.
   */
  async ordsInSlices(runId: number, slice = 16384): Promise<number[]> {
    const ords: number[] = [];
    for await (const rows of this.slices<[number, number]>('ord', runId, slice)) for (const [ord] of rows) ords.push(ord);
    return ords;
  }

  /** A short look at the items at these run positions (ord), for linking to them. */
  atOrds(runId: number, ords: number[], promptChars = 160): ItemGlance[] {
    const get = this.ctx.db.prepare(
      `SELECT id, ord, item_key AS key, confidence, ${EFFECTIVE_SQL} AS outcome, substr(prompt, 1, ?) AS prompt FROM items WHERE run_id = ? AND ord = ?`,
    );
    return ords.flatMap((ord) => {
      const row = get.get(promptChars, runId, ord) as ItemGlance | undefined;
      return row ? [row] : [];
    });
  }

  /**
   * One cell of the item matrix per (run, ord) asked, texts cut to `chars`
   * (the Item view shows the whole); looked up by the (run, ord) index, so a
   * page costs a few hundred lookups whatever the run's size.
   */
  cellsAtOrds(runId: number, ords: number[], chars: number): Map<number, MatrixCellRecord> {
    const cells = new Map<number, MatrixCellRecord>();
    const get = this.ctx.statement(
      `SELECT id, ord, item_key AS key, ${EFFECTIVE_SQL} AS outcome, imported_grade AS importedGrade, label, confidence,
              substr(answer, 1, ?) AS answer, length(answer) AS answerLength, substr(prompt, 1, ?) AS prompt, gold
       FROM items WHERE run_id = ? AND ord = ?`,
    );
    for (const ord of ords) {
      const row = get.get(chars, chars, runId, ord) as MatrixCellRecord | undefined;
      if (row) cells.set(ord, row);
    }
    return cells;
  }

  /** Changes whenever a label changes an item of the run (an answer computed from its outcomes is stale once it moves). */
  labelStamp(runId: number): number {
    return this.ctx.derived.labelStamp(runId);
  }

  /**
   * The training-frequency column among the items' extra fields (first alias
   * found), in run order, a slice at a time, letting the event loop go
   * between slices (a report exported while labels are written); only the
   * matching column is kept, never a million items' extra fields.
   */
  async frequencyColumnInSlices(runId: number, aliases: readonly string[], slice = 4096): Promise<{ column: string; values: Float64Array } | null> {
    const reader = new FrequencyReader(aliases);
    for await (const rows of this.slices<[string, number]>('extra', runId, slice)) for (const [extra] of rows) reader.add(extra);
    return reader.result();
  }

  /** The fields a run's items carry (shared/metrics/subgroups.ts), read a slice at a time, letting the event loop go between slices. */
  async fieldCatalogInSlices(runId: number, slice = 4096): Promise<ItemField[]> {
    const catalog = new FieldCatalog();
    for await (const rows of this.slices<[string, number]>('extra', runId, slice)) for (const [extra] of rows) catalog.add(JSON.parse(extra) as Record<string, unknown>);
    return catalog.fields();
  }

  /**
   * Each item's value of `field` as a group code, in run order (parallel to
   * outcomeColumns), a slice at a time; an item whose stored text cannot name
   * the field is not even parsed.
   */
  async groupingInSlices(runId: number, field: string, slice = 4096): Promise<Grouping> {
    const coder = new GroupCoder();
    // Keys are stored as JSON strings: `subject"` is in the text of any item holding subject, doc.subject or a key "doc.subject".
    const name = JSON.stringify(field.slice(field.indexOf('.') + 1)).slice(1);
    for await (const rows of this.slices<[string, number]>('extra', runId, slice)) {
      for (const [extra] of rows) coder.add(extra.includes(name) ? fieldValue(JSON.parse(extra) as Record<string, unknown>, field) : null);
    }
    return coder.result();
  }

  /**
   * The items a bulk action touches, with the grade it would accept: the
   * filter's items, or the selection within it. Only two columns are read, and
   * a selection is looked up by id, so a small selection in a million-item run
   * stays small.
   */
  grades(
    runId: number,
    filter: ItemQuery,
    itemIds: number[] | undefined,
    column: 'imported' | 'suggested',
  ): Map<number, { outcome: Outcome; abstentionKind: AbstentionKind | null } | null> {
    const built = buildItemQuery(runId, filter);
    // An accepted suggestion brings the abstention kind it proposes; an imported grade states none.
    const selected = column === 'suggested' ? 'suggested_grade AS grade, suggested_kind AS kind' : 'imported_grade AS grade, NULL AS kind';
    const sql = `SELECT id, ${selected} FROM items WHERE ${built.where}`;
    type Row = { id: number; grade: Outcome | null; kind: AbstentionKind | null };
    const targets = new Map<number, { outcome: Outcome; abstentionKind: AbstentionKind | null } | null>();
    const add = (rows: Row[]) =>
      rows.forEach((row) => targets.set(row.id, row.grade === null ? null : { outcome: row.grade, abstentionKind: row.grade === 'abstained' ? row.kind : null }));
    if (!itemIds) {
      add(this.ctx.db.prepare(sql).all(...built.whereParams) as Row[]);
      return targets;
    }
    const unique = [...new Set(itemIds)];
    for (let i = 0; i < unique.length; i += 500) {
      const chunk = unique.slice(i, i + 500);
      add(this.ctx.db.prepare(`${sql} AND id IN (${chunk.map(() => '?').join(', ')})`).all(...built.whereParams, ...chunk) as Row[]);
    }
    return targets;
  }

  /**
   * Writes a suggested grade for every item of the run (null where `suggest`
   * has none), in one transaction; returns how many got one. Labels are untouched.
   */
  suggestGrades(runId: number, suggest: (answer: string, gold: string | null) => { grade: Outcome; basis: string; kind?: AbstentionKind | null } | null): number {
    const db = this.ctx.db;
    const rows = db.prepare('SELECT id, answer, gold FROM items WHERE run_id = ?').iterate(runId) as IterableIterator<{
      id: number;
      answer: string;
      gold: string | null;
    }>;
    const update = db.prepare('UPDATE items SET suggested_grade = ?, suggestion_basis = ?, suggested_kind = ? WHERE id = ?');
    let suggested = 0;
    const updates: Array<[Outcome | null, string | null, AbstentionKind | null, number]> = [];
    for (const row of rows) {
      const suggestion = suggest(row.answer, row.gold);
      if (suggestion) suggested++;
      updates.push([suggestion?.grade ?? null, suggestion?.basis ?? null, suggestion?.grade === 'abstained' ? (suggestion.kind ?? null) : null, row.id]);
    }
    this.ctx.transaction(() => updates.forEach((args) => update.run(...args)));
    this.ctx.derived.suggestionsChanged(runId);
    return suggested;
  }

  /** Items whose annotators disagree with no adjudication. */
  disputedCount(runId: number): number {
    return this.ctx.db.prepare('SELECT COUNT(*) FROM items WHERE run_id = ? AND disputed = 1').pluck().get(runId) as number;
  }

  /** The items at these run positions (ord), in the order given. */
  private atPositions(runId: number, ords: Uint32Array): ItemRow[] {
    if (ords.length === 0) return [];
    const rows = new Map<number, ItemRecord>();
    for (let i = 0; i < ords.length; i += 500) {
      const chunk = Array.from(ords.subarray(i, i + 500));
      const records = this.ctx.db.prepare(`SELECT * FROM items WHERE run_id = ? AND ord IN (${chunk.map(() => '?').join(', ')})`).all(runId, ...chunk) as ItemRecord[];
      for (const record of records) rows.set(record.ord, record);
    }
    return Array.from(ords, (ord) => rows.get(ord)).flatMap((record) => (record ? [toItemRow(record)] : []));
  }

  /**
   * A run's items in ord order, `slice` rows at a time (the selected columns,
   * then ord), the event loop let go after each slice; paged by ord, so a
   * write between slices never shifts a page.
   */
  private async *slices<Row extends unknown[]>(columns: string, runId: number, slice: number): AsyncGenerator<Row[]> {
    const page = this.ctx.db.prepare(`SELECT ${columns}, ord FROM items WHERE run_id = ? AND ord > ? ORDER BY ord LIMIT ?`).raw();
    for (let after = -1; ; ) {
      const rows = page.all(runId, after, slice) as Row[];
      if (rows.length === 0) return;
      yield rows;
      after = rows[rows.length - 1]!.at(-1) as number;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private record(itemId: number): ItemRecord | null {
    return (this.ctx.statement('SELECT * FROM items WHERE id = ?').get(itemId) as ItemRecord | undefined) ?? null;
  }
}
