// Sorting the Items table of a 1,000,000-item run (issue 15, item 3): the
// first page (200 rows, what the table shows first) by each column, cold (the
// column's order computed) and warm, a page in the middle, after a label, and
// with a search; beside two baselines measured in the same run: the first
// page in file order, and the same "confidently wrong" rows ordered by SQLite
// itself (the Label queue "most expensive first", an ORDER BY over the run).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Request } from '../shared/api/contract.ts';
import { CONFIDENTLY_WRONG, ITEM_SORTS } from '../shared/domain.ts';
import { createHandlers } from '../main/handlers/index.ts';
import { JobRegistry } from '../main/handlers/jobs.ts';
import { Store } from '../main/store/store.ts';
import { makeRun } from './lib/make-run.ts';

export const title = 'Items table sorted by each column on a 1,000,000-item run: first page cold and warm, vs file order and an SQL ORDER BY';

const N = Number(process.env.CANDOR_BENCH_SORT_N ?? 1_000_000);
const PAGE = 200;

function ms(started: number): string {
  return `${(performance.now() - started).toFixed(1)} ms`;
}

export async function run(log: (line: string) => void): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'candor-bench-sort-'));
  try {
    const { jsonl } = await makeRun(N, join(dir, 'run'));
    const store = Store.open(join(dir, 'candor.db'));
    const jobs = new JobRegistry();
    const handlers = createHandlers({ store, jobs, runtime: 'browser', version: 'bench', demoPath: '/none' });
    let t = performance.now();
    const { jobId } = await handlers['import/start']({ sources: [{ kind: 'path', path: jsonl }] });
    const job = await jobs.wait(jobId);
    if (job.state !== 'done') throw new Error(`import ${job.state}: ${job.error?.message ?? job.message}`);
    const runId = job.result![0]!.runIds[0]!;
    log(`imported ${N.toLocaleString('en-US')} items in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const page = async (filter: Omit<Request<'items/list'>, 'runId' | 'offset' | 'limit'>, offset = 0) => {
      const started = performance.now();
      const result = await handlers['items/list']({ runId, offset, limit: PAGE, ...filter });
      return { time: ms(started), result };
    };

    // Opening the run reads its outcome columns once (the Overview's metrics need them anyway).
    t = performance.now();
    await handlers['runs/metrics']({ runId });
    log(`run opened (metrics, outcome columns read): ${ms(t)}`);
    log(`baseline, file order: first page ${(await page({})).time}; page at 500,000 ${(await page({}, 500_000)).time}`);

    for (const sort of ITEM_SORTS.filter((s) => s !== 'order')) {
      for (const sortDirection of ['desc', 'asc'] as const) {
        const cold = await page({ sort, sortDirection });
        const warm = await page({ sort, sortDirection });
        const middle = await page({ sort, sortDirection }, 500_000);
        log(`${sort} ${sortDirection}: first page cold ${cold.time}, warm ${warm.time}; page at 500,000 ${middle.time}`);
      }
    }

    const wrong = await page(CONFIDENTLY_WRONG);
    const wrongWarm = await page(CONFIDENTLY_WRONG);
    const total = wrong.result.total;
    const sql = await page({ queue: 'expensive', outcome: 'incorrect' });
    const sqlDeep = await page({ queue: 'expensive', outcome: 'incorrect' }, Math.floor(total / 2));
    const wrongDeep = await page(CONFIDENTLY_WRONG, Math.floor(total / 2));
    const same = wrong.result.rows.map((row) => row.id).join() === sql.result.rows.map((row) => row.id).join();
    log(
      `confidently wrong (${total.toLocaleString('en-US')} items): first page ${wrong.time} (warm ${wrongWarm.time}), middle ${wrongDeep.time};` +
        ` SQL ORDER BY (Label queue "most expensive first", incorrect): first page ${sql.time}, middle ${sqlDeep.time}; same rows: ${same}`,
    );

    // A label moves the outcome order: the next page recomputes it from the patched columns.
    const first = wrong.result.rows[0]!;
    await handlers['labels/set']({ itemId: first.id, annotator: 'bench', outcome: 'correct' });
    log(`after a label: outcome desc first page ${(await page({ sort: 'outcome', sortDirection: 'desc' })).time}; confidently wrong ${(await page(CONFIDENTLY_WRONG)).time}`);
    const searched = await page({ sort: 'confidence', sortDirection: 'desc', search: 'City 12' });
    log(`search "City 12" sorted by confidence: first page ${searched.time} (${searched.result.total.toLocaleString('en-US')} items; the search is a scan, as in file order: ${(await page({ search: 'City 12' })).time})`);
    log(`heap used after the orders: ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB, rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
