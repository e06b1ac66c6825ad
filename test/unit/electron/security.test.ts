import { describe, expect, it } from 'vitest';
import {
  allowNavigation,
  allowPermission,
  CONTENT_SECURITY_POLICY,
  externalLinkTarget,
  isAppUrl,
  openExternalAfterConfirm,
  secureWebPreferences,
} from '../../../main/electron/security.ts';
import { CONTENT_SECURITY_POLICY as SERVE_CSP } from '../../../main/serve.ts';

describe('window security decisions', () => {
  const fileApp = 'file:///opt/Candor/resources/app.asar/out/renderer/index.html';

  it('allows only the app page itself (hash routes included)', () => {
    expect(allowNavigation(`${fileApp}#/run/1/items`, fileApp)).toBe(true);
    expect(allowNavigation('file:///etc/passwd', fileApp)).toBe(false);
    expect(allowNavigation('https://example.com/', fileApp)).toBe(false);
    expect(allowNavigation('javascript:alert(1)', fileApp)).toBe(false);
    expect(allowNavigation('not a url', fileApp)).toBe(false);
    expect(isAppUrl('http://localhost:5173/#/x', 'http://localhost:5173/')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
  });

  // Issue 13, item 12: a file: URL has no origin; its host must match too (file://server/share is a network path).
  it('compares file: URLs with their host', () => {
    expect(isAppUrl('file://evil.example/opt/Candor/resources/app.asar/out/renderer/index.html', fileApp)).toBe(false);
    // localhost is this machine: the URL parser reads file://localhost/ as file:///
    expect(isAppUrl('file://localhost/opt/Candor/resources/app.asar/out/renderer/index.html', fileApp)).toBe(true);
    expect(allowNavigation('file://attacker/opt/Candor/resources/app.asar/out/renderer/index.html#/run/1', fileApp)).toBe(false);
    expect(isAppUrl(`${fileApp}?x=1#/run/2`, fileApp)).toBe(true);
  });

  it('opens only https links, without credentials, and only after the user confirms', async () => {
    expect(externalLinkTarget('https://example.org/a?b#c')).toBe('https://example.org/a?b#c');
    for (const bad of ['http://example.org/', 'file:///etc/passwd', 'javascript:alert(1)', 'mailto:a@b', 'ms-msdt:/id', 'https://user:pw@example.org/', 'not a url']) {
      expect(externalLinkTarget(bad), bad).toBeNull();
    }
    const opened: string[] = [];
    const open = async (url: string) => void opened.push(url);
    expect(await openExternalAfterConfirm('https://example.org/', { confirm: async () => false, open })).toBe('declined');
    expect(await openExternalAfterConfirm('javascript:alert(1)', { confirm: async () => true, open })).toBe('refused');
    const asked: string[] = [];
    expect(await openExternalAfterConfirm('https://EXAMPLE.org/x', { confirm: async (t) => (asked.push(t), true), open })).toBe('opened');
    expect([asked, opened]).toEqual([['https://example.org/x'], ['https://example.org/x']]);
  });

  it('grants no permission', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'openExternal', 'fullscreen', 'hid', 'usb', 'serial', 'unknown']) {
      expect(allowPermission(permission)).toBe(false);
    }
  });

  it('isolates and sandboxes the window, with no Node in the page', () => {
    expect(secureWebPreferences('/p.cjs')).toMatchObject({
      preload: '/p.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      devTools: false,
    });
    expect(secureWebPreferences('/p.cjs', { devTools: true }).devTools).toBe(true);
  });

  it('the CSP names no remote origin and allows no eval, in the app and in browser mode', () => {
    for (const csp of [CONTENT_SECURITY_POLICY, SERVE_CSP]) {
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self';");
      expect(csp).not.toMatch(/https?:|unsafe-eval|\*/);
    }
  });
});
