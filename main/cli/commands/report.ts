import { closeSync, existsSync, mkdtempSync, openSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ReportSettings } from '../../../shared/report/model.ts';
import { parseRubric, RubricSpecError } from '../../../shared/rubrics/index.ts';
import { candorVersion } from '../../paths.ts';
import { checkReport } from '../../report/check.ts';
import { exportReport, formatOfPath } from '../../report/export.ts';
import { ReportInputError } from '../../report/gather.ts';
import { ChromiumMissingError } from '../../report/pdf.ts';
import { CliError, importAll, openWorkspace, readerOptions, type CliIo, type Command } from '../workspace.ts';

const USAGE =
  'candor report FILE_OR_DB... --out report.html|report.pdf|report.json|report.csv [--db PATH] [--run ID]...\n' +
  '      [--rubric SPEC]... [--bins N] [--seed N] [--resamples N] [--top N] [--by FIELD] [--option key=value]...\n' +
  '      a calibration report of the runs in the files (read into a throwaway store) or in a database;\n' +
  '      --by FIELD adds a Subgroups section: each run broken down by an item field (subject, category, metadata.KEY, a CSV column)\n' +
  '  candor report --check REPORT.html|REPORT.json [--db PATH]\n' +
  '      recompute a report\'s numbers from the same database or files: exit 0 agree, 1 differ';

function isSqlite(path: string): boolean {
  if (!existsSync(path)) return false;
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(16);
    return readSync(fd, head, 0, 16, 0) === 16 && head.toString('latin1') === 'SQLite format 3\u0000';
  } finally {
    closeSync(fd);
  }
}

function positiveInt(text: string | undefined, flag: string, min = 1): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw new CliError(`candor report: ${flag} takes an integer >= ${min}, got "${text}"`, 2);
  return value;
}

async function check(path: string, db: string | undefined, io: CliIo): Promise<number> {
  const result = await checkReport(resolve(path), { db: db === undefined ? undefined : resolve(db), candorVersion: candorVersion() });
  for (const note of result.notes) io.err(`note: ${note}`);
  if (result.agree) {
    io.out(`agree: every number in ${path} matches a recomputation from ${result.source}`);
    return 0;
  }
  io.out(`differ: ${result.differences.length} difference${result.differences.length === 1 ? '' : 's'} between ${path} and a recomputation from ${result.source}:`);
  for (const d of result.differences) io.out(`  ${d.path}: report ${JSON.stringify(d.stored)}, now ${JSON.stringify(d.now)}`);
  return 1;
}

export const reportCommand: Command = {
  name: 'report',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        out: { type: 'string', short: 'o' },
        check: { type: 'string' },
        db: { type: 'string' },
        run: { type: 'string', multiple: true },
        rubric: { type: 'string', multiple: true },
        bins: { type: 'string' },
        seed: { type: 'string' },
        by: { type: 'string' },
        resamples: { type: 'string' },
        top: { type: 'string' },
        option: { type: 'string', multiple: true },
      },
      allowPositionals: true,
    });
    try {
      if (values.check !== undefined) return await check(values.check, values.db, io);
      if (!values.out) throw new CliError('candor report: --out FILE is required (.html, .pdf, .json or .csv)', 2);
      const format = formatOfPath(values.out);
      if (!format) throw new CliError(`candor report: --out must end in .html, .pdf, .json or .csv, got "${values.out}"`, 2);
      const settings: Partial<ReportSettings> = {};
      if (values.rubric) settings.rubrics = values.rubric.map((spec) => (parseRubric(spec), spec.trim()));
      const bins = positiveInt(values.bins, '--bins');
      if (bins !== undefined) settings.nBins = bins;
      const seed = positiveInt(values.seed, '--seed', 0);
      if (seed !== undefined) settings.seed = seed;
      const resamples = positiveInt(values.resamples, '--resamples', 10);
      if (resamples !== undefined) settings.resamples = resamples;
      const top = positiveInt(values.top, '--top', 0);
      if (top !== undefined) settings.topErrors = top;
      if (values.by !== undefined) {
        if (values.by.trim() === '') throw new CliError('candor report: --by needs a field name (e.g. --by subject)', 2);
        settings.breakdownBy = values.by.trim();
      }
      const options = readerOptions(values.option);
      if (options) settings.readerOptions = options;

      const databases = positionals.filter(isSqlite);
      const files = positionals.filter((p) => !isSqlite(p));
      if (databases.length > 1 || (databases.length === 1 && values.db)) throw new CliError('candor report: give one database (a positional .db or --db), not several', 2);
      const dbPath = values.db ?? databases[0] ?? null;
      if (dbPath === null && files.length === 0) throw new CliError('candor report: no files or database given', 2);
      // Files are read into a throwaway database on disk, not in memory: SQLite then keeps a bounded
      // page cache instead of every text column of a million items.
      const scratch = dbPath === null ? mkdtempSync(join(tmpdir(), 'candor-report-')) : null;
      const workspace = openWorkspace(dbPath ?? join(scratch!, 'throwaway.db'));
      try {
        let runIds = files.length > 0 ? (await importAll(workspace, files, options)).flatMap((file) => file.runIds) : workspace.store.runs.list().map((run) => run.id);
        if (values.run) runIds = values.run.map((id) => positiveInt(id, '--run')!);
        if (runIds.length === 0) throw new CliError('candor report: the database holds no runs');
        const out = resolve(values.out);
        const { files: written } = await exportReport(workspace.store, [...new Set(runIds)], {
          format,
          fileName: out,
          settings,
          candorVersion: candorVersion(),
          database: dbPath,
        });
        for (const file of written) {
          const target = join(dirname(out), file.name.split(/[\\/]/).pop()!);
          writeFileSync(target, file.encoding === 'base64' ? Buffer.from(file.content, 'base64') : file.content);
          io.out(`wrote ${target}`);
        }
      } finally {
        workspace.close();
        if (scratch) rmSync(scratch, { recursive: true, force: true });
      }
      return 0;
    } catch (error) {
      if (error instanceof ReportInputError || error instanceof ChromiumMissingError || error instanceof RubricSpecError) throw new CliError(`candor report: ${error.message}`, error instanceof RubricSpecError ? 2 : 1);
      throw error;
    }
  },
};
