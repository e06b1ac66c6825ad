// A thin host for the plotly figure: the figure itself is pure data built in
// shared/plots. Plotly loads on demand so the first paint does not wait for it.
import { useEffect, useRef, useState } from 'react';
import type { RunMetrics } from '../../../shared/metrics/types.ts';
import { reliabilityConfig, reliabilityFigure, type PlotTheme } from '../../../shared/plots/reliability.ts';

type PlotlyModule = typeof import('plotly.js-basic-dist-min').default;
let plotlyPromise: Promise<PlotlyModule> | null = null;
function loadPlotly(): Promise<PlotlyModule> {
  plotlyPromise ??= import('plotly.js-basic-dist-min').then((mod) => mod.default);
  return plotlyPromise;
}

interface Props {
  metrics: RunMetrics;
  theme: PlotTheme;
  filename: string;
}

export function ReliabilityPlot({ metrics, theme, filename }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    const div = ref.current;
    if (!div) return;
    let live = true;
    const { data, layout } = reliabilityFigure(metrics, theme);
    loadPlotly()
      .then(async (Plotly) => {
        if (live) await Plotly.react(div, data, layout, reliabilityConfig(filename));
      })
      .catch((error: unknown) => {
        if (live) setFailed(String(error));
      });
    return () => {
      live = false;
    };
  }, [metrics, theme, filename]);

  useEffect(() => {
    const div = ref.current;
    return () => {
      if (div && plotlyPromise) void plotlyPromise.then((Plotly) => Plotly.purge(div));
    };
  }, []);

  return (
    <div className="plot-host">
      <div
        ref={ref}
        className="reliability-diagram"
        data-testid="reliability-diagram"
        role="img"
        aria-label="Reliability diagram: accuracy against confidence per bin, with a confidence histogram below"
      />
      {failed ? <p className="muted small">The plot could not be drawn: {failed}</p> : null}
    </div>
  );
}
