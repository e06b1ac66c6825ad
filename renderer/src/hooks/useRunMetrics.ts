// The run's metrics as the engine reports them, refetched whenever labels change
// (version bumps). The previous numbers stay on screen while the new ones load.
import { useEffect, useState } from 'react';
import { call } from '../api/client.ts';
import { describeError } from '../lib/errors.ts';
import type { RunMetrics } from '../../../shared/metrics/types.ts';

export interface MetricsState {
  runId: number | null;
  metrics: RunMetrics | null;
  error: string | null;
}

export function useRunMetrics(runId: number | null, version: number): MetricsState {
  const [state, setState] = useState<MetricsState>({ runId: null, metrics: null, error: null });

  useEffect(() => {
    if (runId === null) {
      setState({ runId: null, metrics: null, error: null });
      return;
    }
    let live = true;
    call('runs/metrics', { runId }).then(
      (metrics) => live && setState({ runId, metrics, error: null }),
      (error: unknown) => live && setState({ runId, metrics: null, error: describeError(error) }),
    );
    return () => {
      live = false;
    };
  }, [runId, version]);

  return state.runId === runId ? state : { runId, metrics: null, error: null };
}
