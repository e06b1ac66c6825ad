// @vitest-environment jsdom
// The shell in Electron mode: readiness flag, empty state, demo, imports by path
// from the bridge, job polling, errors and menu events. The API is a fake.
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppEvent, Job } from '../../../shared/api/contract.ts';
import type { RunSummary } from '../../../shared/domain.ts';
import { sampleMetrics } from './fixtures.ts';

const fake = vi.hoisted(() => ({
  calls: [] as Array<[string, Record<string, unknown>]>,
  runs: [] as unknown[],
  jobs: [] as unknown[],
  listeners: [] as Array<(event: unknown) => void>,
}));

vi.mock('plotly.js-basic-dist-min', () => ({ default: { react: async () => undefined, purge: () => undefined } }));
vi.mock('../../../renderer/src/api/client.ts', () => {
  class ApiCallError extends Error {
    detail: { code: string; message: string };
    constructor(message: string, detail: { code: string; message: string }) {
      super(message);
      this.detail = detail;
    }
  }
  return {
    ApiCallError,
    runtime: 'electron',
    bridge: {
      api: {},
      onEvent: (listener: (event: unknown) => void) => {
        fake.listeners.push(listener);
        return () => fake.listeners.splice(fake.listeners.indexOf(listener), 1);
      },
      pathForFile: (file: { name: string }) => `/data/${file.name}`,
    },
    call: async (verb: string, request: Record<string, unknown>) => {
      fake.calls.push([verb, request]);
      switch (verb) {
        case 'app/info':
          return { version: '0.1.0', dbPath: '/home/u/candor.db', runtime: 'electron', runCount: fake.runs.length };
        case 'runs/list':
          return fake.runs;
        case 'runs/metrics':
          return sampleMetrics();
        case 'demo/load':
          fake.runs = [run(1, 'demo.csv')];
          return { runIds: [1] };
        case 'import/start':
          return { jobId: 'j1' };
        case 'import/preview': {
          const [source] = request.sources as Array<{ path: string }>;
          return {
            files: [
              {
                ok: true,
                preview: {
                  file: source!.path, format: 'csv', tabular: true, columns: ['id', 'answer'], mapping: { key: 'id', answer: 'answer' },
                  guessedMapping: { key: 'id', answer: 'answer' }, layoutKey: 'k', rememberedMapping: false,
                  items: [{ line: 2, key: '1', prompt: '', answer: 'x', gold: null, grade: null, confidence: null, model: null, task: null }],
                  confidenceLooksPercent: false, confidenceScale: null, runs: [{ model: null, task: null, items: 1 }], duplicateOf: null, notes: [],
                },
              },
            ],
          };
        }
        case 'jobs/get':
          return fake.jobs.shift() ?? { ...job('done'), id: request.jobId };
        default:
          throw new Error(`unexpected ${verb}`);
      }
    },
  };
});

function run(id: number, name: string): RunSummary {
  return {
    id, name, model: 'm', task: 't', format: 'csv', sourcePath: `/data/${name}`, sourceSha256: 'x', sourceSize: 1,
    importedAt: '2026-01-01T00:00:00Z', metadata: {}, tags: [], itemCount: 6, labeledCount: 0, confidenceCount: 6,
    counts: { correct: 2, incorrect: 2, abstained: 1, unlabeled: 1 }, abstentionKinds: { 'dont-know': 0, refusal: 0, hedge: 0, clarification: 0, other: 0, unspecified: 1 }, partialCount: 0,
  };
}
function job(state: Job['state'], extra: Partial<Job> = {}): Job {
  return { id: 'j1', kind: 'import', state, done: 3, total: 6, message: 'reading', result: null, error: null, ...extra };
}

const { App } = await import('../../../renderer/src/App.tsx');
// Polling settles outside act() by design; waitFor observes the result instead.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;

let host: HTMLDivElement;
let root: Root;
const byId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);

beforeEach(async () => {
  fake.calls.length = 0;
  fake.runs = [];
  fake.jobs = [];
  window.matchMedia ??= (() => ({ matches: false, addEventListener() {}, removeEventListener() {} })) as never;
  history.replaceState(null, '', '#/');
  delete document.body.dataset.ready;
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  await act(async () => root.render(<App />));
  await vi.waitFor(() => expect(document.body.dataset.ready).toBe('true'));
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

describe('App', () => {
  it('marks readiness, shows the database, and offers the demo on an empty store without loading it', () => {
    expect(byId('demo-button')).not.toBeNull();
    expect(byId('status-bar')?.textContent).toContain('/home/u/candor.db');
    expect(fake.calls.map(([verb]) => verb)).not.toContain('demo/load');
  });

  it('loads the demo and opens its overview', async () => {
    await act(async () => byId('demo-button')!.click());
    await vi.waitFor(() => expect(location.hash).toBe('#/run/1/overview'));
    await vi.waitFor(() => expect(byId('metric-accuracy')?.textContent).toBe('0.779'));
    expect(byId('run-item-1')?.getAttribute('aria-current')).toBe('true');
  });

  it('imports a dropped file by its path, shows progress, and reports file:line:field on failure', async () => {
    fake.jobs = [job('running'), job('failed', { error: { code: 'parse', message: 'not a number', file: 'bad.csv', line: 8, field: 'confidence' } })];
    const drop = Object.assign(new Event('drop', { bubbles: true, cancelable: true }), {
      dataTransfer: { types: ['Files'], files: [new File(['x'], 'bad.csv')] },
    });
    await act(async () => window.dispatchEvent(drop));
    // A drop shows the preview first; nothing is imported until it is confirmed.
    expect(fake.calls.map(([verb]) => verb)).not.toContain('import/start');
    await vi.waitFor(() => expect(byId('import-confirm')?.hasAttribute('disabled')).toBe(false));
    await act(async () => byId('import-confirm')!.click());
    expect(fake.calls).toContainEqual(['import/start', { sources: [{ kind: 'path', path: '/data/bad.csv' }] }]);
    await vi.waitFor(() => expect(byId('error-banner')?.textContent).toContain('bad.csv:8'));
    expect(byId('error-banner')?.textContent).toContain('confidence');
    expect(byId('status-bar')?.textContent).toContain('bad.csv:8');
    await act(async () => byId('error-banner')!.querySelector('button')!.click());
    expect(byId('error-banner')).toBeNull();
  });

  it('previews files chosen in the native File menu, imports them by path once confirmed, and selects the first new run', async () => {
    fake.jobs = [job('running'), job('done', { result: [{ file: 'six.csv', runIds: [7], duplicateOf: null, items: 6 }] })];
    fake.runs = [run(7, 'six.csv')];
    await act(async () => fake.listeners.forEach((l) => l({ type: 'import-paths', paths: ['/data/runs/six.csv'] } satisfies AppEvent)));
    await vi.waitFor(() => expect(byId('import-confirm')?.hasAttribute('disabled')).toBe(false));
    expect(fake.calls.map(([verb]) => verb)).not.toContain('import/start');
    await act(async () => byId('import-confirm')!.click());
    expect(fake.calls).toContainEqual(['import/start', { sources: [{ kind: 'path', path: '/data/runs/six.csv' }] }]);
    await vi.waitFor(() => expect(byId('import-progress')).not.toBeNull());
    await vi.waitFor(() => expect(location.hash).toBe('#/run/7/overview'));
    expect(byId('import-progress')).toBeNull();
  });

  it('opens help from the menu and closes it with Escape', async () => {
    await act(async () => fake.listeners.forEach((l) => l({ type: 'menu', action: 'help' } satisfies AppEvent)));
    expect(byId('help-overlay')).not.toBeNull();
    await act(async () => window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
    expect(byId('help-overlay')).toBeNull();
  });

  it('opens the command palette with Ctrl+K, loads the demo from it, then jumps to a view of the run', async () => {
    const ctrlK = () => window.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', ctrlKey: true, bubbles: true, cancelable: true }));
    const opener = byId('import-button')!;
    opener.focus();
    await act(async () => ctrlK());
    const input = () => byId('command-palette-input') as HTMLInputElement;
    expect(document.activeElement).toBe(input());
    // No run yet: no views, but the actions are there.
    expect(byId('command-palette')?.textContent).not.toContain('Calibration');
    const typeInto = async (value: string) => {
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      await act(async () => {
        setter.call(input(), value);
        input().dispatchEvent(new Event('input', { bubbles: true }));
      });
    };
    const press = (key: string) => act(async () => {
      document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    });
    await typeInto('demo');
    expect(byId('command-item-0')?.textContent).toContain('Load demo run');
    await press('Enter');
    expect(byId('command-palette')).toBeNull();
    await vi.waitFor(() => expect(location.hash).toBe('#/run/1/overview'));

    await act(async () => ctrlK());
    await typeInto('agree');
    expect(byId('command-item-0')?.textContent).toContain('Agreement');
    expect(byId('command-item-0')?.textContent).toContain('demo.csv');
    await press('Enter');
    await vi.waitFor(() => expect(location.hash).toBe('#/run/1/agreement'));

    // Escape closes it, and Ctrl+K toggles it; focus goes back where it was.
    byId('theme-toggle')!.focus();
    await act(async () => ctrlK());
    expect(byId('command-palette')).not.toBeNull();
    await act(async () => window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
    expect(byId('command-palette')).toBeNull();
    expect(document.activeElement).toBe(byId('theme-toggle'));
    await act(async () => ctrlK());
    await act(async () => ctrlK());
    expect(byId('command-palette')).toBeNull();
  });

  it('toggles and remembers the theme', async () => {
    const before = document.documentElement.dataset.theme;
    await act(async () => byId('theme-toggle')!.click());
    expect(document.documentElement.dataset.theme).not.toBe(before);
    expect(localStorage.getItem('candor-theme')).toBe(document.documentElement.dataset.theme);
  });
});
