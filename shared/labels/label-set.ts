// A portable label set: every label record of one run, keyed by item key, so
// annotators working in separate databases can merge their work.
import { z } from 'zod';
import { ABSTENTION_KINDS, type AbstentionKind } from '../domain.ts';

export const LABEL_SET_SCHEMA = 'candor.labels/v1';

const outcome = z.enum(['correct', 'incorrect', 'abstained']);

export const labelSetEntry = z.object({
  itemKey: z.string().min(1).max(4096),
  annotator: z.string().min(1).max(80),
  outcome: outcome.nullable(),
  /** With outcome "abstained": the kind of abstention, when one was stated (added within v1; older sets have none). */
  abstentionKind: z.enum(ABSTENTION_KINDS).nullable().optional(),
  note: z.string().max(10000).nullable(),
  createdAt: z.string().min(1).max(64),
  kind: z.enum(['label', 'adjudication']),
});

export const labelSet = z.object({
  schema: z.literal(LABEL_SET_SCHEMA),
  run: z.object({
    name: z.string(),
    sourceSha256: z.string(),
    model: z.string().nullable(),
    task: z.string().nullable(),
  }),
  exportedAt: z.string(),
  labels: z.array(labelSetEntry).max(10_000_000),
});

export type LabelSetEntry = z.infer<typeof labelSetEntry>;
export type LabelSet = z.infer<typeof labelSet>;

export interface MergeConflict {
  itemKey: string;
  annotator: string;
  kind: 'label' | 'adjudication';
  local: 'correct' | 'incorrect' | 'abstained' | null;
  incoming: 'correct' | 'incorrect' | 'abstained' | null;
  /** Present when either side's abstention states a kind (the same outcome with another kind is a conflict too). */
  localAbstentionKind?: AbstentionKind | null;
  incomingAbstentionKind?: AbstentionKind | null;
}

export interface MergeReport {
  added: number;
  /** Records both databases already shared. */
  duplicates: number;
  /** Item keys the set names that this run does not have. */
  unknownKeys: string[];
  /** Same annotator, different current label: left as it was here, for a person to settle. */
  conflicts: MergeConflict[];
}
