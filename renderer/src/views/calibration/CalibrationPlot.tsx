// Hosts the Calibration figure (built in shared/plots/calibration.ts) and
// saves it as PNG or SVG through plotly's own exporter, which renders to a
// data: URL (allowed by the CSP's img-src) and downloads through an anchor.
import { useEffect, useRef, useState } from 'react';
import { calibrationFigure, type CalibrationSeries, type DiagramMode } from '../../../../shared/plots/calibration.ts';
import { reliabilityConfig, type PlotTheme } from '../../../../shared/plots/reliability.ts';

type PlotlyModule = typeof import('plotly.js-basic-dist-min').default;
/** plotly's exporter, which the shared typings (renderer/src/types/plotly.d.ts) do not declare. */
interface PlotlyExport {
  downloadImage(root: HTMLElement, options: { format: 'png' | 'svg'; filename: string; width: number; height: number; scale: number }): Promise<string>;
}
let plotlyPromise: Promise<PlotlyModule> | null = null;
function loadPlotly(): Promise<PlotlyModule> {
  plotlyPromise ??= import('plotly.js-basic-dist-min').then((mod) => mod.default);
  return plotlyPromise;
}

interface Props {
  series: CalibrationSeries[];
  mode: DiagramMode;
  theme: PlotTheme;
  intervalName: string;
  filename: string;
  onError: (message: string) => void;
}

export function CalibrationPlot({ series, mode, theme, intervalName, filename, onError }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    const div = ref.current;
    if (!div) return;
    let live = true;
    const { data, layout } = calibrationFigure(series, mode, theme, intervalName);
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
  }, [series, mode, theme, intervalName, filename]);

  useEffect(() => {
    const div = ref.current;
    return () => {
      if (div && plotlyPromise) void plotlyPromise.then((Plotly) => Plotly.purge(div));
    };
  }, []);

  const save = (format: 'png' | 'svg') => {
    const div = ref.current;
    if (!div) return;
    loadPlotly()
      .then((Plotly) => (Plotly as unknown as PlotlyExport).downloadImage(div, { format, filename, width: 640, height: 820, scale: format === 'png' ? 2 : 1 }))
      .catch((error: unknown) => onError(`The plot could not be saved: ${String(error)}`));
  };

  return (
    <div className="calibration-plot">
      <div className="calibration-plot-actions">
        <button type="button" data-testid="calibration-save-png" onClick={() => save('png')}>
          Save PNG
        </button>
        <button type="button" data-testid="calibration-save-svg" onClick={() => save('svg')}>
          Save SVG
        </button>
      </div>
      <div
        ref={ref}
        className="calibration-diagram"
        data-testid="calibration-diagram"
        role="img"
        aria-label={`Reliability diagram (${mode}) of ${series.map((s) => s.label).join(', ')}, with the confidence histogram below`}
      />
      {failed ? <p className="muted small">The plot could not be drawn: {failed}</p> : null}
    </div>
  );
}
