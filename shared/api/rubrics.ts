// Rubrics verbs (see verbs/rubrics.ts). Each verb: its request schema here, its result in RubricsResults.
import { z } from 'zod';
import type { EffectiveOutcome } from '../domain.ts';
import type { Leaderboard, ModelAudit, RubricWarning, SingletonPanel, ThresholdSweep } from '../rubrics/index.ts';
import type { IivResult, RocPoint } from '../rubrics/iiv.ts';
import { id, seed } from './parts.ts';
import type { RUBRICS_VERBS } from './verbs/rubrics.ts';

const runIds = z.array(id).min(1).max(24);
/** A confidence target: the rubric's penalty t/(1-t) is infinite at 1. */
const target = z.number().min(0).lt(1);
const spec = z.string().trim().min(1).max(200);

export const rubricsSchemas = {
  'rubrics/list': z.object({}),
  'rubrics/save': z.object({ spec, name: z.string().trim().max(120).optional() }),
  'rubrics/delete': z.object({ id }),
  'rubrics/compare': z.object({
    runIds,
    /** rubric specs (parseRubric); default the saved list, defaults first */
    specs: z.array(spec).min(1).max(24).optional(),
    resamples: z.number().int().min(0).max(10_000).optional(),
    seed: seed.optional(),
  }),
  'rubrics/audit': z.object({ runIds }),
  'rubrics/set-target': z.object({ runId: id, target: target.nullable() }),
  'rubrics/gaps': z.object({ runId: id, t: target, limit: z.number().int().min(0).max(1000).optional() }),
  'rubrics/bounds': z.object({
    runId: id,
    /** min |E_c| for the singleton bound; default: open-ended (infinite, term 0) */
    minErrorSetSize: z.number().positive().optional(),
    /** N, the training examples: the bound's sample size and sr's denominator; default the sum of the items' frequencies */
    trainingSize: z.number().int().min(1).optional(),
  }),
  'examples/load': z.object({}),
} as const satisfies { [V in (typeof RUBRICS_VERBS)[number]]: z.ZodType };

/** A rubric as the user keeps it: the four defaults (id null, not deletable) and saved ones. */
export interface SavedRubric {
  /** null for a built-in default */
  id: number | null;
  name: string;
  /** canonical spec (formatRubric), the identity of the rubric */
  spec: string;
  label: string;
  builtin: boolean;
  impliedThreshold: number | null;
  warnings: RubricWarning[];
}

export interface CompareRun {
  runId: number;
  name: string;
  model: string | null;
  items: number;
}

export interface CompareResult {
  runs: CompareRun[];
  /** row and pair run ids are the store's run ids */
  leaderboard: Leaderboard;
  sweep: ThresholdSweep;
}

export type TargetSource = 'metadata' | 'user';

export interface RunTarget {
  runId: number;
  name: string;
  /** runs of the same model are audited together; the run name when the model is unknown */
  model: string;
  target: number | null;
  /** user-set targets win over metadata */
  source: TargetSource | null;
  /** the metadata key the target was read from, when it was */
  metadataKey: string | null;
}

export interface AuditResult {
  runs: RunTarget[];
  /** only runs with a target enter; row run ids are the store's run ids */
  audits: ModelAudit[];
}

export interface GapItem {
  itemId: number;
  key: string;
  confidence: number;
  outcome: EffectiveOutcome;
  /** the start of the prompt, for recognising the item; untrusted text */
  prompt: string;
}

export interface GapsResult {
  runId: number;
  t: number;
  shouldHaveAbstained: { count: number; wrong: number; correct: number; items: GapItem[] };
  needlessAbstentions: { count: number; items: GapItem[] };
  agreedAnswers: number;
  agreedAbstentions: number;
  noConfidence: number;
}

/**
 * JSON has no Infinity: the "predict nothing valid" point carries threshold
 * null. The view's ROC keeps only the points the line needs (every dropped
 * point within 2e-4 of it; the best threshold's always kept): shared/plots/thin.ts.
 */
export type WireRocPoint = Omit<RocPoint, 'threshold'> & { threshold: number | null };
export type WireIiv = Omit<IivResult, 'roc' | 'bestThreshold'> & { roc: WireRocPoint[]; bestThreshold: number | null };

/** Bucket bounds and min |E_c| may be infinite: null on the wire. */
export type WireSingletonPanel = Omit<SingletonPanel, 'buckets' | 'bound'> & {
  buckets: Array<Omit<SingletonPanel['buckets'][number], 'hi'> & { hi: number | null }>;
  bound: (Omit<NonNullable<SingletonPanel['bound']>, 'minErrorSetSize'> & { minErrorSetSize: number | null }) | null;
};

export interface BoundsResult {
  runId: number;
  /** null when no item carries a training-frequency column */
  singleton: { column: string; panel: WireSingletonPanel } | null;
  /** the aliases looked for in each item's extra columns */
  frequencyColumns: readonly string[];
  iiv: WireIiv;
}

export interface RubricsResults {
  'rubrics/list': { rubrics: SavedRubric[] };
  'rubrics/save': { rubric: SavedRubric; created: boolean };
  'rubrics/delete': { deleted: number };
  'rubrics/compare': CompareResult;
  'rubrics/audit': AuditResult;
  'rubrics/set-target': RunTarget;
  'rubrics/gaps': GapsResult;
  'rubrics/bounds': BoundsResult;
  'examples/load': { runIds: number[] };
}

/** Training-frequency column names, case-insensitive, first match wins (items' extra columns). */
export { FREQUENCY_COLUMNS } from '../rubrics/frequency.ts';

/** Run metadata keys read as the confidence target stated in the run's instructions. */
export const TARGET_METADATA_KEYS = ['confidence_target', 'confidenceTarget', 'target_t', 'target'] as const;
