// @vitest-environment jsdom
// The Calibration tab's metric table: order-free values are the ones shown in
// the main rows (issue 13, item 4), the libraries' tie orders sit in their own
// labelled group, and an undefined HELM Platt fit says so (item 3); while the
// sorted metrics are still coming, their cells say so (issue 14).
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { analyzeRun, quickPoints } from '../../../main/compute/analysis.ts';
import { resolveCalibrationSettings } from '../../../shared/api/calibration.ts';
import { PLATT_SEPARABLE } from '../../../shared/metrics/helm.ts';
import { OUTCOME_CODE } from '../../../shared/metrics/types.ts';
import { MetricsPanel } from '../../../renderer/src/views/calibration/MetricsPanel.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

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

const settings = resolveCalibrationSettings({ bootstrap: { resamples: 0 } });
const cell = (key: string) => host.querySelector(`[data-testid="metric-${key}"] td`)!;
const convention = (key: string) => host.querySelector(`[data-testid="metric-${key}"] .metric-convention`)!.textContent;

describe('MetricsPanel', () => {
  it('shows the order-free ranking metrics, and the reference tie orders apart and labelled', async () => {
    // Tied confidences listed with the right answers first: item order flatters the stable sort.
    const confidence = Float64Array.from([0.8, 0.8, 0.8, 0.8, 0.4, 0.4, 0.4, 0.4]);
    const outcome = Uint8Array.from([1, 1, 1, 2, 1, 2, 2, 2].map((c) => (c === 1 ? OUTCOME_CODE.correct : OUTCOME_CODE.incorrect)));
    const run = analyzeRun(1, { outcome, confidence }, settings);
    await act(async () => root.render(<MetricsPanel analysis={{ settings, runs: [run] }} labels={new Map([[1, 'tied.csv']])} />));
    expect(cell('aurc').textContent).toBe(run.orderFree.aurc.value!.toFixed(3));
    expect(cell('aurc-stable').textContent).toBe(run.aurc.value!.toFixed(3));
    expect(cell('aurc').textContent).not.toBe(cell('aurc-stable').textContent);
    expect(cell('eaurc').textContent).toBe(run.orderFree.eAurc.value!.toFixed(3));
    expect(cell('sel50').textContent).toBe('0.750');
    expect(cell('sel50-stable').textContent).toBe('0.750');
    expect(cell('helm-area').textContent).toBe(run.orderFree.helmSelectiveCovAccArea!.toFixed(3));
    expect(cell('helm-area-numpy').textContent).toBe(run.helm.selectiveCovAccArea!.toFixed(3));
    expect(convention('aurc')).toMatch(/order-free/);
    expect(convention('aurc-stable')).toMatch(/item order/);
    expect(convention('helm-sel-numpy')).toMatch(/numpy/);
    expect(host.querySelector('[data-testid="metrics-reference-order"]')!.textContent).toMatch(/Tie order of the reference libraries/);
  });

  it('marks every row still waiting on the sort as coming, and shows the rest as they will stay', async () => {
    let state = 7;
    const random = () => (state = (state * 48271) % 2147483647) / 2147483647;
    const confidence = Float64Array.from({ length: 400 }, () => Math.round(random() * 20) / 20);
    const outcome = Uint8Array.from(confidence, (p) => (random() < p ? OUTCOME_CODE.correct : OUTCOME_CODE.incorrect));
    const full = analyzeRun(1, { outcome, confidence }, settings);
    const quick = quickPoints(1, { outcome, confidence }, settings).points;
    const texts = () => new Map([...host.querySelectorAll('tr[data-testid^="metric-"]')].map((row) => [row.getAttribute('data-testid')!, row.querySelector('td')!.textContent]));
    await act(async () => root.render(<MetricsPanel analysis={{ settings, runs: [full] }} labels={new Map()} />));
    const done = texts();
    await act(async () => root.render(<MetricsPanel analysis={{ settings, runs: [quick], pointsPending: true }} labels={new Map()} />));
    const coming = texts();
    expect([...coming.keys()]).toEqual([...done.keys()]);
    for (const [key, text] of coming) {
      // A cell is either marked as coming or already shows its final value; no number is shown that will change.
      if (text === '…') expect(done.get(key), key).not.toBe('…');
      else expect(text, key).toBe(done.get(key));
    }
    for (const key of ['aurc', 'eaurc', 'sel10', 'helm-area', 'prr', 'helm-platt-coef', 'aurc-stable', 'helm-sel-numpy', 'prr-numpy']) expect(coming.get(`metric-${key}`), key).toBe('…');
    for (const key of ['ece', 'brier', 'logloss']) expect(coming.get(`metric-${key}`), key).toBe(done.get(`metric-${key}`));
  });

  it('shows an undefined HELM Platt fit as undefined, with the reason', async () => {
    const confidence = Float64Array.from([0.1, 0.2, 0.8, 0.9]);
    const outcome = Uint8Array.from([OUTCOME_CODE.incorrect, OUTCOME_CODE.incorrect, OUTCOME_CODE.correct, OUTCOME_CODE.correct]);
    const run = analyzeRun(1, { outcome, confidence }, settings);
    await act(async () => root.render(<MetricsPanel analysis={{ settings, runs: [run] }} labels={new Map()} />));
    for (const key of ['helm-platt', 'helm-platt-coef']) {
      expect(cell(key).querySelector('.num')!.textContent).toBe('undefined');
      expect(cell(key).getAttribute('title')).toBe(PLATT_SEPARABLE);
    }
  });
});
