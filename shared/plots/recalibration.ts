// Figures for the Recalibrate tab, as plain data (see reliability.ts): the
// reliability diagram before and after recalibration overlaid with the fitted
// map on the same axes, and the re-scoring sweep. Every number comes from the
// engine's report; nothing is computed here but positions.
import type { ReliabilityBin } from '../metrics/types.ts';
import { PLOT_PALETTES, type Figure, type PlotObject, type PlotTheme } from './reliability.ts';
import { plotText, templateText } from './text.ts';

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

// Okabe-Ito, away from the outcome colours (blue-green, vermilion, sky blue).
const SERIES: Record<PlotTheme, { before: string; after: string; map: string; actual: string }> = {
  light: { before: '#0072B2', after: '#CC79A7', map: '#E69F00', actual: '#59636e' },
  dark: { before: '#6cb6ec', after: '#e39cc6', map: '#f0b429', actual: '#9198a1' },
};

export interface RecalibrationDiagramInput {
  binsBefore: ReliabilityBin[];
  binsAfter: ReliabilityBin[];
  curve: { x: number[]; y: number[] };
  /** e.g. 'Isotonic regression' */
  mapLabel: string;
  /** e.g. 'after (cross-fitted)' */
  afterLabel: string;
}

function axisBase(theme: PlotTheme): PlotObject {
  const c = PLOT_PALETTES[theme];
  return { gridcolor: c.grid, linecolor: c.axis, zerolinecolor: c.grid, tickcolor: c.axis, showline: true, ticks: 'outside', ticklen: 3 };
}

function baseLayout(theme: PlotTheme): PlotObject {
  const c = PLOT_PALETTES[theme];
  return {
    paper_bgcolor: c.paper,
    plot_bgcolor: c.plot,
    font: { family: FONT, size: 12, color: c.text },
    hovermode: 'closest',
    hoverlabel: { bgcolor: c.hoverBg, bordercolor: c.axis, font: { color: c.text, family: FONT } },
    showlegend: true,
    legend: { orientation: 'h', x: 0, y: 1.02, yanchor: 'bottom', font: { size: 11 }, bgcolor: 'rgba(0,0,0,0)' },
  };
}

function binTrace(bins: ReliabilityBin[], name: string, color: string, symbol: string, paper: string): PlotObject {
  const points = bins.filter((b) => b.count > 0 && b.meanConfidence !== null && b.accuracy !== null);
  const max = Math.max(1, ...points.map((b) => b.count));
  return {
    type: 'scatter',
    mode: 'lines+markers',
    name: plotText(name),
    x: points.map((b) => b.meanConfidence),
    y: points.map((b) => b.accuracy),
    xaxis: 'x',
    yaxis: 'y',
    customdata: points.map((b) => [b.count, b.lo, b.hi]),
    marker: { color, symbol, size: points.map((b) => 6 + 12 * Math.sqrt(b.count / max)), line: { color: paper, width: 1 } },
    line: { color, width: 1.25 },
    cliponaxis: false,
    hovertemplate: `${templateText(name)}<br>bin [%{customdata[1]:.2f}, %{customdata[2]:.2f}]<br>count %{customdata[0]:,}<br>mean confidence %{x:.3f}<br>accuracy %{y:.3f}<extra></extra>`,
  };
}

/** Before/after reliability overlaid, the map as a curve, the stated-confidence histogram below. */
export function recalibrationDiagram(input: RecalibrationDiagramInput, theme: PlotTheme): Figure {
  const c = PLOT_PALETTES[theme];
  const s = SERIES[theme];
  const axis = axisBase(theme);
  const data: PlotObject[] = [
    { type: 'scatter', mode: 'lines', name: 'perfect calibration', x: [0, 1], y: [0, 1], xaxis: 'x', yaxis: 'y', line: { color: c.diagonal, dash: 'dash', width: 1 }, hoverinfo: 'skip' },
    {
      type: 'scatter',
      mode: 'lines',
      name: `map: ${plotText(input.mapLabel)}`,
      x: input.curve.x,
      y: input.curve.y,
      xaxis: 'x',
      yaxis: 'y',
      line: { color: s.map, width: 2.5 },
      hovertemplate: 'stated %{x:.3f} → recalibrated %{y:.3f}<extra>map</extra>',
    },
    binTrace(input.binsBefore, 'before (stated)', s.before, 'circle', c.paper),
    binTrace(input.binsAfter, input.afterLabel, s.after, 'diamond', c.paper),
    {
      type: 'bar',
      name: 'stated confidence histogram',
      showlegend: false,
      x: input.binsBefore.map((b) => (b.lo + b.hi) / 2),
      y: input.binsBefore.map((b) => b.count),
      width: input.binsBefore.map((b) => (b.hi - b.lo) * 0.92),
      xaxis: 'x',
      yaxis: 'y2',
      marker: { color: c.histogram },
      hovertemplate: 'stated confidence in [%{customdata[0]:.2f}, %{customdata[1]:.2f}]<br>count %{y:,}<extra></extra>',
      customdata: input.binsBefore.map((b) => [b.lo, b.hi]),
    },
  ];
  const maxCount = Math.max(0, ...input.binsBefore.map((b) => b.count));
  return {
    data,
    layout: {
      ...baseLayout(theme),
      margin: { l: 56, r: 16, t: 56, b: 44 },
      bargap: 0,
      xaxis: { ...axis, anchor: 'y2', range: [0, 1], dtick: 0.1, constrain: 'domain', title: { text: 'confidence (stated, or recalibrated for the after points)', standoff: 6 } },
      yaxis: { ...axis, domain: [0.28, 1], range: [0, 1], dtick: 0.1, scaleanchor: 'x', scaleratio: 1, constrain: 'domain', title: { text: 'accuracy / recalibrated confidence', standoff: 6 } },
      yaxis2: { ...axis, domain: [0, 0.18], rangemode: 'tozero', ...(maxCount <= 4 ? { dtick: 1 } : { nticks: 3 }), tickformat: ',d', title: { text: 'count', standoff: 6 } },
    },
  };
}

export interface SweepInput {
  grid: number[];
  actual: Array<number | null>;
  stated: Array<number | null>;
  recalibrated: Array<number | null>;
  recalibratedLabel: string;
}

/** Score against the confidence target t for the three behaviours. */
export function rescoreSweepFigure(input: SweepInput, theme: PlotTheme): Figure {
  const c = PLOT_PALETTES[theme];
  const s = SERIES[theme];
  const axis = axisBase(theme);
  const line = (name: string, y: Array<number | null>, color: string, dash: string): PlotObject => ({
    type: 'scatter',
    mode: 'lines',
    name: plotText(name),
    x: input.grid,
    y,
    line: { color, width: 2, dash },
    hovertemplate: `${templateText(name)}<br>t %{x:.2f}<br>score %{y:.3f}<extra></extra>`,
  });
  const finite = [...input.actual, ...input.stated, ...input.recalibrated].filter((v): v is number => v !== null && Number.isFinite(v));
  // Scores fall without bound as t -> 1; keep the interesting part in view.
  const lo = Math.max(-3, Math.min(0, ...finite));
  return {
    data: [
      { type: 'scatter', mode: 'lines', name: 'zero (abstain on everything)', x: [0, 1], y: [0, 0], line: { color: c.diagonal, dash: 'dot', width: 1 }, hoverinfo: 'skip', showlegend: false },
      line('actual behaviour', input.actual, s.actual, 'solid'),
      line('answer iff stated confidence > t', input.stated, s.before, 'dash'),
      line(input.recalibratedLabel, input.recalibrated, s.map, 'solid'),
    ],
    layout: {
      ...baseLayout(theme),
      margin: { l: 56, r: 16, t: 40, b: 44 },
      xaxis: { ...axis, range: [0, 1], dtick: 0.1, title: { text: 'confidence target t (penalty t/(1−t))', standoff: 6 } },
      yaxis: { ...axis, range: [lo - 0.05, 1.02], title: { text: 'mean score per graded item', standoff: 6 } },
    },
  };
}
