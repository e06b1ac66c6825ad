import { parseArgs } from 'node:util';
import { calibrationSettingsSchema, resolveCalibrationSettings, type CalibrationSettings, type CalibrationSettingsInput } from '../../../shared/api/calibration.ts';
import { ANALYZE_SCHEMA, analyzeRunJson, settingsJson, type AnalyzeJson, type AnalyzeRunJson } from '../../../shared/export/analyze-json.ts';
import { subgroupsJson } from '../../../shared/export/subgroups-json.ts';
import { resolve } from 'node:path';
import { computeRunMetrics } from '../../../shared/metrics/run-metrics.ts';
import { ComputeRefused, computeClient } from '../../compute/client.ts';
import { computeBreakdown } from '../../compute/subgroups.ts';
import { readNumbers, type NumbersRun } from '../../import/numbers.ts';
import { ImportError } from '../../import/types.ts';
import { candorVersion } from '../../paths.ts';
import { CliError, readerOptions, type Command } from '../workspace.ts';

const SETTING_FLAGS = '[--bins N|sqrt|cbrt] [--binning equal-width|equal-mass] [--convention NAME] [--interval wilson|clopper-pearson] [--seed N] [--resamples N] [--smooth-resamples N] [--level L] [--no-smooth]';

function integer(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw)) throw new CliError(`candor analyze: ${flag} takes a non-negative integer, got "${raw}"`, 2);
  return Number(raw);
}

/** The calibration settings from the command line, checked against the API's own schema. */
function settingsFrom(values: Record<string, string | boolean | string[] | undefined>): CalibrationSettingsInput {
  const str = (key: string) => values[key] as string | undefined;
  const bins = str('bins');
  const level = str('level');
  const input = {
    bins: bins === undefined ? undefined : bins === 'sqrt' || bins === 'cbrt' ? bins : integer('--bins', bins),
    binning: str('binning'),
    convention: str('convention'),
    interval: str('interval'),
    smooth: values['no-smooth'] ? false : undefined,
    bootstrap: {
      resamples: integer('--resamples', str('resamples')),
      seed: integer('--seed', str('seed')),
      smoothResamples: integer('--smooth-resamples', str('smooth-resamples')),
      level: level === undefined ? undefined : Number(level),
    },
  };
  const parsed = calibrationSettingsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const flag = `--${String(issue.path[issue.path.length - 1] ?? '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    throw new CliError(`candor analyze: ${flag}: ${issue.message}`, 2);
  }
  return parsed.data;
}

/** The run broken down by `by`, each group analysed as a run (main/compute/subgroups.ts, as the app's Subgroups tab). */
async function addSubgroups(json: AnalyzeRunJson, run: NumbersRun, by: string, settings: CalibrationSettings, io: { err(text: string): void }): Promise<void> {
  const grouping = run.grouping;
  if (!grouping || !grouping.codes.some((code) => code >= 0)) {
    json.subgroups_missing = `no item of this run has a value for "${by}"`;
    io.err(`candor analyze: ${run.summary.name}: no item has a value for "${by}"; subgroups left out (subgroups_missing)`);
    return;
  }
  const breakdown = await computeBreakdown({ runId: run.summary.id, field: by, columns: run.columns, grouping, settings });
  json.subgroups = subgroupsJson(breakdown);
}

export const analyzeCommand: Command = {
  name: 'analyze',
  usage:
    `candor analyze FILE_OR_FOLDER... --json [--by FIELD] [--option key=value]... ${SETTING_FLAGS}\n` +
    `      read the files' outcomes and confidences (no store) and print metrics as JSON (${ANALYZE_SCHEMA}, docs/cli-json.md);\n` +
    '      --by FIELD also breaks each run down by an item field (subject, category, doc.subject, metadata.KEY, a CSV column): every group analysed as a run;\n' +
    '      defaults: 10 equal-width bins, sklearn convention, Wilson intervals, 1000 resamples, seed 0, level 0.95',
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        json: { type: 'boolean' },
        by: { type: 'string' },
        option: { type: 'string', multiple: true },
        bins: { type: 'string' },
        binning: { type: 'string' },
        convention: { type: 'string' },
        interval: { type: 'string' },
        seed: { type: 'string' },
        resamples: { type: 'string' },
        'smooth-resamples': { type: 'string' },
        level: { type: 'string' },
        'no-smooth': { type: 'boolean' },
      },
      allowPositionals: true,
    });
    if (positionals.length === 0) throw new CliError('candor analyze: no files given', 2);
    if (!values.json) throw new CliError('candor analyze: only --json output exists so far; add --json', 2);
    const settings = resolveCalibrationSettings(settingsFrom(values));
    const by = values.by?.trim() ?? null;
    if (by === '') throw new CliError('candor analyze: --by needs a field name (e.g. --by subject)', 2);
    // Numbers only: no store, no text column copied anywhere (main/import/numbers.ts).
    let runs: NumbersRun[];
    try {
      runs = await readNumbers(
        positionals.map((path) => resolve(path)),
        readerOptions(values.option) ?? {},
        by,
        // The engine's thread starts once a file is parsed, while the file's hash and counts are
        // finished: started before the read, its idle heap sat beside the parser's (18 MB at the peak).
        () => computeClient().warm(),
      );
    } catch (error) {
      if (error instanceof ImportError) throw new CliError(error.message);
      throw error;
    }
    const output: AnalyzeJson = { schema: ANALYZE_SCHEMA, candor_version: candorVersion(), settings: settingsJson(settings), runs: [] };
    for (const run of runs) {
      // Run by run: a refusal that depends on one run's data (netcal's equal-mass bins on tied
      // confidences) is reported for that run, and the others go on. The app's own analysis
      // (calibration/analyze): points, then the bootstrap on both cores.
      const analysing = computeClient().analyze([{ runId: run.summary.id, ...run.columns }], settings);
      analysing.catch(() => undefined);
      // The numbers runs/metrics serves for the same columns, counted here while the engine works.
      const metrics = computeRunMetrics(run.columns);
      let analysis;
      try {
        analysis = (await analysing).runs[0];
      } catch (error) {
        if (!(error instanceof ComputeRefused)) throw error;
        if (error.code !== 'not-defined-for-data') throw new CliError(`candor analyze: ${error.message}`, 2);
        io.err(`candor analyze: ${run.summary.name}: ${error.message}; its calibration panel is left out (analysis_refused), the other runs go on`);
        output.runs.push({ ...analyzeRunJson(run.summary, metrics), analysis_refused: { code: error.code, message: error.message } });
        continue;
      }
      const json = analyzeRunJson(run.summary, metrics, analysis);
      if (by !== null) await addSubgroups(json, run, by, settings, io);
      output.runs.push(json);
    }
    io.out(JSON.stringify(output, null, 2));
    return 0;
  },
};
