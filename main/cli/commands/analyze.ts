import { parseArgs } from 'node:util';
import { calibrationSettingsSchema, resolveCalibrationSettings, type CalibrationSettingsInput } from '../../../shared/api/calibration.ts';
import { ANALYZE_SCHEMA, analyzeRunJson, settingsJson, type AnalyzeJson } from '../../../shared/export/analyze-json.ts';
import { resolve } from 'node:path';
import { computeRunMetrics } from '../../../shared/metrics/run-metrics.ts';
import { ComputeRefused, computeClient } from '../../compute/client.ts';
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

export const analyzeCommand: Command = {
  name: 'analyze',
  usage:
    `candor analyze FILE_OR_FOLDER... --json [--option key=value]... ${SETTING_FLAGS}\n` +
    `      read the files' outcomes and confidences (no store) and print metrics as JSON (${ANALYZE_SCHEMA}, docs/cli-json.md);\n` +
    '      defaults: 10 equal-width bins, sklearn convention, Wilson intervals, 1000 resamples, seed 0, level 0.95',
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        json: { type: 'boolean' },
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
    // Numbers only: no store, no text column copied anywhere (main/import/numbers.ts).
    let runs: NumbersRun[];
    // The engine's thread starts while the file is read.
    computeClient().warm();
    try {
      runs = await readNumbers(
        positionals.map((path) => resolve(path)),
        readerOptions(values.option) ?? {},
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
      output.runs.push(analyzeRunJson(run.summary, metrics, analysis));
    }
    io.out(JSON.stringify(output, null, 2));
    return 0;
  },
};
