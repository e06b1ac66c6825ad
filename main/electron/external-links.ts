// The one place that opens anything outside the app (lint bans openExternal
// elsewhere): an https link, after the user has seen where it goes and agreed.
import { dialog, shell, type BrowserWindow } from 'electron';
import { openExternalAfterConfirm } from './security.ts';

export function openLinkFromApp(window: BrowserWindow | null, url: string): void {
  void openExternalAfterConfirm(url, {
    confirm: async (target) => {
      const options = {
        type: 'question' as const,
        buttons: ['Open in browser', 'Cancel'],
        defaultId: 1,
        cancelId: 1,
        message: 'Open this link in your web browser?',
        detail: target,
      };
      const { response } = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
      return response === 0;
    },
    open: (target) => shell.openExternal(target),
  });
}
