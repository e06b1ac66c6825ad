import { parseArgs } from 'node:util';
import { ANALYZE_SCHEMA, analyzeRunJson, type AnalyzeJson } from '../../../shared/export/analyze-json.ts';
import { candorVersion } from '../../paths.ts';
import { CliError, importAll, openWorkspace, readerOptions, type Command } from '../workspace.ts';

export const analyzeCommand: Command = {
  name: 'analyze',
  usage:
    'candor analyze FILE_OR_FOLDER... --json [--option key=value]...\n' +
    `      import into a throwaway in-memory store and print metrics as JSON (${ANALYZE_SCHEMA}, docs/cli-json.md)`,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      options: { json: { type: 'boolean' }, option: { type: 'string', multiple: true } },
      allowPositionals: true,
    });
    if (positionals.length === 0) throw new CliError('candor analyze: no files given', 2);
    if (!values.json) throw new CliError('candor analyze: only --json output exists so far; add --json', 2);
    const workspace = openWorkspace(':memory:');
    try {
      const files = await importAll(workspace, positionals, readerOptions(values.option));
      const output: AnalyzeJson = { schema: ANALYZE_SCHEMA, candor_version: candorVersion(), runs: [] };
      for (const runId of files.flatMap((file) => file.runIds)) {
        const summary = await workspace.handlers['runs/get']({ runId });
        const metrics = await workspace.handlers['runs/metrics']({ runId });
        output.runs.push(analyzeRunJson(summary, metrics));
      }
      io.out(JSON.stringify(output, null, 2));
    } finally {
      workspace.close();
    }
    return 0;
  },
};
