// The Calibration figure as data: whiskers from the per-bin intervals, a band
// from the smooth bootstrap, one histogram per run on the shared x axis.
import { describe, expect, it } from 'vitest';
import { analyzeRun } from '../../../main/compute/analysis.ts';
import { resolveCalibrationSettings } from '../../../shared/api/calibration.ts';
import { calibrationFigure } from '../../../shared/plots/calibration.ts';
import { plotText } from '../../../shared/plots/text.ts';
import { loadDataset } from '../metrics/reference.ts';

const settings = resolveCalibrationSettings({ bootstrap: { resamples: 40, smoothResamples: 10 } });
const beta = analyzeRun(1, loadDataset('beta'), settings);
const verbalized = analyzeRun(2, loadDataset('verbalized'), settings);

describe('calibrationFigure', () => {
  it('binned: points at bin means with asymmetric whiskers to the interval ends, histogram on y2', () => {
    const { data, layout } = calibrationFigure([{ label: 'beta', analysis: beta }], 'binned', 'light', 'Wilson interval');
    const points = data.find((t) => t.name === 'beta')!;
    const bins = beta.bins.filter((b) => b.count > 0);
    expect(points.x).toEqual(bins.map((b) => b.meanConfidence));
    const err = points.error_y as { array: number[]; arrayminus: number[] };
    bins.forEach((b, i) => {
      expect(b.accuracy! + err.array[i]!).toBeCloseTo(b.interval![1], 12);
      expect(b.accuracy! - err.arrayminus[i]!).toBeCloseTo(b.interval![0], 12);
    });
    const hist = data.filter((t) => t.type === 'bar');
    expect(hist).toHaveLength(1);
    expect(hist[0]!.yaxis).toBe('y2');
    expect(hist[0]!.y).toEqual(beta.bins.map((b) => b.count));
    expect((layout.xaxis as { anchor: string }).anchor).toBe('y2');
    expect(layout.showlegend).toBe(false);
    expect(String(points.hovertemplate)).toContain('Wilson interval');
  });

  it('smooth with two runs: a filled band and a curve per run, a legend, two histograms', () => {
    const { data, layout } = calibrationFigure(
      [
        { label: 'beta', analysis: beta },
        { label: 'verbalized', analysis: verbalized },
      ],
      'smooth',
      'dark',
    );
    expect(data.filter((t) => t.fill === 'tonexty')).toHaveLength(2);
    const curves = data.filter((t) => t.type === 'scatter' && t.mode === 'lines' && t.name !== 'perfect calibration' && !t.fill && t.showlegend !== false);
    expect(curves.map((t) => t.name)).toEqual(['beta', 'verbalized']);
    expect(curves[0]!.y).toEqual(beta.smooth!.curve!.mu);
    expect(data.filter((t) => t.type === 'bar')).toHaveLength(2);
    expect(layout.showlegend).toBe(true);
    expect((curves[0]!.line as { color: string }).color).not.toBe((curves[1]!.line as { color: string }).color);
  });

  it('escapes run names, which are untrusted text, in hover templates', () => {
    expect(plotText('<b>x</b> & "y"')).toBe('&#60;b&#62;x&#60;/b&#62; &#38; &#34;y&#34;');
    const { data } = calibrationFigure([{ label: '<img src=x>', analysis: beta }], 'binned', 'light');
    expect(data.map((t) => String(t.hovertemplate ?? '')).join('')).not.toContain('<img');
  });
});
