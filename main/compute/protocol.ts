// Messages between the main process and the compute worker. Columns travel as
// typed arrays (copied by structured clone); cancel is a shared flag the
// worker polls between resamples, so a cancelled worker stays reusable.
import type { CalibrationAnalysis, CalibrationSettings } from '../../shared/api/calibration.ts';
import type { BinningOptions } from '../../shared/metrics/binning.ts';
import type { PanelDraws, PanelIntervals } from './bootstrap-panel.ts';
import type { TaskName, TaskOutcome } from './tasks.ts';

export interface RunColumns {
  runId: number;
  outcome: Uint8Array;
  confidence: Float64Array;
}

export interface AnalyzeMessage {
  type: 'analyze';
  id: number;
  runs: RunColumns[];
  settings: CalibrationSettings;
  /** Bootstrap intervals already drawn on other threads, parallel to runs (see client.ts). */
  panels?: Array<PanelIntervals | null>;
  /** Int32Array view: [0] becomes 1 when the caller cancels */
  cancel: SharedArrayBuffer;
}

/** ECE of resamples from..to-1 (one thread's share of a bootstrap; see parallel-bootstrap.ts). */
export interface EceResamplesMessage {
  type: 'ece-resamples';
  id: number;
  p: Float64Array;
  y: Uint8Array;
  binning: BinningOptions;
  seed: number;
  from: number;
  to: number;
  cancel: SharedArrayBuffer;
}

/** Panel statistics of resamples from..to-1 of one run: one thread's share of its bootstrap. */
export interface PanelDrawsMessage {
  type: 'panel-draws';
  id: number;
  run: RunColumns;
  settings: CalibrationSettings;
  from: number;
  to: number;
  cancel: SharedArrayBuffer;
}

/** A named engine call (tasks.ts): heavy work that must not hold the main loop. */
export interface TaskMessage {
  type: 'task';
  id: number;
  name: TaskName;
  input: unknown;
}

export type ToWorker = AnalyzeMessage | EceResamplesMessage | PanelDrawsMessage | TaskMessage;

export type FromWorker =
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'result'; id: number; value: CalibrationAnalysis }
  | { type: 'task-result'; id: number; outcome: TaskOutcome<unknown> }
  | { type: 'draws'; id: number; draws: PanelDraws }
  | { type: 'values'; id: number; values: Float64Array; estimate: number | null }
  | { type: 'error'; id: number; code: 'cancelled' | 'invalid-settings' | 'not-defined-for-data' | 'internal'; message: string };
