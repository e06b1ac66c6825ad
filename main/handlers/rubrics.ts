import { thinnedIndices } from '../../shared/plots/thin.ts';
import { compareSettings, RESULT_KINDS, runOrds, trainingFrequency } from '../compute/cached.ts';
import { computeClient } from '../compute/client.ts';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  FREQUENCY_COLUMNS,
  TARGET_METADATA_KEYS,
  type CompareResult,
  type GapItem,
  type RunTarget,
  type SavedRubric,
  type WireIiv,
  type WireSingletonPanel,
} from '../../shared/api/contract.ts';
import type { RUBRICS_VERBS } from '../../shared/api/verbs/rubrics.ts';
import type { RunSummary } from '../../shared/domain.ts';
import {
  behavioralAudit,
  defaultRubrics,
  formatRubric,
  impliedThreshold,
  parseRubric,
  policyGaps,
  rubricLabel,
  RubricSpecError,
  validateRubric,
  type IivResult,
  type Rubric,
  type RunInput,
  type SingletonPanel,
  type TargetRun,
} from '../../shared/rubrics/index.ts';
import { importSources } from '../import/pipeline.ts';
import { HandlerError, notFound } from './errors.ts';
import type { HandlerKit, HandlersOf } from './kit.ts';

function parseSpec(spec: string): Rubric {
  try {
    return parseRubric(spec);
  } catch (error) {
    if (error instanceof RubricSpecError) throw new HandlerError('invalid-rubric', error.message);
    throw error;
  }
}

function describe(rubric: Rubric, saved: { id: number; name: string } | null): SavedRubric {
  const label = rubricLabel(rubric);
  return {
    id: saved?.id ?? null,
    name: saved?.name || label,
    spec: formatRubric(rubric),
    label,
    builtin: saved === null,
    impliedThreshold: impliedThreshold(rubric),
    warnings: validateRubric(rubric),
  };
}

/** A target from run metadata: a number in [0, 1), or a numeric string. */
export function metadataTarget(metadata: Record<string, unknown>): { key: string; target: number } | null {
  for (const key of TARGET_METADATA_KEYS) {
    const raw = metadata[key];
    const value = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
    if (value >= 0 && value < 1) return { key, target: value };
  }
  return null;
}

/** JSON has no Infinity; the wire carries null where the engine has +/-Infinity. */
const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** How far (in rates, the plot's unit square) a point of the ROC sent to the view may lie from the line drawn without it: a tenth of a pixel on a 500-pixel plot. */
const ROC_TOLERANCE = 2e-4;

function wireIiv(result: IivResult): WireIiv {
  const { roc } = result;
  // The best threshold's point is always kept: the plot marks it.
  const best = roc.findIndex((point) => point.threshold === result.bestThreshold && point.error === result.errIiv);
  const drawn = thinnedIndices(
    roc.map((point) => point.fpr),
    roc.map((point) => point.tpr),
    ROC_TOLERANCE,
    best < 0 ? [] : [best],
  );
  return {
    ...result,
    roc: drawn.map((i) => ({ ...roc[i]!, threshold: finite(roc[i]!.threshold) })),
    bestThreshold: result.bestThreshold === null ? null : finite(result.bestThreshold),
  };
}

function wireSingleton(panel: SingletonPanel): WireSingletonPanel {
  return {
    ...panel,
    buckets: panel.buckets.map((bucket) => ({ ...bucket, hi: finite(bucket.hi) })),
    bound: panel.bound === null ? null : { ...panel.bound, minErrorSetSize: finite(panel.bound.minErrorSetSize) },
  };
}

/** Rubrics, leaderboards, sweeps and audits. */
export function rubricsHandlers(kit: HandlerKit): HandlersOf<(typeof RUBRICS_VERBS)[number]> {
  const { store, jobs, columns, requireRun, context } = kit;

  const savedRubrics = (): SavedRubric[] => {
    const defaults = defaultRubrics().map((rubric) => describe(rubric, null));
    const builtin = new Set(defaults.map((rubric) => rubric.spec));
    const saved = store.rubrics
      .list()
      .filter((record) => !builtin.has(record.spec))
      .map((record) => describe(parseSpec(record.spec), record));
    return [...defaults, ...saved];
  };

  const runInput = (run: RunSummary): RunInput => ({
    runId: run.id,
    name: run.name,
    keys: store.items.keys(run.id),
    columns: columns.get(run.id),
  });

  const requireRuns = (ids: number[]): RunSummary[] => {
    if (new Set(ids).size !== ids.length) throw new HandlerError('invalid-request', 'the same run is listed twice');
    return ids.map(requireRun);
  };

  const runTarget = (run: RunSummary): RunTarget => {
    const base = { runId: run.id, name: run.name, model: run.model ?? run.name };
    const user = store.rubrics.runTarget(run.id);
    if (user !== undefined) return { ...base, target: user, source: 'user', metadataKey: null };
    const meta = metadataTarget(run.metadata);
    if (meta) return { ...base, target: meta.target, source: 'metadata', metadataKey: meta.key };
    return { ...base, target: null, source: null, metadataKey: null };
  };

  // A run's training frequencies and run-order positions never change after its import: read once
  // (a slice at a time, letting requests through), then kept in the results cache.
  const frequencyOf = (run: RunSummary) => trainingFrequency(store, context.version, run);
  const ordsOf = (run: RunSummary) => runOrds(store, context.version, run);

  const glance = async (runId: number, indices: number[], limit: number): Promise<GapItem[]> => {
    const ords = await ordsOf(requireRun(runId));
    return store.items.atOrds(runId, indices.slice(0, limit).map((i) => ords[i]!)).map((item) => ({
      itemId: item.id,
      key: item.key,
      confidence: item.confidence ?? Number.NaN,
      outcome: item.outcome,
      prompt: item.prompt,
    }));
  };

  return {
    'rubrics/list': async () => ({ rubrics: savedRubrics() }),

    'rubrics/save': async ({ spec, name }) => {
      const rubric = parseSpec(spec);
      const canonical = formatRubric(rubric);
      const builtin = savedRubrics().find((saved) => saved.builtin && saved.spec === canonical);
      if (builtin) return { rubric: builtin, created: false };
      const { record, created } = await store.whenWritable(() => store.rubrics.insert(name ?? '', canonical));
      return { rubric: describe(rubric, record), created };
    },

    'rubrics/delete': async ({ id }) => {
      const deleted = await store.whenWritable(() => store.rubrics.delete(id));
      if (deleted === 0) throw notFound('rubric', id);
      return { deleted };
    },

    'rubrics/compare': async ({ runIds, specs, resamples, seed }) => {
      const runs = requireRuns(runIds);
      const rubrics = specs ? specs.map(parseSpec) : savedRubrics().map((saved) => parseRubric(saved.spec));
      const bootstrap = { resamples: resamples ?? 1000, seed: seed ?? 0 };
      // The same key as a report's: either finds what the other computed.
      const key = kit.resultKey(RESULT_KINDS.rubricsCompare, runIds, compareSettings(runs, rubrics, bootstrap));
      // The bootstrap runs in the compute worker: a million items must not hold the main loop.
      // A run compared alone needs no item keys (reading and sending a million of them costs seconds).
      const { leaderboard, sweep } = await store.results.remember<Pick<CompareResult, 'leaderboard' | 'sweep'>>(key, () =>
        computeClient().task('rubrics/compare', {
          runs: runs.length > 1 ? runs.map(runInput) : runs.map((run) => ({ runId: run.id, name: run.name, columns: columns.get(run.id) })),
          rubrics,
          ...bootstrap,
        }),
      );
      return {
        runs: runs.map((run) => ({ runId: run.id, name: run.name, model: run.model, items: run.itemCount })),
        leaderboard,
        sweep,
      };
    },

    'rubrics/audit': async ({ runIds }) => {
      const runs = requireRuns(runIds);
      const targets = runs.map(runTarget);
      const audited: TargetRun[] = [];
      runs.forEach((run, i) => {
        const { target, model } = targets[i]!;
        // The audit reads outcomes and confidences only: no item keys.
        if (target !== null) audited.push({ runId: run.id, name: run.name, columns: columns.get(run.id), model, target });
      });
      return { runs: targets, audits: behavioralAudit(audited) };
    },

    'rubrics/set-target': async ({ runId, target }) => {
      requireRun(runId);
      await store.whenWritable(() => store.rubrics.setRunTarget(runId, target));
      return runTarget(requireRun(runId));
    },

    'rubrics/gaps': async ({ runId, t, limit }) => {
      requireRun(runId);
      const max = limit ?? 200;
      // A pass over every item and a look-up of their positions: read from the cache on a second visit.
      const key = kit.resultKey(RESULT_KINDS.rubricsGaps, [runId], { t, limit: max });
      return store.results.remember(key, async () => {
        const gaps = policyGaps(columns.get(runId), t);
        return {
          runId,
          t,
          shouldHaveAbstained: {
            count: gaps.shouldHaveAbstained.count,
            wrong: gaps.shouldHaveAbstained.wrong,
            correct: gaps.shouldHaveAbstained.correct,
            items: await glance(runId, gaps.shouldHaveAbstained.indices, max),
          },
          needlessAbstentions: { count: gaps.needlessAbstentions.count, items: await glance(runId, gaps.needlessAbstentions.indices, max) },
          agreedAnswers: gaps.agreedAnswers,
          agreedAbstentions: gaps.agreedAbstentions,
          noConfidence: gaps.noConfidence,
        };
      });
    },

    'rubrics/bounds': async ({ runId, minErrorSetSize, trainingSize }) => {
      const run = requireRun(runId);
      const bound = { ...(minErrorSetSize === undefined ? {} : { minErrorSetSize }), ...(trainingSize === undefined ? {} : { trainingSize }) };
      const key = kit.resultKey(RESULT_KINDS.rubricsBounds, [runId], { bound, frequencyColumns: FREQUENCY_COLUMNS });
      const { iiv, singleton, column } = await store.results.remember(key, async () => {
        const frequency = await frequencyOf(run);
        // The analyses sort a million items: the compute worker's, off this loop.
        const computed = await computeClient().task('rubrics/bounds', { columns: columns.get(runId), frequency: frequency?.values ?? null, bound });
        return { ...computed, column: frequency?.column ?? null };
      });
      return {
        runId,
        singleton: column !== null && singleton ? { column, panel: wireSingleton(singleton) } : null,
        frequencyColumns: FREQUENCY_COLUMNS,
        iiv: wireIiv(iiv),
      };
    },

    'examples/load': async () => {
      // The examples sit beside the demo run: assets/examples next to assets/demo.
      const dir = join(dirname(dirname(context.demoPath)), 'examples');
      let files: string[];
      try {
        files = readdirSync(dir).filter((name) => name.endsWith('.csv')).sort();
      } catch {
        files = [];
      }
      if (files.length === 0) throw new HandlerError('examples-missing', `the bundled examples are not in ${dir}`);
      const job = jobs.start('import', 'loading the SimpleQA example', async (control) =>
        importSources(
          store,
          files.map((file) => ({ kind: 'path' as const, path: join(dir, file) })),
          { signal: control.signal },
        ),
      );
      const finished = await jobs.wait(job.id);
      if (finished.state !== 'done' || !finished.result) {
        throw new HandlerError('examples-failed', finished.error?.message ?? 'the SimpleQA example could not be loaded');
      }
      // Loading twice reuses the runs imported the first time.
      return { runIds: finished.result.flatMap((file) => (file.runIds.length ? file.runIds : (file.duplicateOf ?? []))) };
    },
  };
}
