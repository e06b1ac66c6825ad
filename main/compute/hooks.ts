// How a long analysis reports progress and learns that it was cancelled.
export interface AnalysisHooks {
  /** resamples done of total, across the whole analysis */
  progress?: (done: number, total: number) => void;
  /** true when the caller gave up: the analysis stops at the next resample */
  cancelled?: () => boolean;
  /** an early part of the result, for the caller to show while the rest is computed */
  partial?: (value: unknown) => void;
}

export class AnalysisCancelled extends Error {
  constructor() {
    super('analysis cancelled');
    this.name = 'AnalysisCancelled';
  }
}
