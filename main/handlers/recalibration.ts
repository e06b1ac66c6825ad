import { RESULT_KINDS } from '../compute/cached.ts';
import { ComputeCancelled, ComputeRefused, computeClient, type PointsOptions } from '../compute/client.ts';
import { mapDocument, type FitResult, type MapSettings, type SavedMap } from '../../shared/api/recalibration.ts';
import type { RECALIBRATION_VERBS } from '../../shared/api/verbs/recalibration.ts';
import type { RunSummary } from '../../shared/domain.ts';
import {
  LOGIT_CLIP,
  METHOD_LABELS,
  resolveReportSettings,
  type ApplyReport,
  type FitReport,
  type RecalibrationMethod,
  type ReportSettings,
} from '../../shared/recalibration/index.ts';
import { HandlerError, notFound } from './errors.ts';
import type { HandlerKit, HandlersOf } from './kit.ts';
import { ProgressiveResults } from './progressive.ts';

/** Runs a fit or an application in the compute worker; the engine's refusals reach the user as they are. */
async function inWorker<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof ComputeRefused) throw new HandlerError(error.code, error.message);
    if (error instanceof ComputeCancelled) throw new HandlerError('cancelled', 'the fit was cancelled');
    throw error;
  }
}

/** What a saved map records of its fit: name, settings, provenance and the cross-fitted metrics (the app and the CLI alike). */
export function mapRecord(run: RunSummary, method: RecalibrationMethod, name: string | undefined, report: FitReport, candorVersion: string) {
  const settings: MapSettings = { folds: report.settings.folds, seed: report.settings.seed, nBins: report.settings.nBins, logitClip: LOGIT_CLIP };
  return {
    runId: run.id,
    name: name ?? `${METHOD_LABELS[method]} on ${run.name}`,
    method,
    params: report.params,
    settings,
    provenance: {
      run: { id: run.id, name: run.name, model: run.model, task: run.task, sourcePath: run.sourcePath, sourceSha256: run.sourceSha256 },
      items: report.items,
      fittedAt: new Date().toISOString(),
      candorVersion,
    },
    crossFit: report.metrics,
  };
}

/**
 * Recalibration maps: fit (cross-fitted), save with provenance, export, apply
 * to another run. Fits and applications, intervals included, are kept in the
 * results cache: fitting again with the same settings and labels, or saving
 * the map just fitted, reads them.
 */
export function recalibrationHandlers(kit: HandlerKit): HandlersOf<(typeof RECALIBRATION_VERBS)[number]> {
  const { store, jobs, columns, requireRun, context } = kit;
  const { maps } = store;
  const requireMap = (mapId: number): SavedMap => {
    const map = maps.get(mapId);
    if (!map) throw notFound('recalibration map', mapId);
    return map;
  };
  const settingsOf = (request: ReportSettings): ReportSettings => {
    const out: ReportSettings = {};
    if (request.folds !== undefined) out.folds = request.folds;
    if (request.seed !== undefined) out.seed = request.seed;
    if (request.nBins !== undefined) out.nBins = request.nBins;
    if (request.resamples !== undefined) out.resamples = request.resamples;
    return out;
  };

  const fits = new ProgressiveResults<FitResult>(jobs);

  /** The fit's cache key (made before the run's columns are read) and the fit, computed unless cached. */
  const fitKey = (runId: number, method: RecalibrationMethod, settings: ReportSettings) =>
    kit.resultKey(RESULT_KINDS.recalibrationFit, [runId], { method, ...resolveReportSettings(settings) });
  const fitOf = (runId: number, method: RecalibrationMethod, settings: ReportSettings, options?: PointsOptions<FitReport>): Promise<FitReport> => {
    const key = fitKey(runId, method, settings);
    return store.results.remember(key, () => inWorker(computeClient().recalibrationFit({ columns: columns.get(runId), method, settings, extracted: columns.extracted(runId) }, options)));
  };

  return {
    'recalibration/fit': async ({ runId, method, ...rest }) => {
      requireRun(runId);
      return fitOf(runId, method, settingsOf(rest));
    },
    'recalibration/start': async ({ runId, method, ...rest }) => {
      requireRun(runId);
      const settings = settingsOf(rest);
      const key = fitKey(runId, method, settings);
      const cached = store.results.get<FitReport>(key);
      let jobId = '';
      const job = jobs.start('analysis', `fitting ${METHOD_LABELS[method]}`, async (control) => {
        try {
          const report =
            cached ??
            (await inWorker(
              computeClient().recalibrationFit(
                { columns: columns.get(runId), method, settings, extracted: columns.extracted(runId) },
                {
                  signal: control.signal,
                  onPoints: (points) => {
                    fits.publish(jobId, { ...points, intervalsPending: points.settings.resamples > 0 });
                    // A total from here on says every point is in (the view fetches them then).
                    if (points.afterPending) control.progress(0, null, 'cross-fitting the map');
                    else control.progress(0, points.settings.resamples, 'bootstrap: drawing the intervals');
                  },
                  onProgress: (done, total) => control.progress(done, total, `bootstrap: ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} resamples`),
                },
              ),
            ));
          if (!cached) store.results.file(key, report);
          fits.publish(jobId, report);
          return null;
        } finally {
          setImmediate(() => fits.ended(jobId));
        }
      });
      jobId = job.id;
      fits.open(jobId);
      return { jobId, cached: cached !== undefined };
    },
    'recalibration/result': async ({ jobId }) => fits.get(jobId, 'fit'),
    'recalibration/save': async ({ runId, method, name, ...rest }) => {
      const run = requireRun(runId);
      const report = await fitOf(runId, method, settingsOf(rest));
      return store.whenWritable(() => maps.insert(mapRecord(run, method, name, report, context.version)));
    },
    'recalibration/list': async ({ runId }) => maps.list(runId),
    'recalibration/export': async ({ mapId }) => mapDocument(requireMap(mapId)),
    'recalibration/apply': async ({ mapId, runId, resamples }) => {
      const map = requireMap(mapId);
      requireRun(runId);
      const settings: ReportSettings = resamples === undefined ? {} : { resamples };
      const key = kit.resultKey(RESULT_KINDS.recalibrationApply, [runId], { params: map.params, ...resolveReportSettings(settings) });
      const report = await store.results.remember<ApplyReport>(key, () =>
        inWorker(computeClient().recalibrationApply({ columns: columns.get(runId), params: map.params, settings })),
      );
      return { ...report, map };
    },
    'recalibration/delete': async ({ mapId }) => {
      requireMap(mapId);
      return { deleted: await store.whenWritable(() => maps.delete(mapId)) };
    },
  };
}
