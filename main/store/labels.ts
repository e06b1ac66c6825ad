// Labels: the append-only history of who said what about an item, each record
// re-resolving its item's human label (label-resolution.ts) and moving the
// run's derived numbers (derived.ts) in the same transaction. Every write made
// for a person (a label, a bulk action, accepted suggestions) is an action on
// their undo stack (label-actions.ts); undo and redo write new records, so the
// history keeps the action and its undoing.
import { randomUUID } from 'node:crypto';
import type { UndoResult, UndoStack } from '../../shared/api/labeling.ts';
import { ABSTENTION_KIND_LABELS, effectiveOutcome, type AbstentionKind, type LabelKind, type LabelRecord, type ItemRow, type Outcome } from '../../shared/domain.ts';
import type { LabelSet, LabelSetEntry, MergeReport } from '../../shared/labels/label-set.ts';
import { LABEL_SET_SCHEMA } from '../../shared/labels/label-set.ts';
import type { StoreContext } from './context.ts';
import { countedKind } from './derived.ts';
import { buildItemQuery, type ItemQuery } from './item-query.ts';
import { ActionLog, toLabelAction, type ActionRecord } from './label-actions.ts';
import { resolveLabels, type CurrentLabel } from './label-resolution.ts';
import { toItemRow, type ItemRecord, type LabelDbRecord } from './rows.ts';

export interface AnnotatorSummary {
  name: string;
  labels: number;
  items: number;
  lastAt: string | null;
}

/** What the label writer needs to know of an item before the label. */
type ItemState = Pick<ItemRecord, 'run_id' | 'ord' | 'item_key' | 'label' | 'imported_grade' | 'label_abstention_kind' | 'imported_partial'>;
const ITEM_STATE_SQL = 'SELECT run_id, ord, item_key, label, imported_grade, label_abstention_kind, imported_partial FROM items WHERE id = ?';

/** A label's value: its outcome, and with "abstained" the kind when one is stated. */
export interface LabelValue {
  outcome: Outcome | null;
  abstentionKind: AbstentionKind | null;
}

export interface NewLabel {
  itemId: number;
  annotator: string;
  outcome: Outcome | null;
  /** Only with outcome "abstained"; dropped otherwise. */
  abstentionKind?: AbstentionKind | null;
  note: string | null;
  kind: LabelKind;
  batch: string | null;
  /** The undoable action this record belongs to (writing it, undoing or redoing it); null for merges. */
  actionId: number | null;
  createdAt?: string;
}

/** How a single label reads in Undo: "incorrect on q12", "abstained (refusal) on q12", "note on q12", "decide correct on q12". */
function describeLabel(key: string, outcome: Outcome | null, abstentionKind: AbstentionKind | null, note: string | null, kind: LabelKind): string {
  const what = note ? 'note' : outcome === null ? 'clear' : abstentionKind ? `${outcome} (${ABSTENTION_KIND_LABELS[abstentionKind]})` : outcome;
  return `${kind === 'adjudication' ? 'decide ' : ''}${what} on ${key}`;
}

/** Only an abstention carries a kind. */
function kindOf(outcome: Outcome | null, abstentionKind: AbstentionKind | null | undefined): AbstentionKind | null {
  return outcome === 'abstained' ? (abstentionKind ?? null) : null;
}

export class LabelStore {
  private readonly actions: ActionLog;

  constructor(private readonly ctx: StoreContext) {
    this.actions = new ActionLog(ctx);
  }

  /**
   * Records a label (or its clearing, outcome null) or an adjudication and
   * re-resolves the item, in one transaction: committed before this returns.
   * Null when the item does not exist.
   */
  set(input: {
    itemId: number;
    annotator: string;
    outcome: Outcome | null;
    /** With outcome "abstained": the kind of abstention, if the annotator says. */
    abstentionKind?: AbstentionKind | null;
    note: string | null;
    kind?: LabelKind;
  }): { label: LabelRecord; item: ItemRow; stack: UndoStack } | null {
    return this.ctx.transaction(() => {
      const item = this.ctx.statement(ITEM_STATE_SQL).get(input.itemId) as ItemState | undefined;
      if (!item) return null;
      const kind = input.kind ?? 'label';
      const what = describeLabel(item.item_key, input.outcome, kindOf(input.outcome, input.abstentionKind), input.note, kind);
      const { id, batch, action } = this.actions.begin(item.run_id, input.annotator, what, input.itemId, 1);
      const label = this.record({ ...input, kind, batch, actionId: id }, item);
      const after = this.ctx.statement('SELECT * FROM items WHERE id = ?').get(input.itemId) as ItemRecord;
      // The action just begun is on top, and beginning it cleared the redo stack.
      return { label, item: toItemRow(after), stack: { undo: action, redo: null } };
    });
  }

  /** This annotator's current label of an item (null if none or cleared). */
  current(itemId: number, annotator: string, kind: LabelKind = 'label'): Outcome | null {
    return this.currentValue(itemId, annotator, kind).outcome;
  }

  /** This annotator's current label of an item with its abstention kind. */
  currentValue(itemId: number, annotator: string, kind: LabelKind = 'label'): LabelValue {
    const row = this.ctx
      .statement('SELECT outcome, abstention_kind FROM labels WHERE item_id = ? AND annotator = ? AND kind = ? ORDER BY id DESC LIMIT 1')
      .get(itemId, annotator, kind) as { outcome: Outcome | null; abstention_kind: AbstentionKind | null } | undefined;
    return { outcome: row?.outcome ?? null, abstentionKind: row?.abstention_kind ?? null };
  }

  /**
   * Labels many items as one action (one transaction, one batch id), so that
   * the whole of it is undone at once. `valueFor` returns null to skip an
   * item (an outcome, or an outcome with its abstention kind), and an item
   * already carrying that label is skipped; an action that writes nothing is
   * not put on the undo stack.
   */
  bulk(
    itemIds: Iterable<number>,
    annotator: string,
    valueFor: (itemId: number) => Outcome | LabelValue | null,
    what = 'bulk labels',
  ): { batch: string; count: number } {
    let action: { id: number; batch: string } | null = null;
    let count = 0;
    this.ctx.transaction(() => {
      for (const itemId of itemIds) {
        const given = valueFor(itemId);
        if (given === null) continue;
        const value = typeof given === 'string' ? { outcome: given, abstentionKind: null } : given;
        const abstentionKind = kindOf(value.outcome, value.abstentionKind);
        const now = this.currentValue(itemId, annotator);
        if (now.outcome === value.outcome && now.abstentionKind === abstentionKind) continue;
        action ??= this.actions.begin(this.runOf(itemId), annotator, what, null);
        this.record({ itemId, annotator, outcome: value.outcome, abstentionKind, note: null, kind: 'label', batch: action.batch, actionId: action.id });
        count++;
      }
      if (action) this.actions.setCount(action.id, count);
    });
    return { batch: (action as { batch: string } | null)?.batch ?? randomUUID(), count };
  }

  /** The tops of this annotator's undo and redo stacks in the run. */
  stack(runId: number, annotator: string): UndoStack {
    return this.actions.stack(runId, annotator);
  }

  /**
   * Takes back this annotator's latest action in the run: each item it
   * labelled gets the label the annotator had before. An item they labelled
   * again since (a label that still stands) is left as it is and counted.
   */
  undo(runId: number, annotator: string): UndoResult {
    return this.ctx.transaction(() => {
      const action = this.actions.lastDone(runId, annotator);
      if (!action) return { action: null, count: 0, skipped: 0, stack: this.stack(runId, annotator) };
      const { count, skipped } = this.takeBack(action.batch, action);
      return { action: toLabelAction(action), count, skipped, stack: this.stack(runId, annotator) };
    });
  }

  /**
   * Brings back the action undone last: each item its undoing changed gets
   * the action's label again, unless the annotator labelled it since.
   */
  redo(runId: number, annotator: string): UndoResult {
    return this.ctx.transaction(() => {
      const action = this.actions.firstUndone(runId, annotator);
      if (!action) return { action: null, count: 0, skipped: 0, stack: this.stack(runId, annotator) };
      const db = this.ctx.db;
      const batch = randomUUID();
      const undoings = action.undo_batch === null ? [] : (db.prepare('SELECT * FROM labels WHERE batch = ? ORDER BY id').all(action.undo_batch) as LabelDbRecord[]);
      const forward = db.prepare('SELECT outcome, abstention_kind, note FROM labels WHERE batch = ? AND item_id = ? AND annotator = ? AND kind = ? ORDER BY id DESC LIMIT 1');
      let count = 0;
      let skipped = 0;
      for (const undoing of undoings) {
        const was = forward.get(action.batch, undoing.item_id, undoing.annotator, undoing.kind) as
          | { outcome: Outcome | null; abstention_kind: AbstentionKind | null; note: string | null }
          | undefined;
        if (!was || this.actions.overwritten(undoing.item_id, undoing.annotator, undoing.kind, undoing.id, action.id)) {
          skipped++;
          continue;
        }
        this.record({
          itemId: undoing.item_id,
          annotator: undoing.annotator,
          outcome: was.outcome,
          abstentionKind: was.abstention_kind,
          note: was.note,
          kind: undoing.kind,
          batch,
          actionId: action.id,
        });
        count++;
      }
      this.actions.markRedone(action.id, batch, count);
      return { action: { ...toLabelAction(action), count }, count, skipped, stack: this.stack(runId, annotator) };
    });
  }

  /**
   * Undoes a batch by writing, for each item it touched, the label its
   * annotator had before: history keeps both the action and its undoing.
   */
  undoBatch(batch: string): { count: number; undoBatch: string; skipped: number } {
    return this.ctx.transaction(() => this.takeBack(batch, this.actions.byBatch(batch)));
  }

  /**
   * Merges a label set into a run by item key. Records already present are
   * skipped; where the same annotator's current label differs between the two
   * databases, nothing is overwritten: the conflict is reported.
   */
  merge(runId: number, set: LabelSet): MergeReport {
    const db = this.ctx.db;
    const report: MergeReport = { added: 0, duplicates: 0, unknownKeys: [], conflicts: [] };
    // One pass over the run's keys (there is no key index: see migration 4).
    const idByKey = new Map(db.prepare('SELECT item_key, id FROM items WHERE run_id = ?').raw().all(runId) as Array<[string, number]>);
    const exists = db
      .prepare(
        `SELECT 1 FROM labels WHERE item_id = ? AND annotator = ? AND kind = ? AND created_at = ?
         AND outcome IS ? AND abstention_kind IS ? AND note IS ?`,
      )
      .pluck();
    const hasLocal = db.prepare('SELECT 1 FROM labels WHERE item_id = ? AND annotator = ? AND kind = ? LIMIT 1').pluck();
    // The incoming current label per (item, annotator, kind) is the last record in the set.
    const incomingCurrent = new Map<string, LabelSetEntry>();
    for (const entry of set.labels) incomingCurrent.set(JSON.stringify([entry.itemKey, entry.annotator, entry.kind]), entry);
    const conflicted = new Set<string>();
    for (const [key, entry] of incomingCurrent) {
      const itemId = idByKey.get(entry.itemKey);
      if (itemId === undefined) continue;
      const local = this.currentValue(itemId, entry.annotator, entry.kind);
      const incomingKind = kindOf(entry.outcome, entry.abstentionKind);
      if (hasLocal.get(itemId, entry.annotator, entry.kind) && (local.outcome !== entry.outcome || local.abstentionKind !== incomingKind)) {
        conflicted.add(key);
        report.conflicts.push({
          itemKey: entry.itemKey,
          annotator: entry.annotator,
          kind: entry.kind,
          local: local.outcome,
          incoming: entry.outcome,
          ...(local.abstentionKind || incomingKind ? { localAbstentionKind: local.abstentionKind, incomingAbstentionKind: incomingKind } : {}),
        });
      }
    }
    const unknown = new Set<string>();
    this.ctx.transaction(() => {
      for (const entry of set.labels) {
        const itemId = idByKey.get(entry.itemKey);
        if (itemId === undefined) {
          unknown.add(entry.itemKey);
          continue;
        }
        if (conflicted.has(JSON.stringify([entry.itemKey, entry.annotator, entry.kind]))) continue;
        const abstentionKind = kindOf(entry.outcome, entry.abstentionKind);
        if (exists.get(itemId, entry.annotator, entry.kind, entry.createdAt, entry.outcome, abstentionKind, entry.note)) {
          report.duplicates++;
          continue;
        }
        // Another database's labels: history to keep, not an action of this one to undo.
        this.record({
          itemId,
          annotator: entry.annotator,
          outcome: entry.outcome,
          abstentionKind,
          note: entry.note,
          kind: entry.kind,
          batch: null,
          actionId: null,
          createdAt: entry.createdAt,
        });
        report.added++;
      }
    });
    report.unknownKeys = [...unknown];
    return report;
  }

  annotators(runId?: number): AnnotatorSummary[] {
    const scope = runId === undefined ? '' : 'WHERE item_id IN (SELECT id FROM items WHERE run_id = ?)';
    return this.ctx.db
      .prepare(
        `SELECT annotator AS name, COUNT(*) AS labels, COUNT(DISTINCT item_id) AS items, MAX(created_at) AS lastAt
         FROM labels ${scope} GROUP BY annotator ORDER BY annotator`,
      )
      .all(...(runId === undefined ? [] : [runId])) as AnnotatorSummary[];
  }

  /** Every label record of a run, by item key, for another annotator's database. */
  exportSet(run: { id: number; name: string; sourceSha256: string; model: string | null; task: string | null }): LabelSet {
    const rows = this.ctx.db
      .prepare(
        `SELECT i.item_key AS itemKey, l.annotator, l.outcome, l.abstention_kind AS abstentionKind, l.note, l.created_at AS createdAt, l.kind
         FROM labels l JOIN items i ON i.id = l.item_id WHERE i.run_id = ? ORDER BY l.id`,
      )
      .all(run.id) as Array<LabelSetEntry & { abstentionKind: AbstentionKind | null }>;
    return {
      schema: LABEL_SET_SCHEMA,
      run: { name: run.name, sourceSha256: run.sourceSha256, model: run.model, task: run.task },
      exportedAt: new Date().toISOString(),
      // A kind is written only where one was stated: sets without kinds read as before.
      labels: rows.map(({ abstentionKind, ...entry }) => (abstentionKind ? { ...entry, abstentionKind } : entry)),
    };
  }

  /** Item-level label records of a run, oldest first, for the agreement statistics. */
  agreementRecords(runId: number): {
    records: Array<{ itemKey: string; annotator: string; outcome: Outcome | null; abstentionKind: AbstentionKind | null }>;
    grades: Map<string, Outcome | null>;
  } {
    const db = this.ctx.db;
    const records = db
      .prepare(
        `SELECT i.item_key AS itemKey, l.annotator, l.outcome, l.abstention_kind AS abstentionKind FROM labels l JOIN items i ON i.id = l.item_id
         WHERE i.run_id = ? AND l.kind = 'label' ORDER BY l.id`,
      )
      .all(runId) as Array<{ itemKey: string; annotator: string; outcome: Outcome | null; abstentionKind: AbstentionKind | null }>;
    const grades = new Map<string, Outcome | null>();
    const rows = db
      .prepare(
        `SELECT item_key AS itemKey, imported_grade AS grade FROM items
         WHERE id IN (SELECT l.item_id FROM labels l JOIN items i ON i.id = l.item_id WHERE i.run_id = ? AND l.kind = 'label')`,
      )
      .all(runId) as Array<{ itemKey: string; grade: Outcome | null }>;
    for (const row of rows) grades.set(row.itemKey, row.grade);
    return { records, grades };
  }

  /**
   * How far an annotator is through a queue: the queue's items and how many
   * of them carry this annotator's current label. Counted from the
   * annotator's own labels, so a million-item run costs one index scan.
   */
  progress(runId: number, scope: ItemQuery, annotator: string): { total: number; mine: number } {
    const db = this.ctx.db;
    const built = buildItemQuery(runId, scope);
    const total = db.prepare(`SELECT COUNT(*) FROM items WHERE ${built.where}`).pluck().get(...built.whereParams) as number;
    const mine = db
      .prepare(
        `SELECT COUNT(*) FROM items WHERE ${built.where} AND id IN (
           SELECT l.item_id FROM labels l WHERE l.annotator = ? AND l.kind = 'label' AND l.outcome IS NOT NULL
             AND l.id = (SELECT MAX(x.id) FROM labels x WHERE x.item_id = l.item_id AND x.annotator = l.annotator AND x.kind = 'label'))`,
      )
      .pluck()
      .get(...built.whereParams, annotator) as number;
    return { total, mine };
  }

  /**
   * The one writer of label records: appends the record, re-resolves the
   * item, and moves the run's derived numbers, all inside the caller's
   * transaction. The item must exist.
   */
  private record(input: NewLabel, known?: ItemState): LabelRecord {
    const item = known ?? (this.ctx.statement(ITEM_STATE_SQL).get(input.itemId) as ItemState | undefined);
    if (!item) throw new Error(`item ${input.itemId} does not exist`);
    const createdAt = input.createdAt ?? new Date().toISOString();
    const abstentionKind = kindOf(input.outcome, input.abstentionKind);
    const id = Number(
      this.ctx
        .statement('INSERT INTO labels (item_id, annotator, outcome, abstention_kind, note, created_at, kind, batch, action_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(input.itemId, input.annotator, input.outcome, abstentionKind, input.note, createdAt, input.kind, input.batch, input.actionId).lastInsertRowid,
    );
    const current = this.ctx
      .statement(
        `SELECT annotator, outcome, abstention_kind, kind, id FROM labels l
         WHERE item_id = ? AND id = (SELECT MAX(x.id) FROM labels x WHERE x.item_id = l.item_id AND x.annotator = l.annotator AND x.kind = l.kind)
         ORDER BY id`,
      )
      .all(input.itemId) as CurrentLabel[];
    const resolution = resolveLabels(current);
    this.ctx.statement('UPDATE items SET label = ?, label_abstention_kind = ?, label_annotator = ?, label_source = ?, disputed = ? WHERE id = ?').run(
      resolution.label,
      resolution.abstentionKind,
      resolution.annotator,
      resolution.source,
      resolution.disputed ? 1 : 0,
      input.itemId,
    );
    this.ctx.derived.itemChanged({
      runId: item.run_id,
      ord: item.ord,
      before: effectiveOutcome(item.label, item.imported_grade),
      after: effectiveOutcome(resolution.label, item.imported_grade),
      wasLabeled: item.label !== null,
      isLabeled: resolution.label !== null,
      label: resolution.label,
      disputed: resolution.disputed,
      kindBefore: countedKind(item.label, item.label_abstention_kind, item.imported_grade),
      kindAfter: countedKind(resolution.label, resolution.abstentionKind, item.imported_grade),
      partialBefore: item.imported_partial === 1 && item.label === null,
      partialAfter: item.imported_partial === 1 && resolution.label === null,
    });
    return {
      id,
      itemId: input.itemId,
      annotator: input.annotator,
      outcome: input.outcome,
      abstentionKind,
      note: input.note,
      createdAt,
      kind: input.kind,
      batch: input.batch,
    };
  }

  /**
   * Undoes a batch inside the caller's transaction by writing, for each item
   * it touched, the label its annotator had before. A label that stands on
   * the item since (written by no action, or by one still done) is the
   * annotator's newer word: that item is left alone and counted as skipped.
   */
  private takeBack(batch: string, action: ActionRecord | null): { count: number; undoBatch: string; skipped: number } {
    const undoBatch = randomUUID();
    const rows = this.ctx.db.prepare('SELECT * FROM labels WHERE batch = ? ORDER BY id').all(batch) as LabelDbRecord[];
    if (action) this.actions.markUndone(action);
    let count = 0;
    let skipped = 0;
    for (const row of rows) {
      if (this.actions.overwritten(row.item_id, row.annotator, row.kind, row.id, action?.id ?? 0)) {
        skipped++;
        continue;
      }
      count++;
      const before = this.before(row);
      this.record({ itemId: row.item_id, annotator: row.annotator, ...before, note: null, kind: row.kind, batch: undoBatch, actionId: action?.id ?? null });
    }
    if (action) this.actions.setUndoBatch(action.id, undoBatch);
    return { count, undoBatch, skipped };
  }

  private runOf(itemId: number): number {
    const runId = this.ctx.db.prepare('SELECT run_id FROM items WHERE id = ?').pluck().get(itemId) as number | undefined;
    if (runId === undefined) throw new Error(`item ${itemId} does not exist`);
    return runId;
  }

  /** The label this record's annotator had on the item just before it, with its abstention kind. */
  private before(row: LabelDbRecord): LabelValue {
    const before = this.ctx.db
      .prepare('SELECT outcome, abstention_kind FROM labels WHERE item_id = ? AND annotator = ? AND kind = ? AND id < ? ORDER BY id DESC LIMIT 1')
      .get(row.item_id, row.annotator, row.kind, row.id) as { outcome: Outcome | null; abstention_kind: AbstentionKind | null } | undefined;
    return { outcome: before?.outcome ?? null, abstentionKind: before?.abstention_kind ?? null };
  }
}
