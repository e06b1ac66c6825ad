// Calibration verbs (see verbs/calibration.ts). Each verb: its request schema here, its result in CalibrationResults.
// Every number in a CalibrationAnalysis is reproducible from the `settings` it echoes.
import { z } from 'zod';
import type { HelmCalibration } from '../metrics/helm.ts';
import type { PrrResult } from '../metrics/lmpolygraph.ts';
import type { OrderFreeRanking } from '../metrics/order-free.ts';
import { id, seed } from './parts.ts';
import type { CALIBRATION_VERBS } from './verbs/calibration.ts';

export const CONVENTIONS = ['sklearn', 'netcal', 'torchmetrics', 'relplot', 'relplot-binning', 'kumar', 'lmpolygraph', 'helm'] as const;
export type Convention = (typeof CONVENTIONS)[number];

/** Selective accuracy is reported at these coverages (top round-half-even(c·n) items, stable ties). */
export const SELECTIVE_COVERAGES = [0.1, 0.2, 0.5, 0.8, 1] as const;

export const calibrationSettingsSchema = z.object({
  bins: z.union([z.number().int().min(1).max(10000), z.enum(['sqrt', 'cbrt'])]).optional(),
  binning: z.enum(['equal-width', 'equal-mass']).optional(),
  convention: z.enum(CONVENTIONS).optional(),
  interval: z.enum(['wilson', 'clopper-pearson']).optional(),
  smooth: z.boolean().optional(),
  bootstrap: z
    .object({
      /** 0 turns the bootstrap off */
      resamples: z.number().int().min(0).max(100000).optional(),
      seed: seed.optional(),
      level: z.number().gt(0).lt(1).optional(),
      /** resamples for smECE and the smooth band (each costs a kernel smoothing); at most `resamples` */
      smoothResamples: z.number().int().min(0).max(100000).optional(),
    })
    .optional(),
});
export type CalibrationSettingsInput = z.infer<typeof calibrationSettingsSchema>;

export interface CalibrationSettings {
  bins: number | 'sqrt' | 'cbrt';
  binning: 'equal-width' | 'equal-mass';
  convention: Convention;
  interval: 'wilson' | 'clopper-pearson';
  smooth: boolean;
  bootstrap: { resamples: number; seed: number; level: number; smoothResamples: number };
}

/** The documented defaults: sklearn's 10 equal-width bins, Wilson intervals, 1000 resamples with seed 0. */
export const DEFAULT_CALIBRATION_SETTINGS: CalibrationSettings = {
  bins: 10,
  binning: 'equal-width',
  convention: 'sklearn',
  interval: 'wilson',
  smooth: true,
  bootstrap: { resamples: 1000, seed: 0, level: 0.95, smoothResamples: 100 },
};

/** Fills every setting left out with its default, so a result names all of them. */
export function resolveCalibrationSettings(input: CalibrationSettingsInput = {}): CalibrationSettings {
  const d = DEFAULT_CALIBRATION_SETTINGS;
  const resamples = input.bootstrap?.resamples ?? d.bootstrap.resamples;
  return {
    bins: input.bins ?? d.bins,
    binning: input.binning ?? d.binning,
    convention: input.convention ?? d.convention,
    interval: input.interval ?? d.interval,
    smooth: input.smooth ?? d.smooth,
    bootstrap: {
      resamples,
      seed: input.bootstrap?.seed ?? d.bootstrap.seed,
      level: input.bootstrap?.level ?? d.bootstrap.level,
      smoothResamples: Math.min(resamples, input.bootstrap?.smoothResamples ?? d.bootstrap.smoothResamples),
    },
  };
}

const analyzeRequest = z.object({ runIds: z.array(id).min(1).max(16), settings: calibrationSettingsSchema.optional() });

/**
 * The Calibration tab's own choices for a run, as kept: short strings and the
 * overlaid runs. The view reads them back through its own validation (an
 * older version may have left other values), so only their shape is checked here.
 */
export const calibrationViewSchema = z
  .object({
    mode: z.string().max(32).optional(),
    bins: z.string().max(32).optional(),
    binning: z.string().max(32).optional(),
    convention: z.string().max(32).optional(),
    interval: z.string().max(32).optional(),
    overlay: z.array(id).max(16).optional(),
  })
  .strict();
export type StoredCalibrationView = z.infer<typeof calibrationViewSchema>;

export const calibrationSchemas = {
  'calibration/analyze': analyzeRequest,
  'calibration/start': analyzeRequest,
  'calibration/result': z.object({ jobId: z.string().min(1).max(64) }),
  'calibration/view': z.object({ runId: id }),
  'calibration/save-view': z.object({ runId: id, view: calibrationViewSchema }),
} as const satisfies { [V in (typeof CALIBRATION_VERBS)[number]]: z.ZodType };

/** A number with its percentile bootstrap interval ([lo, hi], null when not bootstrapped or undefined). */
export interface Estimate {
  value: number | null;
  interval: [number, number] | null;
}

export interface CalibrationBin {
  lo: number;
  hi: number;
  count: number;
  meanConfidence: number | null;
  accuracy: number | null;
  /** Wilson or Clopper-Pearson interval of the bin's accuracy; null for an empty bin */
  interval: [number, number] | null;
}

export interface SmoothCurve {
  sigma: number;
  mesh: number[];
  /** smoothed accuracy on the full data */
  mu: number[];
  /** pointwise percentile band over the smooth resamples (null without them) */
  lo: number[] | null;
  hi: number[] | null;
  /** smoothed confidence density */
  density: number[];
}

export interface CalibrationRunAnalysis {
  runId: number;
  /** attempted items with a confidence in [0, 1]: what every metric below uses */
  n: number;
  excluded: { abstained: number; noConfidence: number; outOfRange: number; unlabeled: number };
  /** accuracy and mean confidence of the n items */
  accuracy: number | null;
  meanConfidence: number | null;
  binned: {
    /** bin slots after resolving 'sqrt' / 'cbrt' (plus the convention's extra p = 1 bin, if any) */
    nBins: number;
    edges: number[];
    ece: Estimate;
    mce: Estimate;
    rms: Estimate;
    /** netcal's ACE: unweighted mean gap over non-empty bins */
    ace: Estimate;
    /** Kumar et al.'s debiased L2 calibration error over the same bins */
    kumarDebiasedL2: Estimate;
  };
  bins: CalibrationBin[];
  smooth: { smece: Estimate; sigma: number | null; curve: SmoothCurve | null } | null;
  brier: Estimate;
  murphy: {
    reliability: number;
    resolution: number;
    uncertainty: number;
    withinBinVariance: number;
    withinBinCovariance: number;
  } | null;
  corp: { MCB: number; DSC: number; UNC: number } | null;
  logLoss: Estimate;
  auroc: Estimate;
  /** AURC, E-AURC and selective accuracy with ties in item order (a stable sort), for matching references */
  aurc: Estimate;
  eAurc: Estimate;
  aurcTieExpected: number | null;
  selective: Array<{ coverage: number; accuracy: number | null }>;
  /** HELM's block; its selective stats follow numpy's tie order, as HELM's do */
  helm: HelmCalibration;
  /** LM-Polygraph's PRR; numpy's tie order, as LM-Polygraph's */
  prr: PrrResult;
  /**
   * The same ranking metrics with ties between equal confidences in random
   * order, in expectation: they depend on the items, not on the order they
   * are listed in. The default shown; the fields above match the references.
   */
  orderFree: Omit<OrderFreeRanking, 'aurc' | 'eAurc'> & { aurc: Estimate; eAurc: Estimate };
  /** resamples actually used (0 when n = 0 or the bootstrap is off) */
  resamples: { main: number; smooth: number };
}

export interface CalibrationAnalysis {
  settings: CalibrationSettings;
  runs: CalibrationRunAnalysis[];
  /** calibration/result of a running job: the point estimates are in, the bootstrap intervals are still being drawn */
  intervalsPending?: boolean;
  /**
   * calibration/result of a running job, earlier still: only the numbers that need no sort of the items
   * (diagram, binned errors, Brier, log loss, smooth curve, Murphy); CORP, AUROC, AURC, selective
   * accuracy, HELM and PRR are null until the job's result no longer says so.
   */
  pointsPending?: boolean;
}

export interface CalibrationResults {
  'calibration/analyze': CalibrationAnalysis;
  /** cached: every run's analysis came from the results cache, so calibration/result answers with all of it at once */
  'calibration/start': { jobId: string; cached: boolean };
  'calibration/result': CalibrationAnalysis;
  /** null: nothing left for this run yet */
  'calibration/view': { view: StoredCalibrationView | null };
  'calibration/save-view': { saved: true };
}
