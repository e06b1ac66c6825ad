// Rubrics, leaderboards, threshold sweeps, audits, the bounds panels and the
// bundled SimpleQA example.
// Library-free: the sandboxed preload imports the verb names.
export const RUBRICS_VERBS = [
  'rubrics/list',
  'rubrics/save',
  'rubrics/delete',
  'rubrics/compare',
  'rubrics/audit',
  'rubrics/set-target',
  'rubrics/gaps',
  'rubrics/bounds',
  'examples/load',
] as const;
