// Rubrics verbs (see verbs/rubrics.ts). Each verb: its request schema here, its result in RubricsResults.
import type { z } from 'zod';
import type { RUBRICS_VERBS } from './verbs/rubrics.ts';

export const rubricsSchemas = {} as const satisfies { [V in (typeof RUBRICS_VERBS)[number]]: z.ZodType };

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RubricsResults {}
