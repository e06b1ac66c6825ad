// What a recalibration map is, as plain data: it crosses the API, is stored as
// JSON in the database and is exported for the CLI, so it holds no functions.

export const RECALIBRATION_METHODS = ['platt', 'temperature', 'beta', 'isotonic', 'histogram'] as const;
export type RecalibrationMethod = (typeof RECALIBRATION_METHODS)[number];

export const METHOD_LABELS: Record<RecalibrationMethod, string> = {
  platt: 'Platt scaling',
  temperature: 'Temperature scaling',
  beta: 'Beta calibration',
  isotonic: 'Isotonic regression',
  histogram: 'Histogram binning (equal-mass)',
};

/**
 * Fitted parameters. The logit-based maps (platt, temperature, beta) read
 * p clipped to [LOGIT_CLIP, 1 - LOGIT_CLIP] first, as HELM's Platt scaling
 * and the reference values do.
 */
export type MapParams =
  /** sigmoid(coef * logit(p) + intercept) */
  | { method: 'platt'; coef: number; intercept: number }
  /** sigmoid(logit(p) / temperature) */
  | { method: 'temperature'; temperature: number }
  /** sigmoid(a * ln p - b * ln(1 - p) + c) (Kull et al. 2017, unconstrained) */
  | { method: 'beta'; a: number; b: number; c: number }
  /** linear interpolation through (x, y), clipped to the end values outside [x0, xm] */
  | { method: 'isotonic'; x: number[]; y: number[] }
  /** bin i is (upperEdges[i-1], upperEdges[i]] (the first [0, upperEdges[0]]); value = accuracy in that bin */
  | { method: 'histogram'; upperEdges: number[]; values: number[] };

export const LOGIT_CLIP = 1e-12;

export interface FitSettings {
  /** bins for histogram binning; default 10 */
  nBins?: number;
}

/** Input that cannot give a meaningful map: the message says why and what to do. */
export class RecalibrationInputError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'RecalibrationInputError';
    this.code = code;
  }
}
