import {
  buildLabelMatrix,
  confusionMatrix,
  fleissKappa,
  graderAgreement,
  krippendorffAlpha,
  pairwiseCohenKappa,
  percentAgreement,
  selectAnnotators,
  specificAgreement,
  specificAgreementFromConfusion,
} from '../../shared/agreement/index.ts';
import type { RunAgreement } from '../../shared/api/labeling.ts';
import { suggestGrade } from '../../shared/grading/suggest.ts';
import type { LABELING_VERBS } from '../../shared/api/verbs/labeling.ts';
import type { Outcome } from '../../shared/domain.ts';
import { buildItemQuery, type ItemQuery } from '../store/item-query.ts';
import { agreementRecords, labelProgress } from '../store/labels.ts';
import type { Store } from '../store/store.ts';
import { HandlerError, notFound } from './errors.ts';
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
      const gradeOf = bulkTargets(store, runId, filter, itemIds, action.type === 'accept-suggested' ? 'suggested_grade' : 'imported_grade');
      const result = await store.whenWritable(() =>
        store.labels.bulk(gradeOf.keys(), annotator, (id) => (action.type === 'set' ? action.outcome : (gradeOf.get(id) ?? null))),
      );
      columns.drop(runId);
      return result;
    },
    'labels/undo-batch': async ({ batch }) => {
      const result = await store.whenWritable(() => store.labels.undoBatch(batch));
      if (result.count === 0 && result.skipped === 0) throw notFound('batch', batch);
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
    'runs/suggest': async ({ runId }) => {
      requireRun(runId);
      return { suggested: await store.whenWritable(() => suggestForRun(store, runId)) };
    },
    'labels/progress': async ({ runId, annotator, ...filter }) => {
      requireRun(runId);
      const scope = { ...filter, queue: filter.queue === 'unlabeled' ? 'all' : filter.queue } as const;
      return labelProgress(store.db, buildItemQuery(runId, scope), annotator);
    },
    'runs/agreement': async ({ runId, annotators, pair }) => {
      requireRun(runId);
      return runAgreement(store, runId, annotators, pair);
    },
  };
}

/**
 * The items a bulk action touches, with their imported grades: the filter's
 * items, or the selection within it. Only two columns are read, and a
 * selection is looked up by id, so a small selection in a million-item run
 * stays small.
 */
function bulkTargets(
  store: Store,
  runId: number,
  filter: ItemQuery,
  itemIds: number[] | undefined,
  gradeColumn: 'imported_grade' | 'suggested_grade',
): Map<number, Outcome | null> {
  const built = buildItemQuery(runId, filter);
  const sql = `SELECT id, ${gradeColumn} AS grade FROM items WHERE ${built.where}`;
  const targets = new Map<number, Outcome | null>();
  const add = (rows: Array<{ id: number; grade: Outcome | null }>) => rows.forEach((row) => targets.set(row.id, row.grade));
  if (!itemIds) {
    add(store.db.prepare(sql).all(...built.whereParams) as Array<{ id: number; grade: Outcome | null }>);
    return targets;
  }
  const unique = [...new Set(itemIds)];
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500);
    add(store.db.prepare(`${sql} AND id IN (${chunk.map(() => '?').join(', ')})`).all(...built.whereParams, ...chunk) as Array<{ id: number; grade: Outcome | null }>);
  }
  return targets;
}

/**
 * Asked for explicitly: a suggested grade for every item of the run, graded
 * or not (a second opinion beside the imported grade). Labels are untouched.
 */
function suggestForRun(store: Store, runId: number): number {
  const rows = store.db.prepare('SELECT id, answer, gold FROM items WHERE run_id = ?').iterate(runId) as IterableIterator<{
    id: number;
    answer: string;
    gold: string | null;
  }>;
  const update = store.db.prepare('UPDATE items SET suggested_grade = ?, suggestion_basis = ? WHERE id = ?');
  let suggested = 0;
  const updates: Array<[Outcome | null, string | null, number]> = [];
  for (const row of rows) {
    const suggestion = suggestGrade(row.answer, row.gold);
    if (suggestion) suggested++;
    updates.push([suggestion?.grade ?? null, suggestion?.basis ?? null, row.id]);
  }
  store.db.transaction(() => updates.forEach((args) => update.run(...args)))();
  return suggested;
}

/** Every agreement statistic of a run from its label history, by shared/agreement. */
function runAgreement(store: Store, runId: number, wanted?: string[], pair?: [string, string]): RunAgreement {
  const { records, grades } = agreementRecords(store.db, runId);
  const full = buildLabelMatrix<Outcome>(records);
  const allAnnotators = [...full.annotators].sort();
  for (const name of [...(wanted ?? []), ...(pair ?? [])]) {
    if (!allAnnotators.includes(name)) throw new HandlerError('not-found', `No labels by ${JSON.stringify(name)} in this run.`);
  }
  const annotators = wanted && wanted.length > 0 ? [...new Set(wanted)] : allAnnotators;
  const matrix = selectAnnotators(full, annotators);
  const chosen = pair ?? (annotators.length >= 2 ? [annotators[0]!, annotators[1]!] : null);
  const confusion = chosen ? confusionMatrix(full, chosen[0], chosen[1]) : null;
  const grader = graderAgreement(matrix, grades);
  const disputed = store.db.prepare('SELECT COUNT(*) FROM items WHERE run_id = ? AND disputed = 1').pluck().get(runId) as number;
  return {
    allAnnotators,
    annotators,
    labeledItems: matrix.cells.filter((row) => row.some((cell) => cell !== null)).length,
    disputed,
    percent: percentAgreement(matrix),
    pairs: pairwiseCohenKappa(matrix),
    fleiss: fleissKappa(matrix),
    alpha: krippendorffAlpha(matrix),
    specific: specificAgreement(matrix),
    confusion,
    pairSpecific: confusion ? specificAgreementFromConfusion(confusion) : null,
    grader: {
      perAnnotator: grader.perAnnotator.map(({ annotator, kappa, confusion: c, missed }) => ({ who: annotator, kappa, confusion: c, missed })),
      consensus: {
        who: grader.consensus.confusion.rows,
        kappa: grader.consensus.kappa,
        confusion: grader.consensus.confusion,
        missed: grader.consensus.missed,
        tiedItems: grader.consensus.tiedItems,
      },
    },
  };
}
