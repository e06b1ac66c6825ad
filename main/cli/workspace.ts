import { resolve } from 'node:path';
import type { ImportResultFile } from '../../shared/api/contract.ts';
import { createHandlers, type Handlers } from '../handlers/index.ts';
import { JobRegistry } from '../handlers/jobs.ts';
import { candorVersion, DEMO_RUN_PATH } from '../paths.ts';
import { Store } from '../store/store.ts';

/** A usage or input error: its message is printed as is, with this exit code. */
export class CliError extends Error {
  readonly exitCode: number;
  /** Files committed before an import failed: each is whole in the database, and the user must be told. */
  readonly completed: ImportResultFile[];
  constructor(message: string, exitCode = 1, completed: ImportResultFile[] = []) {
    super(message);
    this.exitCode = exitCode;
    this.completed = completed;
  }
}

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

export interface Command {
  name: string;
  /** One or more usage lines, shown by `candor --help`. */
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

export interface Workspace {
  store: Store;
  handlers: Handlers;
  jobs: JobRegistry;
  close(): void;
}

/** The same store and handlers the app uses, on a database file or in memory. */
export function openWorkspace(dbPath: string): Workspace {
  const store = Store.open(dbPath);
  const jobs = new JobRegistry();
  const handlers = createHandlers({ store, jobs, runtime: 'browser', version: candorVersion(), demoPath: DEMO_RUN_PATH });
  return { store, handlers, jobs, close: () => store.close() };
}

/** Imports files (or folders) through the same job the app runs; fails with the job's message. */
export async function importAll(
  workspace: Workspace,
  files: string[],
  options?: Record<string, string | number | boolean | null>,
): Promise<ImportResultFile[]> {
  const { jobId } = await workspace.handlers['import/start']({
    sources: files.map((file) => ({ kind: 'path' as const, path: resolve(file), options })),
  });
  const job = await workspace.jobs.wait(jobId);
  if (job.state !== 'done' || !job.result) throw new CliError(job.error?.message ?? `import ${job.state}`, 1, job.result ?? []);
  return job.result;
}

/** Reader options from repeated `--option key=value` flags (numbers and booleans parsed). */
export function readerOptions(pairs: string[] | undefined): Record<string, string | number | boolean> | undefined {
  if (!pairs || pairs.length === 0) return undefined;
  const options: Record<string, string | number | boolean> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new CliError(`--option takes key=value, got "${pair}"`, 2);
    const key = pair.slice(0, eq);
    const raw = pair.slice(eq + 1);
    options[key] = raw === 'true' ? true : raw === 'false' ? false : raw !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw;
  }
  return options;
}
