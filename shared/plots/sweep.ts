// The threshold sweep as plain plotly data: expected score against the
// confidence target t for every run, with its bootstrap band, where runs
// overtake each other, and each run's best-response policy curve. Every
// number comes from the engine's ThresholdSweep; nothing is recomputed here.
import type { Crossover, ThresholdSweep } from '../rubrics/sweep.ts';
import { PLOT_PALETTES, type Figure, type PlotObject, type PlotTheme } from './reliability.ts';
import { plotText, templateText } from './text.ts';

/** Okabe-Ito, run order; outcome colours (blue-green, vermilion, sky blue) come last to avoid confusion. */
export const RUN_COLOURS = ['#0072B2', '#E69F00', '#CC79A7', '#000000', '#009E73', '#D55E00', '#56B4E9', '#F0E442'] as const;

export function runColour(index: number, theme: PlotTheme): string {
  const colour = RUN_COLOURS[index % RUN_COLOURS.length]!;
  // Black vanishes on the dark panel.
  return colour === '#000000' && theme === 'dark' ? '#e6e6e6' : colour;
}

export function withAlpha(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

export interface SweepFigureOptions {
  /** draw each run's "answer iff confidence > t" curve where it has confidences; default true */
  showPolicy?: boolean;
  /** the y range covers every curve up to this t, so penalties near t = 1 do not flatten the rest; default 0.8 */
  fitUpTo?: number;
}

function yRange(sweep: ThresholdSweep, fitUpTo: number, showPolicy: boolean): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  const take = (v: number | null | undefined) => {
    if (v === null || v === undefined || !Number.isFinite(v)) return;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  };
  sweep.grid.forEach((t, g) => {
    if (t > fitUpTo + 1e-12) return;
    for (const run of sweep.runs) {
      take(run.score[g]);
      take(run.lo[g]);
      take(run.hi[g]);
      if (showPolicy && run.policy.decided > 0) take(run.policy.score[g]);
    }
  });
  if (!Number.isFinite(lo)) return [-1, 1];
  hi = Math.max(hi, 0);
  const pad = Math.max(0.05, (hi - lo) * 0.06);
  return [lo - pad, hi + pad];
}

function nameOf(sweep: ThresholdSweep, runId: string | number | null): string {
  return sweep.runs.find((run) => run.runId === runId)?.name ?? String(runId);
}

/** "o4-mini leads below, gpt-5-thinking-mini above": the sentence the page and the hover share. */
export function describeCrossover(sweep: ThresholdSweep, x: Crossover): string {
  const a = nameOf(sweep, x.runA);
  const b = nameOf(sweep, x.runB);
  const lead = x.leaderBelow === null ? `${nameOf(sweep, x.leaderAbove)} leads above` : `${nameOf(sweep, x.leaderBelow)} leads below, ${nameOf(sweep, x.leaderAbove)} above`;
  return `${a} and ${b} cross at t = ${x.t.toFixed(3)}: ${lead}`;
}

export function sweepFigure(sweep: ThresholdSweep, theme: PlotTheme, options: SweepFigureOptions = {}): Figure {
  const c = PLOT_PALETTES[theme];
  const showPolicy = options.showPolicy ?? true;
  const data: PlotObject[] = [];
  const penalty = sweep.grid.map((t) => t / (1 - t));

  sweep.runs.forEach((run, i) => {
    const colour = runColour(i, theme);
    const group = `run-${i}`;
    // Band: the upper edge first (invisible), then the lower edge filled up to it.
    data.push({
      type: 'scatter',
      mode: 'lines',
      x: sweep.grid,
      y: run.hi,
      line: { width: 0, color: colour },
      legendgroup: group,
      showlegend: false,
      hoverinfo: 'skip',
    });
    data.push({
      type: 'scatter',
      mode: 'lines',
      x: sweep.grid,
      y: run.lo,
      fill: 'tonexty',
      fillcolor: withAlpha(colour.startsWith('#') ? colour : '#888888', 0.16),
      line: { width: 0, color: colour },
      legendgroup: group,
      showlegend: false,
      hoverinfo: 'skip',
    });
    data.push({
      type: 'scatter',
      mode: 'lines',
      name: plotText(run.name),
      x: sweep.grid,
      y: run.score,
      customdata: sweep.grid.map((_, g) => [run.lo[g], run.hi[g], penalty[g]]),
      line: { color: colour, width: 2 },
      legendgroup: group,
      hovertemplate: `${templateText(run.name)}<br>score %{y:.3f} [%{customdata[0]:.3f}, %{customdata[1]:.3f}]<extra>t = %{x:.2f}, penalty %{customdata[2]:.3f}</extra>`,
    });
    if (showPolicy && run.policy.decided > 0) {
      data.push({
        type: 'scatter',
        mode: 'lines',
        name: `${plotText(run.name)}: answer iff confidence > t`,
        x: sweep.grid,
        y: run.policy.score,
        customdata: run.policy.answerRate,
        line: { color: colour, width: 1.5, dash: 'dot' },
        legendgroup: group,
        hovertemplate: `${templateText(run.name)} policy<br>score %{y:.3f}, answers %{customdata:.3f} of graded<extra>t = %{x:.2f}</extra>`,
      });
    }
  });

  const shapes: PlotObject[] = [];
  const annotations: PlotObject[] = [];
  sweep.crossovers.forEach((x, k) => {
    shapes.push({ type: 'line', xref: 'x', yref: 'paper', x0: x.t, x1: x.t, y0: 0, y1: 1, line: { color: c.muted, width: 1, dash: 'dash' } });
    annotations.push({
      x: x.t,
      xref: 'x',
      yref: 'paper',
      y: 1 - 0.07 * (k % 4),
      text: `× t = ${x.t.toFixed(3)}`,
      hovertext: plotText(describeCrossover(sweep, x)),
      showarrow: false,
      xanchor: 'left',
      yanchor: 'top',
      font: { size: 11, color: c.text },
      bgcolor: c.paper,
    });
  });
  shapes.push({ type: 'line', xref: 'paper', yref: 'y', x0: 0, x1: 1, y0: 0, y1: 0, line: { color: c.axis, width: 1 } });

  const axisBase = { gridcolor: c.grid, linecolor: c.axis, zerolinecolor: c.grid, tickcolor: c.axis, showline: true, ticks: 'outside', ticklen: 3 };
  const layout: PlotObject = {
    paper_bgcolor: c.paper,
    plot_bgcolor: c.plot,
    font: { family: FONT, size: 12, color: c.text },
    margin: { l: 60, r: 16, t: 12, b: 44 },
    hovermode: 'closest',
    hoverlabel: { bgcolor: c.hoverBg, bordercolor: c.axis, font: { color: c.text, family: FONT } },
    showlegend: true,
    legend: { orientation: 'h', x: 0, y: -0.16, xanchor: 'left', yanchor: 'top', font: { size: 11 } },
    xaxis: { ...axisBase, range: [0, 0.99], dtick: 0.1, title: { text: 'confidence target t (wrong answer costs t / (1 − t))', standoff: 6 } },
    yaxis: { ...axisBase, range: yRange(sweep, options.fitUpTo ?? 0.8, showPolicy), title: { text: 'expected score per item', standoff: 6 } },
    shapes,
    annotations,
  };
  return { data, layout };
}

/** Run names are untrusted text: see text.ts. */
export const escapeHover = plotText;
