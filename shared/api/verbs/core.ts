// Runs, items, import, jobs, the demo.
// Library-free: the sandboxed preload imports the verb names.
export const CORE_VERBS = [
  'app/info',
  'runs/list',
  'runs/get',
  'runs/metrics',
  'items/list',
  'items/get',
  'items/neighbor',
  'import/start',
  'import/preview',
  'import/upload',
  'import/discard',
  'jobs/get',
  'jobs/cancel',
  'demo/load',
] as const;
