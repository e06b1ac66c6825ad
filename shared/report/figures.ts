// Plotly figures of the report, as data. The reliability diagram is the app's
// own (shared/plots/reliability.ts) with the report's additions: per-bin
// interval whiskers and the smooth curve with its bootstrap band.
import { PLOT_PALETTES, plottedBins, reliabilityFigure, type Figure, type PlotObject, type PlotTheme } from '../plots/reliability.ts';
import type { ThresholdSweep } from '../rubrics/index.ts';
import { plotText as asPlotText, templateText } from '../plots/text.ts';
import { visibleControls } from './escape.ts';
import type { ReportRun } from './model.ts';

export const OUTCOME_COLORS = { correct: '#009E73', incorrect: '#D55E00', abstained: '#56B4E9', unlabeled: '#bbbbbb' } as const;
/** Okabe-Ito, for one line per run. */
const RUN_COLORS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', '#F0E442', '#000000'];
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

export interface NamedFigure extends Figure {
  id: string;
}

function runColor(i: number, theme: PlotTheme): string {
  const color = RUN_COLORS[i % RUN_COLORS.length]!;
  return theme === 'dark' && color === '#000000' ? '#e0e0e0' : color;
}

function rgba(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** Plotly treats some characters in trace names as markup (<br>, <b>): keep names as text, invisible controls shown. */
export function plotText(text: string): string {
  return asPlotText(visibleControls(text));
}

function baseLayout(theme: PlotTheme): PlotObject {
  const c = PLOT_PALETTES[theme];
  return {
    paper_bgcolor: c.paper,
    plot_bgcolor: c.plot,
    font: { family: FONT, size: 12, color: c.text },
    hoverlabel: { bgcolor: c.hoverBg, bordercolor: c.axis, font: { color: c.text, family: FONT } },
  };
}

function axis(theme: PlotTheme, extra: PlotObject): PlotObject {
  const c = PLOT_PALETTES[theme];
  return { gridcolor: c.grid, linecolor: c.axis, zerolinecolor: c.axis, tickcolor: c.axis, showline: true, ticks: 'outside', ticklen: 3, ...extra };
}

/** A run without attempted items that state a confidence has no diagram to draw. */
export function hasReliability(run: ReportRun): boolean {
  return run.metrics.calibration.n > 0;
}

export function reportReliabilityFigure(run: ReportRun, theme: PlotTheme): Figure {
  const base = reliabilityFigure(run.metrics, theme);
  const c = PLOT_PALETTES[theme];
  const shown = plottedBins(run.metrics);
  const intervalOf = new Map(run.metrics.calibration.bins.map((bin, i) => [bin, run.binIntervals[i] ?? null]));
  const [diagonal, points, histogram] = base.data as [PlotObject, PlotObject, PlotObject];
  const whiskers = shown.map((bin) => intervalOf.get(bin) ?? null);
  const withIntervals: PlotObject = {
    ...points,
    error_y: {
      type: 'data',
      symmetric: false,
      array: shown.map((bin, i) => (whiskers[i]?.hi ?? bin.accuracy!) - bin.accuracy!),
      arrayminus: shown.map((bin, i) => bin.accuracy! - (whiskers[i]?.lo ?? bin.accuracy!)),
      color: c.point,
      thickness: 1.2,
      width: 3,
    },
  };
  const traces: PlotObject[] = [diagonal];
  const smooth = run.smooth;
  if (smooth) {
    const upper: number[] = [];
    const lower: number[] = [];
    const xs: number[] = [];
    smooth.mesh.forEach((x, i) => {
      if (smooth.lo[i] === null || smooth.hi[i] === null) return;
      xs.push(x);
      upper.push(smooth.hi[i]!);
      lower.push(smooth.lo[i]!);
    });
    traces.push({
      type: 'scatter',
      mode: 'lines',
      name: `smooth band (${smooth.resamples} resamples)`,
      x: [...xs, ...xs.slice().reverse()],
      y: [...upper, ...lower.slice().reverse()],
      fill: 'toself',
      fillcolor: rgba('#CC79A7', theme === 'dark' ? 0.25 : 0.18),
      line: { width: 0 },
      hoverinfo: 'skip',
      xaxis: 'x',
      yaxis: 'y',
    });
    traces.push({
      type: 'scatter',
      mode: 'lines',
      name: `smooth (smECE ${smooth.smece.toFixed(3)})`,
      x: smooth.mesh,
      y: smooth.mu,
      line: { color: '#CC79A7', width: 2 },
      xaxis: 'x',
      yaxis: 'y',
      hovertemplate: 'confidence %{x:.3f}<br>smoothed accuracy %{y:.3f}<extra>smooth</extra>',
    });
  }
  traces.push(withIntervals, histogram);
  const layout: PlotObject = {
    ...base.layout,
    width: 460,
    height: 600,
    showlegend: true,
    // Below the histogram: above the plot it would cover the top bins.
    legend: { orientation: 'h', x: 0, y: -0.1, yanchor: 'top', font: { size: 11 } },
    margin: { l: 56, r: 16, t: 12, b: 40 },
  };
  return { data: traces, layout };
}

export function outcomeFigure(runs: ReportRun[], theme: PlotTheme): Figure {
  const names = runs.map((run) => plotText(run.name));
  const kinds = ['correct', 'incorrect', 'abstained', 'unlabeled'] as const;
  const letters = { correct: 'C', incorrect: 'I', abstained: 'A', unlabeled: 'U' };
  const data = kinds.map((kind): PlotObject => ({
    type: 'bar',
    orientation: 'h',
    name: `${letters[kind]} ${kind}`,
    y: names,
    x: runs.map((run) => {
      const total = run.itemCount || 1;
      return run.metrics.counts[kind] / total;
    }),
    customdata: runs.map((run) => run.metrics.counts[kind]),
    text: runs.map((run) => (run.metrics.counts[kind] / (run.itemCount || 1) >= 0.06 ? letters[kind] : '')),
    textposition: 'inside',
    insidetextanchor: 'middle',
    marker: {
      color: kind === 'unlabeled' ? 'rgba(0,0,0,0)' : OUTCOME_COLORS[kind],
      line: { color: kind === 'unlabeled' ? PLOT_PALETTES[theme].axis : 'rgba(0,0,0,0)', width: 1 },
    },
    hovertemplate: `%{y}<br>${kind} %{customdata:,} (%{x:.1%})<extra></extra>`,
  }));
  return {
    data,
    layout: {
      ...baseLayout(theme),
      barmode: 'stack',
      width: 700,
      height: 90 + 34 * runs.length,
      margin: { l: 200, r: 16, t: 40, b: 36 },
      legend: { orientation: 'h', x: 0, y: 1.02, yanchor: 'bottom', traceorder: 'normal' },
      xaxis: axis(theme, { range: [0, 1], tickformat: '.0%', title: { text: 'share of items' } }),
      yaxis: axis(theme, { autorange: 'reversed', automargin: true }),
    },
  };
}

export function sweepFigure(sweep: ThresholdSweep, theme: PlotTheme): Figure {
  const data: PlotObject[] = [];
  sweep.runs.forEach((curve, i) => {
    const color = runColor(i, theme);
    const name = plotText(curve.name);
    const inTemplate = templateText(visibleControls(curve.name));
    const xs: number[] = [];
    const hi: number[] = [];
    const lo: number[] = [];
    sweep.grid.forEach((t, k) => {
      if (curve.lo[k] === null || curve.hi[k] === null) return;
      xs.push(t);
      hi.push(curve.hi[k]!);
      lo.push(curve.lo[k]!);
    });
    data.push({
      type: 'scatter',
      mode: 'lines',
      x: [...xs, ...xs.slice().reverse()],
      y: [...hi, ...lo.slice().reverse()],
      fill: 'toself',
      fillcolor: rgba(color.length === 7 ? color : '#888888', 0.15),
      line: { width: 0 },
      hoverinfo: 'skip',
      showlegend: false,
    });
    data.push({
      type: 'scatter',
      mode: 'lines',
      name,
      x: sweep.grid,
      y: curve.score,
      line: { color, width: 2 },
      hovertemplate: `${inTemplate}<br>t %{x:.2f}<br>expected score %{y:.3f}<extra></extra>`,
    });
  });
  const names = new Map(sweep.runs.map((curve) => [curve.runId, curve.name]));
  if (sweep.crossovers.length > 0) {
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: 'crossover',
      x: sweep.crossovers.map((x) => x.t),
      y: sweep.crossovers.map((x) => crossoverScore(sweep, x.runA, x.t)),
      text: sweep.crossovers.map((x) => plotText(`${names.get(x.leaderAbove ?? '') ?? ''} leads above t = ${x.t.toFixed(3)}`)),
      marker: { symbol: 'x', size: 10, color: PLOT_PALETTES[theme].text },
      hovertemplate: '%{text}<extra></extra>',
    });
  }
  return {
    data,
    layout: {
      ...baseLayout(theme),
      width: 700,
      height: 420,
      margin: { l: 60, r: 16, t: 30, b: 48 },
      legend: { orientation: 'h', x: 0, y: 1.12 },
      hovermode: 'closest',
      xaxis: axis(theme, { range: [0, 1], dtick: 0.1, title: { text: 'confidence target t (penalty t/(1−t))' } }),
      // Scores fall without bound as t nears 1; open on the range up to t = 0.9, zoom shows the rest.
      yaxis: axis(theme, { title: { text: 'expected score' }, range: sweepRange(sweep) }),
    },
  };
}

function sweepRange(sweep: ThresholdSweep): [number, number] | undefined {
  const values: number[] = [];
  sweep.grid.forEach((t, k) => {
    if (t > 0.9 + 1e-9) return;
    for (const curve of sweep.runs) for (const v of [curve.score[k], curve.lo[k], curve.hi[k]]) if (typeof v === 'number') values.push(v);
  });
  if (values.length === 0) return undefined;
  const lo = Math.min(...values);
  const hi = Math.max(...values, 0);
  const pad = 0.05 * (hi - lo || 1);
  return [lo - pad, hi + pad];
}

function t2k(t: number): number {
  return t / (1 - t);
}

/** The score of a run at an exact target, from its graded counts (leaderboard estimate). */
function crossoverScore(sweep: ThresholdSweep, runId: string | number, t: number): number | null {
  const curve = sweep.runs.find((r) => r.runId === runId);
  if (!curve) return null;
  // score(t) is linear in k: interpolate through two grid points in k.
  const i0 = sweep.grid.indexOf(0);
  const i1 = sweep.grid.findIndex((g) => g > 0);
  if (i0 < 0 || i1 < 0) return null;
  const s0 = curve.score[i0];
  const s1 = curve.score[i1];
  if (s0 === null || s0 === undefined || s1 === null || s1 === undefined) return null;
  return s0 + ((s1 - s0) / t2k(sweep.grid[i1]!)) * t2k(t);
}
