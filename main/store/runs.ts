// Runs: one imported file (or one (model, task) slice of it) each, with the
// outcome counts the sidebar and Overview show.
import type { EffectiveOutcome, RunSummary } from '../../shared/domain.ts';
import type { StoreContext } from './context.ts';
import { emptyTally, type Tally } from './derived.ts';
import { EFFECTIVE_SQL } from './item-query.ts';

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

export class RunStore {
  constructor(private readonly ctx: StoreContext) {}

  list(): RunSummary[] {
    const runs = this.ctx.db.prepare('SELECT * FROM runs ORDER BY id').all() as RunRecord[];
    return runs.map((run) => this.summarize(run));
  }

  /** How many runs there are, without summarising any (that counts their items). */
  count(): number {
    return this.ctx.db.prepare('SELECT COUNT(*) FROM runs').pluck().get() as number;
  }

  get(runId: number): RunSummary | null {
    const run = this.ctx.db.prepare('SELECT * FROM runs WHERE id = ?').get(runId) as RunRecord | undefined;
    return run ? this.summarize(run) : null;
  }

  /** A run's metadata alone (what its reader noted), without summarising it: that counts its items. */
  metadata(runId: number): Record<string, unknown> | null {
    const text = this.ctx.db.prepare('SELECT metadata FROM runs WHERE id = ?').pluck().get(runId) as string | undefined;
    return text === undefined ? null : (JSON.parse(text) as Record<string, unknown>);
  }

  idsBySha256(sha256: string): number[] {
    return this.ctx.db.prepare('SELECT id FROM runs WHERE source_sha256 = ? ORDER BY id').pluck().all(sha256) as number[];
  }

  /** Deletes a run with its items, labels and undo history; returns the rows deleted (0 or 1). */
  delete(runId: number): number {
    this.ctx.derived.forgetRun(runId);
    return this.ctx.db.prepare('DELETE FROM runs WHERE id = ?').run(runId).changes;
  }

  /**
   * Outcome counts, kept in step with labels (derived.ts): listing runs must
   * not count a million items on every key press.
   */
  private tally(runId: number): Tally {
    return this.ctx.derived.tally(runId, () => {
      const tally = emptyTally();
      const rows = this.ctx.db
        .prepare(`SELECT ${EFFECTIVE_SQL} AS outcome, COUNT(*) AS n, COUNT(label) AS labeled, COUNT(confidence) AS confident FROM items WHERE run_id = ? GROUP BY 1`)
        .all(runId) as Array<{ outcome: EffectiveOutcome; n: number; labeled: number; confident: number }>;
      for (const row of rows) {
        tally.counts[row.outcome] = row.n;
        tally.itemCount += row.n;
        tally.labeledCount += row.labeled;
        tally.confidenceCount += row.confident;
      }
      return tally;
    });
  }

  private summarize(run: RunRecord): RunSummary {
    const { counts, itemCount, labeledCount, confidenceCount } = this.tally(run.id);
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
      confidenceCount,
      counts: { ...counts },
    };
  }
}
