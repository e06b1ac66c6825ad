// Labels, annotators, agreement.
// Library-free: the sandboxed preload imports the verb names.
export const LABELING_VERBS = [
  'labels/set',
  'labels/bulk',
  'labels/undo-batch',
  'labels/undo',
  'labels/redo',
  'labels/stack',
  'labels/export',
  'labels/merge',
  'annotators/list',
  'runs/suggest',
  'labels/progress',
  'runs/agreement',
] as const;
