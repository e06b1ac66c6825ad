// The same items across runs: a matrix of item keys by selected runs.
// Library-free: the sandboxed preload imports the verb names.
export const MATRIX_VERBS = [
  /** A page of the keys the runs share, each run's answer, grade and confidence, with the count of every filter. */
  'items/matrix',
] as const;
