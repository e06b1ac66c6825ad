import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  effectiveOutcome,
  emptyOutcomeCounts,
  type EffectiveOutcome,
  type ItemDetail,
  type ItemRow,
  type LabelRecord,
  type Outcome,
  type RunSummary,
} from '../../shared/domain.ts';
import { OUTCOME_CODE, type OutcomeColumns } from '../../shared/metrics/types.ts';
import { migrate } from './migrations/index.ts';

export interface NewRun {
  name: string;
  model: string | null;
  task: string | null;
  format: string;
  formatVersion: string | null;
  sourcePath: string;
  sourceSha256: string;
  sourceSize: number;
  importerVersion: string;
  metadata: Record<string, unknown>;
}

export interface NewItem {
  key: string;
  prompt: string;
  answer: string;
  gold: string | null;
  grade: Outcome | null;
  confidence: number | null;
  extra: Record<string, unknown>;
}

export interface ItemQuery {
  search?: string | undefined;
  outcome?: EffectiveOutcome | undefined;
}

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
}

interface LabelDbRecord {
  id: number;
  item_id: number;
  annotator: string;
  outcome: Outcome | null;
  note: string | null;
  created_at: string;
}

const EFFECTIVE_SQL = `COALESCE(label, imported_grade, 'unlabeled')`;

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
    outcome: effectiveOutcome(record.label, record.imported_grade),
  };
}

function toLabel(record: LabelDbRecord): LabelRecord {
  return {
    id: record.id,
    itemId: record.item_id,
    annotator: record.annotator,
    outcome: record.outcome,
    note: record.note,
    createdAt: record.created_at,
  };
}

/** Escapes LIKE wildcards so a search for "50%" means the text "50%". */
function likePattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The one database file: runs, items, labels. Synchronous (better-sqlite3),
 * Electron-free, so it runs the same under the app, browser mode and the CLI.
 */
export class Store {
  readonly db: Database.Database;
  readonly path: string;

  private constructor(db: Database.Database, path: string) {
    this.db = db;
    this.path = path;
  }

  static open(path: string): Store {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    try {
      if (path !== ':memory:') db.pragma('journal_mode = WAL');
      // FULL: a label acknowledged to the user survives a power cut, not only a crash.
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
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

  // ---- runs -------------------------------------------------------------

  listRuns(): RunSummary[] {
    const runs = this.db.prepare('SELECT * FROM runs ORDER BY id').all() as RunRecord[];
    return runs.map((run) => this.summarize(run));
  }

  getRun(runId: number): RunSummary | null {
    const run = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(runId) as RunRecord | undefined;
    return run ? this.summarize(run) : null;
  }

  runIdsBySha256(sha256: string): number[] {
    return (this.db.prepare('SELECT id FROM runs WHERE source_sha256 = ? ORDER BY id').pluck().all(sha256) as number[]);
  }

  deleteRun(runId: number): number {
    return this.db.prepare('DELETE FROM runs WHERE id = ?').run(runId).changes;
  }

  private summarize(run: RunRecord): RunSummary {
    const counts = emptyOutcomeCounts();
    const rows = this.db
      .prepare(`SELECT ${EFFECTIVE_SQL} AS outcome, COUNT(*) AS n FROM items WHERE run_id = ? GROUP BY 1`)
      .all(run.id) as Array<{ outcome: EffectiveOutcome; n: number }>;
    let itemCount = 0;
    for (const row of rows) {
      counts[row.outcome] = row.n;
      itemCount += row.n;
    }
    const labeledCount = this.db
      .prepare('SELECT COUNT(*) FROM items WHERE run_id = ? AND label IS NOT NULL')
      .pluck()
      .get(run.id) as number;
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
      counts,
    };
  }

  /**
   * Writes whole runs in one transaction: all of them or none. `fill` receives
   * an inserter per run; anything it throws rolls everything back.
   */
  writeRuns(fill: (createRun: (run: NewRun) => (item: NewItem) => void) => void): number[] {
    const insertRun = this.db.prepare(`
      INSERT INTO runs (name, model, task, format, format_version, source_path, source_sha256, source_size,
                        importer_version, imported_at, metadata)
      VALUES (@name, @model, @task, @format, @formatVersion, @sourcePath, @sourceSha256, @sourceSize,
              @importerVersion, @importedAt, @metadata)`);
    const insertItem = this.db.prepare(`
      INSERT INTO items (run_id, ord, item_key, prompt, answer, gold, imported_grade, confidence, extra)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const created: number[] = [];
    this.db.transaction(() => {
      fill((run) => {
        const runId = Number(
          insertRun.run({ ...run, importedAt: new Date().toISOString(), metadata: JSON.stringify(run.metadata) })
            .lastInsertRowid,
        );
        created.push(runId);
        let ord = 0;
        return (item) => {
          insertItem.run(
            runId,
            ord++,
            item.key,
            item.prompt,
            item.answer,
            item.gold,
            item.grade,
            item.confidence,
            JSON.stringify(item.extra),
          );
        };
      });
    })();
    return created;
  }

  // ---- items ------------------------------------------------------------

  private filterSql(query: ItemQuery): { where: string; params: unknown[] } {
    const clauses = ['run_id = ?'];
    const params: unknown[] = [];
    if (query.outcome) {
      clauses.push(`${EFFECTIVE_SQL} = ?`);
      params.push(query.outcome);
    }
    if (query.search && query.search.trim() !== '') {
      const pattern = likePattern(query.search.trim());
      clauses.push(
        `(item_key LIKE ? ESCAPE '\\' OR prompt LIKE ? ESCAPE '\\' OR answer LIKE ? ESCAPE '\\' OR gold LIKE ? ESCAPE '\\')`,
      );
      params.push(pattern, pattern, pattern, pattern);
    }
    return { where: clauses.join(' AND '), params };
  }

  listItems(runId: number, query: ItemQuery, offset: number, limit: number): { total: number; rows: ItemRow[] } {
    const { where, params } = this.filterSql(query);
    const total = this.db.prepare(`SELECT COUNT(*) FROM items WHERE ${where}`).pluck().get(runId, ...params) as number;
    const rows = this.db
      .prepare(`SELECT * FROM items WHERE ${where} ORDER BY ord LIMIT ? OFFSET ?`)
      .all(runId, ...params, limit, offset) as ItemRecord[];
    return { total, rows: rows.map(toItemRow) };
  }

  private itemRecord(itemId: number): ItemRecord | null {
    return (this.db.prepare('SELECT * FROM items WHERE id = ?').get(itemId) as ItemRecord | undefined) ?? null;
  }

  getItem(itemId: number): ItemDetail | null {
    const record = this.itemRecord(itemId);
    if (!record) return null;
    const history = this.db
      .prepare('SELECT * FROM labels WHERE item_id = ? ORDER BY id')
      .all(itemId) as LabelDbRecord[];
    return {
      ...toItemRow(record),
      extra: JSON.parse(record.extra) as Record<string, unknown>,
      history: history.map(toLabel),
      index: record.ord,
    };
  }

  /** The next (or previous) item in run order that passes the same filters. */
  neighbor(itemId: number, direction: 'next' | 'prev', query: ItemQuery): ItemRow | null {
    const record = this.itemRecord(itemId);
    if (!record) return null;
    const { where, params } = this.filterSql(query);
    const [comparison, order] = direction === 'next' ? ['>', 'ASC'] : ['<', 'DESC'];
    const row = this.db
      .prepare(`SELECT * FROM items WHERE ${where} AND ord ${comparison} ? ORDER BY ord ${order} LIMIT 1`)
      .get(record.run_id, ...params, record.ord) as ItemRecord | undefined;
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

  // ---- labels -----------------------------------------------------------

  /**
   * Records a label (or its clearing, outcome null) and makes it the item's
   * current human label, in one transaction: committed before this returns.
   */
  addLabel(input: { itemId: number; annotator: string; outcome: Outcome | null; note: string | null }): {
    label: LabelRecord;
    item: ItemRow;
    ord: number;
  } | null {
    const insert = this.db.prepare(
      'INSERT INTO labels (item_id, annotator, outcome, note, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    const update = this.db.prepare('UPDATE items SET label = ?, label_annotator = ? WHERE id = ?');
    return this.db.transaction(() => {
      const before = this.itemRecord(input.itemId);
      if (!before) return null;
      const createdAt = new Date().toISOString();
      const id = Number(insert.run(input.itemId, input.annotator, input.outcome, input.note, createdAt).lastInsertRowid);
      update.run(input.outcome, input.outcome === null ? null : input.annotator, input.itemId);
      const after = this.itemRecord(input.itemId) as ItemRecord;
      return {
        label: { id, itemId: input.itemId, annotator: input.annotator, outcome: input.outcome, note: input.note, createdAt },
        item: toItemRow(after),
        ord: after.ord,
      };
    })();
  }
}
