import type { CALIBRATION_VERBS } from '../../shared/api/verbs/calibration.ts';
import type { HandlerKit, HandlersOf } from './kit.ts';

/** Calibration analysis with explicit settings. */
export function calibrationHandlers(_kit: HandlerKit): HandlersOf<(typeof CALIBRATION_VERBS)[number]> {
  return {};
}
