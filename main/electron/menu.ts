import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { AppEvent } from '../../shared/api/contract.ts';
import { EVENT_CHANNEL } from './channels.ts';

/** The menu's items as data (tested without Electron). DevTools and reload exist only outside a packaged build. */
export function menuTemplate(
  getWindow: () => BrowserWindow | null,
  importFromDialog: () => void,
  exportReport: () => void,
  options: { packaged: boolean },
): MenuItemConstructorOptions[] {
  const send = (event: AppEvent) => getWindow()?.webContents.send(EVENT_CHANNEL, event);
  const isMac = process.platform === 'darwin';
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { id: 'file-import', label: 'Import run files…', accelerator: 'CmdOrCtrl+O', click: importFromDialog },
        { label: 'Load demo run', click: () => send({ type: 'menu', action: 'load-demo' }) },
        { label: 'Export report…', accelerator: 'CmdOrCtrl+E', click: exportReport },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        { label: 'Toggle dark theme', click: () => send({ type: 'menu', action: 'toggle-theme' }) },
        { type: 'separator' },
        ...(options.packaged ? [] : [{ role: 'reload' as const }, { role: 'toggleDevTools' as const }, { type: 'separator' as const }]),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { role: 'togglefullscreen' },
      ],
    },
    { label: '&Help', submenu: [{ label: 'Keyboard shortcuts', accelerator: 'Shift+/', click: () => send({ type: 'menu', action: 'help' }) }] },
  ];
}

export function buildMenu(getWindow: () => BrowserWindow | null, importFromDialog: () => void, exportReport: () => void, options: { packaged: boolean }): Menu {
  return Menu.buildFromTemplate(menuTemplate(getWindow, importFromDialog, exportReport, options));
}
