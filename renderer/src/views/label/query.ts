// What the labeling view works through: a queue and its filters, as the API takes them.
import type { EffectiveOutcome, Queue } from '../../../../shared/domain.ts';

export type LabelMode = 'label' | 'adjudicate';

export interface LabelQuery {
  queue: Queue;
  search: string;
  outcome: EffectiveOutcome | 'all';
  confidenceMin: number | null;
  confidenceMax: number | null;
  seed: number;
}

export const DEFAULT_LABEL_QUERY: LabelQuery = {
  queue: 'unlabeled',
  search: '',
  outcome: 'all',
  confidenceMin: null,
  confidenceMax: null,
  seed: 1,
};

export const QUEUE_LABELS: Record<Queue, string> = {
  all: 'All items, in file order',
  unlabeled: 'Unlabeled by me',
  disagree: 'Human label disagrees with the imported grade',
  disputed: 'Disputed (annotators disagree)',
  expensive: 'Most expensive first (confident and wrong)',
  random: 'Random order (seeded)',
};

/** The request fields of items/list, items/neighbor, labels/bulk and labels/progress. */
export function filterOf(query: LabelQuery, annotator: string, mode: LabelMode) {
  const search = query.search.trim();
  return {
    queue: mode === 'adjudicate' ? ('disputed' as const) : query.queue,
    annotator,
    ...(query.queue === 'random' && mode === 'label' ? { seed: query.seed } : {}),
    ...(search ? { search } : {}),
    ...(query.outcome !== 'all' ? { outcome: query.outcome } : {}),
    ...(query.confidenceMin !== null ? { confidenceMin: query.confidenceMin } : {}),
    ...(query.confidenceMax !== null ? { confidenceMax: query.confidenceMax } : {}),
  };
}

const STORAGE_KEY = 'candor-label-query';

export function loadQuery(runId: number): LabelQuery {
  try {
    const saved = JSON.parse(sessionStorage.getItem(`${STORAGE_KEY}:${runId}`) ?? 'null') as Partial<LabelQuery> | null;
    return { ...DEFAULT_LABEL_QUERY, ...(saved ?? {}) };
  } catch {
    return DEFAULT_LABEL_QUERY;
  }
}

export function saveQuery(runId: number, query: LabelQuery): void {
  try {
    sessionStorage.setItem(`${STORAGE_KEY}:${runId}`, JSON.stringify(query));
  } catch {
    // Kept in memory only.
  }
}

const MODE_KEY = 'candor-label-mode';

/** The Agreement tab opens adjudication by leaving the mode here before switching tabs. */
export function requestMode(runId: number, mode: LabelMode): void {
  try {
    sessionStorage.setItem(`${MODE_KEY}:${runId}`, mode);
  } catch {
    // Opens in the default mode.
  }
}

export function loadMode(runId: number): LabelMode {
  try {
    return sessionStorage.getItem(`${MODE_KEY}:${runId}`) === 'adjudicate' ? 'adjudicate' : 'label';
  } catch {
    return 'label';
  }
}
