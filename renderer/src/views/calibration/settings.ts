// The Calibration tab's own settings (diagram mode, bins, strategy, convention,
// per-bin interval, overlaid runs) as a pure value: read from the URL or from
// what was left for this run (in the database), written back to both, and
// validated on the way in, since a URL is typed by anyone and stored JSON may
// come from an older version. The URL, when it carries settings, is the whole truth (missing keys
// are the defaults, as only non-default values are written); otherwise what
// was last left for this run; otherwise the defaults.
import type { CalibrationSettingsInput } from '../../../../shared/api/contract.ts';
import type { RunSummary } from '../../../../shared/domain.ts';
import type { DiagramMode } from '../../../../shared/plots/calibration.ts';

export type Convention = NonNullable<CalibrationSettingsInput['convention']>;
export type Binning = 'equal-width' | 'equal-mass';
export type BinInterval = 'wilson' | 'clopper-pearson';

export const BIN_CHOICES = ['5', '10', '15', '20', '30', 'sqrt', 'cbrt'] as const;
export type BinChoice = (typeof BIN_CHOICES)[number];
export const CONVENTION_CHOICES = ['sklearn', 'netcal', 'torchmetrics', 'relplot', 'relplot-binning', 'kumar', 'lmpolygraph', 'helm'] as const satisfies readonly Convention[];
const MODES = ['binned', 'smooth'] as const satisfies readonly DiagramMode[];
const BINNINGS = ['equal-width', 'equal-mass'] as const;
const INTERVALS = ['wilson', 'clopper-pearson'] as const;

/** More runs than this in one diagram stop being readable. */
export const MAX_OVERLAY = 5;

export interface CalibrationViewState {
  mode: DiagramMode;
  bins: BinChoice;
  binning: Binning;
  convention: Convention;
  interval: BinInterval;
  /** runs drawn beside this one, in the order they were picked */
  overlay: number[];
}

export const DEFAULT_VIEW: CalibrationViewState = {
  mode: 'binned',
  bins: '10',
  binning: 'equal-width',
  convention: 'sklearn',
  interval: 'wilson',
  overlay: [],
};

/** URL parameter per setting. */
const PARAM = { mode: 'mode', bins: 'bins', binning: 'strategy', convention: 'convention', interval: 'interval', overlay: 'overlay' } as const;

function pick<T extends string>(choices: readonly T[], value: unknown): T | undefined {
  return choices.find((choice) => choice === value);
}

/** Run ids, unique, positive, at most MAX_OVERLAY, from "4,7" or a stored array. */
function runIds(value: unknown): number[] | undefined {
  const parts = typeof value === 'string' ? (value === '' ? [] : value.split(',')) : Array.isArray(value) ? value : null;
  if (parts === null) return undefined;
  const ids: number[] = [];
  for (const part of parts) {
    const id = typeof part === 'number' ? part : typeof part === 'string' && /^\d+$/.test(part) ? Number(part) : NaN;
    if (Number.isSafeInteger(id) && id > 0 && !ids.includes(id)) ids.push(id);
    if (ids.length === MAX_OVERLAY) break;
  }
  return ids;
}

/** Whatever valid settings `source` holds; unknown keys and bad values are ignored one by one. */
function readSettings(source: Record<string, unknown>, keys: Record<keyof CalibrationViewState, string>): Partial<CalibrationViewState> {
  const out: Partial<CalibrationViewState> = {};
  const mode = pick(MODES, source[keys.mode]);
  if (mode) out.mode = mode;
  const bins = pick(BIN_CHOICES, source[keys.bins]);
  if (bins) out.bins = bins;
  const binning = pick(BINNINGS, source[keys.binning]);
  if (binning) out.binning = binning;
  const convention = pick(CONVENTION_CHOICES, source[keys.convention]);
  if (convention) out.convention = convention;
  const interval = pick(INTERVALS, source[keys.interval]);
  if (interval) out.interval = interval;
  const overlay = runIds(source[keys.overlay]);
  if (overlay) out.overlay = overlay;
  return out;
}

export function fromParams(params: Record<string, string> | null): Partial<CalibrationViewState> | null {
  if (!params) return null;
  const settings = readSettings(params, PARAM);
  return Object.keys(settings).length ? settings : null;
}

/** Only what differs from the defaults, so a default view keeps a clean URL. */
export function toParams(state: CalibrationViewState): Record<string, string> {
  const params: Record<string, string> = {};
  for (const key of ['mode', 'bins', 'binning', 'convention', 'interval'] as const) {
    if (state[key] !== DEFAULT_VIEW[key]) params[PARAM[key]] = state[key];
  }
  if (state.overlay.length) params[PARAM.overlay] = state.overlay.join(',');
  return params;
}

const STORED_KEYS = { mode: 'mode', bins: 'bins', binning: 'binning', convention: 'convention', interval: 'interval', overlay: 'overlay' } as const;

/**
 * Where an earlier version kept a run's choices in this browser's
 * localStorage (the id, and a piece of the file's hash so another database's
 * run 3 is not this one): read once, then kept in the database.
 */
export function storageKey(run: Pick<RunSummary, 'id' | 'sourceSha256'>): string {
  return `candor.calibration.v1.${run.id}.${run.sourceSha256.slice(0, 16)}`;
}

export function fromStored(text: string | null): Partial<CalibrationViewState> | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? readSettings(value as Record<string, unknown>, STORED_KEYS) : null;
  } catch {
    return null;
  }
}

export function toStored(state: CalibrationViewState): string {
  return JSON.stringify(state);
}

/** The view to show: the URL's settings if it has any, else what was left for this run, else the defaults. */
export function resolveView(fromUrl: Partial<CalibrationViewState> | null, stored: Partial<CalibrationViewState> | null): CalibrationViewState {
  return { ...DEFAULT_VIEW, ...(fromUrl ?? stored ?? {}) };
}

/** What the analysis is asked for: the view's bins, strategy, convention and per-bin interval (the Subgroups tab asks the same). */
export function settingsOf(view: Pick<CalibrationViewState, 'bins' | 'binning' | 'convention' | 'interval'>): CalibrationSettingsInput {
  const { bins, binning, convention, interval } = view;
  return { bins: bins === 'sqrt' || bins === 'cbrt' ? bins : Number(bins), binning, convention, interval };
}

export function sameView(a: CalibrationViewState, b: CalibrationViewState): boolean {
  return JSON.stringify(toParams(a)) === JSON.stringify(toParams(b));
}

/** Picks a run to overlay or takes it out; a full diagram takes no more. */
export function toggleOverlay(overlay: readonly number[], runId: number): number[] {
  if (overlay.includes(runId)) return overlay.filter((id) => id !== runId);
  return overlay.length >= MAX_OVERLAY ? [...overlay] : [...overlay, runId];
}

/** The runs that can be overlaid on `current`: every other run with at least one confidence. */
export function overlayCandidates(runs: readonly RunSummary[], currentRunId: number): RunSummary[] {
  return runs.filter((run) => run.id !== currentRunId && run.confidenceCount > 0);
}

/** The overlay as drawn: only runs that exist and can be overlaid, in the order picked. */
export function effectiveOverlay(overlay: readonly number[], candidates: readonly RunSummary[]): number[] {
  return overlay.filter((id) => candidates.some((run) => run.id === id));
}

/** A search box's filter: every word must appear in the run's name, model, task or id. */
export function matchesRunQuery(run: RunSummary, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = [run.name, run.model ?? '', run.task ?? '', `#${run.id}`].join(' ').toLowerCase();
  return words.every((word) => haystack.includes(word));
}
