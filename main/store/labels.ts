import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { LabelKind, LabelRecord, Outcome } from '../../shared/domain.ts';
import type { LabelSet, LabelSetEntry, MergeReport } from '../../shared/labels/label-set.ts';
import { LABEL_SET_SCHEMA } from '../../shared/labels/label-set.ts';
import { applyResolution, resolveItem } from './label-resolution.ts';

export interface LabelDbRecord {
  id: number;
  item_id: number;
  annotator: string;
  outcome: Outcome | null;
  note: string | null;
  created_at: string;
  kind: LabelKind;
  batch: string | null;
}

export function toLabel(record: LabelDbRecord): LabelRecord {
  return {
    id: record.id,
    itemId: record.item_id,
    annotator: record.annotator,
    outcome: record.outcome,
    note: record.note,
    createdAt: record.created_at,
    kind: record.kind,
    batch: record.batch,
  };
}

export interface AnnotatorSummary {
  name: string;
  labels: number;
  items: number;
  lastAt: string | null;
}

/**
 * The label history: append-only records, each re-resolving its item. Callers
 * wrap calls in a transaction where several must land together.
 */
export class LabelBook {
  /** `changedMany` is told after any action that may have changed many items (bulk, undo, merge). */
  constructor(
    private readonly db: Database.Database,
    private readonly changedMany: () => void = () => undefined,
  ) {}

  record(input: {
    itemId: number;
    annotator: string;
    outcome: Outcome | null;
    note: string | null;
    kind: LabelKind;
    batch: string | null;
    createdAt?: string;
  }): LabelRecord {
    const createdAt = input.createdAt ?? new Date().toISOString();
    const id = Number(
      this.db
        .prepare('INSERT INTO labels (item_id, annotator, outcome, note, created_at, kind, batch) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(input.itemId, input.annotator, input.outcome, input.note, createdAt, input.kind, input.batch).lastInsertRowid,
    );
    applyResolution(this.db, input.itemId, resolveItem(this.db, input.itemId));
    return {
      id,
      itemId: input.itemId,
      annotator: input.annotator,
      outcome: input.outcome,
      note: input.note,
      createdAt,
      kind: input.kind,
      batch: input.batch,
    };
  }

  /** This annotator's current label of an item (null if none or cleared). */
  current(itemId: number, annotator: string, kind: LabelKind = 'label'): Outcome | null {
    const row = this.db
      .prepare('SELECT outcome FROM labels WHERE item_id = ? AND annotator = ? AND kind = ? ORDER BY id DESC LIMIT 1')
      .get(itemId, annotator, kind) as { outcome: Outcome | null } | undefined;
    return row?.outcome ?? null;
  }

  /**
   * Labels many items as one batch (one transaction, one id), so that the
   * whole action can be undone at once. `outcomeFor` returns null to skip an item.
   */
  private bulkInner(
    itemIds: Iterable<number>,
    annotator: string,
    outcomeFor: (itemId: number) => Outcome | null,
  ): { batch: string; count: number } {
    const batch = randomUUID();
    let count = 0;
    this.db.transaction(() => {
      for (const itemId of itemIds) {
        const outcome = outcomeFor(itemId);
        if (outcome === null || this.current(itemId, annotator) === outcome) continue;
        this.record({ itemId, annotator, outcome, note: null, kind: 'label', batch });
        count++;
      }
    })();
    return { batch, count };
  }

  /**
   * Undoes a batch by writing, for each item it touched, the label its
   * annotator had before: history keeps both the action and its undoing.
   */
  private undoBatchInner(batch: string): { count: number; undoBatch: string; skipped: number } {
    const undoBatch = randomUUID();
    const rows = this.db.prepare('SELECT * FROM labels WHERE batch = ? ORDER BY id').all(batch) as LabelDbRecord[];
    const latest = this.db.prepare('SELECT MAX(id) FROM labels WHERE item_id = ? AND annotator = ? AND kind = ?').pluck();
    let count = 0;
    let skipped = 0;
    this.db.transaction(() => {
      for (const row of rows) {
        // A label made after the batch is the annotator's newer word on that item: undo leaves it alone.
        if (latest.get(row.item_id, row.annotator, row.kind) !== row.id) {
          skipped++;
          continue;
        }
        count++;
        const before = this.db
          .prepare('SELECT outcome FROM labels WHERE item_id = ? AND annotator = ? AND kind = ? AND id < ? ORDER BY id DESC LIMIT 1')
          .get(row.item_id, row.annotator, row.kind, row.id) as { outcome: Outcome | null } | undefined;
        this.record({
          itemId: row.item_id,
          annotator: row.annotator,
          outcome: before?.outcome ?? null,
          note: null,
          kind: row.kind,
          batch: undoBatch,
        });
      }
    })();
    return { count, undoBatch, skipped };
  }

  bulk(itemIds: Iterable<number>, annotator: string, outcomeFor: (itemId: number) => Outcome | null): { batch: string; count: number } {
    try {
      return this.bulkInner(itemIds, annotator, outcomeFor);
    } finally {
      this.changedMany();
    }
  }

  undoBatch(batch: string): { count: number; undoBatch: string; skipped: number } {
    try {
      return this.undoBatchInner(batch);
    } finally {
      this.changedMany();
    }
  }

  merge(runId: number, set: LabelSet): MergeReport {
    try {
      return this.mergeInner(runId, set);
    } finally {
      this.changedMany();
    }
  }

  annotators(runId?: number): AnnotatorSummary[] {
    const scope = runId === undefined ? '' : 'WHERE item_id IN (SELECT id FROM items WHERE run_id = ?)';
    return this.db
      .prepare(
        `SELECT annotator AS name, COUNT(*) AS labels, COUNT(DISTINCT item_id) AS items, MAX(created_at) AS lastAt
         FROM labels ${scope} GROUP BY annotator ORDER BY annotator`,
      )
      .all(...(runId === undefined ? [] : [runId])) as AnnotatorSummary[];
  }

  /** Every label record of a run, by item key, for another annotator's database. */
  exportSet(run: { id: number; name: string; sourceSha256: string; model: string | null; task: string | null }): LabelSet {
    const rows = this.db
      .prepare(
        `SELECT i.item_key AS itemKey, l.annotator, l.outcome, l.note, l.created_at AS createdAt, l.kind
         FROM labels l JOIN items i ON i.id = l.item_id WHERE i.run_id = ? ORDER BY l.id`,
      )
      .all(run.id) as LabelSetEntry[];
    return {
      schema: LABEL_SET_SCHEMA,
      run: { name: run.name, sourceSha256: run.sourceSha256, model: run.model, task: run.task },
      exportedAt: new Date().toISOString(),
      labels: rows,
    };
  }

  /**
   * Merges a label set into a run by item key. Records already present are
   * skipped; where the same annotator's current label differs between the two
   * databases, nothing is overwritten: the conflict is reported.
   */
  private mergeInner(runId: number, set: LabelSet): MergeReport {
    const report: MergeReport = { added: 0, duplicates: 0, unknownKeys: [], conflicts: [] };
    // One pass over the run's keys (there is no key index: see migration 4).
    const idByKey = new Map(
      (this.db.prepare('SELECT item_key, id FROM items WHERE run_id = ?').raw().all(runId) as Array<[string, number]>),
    );
    const itemIdOf = { get: (_runId: number, key: string) => idByKey.get(key) };
    const exists = this.db
      .prepare(
        `SELECT 1 FROM labels WHERE item_id = ? AND annotator = ? AND kind = ? AND created_at = ?
         AND outcome IS ? AND note IS ?`,
      )
      .pluck();
    // The incoming current label per (item, annotator, kind) is the last record in the set.
    const incomingCurrent = new Map<string, LabelSetEntry>();
    for (const entry of set.labels) incomingCurrent.set(JSON.stringify([entry.itemKey, entry.annotator, entry.kind]), entry);
    const conflicted = new Set<string>();
    for (const [key, entry] of incomingCurrent) {
      const itemId = itemIdOf.get(runId, entry.itemKey) as number | undefined;
      if (itemId === undefined) continue;
      const hasLocal = this.db
        .prepare('SELECT 1 FROM labels WHERE item_id = ? AND annotator = ? AND kind = ? LIMIT 1')
        .pluck()
        .get(itemId, entry.annotator, entry.kind);
      const local = this.current(itemId, entry.annotator, entry.kind);
      if (hasLocal && local !== entry.outcome) {
        conflicted.add(key);
        report.conflicts.push({ itemKey: entry.itemKey, annotator: entry.annotator, kind: entry.kind, local, incoming: entry.outcome });
      }
    }
    const unknown = new Set<string>();
    this.db.transaction(() => {
      for (const entry of set.labels) {
        const itemId = itemIdOf.get(runId, entry.itemKey) as number | undefined;
        if (itemId === undefined) {
          unknown.add(entry.itemKey);
          continue;
        }
        if (conflicted.has(JSON.stringify([entry.itemKey, entry.annotator, entry.kind]))) continue;
        if (exists.get(itemId, entry.annotator, entry.kind, entry.createdAt, entry.outcome, entry.note)) {
          report.duplicates++;
          continue;
        }
        this.record({ itemId, annotator: entry.annotator, outcome: entry.outcome, note: entry.note, kind: entry.kind, batch: null, createdAt: entry.createdAt });
        report.added++;
      }
    })();
    report.unknownKeys = [...unknown];
    return report;
  }
}

/** Item-level label records of a run, oldest first, for the agreement statistics. */
export function agreementRecords(
  db: Database.Database,
  runId: number,
): { records: Array<{ itemKey: string; annotator: string; outcome: Outcome | null }>; grades: Map<string, Outcome | null> } {
  const records = db
    .prepare(
      `SELECT i.item_key AS itemKey, l.annotator, l.outcome FROM labels l JOIN items i ON i.id = l.item_id
       WHERE i.run_id = ? AND l.kind = 'label' ORDER BY l.id`,
    )
    .all(runId) as Array<{ itemKey: string; annotator: string; outcome: Outcome | null }>;
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
 * How far an annotator is through a queue: the queue's items (its filters,
 * with "unlabeled by me" widened to every item so the share means something)
 * and how many of them carry this annotator's current label. Counted from the
 * annotator's own labels, so a million-item run costs one index scan.
 */
export function labelProgress(
  db: Database.Database,
  built: { where: string; whereParams: unknown[] },
  annotator: string,
): { total: number; mine: number } {
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
