// The report as one self-contained HTML file: styles, plotly and the data
// inlined, no request to any network, no external font. A strict CSP allows
// exactly the two inline scripts by hash, so a payload that slipped past the
// escaping still could not run.
import type { Figure, PlotTheme } from '../plots/reliability.ts';
import { textOnlyFigure } from '../plots/text.ts';
import { escapeHtml as h, jsonForScript } from './escape.ts';
import { hasReliability, outcomeFigure, reportReliabilityFigure, sweepFigure } from './figures.ts';
import type { ReportModel } from './model.ts';
import { agreementSection, calibrationSection, errorsSection, leaderboardSection, manifestSection, outcomesSection, singletonSection, sweepSection } from './sections.ts';
import { REPORT_CSS } from './styles.ts';
import { hasSubgroups, subgroupsFigureOf, subgroupsSection } from './subgroups-section.ts';

export const REPORT_DATA_ID = 'candor-report-data';
const FIGURES_ID = 'candor-figures';

export interface HtmlOptions {
  /** plotly.js (the basic bundle), inlined as is */
  plotlyJs: string;
  /** base64 SHA-256 of a script's text, for the CSP (injected: shared/ has no crypto) */
  sha256Base64: (text: string) => string;
}

type FigureSet = Record<PlotTheme, Array<Figure & { id: string; name: string }>>;

export function reportFigures(model: ReportModel): FigureSet {
  // Every label as text, whatever a figure builder let through (plots/text.ts).
  const build = (theme: PlotTheme) => [
    { id: 'fig-outcomes', name: 'outcomes', ...textOnlyFigure(outcomeFigure(model.runs, theme)) },
    { id: 'fig-sweep', name: 'threshold-sweep', ...textOnlyFigure(sweepFigure(model.sweep, theme)) },
    ...model.runs.flatMap((run, i) =>
      hasReliability(run) ? [{ id: `fig-reliability-${i}`, name: `reliability-${i + 1}`, ...textOnlyFigure(reportReliabilityFigure(run, theme)) }] : [],
    ),
    ...model.runs.flatMap((run, i) => {
      if (!run.subgroups) return [];
      const { data, layout } = subgroupsFigureOf(run.subgroups, theme);
      return [{ id: `fig-subgroups-${i}`, name: `subgroups-${i + 1}`, ...textOnlyFigure({ data, layout }) }];
    }),
  ];
  return { light: build('light'), dark: build('dark') };
}

// Runs after plotly: draws every figure in the current theme, redraws on a
// theme change and in the light theme for printing, and marks the body once
// every plot is drawn (the PDF printers wait for it).
const BOOT_SCRIPT = `(function () {
  'use strict';
  var figures = JSON.parse(document.getElementById('${FIGURES_ID}').textContent);
  var root = document.documentElement;
  var dark = window.matchMedia('(prefers-color-scheme: dark)');
  function theme() {
    var chosen = root.getAttribute('data-theme');
    return chosen === 'dark' || chosen === 'light' ? chosen : dark.matches ? 'dark' : 'light';
  }
  function config(name) {
    return {
      displaylogo: false,
      displayModeBar: 'hover',
      responsive: false,
      modeBarButtonsToRemove: ['select2d', 'lasso2d', 'autoScale2d', 'toggleSpikelines'],
      toImageButtonOptions: { format: 'png', filename: name, scale: 2 },
      modeBarButtonsToAdd: [{
        name: 'Download plot as SVG',
        icon: Plotly.Icons.disk,
        click: function (gd) { Plotly.downloadImage(gd, { format: 'svg', filename: name }); }
      }]
    };
  }
  function draw(which) {
    var set = figures[which];
    return Promise.all(set.map(function (f) {
      return Plotly.react(document.getElementById(f.id), f.data, f.layout, config(f.name));
    }));
  }
  function redraw() { return draw(theme()); }
  var button = document.getElementById('theme-toggle');
  button.addEventListener('click', function () {
    root.setAttribute('data-theme', theme() === 'dark' ? 'light' : 'dark');
    button.setAttribute('aria-pressed', String(theme() === 'dark'));
    redraw();
  });
  dark.addEventListener('change', redraw);
  window.addEventListener('beforeprint', function () { draw('light'); });
  window.addEventListener('afterprint', redraw);
  var printing = window.matchMedia('print');
  redraw().then(function () {
    if (printing.matches) return draw('light');
  }).then(function () {
    document.body.setAttribute('data-rendered', 'true');
  }, function (error) {
    document.body.setAttribute('data-rendered', 'error');
    console.error('Candor report: a plot failed to draw: ' + error);
  });
})();`;

/** For the PDF printers: the light figures, drawn before printing starts. */
export const PRINT_THEME: PlotTheme = 'light';

export function buildReportHtml(model: ReportModel, options: HtmlOptions): string {
  const csp = [
    "default-src 'none'",
    `script-src '${'sha256-' + options.sha256Base64(options.plotlyJs)}' '${'sha256-' + options.sha256Base64(BOOT_SCRIPT)}'`,
    // plotly sets style attributes and injects its own rules; scripts stay locked down.
    "style-src 'unsafe-inline'",
    'img-src data: blob:',
    "font-src 'none'",
    "connect-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
  ].join('; ');
  const names = model.runs.map((run) => run.name);
  const title = names.length === 1 ? `Calibration report: ${names[0]}` : `Calibration report: ${names.length} runs`;
  const m = model.manifest;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${h(csp)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Candor ${h(m.candorVersion)}">
<title>${h(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header class="top">
<div><h1>${h(title)}</h1>
<p class="muted">${model.runs.length} run${model.runs.length === 1 ? '' : 's'} · made ${h(m.createdAt)} · Candor ${h(m.candorVersion)} · ${h(m.settings.nBins.toString())} bins, seed ${m.settings.seed}</p></div>
<button type="button" id="theme-toggle" class="no-print" aria-pressed="false" title="Switch between light and dark">Light / dark</button>
</header>
<nav class="toc no-print"><a href="#outcomes">Outcomes</a><a href="#leaderboard">Leaderboard</a><a href="#sweep">Sweep</a><a href="#calibration">Reliability</a>${hasSubgroups(model) ? '<a href="#subgroups">Subgroups</a>' : ''}${model.agreement.length ? '<a href="#agreement">Agreement</a>' : ''}${model.runs.some((r) => r.singleton) ? '<a href="#singleton">Singletons</a>' : ''}<a href="#errors">Expensive errors</a><a href="#manifest">Manifest</a></nav>
<main>
${outcomesSection(model)}
${leaderboardSection(model)}
${sweepSection(model)}
${calibrationSection(model)}
${subgroupsSection(model)}
${agreementSection(model)}
${singletonSection(model)}
${errorsSection(model)}
${manifestSection(model)}
</main>
<script type="application/json" id="${REPORT_DATA_ID}">${jsonForScript(model)}</script>
<script type="application/json" id="${FIGURES_ID}">${jsonForScript(reportFigures(model))}</script>
<script>${options.plotlyJs}</script>
<script>${BOOT_SCRIPT}</script>
</body>
</html>
`;
}

/** The model embedded in a report file; null when the file carries none. */
export function extractReportModel(html: string): unknown {
  const open = `<script type="application/json" id="${REPORT_DATA_ID}">`;
  const start = html.indexOf(open);
  if (start < 0) return null;
  const end = html.indexOf('</script>', start + open.length);
  if (end < 0) return null;
  return JSON.parse(html.slice(start + open.length, end));
}
