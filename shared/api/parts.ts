// Schema fragments every domain's requests share.
import { z } from 'zod';
import { ABSTENTION_KINDS, ITEM_SORTS, QUEUES } from '../domain.ts';

export const id = z.number().int().positive();
export const outcome = z.enum(['correct', 'incorrect', 'abstained']);
export const abstentionKind = z.enum(ABSTENTION_KINDS);
export const effectiveOutcome = z.enum(['correct', 'incorrect', 'abstained', 'unlabeled']);
export const annotator = z.string().trim().min(1).max(80);
export const unit = z.number().min(0).max(1);
export const seed = z.number().int().min(0).max(2 ** 31 - 1);

/** Which items, in which order: shared by the table, the labeling flow and bulk actions. */
export const itemFilter = {
  search: z.string().max(1000).optional(),
  outcome: effectiveOutcome.optional(),
  queue: z.enum(QUEUES).optional(),
  annotator: annotator.optional(),
  seed: seed.optional(),
  confidenceMin: unit.optional(),
  confidenceMax: unit.optional(),
  /** The order of the listing (file order by default); see ItemSort. Overrides a queue's own order. */
  sort: z.enum(ITEM_SORTS).optional(),
  sortDirection: z.enum(['asc', 'desc']).optional(),
};
