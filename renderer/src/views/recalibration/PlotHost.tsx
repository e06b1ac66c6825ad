// Hosts one figure built in shared/plots: Plotly loads on demand and redraws
// when the figure (pure data) changes.
import { useEffect, useRef, useState } from 'react';
import type { Figure } from '../../../../shared/plots/reliability.ts';

type PlotlyModule = typeof import('plotly.js-basic-dist-min').default;
let plotlyPromise: Promise<PlotlyModule> | null = null;
function loadPlotly(): Promise<PlotlyModule> {
  plotlyPromise ??= import('plotly.js-basic-dist-min').then((mod) => mod.default);
  return plotlyPromise;
}

interface Props {
  figure: Figure;
  filename: string;
  testId: string;
  label: string;
  className: string;
}

export function PlotHost({ figure, filename, testId, label, className }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    const div = ref.current;
    if (!div) return;
    let live = true;
    const config = {
      displaylogo: false,
      responsive: true,
      displayModeBar: 'hover',
      modeBarButtonsToRemove: ['select2d', 'lasso2d', 'autoScale2d', 'toggleSpikelines'],
      toImageButtonOptions: { format: 'png', filename, scale: 2 },
    };
    loadPlotly()
      .then(async (Plotly) => {
        if (live) await Plotly.react(div, figure.data, figure.layout, config);
      })
      .catch((error: unknown) => {
        if (live) setFailed(String(error));
      });
    return () => {
      live = false;
    };
  }, [figure, filename]);

  useEffect(() => {
    const div = ref.current;
    return () => {
      if (div && plotlyPromise) void plotlyPromise.then((Plotly) => Plotly.purge(div));
    };
  }, []);

  return (
    <div className="plot-host">
      <div ref={ref} className={className} data-testid={testId} role="img" aria-label={label} />
      {failed ? <p className="muted small">The plot could not be drawn: {failed}</p> : null}
    </div>
  );
}
