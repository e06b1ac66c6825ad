import type { LABELING_VERBS } from '../../shared/api/verbs/labeling.ts';
import { notFound } from './errors.ts';
import type { HandlerKit, HandlersOf } from './kit.ts';

/** Labels, bulk actions with undo, annotators and label sets. */
export function labelingHandlers(kit: HandlerKit): HandlersOf<(typeof LABELING_VERBS)[number]> {
  const { store, columns, requireRun } = kit;
  return {
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
  };
}
