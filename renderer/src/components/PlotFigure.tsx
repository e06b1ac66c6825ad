// The one host for plotly figures. A figure is pure data built in
// shared/plots (tested as data); this draws it, redraws when it changes, and
// frees it on unmount. Plotly loads on demand so the first paint does not wait.
import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { reliabilityConfig, type Figure } from '../../../shared/plots/reliability.ts';
import { textOnlyFigure } from '../../../shared/plots/text.ts';

type PlotlyModule = typeof import('plotly.js-basic-dist-min').default;
/** plotly's exporter, which the typings in renderer/src/types/plotly.d.ts do not declare. */
interface PlotlyExport {
  downloadImage(root: HTMLElement, options: { format: 'png' | 'svg'; filename: string; width: number; height: number; scale: number }): Promise<string>;
}

let plotlyPromise: Promise<PlotlyModule> | null = null;
function loadPlotly(): Promise<PlotlyModule> {
  plotlyPromise ??= import('plotly.js-basic-dist-min').then((mod) => mod.default);
  return plotlyPromise;
}

/**
 * Plots drawn at the same moment (a view's first result brings two or three)
 * are drawn one per frame, in the order their views mounted them, so the
 * first is on screen while the next is drawn: each takes 20-40 ms of layout
 * and SVG on a slow machine, and the Recalibrate tab's diagram waited for its
 * sweep chart. A frame that does not come (a hidden window has none) is
 * waited for 100 ms at most.
 */
let drawn: Promise<void> = Promise.resolve();
const FRAME_WAIT_MS = 100;
function afterNextFrame(): Promise<void> {
  return new Promise((resolve) => {
    const timer = window.setTimeout(resolve, FRAME_WAIT_MS);
    requestAnimationFrame(() => {
      window.clearTimeout(timer);
      // After the frame's callbacks: the frame that shows the plot just drawn is painted first.
      window.setTimeout(resolve, 0);
    });
  });
}
function inTurn(draw: () => Promise<void>): Promise<void> {
  const turn = drawn.then(draw);
  drawn = turn.then(afterNextFrame, afterNextFrame);
  return turn;
}

/**
 * Saves a drawn plot as PNG or SVG through plotly's own exporter, which
 * renders to a data: URL (allowed by the CSP's img-src) and downloads it.
 */
export async function savePlot(div: HTMLElement, format: 'png' | 'svg', filename: string, size = { width: 640, height: 820 }): Promise<void> {
  const Plotly = await loadPlotly();
  await (Plotly as unknown as PlotlyExport).downloadImage(div, { format, filename, ...size, scale: format === 'png' ? 2 : 1 });
}

interface Props {
  figure: Figure;
  /** File name of a saved image. */
  filename: string;
  testId: string;
  /** What the plot shows, for screen readers. */
  label: string;
  className: string;
  /** The plot's element, for callers that export it. */
  hostRef?: RefObject<HTMLDivElement | null>;
  children?: ReactNode;
}

export function PlotFigure({ figure, filename, testId, label, className, hostRef, children }: Props) {
  const ownRef = useRef<HTMLDivElement>(null);
  const ref = hostRef ?? ownRef;
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    const div = ref.current;
    if (!div) return;
    let live = true;
    loadPlotly()
      .then((Plotly) =>
        inTurn(async () => {
          if (!live) return;
          // Every label as text, whatever a figure builder let through (shared/plots/text.ts).
          const safe = textOnlyFigure(figure);
          await Plotly.react(div, safe.data, safe.layout, reliabilityConfig(filename));
        }),
      )
      .catch((error: unknown) => {
        if (live) setFailed(String(error));
      });
    return () => {
      live = false;
    };
  }, [ref, figure, filename]);

  useEffect(() => {
    const div = ref.current;
    return () => {
      if (div && plotlyPromise) void plotlyPromise.then((Plotly) => Plotly.purge(div));
    };
  }, [ref]);

  return (
    <div className="plot-host">
      {children}
      <div ref={ref} className={className} data-testid={testId} role="img" aria-label={label} />
      {failed ? <p className="muted small">The plot could not be drawn: {failed}</p> : null}
    </div>
  );
}
