// The Calibration tab's figure: reliability diagram (binned with per-bin
// interval whiskers, or the smooth curve with its bootstrap band) for one or
// more runs, over a shared-x confidence histogram. Pure data, like
// reliability.ts: every number comes from a CalibrationRunAnalysis.
import type { CalibrationBin, CalibrationRunAnalysis } from '../api/calibration.ts';
import { PLOT_PALETTES, type Figure, type PlotObject, type PlotTheme } from './reliability.ts';
import { plotText, templateText } from './text.ts';

export type DiagramMode = 'binned' | 'smooth';

/** Okabe-Ito colours for runs, skipping the three outcome colours where we can (blue, orange, purple first). */
export const SERIES_COLORS: Record<PlotTheme, string[]> = {
  light: ['#0072B2', '#E69F00', '#CC79A7', '#009E73', '#D55E00', '#56B4E9', '#000000'],
  dark: ['#56B4E9', '#E69F00', '#CC79A7', '#009E73', '#D55E00', '#F0E442', '#ffffff'],
};

export interface CalibrationSeries {
  label: string;
  analysis: CalibrationRunAnalysis;
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

function withAlpha(hex: string, alpha: number): string {
  const v = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(v >> 16) & 255}, ${(v >> 8) & 255}, ${v & 255}, ${alpha})`;
}

function plotted(bins: CalibrationBin[]): CalibrationBin[] {
  return bins.filter((b) => b.count > 0 && b.meanConfidence !== null && b.accuracy !== null);
}

function binnedTraces(series: CalibrationSeries, color: string, paper: string, intervalName: string): PlotObject[] {
  const bins = plotted(series.analysis.bins);
  return [
    {
      type: 'scatter',
      mode: 'lines+markers',
      name: plotText(series.label),
      legendgroup: series.label,
      x: bins.map((b) => b.meanConfidence),
      y: bins.map((b) => b.accuracy),
      xaxis: 'x',
      yaxis: 'y',
      error_y: {
        type: 'data',
        symmetric: false,
        array: bins.map((b) => (b.interval ? b.interval[1] - b.accuracy! : 0)),
        arrayminus: bins.map((b) => (b.interval ? b.accuracy! - b.interval[0] : 0)),
        color,
        thickness: 1.2,
        width: 3,
      },
      customdata: bins.map((b) => [b.count, b.lo, b.hi, b.interval?.[0] ?? null, b.interval?.[1] ?? null]),
      marker: { color, size: 7, line: { color: paper, width: 1 } },
      line: { color, width: 1.5 },
      cliponaxis: false,
      hovertemplate:
        `<b>${templateText(series.label)}</b><br>` +
        'bin [%{customdata[1]:.3f}, %{customdata[2]:.3f}]<br>' +
        'count %{customdata[0]:,}<br>' +
        'mean confidence %{x:.3f}<br>' +
        'accuracy %{y:.3f}<br>' +
        `${intervalName} [%{customdata[3]:.3f}, %{customdata[4]:.3f}]<extra></extra>`,
    },
  ];
}

function smoothTraces(series: CalibrationSeries, color: string): PlotObject[] {
  const curve = series.analysis.smooth?.curve;
  if (!curve) return [];
  const traces: PlotObject[] = [];
  if (curve.lo && curve.hi) {
    traces.push(
      { type: 'scatter', mode: 'lines', x: curve.mesh, y: curve.lo, xaxis: 'x', yaxis: 'y', line: { width: 0, color }, hoverinfo: 'skip', showlegend: false, legendgroup: series.label },
      {
        type: 'scatter',
        mode: 'lines',
        name: `${plotText(series.label)} band`,
        x: curve.mesh,
        y: curve.hi,
        xaxis: 'x',
        yaxis: 'y',
        fill: 'tonexty',
        fillcolor: withAlpha(color, 0.2),
        line: { width: 0, color },
        hoverinfo: 'skip',
        showlegend: false,
        legendgroup: series.label,
      },
    );
  }
  traces.push({
    type: 'scatter',
    mode: 'lines',
    name: plotText(series.label),
    legendgroup: series.label,
    x: curve.mesh,
    y: curve.mu,
    xaxis: 'x',
    yaxis: 'y',
    customdata: curve.mesh.map((_, i) => [curve.lo?.[i] ?? null, curve.hi?.[i] ?? null]),
    line: { color, width: 2 },
    hovertemplate:
      `<b>${templateText(series.label)}</b><br>confidence %{x:.3f}<br>smoothed accuracy %{y:.3f}<br>` +
      'band [%{customdata[0]:.3f}, %{customdata[1]:.3f}]<extra></extra>',
  });
  return traces;
}

export function calibrationFigure(series: CalibrationSeries[], mode: DiagramMode, theme: PlotTheme, intervalName = 'interval'): Figure {
  const c = PLOT_PALETTES[theme];
  const colors = SERIES_COLORS[theme];
  const data: PlotObject[] = [
    { type: 'scatter', mode: 'lines', name: 'perfect calibration', x: [0, 1], y: [0, 1], xaxis: 'x', yaxis: 'y', line: { color: c.diagonal, dash: 'dash', width: 1 }, hoverinfo: 'skip', showlegend: false },
  ];
  series.forEach((s, i) => {
    const color = colors[i % colors.length]!;
    data.push(...(mode === 'binned' ? binnedTraces(s, color, c.paper, intervalName) : smoothTraces(s, color)));
  });
  // Histograms after the curves; several runs stand side by side within each
  // bin (overlaid translucent bars mix their colours into one that is neither).
  const k = series.length;
  series.forEach((s, i) => {
    const color = colors[i % colors.length]!;
    const bins = s.analysis.bins;
    const span = (b: { lo: number; hi: number }) => Math.max(0.004, (b.hi - b.lo) * 0.92);
    data.push({
      type: 'bar',
      name: `${plotText(s.label)} histogram`,
      legendgroup: s.label,
      showlegend: false,
      x: bins.map((b) => (b.lo === b.hi ? b.hi : (b.lo + b.hi) / 2)),
      y: bins.map((b) => b.count),
      width: bins.map((b) => span(b) / k),
      ...(k > 1 ? { offset: bins.map((b) => -span(b) / 2 + (i * span(b)) / k) } : {}),
      xaxis: 'x',
      yaxis: 'y2',
      opacity: 0.9,
      customdata: bins.map((b) => [b.lo, b.hi]),
      marker: { color: series.length > 1 ? color : c.histogram },
      hovertemplate: `<b>${templateText(s.label)}</b><br>bin [%{customdata[0]:.3f}, %{customdata[1]:.3f}]<br>count %{y:,}<extra></extra>`,
    });
  });
  const axisBase = { gridcolor: c.grid, linecolor: c.axis, zerolinecolor: c.grid, tickcolor: c.axis, showline: true, ticks: 'outside', ticklen: 3 };
  const empty = series.every((s) => s.analysis.n === 0);
  return {
    data,
    layout: {
      paper_bgcolor: c.paper,
      plot_bgcolor: c.plot,
      font: { family: FONT, size: 12, color: c.text },
      margin: { l: 56, r: 16, t: series.length > 1 ? 28 : 12, b: 44 },
      showlegend: series.length > 1,
      legend: { orientation: 'h', x: 0, y: 1.02, yanchor: 'bottom', font: { size: 11 } },
      hovermode: 'closest',
      hoverlabel: { bgcolor: c.hoverBg, bordercolor: c.axis, font: { color: c.text, family: FONT } },
      barmode: 'overlay',
      bargap: 0,
      xaxis: { ...axisBase, anchor: 'y2', range: [0, 1.005], dtick: 0.1, constrain: 'domain', title: { text: 'confidence', standoff: 6 } },
      yaxis: { ...axisBase, domain: [0.3, 1], range: [0, 1.005], dtick: 0.1, scaleanchor: 'x', scaleratio: 1, constrain: 'domain', title: { text: 'accuracy', standoff: 6 } },
      yaxis2: { ...axisBase, domain: [0, 0.2], rangemode: 'tozero', nticks: 3, tickformat: ',d', title: { text: 'count', standoff: 6 } },
      annotations: empty
        ? [{ text: 'no attempted items with a confidence', xref: 'paper', yref: 'paper', x: 0.5, y: 0.65, showarrow: false, font: { color: c.muted, size: 13 } }]
        : [],
    },
  };
}
