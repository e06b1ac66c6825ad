// The Electron main process: lifecycle, the window, the menu and IPC wiring.
// Everything else (store, import, handlers) is Electron-free under main/.
import { app, BrowserWindow, dialog, Menu, session } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { computeClient } from '../compute/client.ts';
import { createHandlers } from '../handlers/index.ts';
import { JobRegistry } from '../handlers/jobs.ts';
import { Store } from '../store/store.ts';
import type { AppEvent } from '../../shared/api/contract.ts';
import { EVENT_CHANNEL } from './channels.ts';
import { registerIpc } from './ipc.ts';
import { buildMenu } from './menu.ts';
import { exportReportFromMenu } from './report-pdf.ts';
import { openLinkFromApp } from './external-links.ts';
import { allowPermission, CONTENT_SECURITY_POLICY, isAppUrl, secureWebPreferences } from './security.ts';
import { guardWebContents } from './window-guards.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererUrl = process.env.ELECTRON_RENDERER_URL ?? new URL(`file://${join(here, '../renderer/index.html')}`).href;

let mainWindow: BrowserWindow | null = null;

function sendEvent(event: AppEvent): void {
  mainWindow?.webContents.send(EVENT_CHANNEL, event);
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: 'Candor',
    show: false,
    webPreferences: secureWebPreferences(join(here, '../preload/index.cjs'), { devTools: !app.isPackaged }),
  });
  window.once('ready-to-show', () => window.show());
  // Its web contents got the navigation guards when they were created (web-contents-created in main()).
  void window.loadURL(rendererUrl);
  return window;
}

async function main(): Promise<void> {
  // A profile of its own (the desktop smoke test, a second copy beside an installed one): the
  // single-instance lock, Chromium's storage and the default database all live under it.
  if (process.env.CANDOR_USER_DATA) app.setPath('userData', process.env.CANDOR_USER_DATA);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();
  const dbPath = process.env.CANDOR_DB ?? join(app.getPath('userData'), 'candor.db');
  let store: Store;
  try {
    store = Store.open(dbPath);
  } catch (error) {
    dialog.showErrorBox('Candor cannot open its database', `${dbPath}\n\n${error instanceof Error ? error.message : String(error)}`);
    app.quit();
    return;
  }
  const jobs = new JobRegistry();
  const handlers = createHandlers({
    store,
    jobs,
    runtime: 'electron',
    version: app.getVersion(),
    demoPath: join(app.getAppPath(), 'assets', 'demo', 'demo-run.csv'),
  });

  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => callback(allowPermission(permission)));
  session.defaultSession.setPermissionCheckHandler((_contents, permission) => allowPermission(permission));
  // Every web contents (the window, a print window, anything a page might spawn) gets the same guards.
  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents, rendererUrl, (url) => openLinkFromApp(BrowserWindow.fromWebContents(contents), url));
  });

  registerIpc(handlers, (url) => isAppUrl(url, rendererUrl));

  const importFromDialog = async () => {
    if (!mainWindow) return;
    const choice = await dialog.showOpenDialog(mainWindow, {
      title: 'Import run files',
      properties: ['openFile', 'multiSelections'],
      filters: [
        { name: 'Run files', extensions: ['csv', 'tsv', 'jsonl', 'ndjson', 'json', 'eval', 'log'] },
        { name: 'All files', extensions: ['*'] },
      ],
    });
    if (choice.canceled || choice.filePaths.length === 0) return;
    // The renderer previews them first, as it does for dropped files; nothing is written until confirmed.
    sendEvent({ type: 'import-paths', paths: choice.filePaths });
  };
  Menu.setApplicationMenu(
    buildMenu(() => mainWindow, () => void importFromDialog(), () => void exportReportFromMenu(mainWindow, store, app.getVersion()), { packaged: app.isPackaged }),
  );

  mainWindow = createWindow();
  // The first heavy view must not wait for a compute worker's start-up: one starts beside the window's load.
  computeClient().warm();
  app.on('second-instance', () => mainWindow?.focus());
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => store.close());
}

void main();
