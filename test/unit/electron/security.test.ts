import { describe, expect, it } from 'vitest';
import { allowNavigation, allowPermission, CONTENT_SECURITY_POLICY, isAppUrl, secureWebPreferences } from '../../../main/electron/security.ts';
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

  it('grants no permission', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
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
    });
  });

  it('the CSP names no remote origin and allows no eval, in the app and in browser mode', () => {
    for (const csp of [CONTENT_SECURITY_POLICY, SERVE_CSP]) {
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self';");
      expect(csp).not.toMatch(/https?:|unsafe-eval|\*/);
    }
  });
});
