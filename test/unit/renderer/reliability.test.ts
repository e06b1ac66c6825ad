import { describe, expect, it } from 'vitest';
import { PLOT_PALETTES, plottedBins, reliabilityConfig, reliabilityFigure } from '../../../shared/plots/reliability.ts';
import { sampleMetrics } from './fixtures.ts';

// Plotly objects are loose by design; tests read them through this deep-indexable view.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Trace = Record<string, any>;

function trace(fig: ReturnType<typeof reliabilityFigure>, name: string): Trace {
  const found = fig.data.find((t) => t.name === name);
  if (!found) throw new Error(`no trace ${name}`);
  return found as Trace;
}

describe('reliabilityFigure', () => {
  const metrics = sampleMetrics();

  it('draws the dashed diagonal from (0,0) to (1,1)', () => {
    const diag = trace(reliabilityFigure(metrics, 'light'), 'perfect calibration');
    expect(diag.x).toEqual([0, 1]);
    expect(diag.y).toEqual([0, 1]);
    expect(diag.line.dash).toBe('dash');
  });

  it('places one point per non-empty bin at its mean confidence and accuracy', () => {
    const points = trace(reliabilityFigure(metrics, 'light'), 'bins');
    const nonEmpty = metrics.calibration.bins.filter((b) => b.count > 0);
    expect(points.x).toHaveLength(nonEmpty.length);
    expect(points.x).toEqual(nonEmpty.map((b) => b.meanConfidence));
    expect(points.y).toEqual(nonEmpty.map((b) => b.accuracy));
    expect(points.x).not.toContain(null);
    expect(points.customdata[0]).toEqual([nonEmpty[0]!.count, nonEmpty[0]!.lo, nonEmpty[0]!.hi]);
    expect(points.hovertemplate).toContain('count');
    expect(points.hovertemplate).toContain('mean confidence');
    expect(points.hovertemplate).toContain('accuracy');
  });

  it('sizes markers by count, bigger bins bigger', () => {
    const points = trace(reliabilityFigure(metrics, 'light'), 'bins');
    const sizes = points.marker.size as number[];
    expect(sizes.at(-1)).toBeGreaterThan(sizes[0]!);
  });

  it('has a histogram over every bin whose counts equal the bin counts', () => {
    const hist = trace(reliabilityFigure(metrics, 'light'), 'confidence histogram');
    expect(hist.type).toBe('bar');
    expect(hist.y).toEqual(metrics.calibration.bins.map((b) => b.count));
    expect(hist.yaxis).toBe('y2');
    expect(hist.xaxis).toBe('x');
    expect((hist.y as number[]).reduce((a, b) => a + b, 0)).toBe(metrics.calibration.n);
  });

  it('fixes both axes to [0,1] with equal aspect and shares x with the histogram', () => {
    const { layout } = reliabilityFigure(metrics, 'light') as unknown as { layout: Trace };
    expect(layout.xaxis.range).toEqual([0, 1]);
    expect(layout.yaxis.range).toEqual([0, 1]);
    expect(layout.yaxis.scaleanchor).toBe('x');
    expect(layout.yaxis.scaleratio).toBe(1);
    expect(layout.yaxis2.domain[1]).toBeLessThan(layout.yaxis.domain[0]);
  });

  it('follows the theme', () => {
    const light = reliabilityFigure(metrics, 'light').layout as Trace;
    const dark = reliabilityFigure(metrics, 'dark').layout as Trace;
    expect(light.paper_bgcolor).toBe(PLOT_PALETTES.light.paper);
    expect(dark.paper_bgcolor).toBe(PLOT_PALETTES.dark.paper);
    expect(light.paper_bgcolor).not.toBe(dark.paper_bgcolor);
    expect(dark.font.color).toBe(PLOT_PALETTES.dark.text);
  });

  it('says so when no item can be plotted', () => {
    const empty = sampleMetrics();
    empty.calibration = {
      ...empty.calibration,
      n: 0,
      bins: empty.calibration.bins.map((b) => ({ ...b, count: 0, meanConfidence: null, accuracy: null })),
    };
    const fig = reliabilityFigure(empty, 'dark');
    expect(plottedBins(empty)).toHaveLength(0);
    expect(trace(fig, 'bins').x).toEqual([]);
    expect(JSON.stringify(fig.layout)).toContain('no attempted items with a confidence');
  });

  it('is plain JSON data', () => {
    const fig = reliabilityFigure(metrics, 'light');
    expect(JSON.parse(JSON.stringify(fig))).toEqual(fig);
  });

  it('offers PNG download', () => {
    const config = reliabilityConfig('run-1') as Trace;
    expect(config.toImageButtonOptions.format).toBe('png');
    expect(config.displaylogo).toBe(false);
  });
});
