// Issue 13, item 12: every way a page could leave the app is checked the same
// way (navigation, server redirect, a frame navigating, window.open, a
// webview), and the packaged menu has no DevTools. Electron is stood in for.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ Menu: { buildFromTemplate: (template: unknown) => template } }));
const { guardWebContents } = await import('../../../main/electron/window-guards.ts');
const { menuTemplate } = await import('../../../main/electron/menu.ts');

const APP = 'file:///opt/Candor/resources/app.asar/out/renderer/index.html';

function fakeContents() {
  const emitter = new EventEmitter();
  let openHandler: ((details: { url: string }) => { action: string }) | null = null;
  return {
    contents: {
      on: (event: string, listener: (...args: unknown[]) => void) => emitter.on(event, listener),
      setWindowOpenHandler: (handler: typeof openHandler) => (openHandler = handler),
    },
    emit(event: string, url: string): boolean {
      let prevented = false;
      emitter.emit(event, { url, preventDefault: () => (prevented = true) });
      return prevented;
    },
    open: (url: string) => openHandler!({ url }),
  };
}

describe('window guards', () => {
  it.each(['will-navigate', 'will-redirect', 'will-frame-navigate'])('%s away from the app is cancelled, within it allowed', (event) => {
    const fake = fakeContents();
    guardWebContents(fake.contents as never, APP, () => {});
    expect(fake.emit(event, 'https://evil.example/')).toBe(true);
    expect(fake.emit(event, 'file:///etc/passwd')).toBe(true);
    expect(fake.emit(event, 'file://host/opt/Candor/resources/app.asar/out/renderer/index.html')).toBe(true);
    expect(fake.emit(event, `${APP}#/run/3/items`)).toBe(false);
  });

  it('never opens a window, and hands links to the confirmed external opener', () => {
    const fake = fakeContents();
    const external = vi.fn();
    guardWebContents(fake.contents as never, APP, external);
    expect(fake.open('https://example.org/')).toEqual({ action: 'deny' });
    expect(fake.open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(external.mock.calls).toEqual([['https://example.org/'], ['javascript:alert(1)']]);
    expect(fake.emit('will-attach-webview', 'about:blank')).toBe(true);
  });
});

describe('the menu', () => {
  const roles = (packaged: boolean) =>
    menuTemplate(() => null, () => {}, () => {}, { packaged })
      .flatMap((item) => (Array.isArray(item.submenu) ? item.submenu : []))
      .map((item) => item.role ?? item.id ?? item.label);

  it('has no DevTools or reload in a packaged build, and both in development', () => {
    expect(roles(true)).not.toContain('toggleDevTools');
    expect(roles(true)).not.toContain('reload');
    expect(roles(false)).toEqual(expect.arrayContaining(['toggleDevTools', 'reload']));
  });

  it('names File > Import, which the desktop smoke test clicks', () => {
    expect(roles(true)).toContain('file-import');
  });
});
