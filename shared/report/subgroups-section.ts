// The report's Subgroups section: per run broken down by an item field, a
// table of each group's numbers with bootstrap intervals and small multiples
// of its reliability diagrams. Strings from run files pass through
// escapeUntrusted; an undefined number is "—" with its reason.
import { FEW_ITEMS, whyUndefined, type SubgroupMetricKind } from '../metrics/subgroups.ts';
import type { Estimate } from '../api/calibration.ts';
import type { Figure, PlotTheme } from '../plots/reliability.ts';
import { subgroupsFigure } from '../plots/subgroups.ts';
import { escapeHtml as h, escapeUntrusted as u } from './escape.ts';
import { exact, EM_DASH, fmt3, fmtCount, fmtInterval } from './format.ts';
import type { ReportModel, ReportSubgroup, ReportSubgroups } from './model.ts';

export function hasSubgroups(model: ReportModel): boolean {
  return model.runs.some((run) => run.subgroups !== undefined);
}

export function subgroupsFigureOf(subgroups: ReportSubgroups, theme: PlotTheme): Figure & { height: number } {
  return subgroupsFigure(
    subgroups.groups.map((g) => ({ label: g.label, items: g.items, n: g.metrics.calibration.n, bins: g.bins })),
    theme,
  );
}

function cell(value: number | null, interval: [number, number] | null, kind: SubgroupMetricKind, group: ReportSubgroup, attrs: string): string {
  if (value === null) {
    const why = whyUndefined(kind, { graded: group.metrics.graded, calibrated: group.metrics.calibration.n });
    return `<td class="num undefined" ${attrs} data-value="" title="${h(why)}">${EM_DASH}</td>`;
  }
  return `<td class="num" ${attrs} data-value="${exact(value)}">${fmt3(value)} <span class="ci">${interval ? fmtInterval(interval[0], interval[1]) : ''}</span></td>`;
}

const est = (e: Estimate | null | undefined): [number | null, [number, number] | null] => [e?.value ?? null, e?.interval ?? null];

function runBlock(subgroups: ReportSubgroups, runName: string, i: number): string {
  const first = subgroups.groups[0];
  const rubricHeads = (first?.rubrics ?? []).map((r) => `<th title="${h(r.rubric)}">${h(r.label)}</th>`).join('');
  const rows = subgroups.groups
    .map((g, k) => {
      const at = `data-run="${i}" data-group="${k}"`;
      const e = g.estimates;
      const few = g.metrics.calibration.n > 0 && g.metrics.calibration.n < FEW_ITEMS ? ` <span class="muted" title="fewer than ${FEW_ITEMS} items with a confidence: wide intervals">(few)</span>` : '';
      const refused = g.refused ? `<br><span class="muted">${h(g.refused)}</span>` : '';
      return `<tr><th scope="row">${u(g.label)}${few}${refused}</th>
<td class="num" ${at} data-metric="items" data-value="${g.items}">${fmtCount(g.items)}</td>
${cell(g.metrics.accuracy, null, 'rate', g, `${at} data-metric="accuracy"`)}
<td class="num" ${at} data-metric="calibration_n" data-value="${g.metrics.calibration.n}">${fmtCount(g.metrics.calibration.n)}</td>
${cell(...est(e?.ece), 'calibration', g, `${at} data-metric="ece"`)}
${cell(...est(e?.brier), 'calibration', g, `${at} data-metric="brier"`)}
${cell(...est(e?.auroc), 'ranking', g, `${at} data-metric="auroc"`)}
${cell(...est(e?.smece), 'calibration', g, `${at} data-metric="smece"`)}
${g.rubrics.map((r) => cell(r.score, r.lo === null || r.hi === null ? null : [r.lo, r.hi], 'rate', g, `${at} data-metric="rubric" data-rubric="${h(r.rubric)}"`)).join('')}</tr>`;
    })
    .join('\n');
  const merged = subgroups.distinctValues > subgroups.maxGroups ? ` The ${subgroups.maxGroups} largest of ${fmtCount(subgroups.distinctValues)} values are shown apart; the rest are one “other” group.` : '';
  return `<div class="run-subgroups"><h3>${u(runName)}: by ${u(subgroups.field)}</h3>
<p class="note">${fmtCount(subgroups.distinctValues)} values.${merged} Each group is analysed as a run of its own: the same engine, settings and seed.</p>
<div class="scroll"><table class="numbers" data-testid="subgroups-table-${i}"><thead><tr><th>${u(subgroups.field)}</th><th>Items</th><th>Accuracy</th><th title="attempted items with a confidence">n (calibration)</th><th>ECE</th><th>Brier</th><th>AUROC</th><th>smECE</th>${rubricHeads}</tr></thead>
<tbody>${rows}</tbody></table></div>
<div class="figure" id="fig-subgroups-${i}" data-figure="subgroups" style="height:${subgroupsFigureOf(subgroups, 'light').height}px"></div></div>`;
}

export function subgroupsSection(model: ReportModel): string {
  if (!hasSubgroups(model)) return '';
  const field = model.manifest.settings.breakdownBy ?? '';
  const blocks = model.runs
    .map((run, i) => (run.subgroups ? runBlock(run.subgroups, run.name, i) : run.subgroups === null ? `<div class="run-subgroups"><h3>${u(run.name)}</h3><p class="empty-plot">No item of this run has a value for “${u(field)}”.</p></div>` : ''))
    .join('\n');
  return `<section id="subgroups"><h2>Subgroups</h2>
<p class="note">Every run broken down by the item field “${u(field)}”: counts, accuracy, calibration and rubric scores per group with ${Math.round(model.manifest.settings.level * 100)}% bootstrap intervals (${fmtCount(model.manifest.settings.resamples)} resamples, seed ${model.manifest.settings.seed}); “—” where a metric is undefined for a group (hover for the reason). Reliability diagrams share their axes.</p>
${blocks}</section>`;
}
