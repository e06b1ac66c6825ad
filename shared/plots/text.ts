// Plot labels are text. Plotly renders a small HTML subset in trace names,
// legend entries, axis titles, annotations, tick labels, category values and
// hover templates (<a href>, <b>, <span style>, <br>, entities), so a run or
// model name holding markup became markup: an SVG link in a legend. Every
// untrusted string gets plotText where a figure is built, and every figure
// passes textOnlyFigure before it is drawn, as a net for anything missed.

/** A string shown as itself by plotly: markup characters as numeric entities (plotly turns them back into text). */
export function plotText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The same for a string put inside a hover template: plotly would also read
 * %{...} in it as a placeholder, so the brace is kept apart from the percent
 * by a zero-width joiner the reader does not see.
 */
export function templateText(text: string): string {
  return plotText(text).replace(/%\{/g, '%\u2060{');
}

/** Tags our own templates use; anything else that looks like a tag is shown as text. */
const OWN_TAGS = /<(?!\/?(?:br|b|i|extra)>)/gi;

/** Keys whose string values plotly draws as (pseudo-)HTML text. */
const LABEL_KEYS = new Set(['name', 'text', 'hovertext', 'ticktext', 'title', 'x', 'y', 'customdata', 'labels', 'legendgroup']);
const TEMPLATE_KEYS = new Set(['hovertemplate', 'texttemplate']);

function labelOnly(text: string): string {
  // Idempotent: text already escaped by plotText has no '<' left to touch.
  return text.replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function walk(value: unknown, key: string | null, inLabel: boolean): unknown {
  if (typeof value === 'string') {
    if (key !== null && TEMPLATE_KEYS.has(key)) return value.replace(OWN_TAGS, '&lt;');
    return inLabel ? labelOnly(value) : value;
  }
  if (Array.isArray(value)) return value.map((item) => walk(item, key, inLabel));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = walk(v, k, inLabel || LABEL_KEYS.has(k));
    return out;
  }
  return value;
}

/** The figure with every label drawn as text (see the file's head); numbers and colours are left alone. */
export function textOnlyFigure<F extends { data: unknown[]; layout: object }>(figure: F): F {
  return { ...figure, data: walk(figure.data, null, false) as unknown[], layout: walk(figure.layout, null, false) as F['layout'] };
}
