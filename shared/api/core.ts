// Core verbs: the app, runs, items, import jobs, the demo.
import { z } from 'zod';
import type { ApiError, ItemDetail, ItemRow, Outcome, RunSummary } from '../domain.ts';
import type { RunMetrics } from '../metrics/types.ts';
import { annotator, id, itemFilter } from './parts.ts';
import { MAX_UPLOAD_CHARS, MAX_UPLOAD_CHUNK_BASE64 } from './verbs.ts';
import type { CORE_VERBS } from './verbs/core.ts';

/** Choices a format's reader takes (Inspect scorer, lm-eval filter, ...): see main/import/*. */
const readerOptions = z.record(z.string().max(64), z.union([z.string().max(256), z.number(), z.boolean(), z.null()])).optional();

const uploadId = z.string().regex(/^[0-9a-f]{24}$/);

export const importSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('path'), path: z.string().min(1).max(4096), options: readerOptions }),
  z.object({ kind: z.literal('upload'), name: z.string().min(1).max(1024), text: z.string().max(MAX_UPLOAD_CHARS), options: readerOptions }),
  /** Files sent with import/upload (browser mode): the whole upload, or one file or folder in it by relative path. */
  z.object({ kind: z.literal('staged'), uploadId: uploadId, path: z.string().max(4096).optional(), options: readerOptions }),
]);
export type ImportSource = z.infer<typeof importSource>;

export const coreSchemas = {
  'app/info': z.object({}),
  'runs/list': z.object({}),
  'runs/get': z.object({ runId: id }),
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
  'import/start': z.object({ sources: z.array(importSource).min(1).max(1000) }),
  /** What importing would create, without writing anything (uploads may send only the first part of the text). */
  'import/preview': z.object({ sources: z.array(importSource).min(1).max(100), limit: z.number().int().min(1).max(200).optional() }),
  /** One chunk of one file's bytes (base64), appended at offset; the first chunk of a pick creates the upload. */
  'import/upload': z.object({
    uploadId: uploadId.optional(),
    path: z.string().min(1).max(4096),
    offset: z.number().int().min(0),
    base64: z.string().max(MAX_UPLOAD_CHUNK_BASE64).regex(/^[A-Za-z0-9+/]*={0,2}$/),
  }),
  /** Removes an upload's staged files (the dialog was cancelled). */
  'import/discard': z.object({ uploadId }),
  'jobs/get': z.object({ jobId: z.string().min(1).max(64) }),
  'jobs/cancel': z.object({ jobId: z.string().min(1).max(64) }),
  'demo/load': z.object({}),
} as const satisfies { [V in (typeof CORE_VERBS)[number]]: z.ZodType };

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
  kind: 'import' | 'analysis' | 'report';
  state: JobState;
  /** Bytes or items done and their total (total is null while unknown). */
  done: number;
  total: number | null;
  message: string;
  result: ImportResultFile[] | null;
  error: ApiError | null;
}

export interface PreviewItem {
  line: number;
  key: string;
  prompt: string;
  answer: string;
  gold: string | null;
  grade: Outcome | null;
  /** As the file states it (before a percent scale is applied). */
  confidence: number | null;
  model: string | null;
  task: string | null;
}

export interface ImportPreview {
  file: string;
  format: string;
  /** Tabular formats (CSV, TSV, JSONL, JSON records) have a column mapping the user can change. */
  tabular: boolean;
  columns: string[] | null;
  /** role -> column in use (the guess, or the remembered or given mapping). */
  mapping: Partial<Record<string, string>> | null;
  guessedMapping: Partial<Record<string, string>> | null;
  /** Under this key a confirmed mapping is remembered for files with the same columns. */
  layoutKey: string | null;
  /** True when a mapping remembered for this column layout was applied. */
  rememberedMapping: boolean;
  /**
   * Choices the format offers (Inspect: which scorer grades; lm-eval: which
   * filter), as seen in the first items; each is a source option of that name.
   */
  choices: Record<string, { label: string; options: string[]; value: string | null }>;
  items: PreviewItem[];
  /** The confidence scale decided so far is percent (0-100, divided by 100 when stored). */
  confidenceLooksPercent: boolean;
  /**
   * What the reader could not decide or chose, in words: which field grades
   * ("no grade found: choose one"), where the confidence comes from, where the
   * model name was found.
   */
  notes: string[];
  /** Tabular files: the scale the confidence column is read on so far, and why; null when the format fixes it. */
  confidenceScale: { scale: 'unit' | 'percent'; reason: string } | null;
  /** The runs the first items fall into, by (model, task). */
  runs: Array<{ model: string | null; task: string | null; items: number }>;
  /** Runs already imported from the same bytes (paths only; uploads are checked at import). */
  duplicateOf: number[] | null;
}

/** uploadPath: where the previewed file sits in its upload ('' for the whole upload), to name it in a staged source. */
export type ImportPreviewResult =
  | { ok: true; preview: ImportPreview; uploadPath?: string }
  | { ok: false; file: string; error: ApiError; uploadPath?: string };

export interface CoreResults {
  'app/info': AppInfo;
  'runs/list': RunSummary[];
  'runs/get': RunSummary;
  'runs/metrics': RunMetrics;
  'items/list': ItemPage;
  'items/get': ItemDetail;
  'items/neighbor': ItemRow | null;
  'import/start': { jobId: string };
  'import/preview': { files: ImportPreviewResult[] };
  'import/upload': { uploadId: string; bytes: number };
  'import/discard': { discarded: boolean };
  'jobs/get': Job;
  'jobs/cancel': Job;
  'demo/load': { runIds: number[] };
}

