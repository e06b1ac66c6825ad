import type { RUBRICS_VERBS } from '../../shared/api/verbs/rubrics.ts';
import type { HandlerKit, HandlersOf } from './kit.ts';

/** Rubrics, leaderboards, sweeps and audits. */
export function rubricsHandlers(_kit: HandlerKit): HandlersOf<(typeof RUBRICS_VERBS)[number]> {
  return {};
}
