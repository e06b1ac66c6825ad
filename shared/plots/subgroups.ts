// Small multiples of reliability diagrams, one panel per subgroup, on shared
// axes (confidence and accuracy both 0..1): the Subgroups tab and the report
// draw the same figure. Pure data; every number comes from the engine's bins.
import type { CalibrationBin } from '../api/calibration.ts';
import { PLOT_PALETTES, type Figure, type PlotObject, type PlotTheme } from './reliability.ts';
import { plotText, templateText } from './text.ts';

export interface SubgroupPanel {
  label: string;
  /** items in the group, and how many carry a confidence the diagram uses */
  items: number;
  n: number;
  bins: CalibrationBin[];
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** Columns of the grid: as square as the panels allow, at most `maxColumns`. */
export function gridColumns(panels: number, maxColumns = 5): number {
  return Math.max(1, Math.min(maxColumns, Math.ceil(Math.sqrt(panels))));
}

/** Panel height in pixels the figure is laid out for (the caller sets the figure's height from it). */
export const PANEL_PX = 170;

export function subgroupsFigure(panels: SubgroupPanel[], theme: PlotTheme, options: { maxColumns?: number; intervalName?: string } = {}): Figure & { height: number } {
  const c = PLOT_PALETTES[theme];
  const cols = gridColumns(panels.length, options.maxColumns);
  const rows = Math.max(1, Math.ceil(panels.length / cols));
  const gapX = 0.04;
  const gapY = Math.min(0.12, 0.4 / rows);
  const w = (1 - gapX * (cols - 1)) / cols;
  const h = (1 - gapY * (rows - 1)) / rows;
  const data: PlotObject[] = [];
  const layout: PlotObject = {
    paper_bgcolor: c.paper,
    plot_bgcolor: c.plot,
    font: { family: FONT, color: c.text, size: 11 },
    margin: { l: 44, r: 12, t: 26, b: 40 },
    showlegend: false,
    hoverlabel: { bgcolor: c.hoverBg, font: { color: c.text } },
    annotations: [] as PlotObject[],
  };
  const annotations = layout.annotations as PlotObject[];
  panels.forEach((panel, i) => {
    const row = Math.floor(i / cols);
    const col = i % cols;
    const suffix = i === 0 ? '' : String(i + 1);
    const x0 = col * (w + gapX);
    const y1 = 1 - row * (h + gapY);
    const axis = { range: [0, 1], gridcolor: c.grid, linecolor: c.axis, zeroline: false, tickvals: [0, 0.5, 1], tickfont: { size: 9, color: c.muted }, fixedrange: true };
    layout[`xaxis${suffix}`] = { ...axis, domain: [x0, x0 + w], anchor: `y${suffix}`, showticklabels: row === rows - 1 || i + cols >= panels.length };
    layout[`yaxis${suffix}`] = { ...axis, domain: [y1 - h, y1], anchor: `x${suffix}`, showticklabels: col === 0 };
    const xref = `x${suffix}`;
    const yref = `y${suffix}`;
    annotations.push({
      text: `${plotText(panel.label.length > 28 ? `${panel.label.slice(0, 27)}…` : panel.label)} · n = ${panel.n}`,
      xref: `${xref} domain`,
      yref: `${yref} domain`,
      x: 0,
      y: 1,
      xanchor: 'left',
      yanchor: 'bottom',
      showarrow: false,
      font: { size: 10, color: c.text },
    });
    data.push({ type: 'scatter', mode: 'lines', x: [0, 1], y: [0, 1], xaxis: xref, yaxis: yref, line: { color: c.diagonal, dash: 'dash', width: 1 }, hoverinfo: 'skip' });
    const bins = panel.bins.filter((b) => b.count > 0 && b.meanConfidence !== null && b.accuracy !== null);
    const max = Math.max(1, ...bins.map((b) => b.count));
    data.push({
      type: 'scatter',
      mode: 'markers',
      x: bins.map((b) => b.meanConfidence),
      y: bins.map((b) => b.accuracy),
      xaxis: xref,
      yaxis: yref,
      error_y: {
        type: 'data',
        symmetric: false,
        array: bins.map((b) => (b.interval ? b.interval[1] - b.accuracy! : 0)),
        arrayminus: bins.map((b) => (b.interval ? b.accuracy! - b.interval[0] : 0)),
        color: c.point,
        thickness: 1,
        width: 2,
      },
      // Area tracks the bin's count, relative to the panel's largest bin.
      marker: { color: c.point, size: bins.map((b) => 4 + 8 * Math.sqrt(b.count / max)), line: { color: c.paper, width: 0.5 } },
      customdata: bins.map((b) => [b.count, b.interval?.[0] ?? null, b.interval?.[1] ?? null]),
      hovertemplate: `<b>${templateText(panel.label)}</b><br>count %{customdata[0]:,}<br>mean confidence %{x:.3f}<br>accuracy %{y:.3f}<br>${options.intervalName ?? 'interval'} [%{customdata[1]:.3f}, %{customdata[2]:.3f}]<extra></extra>`,
    });
  });
  annotations.push(
    { text: 'confidence', xref: 'paper', yref: 'paper', x: 0.5, y: 0, yshift: -34, showarrow: false, font: { size: 11, color: c.muted } },
    { text: 'accuracy', xref: 'paper', yref: 'paper', x: 0, xshift: -38, y: 0.5, textangle: -90, showarrow: false, font: { size: 11, color: c.muted } },
  );
  const height = rows * PANEL_PX + 70;
  layout.height = height;
  return { data, layout, height };
}
