// Page helpers for the e2e tests: a fresh database and server per test, Debian's
// Chromium through playwright-core, an app "ready" signal instead of sleeps, and
// selectors kept here so the tests read as steps.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { startServer, type RunningServer } from '../../main/serve.ts';

export const CHROMIUM_PATH = process.env.CANDOR_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = join(process.cwd(), 'test-results', 'screenshots');

export interface Session {
  server: RunningServer;
  context: BrowserContext;
  page: Page;
  dir: string;
  /** Console errors and uncaught page errors seen so far (CSP violations included). */
  errors: string[];
  close(): Promise<void>;
}

export async function openSession(options: { colorScheme?: 'light' | 'dark' } = {}): Promise<Session> {
  const dir = mkdtempSync(join(tmpdir(), 'candor-e2e-'));
  const server = await startServer({ dbPath: join(dir, 'candor.db'), staticDir: inject('rendererDir') });
  // A fresh profile per session; playwright passes it as --user-data-dir.
  const context = await chromium.launchPersistentContext(join(dir, 'chromium-profile'), {
    executablePath: CHROMIUM_PATH,
    viewport: { width: 1400, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  return {
    server,
    context,
    page,
    dir,
    errors,
    close: async () => {
      await context.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

export const byTestId = (id: string) => `[data-testid="${id}"]`;

export async function text(page: Page, testId: string): Promise<string> {
  return (await page.locator(byTestId(testId)).first().textContent())?.trim() ?? '';
}

export interface UploadFile {
  name: string;
  mimeType?: string;
  buffer: Buffer;
}

/**
 * Imports files the way a person does: choose them, read the preview, confirm.
 * Resolves once the import job has been started (not finished).
 */
export async function importFiles(page: Page, files: UploadFile[]): Promise<void> {
  await page.setInputFiles(byTestId('import-input'), files.map((file) => ({ mimeType: 'text/plain', ...file })));
  await page.waitForSelector(byTestId('import-dialog'));
  const confirm = page.locator(byTestId('import-confirm'));
  await confirm.waitFor();
  await page.waitForFunction((selector) => {
    const button = document.querySelector<HTMLButtonElement>(selector);
    return button !== null && !button.disabled;
  }, byTestId('import-confirm'));
  await confirm.click();
  await page.waitForSelector(byTestId('import-dialog'), { state: 'detached' });
}
