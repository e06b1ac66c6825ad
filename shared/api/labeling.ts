// Labeling verbs: labels and their history, bulk actions, annotators, label sets.
import { z } from 'zod';
import type { ItemDetail, LabelRecord } from '../domain.ts';
import { labelSet, type LabelSet, type MergeReport } from '../labels/label-set.ts';
import { annotator, id, itemFilter, outcome } from './parts.ts';
import type { LABELING_VERBS } from './verbs/labeling.ts';

export const labelingSchemas = {
  'labels/set': z.object({
    itemId: id,
    annotator,
    outcome: outcome.nullable(),
    note: z.string().max(10000).optional(),
    kind: z.enum(['label', 'adjudication']).optional(),
    /** Answer with the item as blind mode shows it. */
    blind: z.boolean().optional(),
  }),
  'labels/bulk': z.object({
    runId: id,
    annotator,
    filter: z.object(itemFilter),
    /** accept-imported: the imported grade becomes this annotator's label; set: one outcome for all. */
    action: z.discriminatedUnion('type', [z.object({ type: z.literal('accept-imported') }), z.object({ type: z.literal('set'), outcome })]),
    /** A selection: only these items (still within the filter). */
    itemIds: z.array(id).max(1_000_000).optional(),
  }),
  'labels/undo-batch': z.object({ batch: z.string().uuid() }),
  'labels/export': z.object({ runId: id }),
  'labels/merge': z.object({ runId: id, set: labelSet }),
  'annotators/list': z.object({ runId: id.optional() }),
} as const satisfies { [V in (typeof LABELING_VERBS)[number]]: z.ZodType };

export interface LabelResult {
  label: LabelRecord;
  /** The item after the label, as this annotator may see it (blind or not). */
  item: ItemDetail;
}

export interface AnnotatorSummary {
  name: string;
  labels: number;
  items: number;
  lastAt: string | null;
}

export interface LabelingResults {
  'labels/set': LabelResult;
  'labels/bulk': { batch: string; count: number };
  'labels/undo-batch': { count: number; undoBatch: string };
  'labels/export': LabelSet;
  'labels/merge': MergeReport;
  'annotators/list': AnnotatorSummary[];
}
