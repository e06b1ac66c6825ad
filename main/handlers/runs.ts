import type { RUNS_VERBS } from '../../shared/api/verbs/runs.ts';
import { tidyField, tidyTags } from '../../shared/runs/fields.ts';
import { defaultLabelSetDir, deleteRunKeepingLabels, LabelBackupError } from '../report/label-backup.ts';
import { HandlerError, notFound } from './errors.ts';
import type { HandlerKit, HandlersOf } from './kit.ts';

/** Run management: rename, model, task and tags, and delete with the labels exported first. */
export function runsHandlers(kit: HandlerKit): HandlersOf<(typeof RUNS_VERBS)[number]> {
  const { store, requireRun } = kit;
  return {
    'runs/update': async ({ runId, name, model, task, tags }) => {
      requireRun(runId);
      const tidyName = name === undefined ? null : tidyField(name);
      const changes = {
        ...(tidyName !== null ? { name: tidyName } : {}),
        ...(model !== undefined ? { model: tidyField(model) } : {}),
        ...(task !== undefined ? { task: tidyField(task) } : {}),
        ...(tags !== undefined ? { tags: tidyTags(tags) } : {}),
      };
      // Read and written in one synchronous step: `before` is exactly what this update replaced.
      const result = await store.whenWritable(() => {
        const current = store.runs.get(runId);
        const run = current && store.runs.update(runId, changes);
        return current && run ? { run, before: { name: current.name, model: current.model, task: current.task, tags: current.tags } } : null;
      });
      if (!result) throw notFound('run', runId);
      return result;
    },
    'runs/delete': async ({ runId }) => {
      const run = requireRun(runId);
      try {
        return await store.whenWritable(() => deleteRunKeepingLabels(store, run, defaultLabelSetDir(store.path)));
      } catch (error) {
        if (error instanceof LabelBackupError) throw new HandlerError('labels-not-exported', error.message);
        throw error;
      }
    },
    'runs/tags': async () => store.runs.tags(),
  };
}
