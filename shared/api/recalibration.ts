// Recalibration verbs (see verbs/recalibration.ts). Each verb: its request schema here, its result in RecalibrationResults.
import type { z } from 'zod';
import type { RECALIBRATION_VERBS } from './verbs/recalibration.ts';

export const recalibrationSchemas = {} as const satisfies { [V in (typeof RECALIBRATION_VERBS)[number]]: z.ZodType };

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RecalibrationResults {}
