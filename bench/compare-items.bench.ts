// The same items across runs (issue 15, item 4) on two 1,000,000-item runs
// with the same keys (the bench run imported from its JSONL and its CSV): the
// alignment by key (cold: every key of both runs read and matched), then pages
// of the matrix under each filter, warm, at the top and in the middle, and
// after a label; beside a baseline measured in the same run: the Items
// table's first page of one run in file order.
import type { Request } from '../shared/api/contract.ts';
import { createHandlers } from '../main/handlers/index.ts';
import { JobRegistry } from '../main/handlers/jobs.ts';
import { Store } from '../main/store/store.ts';
import { alignKeys } from '../shared/compare/matrix.ts';
import { runFiles, scratch } from './lib/runs.ts';
import { join } from 'node:path';

export const title = 'Item matrix over two 1,000,000-item runs: alignment by key cold (same order, and shuffled), pages per filter warm, after a label, vs an Items page';

const N = Number(process.env.CANDOR_BENCH_MATRIX_N ?? 1_000_000);
const PAGE = 100;

const ms = (started: number) => `${(performance.now() - started).toFixed(1)} ms`;

export async function run(log: (line: string) => void): Promise<void> {
  const { jsonl, csv } = await runFiles(N, log);
  const store = Store.open(join(scratch('matrix'), 'candor.db'));
  try {
    const jobs = new JobRegistry();
    const handlers = createHandlers({ store, jobs, runtime: 'browser', version: 'bench', demoPath: '/none' });
    let t = performance.now();
    const { jobId } = await handlers['import/start']({ sources: [{ kind: 'path', path: jsonl }, { kind: 'path', path: csv }] });
    const job = await jobs.wait(jobId);
    if (job.state !== 'done') throw new Error(`import ${job.state}: ${job.error?.message ?? job.message}`);
    const runIds = job.result!.map((file) => file.runIds[0]!);
    log(`imported 2 x ${N.toLocaleString('en-US')} items in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    for (const runId of runIds) await handlers['runs/metrics']({ runId });

    t = performance.now();
    await handlers['items/list']({ runId: runIds[0]!, offset: 0, limit: 200 });
    log(`baseline, Items table first page (file order): ${ms(t)}`);

    const page = async (filter: Omit<Request<'items/matrix'>, 'runIds' | 'offset' | 'limit'>, offset = 0) => {
      const started = performance.now();
      const result = await handlers['items/matrix']({ runIds, offset, limit: PAGE, ...filter });
      return { time: ms(started), result };
    };
    const cold = await page({});
    log(`alignment cold (every key of both runs read and matched) + first page: ${cold.time}; ${cold.result.counts.shared.toLocaleString('en-US')} shared keys`);
    // The general path (keys in another order): the alignment itself, on the same keys shuffled.
    const { keys } = await store.items.keysAndOrdsInSlices(runIds[0]!, 32768);
    const shuffled = [...keys];
    for (let i = shuffled.length - 1, seed = 7; i > 0; i--) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      const j = seed % (i + 1);
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    t = performance.now();
    const sameOrder = alignKeys([keys, [...keys]]);
    const sameTime = ms(t);
    t = performance.now();
    const otherOrder = alignKeys([keys, shuffled]);
    log(`alignment alone: same order ${sameTime} (${sameOrder.rows.toLocaleString('en-US')} rows), another order ${ms(t)} (${otherOrder.rows.toLocaleString('en-US')} rows, hash table)`);
    log(`all: first page warm ${(await page({})).time}; page at ${(N / 2).toLocaleString('en-US')} ${(await page({}, N / 2)).time}`);
    const filters: Array<[string, Omit<Request<'items/matrix'>, 'runIds' | 'offset' | 'limit'>]> = [
      ['runs disagree', { filter: 'disagree' }],
      ['pair verdicts differ', { filter: 'pair-disagree' }],
      ['pair correct / correct', { filter: 'pair', outcomeA: 'correct', outcomeB: 'correct' }],
      ['pair incorrect / any', { filter: 'pair', outcomeA: 'incorrect' }],
    ];
    for (const [name, filter] of filters) {
      const first = await page(filter);
      const again = await page(filter);
      const middle = await page(filter, Math.floor(first.result.total / 2));
      log(`${name} (${first.result.total.toLocaleString('en-US')} rows): first page ${first.time} (filter computed), again ${again.time}, middle ${middle.time}`);
    }
    const firstCell = cold.result.rows[0]!.cells[0]!;
    await handlers['labels/set']({ itemId: firstCell.itemId, annotator: 'bench', outcome: firstCell.outcome === 'correct' ? 'incorrect' : 'correct' });
    const after = await page({ filter: 'disagree' });
    log(`after a label: runs disagree first page ${after.time} (${after.result.total.toLocaleString('en-US')} rows; counts and filter recomputed)`);
    log(`heap used: ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB, rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
  } finally {
    store.close();
  }
}
