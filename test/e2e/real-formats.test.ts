// The real run folders imported the ways a browser-mode user imports them:
// files picked together, a folder picked, a folder dropped, and a binary
// .eval log. The app must show what `candor analyze` shows for each.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../shared/domain.ts';
import { importAll, openWorkspace } from '../../main/cli/workspace.ts';
import { REAL_DIR, REAL_RUNS, type RealRun } from '../support/real-runs.ts';
import { byTestId, openSession, screenshot, text, type Session } from './harness.ts';

let session: Session | null = null;
afterEach(async () => {
  await session?.close();
  session = null;
});

const filesOf = (folder: string) =>
  readdirSync(join(REAL_DIR, folder))
    .filter((name) => name !== 'README.md')
    .map((name) => ({ name, mimeType: 'application/octet-stream', buffer: readFileSync(join(REAL_DIR, folder, name)) }));

async function confirmImport(s: Session, expectedRuns: number): Promise<void> {
  const { page } = s;
  await page.waitForSelector(byTestId('import-dialog'));
  await page.waitForFunction((selector) => {
    const button = document.querySelector<HTMLButtonElement>(selector);
    return button !== null && !button.disabled;
  }, byTestId('import-confirm'));
  expect(await page.locator(byTestId('import-file')).count()).toBe(expectedRuns);
  await page.click(byTestId('import-confirm'));
  await page.waitForSelector(byTestId('import-dialog'), { state: 'detached' });
  await expect.poll(() => s.server.store.runs.list().length, { timeout: 30_000 }).toBeGreaterThanOrEqual(expectedRuns);
}

function runFor(runs: RunSummary[], real: RealRun): RunSummary {
  const run = runs.find((r) => r.task === real.task);
  if (!run) throw new Error(`no run for ${real.folder} among ${runs.map((r) => r.task).join(', ')}`);
  return run;
}

function meanConfidence(s: Session, runId: number): number | null {
  const { rows } = s.server.store.items.list(runId, {}, 0, 1000);
  const confidences = rows.map((row) => row.confidence).filter((c): c is number => c !== null);
  return confidences.length ? confidences.reduce((a, b) => a + b, 0) / confidences.length : null;
}

/** The run as the store holds it and as the Overview shows it, against the README's reading. */
async function expectRun(s: Session, real: RealRun): Promise<void> {
  const run = runFor(s.server.store.runs.list(), real);
  expect(run.itemCount).toBe(real.items);
  expect([run.counts.correct, run.counts.incorrect, run.counts.abstained]).toEqual([real.correct, real.incorrect, real.abstained]);
  expect(run.model).toBe(real.model);
  const mean = meanConfidence(s, run.id);
  if (real.meanConfidence === null) expect(mean).toBeNull();
  else expect(mean).toBeCloseTo(real.meanConfidence, 5);
  await s.page.click(byTestId(`run-item-${run.id}`));
  await expect.poll(() => text(s.page, 'count-correct')).toBe(String(real.correct));
  expect(await text(s.page, 'count-incorrect')).toBe(String(real.incorrect));
}

describe('real run files in browser mode', () => {
  it('each real folder, its files picked together: the counts, model and confidence analyze gives', async () => {
    session = await openSession();
    const { page } = session;
    for (const real of REAL_RUNS) {
      await page.setInputFiles(byTestId('import-input'), filesOf(real.folder));
      await confirmImport(session, 1);
      await expect.poll(() => session!.server.store.runs.list().some((r) => r.task === real.task), { timeout: 30_000 }).toBe(true);
      await expectRun(session, real);
    }
    // The same counts as `candor analyze` (the CLI's import, in memory).
    const workspace = openWorkspace(':memory:');
    try {
      await importAll(workspace, REAL_RUNS.map((real) => join(REAL_DIR, real.folder)));
      const cli = workspace.store.runs.list();
      for (const real of REAL_RUNS) {
        expect(runFor(session.server.store.runs.list(), real).counts).toEqual(runFor(cli, real).counts);
      }
    } finally {
      workspace.close();
    }
    expect(session.errors).toEqual([]);
  });

  it('a picked folder of all six: one preview per run with what each reader decided, then six runs', async () => {
    session = await openSession();
    const { page } = session;
    await page.setInputFiles(byTestId('import-folder-input'), REAL_DIR);
    await page.waitForSelector(byTestId('import-dialog'));
    await page.waitForFunction((selector) => {
      const button = document.querySelector<HTMLButtonElement>(selector);
      return button !== null && !button.disabled;
    }, byTestId('import-confirm'));
    expect(await page.locator(byTestId('import-file')).count()).toBe(REAL_RUNS.length);
    const notes = (await page.locator(byTestId('import-notes')).allTextContents()).join('\n');
    expect(notes).toContain('every logprob in this run is 0.0');
    expect(notes).toContain('Grade from the per-sample metric "acc"');
    expect(notes).toContain('Model "gpt-3.5-turbo-0125" from the results file results.json');
    await screenshot(page, 'import-real-folder-preview');
    await confirmImport(session, REAL_RUNS.length);
    await expect.poll(() => session!.server.store.runs.list().length, { timeout: 30_000 }).toBe(REAL_RUNS.length);
    for (const real of REAL_RUNS) await expectRun(session, real);
    expect(session.errors).toEqual([]);
  });

  it('a dropped HELM run folder is read whole, as one run without invented confidences', async () => {
    session = await openSession({ colorScheme: 'dark' });
    const { page } = session;
    const real = REAL_RUNS.find((r) => r.format === 'helm')!;
    const files = filesOf(real.folder).map((f) => ({ name: f.name, text: f.buffer.toString('utf8') }));
    // Chromium gives a dropped folder as a directory entry; the page walks it with the entries API.
    await page.evaluate(
      ({ folder, files }) => {
        const fileEntry = (f: { name: string; text: string }) => ({
          name: f.name,
          isFile: true,
          isDirectory: false,
          file: (ok: (file: File) => void) => ok(new File([f.text], f.name)),
        });
        let served = false;
        const dir = {
          name: folder,
          isFile: false,
          isDirectory: true,
          createReader: () => ({
            readEntries: (ok: (entries: unknown[]) => void) => {
              ok(served ? [] : files.map(fileEntry));
              served = true;
            },
          }),
        };
        const transfer = new DataTransfer();
        transfer.items.add(new File(['folder'], folder));
        // A script cannot make a directory entry: the item that stands for the folder answers with the one above.
        const original = DataTransferItem.prototype.webkitGetAsEntry;
        DataTransferItem.prototype.webkitGetAsEntry = function (this: DataTransferItem) {
          return this.getAsFile()?.name === folder ? (dir as unknown as FileSystemEntry) : original.call(this);
        };
        window.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      },
      { folder: real.folder, files },
    );
    await page.waitForSelector(byTestId('import-notes'));
    expect(await text(page, 'import-notes')).toContain('No confidence: every logprob in this run is 0.0');
    await screenshot(page, 'import-helm-folder-dark');
    await confirmImport(session, 1);
    await expectRun(session, real);
    expect(session.errors).toEqual([]);
  });

  it('uploads reach the importer as bytes: an Inspect .eval zip and a parquet file import', async () => {
    session = await openSession();
    const { page } = session;
    const evalLog = join(import.meta.dirname, '../fixtures/formats/inspect/log_formats.eval');
    await page.setInputFiles(byTestId('import-input'), [{ name: 'log_formats.eval', mimeType: 'application/zip', buffer: readFileSync(evalLog) }]);
    await confirmImport(session, 1);
    const workspace = openWorkspace(':memory:');
    try {
      await importAll(workspace, [evalLog]);
      const [cli] = workspace.store.runs.list();
      await expect.poll(() => session!.server.store.runs.list()[0]?.counts, { timeout: 30_000 }).toEqual(cli!.counts);
    } finally {
      workspace.close();
    }
    // The parquet file alone (no results file beside it): its rows, no model.
    const lighteval = REAL_RUNS.find((r) => r.format === 'lighteval')!;
    await page.setInputFiles(byTestId('import-input'), filesOf(lighteval.folder).filter((f) => f.name.endsWith('.parquet')));
    await page.waitForSelector(byTestId('import-notes'));
    expect(await text(page, 'import-notes')).toContain('Model unknown');
    await confirmImport(session, 1);
    await expect.poll(() => session!.server.store.runs.list().length, { timeout: 30_000 }).toBe(2);
    expect(runFor(session.server.store.runs.list(), lighteval).counts).toMatchObject({ correct: 0, incorrect: 2 });
    expect(session.errors).toEqual([]);
  });
});
