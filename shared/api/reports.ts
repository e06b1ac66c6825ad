// Report verbs (see verbs/reports.ts). Each verb: its request schema here, its result in ReportResults.
import type { z } from 'zod';
import type { REPORT_VERBS } from './verbs/reports.ts';

export const reportsSchemas = {} as const satisfies { [V in (typeof REPORT_VERBS)[number]]: z.ZodType };

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ReportResults {}
