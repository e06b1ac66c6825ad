// The Calibration tab's diagram (built in shared/plots/calibration.ts), with
// Save PNG / Save SVG.
import { useMemo, useRef } from 'react';
import { calibrationFigure, type CalibrationSeries, type DiagramMode } from '../../../../shared/plots/calibration.ts';
import type { PlotTheme } from '../../../../shared/plots/reliability.ts';
import { PlotFigure, savePlot } from '../../components/PlotFigure.tsx';

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
  const figure = useMemo(() => calibrationFigure(series, mode, theme, intervalName), [series, mode, theme, intervalName]);

  const save = (format: 'png' | 'svg') => {
    if (!ref.current) return;
    savePlot(ref.current, format, filename).catch((error: unknown) => onError(`The plot could not be saved: ${String(error)}`));
  };

  return (
    <div className="calibration-plot">
      <PlotFigure
        figure={figure}
        filename={filename}
        testId="calibration-diagram"
        className="calibration-diagram"
        hostRef={ref}
        label={`Reliability diagram (${mode}) of ${series.map((s) => s.label).join(', ')}, with the confidence histogram below`}
      >
        <div className="calibration-plot-actions">
          <button type="button" data-testid="calibration-save-png" onClick={() => save('png')}>
            Save PNG
          </button>
          <button type="button" data-testid="calibration-save-svg" onClick={() => save('svg')}>
            Save SVG
          </button>
        </div>
      </PlotFigure>
    </div>
  );
}
