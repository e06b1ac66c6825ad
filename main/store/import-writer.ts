// One import's rows, written inside one transaction on a connection of its
// own: other readers see nothing until commit, and a rollback leaves no
// trace. What goes in (runs split by model and task, confidences in percent,
// suggestions) is decided by main/import/writer.ts; this only writes it.
import Database from 'better-sqlite3';
import type { AbstentionKind, Outcome } from '../../shared/domain.ts';

export interface NewRunRow {
  name: string;
  model: string | null;
  task: string | null;
  sourcePath: string;
  sourceSize: number;
  importerVersion: string;
}

export interface FinishedRun {
  name: string;
  model: string | null;
  task: string | null;
  format: string;
  formatVersion: string | null;
  /** Already JSON. */
  metadata: string;
  sourceSha256: string;
}

const ITEM_COLUMNS = '(run_id, ord, item_key, prompt, answer, gold, imported_grade, imported_partial, confidence, extra, suggested_grade, suggestion_basis, suggested_kind)';
const ITEM_VALUES = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
const VALUES_PER_ROW = 13;
/**
 * Rows go in this many to a statement (one INSERT of many VALUES): a call
 * into better-sqlite3 costs about as much as SQLite's own work for a row, so
 * a million rows one by one spent a third of their time crossing over.
 */
const ROWS_PER_STATEMENT = 32;

export class ImportWriter {
  private readonly db: Database.Database;
  private readonly ownsConnection: boolean;
  private readonly insertRun: Database.Statement;
  private readonly insertItem: Database.Statement;
  private readonly insertItems: Database.Statement;
  /** Rows not yet inserted, their values one after another (a statement's worth of room); written in order. */
  private readonly pending: unknown[] = new Array<unknown>(ROWS_PER_STATEMENT * VALUES_PER_ROW).fill(null);
  private filled = 0;
  private open = true;

  /** `shared`: the store's own connection, used when there is no file to open a second one on (':memory:'). */
  constructor(path: string, shared: Database.Database) {
    this.ownsConnection = path !== ':memory:';
    this.db = this.ownsConnection ? ImportWriter.connect(path) : shared;
    try {
      // The commit makes the run browsable; copying the log into the database
      // (the checkpoint) is left to the import worker, off the main thread.
      if (this.ownsConnection) this.db.pragma('wal_autocheckpoint = 0');
      this.db.exec('BEGIN IMMEDIATE');
    } catch (error) {
      if (this.ownsConnection) this.db.close();
      throw error;
    }
    this.insertRun = this.db.prepare(`
      INSERT INTO runs (name, model, task, format, format_version, source_path, source_sha256, source_size,
                        importer_version, imported_at, metadata)
      VALUES (?, ?, ?, '', NULL, ?, ?, ?, ?, ?, '{}')`);
    // OR FAIL: a statement of many rows that may abort halfway (a NOT NULL, the
    // UNIQUE (run_id, ord)) makes SQLite keep a statement journal, the pages it
    // changes copied first, and past 64 KiB in a temporary file: some 64,000
    // writes for a million rows. FAIL keeps the rows before a failing one, which
    // is harmless here: any failure rolls the whole import back (RunWriter).
    this.insertItem = this.db.prepare(`INSERT OR FAIL INTO items ${ITEM_COLUMNS} VALUES ${ITEM_VALUES}`);
    this.insertItems = this.db.prepare(`INSERT OR FAIL INTO items ${ITEM_COLUMNS} VALUES ${Array(ROWS_PER_STATEMENT).fill(ITEM_VALUES).join(', ')}`);
  }

  /** A second connection for a long write that must not block the store's readers. */
  private static connect(path: string): Database.Database {
    const db = new Database(path);
    db.pragma('synchronous = FULL');
    // Off: every row's run_id is a run this writer created in its own transaction, so
    // the check per row (a lookup in runs, some 5% of an import) can never fail here.
    db.pragma('foreign_keys = OFF');
    db.pragma('busy_timeout = 5000');
    // SQLite's own default page cache (2 MB), not better-sqlite3's 16 MB: rows are appended, and a
    // bigger cache only holds more pages waiting for the log.
    db.pragma('cache_size = -2000');
    return db;
  }

  /**
   * After an import commits: copies the write-ahead log into the database.
   * PASSIVE never blocks readers or writers. Called from the import worker,
   * off the main thread; without it the next label written would pay for
   * copying the whole import. The file must exist: a checkpoint arriving
   * after the database was moved or removed must not create an empty one.
   */
  static checkpoint(path: string): void {
    const db = new Database(path, { fileMustExist: true });
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } finally {
      db.close();
    }
  }

  /** A run, named and described when the file is done (finishRun); its file hash is known only then. */
  createRun(run: NewRunRow): number {
    return Number(
      this.insertRun.run(run.name, run.model, run.task, run.sourcePath, '', run.sourceSize, run.importerVersion, new Date().toISOString()).lastInsertRowid,
    );
  }

  insertItemRow(
    runId: number,
    ord: number,
    key: string,
    prompt: string,
    answer: string,
    gold: string | null,
    grade: Outcome | null,
    partial: boolean,
    confidence: number | null,
    extraJson: string,
    suggested: Outcome | null,
    basis: string | null,
    suggestedKind: AbstentionKind | null,
  ): void {
    const { pending } = this;
    let at = this.filled;
    pending[at++] = runId;
    pending[at++] = ord;
    pending[at++] = key;
    pending[at++] = prompt;
    pending[at++] = answer;
    pending[at++] = gold;
    pending[at++] = grade;
    pending[at++] = partial ? 1 : 0;
    pending[at++] = confidence;
    pending[at++] = extraJson;
    pending[at++] = suggested;
    pending[at++] = basis;
    pending[at++] = suggestedKind;
    if (at === pending.length) {
      // Spread, not the array: better-sqlite3 reads an array's elements one lookup at a time.
      this.insertItems.run(...pending);
      at = 0;
    }
    this.filled = at;
  }

  /** Inserts the rows still pending (fewer than a statement's worth), one by one. */
  private flush(): void {
    for (let at = 0; at < this.filled; at += VALUES_PER_ROW) this.insertItem.run(...this.pending.slice(at, at + VALUES_PER_ROW));
    this.filled = 0;
  }

  /** Divides by 100 the confidences of the run's items before `ord` (written before the file showed it states percent). */
  rescalePercent(runId: number, beforeOrd: number): void {
    this.flush();
    this.db.prepare('UPDATE items SET confidence = confidence / 100.0 WHERE run_id = ? AND ord < ? AND confidence IS NOT NULL').run(runId, beforeOrd);
  }

  finishRun(runId: number, run: FinishedRun): void {
    this.db
      .prepare('UPDATE runs SET name = ?, model = ?, task = ?, format = ?, format_version = ?, metadata = ?, source_sha256 = ? WHERE id = ?')
      .run(run.name, run.model, run.task, run.format, run.formatVersion, run.metadata, run.sourceSha256, runId);
  }

  commit(): void {
    this.flush();
    this.db.exec('COMMIT');
    this.close();
  }

  rollback(): void {
    this.filled = 0;
    if (!this.open) return;
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
    this.close();
  }

  private close(): void {
    this.open = false;
    if (this.ownsConnection) this.db.close();
  }
}
