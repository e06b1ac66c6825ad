// Report verbs (see verbs/reports.ts). Each verb: its request schema here, its result in ReportResults.
import { z } from 'zod';
import type { ExportFile } from '../report/tables.ts';
import { id, seed } from './parts.ts';
import type { REPORT_VERBS } from './verbs/reports.ts';

export const reportsSchemas = {
  'reports/export': z.object({
    runIds: z.array(id).min(1).max(50),
    format: z.enum(['html', 'pdf', 'json', 'csv']),
    settings: z
      .object({
        nBins: z.number().int().min(2).max(100).optional(),
        seed: seed.optional(),
        resamples: z.number().int().min(10).max(10000).optional(),
        rubrics: z.array(z.string().min(1).max(100)).min(1).max(20).optional(),
        topErrors: z.number().int().min(0).max(500).optional(),
        /** the item field to break each run down by (the report's Subgroups section) */
        breakdownBy: z.string().trim().min(1).max(200).optional(),
      })
      .optional(),
  }),
} as const satisfies { [V in (typeof REPORT_VERBS)[number]]: z.ZodType };

export interface ReportExport {
  /** one file, or three for CSV (items, runs, leaderboard) */
  files: ExportFile[];
}

export interface ReportResults {
  'reports/export': ReportExport;
}
