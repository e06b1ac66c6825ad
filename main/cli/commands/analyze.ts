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
      let analysis;
      try {
        analysis = runIds.length > 0 ? await workspace.handlers['calibration/analyze']({ runIds, settings: input }) : null;
      } catch (error) {
        if (error instanceof HandlerError && error.code === 'invalid-settings') throw new CliError(`candor analyze: ${error.message}`, 2);
        throw error;
      }
      for (const [index, runId] of runIds.entries()) {
        const summary = await workspace.handlers['runs/get']({ runId });
        const metrics = await workspace.handlers['runs/metrics']({ runId });
        output.runs.push(analyzeRunJson(summary, metrics, analysis?.runs[index]));
      }
      io.out(JSON.stringify(output, null, 2));
    } finally {
      workspace.close();
    }
    return 0;
  },
};
