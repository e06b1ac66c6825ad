// `candor`: the command line. Plain Node, no Electron: the same handlers and
// store as the app and browser mode.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ANALYZE_SCHEMA, analyzeRunJson, type AnalyzeJson } from '../shared/export/analyze-json.ts';
import type { Envelope } from '../shared/api/contract.ts';
import { createHandlers, type Handlers } from './handlers/index.ts';
import { JobRegistry } from './handlers/jobs.ts';
import { toApiError } from './handlers/errors.ts';
import { candorVersion, defaultDbPath, DEMO_RUN_PATH } from './paths.ts';
import { Store } from './store/store.ts';

const USAGE = `usage:
  candor import FILE... [--db PATH]     import run files into a database (default: CANDOR_DB or the XDG data dir)
  candor analyze FILE... --json         import into a throwaway in-memory store and print metrics as JSON
                                        (schema ${ANALYZE_SCHEMA}, documented in docs/cli-json.md)
  candor --version | --help`;

export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

function openWorkspace(dbPath: string): { store: Store; handlers: Handlers; jobs: JobRegistry } {
  const store = Store.open(dbPath);
  const jobs = new JobRegistry();
  const handlers = createHandlers({ store, jobs, runtime: 'browser', version: candorVersion(), demoPath: DEMO_RUN_PATH });
  return { store, handlers, jobs };
}

async function importAll(handlers: Handlers, jobs: JobRegistry, files: string[]) {
  const { jobId } = await handlers['import/start']({ sources: files.map((file) => ({ kind: 'path' as const, path: resolve(file) })) });
  const job = await jobs.wait(jobId);
  if (job.state !== 'done' || !job.result) throw new CliError(job.error?.message ?? `import ${job.state}`);
  return job.result;
}

function unwrap<T>(envelope: Envelope<T>): T {
  if (!envelope.ok) throw new CliError(envelope.error.message);
  return envelope.value;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.out(USAGE);
      return command === undefined ? 2 : 0;
    }
    if (command === '--version') {
      io.out(candorVersion());
      return 0;
    }
    if (command === 'import') {
      const { values, positionals } = parseArgs({ args: rest, options: { db: { type: 'string' } }, allowPositionals: true });
      if (positionals.length === 0) throw new CliError(`candor import: no files given\n${USAGE}`, 2);
      const dbPath = resolve(values.db ?? defaultDbPath());
      const { store, handlers, jobs } = openWorkspace(dbPath);
      try {
        for (const file of await importAll(handlers, jobs, positionals)) {
          const what = file.duplicateOf ? 'already imported as run' : 'imported as run';
          io.out(`${file.file}: ${file.items} items, ${what}${file.runIds.length === 1 ? '' : 's'} ${file.runIds.join(', ')}`);
        }
        io.out(`database: ${dbPath}`);
      } finally {
        store.close();
      }
      return 0;
    }
    if (command === 'analyze') {
      const { values, positionals } = parseArgs({ args: rest, options: { json: { type: 'boolean' } }, allowPositionals: true });
      if (positionals.length === 0) throw new CliError(`candor analyze: no files given\n${USAGE}`, 2);
      if (!values.json) throw new CliError('candor analyze: only --json output exists so far; add --json', 2);
      const { store, handlers, jobs } = openWorkspace(':memory:');
      try {
        const files = await importAll(handlers, jobs, positionals);
        const output: AnalyzeJson = { schema: ANALYZE_SCHEMA, candor_version: candorVersion(), runs: [] };
        for (const runId of files.flatMap((file) => file.runIds)) {
          const run = unwrap(await dispatchRun(handlers, runId));
          output.runs.push(analyzeRunJson(run.summary, run.metrics));
        }
        io.out(JSON.stringify(output, null, 2));
      } finally {
        store.close();
      }
      return 0;
    }
    throw new CliError(`candor: unknown command "${command}"\n${USAGE}`, 2);
  } catch (error) {
    if (error instanceof CliError) {
      io.err(error.message);
      return error.exitCode;
    }
    io.err(`candor: ${toApiError(error).message}`);
    return 1;
  }
}

async function dispatchRun(handlers: Handlers, runId: number) {
  try {
    const summary = await handlers['runs/get']({ runId });
    const metrics = await handlers['runs/metrics']({ runId });
    return { ok: true as const, value: { summary, metrics } };
  } catch (error) {
    return { ok: false as const, error: toApiError(error) };
  }
}
