// Messages between the main process and the compute worker. Columns travel as
// typed arrays (copied by structured clone, but for the store's confidences and
// extracted items, which are on shared memory and go by reference); cancel is a
// shared flag the worker polls between resamples, so a cancelled worker stays
// reusable.
import type { CalibrationAnalysis, CalibrationSettings } from '../../shared/api/calibration.ts';
import type { ExtractedCalibrationData } from '../../shared/metrics/calibration-data.ts';
import type { PanelDraws, PanelInputs } from './bootstrap-panel.ts';
import type { TaskName, TaskOutcome } from './tasks.ts';

export interface RunColumns {
  runId: number;
  outcome: Uint8Array;
  confidence: Float64Array;
  /** the answered items with a confidence, already extracted (shared memory, main/store/derived.ts); extracted here when absent */
  extracted?: ExtractedCalibrationData;
}

/** Every number of the runs' panels but the bootstrap intervals: what a view paints first. */
export interface PointsMessage {
  type: 'points';
  id: number;
  runs: RunColumns[];
  settings: CalibrationSettings;
}

/** Panel statistics of resamples from..to-1 of one run: one thread's share of its bootstrap. */
export interface PanelDrawsMessage {
  type: 'panel-draws';
  id: number;
  /** built by the points, on shared memory: every thread reads the same arrays */
  inputs: PanelInputs;
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
  cancel: SharedArrayBuffer;
}

export type ToWorker = PointsMessage | PanelDrawsMessage | TaskMessage;

export type FromWorker =
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'points-quick'; id: number; value: CalibrationAnalysis }
  /** a task's early part (AnalysisHooks.partial) */
  | { type: 'partial'; id: number; value: unknown }
  | { type: 'points'; id: number; value: CalibrationAnalysis; inputs: Array<PanelInputs | null> }
  | { type: 'task-result'; id: number; outcome: TaskOutcome<unknown> }
  | { type: 'draws'; id: number; draws: PanelDraws }
  | { type: 'error'; id: number; code: 'cancelled' | 'invalid-settings' | 'not-defined-for-data' | 'internal'; message: string };
