// Security decisions as pure functions, so they are tested without Electron.

/** The app's own pages: the packaged file:// renderer or the dev server's origin. */
export function isAppUrl(url: string, appUrl: string): boolean {
  let target: URL;
  let app: URL;
  try {
    target = new URL(url);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  // file: URLs have no origin to compare; their host must match too (file://server/share/... is a network path).
  if (app.protocol === 'file:') return target.protocol === 'file:' && target.host === app.host && target.pathname === app.pathname;
  return target.origin === app.origin;
}

/** In-page navigation is allowed only within the app itself (hash routes). */
export function allowNavigation(url: string, appUrl: string): boolean {
  return isAppUrl(url, appUrl);
}

/**
 * Permissions the renderer may be granted: none. The app uses no camera,
 * microphone, location, notifications, clipboard access, HID/USB/serial
 * devices or fullscreen API; a permission it does not use is one a payload
 * in model output could not misuse. Both the request handler (a page asks)
 * and the check handler (a page queries, or Chromium checks silently) use it.
 */
export function allowPermission(_permission: string): boolean {
  return false;
}

/**
 * The https address a link may open in the user's browser, normalised, or
 * null: only https, no credentials in the address, nothing else (file:,
 * javascript:, custom schemes that launch other programs).
 */
export function externalLinkTarget(url: string): string | null {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return null;
  }
  if (target.protocol !== 'https:' || target.username !== '' || target.password !== '' || target.hostname === '') return null;
  return target.href;
}

/**
 * Opens a link outside the app only once the user has seen where it goes and
 * agreed. Effects are injected (a dialog, shell.openExternal) so the decision
 * is tested without Electron.
 */
export async function openExternalAfterConfirm(
  url: string,
  effects: { confirm: (target: string) => Promise<boolean>; open: (target: string) => Promise<void> },
): Promise<'opened' | 'declined' | 'refused'> {
  const target = externalLinkTarget(url);
  if (target === null) return 'refused';
  if (!(await effects.confirm(target))) return 'declined';
  await effects.open(target);
  return 'opened';
}

/** What a window's web contents must not do, wired to its events (window-guards.ts). */
export interface NavigationGuard {
  /** Any navigation, redirect or frame navigation away from the app's page is cancelled. */
  allow(url: string): boolean;
}

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'none'";

/** The window's web preferences: isolated, sandboxed, no Node in the page; DevTools only outside a packaged build. */
export function secureWebPreferences(preloadPath: string, options: { devTools?: boolean } = {}) {
  return {
    preload: preloadPath,
    devTools: options.devTools ?? false,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  } as const;
}
