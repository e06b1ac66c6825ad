// The one API contract, composed from its domains (core, runs, labeling,
// calibration, rubrics, reports, recalibration, the item matrix). Each verb names its request
// schema (validated at the main-process edge) and its result type; IPC
// (preload) and HTTP (browser mode) are both derived from it, so a new verb is
// one entry in verbs/<domain>.ts, its schema and result in <domain>.ts, and one
// handler: the compiler finds the rest.
import type { z } from 'zod';
import type { ApiError } from '../domain.ts';
import { calibrationSchemas, type CalibrationResults } from './calibration.ts';
import { coreSchemas, type CoreResults } from './core.ts';
import { labelingSchemas, type LabelingResults } from './labeling.ts';
import { matrixSchemas, type MatrixResults } from './matrix.ts';
import { recalibrationSchemas, type RecalibrationResults } from './recalibration.ts';
import { reportsSchemas, type ReportResults } from './reports.ts';
import { rubricsSchemas, type RubricsResults } from './rubrics.ts';
import { runsSchemas, type RunsResults } from './runs.ts';
import { subgroupsSchemas, type SubgroupsResults } from './subgroups.ts';
import { MAX_UPLOAD_CHARS, VERBS, type Verb } from './verbs.ts';

export { MAX_UPLOAD_CHARS, VERBS, type Verb };
export * from './core.ts';
export * from './runs.ts';
export * from './labeling.ts';
export * from './calibration.ts';
export * from './rubrics.ts';
export * from './reports.ts';
export * from './recalibration.ts';
export * from './subgroups.ts';
export * from './matrix.ts';

export const requestSchemas = {
  ...coreSchemas,
  ...runsSchemas,
  ...labelingSchemas,
  ...calibrationSchemas,
  ...rubricsSchemas,
  ...reportsSchemas,
  ...recalibrationSchemas,
  ...subgroupsSchemas,
  ...matrixSchemas,
} as const satisfies { [V in Verb]: z.ZodType };

// Fails to compile if a schema exists for a verb that verbs.ts does not list.
type ExtraSchemas = Exclude<keyof typeof requestSchemas, Verb>;
const noExtraSchemas: [ExtraSchemas] extends [never] ? true : never = true;
void noExtraSchemas;

export type Request<V extends Verb> = z.infer<(typeof requestSchemas)[V]>;

export type ResultTypes = CoreResults & RunsResults & LabelingResults & CalibrationResults & RubricsResults & ReportResults & RecalibrationResults & SubgroupsResults & MatrixResults;
export type Result<V extends Verb> = V extends keyof ResultTypes ? ResultTypes[V] : never;

// Fails to compile if a verb has no result type.
type MissingResults = Exclude<Verb, keyof ResultTypes>;
const noMissingResults: [MissingResults] extends [never] ? true : never = true;
void noMissingResults;

/** What crosses every transport: errors travel as data, since IPC drops custom error fields. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** The API as the renderer sees it: one function per verb, nothing generic. */
export type CandorApi = { [V in Verb]: (request: Request<V>) => Promise<Envelope<Result<V>>> };

/** Events main pushes to the renderer (Electron menu actions). */
export type AppEvent =
  | { type: 'menu'; action: 'import' | 'load-demo' | 'toggle-theme' | 'help' | 'export-report' }
  /** Files chosen in the native File > Import dialog: previewed and imported like any others. */
  | { type: 'import-paths'; paths: string[] };

/** The object preload exposes on window (Electron only). */
export interface CandorBridge {
  api: CandorApi;
  onEvent(listener: (event: AppEvent) => void): () => void;
  /** Electron-only: the file-system path of a dropped File. */
  pathForFile(file: unknown): string | null;
}
