import { beforeEach, describe, expect, it, vi } from 'vitest';

// Electron cannot start here (and must not in unit tests): mock the pieces
// the wiring touches and check what it registers.
const handle = vi.fn();
const exposeInMainWorld = vi.fn();
const invoke = vi.fn(async (channel: string, payload: unknown) => ({ channel, payload }));
vi.mock('electron', () => ({
  ipcMain: { handle },
  contextBridge: { exposeInMainWorld },
  ipcRenderer: { invoke, on: vi.fn(), removeListener: vi.fn() },
  webUtils: { getPathForFile: () => '/dropped/file.csv' },
}));

const { VERBS } = await import('../../../shared/api/contract.ts');
const { registerIpc } = await import('../../../main/electron/ipc.ts');
const { createHandlers } = await import('../../../main/handlers/index.ts');
const { JobRegistry } = await import('../../../main/handlers/jobs.ts');
const { Store } = await import('../../../main/store/store.ts');

beforeEach(() => {
  handle.mockClear();
  exposeInMainWorld.mockClear();
});

describe('IPC wiring', () => {
  it('registers one channel per verb, validates payloads and rejects untrusted frames', async () => {
    const store = Store.open(':memory:');
    const handlers = createHandlers({ store, jobs: new JobRegistry(), runtime: 'electron', version: 't', demoPath: '/none' });
    registerIpc(handlers, (url) => url.startsWith('file:///app/'));
    expect(handle.mock.calls.map(([channel]) => channel)).toEqual(VERBS.map((verb) => `candor:${verb}`));

    const listener = handle.mock.calls.find(([channel]) => channel === 'candor:runs/get')![1];
    const trusted = { senderFrame: { url: 'file:///app/index.html' } };
    expect(await listener(trusted, { runId: 'x' })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await listener(trusted, { runId: 3 })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const untrusted = { senderFrame: { url: 'https://evil.example/' } };
    expect(await listener(untrusted, { runId: 3 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const list = handle.mock.calls.find(([channel]) => channel === 'candor:runs/list')![1];
    expect(await list(trusted, {})).toEqual({ ok: true, value: [] });
    store.close();
  });
});

describe('preload', () => {
  it('exposes exactly the contract verbs, each as its own function, and nothing generic', async () => {
    await import('../../../main/electron/preload.ts');
    expect(exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [name, bridge] = exposeInMainWorld.mock.calls[0]!;
    expect(name).toBe('candor');
    expect(Object.keys(bridge).sort()).toEqual(['api', 'onEvent', 'pathForFile']);
    expect(Object.keys(bridge.api).sort()).toEqual([...VERBS].sort());
    await bridge.api['runs/get']({ runId: 7 });
    expect(invoke).toHaveBeenCalledWith('candor:runs/get', { runId: 7 });
    expect(bridge.pathForFile({})).toBe('/dropped/file.csv');
  });
});
