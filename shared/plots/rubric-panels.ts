// Small figures of the Rubrics tab as plain plotly data: the behavioral
// calibration audit (rates against stated target) and the ROC of stated
// confidence as an is-it-valid classifier. Numbers come from the engine.
import type { WireIiv } from '../api/rubrics.ts';
import type { ModelAudit } from '../rubrics/audit.ts';
import { PLOT_PALETTES, type Figure, type PlotObject, type PlotTheme } from './reliability.ts';
import { plotText } from './text.ts';

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
// The outcome colours of ui.md, with a marker shape each so colour is never alone.
const CORRECT = '#009E73';
const INCORRECT = '#D55E00';
const ABSTAINED = '#56B4E9';

function baseLayout(theme: PlotTheme): { layout: PlotObject; axis: PlotObject } {
  const c = PLOT_PALETTES[theme];
  return {
    axis: { gridcolor: c.grid, linecolor: c.axis, zerolinecolor: c.grid, tickcolor: c.axis, showline: true, ticks: 'outside', ticklen: 3 },
    layout: {
      paper_bgcolor: c.paper,
      plot_bgcolor: c.plot,
      font: { family: FONT, size: 12, color: c.text },
      margin: { l: 52, r: 12, t: 10, b: 44 },
      hovermode: 'closest',
      hoverlabel: { bgcolor: c.hoverBg, bordercolor: c.axis, font: { color: c.text, family: FONT } },
    },
  };
}

/**
 * One model's audit: abstention, accuracy on attempted (with its interval) and
 * error rate at each stated target, beside the line accuracy = t that a
 * behaviorally calibrated model stays on or above.
 */
export function auditFigure(audit: ModelAudit, theme: PlotTheme): Figure {
  const c = PLOT_PALETTES[theme];
  const { layout, axis } = baseLayout(theme);
  const rows = audit.rows;
  const t = rows.map((r) => r.target);
  const acc = rows.map((r) => r.accuracyOnAttempted);
  const data: PlotObject[] = [
    {
      type: 'scatter',
      mode: 'lines',
      name: 'accuracy = t',
      x: [0, 1],
      y: [0, 1],
      line: { color: c.diagonal, dash: 'dash', width: 1 },
      hoverinfo: 'skip',
    },
    {
      type: 'scatter',
      mode: 'lines+markers',
      name: 'accuracy on attempted',
      x: t,
      y: acc,
      error_y: {
        type: 'data',
        symmetric: false,
        array: rows.map((r, i) => (r.interval && acc[i] !== null ? r.interval.hi - acc[i]! : 0)),
        arrayminus: rows.map((r, i) => (r.interval && acc[i] !== null ? acc[i]! - r.interval.lo : 0)),
        color: CORRECT,
        thickness: 1,
        width: 3,
      },
      customdata: rows.map((r) => [r.interval?.lo ?? null, r.interval?.hi ?? null, r.counts.correct + r.counts.incorrect]),
      marker: { color: CORRECT, symbol: 'circle', size: 8 },
      line: { color: CORRECT, width: 1.5 },
      hovertemplate: 't = %{x}<br>accuracy on attempted %{y:.3f} [%{customdata[0]:.3f}, %{customdata[1]:.3f}]<br>%{customdata[2]:,} attempted<extra></extra>',
    },
    {
      type: 'scatter',
      mode: 'lines+markers',
      name: 'error rate',
      x: t,
      y: rows.map((r) => r.errorRate),
      customdata: rows.map((r) => [r.counts.incorrect, r.graded]),
      marker: { color: INCORRECT, symbol: 'x', size: 8 },
      line: { color: INCORRECT, width: 1.5 },
      hovertemplate: 't = %{x}<br>error rate %{y:.3f} (%{customdata[0]:,} of %{customdata[1]:,})<extra></extra>',
    },
    {
      type: 'scatter',
      mode: 'lines+markers',
      name: 'abstention rate',
      x: t,
      y: rows.map((r) => r.abstentionRate),
      customdata: rows.map((r) => [r.counts.abstained, r.graded]),
      marker: { color: ABSTAINED, symbol: 'square', size: 7 },
      line: { color: ABSTAINED, width: 1.5, dash: 'dot' },
      hovertemplate: 't = %{x}<br>abstention rate %{y:.3f} (%{customdata[0]:,} of %{customdata[1]:,})<extra></extra>',
    },
  ];
  return {
    data,
    layout: {
      ...layout,
      showlegend: true,
      legend: { orientation: 'h', x: 0, y: -0.22, yanchor: 'top', font: { size: 11 } },
      xaxis: { ...axis, range: [-0.02, 1], dtick: 0.1, title: { text: `stated target t (${plotText(audit.model)})`, standoff: 4 } },
      yaxis: { ...axis, range: [0, 1.02], dtick: 0.2, title: { text: 'rate', standoff: 4 } },
    },
  };
}

/** ROC of stated confidence against correctness, the best threshold marked. */
export function rocFigure(iiv: WireIiv, theme: PlotTheme): Figure {
  const c = PLOT_PALETTES[theme];
  const { layout, axis } = baseLayout(theme);
  const best = iiv.roc.find((p) => p.threshold === iiv.bestThreshold && p.error === iiv.errIiv) ?? null;
  const data: PlotObject[] = [
    { type: 'scatter', mode: 'lines', name: 'chance', x: [0, 1], y: [0, 1], line: { color: c.diagonal, dash: 'dash', width: 1 }, hoverinfo: 'skip' },
    {
      type: 'scatter',
      mode: 'lines',
      name: 'ROC',
      x: iiv.roc.map((p) => p.fpr),
      y: iiv.roc.map((p) => p.tpr),
      customdata: iiv.roc.map((p) => [p.threshold, p.error]),
      line: { color: c.point, width: 2, shape: 'linear' },
      hovertemplate: 'confidence ≥ %{customdata[0]:.3f}<br>FPR %{x:.3f}, TPR %{y:.3f}<br>misclassified %{customdata[1]:.3f}<extra></extra>',
    },
  ];
  if (best) {
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: 'best threshold',
      x: [best.fpr],
      y: [best.tpr],
      marker: { color: INCORRECT, symbol: 'diamond', size: 10, line: { color: c.paper, width: 1 } },
      hovertemplate: `best threshold ${best.threshold === null ? 'none (call nothing valid)' : best.threshold.toFixed(3)}<br>err_iiv %{customdata:.3f}<extra></extra>`,
      customdata: [best.error],
    });
  }
  return {
    data,
    layout: {
      ...layout,
      showlegend: false,
      xaxis: { ...axis, range: [0, 1], dtick: 0.2, constrain: 'domain', title: { text: 'false positive rate', standoff: 4 } },
      yaxis: { ...axis, range: [0, 1], dtick: 0.2, scaleanchor: 'x', scaleratio: 1, constrain: 'domain', title: { text: 'true positive rate', standoff: 4 } },
    },
  };
}
