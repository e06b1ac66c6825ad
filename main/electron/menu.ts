import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { AppEvent } from '../../shared/api/contract.ts';
import { EVENT_CHANNEL } from './channels.ts';

export function buildMenu(getWindow: () => BrowserWindow | null, importFromDialog: () => void, exportReport: () => void): Menu {
  const send = (event: AppEvent) => getWindow()?.webContents.send(EVENT_CHANNEL, event);
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Import run files…', accelerator: 'CmdOrCtrl+O', click: importFromDialog },
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
        { role: 'reload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { role: 'togglefullscreen' },
      ],
    },
    { label: '&Help', submenu: [{ label: 'Keyboard shortcuts', accelerator: 'Shift+/', click: () => send({ type: 'menu', action: 'help' }) }] },
  ];
  return Menu.buildFromTemplate(template);
}
