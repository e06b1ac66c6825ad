import { computeRunMetrics } from '../../shared/metrics/run-metrics.ts';
import type { Request } from '../../shared/api/contract.ts';
import type { CORE_VERBS } from '../../shared/api/verbs/core.ts';
import { importSources, previewSources } from '../import/pipeline.ts';
import { HandlerError, notFound, toApiError } from './errors.ts';
import type { HandlerKit, HandlersOf } from './kit.ts';
import { UploadArea } from './uploads.ts';

/** Runs, items, import jobs and the demo. */
export function coreHandlers(kit: HandlerKit): HandlersOf<(typeof CORE_VERBS)[number]> {
  const { store, jobs, columns, requireRun, context } = kit;
  // Browser mode's staged uploads (see main/handlers/uploads.ts); Electron sends paths instead.
  const uploads = new UploadArea();

  // One import at a time: each holds the database's write lock for its whole
  // file, and a second one would wait on it synchronously (see RunWriter).
  let importChain: Promise<unknown> = Promise.resolve();
  const startImport = (sources: Request<'import/start'>['sources'], message: string) =>
    jobs.start('import', message, async (control) => {
      const previous = importChain;
      const mine = previous.then(() =>
        importSources(store, sources, {
          uploads,
          signal: control.signal,
          onProgress: ({ fileIndex, fileCount, file, bytesRead, bytesTotal }) => {
            // One unit per file, split by bytes, so several files share one bar.
            const done = fileIndex + (bytesTotal > 0 ? bytesRead / bytesTotal : 1);
            control.progress(Math.round(done * 1000), fileCount * 1000, `reading ${file}`);
          },
        }),
      );
      importChain = mine.catch(() => undefined);
      // An upload is imported once: its staged copy goes when the import ends, whatever the outcome.
      void mine.catch(() => undefined).finally(() => {
        for (const source of sources) if (source.kind === 'staged') uploads.discard(source.uploadId);
      });
      control.progress(0, null, 'waiting for the import before it');
      return mine;
    });

  return {
    'app/info': async () => ({
      version: context.version,
      dbPath: store.path,
      runtime: context.runtime,
      runCount: store.runs.count(),
    }),
    'runs/list': async () => store.runs.list(),
    'runs/get': async ({ runId }) => requireRun(runId),
    'runs/metrics': async ({ runId }) => {
      requireRun(runId);
      return computeRunMetrics(columns.get(runId));
    },
    'items/list': async ({ runId, offset, limit, ...filter }) => {
      requireRun(runId);
      const page = store.items.list(runId, filter, offset, limit);
      return { total: page.total, offset, rows: page.rows };
    },
    'items/get': async ({ itemId, annotator, blind }) => {
      const item = store.items.get(itemId, { annotator, blind });
      if (!item) throw notFound('item', itemId);
      return item;
    },
    'items/neighbor': async ({ itemId, direction, ...filter }) => {
      if (!store.items.exists(itemId)) throw notFound('item', itemId);
      return store.items.neighbor(itemId, direction, filter);
    },
    'import/start': async ({ sources }) => {
      const job = startImport(sources, `importing ${sources.length} file${sources.length === 1 ? '' : 's'}`);
      return { jobId: job.id };
    },
    'import/preview': async ({ sources, limit }) => ({ files: await previewSources(store, sources, toApiError, limit, uploads) }),
    'import/upload': async ({ uploadId, path, offset, base64 }) => uploads.put(uploadId, path, offset, Buffer.from(base64, 'base64')),
    'import/discard': async ({ uploadId }) => ({ discarded: uploads.discard(uploadId) }),
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
