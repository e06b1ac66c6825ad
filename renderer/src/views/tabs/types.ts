import type { RunSummary } from '../../../../shared/domain.ts';
import type { RunMetrics } from '../../../../shared/metrics/types.ts';
import type { PlotTheme } from '../../../../shared/plots/reliability.ts';
import type { Route } from '../../lib/route.ts';

/** What every run tab receives from the shell. */
export interface TabProps {
  run: RunSummary;
  /** Every run in the database (for overlays, comparisons, held-out runs). */
  runs: RunSummary[];
  route: Route;
  setRoute: (route: Route, replace?: boolean) => void;
  metrics: RunMetrics | null;
  theme: PlotTheme;
  annotator: string;
  /** False while a text field or an overlay has focus: single-key shortcuts must stay quiet. */
  keysEnabled: boolean;
  /** Bumped whenever labels change, so views refetch. */
  version: number;
  onLabeled: () => void;
  onError: (message: string) => void;
  onNotice: (message: string) => void;
}
