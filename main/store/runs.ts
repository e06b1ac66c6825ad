// Runs: one imported file (or one (model, task) slice of it) each, with the
// outcome counts the sidebar and Overview show, and what a person corrects on
// them afterwards (name, model, task, free tags).
import type { AbstentionKind, EffectiveOutcome, Outcome, RunSummary } from '../../shared/domain.ts';
import type { RunFields } from '../../shared/runs/fields.ts';
import type { StoreContext } from './context.ts';
import { countedKind, emptyTally, type Tally } from './derived.ts';
import { EFFECTIVE_SQL } from './item-query.ts';
import type { ResultStore } from './results.ts';

/**
 * A run's counts in the results cache, for the next process: counting a
 * million items costs a second (`candor report` after the app, the app's
 * next start). Filed under the run's label revision, so a label drops them.
 * Bump the number when Tally changes shape.
 */
const TALLY_KIND = 'run-tally/1';

function isTally(value: unknown): value is Tally {
  const tally = value as Partial<Tally> | undefined;
  return (
    typeof tally === 'object' && tally !== null && typeof tally.itemCount === 'number' && typeof tally.counts === 'object' && typeof tally.abstentionKinds === 'object' && typeof tally.partialCount === 'number'
  );
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

export class RunStore {
  constructor(
    private readonly ctx: StoreContext,
    private readonly results?: ResultStore,
  ) {}

  list(): RunSummary[] {
    const runs = this.ctx.db.prepare('SELECT * FROM runs ORDER BY id').all() as RunRecord[];
    const tags = new Map<number, string[]>();
    for (const [runId, tag] of this.ctx.db.prepare('SELECT run_id, tag FROM run_tags ORDER BY run_id, tag').raw().all() as Array<[number, string]>) {
      const list = tags.get(runId);
      if (list) list.push(tag);
      else tags.set(runId, [tag]);
    }
    return runs.map((run) => this.summarize(run, tags.get(run.id) ?? []));
  }

  /** How many runs there are, without summarising any (that counts their items). */
  count(): number {
    return this.ctx.db.prepare('SELECT COUNT(*) FROM runs').pluck().get() as number;
  }

  get(runId: number): RunSummary | null {
    const run = this.ctx.db.prepare('SELECT * FROM runs WHERE id = ?').get(runId) as RunRecord | undefined;
    return run ? this.summarize(run, this.tagsOf(runId)) : null;
  }

  /** A run's metadata alone (what its reader noted), without summarising it: that counts its items. */
  metadata(runId: number): Record<string, unknown> | null {
    const text = this.ctx.db.prepare('SELECT metadata FROM runs WHERE id = ?').pluck().get(runId) as string | undefined;
    return text === undefined ? null : (JSON.parse(text) as Record<string, unknown>);
  }

  idsBySha256(sha256: string): number[] {
    return this.ctx.db.prepare('SELECT id FROM runs WHERE source_sha256 = ? ORDER BY id').pluck().all(sha256) as number[];
  }

  /**
   * Corrects what a person may set on a run: only the fields given change,
   * all in one transaction. Values must already be tidy (shared/runs/fields.ts);
   * tags replace the run's tags. Null when there is no such run.
   */
  update(runId: number, changes: Partial<RunFields>): RunSummary | null {
    return this.ctx.transaction(() => {
      const db = this.ctx.db;
      if (db.prepare('SELECT 1 FROM runs WHERE id = ?').get(runId) === undefined) return null;
      if (changes.name !== undefined) db.prepare('UPDATE runs SET name = ? WHERE id = ?').run(changes.name, runId);
      if (changes.model !== undefined) db.prepare('UPDATE runs SET model = ? WHERE id = ?').run(changes.model, runId);
      if (changes.task !== undefined) db.prepare('UPDATE runs SET task = ? WHERE id = ?').run(changes.task, runId);
      if (changes.tags !== undefined) {
        db.prepare('DELETE FROM run_tags WHERE run_id = ?').run(runId);
        const insert = db.prepare('INSERT OR IGNORE INTO run_tags (run_id, tag) VALUES (?, ?)');
        for (const tag of changes.tags) insert.run(runId, tag);
      }
      return this.get(runId);
    });
  }

  /** Every tag in use, with the number of runs carrying it, alphabetically (any case). */
  tags(): Array<{ tag: string; runs: number }> {
    return this.ctx.db
      .prepare('SELECT MIN(tag) AS tag, COUNT(*) AS runs FROM run_tags GROUP BY tag ORDER BY tag')
      .all() as Array<{ tag: string; runs: number }>;
  }

  /** Deletes a run with its items, labels, tags and undo history; returns the rows deleted (0 or 1). */
  delete(runId: number): number {
    this.ctx.derived.forgetRun(runId);
    return this.ctx.db.prepare('DELETE FROM runs WHERE id = ?').run(runId).changes;
  }

  private tagsOf(runId: number): string[] {
    return this.ctx.db.prepare('SELECT tag FROM run_tags WHERE run_id = ? ORDER BY tag').pluck().all(runId) as string[];
  }

  /**
   * Outcome counts, kept in step with labels (derived.ts): listing runs must
   * not count a million items on every key press.
   */
  private tally(runId: number): Tally {
    return this.ctx.derived.tally(runId, () => {
      // The key before the count: a label landing in between keeps the count out of the cache.
      const key = this.results?.key(TALLY_KIND, [runId], {}) ?? null;
      const kept = this.results?.get<unknown>(key);
      if (isTally(kept)) return kept;
      const tally = this.countOutcomes(runId);
      this.results?.file(key, tally);
      return tally;
    });
  }

  private countOutcomes(runId: number): Tally {
    const tally = emptyTally();
    const rows = this.ctx.db
      .prepare(
        `SELECT ${EFFECTIVE_SQL} AS outcome, label, label_abstention_kind AS kind, imported_grade AS grade, imported_partial AND label IS NULL AS partial,
                COUNT(*) AS n, COUNT(confidence) AS confident
         FROM items WHERE run_id = ? GROUP BY 1, 2, 3, 4, 5`,
      )
      .all(runId) as Array<{ outcome: EffectiveOutcome; label: Outcome | null; kind: AbstentionKind | null; grade: Outcome | null; partial: number; n: number; confident: number }>;
    for (const row of rows) {
      tally.counts[row.outcome] += row.n;
      tally.itemCount += row.n;
      if (row.label !== null) tally.labeledCount += row.n;
      tally.confidenceCount += row.confident;
      const kind = countedKind(row.label, row.kind, row.grade);
      if (kind !== null) tally.abstentionKinds[kind] += row.n;
      if (row.partial) tally.partialCount += row.n;
    }
    return tally;
  }

  private summarize(run: RunRecord, tags: string[]): RunSummary {
    const { counts, itemCount, labeledCount, confidenceCount, abstentionKinds, partialCount } = this.tally(run.id);
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
      tags,
      itemCount,
      labeledCount,
      confidenceCount,
      counts: { ...counts },
      abstentionKinds: { ...abstentionKinds },
      partialCount,
    };
  }
}
