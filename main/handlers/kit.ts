import type { AppInfo, Request, Result, Verb } from '../../shared/api/contract.ts';
import type { RunSummary } from '../../shared/domain.ts';
import { OUTCOME_CODE, type OutcomeColumns } from '../../shared/metrics/types.ts';
import type { Store } from '../store/store.ts';
import { notFound } from './errors.ts';
import type { JobRegistry } from './jobs.ts';

export interface HandlerContext {
  store: Store;
  jobs: JobRegistry;
  runtime: AppInfo['runtime'];
  version: string;
  /** The demo run shipped in assets/, offered on an empty store. */
  demoPath: string;
}

/** The handlers of some verbs: each domain file implements its own. */
export type HandlersOf<V extends Verb> = { [K in V]: (request: Request<K>) => Promise<Result<K>> };

/**
 * Caches each run's columns for the engine and patches them in place when a
 * label changes, so a key press costs one metric pass, not a table scan.
 */
export class ColumnCache {
  private readonly cache = new Map<number, OutcomeColumns>();
  constructor(private readonly store: Store) {}
  get(runId: number): OutcomeColumns {
    let columns = this.cache.get(runId);
    if (!columns) {
      columns = this.store.outcomeColumns(runId);
      this.cache.set(runId, columns);
    }
    return columns;
  }
  patch(runId: number, ord: number, outcome: keyof typeof OUTCOME_CODE): void {
    const columns = this.cache.get(runId);
    if (columns && ord < columns.outcome.length) columns.outcome[ord] = OUTCOME_CODE[outcome];
  }
  drop(runId?: number): void {
    if (runId === undefined) this.cache.clear();
    else this.cache.delete(runId);
  }
}

/** What every domain's handlers share. */
export interface HandlerKit {
  context: HandlerContext;
  store: Store;
  jobs: JobRegistry;
  columns: ColumnCache;
  requireRun(runId: number): RunSummary;
}

export function createKit(context: HandlerContext): HandlerKit {
  const { store } = context;
  return {
    context,
    store,
    jobs: context.jobs,
    columns: new ColumnCache(store),
    requireRun(runId) {
      const run = store.getRun(runId);
      if (!run) throw notFound('run', runId);
      return run;
    },
  };
}
