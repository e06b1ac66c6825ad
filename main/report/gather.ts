// Gathers a report from the store: the same compute tasks the app and `candor
// analyze` run (main/compute, in the compute worker, off this event loop), on
// the same effective outcomes, with every setting recorded.
import { resolve } from 'node:path';
import { buildLabelMatrix, krippendorffAlpha, pairwiseCohenKappa, percentAgreement, type AgreementRecord } from '../../shared/agreement/index.ts';
import { OUTCOME_RULE, type RunSummary } from '../../shared/domain.ts';
import { OUTCOME_CODE, type OutcomeColumns } from '../../shared/metrics/index.ts';
import {
  DEFAULT_REPORT_SETTINGS,
  REPORT_SCHEMA,
  type ExpensiveError,
  type ReportAgreement,
  type ReportModel,
  type ReportRun,
  type ReportSettings,
  type ReportSubgroups,
} from '../../shared/report/model.ts';
import { resolveCalibrationSettings } from '../../shared/api/calibration.ts';
import { computeBreakdown } from '../compute/subgroups.ts';
import { FREQUENCY_COLUMNS } from '../../shared/api/contract.ts';
import { parseRubric, type Rubric, type RunInput } from '../../shared/rubrics/index.ts';
import type { LabelSetEntry } from '../../shared/labels/label-set.ts';
import { compareSettings, RESULT_KINDS, resultKey, trainingFrequency } from '../compute/cached.ts';
import { computeClient } from '../compute/client.ts';
import type { ReportRunFigures } from '../compute/report-run.ts';
import type { TaskOutput } from '../compute/tasks.ts';
import type { ResultKey } from '../store/results.ts';
import type { Store } from '../store/store.ts';
import { labelManifest } from './manifest.ts';

export class ReportInputError extends Error {}

export interface GatherOptions {
  settings?: Partial<ReportSettings>;
  candorVersion: string;
  /** null: the store is a throwaway one built from the input files */
  database: string | null;
  now?: Date;
  /** Compute every number afresh instead of reading the results cache (report --check: a rebuild, not a re-read). */
  fresh?: boolean;
}

/** A run's computed section of a report, as the results cache keeps it. */
interface RunSection {
  figures: ReportRunFigures;
  frequencyField: string | null;
  /** ords of the run's most expensive errors, most expensive first */
  expensiveOrds: number[];
}

interface RunData {
  summary: RunSummary;
  section: RunSection;
  labels: LabelSetEntry[];
}

/** What a run section's numbers depend on besides the run's outcomes (the report's other settings do not change them). */
function sectionSettings(settings: ReportSettings) {
  return {
    nBins: settings.nBins,
    targets: settings.targets,
    intervalMethod: settings.intervalMethod,
    level: settings.level,
    seed: settings.seed,
    smoothResamples: settings.smoothResamples,
    topErrors: settings.topErrors,
    frequencyColumns: FREQUENCY_COLUMNS,
  };
}

function agreementOf(run: RunData): ReportAgreement | null {
  const records: AgreementRecord[] = run.labels.filter((l) => l.kind === 'label').map((l) => ({ itemKey: l.itemKey, annotator: l.annotator, outcome: l.outcome }));
  const annotators = [...new Set(records.map((r) => r.annotator))].sort();
  if (annotators.length < 2) return null;
  const matrix = buildLabelMatrix(records, { annotators });
  return {
    runName: run.summary.name,
    annotators,
    labelledItems: matrix.cells.filter((row) => row.some((cell) => cell !== null)).length,
    alpha: krippendorffAlpha(matrix),
    percent: percentAgreement(matrix),
    pairs: pairwiseCohenKappa(matrix),
  };
}

/**
 * Positions of a run's `limit` most expensive errors in the Items table's
 * 'expensive' queue order (incorrect items, highest confidence first, those
 * without one last, then run order), found in the columns already read: one
 * pass, where the table's query would sort a million rows.
 */
function mostExpensive(columns: OutcomeColumns, limit: number): number[] {
  const top: number[] = [];
  const key = (i: number) => (Number.isNaN(columns.confidence[i]!) ? -1 : columns.confidence[i]!);
  // i before j in the queue: higher confidence first; equal ones keep run order (i < j as scanned).
  const before = (i: number, j: number) => key(i) > key(j) || (key(i) === key(j) && i < j);
  for (let i = 0; i < columns.outcome.length; i++) {
    if (columns.outcome[i] !== OUTCOME_CODE.incorrect) continue;
    if (top.length === limit && !before(i, top[limit - 1]!)) continue;
    let at = top.length === limit ? limit - 1 : top.length;
    while (at > 0 && before(i, top[at - 1]!)) {
      top[at] = top[at - 1]!;
      at--;
    }
    top[at] = i;
    if (top.length > limit) top.length = limit;
  }
  return top;
}

/** A run's section computed (figures in the compute worker) and filed in the results cache. */
async function runSection(
  store: Store,
  summary: RunSummary,
  columns: OutcomeColumns,
  ords: Float64Array,
  settings: ReportSettings,
  key: ResultKey | null,
  candorVersion: string,
): Promise<RunSection> {
  const expensiveOrds = mostExpensive(columns, Math.max(1, settings.topErrors)).map((i) => ords[i]!);
  const frequency = await trainingFrequency(store, candorVersion, summary);
  const figures = await computeClient().task('report/run', { columns, frequency: frequency?.values ?? null, settings });
  const section: RunSection = { figures, frequencyField: frequency?.column ?? null, expensiveOrds };
  store.results.file(key, section);
  return section;
}

function expensiveErrors(store: Store, runs: RunData[], limit: number): ExpensiveError[] {
  const all: ExpensiveError[] = [];
  for (const run of runs) {
    for (const row of store.items.rowsAtOrds(run.summary.id, run.section.expensiveOrds)) {
      all.push({ runName: run.summary.name, key: row.key, prompt: row.prompt, answer: row.answer, gold: row.gold, confidence: row.confidence, source: row.label === 'incorrect' ? 'label' : 'imported' });
    }
  }
  // Stable: runs in report order break ties, then each run's own queue order.
  return all
    .map((error, i) => ({ error, i }))
    .sort((a, b) => (b.error.confidence ?? -1) - (a.error.confidence ?? -1) || a.i - b.i)
    .slice(0, limit)
    .map(({ error }) => error);
}

/** The breakdown's calibration settings: the report's bins, interval, seed and resamples. */
function breakdownSettings(settings: ReportSettings) {
  return resolveCalibrationSettings({
    bins: settings.nBins,
    binning: 'equal-width',
    convention: 'sklearn',
    interval: settings.intervalMethod,
    bootstrap: { resamples: settings.resamples, seed: settings.seed, level: settings.level, smoothResamples: settings.smoothResamples },
  });
}

/** A run broken down by `field`, each group analysed as a run of its own (the Subgroups tab's engine); null when no item has it. */
async function subgroupsOf(store: Store, summary: RunSummary, field: string, settings: ReportSettings): Promise<ReportSubgroups | null> {
  const grouping = await store.items.groupingInSlices(summary.id, field);
  if (!grouping.codes.some((code) => code >= 0)) return null;
  // Read only when asked for: a cached report section needs no columns.
  const { ords: _ords, ...columns } = await store.items.outcomeColumnsInSlices(summary.id);
  const breakdown = await computeBreakdown({
    runId: summary.id,
    field,
    columns,
    grouping,
    settings: breakdownSettings(settings),
    rubrics: settings.rubrics,
    metrics: { targets: settings.targets, nBins: settings.nBins },
  });
  return {
    field,
    distinctValues: breakdown.distinctValues,
    maxGroups: breakdown.maxGroups,
    groups: breakdown.groups.map((group) => {
      const a = group.analysis;
      return {
        label: group.label,
        kind: group.kind,
        values: group.values,
        items: group.items,
        metrics: group.metrics,
        estimates: a && { ece: a.binned.ece, brier: a.brier, auroc: a.auroc, aurc: a.orderFree.aurc, smece: a.smooth?.smece ?? null },
        bins: a?.bins ?? [],
        refused: group.refused,
        rubrics: group.rubrics ?? [],
      };
    }),
  };
}

function reportRun(run: RunData, subgroups: ReportSubgroups | null | undefined): ReportRun {
  const { summary, section } = run;
  const { figures } = section;
  return {
    id: summary.id,
    name: summary.name,
    model: summary.model,
    task: summary.task,
    format: summary.format,
    source: { path: summary.sourcePath, sha256: summary.sourceSha256, size: summary.sourceSize },
    itemCount: summary.itemCount,
    metrics: figures.metrics,
    abstentionKinds: { ...summary.abstentionKinds },
    partialCount: summary.partialCount,
    binIntervals: figures.binIntervals,
    smooth: figures.smooth,
    frequencyField: section.frequencyField,
    singleton: figures.singleton,
    ...(subgroups === undefined ? {} : { subgroups }),
  };
}

export function resolveSettings(partial: Partial<ReportSettings> = {}): ReportSettings {
  const settings = { ...DEFAULT_REPORT_SETTINGS, ...partial };
  for (const spec of settings.rubrics) parseRubric(spec);
  return settings;
}

/**
 * The computed parts of a report (each run's section, the leaderboard and the
 * sweep) come from the results cache when the same settings and labels were
 * reported or shown in the app before (the leaderboard is the Rubrics tab's),
 * and are filed there otherwise. Only what is missing is computed, and a run
 * whose section and comparison are cached is not read at all.
 */
export async function gatherReport(store: Store, runIds: number[], options: GatherOptions): Promise<ReportModel> {
  if (runIds.length === 0) throw new ReportInputError('a report needs at least one run');
  const settings = resolveSettings(options.settings);
  const summaries: RunSummary[] = [];
  for (const id of runIds) {
    const summary = store.runs.get(id);
    if (!summary) throw new ReportInputError(`run ${id} does not exist (it may have been deleted)`);
    summaries.push(summary);
  }
  const rubrics: Rubric[] = settings.rubrics.map(parseRubric);
  const bootstrap = { resamples: settings.resamples, seed: settings.seed, level: settings.level };
  // Keys before any read: a label written while the report is computed keeps its results out of the cache.
  const version = options.candorVersion;
  const sectionKeys = summaries.map((summary) => resultKey(store, version, RESULT_KINDS.reportRun, [summary.id], sectionSettings(settings)));
  const compareKey = resultKey(store, version, RESULT_KINDS.rubricsCompare, runIds, compareSettings(summaries, rubrics, bootstrap));
  const cachedSections = sectionKeys.map((key) => (options.fresh ? undefined : store.results.get<RunSection>(key)));
  const cachedCompare = options.fresh ? undefined : store.results.get<TaskOutput<'rubrics/compare'>>(compareKey);

  const compute = computeClient();
  const inputs: RunInput[] = [];
  const sections: Array<Promise<RunSection>> = [];
  for (const [i, summary] of summaries.entries()) {
    const cached = cachedSections[i];
    if (cached && cachedCompare) {
      sections.push(Promise.resolve(cached));
      continue;
    }
    // A slice of items at a time: a million items must not hold the event loop (a label written during an export).
    const { ords, ...columns } = await store.items.outcomeColumnsInSlices(summary.id);
    if (!cachedCompare) inputs.push({ runId: summary.id, name: summary.name, keys: runIds.length > 1 ? await store.items.keysInSlices(summary.id) : undefined, columns });
    sections.push(cached ? Promise.resolve(cached) : runSection(store, summary, columns, ords, settings, sectionKeys[i]!, version));
  }
  // The heavy numbers come from the compute worker, two threads at once: the app's own tasks.
  const [runSections, compared] = await Promise.all([
    Promise.all(sections),
    cachedCompare ??
      compute.task('rubrics/compare', { runs: inputs, rubrics, ...bootstrap }).then((value) => {
        store.results.file(compareKey, value);
        return value;
      }),
  ]);
  const runs: RunData[] = summaries.map((summary, i) => ({ summary, section: runSections[i]!, labels: store.labels.exportSet(summary).labels }));
  const expensive = expensiveErrors(store, runs, settings.topErrors);
  // Group by group, after the run's own numbers: each group's bootstrap is the compute worker's.
  const by = settings.breakdownBy ?? null;
  const subgroups: Array<ReportSubgroups | null | undefined> = [];
  for (const summary of summaries) subgroups.push(by === null ? undefined : await subgroupsOf(store, summary, by, settings));
  const files = new Map<string, { path: string; size: number; sha256: string; runs: string[] }>();
  for (const { summary } of runs) {
    const key = `${summary.sourcePath}\u0000${summary.sourceSha256}`;
    const entry = files.get(key) ?? { path: summary.sourcePath, size: summary.sourceSize, sha256: summary.sourceSha256, runs: [] };
    entry.runs.push(summary.name);
    files.set(key, entry);
  }
  return {
    manifest: {
      schema: REPORT_SCHEMA,
      candorVersion: options.candorVersion,
      createdAt: (options.now ?? new Date()).toISOString(),
      database: options.database === null ? null : resolve(options.database),
      inputs: [...files.values()],
      labels: labelManifest(runs.map((run) => ({ run: run.summary.name, labels: run.labels }))),
      settings,
      outcomeRule: OUTCOME_RULE,
    },
    runs: runs.map((run, i) => reportRun(run, subgroups[i])),
    leaderboard: compared.leaderboard,
    sweep: compared.sweep,
    agreement: runs.map(agreementOf).filter((a): a is ReportAgreement => a !== null),
    expensiveErrors: expensive,
  };
}
