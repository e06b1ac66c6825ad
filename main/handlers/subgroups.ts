import { resolveCalibrationSettings } from '../../shared/api/calibration.ts';
import type { SubgroupBreakdown } from '../../shared/api/subgroups.ts';
import type { SUBGROUPS_VERBS } from '../../shared/api/verbs/subgroups.ts';
import { analysisWork } from '../compute/analysis.ts';
import { ComputeCancelled, ComputeRefused } from '../compute/client.ts';
import { computeBreakdown } from '../compute/subgroups.ts';
import { parseRubric, RubricSpecError } from '../../shared/rubrics/index.ts';
import { HandlerError } from './errors.ts';
import type { HandlerKit, HandlersOf } from './kit.ts';
import { ProgressiveResults } from './progressive.ts';

/** A run's fields, kept while the run is: its items' extra fields never change after import. */
interface CachedFields {
  importedAt: string;
  items: number;
  fields: Awaited<ReturnType<HandlerKit['store']['items']['fieldCatalogInSlices']>>;
}

/**
 * Breakdowns of a run by an item field. The items' fields are read from the
 * store a slice at a time; every number is computed in the compute worker
 * (main/compute/subgroups.ts), points first, intervals after, as the
 * Calibration tab's analysis.
 */
export function subgroupsHandlers(kit: HandlerKit): HandlersOf<(typeof SUBGROUPS_VERBS)[number]> {
  const { jobs, columns, requireRun, store } = kit;
  const results = new ProgressiveResults<SubgroupBreakdown>(jobs);
  const cache = new Map<number, CachedFields>();

  const fieldsOf = async (runId: number) => {
    const run = requireRun(runId);
    const cached = cache.get(runId);
    if (cached && cached.importedAt === run.importedAt && cached.items === run.itemCount) return cached;
    const fresh = { importedAt: run.importedAt, items: run.itemCount, fields: await store.items.fieldCatalogInSlices(runId) };
    cache.set(runId, fresh);
    return fresh;
  };

  return {
    'subgroups/fields': async ({ runId }) => {
      const { items, fields } = await fieldsOf(runId);
      return { runId, items, fields };
    },
    'subgroups/start': async ({ runId, field, settings: input, rubrics }) => {
      requireRun(runId);
      for (const spec of rubrics ?? []) {
        try {
          parseRubric(spec);
        } catch (error) {
          if (error instanceof RubricSpecError) throw new HandlerError('invalid-rubric', error.message);
          throw error;
        }
      }
      const settings = resolveCalibrationSettings(input);
      let jobId = '';
      const job = jobs.start('analysis', `breaking the run down by ${field}`, async (control) => {
        try {
          control.progress(0, null, `reading each item's ${field}`);
          const grouping = await store.items.groupingInSlices(runId, field);
          if (!grouping.codes.some((code) => code >= 0)) throw new HandlerError('no-such-field', `no item of this run has a value for "${field}"`);
          const value = await computeBreakdown(
            { runId, field, columns: columns.get(runId), grouping, settings, ...(rubrics ? { rubrics } : {}) },
            {
              signal: control.signal,
              onPoints: (points) => {
                results.publish(jobId, points);
                const total = points.groups.reduce((sum, group) => sum + analysisWork(group.analysis?.n ?? 0, settings), 0);
                control.progress(0, total, 'bootstrap: drawing the intervals');
              },
              onProgress: (done, total) => control.progress(done, total, `bootstrap: ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} resamples`),
            },
          );
          results.publish(jobId, value);
          return null;
        } catch (error) {
          if (error instanceof ComputeRefused) throw new HandlerError('invalid-settings', error.message);
          if (error instanceof ComputeCancelled) throw new HandlerError('cancelled', 'the breakdown was cancelled');
          throw error;
        } finally {
          setImmediate(() => results.ended(jobId));
        }
      });
      jobId = job.id;
      results.open(jobId);
      return { jobId };
    },
    'subgroups/result': async ({ jobId }) => results.get(jobId, 'breakdown'),
  };
}
