// The labeling session's bookkeeping, kept pure so it is tested without a DOM:
// the trail of visited items, progress as labels land, and the labeling rate.
// (Undo and redo are the server's: see lib/undo.ts.)
import type { LabelProgress } from '../../../../shared/api/labeling.ts';
import type { Outcome } from '../../../../shared/domain.ts';

/**
 * Where the session has been, so k returns to the item just labelled even
 * when its queue ("unlabeled by me") no longer contains it.
 */
export interface Trail {
  ids: number[];
  at: number;
}

export function trailStart(id: number): Trail {
  return { ids: [id], at: 0 };
}

/** The item after the cursor if the session went back, else null (ask the queue). */
export function trailForward(trail: Trail): number | null {
  return trail.at < trail.ids.length - 1 ? trail.ids[trail.at + 1]! : null;
}

export function trailBack(trail: Trail): number | null {
  return trail.at > 0 ? trail.ids[trail.at - 1]! : null;
}

/** Goes to `id`: a step along the trail if it is the neighbour there, else a new branch. */
export function trailGo(trail: Trail, id: number): Trail {
  if (trail.ids[trail.at + 1] === id) return { ids: trail.ids, at: trail.at + 1 };
  if (trail.ids[trail.at - 1] === id) return { ids: trail.ids, at: trail.at - 1 };
  if (trail.ids[trail.at] === id) return trail;
  const ids = [...trail.ids.slice(0, trail.at + 1), id];
  // Bounded: a day of labeling must not grow memory without end.
  const overflow = Math.max(0, ids.length - 5000);
  return { ids: ids.slice(overflow), at: ids.length - 1 - overflow };
}

/** A queue reached from the front: the previous item is prepended. */
export function trailPrepend(trail: Trail, id: number): Trail {
  if (trail.at > 0) return trailGo(trail, id);
  return { ids: [id, ...trail.ids], at: 0 };
}

export const RATE_WINDOW_MS = 5 * 60_000;

/**
 * Labels per minute over the last five minutes of this session (or since its
 * first label, if more recent): a pause for coffee fades out of the figure.
 * Null until two labels give an interval.
 */
export function ratePerMinute(times: readonly number[], now: number): number | null {
  const recent = times.filter((t) => now - t <= RATE_WINDOW_MS);
  if (recent.length < 2) return null;
  const span = Math.max(now - recent[0]!, 1000);
  return (recent.length / span) * 60_000;
}

/** Change in "labeled by me" when my label goes from `before` to `after`. */
export function mineDelta(before: Outcome | null, after: Outcome | null): number {
  return (after !== null ? 1 : 0) - (before !== null ? 1 : 0);
}

/**
 * Progress after one label of mine lands, counted here so it moves with each
 * key press (the server's recount follows later). Labeling counts items with
 * my label; adjudicating counts the disputed items left.
 */
export function progressAfter(
  progress: LabelProgress | null,
  kind: 'label' | 'adjudication',
  before: Outcome | null,
  after: Outcome | null,
): LabelProgress | null {
  if (!progress) return progress;
  const delta = mineDelta(before, after);
  return kind === 'label' ? { ...progress, mine: progress.mine + delta } : { ...progress, total: progress.total - delta };
}

/** The session remembered per run, annotator and mode across tab switches. */
export function sessionKey(runId: number, annotator: string, mode: string): string {
  return `${runId}:${annotator}:${mode}`;
}

/** Cached item details are per item and per blind view of it. */
export function detailKey(itemId: number, blind: boolean): string {
  return `${itemId}:${blind ? 1 : 0}`;
}
