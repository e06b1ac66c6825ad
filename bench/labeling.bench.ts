// Labeling speed on a million-item run, in Chromium against browser mode:
// from key press to the next item shown, with the label stored (the view shows
// the next item only after labels/set answered, i.e. after the commit), over
// 500 consecutive labels. Baseline: the same loop on a 1,000-item run served
// by the same server in the same run. Then the Items table is scrolled through
// the million rows, counting the rows items/list actually sent.
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { chromium, type Page } from 'playwright-core';
import { createHandlers } from '../main/handlers/index.ts';
import { JobRegistry } from '../main/handlers/jobs.ts';
import { startServer } from '../main/serve.ts';
import { Store } from '../main/store/store.ts';

export const title = 'key press to next item shown (label committed), 1,000,000-item run vs 1,000-item run; Items table row fetches';

const LABELS = 500;
const GRADES = ['correct', 'incorrect', 'abstained', ''];

async function writeCsv(path: string, n: number): Promise<void> {
  const out = createWriteStream(path);
  out.write('id,question,answer,gold,grade,confidence\n');
  for (let i = 0; i < n; i++) {
    const line = `k${i},What is item number ${i} about?,It is about ${i % 977},About ${i % 977},${GRADES[i % 4]},${((i * 7919) % 1000) / 1000}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

function summary(values: number[]): { p50: number; p95: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), max: sorted.at(-1)! };
}

/**
 * Labels `count` items by real key presses. Inside the page, a capture-phase
 * listener stamps each key's arrival and a MutationObserver stamps the moment
 * the next item's key is in the DOM and no longer dimmed; the next animation
 * frame after it is recorded too (the frame that paints it).
 */
async function labelLoop(page: Page, count: number): Promise<{ commit: number[]; frame: number[] }> {
  // A string, not a function: the TypeScript loader would add helpers the page lacks.
  await page.evaluate(`(() => {
    const keyText = () => document.querySelector('[data-testid="label-view"] [data-testid="item-key"]')?.textContent ?? '';
    const b = (window.__bench = { key: 0, prev: keyText(), commit: [], frame: [], done: 0 });
    window.addEventListener('keydown', () => { b.key = performance.now(); b.prev = keyText(); }, true);
    new MutationObserver(() => {
      if (b.key === 0 || keyText() === b.prev || document.querySelector('.label-item.stale')) return;
      const started = b.key;
      b.key = 0;
      b.commit.push(performance.now() - started);
      requestAnimationFrame(() => { b.frame.push(performance.now() - started); b.done++; });
    }).observe(document.querySelector('[data-testid="label-view"]'), { subtree: true, childList: true, characterData: true, attributes: true });
  })()`);
  for (let i = 0; i < count; i++) {
    await page.keyboard.press(String((i % 3) + 1));
    // An inline arrow with no inner functions: nothing for the loader to wrap, and no eval (the CSP forbids it).
    await page.waitForFunction((n) => (window as unknown as { __bench: { done: number } }).__bench.done >= n, i + 1, { polling: 'raf' });
  }
  return page.evaluate('({ commit: window.__bench.commit, frame: window.__bench.frame })') as Promise<{ commit: number[]; frame: number[] }>;
}

async function openLabelView(page: Page, url: string, runId: number): Promise<void> {
  await page.goto(`${url}#/run/${runId}/label`);
  await page.reload();
  await page.waitForSelector('[data-testid="label-view"] [data-testid="item-key"]', { timeout: 120_000 });
  await page.waitForSelector('[data-testid="progress-total"]', { timeout: 120_000 });
}

export async function run(log: (line: string) => void): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'candor-bench-label-'));
  try {
    const big = join(dir, 'million.csv');
    const small = join(dir, 'thousand.csv');
    let t = performance.now();
    await writeCsv(big, 1_000_000);
    await writeCsv(small, 1000);
    log(`wrote the CSVs in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    const dbPath = join(dir, 'candor.db');
    const store = Store.open(dbPath);
    const jobs = new JobRegistry();
    const handlers = createHandlers({ store, jobs, runtime: 'browser', version: 'bench', demoPath: '/none' });
    t = performance.now();
    const { jobId } = await handlers['import/start']({ sources: [{ kind: 'path', path: big }, { kind: 'path', path: small }] });
    const job = await jobs.wait(jobId);
    if (job.state !== 'done') throw new Error(`import ${job.state}: ${job.error?.message ?? job.message}`);
    const [bigRun, smallRun] = job.result!.map((file) => file.runIds[0]!);
    log(`imported 1,001,000 items through the store in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    store.close();

    const staticDir = join(dir, 'renderer');
    execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'renderer.vite.config.mts', '--logLevel', 'error', '--outDir', staticDir], {
      stdio: 'inherit',
    });
    const server = await startServer({ dbPath, staticDir });
    const browser = await chromium.launch({
      executablePath: process.env.CANDOR_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const results: Record<string, { commit: number[]; frame: number[] }> = {};
      for (const [name, runId] of [
        ['1,000-item run', smallRun!],
        ['1,000,000-item run', bigRun!],
      ] as const) {
        await openLabelView(page, server.url, runId);
        // Warm-up labels (first requests compile statements, JIT the handlers).
        await labelLoop(page, 10);
        await openLabelView(page, server.url, runId);
        results[name] = await labelLoop(page, LABELS);
        const stored = server.store.labels.annotators(runId).reduce((sum, annotator) => sum + annotator.labels, 0);
        const c = summary(results[name].commit);
        const f = summary(results[name].frame);
        log(
          `${name}: ${LABELS} labels, key to next item in the DOM p50 ${c.p50.toFixed(1)} ms, p95 ${c.p95.toFixed(1)} ms, max ${c.max.toFixed(1)} ms;` +
            ` to the painted frame p50 ${f.p50.toFixed(1)}, p95 ${f.p95.toFixed(1)}, max ${f.max.toFixed(1)} ms; ${stored} labels stored`,
        );
      }
      const ratio = summary(results['1,000,000-item run']!.commit).p95 / summary(results['1,000-item run']!.commit).p95;
      log(`p95 ratio million / thousand: ${ratio.toFixed(2)}x (target: p95 < 50 ms on the million)`);

      // The Items table: scroll through the million rows and count what arrives.
      let rowsFetched = 0;
      let requests = 0;
      page.on('response', (response) => {
        if (!response.url().endsWith('/api/items/list')) return;
        // A response still in flight when the page reloads has no body to read: it is not counted.
        void response
          .json()
          .then((envelope: { value?: { rows?: unknown[] } }) => {
            requests++;
            rowsFetched += envelope.value?.rows?.length ?? 0;
          })
          .catch(() => undefined);
      });
      await page.goto(`${server.url}#/run/${bigRun}/items`);
      await page.reload();
      await page.waitForSelector('[data-testid="items-table"] [data-testid^="item-row-"]', { timeout: 120_000 });
      const stops = [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1];
      const shown: string[] = [];
      for (const at of stops) {
        await page.evaluate(`(() => {
          const scroller = document.querySelector('.items-scroll');
          scroller.scrollTop = ${at} * (scroller.scrollHeight - scroller.clientHeight);
        })()`);
        const midRow = `(() => {
          const box = document.querySelector('.items-scroll').getBoundingClientRect();
          return document.elementFromPoint(box.left + 40, box.top + box.height / 2)?.closest('[data-testid^="item-row-"]') ?? null;
        })()`;
        await page.waitForFunction(
          () => {
            const box = document.querySelector('.items-scroll')!.getBoundingClientRect();
            return Boolean(document.elementFromPoint(box.left + 40, box.top + box.height / 2)?.closest('[data-testid^="item-row-"]'));
          },
          undefined,
          { timeout: 60_000 },
        );
        shown.push(((await page.evaluate(`${midRow}?.textContent ?? ''`)) as string).slice(0, 12));
      }
      await page.waitForTimeout(500);
      log(
        `Items table scrolled to ${stops.map((s) => `${s * 100}%`).join(', ')} of 1,000,000 rows (rows at mid-screen: ${shown.join(' | ')}):` +
          ` ${requests} items/list requests, ${rowsFetched.toLocaleString('en-US')} rows fetched (${((100 * rowsFetched) / 1_000_000).toFixed(3)}% of the run)`,
      );
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
