import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  effectiveOutcome,
  emptyOutcomeCounts,
  type EffectiveOutcome,
  type ItemDetail,
  type ItemRow,
  type LabelSource,
  type Outcome,
  type RunSummary,
} from '../../shared/domain.ts';
import { OUTCOME_CODE, type OutcomeColumns } from '../../shared/metrics/types.ts';
import { buildItemQuery, EFFECTIVE_SQL, type ItemQuery } from './item-query.ts';
import { LabelBook, toLabel, type LabelDbRecord } from './labels.ts';
import { migrate } from './migrations/index.ts';

export type { ItemQuery } from './item-query.ts';

interface RunRecord {
  id: number;
  name: string;
  model: string | null;
  task: string | null;
  format: string;
  source_path: string;
  source_sha256: string;
  source_size: number;
  imported_at: string;
  metadata: string;
}

interface ItemRecord {
  id: number;
  run_id: number;
  ord: number;
  item_key: string;
  prompt: string;
  answer: string;
  gold: string | null;
  imported_grade: Outcome | null;
  confidence: number | null;
  extra: string;
  label: Outcome | null;
  label_annotator: string | null;
  label_source: LabelSource | null;
  disputed: number;
  suggested_grade: Outcome | null;
  suggestion_basis: string | null;
}

function toItemRow(record: ItemRecord): ItemRow {
  return {
    id: record.id,
    runId: record.run_id,
    key: record.item_key,
    prompt: record.prompt,
    answer: record.answer,
    gold: record.gold,
    importedGrade: record.imported_grade,
    confidence: record.confidence,
    label: record.label,
    labelAnnotator: record.label_annotator,
    labelSource: record.label_source,
    disputed: record.disputed === 1,
    outcome: effectiveOutcome(record.label, record.imported_grade),
    suggestedGrade: record.suggested_grade,
    suggestionBasis: record.suggestion_basis,
  };
}

/** What a viewer may see of an item: blind mode withholds what could bias a label. */
export interface ItemViewer {
  annotator?: string | undefined;
  blind?: boolean | undefined;
}

/**
 * The one database file: runs, items, labels. Synchronous (better-sqlite3),
 * Electron-free, so it runs the same under the app, browser mode and the CLI.
 */
export class Store {
  readonly db: Database.Database;
  readonly path: string;

  readonly labels: LabelBook;
  /**
   * Outcome counts per run, kept in step with single labels and dropped after
   * bulk changes: listing runs must not count a million items on every key press.
   */
  private readonly tallies = new Map<number, { counts: RunSummary['counts']; itemCount: number; labeledCount: number }>();

  private constructor(db: Database.Database, path: string) {
    this.db = db;
    this.path = path;
    this.labels = new LabelBook(db, () => this.tallies.clear());
  }

  static open(path: string): Store {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    try {
      if (path !== ':memory:') db.pragma('journal_mode = WAL');
      // FULL: a label acknowledged to the user survives a power cut, not only a crash.
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      // No waiting here: an import may hold the write lock on its own connection
      // in this same event loop, so writes retry asynchronously (whenWritable).
      db.pragma('busy_timeout = 0');
      migrate(db, path);
    } catch (error) {
      db.close();
      throw error;
    }
    return new Store(db, path);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** A second connection for a long write (an import) that must not block this one's readers. */
  openWriter(): Database.Database {
    const db = new Database(this.path);
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    return db;
  }

  /**
   * Runs a write, waiting without blocking the event loop while another
   * connection (an import in progress) holds the write lock.
   */
  async whenWritable<T>(write: () => T, timeoutMs = 30 * 60_000): Promise<T> {
    const started = Date.now();
    for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
      try {
        return write();
      } catch (error) {
        const busy = error instanceof Error && 'code' in error && String((error as { code: unknown }).code).startsWith('SQLITE_BUSY');
        if (!busy || Date.now() - started > timeoutMs) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  // ---- runs -------------------------------------------------------------

  listRuns(): RunSummary[] {
    const runs = this.db.prepare('SELECT * FROM runs ORDER BY id').all() as RunRecord[];
    return runs.map((run) => this.summarize(run));
  }

  /** How many runs there are, without summarising any (that counts their items). */
  runCount(): number {
    return this.db.prepare('SELECT COUNT(*) FROM runs').pluck().get() as number;
  }

  getRun(runId: number): RunSummary | null {
    const run = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(runId) as RunRecord | undefined;
    return run ? this.summarize(run) : null;
  }

  runIdsBySha256(sha256: string): number[] {
    return (this.db.prepare('SELECT id FROM runs WHERE source_sha256 = ? ORDER BY id').pluck().all(sha256) as number[]);
  }

  deleteRun(runId: number): number {
    this.tallies.delete(runId);
    return this.db.prepare('DELETE FROM runs WHERE id = ?').run(runId).changes;
  }

  private tally(runId: number): { counts: RunSummary['counts']; itemCount: number; labeledCount: number } {
    const cached = this.tallies.get(runId);
    if (cached) return cached;
    const counts = emptyOutcomeCounts();
    const rows = this.db
      .prepare(`SELECT ${EFFECTIVE_SQL} AS outcome, COUNT(*) AS n, COUNT(label) AS labeled FROM items WHERE run_id = ? GROUP BY 1`)
      .all(runId) as Array<{ outcome: EffectiveOutcome; n: number; labeled: number }>;
    let itemCount = 0;
    let labeledCount = 0;
    for (const row of rows) {
      counts[row.outcome] = row.n;
      itemCount += row.n;
      labeledCount += row.labeled;
    }
    const tally = { counts, itemCount, labeledCount };
    this.tallies.set(runId, tally);
    return tally;
  }

  private summarize(run: RunRecord): RunSummary {
    const { counts, itemCount, labeledCount } = this.tally(run.id);
    return {
      id: run.id,
      name: run.name,
      model: run.model,
      task: run.task,
      format: run.format,
      sourcePath: run.source_path,
      sourceSha256: run.source_sha256,
      sourceSize: run.source_size,
      importedAt: run.imported_at,
      metadata: JSON.parse(run.metadata) as Record<string, unknown>,
      itemCount,
      labeledCount,
      counts: { ...counts },
    };
  }

  // ---- items ------------------------------------------------------------

  listItems(runId: number, query: ItemQuery, offset: number, limit: number): { total: number; rows: ItemRow[] } {
    const built = buildItemQuery(runId, query);
    const total = this.db.prepare(`SELECT COUNT(*) FROM items WHERE ${built.where}`).pluck().get(...built.whereParams) as number;
    const rows = this.db
      .prepare(`SELECT * FROM items WHERE ${built.where} ORDER BY ${built.key.join(', ')} LIMIT ? OFFSET ?`)
      .all(...built.whereParams, ...built.keyParams, limit, offset) as ItemRecord[];
    return { total, rows: rows.map(toItemRow) };
  }

  itemRecord(itemId: number): ItemRecord | null {
    return (this.db.prepare('SELECT * FROM items WHERE id = ?').get(itemId) as ItemRecord | undefined) ?? null;
  }

  getItem(itemId: number, viewer: ItemViewer = {}): ItemDetail | null {
    const record = this.itemRecord(itemId);
    if (!record) return null;
    const history = (this.db.prepare('SELECT * FROM labels WHERE item_id = ? ORDER BY id').all(itemId) as LabelDbRecord[]).map(toLabel);
    const mine = viewer.annotator
      ? history.filter((label) => label.annotator === viewer.annotator && label.kind === 'label').at(-1)?.outcome ?? null
      : null;
    const detail: ItemDetail = {
      ...toItemRow(record),
      extra: JSON.parse(record.extra) as Record<string, unknown>,
      history,
      index: record.ord,
      myLabel: mine,
      blind: false,
    };
    if (!viewer.blind) return detail;
    // Blind: nothing that could sway the annotator. Their own work stays visible.
    return {
      ...detail,
      confidence: null,
      importedGrade: null,
      label: mine,
      labelAnnotator: mine ? viewer.annotator ?? null : null,
      labelSource: null,
      disputed: false,
      suggestedGrade: null,
      suggestionBasis: null,
      outcome: mine ?? 'unlabeled',
      history: history.filter((label) => label.annotator === viewer.annotator && label.kind === 'label'),
      extra: {},
      blind: true,
    };
  }

  /** The next (or previous) item in the same queue and filters, or null at the end. */
  neighbor(itemId: number, direction: 'next' | 'prev', query: ItemQuery): ItemRow | null {
    const record = this.itemRecord(itemId);
    if (!record) return null;
    const built = buildItemQuery(record.run_id, query);
    const tuple = `(${built.key.join(', ')})`;
    const position = this.db
      .prepare(`SELECT ${built.key.map((column, i) => `${column} AS k${i}`).join(', ')} FROM items WHERE id = ?`)
      .raw()
      .get(...built.keyParams, itemId) as unknown[];
    const [comparison, order] = direction === 'next' ? ['>', 'ASC'] : ['<', 'DESC'];
    const orderBy = built.key.map((column) => `${column} ${order}`).join(', ');
    const row = this.db
      .prepare(
        `SELECT * FROM items WHERE ${built.where} AND ${tuple} ${comparison} (${position.map(() => '?').join(', ')})
         ORDER BY ${orderBy} LIMIT 1`,
      )
      .get(...built.whereParams, ...built.keyParams, ...position, ...built.keyParams) as ItemRecord | undefined;
    return row ? toItemRow(row) : null;
  }

  /** Effective outcome and confidence of every item of a run, in run order, for the engine. */
  outcomeColumns(runId: number): OutcomeColumns {
    const n = this.db.prepare('SELECT COUNT(*) FROM items WHERE run_id = ?').pluck().get(runId) as number;
    const outcome = new Uint8Array(n);
    const confidence = new Float64Array(n);
    let i = 0;
    const rows = this.db
      .prepare(`SELECT ${EFFECTIVE_SQL}, confidence FROM items WHERE run_id = ? ORDER BY ord`)
      .raw()
      .iterate(runId) as IterableIterator<[EffectiveOutcome, number | null]>;
    for (const [effective, conf] of rows) {
      outcome[i] = OUTCOME_CODE[effective];
      confidence[i] = conf ?? Number.NaN;
      i++;
    }
    return { outcome, confidence };
  }

  /**
   * outcomeColumns read a slice of items at a time, letting the event loop go
   * between slices: a request that arrives meanwhile (a label written during
   * an export) waits for one slice, not for a million rows. A label written
   * between two slices may or may not be in the result, as it may or may not
   * be in an export started a moment earlier.
   */
  async outcomeColumnsInSlices(runId: number, slice = 4096): Promise<OutcomeColumns & { ords: Float64Array }> {
    const n = this.db.prepare('SELECT COUNT(*) FROM items WHERE run_id = ?').pluck().get(runId) as number;
    const outcome = new Uint8Array(n);
    const confidence = new Float64Array(n);
    // each item's ord, to find a few items again by position (itemRowsAtOrds)
    const ords = new Float64Array(n);
    const page = this.db.prepare(`SELECT ${EFFECTIVE_SQL}, confidence, ord FROM items WHERE run_id = ? AND ord > ? ORDER BY ord LIMIT ?`).raw();
    let i = 0;
    for (let after = -1; i < n; ) {
      const rows = page.all(runId, after, slice) as Array<[EffectiveOutcome, number | null, number]>;
      if (rows.length === 0) break;
      for (const [effective, conf, ord] of rows) {
        if (i === n) break;
        outcome[i] = OUTCOME_CODE[effective];
        confidence[i] = conf ?? Number.NaN;
        ords[i] = ord;
        i++;
        after = ord;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    // A run deleted meanwhile has fewer items than counted.
    return { outcome: outcome.subarray(0, i), confidence: confidence.subarray(0, i), ords: ords.subarray(0, i) };
  }

  /** Items of a run by ord, in the order given (an ord no item has is skipped). */
  itemRowsAtOrds(runId: number, ords: number[]): ItemRow[] {
    const get = this.db.prepare('SELECT * FROM items WHERE run_id = ? AND ord = ?');
    return ords.flatMap((ord) => {
      const record = get.get(runId, ord) as ItemRecord | undefined;
      return record ? [toItemRow(record)] : [];
    });
  }

  // ---- labels -----------------------------------------------------------

  /**
   * Records a label (or its clearing, outcome null) or an adjudication and
   * re-resolves the item, in one transaction: committed before this returns.
   */
  addLabel(input: {
    itemId: number;
    annotator: string;
    outcome: Outcome | null;
    note: string | null;
    kind?: 'label' | 'adjudication';
  }): { label: ReturnType<typeof toLabel>; item: ItemRow; ord: number } | null {
    const written = this.db.transaction(() => {
      const before = this.itemRecord(input.itemId);
      if (!before) return null;
      const label = this.labels.record({ ...input, kind: input.kind ?? 'label', batch: null });
      const after = this.itemRecord(input.itemId) as ItemRecord;
      return { label, before: toItemRow(before), item: toItemRow(after), ord: after.ord };
    })();
    if (!written) return null;
    // Committed: move the item between outcome counts instead of recounting the run.
    const tally = this.tallies.get(written.item.runId);
    if (tally) {
      tally.counts[written.before.outcome]--;
      tally.counts[written.item.outcome]++;
      tally.labeledCount += Number(written.item.label !== null) - Number(written.before.label !== null);
    }
    return { label: written.label, item: written.item, ord: written.ord };
  }
}
