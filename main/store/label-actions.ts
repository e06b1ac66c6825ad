// The label_actions table (migration 6): each annotator's undo and redo
// stacks per run. Used by the label store only; it decides what undo writes.
import { randomUUID } from 'node:crypto';
import type { LabelAction, UndoStack } from '../../shared/api/labeling.ts';
import type { StoreContext } from './context.ts';

export interface ActionRecord {
  id: number;
  run_id: number;
  annotator: string;
  what: string;
  state: 'done' | 'undone' | 'dropped';
  /** The records that carry the action's effect now (its own, or its latest redoing). */
  batch: string;
  /** The records that took it back, while it is undone. */
  undo_batch: string | null;
  count: number;
  item_id: number | null;
  created_at: string;
}

export function toLabelAction(record: ActionRecord): LabelAction {
  return { id: record.id, what: record.what, count: record.count, itemId: record.item_id, createdAt: record.created_at };
}

export class ActionLog {
  constructor(private readonly ctx: StoreContext) {}

  /**
   * Starts an action on top of the annotator's undo stack. As in every editor,
   * a new action clears what could be redone: those actions become 'dropped'.
   */
  begin(runId: number, annotator: string, what: string, itemId: number | null, count = 0): { id: number; batch: string; action: LabelAction } {
    const batch = randomUUID();
    this.ctx.statement("UPDATE label_actions SET state = 'dropped' WHERE run_id = ? AND annotator = ? AND state = 'undone'").run(runId, annotator);
    const createdAt = new Date().toISOString();
    const id = Number(
      this.ctx
        .statement("INSERT INTO label_actions (run_id, annotator, what, state, batch, count, item_id, created_at) VALUES (?, ?, ?, 'done', ?, ?, ?, ?)")
        .run(runId, annotator, what, batch, count, itemId, createdAt).lastInsertRowid,
    );
    return { id, batch, action: { id, what, count, itemId, createdAt } };
  }

  setCount(actionId: number, count: number): void {
    this.ctx.db.prepare('UPDATE label_actions SET count = ? WHERE id = ?').run(count, actionId);
  }

  /** The action undo would take back: the annotator's latest one still done. */
  lastDone(runId: number, annotator: string): ActionRecord | null {
    return (
      (this.ctx
        .statement("SELECT * FROM label_actions WHERE run_id = ? AND annotator = ? AND state = 'done' ORDER BY id DESC LIMIT 1")
        .get(runId, annotator) as ActionRecord | undefined) ?? null
    );
  }

  /** The action redo would bring back: the earliest one undone (later ones were undone before it). */
  firstUndone(runId: number, annotator: string): ActionRecord | null {
    return (
      (this.ctx
        .statement("SELECT * FROM label_actions WHERE run_id = ? AND annotator = ? AND state = 'undone' ORDER BY id LIMIT 1")
        .get(runId, annotator) as ActionRecord | undefined) ?? null
    );
  }

  /** The done action whose records are this batch, if any. */
  byBatch(batch: string): ActionRecord | null {
    return (this.ctx.db.prepare("SELECT * FROM label_actions WHERE batch = ? AND state = 'done'").get(batch) as ActionRecord | undefined) ?? null;
  }

  /** Marks an action taken back. Undone on top of the stack it can be redone; taken back out of order, it cannot. */
  markUndone(action: ActionRecord): void {
    const top = this.lastDone(action.run_id, action.annotator);
    this.ctx.db.prepare('UPDATE label_actions SET state = ? WHERE id = ?').run(top?.id === action.id ? 'undone' : 'dropped', action.id);
  }

  setUndoBatch(actionId: number, undoBatch: string): void {
    this.ctx.db.prepare('UPDATE label_actions SET undo_batch = ? WHERE id = ?').run(undoBatch, actionId);
  }

  /** Marks an undone action done again; its effect now lives in `batch`. */
  markRedone(actionId: number, batch: string, count: number): void {
    this.ctx.db.prepare("UPDATE label_actions SET state = 'done', batch = ?, undo_batch = NULL, count = ? WHERE id = ?").run(batch, count, actionId);
  }

  stack(runId: number, annotator: string): UndoStack {
    const undo = this.lastDone(runId, annotator);
    const redo = this.firstUndone(runId, annotator);
    return { undo: undo && toLabelAction(undo), redo: redo && toLabelAction(redo) };
  }

  /**
   * Whether a label written after record `afterId` stands on (item,
   * annotator, kind) above action `actionId` (0: above nothing): one written
   * by no action (a merge, an older Candor) or by a later action still done.
   * Records of actions since undone do not stand (their effect is gone), nor
   * do those of earlier actions undone and redone meanwhile: they lie below.
   */
  overwritten(itemId: number, annotator: string, kind: string, afterId: number, actionId: number): boolean {
    return (
      this.ctx.db
        .prepare(
          `SELECT 1 FROM labels l LEFT JOIN label_actions a ON a.id = l.action_id
           WHERE l.item_id = ? AND l.annotator = ? AND l.kind = ? AND l.id > ? AND (a.id IS NULL OR (a.state = 'done' AND a.id > ?)) LIMIT 1`,
        )
        .get(itemId, annotator, kind, afterId, actionId) !== undefined
    );
  }
}
