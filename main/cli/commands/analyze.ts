import { parseArgs } from 'node:util';
import { calibrationSettingsSchema, type CalibrationSettingsInput } from '../../../shared/api/calibration.ts';
import { resolveCalibrationSettings } from '../../../shared/api/calibration.ts';
import { ANALYZE_SCHEMA, analyzeRunJson, settingsJson, type AnalyzeJson } from '../../../shared/export/analyze-json.ts';
import { HandlerError } from '../../handlers/errors.ts';
import { candorVersion } from '../../paths.ts';
import { CliError, importAll, openWorkspace, readerOptions, type Command } from '../workspace.ts';

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
    `      import into a throwaway in-memory store and print metrics as JSON (${ANALYZE_SCHEMA}, docs/cli-json.md);\n` +
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
    const input = settingsFrom(values);
    const settings = resolveCalibrationSettings(input);
    const workspace = openWorkspace(':memory:');
    try {
      const files = await importAll(workspace, positionals, readerOptions(values.option));
      const output: AnalyzeJson = { schema: ANALYZE_SCHEMA, candor_version: candorVersion(), settings: settingsJson(settings), runs: [] };
      const runIds = files.flatMap((file) => file.runIds);
      for (const runId of runIds) {
        const summary = await workspace.handlers['runs/get']({ runId });
        const metrics = await workspace.handlers['runs/metrics']({ runId });
        // Run by run: a refusal that depends on one run's data (netcal's equal-mass bins on tied
        // confidences) is reported for that run, and the others go on.
        let analysis;
        try {
          analysis = (await workspace.handlers['calibration/analyze']({ runIds: [runId], settings: input })).runs[0];
        } catch (error) {
          if (!(error instanceof HandlerError)) throw error;
          if (error.code === 'invalid-settings') throw new CliError(`candor analyze: ${error.message}`, 2);
          if (error.code !== 'not-defined-for-data') throw error;
          io.err(`candor analyze: ${summary.name}: ${error.message}; its calibration panel is left out (analysis_refused), the other runs go on`);
          output.runs.push({ ...analyzeRunJson(summary, metrics), analysis_refused: { code: error.code, message: error.message } });
          continue;
        }
        output.runs.push(analyzeRunJson(summary, metrics, analysis));
      }
      io.out(JSON.stringify(output, null, 2));
    } finally {
      workspace.close();
    }
    return 0;
  },
};
