import type { RECALIBRATION_VERBS } from '../../shared/api/verbs/recalibration.ts';
import type { HandlerKit, HandlersOf } from './kit.ts';

/** Recalibration maps. */
export function recalibrationHandlers(_kit: HandlerKit): HandlersOf<(typeof RECALIBRATION_VERBS)[number]> {
  return {};
}
