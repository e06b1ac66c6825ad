// Calibration analysis with explicit settings (binning, convention, intervals).
// Library-free: the sandboxed preload imports the verb names.
export const CALIBRATION_VERBS = [
  /** Analyse runs and wait for the result (CLI, small runs). */
  'calibration/analyze',
  /**
   * The same as a background job with progress and cancel. calibration/result answers with every
   * point estimate as soon as they exist (intervalsPending), and with the intervals once the job is done.
   */
  'calibration/start',
  'calibration/result',
  /** The Calibration tab's choices last left for a run (diagram, bins, convention, overlay), remembered in the database. */
  'calibration/view',
  'calibration/save-view',
] as const;
