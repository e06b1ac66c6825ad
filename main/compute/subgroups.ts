// A run broken down by an item field: each group analysed as a run of its own
// by the engine that analyses runs (the compute worker's points, then the
// bootstrap with the same settings and seed), with runs/metrics' counts and
// rates and each rubric's score from a leaderboard of that group alone. So a
// group's numbers, intervals included, are the ones its items would get if
// they were imported as a run.
import type { CalibrationAnalysis, CalibrationRunAnalysis, CalibrationSettings } from '../../shared/api/calibration.ts';
import type { GroupRubricScore, SubgroupBreakdown, SubgroupResult } from '../../shared/api/subgroups.ts';
import { computeRunMetrics, type RunMetricsOptions } from '../../shared/metrics/run-metrics.ts';
import { MAX_GROUPS, splitColumns, type Grouping } from '../../shared/metrics/subgroups.ts';
import type { OutcomeColumns } from '../../shared/metrics/types.ts';
import { parseRubric } from '../../shared/rubrics/index.ts';
import { ComputeRefused, computeClient, type ComputeOptions } from './client.ts';

/** The Rubrics tab's default columns: binary accuracy and the confidence targets 0.5, 0.75, 0.9. */
export const DEFAULT_GROUP_RUBRICS: readonly string[] = ['binary', 't=0.5', 't=0.75', 't=0.9'];

export interface BreakdownInput {
  runId: number;
  field: string;
  columns: OutcomeColumns;
  grouping: Grouping;
  settings: CalibrationSettings;
  /** rubric specs; default DEFAULT_GROUP_RUBRICS */
  rubrics?: readonly string[];
  maxGroups?: number;
  /** runs/metrics' targets and bins (a report's); default the app's */
  metrics?: RunMetricsOptions;
}

export interface BreakdownOptions extends ComputeOptions {
  /** every point estimate of every group, before any resample is drawn */
  onPoints?: (points: SubgroupBreakdown) => void;
}

/** Analyses the groups together; when the settings are refused for some group's data, group by group, each refusal kept. */
async function analyzeGroups(
  runId: number,
  groups: OutcomeColumns[],
  settings: CalibrationSettings,
  options: ComputeOptions & { onPoints?: (points: CalibrationAnalysis) => void },
): Promise<Array<{ analysis: CalibrationRunAnalysis | null; refused: string | null }>> {
  const compute = computeClient();
  const runs = groups.map((columns) => ({ runId, outcome: columns.outcome, confidence: columns.confidence }));
  try {
    // Groups are many and mostly small: their bootstraps are drawn two at a time, one per core.
    const all = await compute.analyze(runs, settings, { ...options, runConcurrency: 2 });
    return all.runs.map((analysis) => ({ analysis, refused: null }));
  } catch (error) {
    if (!(error instanceof ComputeRefused) || error.code !== 'not-defined-for-data') throw error;
  }
  const out: Array<{ analysis: CalibrationRunAnalysis | null; refused: string | null }> = [];
  for (const run of runs) {
    try {
      out.push({ analysis: (await compute.analyze([run], settings, { ...(options.signal ? { signal: options.signal } : {}) })).runs[0]!, refused: null });
    } catch (error) {
      if (!(error instanceof ComputeRefused) || error.code !== 'not-defined-for-data') throw error;
      out.push({ analysis: null, refused: error.message });
    }
  }
  return out;
}

export async function computeBreakdown(input: BreakdownInput, options: BreakdownOptions = {}): Promise<SubgroupBreakdown> {
  const maxGroups = input.maxGroups ?? MAX_GROUPS;
  const { groups, columns } = splitColumns(input.columns, input.grouping, maxGroups);
  const metrics = columns.map((c) => computeRunMetrics(c, input.metrics));
  const rubrics = (input.rubrics ?? DEFAULT_GROUP_RUBRICS).map(parseRubric);
  const { settings } = input;
  const distinctValues = new Set(Array.from(input.grouping.codes).filter((c) => c >= 0)).size;
  const breakdown = (analyses: Array<{ analysis: CalibrationRunAnalysis | null; refused: string | null }>, scores: GroupRubricScore[][] | null, pending: boolean): SubgroupBreakdown => ({
    runId: input.runId,
    field: input.field,
    settings,
    distinctValues,
    maxGroups,
    groups: groups.map(
      (group, g): SubgroupResult => ({
        ...group,
        metrics: metrics[g]!,
        analysis: analyses[g]?.analysis ?? null,
        refused: analyses[g]?.refused ?? null,
        rubrics: scores?.[g] ?? null,
      }),
    ),
    ...(pending ? { intervalsPending: true } : {}),
  });
  const { resamples, seed, level } = settings.bootstrap;
  const rubricTask = computeClient().task('subgroups/rubrics', { groups: columns, rubrics, resamples, seed, level }, options.signal ? { signal: options.signal } : {});
  // Unobserved until awaited: a failure of the analysis must not leave it unhandled.
  rubricTask.catch(() => undefined);
  const analyses = await analyzeGroups(input.runId, columns, settings, {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    onPoints: (points) => options.onPoints?.(breakdown(points.runs.map((analysis) => ({ analysis, refused: null })), null, resamples > 0)),
  });
  return breakdown(analyses, await rubricTask, false);
}
