// Labeling verbs: labels and their history, bulk actions, annotators, label sets.
import { z } from 'zod';
import type {
  AbstentionKindAgreement,
  ConfusionMatrix,
  FleissKappa,
  KrippendorffAlpha,
  MissedHallucinations,
  PairKappa,
  PercentAgreement,
  SpecificAgreement,
  CohenKappa,
} from '../agreement/index.ts';
import type { ItemDetail, LabelRecord, Outcome } from '../domain.ts';
import { labelSet, type LabelSet, type MergeReport } from '../labels/label-set.ts';
import { abstentionKind, annotator, id, itemFilter, outcome } from './parts.ts';
import type { LABELING_VERBS } from './verbs/labeling.ts';

export const labelingSchemas = {
  'labels/set': z
    .object({
      itemId: id,
      annotator,
      outcome: outcome.nullable(),
      /** With outcome "abstained": what kind of abstention (don't know, refusal, hedge, asks for clarification, other). */
      abstentionKind: abstentionKind.nullable().optional(),
      note: z.string().max(10000).optional(),
      kind: z.enum(['label', 'adjudication']).optional(),
      /** Answer with the item as blind mode shows it. */
      blind: z.boolean().optional(),
    })
    .refine((request) => !request.abstentionKind || request.outcome === 'abstained', {
      message: 'only an abstained label has an abstention kind',
      path: ['abstentionKind'],
    }),
  'labels/bulk': z.object({
    runId: id,
    annotator,
    filter: z.object(itemFilter),
    /** accept-imported / accept-suggested: that grade becomes this annotator's label; set: one outcome for all. */
    action: z.discriminatedUnion('type', [
      z.object({ type: z.literal('accept-imported') }),
      z.object({ type: z.literal('accept-suggested') }),
      z.object({ type: z.literal('set'), outcome, abstentionKind: abstentionKind.nullable().optional() }),
    ]),
    /** A selection: only these items (still within the filter). */
    itemIds: z.array(id).max(1_000_000).optional(),
    /** How the action reads in Undo ("mark 3 selected incorrect"); the server words one if absent. */
    what: z.string().min(1).max(200).optional(),
  }),
  'labels/undo-batch': z.object({ batch: z.string().uuid() }),
  /** Undo this annotator's latest label action in the run (a label, a bulk action, accepted suggestions). */
  'labels/undo': z.object({ runId: id, annotator }),
  /** Redo the action undone last, unless a new one came since. */
  'labels/redo': z.object({ runId: id, annotator }),
  /** The tops of this annotator's undo and redo stacks in the run. */
  'labels/stack': z.object({ runId: id, annotator }),
  'labels/export': z.object({ runId: id }),
  'labels/merge': z.object({ runId: id, set: labelSet }),
  'annotators/list': z.object({ runId: id.optional() }),
  /** Suggest a grade for every item (exact match / containment against gold, abstention phrases); never counted until accepted. */
  'runs/suggest': z.object({ runId: id }),
  /** How far an annotator is through a queue (its filters; "unlabeled" counts the whole scope). */
  'labels/progress': z.object({ runId: id, ...itemFilter, annotator }),
  /**
   * Agreement among the run's annotators (or the ones named) and with the
   * imported grade; `pair` picks the two annotators of the confusion matrix.
   */
  'runs/agreement': z.object({
    runId: id,
    annotators: z.array(annotator).max(200).optional(),
    pair: z.tuple([annotator, annotator]).optional(),
  }),
} as const satisfies { [V in (typeof LABELING_VERBS)[number]]: z.ZodType };

export interface LabelResult {
  label: LabelRecord;
  /** The item after the label, as this annotator may see it (blind or not). */
  item: ItemDetail;
  /** This annotator's undo stack in the run, the label now on top. */
  stack: UndoStack;
}

/** One undoable label write: a single label, a bulk action or accepted suggestions. */
export interface LabelAction {
  id: number;
  /** How it reads in Undo and in notices: "incorrect on q12", "accept suggested grades". */
  what: string;
  /** Labels it wrote (when last done). */
  count: number;
  /** The item of a single label; null for a bulk action. */
  itemId: number | null;
  createdAt: string;
}

/**
 * The tops of an annotator's undo and redo stacks in one run. The stacks live
 * in the database, so every view (Item, Label, Items) and every reload sees
 * the same ones; each annotator has their own.
 */
export interface UndoStack {
  undo: LabelAction | null;
  redo: LabelAction | null;
}

export interface UndoResult {
  /** What was undone or redone; null when the stack was empty. */
  action: LabelAction | null;
  /** Labels written back. */
  count: number;
  /** Items the annotator labelled again since (a label that still stands): left as they are. */
  skipped: number;
  stack: UndoStack;
}

export interface AnnotatorSummary {
  name: string;
  labels: number;
  items: number;
  lastAt: string | null;
}

export interface LabelProgress {
  /** Items in the queue's scope. */
  total: number;
  /** Of those, items this annotator has a current label on. */
  mine: number;
}

export interface GraderVsHuman {
  /** An annotator's name, or 'human-consensus' (the majority; ties left out). */
  who: string;
  kappa: CohenKappa;
  /** rows: the human side; columns: the imported grade */
  confusion: ConfusionMatrix<Outcome>;
  /** how often the grader called correct what the human side labelled incorrect */
  missed: MissedHallucinations;
}

export interface RunAgreement {
  /** Every annotator with a label in the run. */
  allAnnotators: string[];
  /** The annotators these statistics cover. */
  annotators: string[];
  /** Items with at least one of their labels. */
  labeledItems: number;
  /** Items the run flags as disputed (annotators disagree, no adjudication). */
  disputed: number;
  percent: PercentAgreement;
  pairs: PairKappa[];
  fleiss: FleissKappa;
  alpha: KrippendorffAlpha;
  /** Per outcome: given one label is this outcome, the chance another on the item is too. */
  specific: Record<Outcome, SpecificAgreement>;
  /** The chosen pair (default: the first two annotators); null with fewer than two. */
  confusion: ConfusionMatrix<Outcome> | null;
  pairSpecific: Record<Outcome, SpecificAgreement> | null;
  grader: {
    perAnnotator: GraderVsHuman[];
    consensus: GraderVsHuman & { tiedItems: number };
  };
  /** Abstentions by kind per annotator, and how often annotators name the same kind. */
  abstentionKinds: AbstentionKindAgreement;
}

export interface LabelingResults {
  'labels/set': LabelResult;
  'labels/bulk': { batch: string; count: number; stack: UndoStack };
  /** skipped: items labelled again after the batch, which undo leaves as they are. */
  'labels/undo-batch': { count: number; undoBatch: string; skipped: number };
  'labels/undo': UndoResult;
  'labels/redo': UndoResult;
  'labels/stack': UndoStack;
  'runs/suggest': { suggested: number };
  'labels/export': LabelSet;
  'labels/merge': MergeReport;
  'annotators/list': AnnotatorSummary[];
  'labels/progress': LabelProgress;
  'runs/agreement': RunAgreement;
}
