// Issue 13, item 13: a model or run name with markup (<a href=...>, <b>)
// rendered as markup in plot legends (an SVG link in the Calibration overlay
// legend). Every figure builder is fed hostile names; every label of its
// output, and of the textOnlyFigure net drawn on top, must be plain text.
import { describe, expect, it } from 'vitest';
import { analyzeRun } from '../../../main/compute/analysis.ts';
import { resolveCalibrationSettings } from '../../../shared/api/calibration.ts';
import { calibrationFigure } from '../../../shared/plots/calibration.ts';
import { recalibrationDiagram, rescoreSweepFigure } from '../../../shared/plots/recalibration.ts';
import { auditFigure } from '../../../shared/plots/rubric-panels.ts';
import { sweepFigure } from '../../../shared/plots/sweep.ts';
import { plotText, templateText, textOnlyFigure } from '../../../shared/plots/text.ts';
import { outcomeFigure, sweepFigure as reportSweepFigure } from '../../../shared/report/figures.ts';
import type { ReportRun } from '../../../shared/report/model.ts';
import { behavioralAudit, thresholdSweep, type RunInput } from '../../../shared/rubrics/index.ts';
import { HOSTILE_LABELS, hostileLabel, rng } from '../../support/fuzz.ts';
import { sampleMetrics } from '../renderer/fixtures.ts';
import type { Figure } from '../../../shared/plots/reliability.ts';

const LABEL_KEYS = new Set(['name', 'text', 'hovertext', 'ticktext', 'title', 'x', 'y', 'customdata', 'labels']);
const OUR_TAG = /^<\/?(br|b|i|extra)>$/i;

/** Every string plotly would draw as (pseudo-)HTML, with the key it sits under. */
function labels(value: unknown, key: string | null = null, inLabel = false, out: Array<{ key: string; text: string; template: boolean }> = []) {
  if (typeof value === 'string') {
    if (key === 'hovertemplate' || key === 'texttemplate') out.push({ key, text: value, template: true });
    else if (inLabel) out.push({ key: key ?? '', text: value, template: false });
  } else if (Array.isArray(value)) value.forEach((v) => labels(v, key, inLabel, out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) labels(v, k, inLabel || LABEL_KEYS.has(k), out);
  return out;
}

function expectTextOnly(figure: Figure, what: string): void {
  for (const { key, text, template } of labels(figure)) {
    if (template) {
      for (const tag of text.match(/<[^>]*>?/g) ?? []) expect(tag, `${what} ${key}: ${text}`).toMatch(OUR_TAG);
      // A name's "%{x}" must not become a placeholder: only our own placeholders, which start with a known field.
      for (const placeholder of text.match(/%\{[^}]*\}/g) ?? []) expect(placeholder, `${what} ${key}`).toMatch(/^%\{(x|y|text|customdata(\[\d\])?)(:[^}]*)?\}$/);
    } else {
      // Only "<" opens markup for plotly; a bare ">" (as in "confidence > t") is text.
      expect(text, `${what} ${key}`).not.toContain("<");
    }
  }
}

const settings = resolveCalibrationSettings({ bootstrap: { resamples: 20, smoothResamples: 5 } });
const columns = {
  outcome: Uint8Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? 2 : 1)),
  confidence: Float64Array.from({ length: 60 }, (_, i) => ((i * 37) % 100) / 100),
};
const analysis = analyzeRun(1, columns, settings);

function run(runId: number, name: string): RunInput {
  return { runId, name, keys: Array.from({ length: 60 }, (_, i) => `k${i}`), columns };
}

function reportRun(id: number, name: string): ReportRun {
  return {
    id,
    name,
    model: name,
    task: null,
    format: 'csv',
    source: { path: `/x/${name}`, sha256: '', size: 1 },
    itemCount: 1545,
    metrics: sampleMetrics(),
    abstentionKinds: { 'dont-know': 0, refusal: 0, hedge: 0, clarification: 0, other: 0, unspecified: 0 },
    partialCount: 0,
    binIntervals: [],
    smooth: null,
    frequencyField: null,
    singleton: null,
  };
}

/** Every figure the app and the report draw, built around two hostile names. */
function figures(a: string, b: string): Array<[string, Figure]> {
  const sweep = thresholdSweep([run(1, a), run(2, b)], { resamples: 10, grid: [0, 0.5, 0.9] });
  const [audit] = behavioralAudit([
    { ...run(1, a), model: a, target: 0 },
    { ...run(2, b), model: a, target: 0.5 },
  ]);
  const bins = sampleMetrics().calibration.bins;
  return [
    ['calibration binned', calibrationFigure([{ label: a, analysis }, { label: b, analysis }], 'binned', 'light')],
    ['calibration smooth', calibrationFigure([{ label: a, analysis }, { label: b, analysis }], 'smooth', 'dark')],
    ['sweep', sweepFigure(sweep, 'light')],
    ['audit', auditFigure(audit!, 'light')],
    ['recalibration', recalibrationDiagram({ binsBefore: bins, binsAfter: bins, curve: { x: [0, 1], y: [0, 1] }, mapLabel: a, afterLabel: b }, 'light')],
    ['rescore', rescoreSweepFigure({ grid: [0, 0.5], actual: [0, 1], stated: [0, 1], recalibrated: [1, 0], recalibratedLabel: a }, 'light')],
    ['report outcomes', outcomeFigure([reportRun(1, a), reportRun(2, b)], 'light')],
    ['report sweep', reportSweepFigure(sweep, 'light')],
  ];
}

describe('plot labels are text', () => {
  it('escapes markup so plotly shows it as written, and keeps names out of template placeholders', () => {
    expect(plotText('<a href="x">m</a> & \'q\'')).toBe('&#60;a href=&#34;x&#34;&#62;m&#60;/a&#62; &#38; &#39;q&#39;');
    expect(templateText('%{x} run')).toBe('%\u2060{x} run');
  });

  it.each(HOSTILE_LABELS.map((label) => [label]))('every figure keeps %j as text', (label) => {
    for (const [what, figure] of figures(label, `${label} 2`)) {
      expectTextOnly(figure, what);
      expectTextOnly(textOnlyFigure(figure), `${what} (net)`);
    }
  });

  it.each(Array.from({ length: 20 }, (_, i) => i + 1))('fuzzed names, seed %i', (seed) => {
    const random = rng(seed);
    for (const [what, figure] of figures(hostileLabel(random), hostileLabel(random))) expectTextOnly(figure, what);
  });

  it('the net makes a figure that slipped text-only, and leaves escaped, numeric and colour values alone', () => {
    const slipped: Figure = {
      data: [{ type: 'scatter', name: '<a href="https://evil.example">x</a>', x: ['<b>cat</b>', 2], y: [1, 2], marker: { color: '#0072B2' }, hovertemplate: '<b>ok</b><br><a href=x>bad</a><extra></extra>' }],
      layout: { title: { text: '<i>t</i><img src=x>' }, annotations: [{ text: '<span style="x">a</span>' }], xaxis: { title: { text: plotText('<b>') } } },
    };
    const safe = textOnlyFigure(slipped);
    expectTextOnly(safe, 'net');
    expect(safe.data[0]).toMatchObject({ name: '&lt;a href="https://evil.example"&gt;x&lt;/a&gt;', x: ['&lt;b&gt;cat&lt;/b&gt;', 2], marker: { color: '#0072B2' } });
    expect((safe.data[0] as { hovertemplate: string }).hovertemplate).toBe('<b>ok</b><br>&lt;a href=x>bad&lt;/a><extra></extra>');
    expect(textOnlyFigure(safe)).toEqual(safe);
    expect((safe.layout as { xaxis: { title: { text: string } } }).xaxis.title.text).toBe('&#60;b&#62;');
  });
});
