// The API's verb names and transport limits, free of any library: the
// sandboxed preload and the renderer import this, not the schemas, so neither
// bundle carries the validator. contract.ts checks at compile time that its
// schemas cover exactly these verbs.
export const VERBS = [
  'app/info',
  'runs/list',
  'runs/get',
  'runs/delete',
  'runs/metrics',
  'items/list',
  'items/get',
  'items/neighbor',
  'labels/set',
  'labels/bulk',
  'labels/undo-batch',
  'labels/export',
  'labels/merge',
  'annotators/list',
  'import/start',
  'jobs/get',
  'jobs/cancel',
  'demo/load',
] as const;

export type Verb = (typeof VERBS)[number];

/** Largest upload browser mode accepts in one request (text formats). */
export const MAX_UPLOAD_CHARS = 256 * 1024 * 1024;
