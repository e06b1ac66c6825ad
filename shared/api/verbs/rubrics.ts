// Rubrics, leaderboards, threshold sweeps, audits.
// Library-free: the sandboxed preload imports the verb names.
export const RUBRICS_VERBS = [] as const;
