// Recalibration maps: fit, evaluate, apply, re-score.
// Library-free: the sandboxed preload imports the verb names.
export const RECALIBRATION_VERBS = [
  'recalibration/fit',
  'recalibration/save',
  'recalibration/list',
  'recalibration/export',
  'recalibration/apply',
  'recalibration/delete',
] as const;
