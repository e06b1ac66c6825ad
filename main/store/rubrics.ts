// Saved rubrics (schema v3 `rubrics`) and each run's stated confidence target
// (schema v3 `settings`, key run-target:<id>).
import type { StoreContext } from './context.ts';

export interface RubricRecord {
  id: number;
  name: string;
  spec: string;
  createdAt: string;
}

const targetKey = (runId: number): string => `run-target:${runId}`;

export class RubricStore {
  constructor(private readonly ctx: StoreContext) {}

  list(): RubricRecord[] {
    return this.ctx.db.prepare('SELECT id, name, spec, created_at AS createdAt FROM rubrics ORDER BY id').all() as RubricRecord[];
  }

  /** Inserts unless the spec is saved already; either way returns the stored row. */
  insert(name: string, spec: string): { record: RubricRecord; created: boolean } {
    const db = this.ctx.db;
    return this.ctx.transaction(() => {
      const changes = db.prepare('INSERT INTO rubrics (name, spec, created_at) VALUES (?, ?, ?) ON CONFLICT (spec) DO NOTHING').run(name, spec, new Date().toISOString()).changes;
      const record = db.prepare('SELECT id, name, spec, created_at AS createdAt FROM rubrics WHERE spec = ?').get(spec) as RubricRecord;
      return { record, created: changes > 0 };
    });
  }

  delete(id: number): number {
    return this.ctx.db.prepare('DELETE FROM rubrics WHERE id = ?').run(id).changes;
  }

  /** The user-set target of a run; undefined when none was set. */
  runTarget(runId: number): number | undefined {
    const raw = this.ctx.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(targetKey(runId)) as string | undefined;
    if (raw === undefined) return undefined;
    const value = (JSON.parse(raw) as { target?: unknown }).target;
    return typeof value === 'number' && value >= 0 && value < 1 ? value : undefined;
  }

  /** Stores (or with null, forgets) a run's target as JSON under run-target:<runId>. */
  setRunTarget(runId: number, target: number | null): void {
    const db = this.ctx.db;
    if (target === null) {
      db.prepare('DELETE FROM settings WHERE key = ?').run(targetKey(runId));
      return;
    }
    db.prepare(
      'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    ).run(targetKey(runId), JSON.stringify({ target }), new Date().toISOString());
  }
}
