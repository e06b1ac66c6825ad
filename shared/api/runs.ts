// Run management verbs (see verbs/runs.ts): each verb's request schema here, its result in RunsResults.
import { z } from 'zod';
import type { RunSummary } from '../domain.ts';
import { MAX_RUN_NAME, MAX_TAGS, tagsProblem, tidyField, tidyTags, type RunFields } from '../runs/fields.ts';
import { id } from './parts.ts';
import type { RUNS_VERBS } from './verbs/runs.ts';

export const runsSchemas = {
  /** Values are tidied by the handler (shared/runs/fields.ts): spaces collapsed, an empty model or task is unknown. */
  'runs/update': z.object({
    runId: id,
    name: z
      .string()
      .max(MAX_RUN_NAME)
      .refine((name) => tidyField(name) !== null, 'a run needs a name')
      .optional(),
    model: z.string().max(MAX_RUN_NAME).nullable().optional(),
    task: z.string().max(MAX_RUN_NAME).nullable().optional(),
    /** Replaces the run's tags (commas also separate tags; case-insensitive repeats are dropped). */
    tags: z
      .array(z.string().max(1000))
      .max(MAX_TAGS * 4)
      .superRefine((tags, ctx) => {
        const problem = tagsProblem(tidyTags(tags));
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .optional(),
  }),
  'runs/delete': z.object({ runId: id }),
  'runs/tags': z.object({}),
} as const satisfies { [V in (typeof RUNS_VERBS)[number]]: z.ZodType };

export interface RunUpdated {
  run: RunSummary;
  /** The fields as they were just before this update (what undoing it writes back). */
  before: RunFields;
}

export interface RunDeleted {
  deleted: number;
  /** Label records the run held (every annotator's history). */
  labels: number;
  /** Where its label set was written before the delete (on the machine running Candor); null when it had no labels. */
  labelsExportedTo: string | null;
}

export interface RunsResults {
  'runs/update': RunUpdated;
  'runs/delete': RunDeleted;
  'runs/tags': Array<{ tag: string; runs: number }>;
}
