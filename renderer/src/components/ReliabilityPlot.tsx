// The Overview's reliability diagram: the figure is built in shared/plots.
import { useMemo } from 'react';
import type { RunMetrics } from '../../../shared/metrics/types.ts';
import { reliabilityFigure, type PlotTheme } from '../../../shared/plots/reliability.ts';
import { PlotFigure } from './PlotFigure.tsx';

interface Props {
  metrics: RunMetrics;
  theme: PlotTheme;
  filename: string;
}

export function ReliabilityPlot({ metrics, theme, filename }: Props) {
  const figure = useMemo(() => reliabilityFigure(metrics, theme), [metrics, theme]);
  return (
    <PlotFigure
      figure={figure}
      filename={filename}
      testId="reliability-diagram"
      className="reliability-diagram"
      label="Reliability diagram: accuracy against confidence per bin, with a confidence histogram below"
    />
  );
}
