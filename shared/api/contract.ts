// The one API contract. Each verb names its request schema (validated at the
// main-process edge) and its result type. IPC (preload) and HTTP (browser mode)
// are both derived from this object, so a new verb is one entry here plus one
// handler; the compiler finds the rest.
import { z } from 'zod';
import { QUEUES, type ApiError, type ItemDetail, type ItemRow, type LabelRecord, type RunSummary } from '../domain.ts';
import { labelSet, type LabelSet, type MergeReport } from '../labels/label-set.ts';
import type { RunMetrics } from '../metrics/types.ts';
import { MAX_UPLOAD_CHARS, VERBS, type Verb } from './verbs.ts';

export { MAX_UPLOAD_CHARS, VERBS, type Verb };

const id = z.number().int().positive();
const outcome = z.enum(['correct', 'incorrect', 'abstained']);
const effectiveOutcome = z.enum(['correct', 'incorrect', 'abstained', 'unlabeled']);
const annotator = z.string().trim().min(1).max(80);
const unit = z.number().min(0).max(1);

/** Which items, in which order: shared by the table, the labeling flow and bulk actions. */
const itemFilter = {
  search: z.string().max(1000).optional(),
  outcome: effectiveOutcome.optional(),
  queue: z.enum(QUEUES).optional(),
  annotator: annotator.optional(),
  seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
  confidenceMin: unit.optional(),
  confidenceMax: unit.optional(),
};

/** Choices a format's reader takes (Inspect scorer, lm-eval filter, ...): see main/import/*. */
const readerOptions = z.record(z.string().max(64), z.union([z.string().max(256), z.number(), z.boolean(), z.null()])).optional();

export const importSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('path'), path: z.string().min(1).max(4096), options: readerOptions }),
  z.object({ kind: z.literal('upload'), name: z.string().min(1).max(1024), text: z.string().max(MAX_UPLOAD_CHARS), options: readerOptions }),
]);
export type ImportSource = z.infer<typeof importSource>;

export const requestSchemas = {
  'app/info': z.object({}),
  'runs/list': z.object({}),
  'runs/get': z.object({ runId: id }),
  'runs/delete': z.object({ runId: id }),
  'runs/metrics': z.object({ runId: id }),
  'items/list': z.object({
    runId: id,
    offset: z.number().int().min(0),
    limit: z.number().int().min(1).max(1000),
    ...itemFilter,
  }),
  'items/get': z.object({ itemId: id, annotator: annotator.optional(), blind: z.boolean().optional() }),
  'items/neighbor': z.object({
    itemId: id,
    direction: z.enum(['next', 'prev']),
    ...itemFilter,
  }),
  'labels/set': z.object({
    itemId: id,
    annotator,
    outcome: outcome.nullable(),
    note: z.string().max(10000).optional(),
    kind: z.enum(['label', 'adjudication']).optional(),
    /** Answer with the item as blind mode shows it. */
    blind: z.boolean().optional(),
  }),
  'labels/bulk': z.object({
    runId: id,
    annotator,
    filter: z.object(itemFilter),
    /** accept-imported: the imported grade becomes this annotator's label; set: one outcome for all. */
    action: z.discriminatedUnion('type', [
      z.object({ type: z.literal('accept-imported') }),
      z.object({ type: z.literal('set'), outcome }),
    ]),
    /** A selection: only these items (still within the filter). */
    itemIds: z.array(id).max(1_000_000).optional(),
  }),
  'labels/undo-batch': z.object({ batch: z.string().uuid() }),
  'labels/export': z.object({ runId: id }),
  'labels/merge': z.object({ runId: id, set: labelSet }),
  'annotators/list': z.object({ runId: id.optional() }),
  'import/start': z.object({ sources: z.array(importSource).min(1).max(1000) }),
  'jobs/get': z.object({ jobId: z.string().min(1).max(64) }),
  'jobs/cancel': z.object({ jobId: z.string().min(1).max(64) }),
  'demo/load': z.object({}),
} as const satisfies { [V in Verb]: z.ZodType };

// Fails to compile if a schema exists for a verb that verbs.ts does not list.
type ExtraSchemas = Exclude<keyof typeof requestSchemas, Verb>;
const noExtraSchemas: [ExtraSchemas] extends [never] ? true : never = true;
void noExtraSchemas;
export type Request<V extends Verb> = z.infer<(typeof requestSchemas)[V]>;

export interface AppInfo {
  version: string;
  /** Where the database lives; shown in the status bar. */
  dbPath: string;
  /** 'electron' or 'browser': the transport, for the few things that differ (file dialogs). */
  runtime: 'electron' | 'browser';
  runCount: number;
}

export interface ItemPage {
  total: number;
  offset: number;
  rows: ItemRow[];
}

export type JobState = 'running' | 'done' | 'failed' | 'cancelled';

export interface ImportResultFile {
  file: string;
  /** Runs created from this file. */
  runIds: number[];
  /** Set when the same bytes were imported before: the existing runs are reused. */
  duplicateOf: number[] | null;
  items: number;
}

export interface Job {
  id: string;
  kind: 'import';
  state: JobState;
  /** Bytes or items done and their total (total is null while unknown). */
  done: number;
  total: number | null;
  message: string;
  result: ImportResultFile[] | null;
  error: ApiError | null;
}

export interface LabelResult {
  label: LabelRecord;
  /** The item after the label, as this annotator may see it (blind or not). */
  item: ItemDetail;
}

export interface ResultTypes {
  'app/info': AppInfo;
  'runs/list': RunSummary[];
  'runs/get': RunSummary;
  'runs/delete': { deleted: number };
  'runs/metrics': RunMetrics;
  'items/list': ItemPage;
  'items/get': ItemDetail;
  'items/neighbor': ItemRow | null;
  'labels/set': LabelResult;
  'labels/bulk': { batch: string; count: number };
  'labels/undo-batch': { count: number; undoBatch: string };
  'labels/export': LabelSet;
  'labels/merge': MergeReport;
  'annotators/list': Array<{ name: string; labels: number; items: number; lastAt: string | null }>;
  'import/start': { jobId: string };
  'jobs/get': Job;
  'jobs/cancel': Job;
  'demo/load': { runIds: number[] };
}

export type Result<V extends Verb> = ResultTypes[V];

/** What crosses every transport: errors travel as data, since IPC drops custom error fields. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** The API as the renderer sees it: one function per verb, nothing generic. */
export type CandorApi = { [V in Verb]: (request: Request<V>) => Promise<Envelope<Result<V>>> };

/** Events main pushes to the renderer (Electron menu actions). */
export type AppEvent = { type: 'menu'; action: 'import' | 'load-demo' | 'toggle-theme' | 'help' } | { type: 'job'; jobId: string };

/** The object preload exposes on window (Electron only). */
export interface CandorBridge {
  api: CandorApi;
  onEvent(listener: (event: AppEvent) => void): () => void;
  /** Electron-only: the file-system path of a dropped File. */
  pathForFile(file: unknown): string | null;
}
