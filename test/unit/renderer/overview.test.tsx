// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunSummary } from '../../../shared/domain.ts';
import { Overview } from '../../../renderer/src/views/Overview.tsx';
import { sampleMetrics } from './fixtures.ts';

const plotly = vi.hoisted(() => ({ react: vi.fn(async () => undefined), purge: vi.fn() }));
vi.mock('plotly.js-basic-dist-min', () => ({ default: plotly }));

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const run: RunSummary = {
  id: 5,
  name: 'six.csv',
  model: 'm',
  task: 't',
  format: 'csv',
  sourcePath: '/x/six.csv',
  sourceSha256: 'abc',
  sourceSize: 10,
  importedAt: '2026-01-01T00:00:00Z',
  metadata: {},
  tags: [],
  itemCount: 1545,
  labeledCount: 0,
  confidenceCount: 1545,
  counts: { correct: 1200, incorrect: 300, abstained: 40, unlabeled: 5 }, abstentionKinds: { 'dont-know': 0, refusal: 0, hedge: 0, clarification: 0, other: 0, unspecified: 40 }, partialCount: 0,
};

let host: HTMLDivElement;
let root: Root;
beforeEach(() => {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

const byId = (id: string) => host.querySelector(`[data-testid="${id}"]`);

describe('Overview', () => {
  it('shows each count and rate as just the formatted number', async () => {
    await act(async () => root.render(<Overview run={run} metrics={sampleMetrics()} error={null} theme="light" />));
    expect(byId('count-correct')?.textContent).toBe('1,200');
    expect(byId('count-unlabeled')?.textContent).toBe('5');
    expect(byId('metric-accuracy')?.textContent).toBe('0.779');
    expect(byId('metric-error-rate')?.textContent).toBe('0.195');
    expect(byId('metric-abstention-rate')?.textContent).toBe('0.026');
    expect(byId('metric-ece')?.textContent).toBe('0.051');
    expect(byId('metric-mce')?.textContent).toBe('0.123');
    expect(byId('metric-brier')?.textContent).toBe('0.188');
    expect(byId('rubric-table')?.querySelectorAll('tbody tr')).toHaveLength(4);
    expect(host.textContent).toContain('10 equal-width bins, scikit-learn edges (right-closed)');
  });

  it('renders null as an em dash that explains itself', async () => {
    const metrics = sampleMetrics();
    metrics.calibration = { ...metrics.calibration, ece: null, mce: null, brier: null };
    await act(async () => root.render(<Overview run={run} metrics={metrics} error={null} theme="dark" />));
    const ece = byId('metric-ece')!;
    expect(ece.textContent).toBe('\u2014');
    expect(ece.getAttribute('title')).toBe('no attempted items with a confidence');
  });

  it('hands the figure to Plotly.react and purges it on unmount', async () => {
    await act(async () => root.render(<Overview run={run} metrics={sampleMetrics()} error={null} theme="light" />));
    await vi.waitFor(() => expect(plotly.react).toHaveBeenCalled());
    const [div, data, layout, config] = plotly.react.mock.calls.at(-1) as unknown as [HTMLElement, unknown[], { paper_bgcolor: string }, { toImageButtonOptions: { format: string } }];
    expect(div.dataset.testid).toBe('reliability-diagram');
    expect(data).toHaveLength(3);
    expect(layout.paper_bgcolor).toBe('#ffffff');
    expect(config.toImageButtonOptions.format).toBe('png');
    act(() => root.render(<div />));
    await vi.waitFor(() => expect(plotly.purge).toHaveBeenCalledWith(div));
  });
});
