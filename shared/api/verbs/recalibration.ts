// Recalibration maps: fit, evaluate, apply, re-score.
// Library-free: the sandboxed preload imports the verb names.
export const RECALIBRATION_VERBS = [] as const;
