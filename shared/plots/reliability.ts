// Plotly figures for the reliability diagram, built as plain data so they can be
// tested without a DOM and reused by a report exporter. Nothing here computes a
// metric: every number comes from RunMetrics as the engine produced it.
import type { ReliabilityBin, RunMetrics } from '../metrics/types.ts';

export type PlotTheme = 'light' | 'dark';

/** Plotly's trace and layout objects, kept loose on purpose: shared/ has no plotly types. */
export type PlotObject = Record<string, unknown>;

export interface Figure {
  data: PlotObject[];
  layout: PlotObject;
}

export interface PlotPalette {
  paper: string;
  plot: string;
  text: string;
  muted: string;
  grid: string;
  axis: string;
  diagonal: string;
  point: string;
  histogram: string;
  hoverBg: string;
}

// Kept in step with the CSS variables of the renderer so the plot sits on its panel
// without a seam, and so a PNG saved in dark mode is still legible.
export const PLOT_PALETTES: Record<PlotTheme, PlotPalette> = {
  light: {
    paper: '#ffffff',
    plot: '#ffffff',
    text: '#1f2328',
    muted: '#59636e',
    grid: '#e6e8eb',
    axis: '#8c959f',
    diagonal: '#8c959f',
    point: '#0072B2',
    histogram: '#a8b1bb',
    hoverBg: '#ffffff',
  },
  dark: {
    paper: '#1f2126',
    plot: '#1f2126',
    text: '#d5d9de',
    muted: '#9198a1',
    grid: '#33373e',
    axis: '#6e7681',
    diagonal: '#7d8590',
    point: '#6cb6ec',
    histogram: '#555c66',
    hoverBg: '#2a2d33',
  },
};

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const MAIN_DOMAIN: [number, number] = [0.3, 1];
const HIST_DOMAIN: [number, number] = [0, 0.2];

function markerSizes(bins: ReliabilityBin[]): number[] {
  const max = Math.max(1, ...bins.map((bin) => bin.count));
  // Area, not radius, tracks the count; the floor keeps tiny bins visible.
  return bins.map((bin) => 6 + 16 * Math.sqrt(bin.count / max));
}

/** Bins that carry a point: non-empty, with a mean confidence and an accuracy. */
export function plottedBins(metrics: RunMetrics): ReliabilityBin[] {
  return metrics.calibration.bins.filter(
    (bin) => bin.count > 0 && bin.meanConfidence !== null && bin.accuracy !== null,
  );
}

export function reliabilityFigure(metrics: RunMetrics, theme: PlotTheme): Figure {
  const c = PLOT_PALETTES[theme];
  const bins = metrics.calibration.bins;
  const points = plottedBins(metrics);

  const diagonal: PlotObject = {
    type: 'scatter',
    mode: 'lines',
    name: 'perfect calibration',
    x: [0, 1],
    y: [0, 1],
    xaxis: 'x',
    yaxis: 'y',
    line: { color: c.diagonal, dash: 'dash', width: 1 },
    hoverinfo: 'skip',
  };

  const binPoints: PlotObject = {
    type: 'scatter',
    mode: 'lines+markers',
    name: 'bins',
    x: points.map((bin) => bin.meanConfidence),
    y: points.map((bin) => bin.accuracy),
    xaxis: 'x',
    yaxis: 'y',
    customdata: points.map((bin) => [bin.count, bin.lo, bin.hi]),
    marker: {
      color: c.point,
      size: markerSizes(points),
      line: { color: c.paper, width: 1 },
    },
    line: { color: c.point, width: 1.5 },
    cliponaxis: false,
    hovertemplate:
      'bin [%{customdata[1]:.2f}, %{customdata[2]:.2f}]<br>' +
      'count %{customdata[0]:,}<br>' +
      'mean confidence %{x:.3f}<br>' +
      'accuracy %{y:.3f}<extra></extra>',
  };

  // Every bin, empty ones included, so the histogram accounts for all n items.
  const histogram: PlotObject = {
    type: 'bar',
    name: 'confidence histogram',
    x: bins.map((bin) => (bin.lo + bin.hi) / 2),
    y: bins.map((bin) => bin.count),
    width: bins.map((bin) => (bin.hi - bin.lo) * 0.92),
    xaxis: 'x',
    yaxis: 'y2',
    customdata: bins.map((bin) => [bin.lo, bin.hi]),
    marker: { color: c.histogram },
    hovertemplate: 'bin [%{customdata[0]:.2f}, %{customdata[1]:.2f}]<br>count %{y:,}<extra></extra>',
  };

  const axisBase = {
    gridcolor: c.grid,
    linecolor: c.axis,
    zerolinecolor: c.grid,
    tickcolor: c.axis,
    showline: true,
    mirror: false,
    ticks: 'outside',
    ticklen: 3,
  };

  const maxCount = Math.max(0, ...bins.map((bin) => bin.count));
  const annotations: PlotObject[] = [];
  if (metrics.calibration.n === 0) {
    annotations.push({
      text: 'no attempted items with a confidence',
      xref: 'paper',
      yref: 'paper',
      x: 0.5,
      y: 0.65,
      showarrow: false,
      font: { color: c.muted, size: 13 },
    });
  }

  const layout: PlotObject = {
    paper_bgcolor: c.paper,
    plot_bgcolor: c.plot,
    font: { family: FONT, size: 12, color: c.text },
    margin: { l: 56, r: 16, t: 12, b: 44 },
    showlegend: false,
    hovermode: 'closest',
    hoverlabel: { bgcolor: c.hoverBg, bordercolor: c.axis, font: { color: c.text, family: FONT } },
    bargap: 0,
    xaxis: {
      ...axisBase,
      anchor: 'y2',
      range: [0, 1],
      dtick: 0.1,
      constrain: 'domain',
      title: { text: 'confidence', standoff: 6 },
    },
    yaxis: {
      ...axisBase,
      domain: MAIN_DOMAIN,
      range: [0, 1],
      dtick: 0.1,
      scaleanchor: 'x',
      scaleratio: 1,
      constrain: 'domain',
      title: { text: 'accuracy', standoff: 6 },
    },
    yaxis2: {
      ...axisBase,
      domain: HIST_DOMAIN,
      rangemode: 'tozero',
      // Counts are whole: with tiny runs plotly would otherwise tick at 0.5.
      ...(maxCount <= 4 ? { dtick: 1 } : { nticks: 3 }),
      tickformat: ',d',
      title: { text: 'count', standoff: 6 },
    },
    annotations,
  };

  return { data: [diagonal, binPoints, histogram], layout };
}

/** Plotly config: a calm modebar whose camera button saves a PNG. */
export function reliabilityConfig(filename: string): PlotObject {
  return {
    displaylogo: false,
    responsive: true,
    displayModeBar: 'hover',
    modeBarButtonsToRemove: ['select2d', 'lasso2d', 'autoScale2d', 'toggleSpikelines'],
    toImageButtonOptions: { format: 'png', filename, scale: 2 },
  };
}
