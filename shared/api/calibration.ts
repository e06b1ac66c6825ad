// Calibration verbs (see verbs/calibration.ts). Each verb: its request schema here, its result in CalibrationResults.
import type { z } from 'zod';
import type { CALIBRATION_VERBS } from './verbs/calibration.ts';

export const calibrationSchemas = {} as const satisfies { [V in (typeof CALIBRATION_VERBS)[number]]: z.ZodType };

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CalibrationResults {}
