import type { REPORT_VERBS } from '../../shared/api/verbs/reports.ts';
import type { HandlerKit, HandlersOf } from './kit.ts';

/** Reports and exports. */
export function reportsHandlers(_kit: HandlerKit): HandlersOf<(typeof REPORT_VERBS)[number]> {
  return {};
}
