import type { AppInfo, Request, Result, Verb } from '../../shared/api/contract.ts';
import type { RunSummary } from '../../shared/domain.ts';
import type { OutcomeColumns } from '../../shared/metrics/types.ts';
import type { ExtractedCalibrationData } from '../../shared/metrics/calibration-data.ts';
import { resultKey } from '../compute/cached.ts';
import type { KeyOptions, ResultKey } from '../store/results.ts';
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

/** What every domain's handlers share. */
export interface HandlerKit {
  context: HandlerContext;
  store: Store;
  jobs: JobRegistry;
  /** Each run's outcome columns for the engine, cached by the store and kept in step with every label. */
  columns: {
    get(runId: number): OutcomeColumns;
    /** Its answered items with a confidence, extracted once on shared memory (main/store/derived.ts). */
    extracted(runId: number): ExtractedCalibrationData;
  };
  requireRun(runId: number): RunSummary;
  /** Where the results cache files a result of `kind` over these runs and settings, for this Candor (see main/compute/cached.ts). */
  resultKey(kind: string, runIds: readonly number[], settings: unknown, options?: KeyOptions): ResultKey | null;
}

export function createKit(context: HandlerContext): HandlerKit {
  const { store } = context;
  return {
    context,
    store,
    jobs: context.jobs,
    columns: { get: (runId) => store.items.columns(runId), extracted: (runId) => store.items.extracted(runId) },
    requireRun(runId) {
      const run = store.runs.get(runId);
      if (!run) throw notFound('run', runId);
      return run;
    },
    resultKey: (kind, runIds, settings, options) => resultKey(store, context.version, kind, runIds, settings, options),
  };
}
