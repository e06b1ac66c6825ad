// Calibration analysis with explicit settings (binning, convention, intervals).
// Library-free: the sandboxed preload imports the verb names.
export const CALIBRATION_VERBS = [] as const;
