// Recalibration verbs (see verbs/recalibration.ts). Each verb: its request schema here, its result in RecalibrationResults.
import { z } from 'zod';
import type { ApplyReport, FitReport, ItemCounts, MetricComparison } from '../recalibration/index.ts';
import { RECALIBRATION_METHODS, type MapParams, type RecalibrationMethod } from '../recalibration/types.ts';
import { id, seed } from './parts.ts';
import type { RECALIBRATION_VERBS } from './verbs/recalibration.ts';

/** How a map is fitted and judged; every field has the default shown in docs/recalibration.md. */
const fitSettings = {
  method: z.enum(RECALIBRATION_METHODS),
  /** cross-fitting folds, default 5 */
  folds: z.number().int().min(2).max(50).optional(),
  /** folds and bootstrap, default 0 */
  seed: seed.optional(),
  /** histogram binning bins, default 10 */
  nBins: z.number().int().min(1).max(100).optional(),
  /** bootstrap resamples for the intervals, default 1000 */
  resamples: z.number().int().min(10).max(10000).optional(),
};

export const recalibrationSchemas = {
  'recalibration/fit': z.object({ runId: id, ...fitSettings }),
  'recalibration/start': z.object({ runId: id, ...fitSettings }),
  'recalibration/result': z.object({ jobId: z.string().min(1).max(64) }),
  'recalibration/save': z.object({ runId: id, ...fitSettings, name: z.string().trim().min(1).max(200).optional() }),
  'recalibration/list': z.object({ runId: id.optional() }),
  'recalibration/export': z.object({ mapId: id }),
  'recalibration/apply': z.object({ mapId: id, runId: id, resamples: fitSettings.resamples }),
  'recalibration/delete': z.object({ mapId: id }),
} as const satisfies { [V in (typeof RECALIBRATION_VERBS)[number]]: z.ZodType };

export const MAP_SCHEMA = 'candor.recalibration-map/v1';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const probability = z.number().min(0).max(1);

/** A map's parameters as they appear in an exported file, checked before the CLI applies them. */
export const mapParamsSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('platt'), coef: finite, intercept: finite }),
  z.object({ method: z.literal('temperature'), temperature: finite.refine((t) => t > 0, 'temperature must be > 0') }),
  z.object({ method: z.literal('beta'), a: finite, b: finite, c: finite }),
  z
    .object({ method: z.literal('isotonic'), x: z.array(probability).min(1), y: z.array(probability).min(1) })
    .refine((m) => m.x.length === m.y.length, 'x and y must have the same length')
    .refine((m) => m.x.every((v, i) => i === 0 || v > m.x[i - 1]!), 'x must be strictly increasing'),
  z
    .object({ method: z.literal('histogram'), upperEdges: z.array(probability).min(1), values: z.array(probability).min(1) })
    .refine((m) => m.upperEdges.length === m.values.length, 'upperEdges and values must have the same length')
    .refine((m) => m.upperEdges.every((v, i) => i === 0 || v > m.upperEdges[i - 1]!), 'upperEdges must be strictly increasing'),
]);

/** Where a map came from: enough to find the run and items again and to refit it. */
export interface MapProvenance {
  run: { id: number | null; name: string; model: string | null; task: string | null; sourcePath: string; sourceSha256: string };
  items: ItemCounts;
  fittedAt: string;
  candorVersion: string;
}

export interface MapSettings {
  folds: number;
  seed: number;
  nBins: number;
  /** confidences are clipped to [logitClip, 1 - logitClip] before logits (Platt, temperature, beta) */
  logitClip: number;
}

export interface SavedMap {
  id: number;
  runId: number | null;
  name: string;
  method: RecalibrationMethod;
  params: MapParams;
  settings: MapSettings;
  provenance: MapProvenance;
  /** cross-fitted before/after on the fitting run, as shown when it was saved */
  crossFit: MetricComparison[];
  createdAt: string;
}

/** The exported JSON file (`candor recalibrate apply map.json RUN`). */
export interface MapDocument {
  schema: typeof MAP_SCHEMA;
  name: string;
  method: RecalibrationMethod;
  params: MapParams;
  settings: MapSettings;
  provenance: MapProvenance;
  crossFit: MetricComparison[];
}

export const mapDocumentSchema = z.object({
  schema: z.literal(MAP_SCHEMA),
  name: z.string(),
  method: z.enum(RECALIBRATION_METHODS),
  params: mapParamsSchema,
  settings: z.record(z.string(), z.unknown()),
  provenance: z.record(z.string(), z.unknown()),
  crossFit: z.array(z.unknown()).optional(),
});

export function mapDocument(map: SavedMap): MapDocument {
  return { schema: MAP_SCHEMA, name: map.name, method: map.method, params: map.params, settings: map.settings, provenance: map.provenance, crossFit: map.crossFit };
}

/** A fit from recalibration/result: while the job runs, every number but the metrics' intervals (intervalsPending). */
export type FitResult = FitReport & { intervalsPending?: boolean };

export interface RecalibrationResults {
  'recalibration/fit': FitReport;
  /** cached: the fit came from the results cache, so recalibration/result answers with all of it at once */
  'recalibration/start': { jobId: string; cached: boolean };
  'recalibration/result': FitResult;
  'recalibration/save': SavedMap;
  'recalibration/list': SavedMap[];
  'recalibration/export': MapDocument;
  'recalibration/apply': ApplyReport & { map: SavedMap };
  'recalibration/delete': { deleted: number };
}
