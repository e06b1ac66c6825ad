import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { StoreContext } from './context.ts';
import { DerivedState } from './derived.ts';
import { ImportWriter } from './import-writer.ts';
import { ItemStore } from './items.ts';
import { LabelStore } from './labels.ts';
import { migrate } from './migrations/index.ts';
import { MapStore } from './recalibration-maps.ts';
import { ResultStore } from './results.ts';
import { RubricStore } from './rubrics.ts';
import { RunStore } from './runs.ts';
import { SettingStore } from './settings.ts';

const BACKGROUND_WAIT_MS = 10_000;

export type { ItemQuery } from './item-query.ts';
export type { ItemViewer } from './items.ts';

/**
 * The one database file and the only code that talks to it. Synchronous
 * (better-sqlite3), Electron-free, so it runs the same under the app, browser
 * mode and the CLI. Each concern is a member in one style (store.runs,
 * store.items, store.labels, ...), built on the shared StoreContext; the
 * connection itself never leaves main/store.
 */
export class Store {
  private readonly db: Database.Database;
  private readonly ctx: StoreContext;
  readonly path: string;

  readonly runs: RunStore;
  readonly items: ItemStore;
  readonly labels: LabelStore;
  readonly rubrics: RubricStore;
  readonly maps: MapStore;
  readonly settings: SettingStore;
  readonly results: ResultStore;
  /** Flags of work other threads do in this database's files (an import's checkpoint); close() waits for each. */
  private readonly background: Int32Array[] = [];

  private constructor(db: Database.Database, path: string) {
    this.db = db;
    this.path = path;
    const ctx = new StoreContext(db, new DerivedState());
    this.ctx = ctx;
    this.results = new ResultStore(ctx);
    this.runs = new RunStore(ctx, this.results);
    this.items = new ItemStore(ctx);
    this.labels = new LabelStore(ctx);
    this.rubrics = new RubricStore(ctx);
    this.maps = new MapStore(ctx);
    this.settings = new SettingStore(ctx);
  }

  static open(path: string): Store {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    try {
      // A new database gets 16 KiB pages (SQLite's default is 4): items are a few
      // hundred bytes of text each, written in bulk and read run by run, and an
      // import's log then takes a quarter of the writes and reads to fill, commit
      // and copy in (a 1M-row import: 0.13 s less). An existing database keeps its own.
      db.pragma('page_size = 16384');
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

  /**
   * Waits, at most 10 s in all, for the other threads still writing this
   * database's files (an import worker copying its log in), so that whoever
   * closes the store may then move or delete them. Blocks: it runs when the
   * app quits, the CLI ends, or a test cleans up.
   */
  close(): void {
    const deadline = Date.now() + BACKGROUND_WAIT_MS;
    for (const flag of this.background.splice(0)) {
      const left = deadline - Date.now();
      if (left > 0) Atomics.wait(flag, 0, 0, left);
    }
    if (this.db.open) this.db.close();
  }

  /** Registers work another thread is doing in this database's files; `done[0]` becomes 1 when it ends. */
  awaitBeforeClose(done: Int32Array): void {
    // Finished ones need no waiting; dropping them keeps a long session's list short.
    for (let i = this.background.length - 1; i >= 0; i--) if (Atomics.load(this.background[i]!, 0) !== 0) this.background.splice(i, 1);
    this.background.push(done);
  }

  /**
   * The writer an import writes through: its own transaction on a second
   * connection, so a long import does not block this connection's readers.
   */
  openImportWriter(): ImportWriter {
    return new ImportWriter(this.path, this.db);
  }

  /**
   * Runs a write, waiting without blocking the event loop while another
   * connection (an import in progress) holds the write lock.
   */
  whenWritable<T>(write: () => T, timeoutMs?: number): Promise<T> {
    return this.ctx.whenWritable(write, timeoutMs);
  }
}
