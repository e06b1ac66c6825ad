// Recalibration maps: fit, evaluate, apply, re-score.
// Library-free: the sandboxed preload imports the verb names.
export const RECALIBRATION_VERBS = [
  'recalibration/fit',
  /** The fit as a background job: recalibration/result answers with every number but the intervals as soon as they exist, then with all of them. */
  'recalibration/start',
  'recalibration/result',
  'recalibration/save',
  'recalibration/list',
  'recalibration/export',
  'recalibration/apply',
  'recalibration/delete',
] as const;
