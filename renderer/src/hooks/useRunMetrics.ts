// The run's metrics as the engine reports them, refetched whenever labels change
// (version bumps). The previous numbers stay on screen while the new ones load.
import type { RunMetrics } from '../../../shared/metrics/types.ts';
import { useVerb } from './useVerb.ts';

export interface MetricsState {
  runId: number | null;
  metrics: RunMetrics | null;
  error: string | null;
}

export function useRunMetrics(runId: number | null, version: number): MetricsState {
  const { value, error } = useVerb('runs/metrics', runId === null ? null : { runId }, version);
  return { runId, metrics: value, error };
}
