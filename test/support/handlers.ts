// The handlers browser mode builds, over a fresh database in a temp folder,
// for every test of a file: what the handler-level tests share.
import { afterEach, beforeEach } from 'vitest';
import { createHandlers, type Handlers } from '../../main/handlers/index.ts';
import { JobRegistry } from '../../main/handlers/jobs.ts';
import { DEMO_RUN_PATH } from '../../main/paths.ts';
import { Store } from '../../main/store/store.ts';
import { tempDir, type TempDir } from './temp.ts';

export interface HandlerEnv {
  store: Store;
  jobs: JobRegistry;
  handlers: Handlers;
  /** the test's temp folder (the database is candor.db in it) */
  temp: TempDir;
}

/**
 * Registers a fresh store and handlers before each test of the file, closed
 * and removed after it; `use` receives each test's set (assign it to the
 * file's variables).
 */
export function handlersForEachTest(use: (env: HandlerEnv) => void, options: { version?: string; demoPath?: string } = {}): void {
  let temp: TempDir | undefined;
  let store: Store | undefined;
  beforeEach(() => {
    temp = tempDir();
    store = Store.open(`${temp.dir}/candor.db`);
    const jobs = new JobRegistry();
    const handlers = createHandlers({ store, jobs, runtime: 'browser', version: options.version ?? '0.0.0-test', demoPath: options.demoPath ?? DEMO_RUN_PATH });
    use({ store, jobs, handlers, temp });
  });
  afterEach(() => {
    store?.close();
    temp?.cleanup();
  });
}
