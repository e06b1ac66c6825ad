// Wires the security decisions of security.ts to a window's web contents:
// every way a page could leave the app (a link, a form, a redirect, a frame
// navigating, window.open) is checked the same way. Typed against Electron,
// but it imports nothing from it, so it is tested with a stand-in.
import type { WebContents } from 'electron';
import { allowNavigation } from './security.ts';

type Guarded = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

export function guardWebContents(contents: Guarded, appUrl: string, openExternal: (url: string) => void): void {
  contents.on('will-navigate', (event) => {
    if (!allowNavigation(event.url, appUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!allowNavigation(event.url, appUrl)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!allowNavigation(event.url, appUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // Never a new window; a web link may open in the user's browser once they confirm (external-links.ts).
    openExternal(url);
    return { action: 'deny' };
  });
}
