// Hosts a pure figure from shared/plots; plotly loads on demand, as for the reliability diagram.
import { useEffect, useRef, useState } from 'react';
import { reliabilityConfig, type Figure } from '../../../../shared/plots/reliability.ts';

type PlotlyModule = typeof import('plotly.js-basic-dist-min').default;
let plotlyPromise: Promise<PlotlyModule> | null = null;
function loadPlotly(): Promise<PlotlyModule> {
  plotlyPromise ??= import('plotly.js-basic-dist-min').then((mod) => mod.default);
  return plotlyPromise;
}

interface Props {
  figure: Figure;
  /** file name of a saved PNG */
  filename: string;
  testId: string;
  label: string;
  className?: string;
}

export function PlotHost({ figure, filename, testId, label, className }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    const div = ref.current;
    if (!div) return;
    let live = true;
    loadPlotly()
      .then(async (Plotly) => {
        if (live) await Plotly.react(div, figure.data, figure.layout, reliabilityConfig(filename));
      })
      .catch((error: unknown) => live && setFailed(String(error)));
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
      <div ref={ref} className={className ?? 'rubric-plot'} data-testid={testId} role="img" aria-label={label} />
      {failed ? <p className="muted small">The plot could not be drawn: {failed}</p> : null}
    </div>
  );
}
