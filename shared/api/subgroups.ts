// Subgroups verbs (see verbs/subgroups.ts). Each verb: its request schema here, its result in SubgroupsResults.
// Each group is analysed as a run of its own by the same engine, with the settings echoed.
import { z } from 'zod';
import type { RunMetrics } from '../metrics/types.ts';
import type { GroupKind, ItemField } from '../metrics/subgroups.ts';
import { calibrationSettingsSchema, type CalibrationRunAnalysis, type CalibrationSettings } from './calibration.ts';
import { id } from './parts.ts';
import type { SUBGROUPS_VERBS } from './verbs/subgroups.ts';

export type { GroupKind, ItemField } from '../metrics/subgroups.ts';

const field = z.string().trim().min(1).max(200);
const spec = z.string().trim().min(1).max(200);

export const subgroupsSchemas = {
  'subgroups/fields': z.object({ runId: id }),
  'subgroups/start': z.object({
    runId: id,
    field,
    settings: calibrationSettingsSchema.optional(),
    /** rubric specs scored per group; default binary and t = 0.5, 0.75, 0.9 */
    rubrics: z.array(spec).min(1).max(12).optional(),
  }),
  'subgroups/result': z.object({ jobId: z.string().min(1).max(64) }),
} as const satisfies { [V in (typeof SUBGROUPS_VERBS)[number]]: z.ZodType };

/** A rubric's score of one group with its percentile bootstrap interval (the Rubrics tab's leaderboard of that group alone). */
export interface GroupRubricScore {
  rubric: string;
  label: string;
  score: number | null;
  lo: number | null;
  hi: number | null;
}

export interface SubgroupResult {
  label: string;
  kind: GroupKind;
  /** values merged into the group: 1 for a value, the count for "other", 0 for the items without one */
  values: number;
  items: number;
  /** counts, rates and rubric points, as runs/metrics gives them for a run */
  metrics: RunMetrics;
  /** the Calibration tab's panel of the group; null when the settings are refused for its data (see refused) */
  analysis: CalibrationRunAnalysis | null;
  refused: string | null;
  /** null until the rubric bootstrap is done */
  rubrics: GroupRubricScore[] | null;
}

export interface SubgroupBreakdown {
  runId: number;
  field: string;
  settings: CalibrationSettings;
  /** distinct values of the field among the run's items */
  distinctValues: number;
  /** values analysed apart; the rest are merged into one "other" group */
  maxGroups: number;
  groups: SubgroupResult[];
  intervalsPending?: boolean;
}

export interface SubgroupsResults {
  'subgroups/fields': { runId: number; items: number; fields: ItemField[] };
  'subgroups/start': { jobId: string };
  'subgroups/result': SubgroupBreakdown;
}
