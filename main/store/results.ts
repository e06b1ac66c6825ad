// The results cache: heavy results (bootstrap intervals, smooth bands,
// leaderboards, sweeps, recalibration fits, report figures, the Rubrics tab's
// bounds, a run's training frequencies) kept in the database, so that a
// second visit, or a report after the app computed the same, reads instead of
// recomputing, in this session or the next, in the app or the CLI.
//
// A result is filed under a key made of:
// - its kind (what was computed, with the version of the code that did it),
// - its settings as canonical JSON (every option that changes the result:
//   seed, resamples, convention, bins, ...),
// - each run it read, named by its content (id, import time, file hash: a
//   run's items never change after import) and, when it read the outcomes,
//   by its label revision (migration 9: moved by the database itself with
//   every change of an item's human label, and dropping at once the results
//   that read that run's outcomes).
// The cache is bounded: past CAP_BYTES the oldest results go first.
import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import type { StoreContext } from './context.ts';

/** The most the cache holds, in bytes of stored values (256 MiB); the oldest results are dropped past it. */
export const RESULTS_CAP_BYTES = 256 * 1024 * 1024;

export interface ResultKeyRun {
  runId: number;
  /** the run's label revision when the key was made; null for a result that reads no outcome */
  revision: number | null;
}

/** Where a result is filed, made before its inputs are read (ResultStore.key). */
export interface ResultKey {
  kind: string;
  digest: string;
  runs: ResultKeyRun[];
}

export interface KeyOptions {
  /** Whether the result reads the runs' outcomes, so that a label changes it (default true). */
  outcomes?: boolean;
}

/** JSON with object keys sorted at every depth (undefined members left out), so equal settings give one text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) return JSON.stringify(String(value));
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

interface RunStamp {
  identity: string;
  revision: number;
}

export class ResultStore {
  /** Computations under way in this process, by digest: a second asker waits for the first. */
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(
    private readonly ctx: StoreContext,
    private readonly capBytes = RESULTS_CAP_BYTES,
  ) {}

  /**
   * The key of a result of `kind` over these runs (in this order) and
   * settings, as the runs are now; null when a run does not exist. Make it
   * before reading the inputs: a label written in between then keeps the
   * result out of the cache (put refuses it) rather than filing it under
   * labels it did not see.
   */
  key(kind: string, runIds: readonly number[], settings: unknown, options: KeyOptions = {}): ResultKey | null {
    const outcomes = options.outcomes ?? true;
    const runs: ResultKeyRun[] = [];
    const named: string[] = [];
    for (const runId of runIds) {
      const stamp = this.stamp(runId);
      if (!stamp) return null;
      runs.push({ runId, revision: outcomes ? stamp.revision : null });
      named.push(`${runId}:${stamp.identity}:${outcomes ? stamp.revision : '-'}`);
    }
    const digest = createHash('sha256').update(`${kind}\n${canonicalJson(settings)}\n${named.join('\n')}`).digest('hex');
    return { kind, digest, runs };
  }

  /** The result filed under this key, or undefined. */
  get<T>(key: ResultKey | null): T | undefined {
    if (!key) return undefined;
    const row = this.ctx.statement('SELECT value FROM results WHERE key = ?').get(key.digest) as { value: Buffer } | undefined;
    if (row === undefined) return undefined;
    try {
      return deserialize(row.value) as T;
    } catch {
      // Written by a Node whose serializer this one cannot read: a miss.
      return undefined;
    }
  }

  /**
   * Files a result; false (nothing stored) when a run it read has changed
   * since its key was made (a label, a deleted run) or the value alone
   * would not fit in the cache. Drops the oldest results past the cap.
   */
  put(key: ResultKey | null, value: unknown): boolean {
    if (!key) return false;
    const bytes = serialize(value);
    if (bytes.length > this.capBytes / 4) return false;
    return this.ctx.transaction(() => {
      for (const run of key.runs) {
        const stamp = this.stamp(run.runId);
        if (!stamp || (run.revision !== null && stamp.revision !== run.revision)) return false;
      }
      const db = this.ctx.db;
      db.prepare('INSERT OR REPLACE INTO results (key, kind, value, bytes, created_at) VALUES (?, ?, ?, ?, ?)').run(
        key.digest,
        key.kind,
        bytes,
        bytes.length,
        new Date().toISOString(),
      );
      const link = db.prepare('INSERT OR IGNORE INTO result_runs (run_id, key, revision) VALUES (?, ?, ?)');
      for (const run of key.runs) link.run(run.runId, key.digest, run.revision);
      this.evict(key.digest);
      return true;
    });
  }

  /**
   * The cached result, or `compute`'s, filed for next time (when the
   * database is busy with an import, the filing waits without holding this
   * call). The same computation asked for twice at once runs once.
   */
  async remember<T>(key: ResultKey | null, compute: () => Promise<T>): Promise<T> {
    const hit = this.get<T>(key);
    if (hit !== undefined || !key) return hit ?? compute();
    const running = this.inFlight.get(key.digest) as Promise<T> | undefined;
    if (running) return running;
    const work = compute().then((value) => {
      this.file(key, value);
      return value;
    });
    this.inFlight.set(key.digest, work);
    try {
      return await work;
    } finally {
      this.inFlight.delete(key.digest);
    }
  }

  /** put, when the database lets us; a result that cannot be filed is simply not cached. */
  file(key: ResultKey | null, value: unknown): void {
    if (!key) return;
    this.ctx.whenWritable(() => this.put(key, value)).catch(() => undefined);
  }

  /** How many results are cached and their stored size. */
  usage(): { entries: number; bytes: number } {
    const row = this.ctx.db.prepare('SELECT COUNT(*) AS entries, COALESCE(SUM(bytes), 0) AS bytes FROM results').get() as { entries: number; bytes: number };
    return row;
  }

  /** The kinds of the results that read this run, oldest first (tests, diagnostics). */
  kindsFor(runId: number): string[] {
    return this.ctx.db
      .prepare('SELECT r.kind FROM result_runs l JOIN results r ON r.key = l.key WHERE l.run_id = ? ORDER BY r.rowid')
      .pluck()
      .all(runId) as string[];
  }

  /** The run's content and label revision now; null if it does not exist. */
  private stamp(runId: number): RunStamp | null {
    const row = this.ctx
      .statement(
        `SELECT r.imported_at AS importedAt, r.source_sha256 AS sha256, COALESCE(v.labels, 0) AS revision
         FROM runs r LEFT JOIN run_revisions v ON v.run_id = r.id WHERE r.id = ?`,
      )
      .get(runId) as { importedAt: string; sha256: string; revision: number } | undefined;
    return row ? { identity: `${row.importedAt}:${row.sha256}`, revision: row.revision } : null;
  }

  /** Drops the oldest results until the cache fits its cap again, never `keep` (just filed). */
  private evict(keep: string): void {
    const db = this.ctx.db;
    let total = db.prepare('SELECT COALESCE(SUM(bytes), 0) FROM results').pluck().get() as number;
    if (total <= this.capBytes) return;
    const drop = db.prepare('DELETE FROM results WHERE key = ?');
    for (const row of db.prepare('SELECT key, bytes FROM results ORDER BY rowid').all() as Array<{ key: string; bytes: number }>) {
      if (total <= this.capBytes) break;
      if (row.key === keep) continue;
      drop.run(row.key);
      total -= row.bytes;
    }
  }
}
