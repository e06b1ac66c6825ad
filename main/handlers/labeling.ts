import {
  abstentionKindAgreement,
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
import type { Request } from '../../shared/api/contract.ts';
import type { LABELING_VERBS } from '../../shared/api/verbs/labeling.ts';
import type { Outcome } from '../../shared/domain.ts';
import type { Store } from '../store/store.ts';
import { HandlerError, notFound } from './errors.ts';
import type { HandlerKit, HandlersOf } from './kit.ts';

type BulkAction = Request<'labels/bulk'>['action'];

/** How a bulk action reads in Undo when the view does not say. */
function bulkWhat(action: BulkAction): string {
  if (action.type === 'set') return `mark ${action.outcome}`;
  return action.type === 'accept-imported' ? 'accept imported grades' : 'accept suggested grades';
}

/** Labels, bulk actions, undo and redo, annotators and label sets. */
export function labelingHandlers(kit: HandlerKit): HandlersOf<(typeof LABELING_VERBS)[number]> {
  const { store, requireRun } = kit;
  return {
    'labels/set': async ({ itemId, annotator, outcome, abstentionKind, note, kind, blind }) => {
      const written = await store.whenWritable(() => store.labels.set({ itemId, annotator, outcome, abstentionKind: abstentionKind ?? null, note: note ?? null, kind }));
      if (!written) throw notFound('item', itemId);
      return { label: written.label, item: store.items.get(itemId, { annotator, blind })!, stack: written.stack };
    },
    'labels/bulk': async ({ runId, annotator, filter, action, itemIds, what }) => {
      requireRun(runId);
      const gradeOf = store.items.grades(runId, filter, itemIds, action.type === 'accept-suggested' ? 'suggested' : 'imported');
      const written = await store.whenWritable(() =>
        store.labels.bulk(
          gradeOf.keys(),
          annotator,
          (id) => (action.type === 'set' ? { outcome: action.outcome, abstentionKind: action.abstentionKind ?? null } : (gradeOf.get(id) ?? null)),
          what ?? bulkWhat(action),
        ),
      );
      return { ...written, stack: store.labels.stack(runId, annotator) };
    },
    'labels/undo-batch': async ({ batch }) => {
      const result = await store.whenWritable(() => store.labels.undoBatch(batch));
      if (result.count === 0 && result.skipped === 0) throw notFound('batch', batch);
      return result;
    },
    'labels/undo': async ({ runId, annotator }) => {
      requireRun(runId);
      return store.whenWritable(() => store.labels.undo(runId, annotator));
    },
    'labels/redo': async ({ runId, annotator }) => {
      requireRun(runId);
      return store.whenWritable(() => store.labels.redo(runId, annotator));
    },
    'labels/stack': async ({ runId, annotator }) => {
      requireRun(runId);
      return store.labels.stack(runId, annotator);
    },
    'labels/export': async ({ runId }) => store.labels.exportSet(requireRun(runId)),
    'labels/merge': async ({ runId, set }) => {
      requireRun(runId);
      return store.whenWritable(() => store.labels.merge(runId, set));
    },
    'annotators/list': async ({ runId }) => store.labels.annotators(runId),
    'runs/suggest': async ({ runId }) => {
      requireRun(runId);
      // Asked for explicitly: a second opinion beside the imported grade, graded or not. Labels are untouched.
      return { suggested: await store.whenWritable(() => store.items.suggestGrades(runId, suggestGrade)) };
    },
    'labels/progress': async ({ runId, annotator, ...filter }) => {
      requireRun(runId);
      const scope = { ...filter, queue: filter.queue === 'unlabeled' ? 'all' : filter.queue } as const;
      return store.labels.progress(runId, scope, annotator);
    },
    'runs/agreement': async ({ runId, annotators, pair }) => {
      requireRun(runId);
      return runAgreement(store, runId, annotators, pair);
    },
  };
}

/** Every agreement statistic of a run from its label history, by shared/agreement. */
function runAgreement(store: Store, runId: number, wanted?: string[], pair?: [string, string]): RunAgreement {
  const { records, grades } = store.labels.agreementRecords(runId);
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
  const disputed = store.items.disputedCount(runId);
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
    abstentionKinds: abstentionKindAgreement(records, annotators),
  };
}
