// Queries behind the rubrics domain: saved rubrics (schema v3 `rubrics`), the
// per-run stated confidence target (schema v3 `settings`, key run-target:<id>),
// item keys for matching runs, training frequencies from items' extra columns.
import type Database from 'better-sqlite3';
import type { EffectiveOutcome } from '../../shared/domain.ts';
import { FrequencyReader } from '../../shared/rubrics/frequency.ts';
import { EFFECTIVE_SQL } from './item-query.ts';

export interface RubricRecord {
  id: number;
  name: string;
  spec: string;
  createdAt: string;
}

export function listRubrics(db: Database.Database): RubricRecord[] {
  return db.prepare('SELECT id, name, spec, created_at AS createdAt FROM rubrics ORDER BY id').all() as RubricRecord[];
}

/** Inserts unless the spec is saved already; either way returns the stored row. */
export function insertRubric(db: Database.Database, name: string, spec: string): { record: RubricRecord; created: boolean } {
  return db.transaction(() => {
    const changes = db.prepare('INSERT INTO rubrics (name, spec, created_at) VALUES (?, ?, ?) ON CONFLICT (spec) DO NOTHING').run(name, spec, new Date().toISOString()).changes;
    const record = db.prepare('SELECT id, name, spec, created_at AS createdAt FROM rubrics WHERE spec = ?').get(spec) as RubricRecord;
    return { record, created: changes > 0 };
  })();
}

export function deleteRubric(db: Database.Database, id: number): number {
  return db.prepare('DELETE FROM rubrics WHERE id = ?').run(id).changes;
}

const targetKey = (runId: number): string => `run-target:${runId}`;

/** The user-set target of a run; undefined when none was set. */
export function getRunTarget(db: Database.Database, runId: number): number | undefined {
  const raw = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(targetKey(runId)) as string | undefined;
  if (raw === undefined) return undefined;
  const value = (JSON.parse(raw) as { target?: unknown }).target;
  return typeof value === 'number' && value >= 0 && value < 1 ? value : undefined;
}

/** Stores (or with null, forgets) a run's target as JSON under run-target:<runId>. */
export function setRunTarget(db: Database.Database, runId: number, target: number | null): void {
  if (target === null) {
    db.prepare('DELETE FROM settings WHERE key = ?').run(targetKey(runId));
    return;
  }
  db.prepare(
    'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
  ).run(targetKey(runId), JSON.stringify({ target }), new Date().toISOString());
}

/** Item keys in run order, parallel to Store.outcomeColumns. */
export function itemKeys(db: Database.Database, runId: number): string[] {
  return db.prepare('SELECT item_key FROM items WHERE run_id = ? ORDER BY ord').pluck().all(runId) as string[];
}

export interface ItemGlance {
  id: number;
  ord: number;
  key: string;
  confidence: number | null;
  outcome: EffectiveOutcome;
  prompt: string;
}

/** A short look at the items at these run positions (ord), for linking to them. */
export function itemsAtOrds(db: Database.Database, runId: number, ords: number[], promptChars = 160): ItemGlance[] {
  const get = db.prepare(
    `SELECT id, ord, item_key AS key, confidence, ${EFFECTIVE_SQL} AS outcome, substr(prompt, 1, ?) AS prompt FROM items WHERE run_id = ? AND ord = ?`,
  );
  return ords.flatMap((ord) => {
    const row = get.get(promptChars, runId, ord) as ItemGlance | undefined;
    return row ? [row] : [];
  });
}

/** Run-order positions: outcomeColumns index i is the i-th item by ord, which need not equal ord. */
export function ordsInRunOrder(db: Database.Database, runId: number): number[] {
  return db.prepare('SELECT ord FROM items WHERE run_id = ? ORDER BY ord').pluck().all(runId) as number[];
}

/**
 * frequencyColumn a slice of items at a time, letting the event loop go
 * between slices (see Store.outcomeColumnsInSlices), for a report exported
 * while labels are being written.
 */
export async function frequencyColumnInSlices(
  db: Database.Database,
  runId: number,
  aliases: readonly string[],
  slice = 4096,
): Promise<{ column: string; values: Float64Array } | null> {
  const reader = new FrequencyReader(aliases);
  const page = db.prepare('SELECT extra, ord FROM items WHERE run_id = ? AND ord > ? ORDER BY ord LIMIT ?').raw();
  for (let after = -1; ; ) {
    const rows = page.all(runId, after, slice) as Array<[string, number]>;
    if (rows.length === 0) break;
    for (const [extra, ord] of rows) {
      reader.add(extra);
      after = ord;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  return reader.result();
}

/** ordsInRunOrder a slice at a time, letting the event loop go between slices. */
export async function ordsInSlices(db: Database.Database, runId: number, slice = 16384): Promise<number[]> {
  const ords: number[] = [];
  const page = db.prepare('SELECT ord FROM items WHERE run_id = ? AND ord > ? ORDER BY ord LIMIT ?').pluck();
  for (let after = -1; ; ) {
    const rows = page.all(runId, after, slice) as number[];
    if (rows.length === 0) break;
    for (const ord of rows) ords.push(ord);
    after = rows[rows.length - 1]!;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return ords;
}

/** Item keys a slice at a time, letting the event loop go between slices (as frequencyColumnInSlices). */
export async function itemKeysInSlices(db: Database.Database, runId: number, slice = 8192): Promise<string[]> {
  const keys: string[] = [];
  const page = db.prepare('SELECT item_key, ord FROM items WHERE run_id = ? AND ord > ? ORDER BY ord LIMIT ?').raw();
  for (let after = -1; ; ) {
    const rows = page.all(runId, after, slice) as Array<[string, number]>;
    if (rows.length === 0) break;
    for (const [key, ord] of rows) {
      keys.push(key);
      after = ord;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  return keys;
}

/** Read one item at a time: a million items' extra fields are never all in memory at once. */
export function frequencyColumn(db: Database.Database, runId: number, aliases: readonly string[]): { column: string; values: Float64Array } | null {
  const reader = new FrequencyReader(aliases);
  for (const text of db.prepare('SELECT extra FROM items WHERE run_id = ? ORDER BY ord').pluck().iterate(runId) as Iterable<string>) reader.add(text);
  return reader.result();
}
