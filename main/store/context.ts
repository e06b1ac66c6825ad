import type Database from 'better-sqlite3';
import type { DerivedState } from './derived.ts';

/**
 * What every concern of the store shares: the one connection, the state
 * derived from the tables, and the transaction that keeps both in step. Each
 * concern (runs.ts, items.ts, labels.ts, ...) is a class built on this, and
 * the Store hands them out as store.runs, store.items, ...
 */
export class StoreContext {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    readonly db: Database.Database,
    readonly derived: DerivedState,
  ) {}

  /**
   * A prepared statement kept for the connection's life, for the statements
   * every label runs (compiling one costs about as much as running it).
   * Only for fixed SQL run with .get/.all/.run: a statement's pluck/raw mode
   * would carry over to the next caller.
   */
  statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /**
   * Runs `work` in one transaction (a savepoint when nested). Derived state is
   * patched inside it, next to the rows it mirrors; if the transaction rolls
   * back, the derived state is dropped, so it is never ahead of the tables.
   */
  transaction<T>(work: () => T): T {
    try {
      return this.db.transaction(work)();
    } catch (error) {
      this.derived.forgetAll();
      throw error;
    }
  }

  /**
   * Runs a write, waiting without blocking the event loop while another
   * connection (an import in progress) holds the write lock. The first try
   * is made before this returns.
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
}
