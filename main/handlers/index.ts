import type { AppInfo, Request, Result, Verb } from '../../shared/api/contract.ts';
import type { OutcomeColumns } from '../../shared/metrics/types.ts';
import { OUTCOME_CODE } from '../../shared/metrics/types.ts';
import { computeRunMetrics } from '../../shared/metrics/run-metrics.ts';
import { importSources } from '../import/pipeline.ts';
import type { Store } from '../store/store.ts';
import { HandlerError, notFound } from './errors.ts';
import { JobRegistry } from './jobs.ts';

export interface HandlerContext {
  store: Store;
  jobs: JobRegistry;
  runtime: AppInfo['runtime'];
  version: string;
  /** The demo run shipped in assets/, offered on an empty store. */
  demoPath: string;
}

export type Handlers = { [V in Verb]: (request: Request<V>) => Promise<Result<V>> };

/**
 * Caches each run's columns for the engine and patches them in place when a
 * label changes, so a key press costs one metric pass, not a table scan.
 */
class ColumnCache {
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

/** The API's implementation: one function per verb, no transport, no Electron. */
export function createHandlers(context: HandlerContext): Handlers {
  const { store, jobs } = context;
  const columns = new ColumnCache(store);

  const requireRun = (runId: number) => {
    const run = store.getRun(runId);
    if (!run) throw notFound('run', runId);
    return run;
  };

  const startImport = (sources: Request<'import/start'>['sources'], message: string) =>
    jobs.start('import', message, async (control) =>
      importSources(store, sources, {
        signal: control.signal,
        onProgress: ({ fileIndex, fileCount, file, bytesRead, bytesTotal }) => {
          // One unit per file, split by bytes, so several files share one bar.
          const done = fileIndex + (bytesTotal > 0 ? bytesRead / bytesTotal : 1);
          control.progress(Math.round(done * 1000), fileCount * 1000, `reading ${file}`);
        },
      }),
    );

  return {
    'app/info': async () => ({
      version: context.version,
      dbPath: store.path,
      runtime: context.runtime,
      runCount: store.listRuns().length,
    }),
    'runs/list': async () => store.listRuns(),
    'runs/get': async ({ runId }) => requireRun(runId),
    'runs/delete': async ({ runId }) => {
      requireRun(runId);
      columns.drop(runId);
      return { deleted: await store.whenWritable(() => store.deleteRun(runId)) };
    },
    'runs/metrics': async ({ runId }) => {
      requireRun(runId);
      return computeRunMetrics(columns.get(runId));
    },
    'items/list': async ({ runId, offset, limit, ...filter }) => {
      requireRun(runId);
      const page = store.listItems(runId, filter, offset, limit);
      return { total: page.total, offset, rows: page.rows };
    },
    'items/get': async ({ itemId, annotator, blind }) => {
      const item = store.getItem(itemId, { annotator, blind });
      if (!item) throw notFound('item', itemId);
      return item;
    },
    'items/neighbor': async ({ itemId, direction, ...filter }) => {
      if (!store.itemRecord(itemId)) throw notFound('item', itemId);
      return store.neighbor(itemId, direction, filter);
    },
    'labels/set': async ({ itemId, annotator, outcome, note, kind, blind }) => {
      const written = await store.whenWritable(() => store.addLabel({ itemId, annotator, outcome, note: note ?? null, kind }));
      if (!written) throw notFound('item', itemId);
      columns.patch(written.item.runId, written.ord, written.item.outcome);
      return { label: written.label, item: store.getItem(itemId, { annotator, blind })! };
    },
    'labels/bulk': async ({ runId, annotator, filter, action, itemIds }) => {
      requireRun(runId);
      const inFilter = store.listItems(runId, filter, 0, Number.MAX_SAFE_INTEGER).rows;
      const chosen = itemIds ? new Set(itemIds) : null;
      const targets = inFilter.filter((row) => !chosen || chosen.has(row.id));
      const gradeOf = new Map(targets.map((row) => [row.id, row.importedGrade]));
      const result = await store.whenWritable(() =>
        store.labels.bulk(
          targets.map((row) => row.id),
          annotator,
          (id) => (action.type === 'set' ? action.outcome : (gradeOf.get(id) ?? null)),
        ),
      );
      columns.drop(runId);
      return result;
    },
    'labels/undo-batch': async ({ batch }) => {
      const result = await store.whenWritable(() => store.labels.undoBatch(batch));
      if (result.count === 0) throw notFound('batch', batch);
      columns.drop();
      return result;
    },
    'labels/export': async ({ runId }) => store.labels.exportSet(requireRun(runId)),
    'labels/merge': async ({ runId, set }) => {
      requireRun(runId);
      const report = await store.whenWritable(() => store.labels.merge(runId, set));
      columns.drop(runId);
      return report;
    },
    'annotators/list': async ({ runId }) => store.labels.annotators(runId),
    'import/start': async ({ sources }) => {
      const job = startImport(sources, `importing ${sources.length} file${sources.length === 1 ? '' : 's'}`);
      return { jobId: job.id };
    },
    'jobs/get': async ({ jobId }) => {
      const job = jobs.get(jobId);
      if (!job) throw notFound('job', jobId);
      return job;
    },
    'jobs/cancel': async ({ jobId }) => {
      const job = jobs.cancel(jobId);
      if (!job) throw notFound('job', jobId);
      return job;
    },
    'demo/load': async () => {
      const job = startImport([{ kind: 'path', path: context.demoPath }], 'loading the demo run');
      const finished = await jobs.wait(job.id);
      if (finished.state !== 'done' || !finished.result) {
        throw new HandlerError('demo-failed', finished.error?.message ?? 'the demo run could not be loaded');
      }
      return { runIds: finished.result.flatMap((file) => file.runIds) };
    },
  };
}
