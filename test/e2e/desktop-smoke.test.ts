// Issue 13, item 14: the desktop app itself, in Electron, through Playwright:
// launch the built app, import a file the way File > Import does (the menu
// item, with the open dialog answered), label an item by keyboard, check the
// window's security settings while it runs, and quit. Where no Electron can
// be had (as on the development machines, where its download fails) the test
// is skipped with the reason printed, never passed.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { _electron, type ElectronApplication } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { Store } from '../../main/store/store.ts';
import { sqlOf } from '../support/sql.ts';
import { findElectron, stageApp } from './desktop-app.ts';
import { byTestId, text } from './harness.ts';

const ROOT = process.cwd();
const FIXTURE = join(ROOT, 'test', 'fixtures', 'import', 'basic.csv');
const electron = findElectron();

let app: ElectronApplication | null = null;
let dir: string | null = null;
afterAll(async () => {
  await app?.close().catch(() => undefined);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the desktop app in Electron', () => {
  it('launches, imports through File > Import, labels an item, is locked down at run time, and quits', async (ctx) => {
    if ('reason' in electron) {
      console.log(`[skipped] desktop smoke test: ${electron.reason}`);
      ctx.skip(electron.reason);
      return;
    }
    const cache = join(ROOT, 'node_modules', '.cache', 'candor-smoke');
    mkdirSync(cache, { recursive: true });
    dir = mkdtempSync(join(cache, 'run-'));
    const staged = stageApp(dir);
    if ('reason' in staged) {
      console.log(`[skipped] desktop smoke test: ${staged.reason}`);
      ctx.skip(staged.reason);
      return;
    }
    const dbPath = join(dir, 'candor.db');
    const headless = !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
    app = await _electron.launch({
      executablePath: electron.path,
      args: [
        staged.appDir,
        // Chromium refuses to run as root with its sandbox (CI runs as root); no display: Chromium's headless platform.
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
        ...(headless ? ['--ozone-platform=headless'] : []),
      ],
      env: { ...(process.env as Record<string, string>), CANDOR_DB: dbPath, CANDOR_USER_DATA: join(dir, 'profile'), ELECTRON_ENABLE_LOGGING: '1' },
      timeout: 60_000,
    });
    const page = await app.firstWindow();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });

    // --- The window's security settings, read from the running app. Electron has no documented
    // getter for a window's web preferences; where the undocumented one exists, it is read too.
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const contents = BrowserWindow.getAllWindows()[0]!.webContents as unknown as { getLastWebPreferences?: () => Record<string, unknown> | null };
      const p = contents.getLastWebPreferences?.() ?? null;
      return p && { contextIsolation: p.contextIsolation, sandbox: p.sandbox, nodeIntegration: p.nodeIntegration, webviewTag: p.webviewTag, webSecurity: p.webSecurity };
    });
    if (prefs !== null) expect(prefs).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, webSecurity: true });
    // Links to the web ask first: the dialog is answered "Cancel", and shell.openExternal only recorded.
    const asked = await app.evaluate(async ({ dialog, shell }) => {
      const seen: string[] = [];
      (globalThis as { __opened?: string[] }).__opened = [];
      dialog.showMessageBox = (async (...args: unknown[]) => {
        const options = args.at(-1) as { detail?: string };
        seen.push(options.detail ?? '');
        return { response: 1, checkboxChecked: false };
      }) as typeof dialog.showMessageBox;
      shell.openExternal = (async (url: string) => void (globalThis as { __opened?: string[] }).__opened!.push(url)) as typeof shell.openExternal;
      (globalThis as { __asked?: string[] }).__asked = seen;
      return seen.length;
    });
    expect(asked).toBe(0);

    // What those settings mean, observed in the page: no Node, only the bridge's verbs (contextBridge
    // exists only under context isolation), no <webview>, no permission, no new window.
    const inPage = await page.evaluate(async () => ({
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
      module: typeof (window as unknown as { module?: unknown }).module,
      bridge: Object.keys((window as unknown as { candor: object }).candor).sort(),
      frozen: Object.isFrozen((window as unknown as { candor: object }).candor),
      webview: customElements.get('webview') === undefined,
      geolocation: (await navigator.permissions.query({ name: 'geolocation' })).state,
      opened: window.open('https://example.org/') === null,
    }));
    expect(inPage).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined', bridge: ['api', 'onEvent', 'pathForFile'], frozen: true, webview: true, geolocation: 'denied', opened: true });
    // Declined, nothing opened; the address the user was shown is the link's.
    await expect.poll(() => app!.evaluate(() => (globalThis as { __asked?: string[] }).__asked)).toEqual(['https://example.org/']);
    expect(await app.evaluate(() => (globalThis as { __opened?: string[] }).__opened)).toEqual([]);
    // Navigating away is cancelled.
    const before = page.url();
    await page.evaluate(() => void (window.location.href = 'https://example.org/'));
    await page.waitForTimeout(500);
    expect(page.url()).toBe(before);
    expect(app.windows()).toHaveLength(1);

    // --- Import the way File > Import does: the menu item, its open dialog answered with our file.
    await app.evaluate(({ dialog, Menu }, file) => {
      dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [file] })) as typeof dialog.showOpenDialog;
      Menu.getApplicationMenu()!.getMenuItemById('file-import')!.click();
    }, FIXTURE);
    await page.waitForSelector(byTestId('import-dialog'));
    await page.waitForFunction((selector) => {
      const button = document.querySelector<HTMLButtonElement>(selector);
      return button !== null && !button.disabled;
    }, byTestId('import-confirm'));
    await page.click(byTestId('import-confirm'));
    await page.waitForSelector(byTestId('import-dialog'), { state: 'detached' });
    await page.locator(byTestId('run-list')).getByText('basic.csv').first().click();

    // --- Label the first item by keyboard.
    await page.click(byTestId('tab-label'));
    await page.waitForSelector(`${byTestId('label-view')} ${byTestId('item-key')}`);
    const key = await text(page, 'item-key');
    await page.keyboard.press('2');
    await page.waitForFunction((shown) => document.querySelector('[data-testid="label-view"] [data-testid="item-key"]')?.textContent !== shown, key);
    expect(errors).toEqual([]);

    // --- Quit, and find the import and the label in the database.
    await app.close();
    app = null;
    const store = Store.open(dbPath);
    try {
      const labels = sqlOf(store).prepare('SELECT i.item_key AS key, l.outcome FROM labels l JOIN items i ON i.id = l.item_id').all();
      expect(labels).toEqual([{ key, outcome: 'incorrect' }]);
      expect(store.runs.list().map((run) => run.name)).toEqual(['basic.csv']);
    } finally {
      store.close();
    }
  });
});
