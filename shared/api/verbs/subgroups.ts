// Subgroup breakdowns: a run's metrics, calibration, reliability diagrams and
// rubric scores per value of an item field.
// Library-free: the sandboxed preload imports the verb names.
export const SUBGROUPS_VERBS = [
  /** The fields the run's items carry, with their number of distinct values. */
  'subgroups/fields',
  /** A breakdown as a background job; subgroups/result answers with the points first, then with the intervals. */
  'subgroups/start',
  'subgroups/result',
] as const;
