// HELM's per-instance statistics (per_instance_stats.json, or the stats a
// display_predictions.json entry carries): which metric grades, and whether
// the run's logprobs are real at all.
import { stat } from 'node:fs/promises';
import { readJsonPieces } from './json-stream.ts';
import type { ReadOptions } from './types.ts';
import { BINARY_METRICS } from './metric-grades.ts';

type Json = Record<string, unknown>;
export const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

/** HELM's headline 0/1 metrics first, then every other metric that is 0/1 by definition. */
export const HELM_GRADE_METRICS = [
  'exact_match', 'quasi_exact_match', 'prefix_exact_match', 'quasi_prefix_exact_match',
  ...BINARY_METRICS.filter((m) => !['exact_match', 'quasi_exact_match', 'prefix_exact_match', 'quasi_prefix_exact_match'].includes(m)),
];

/** Stats that describe the run, not the answer: never offered as a grade. */
const BOOKKEEPING = /^(num_|finish_reason_|training_|inference_|batch_size|prompt_truncated|max_prob|logprob|predicted_index|perplexity|bits_per_byte|logprob_per_byte)/;

/** An instance is keyed by id and train trial (trial 0 keeps the bare id). */
export const instanceKey = (id: unknown, trial: unknown) => (typeof trial === 'number' && trial > 0 ? `${String(id)}#${trial}` : String(id));

export const isPerturbed = (value: unknown) => value !== undefined && value !== null;

export interface InstanceStats {
  /** Unperturbed stat name -> mean. */
  byKey: Map<string, Map<string, number>>;
  /** Stat names that could grade (not bookkeeping), in file order. */
  metrics: string[];
  /** HELM's own test: some instance's `logprob` stat is below 0 (null when the file has no logprob stat). */
  logprobsReal: boolean | null;
  perturbed: number;
  found: boolean;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

export async function readInstanceStats(path: string, options: ReadOptions & { maxLineBytes?: number }): Promise<InstanceStats> {
  const out: InstanceStats = { byKey: new Map(), metrics: [], logprobsReal: null, perturbed: 0, found: false };
  if (!(await exists(path))) return out;
  out.found = true;
  const metrics = new Set<string>();
  for await (const pieces of readJsonPieces(path, options)) {
    for (const piece of pieces) {
      const entry = piece.value;
      if (!isObject(entry) || !Array.isArray(entry.stats)) continue;
      if (isPerturbed(entry.perturbation)) {
        out.perturbed += 1;
        continue;
      }
      const stats = new Map<string, number>();
      for (const s of entry.stats) {
        if (!isObject(s) || !isObject(s.name) || isPerturbed(s.name.perturbation)) continue;
        const name = String(s.name.name);
        const mean = typeof s.mean === 'number' ? s.mean : typeof s.sum === 'number' && typeof s.count === 'number' && s.count > 0 ? s.sum / s.count : null;
        if (mean === null) continue;
        if (name === 'logprob' && typeof s.sum === 'number') out.logprobsReal = (out.logprobsReal ?? false) || s.sum < 0;
        stats.set(name, mean);
        if (!BOOKKEEPING.test(name)) metrics.add(name);
      }
      out.byKey.set(instanceKey(entry.instance_id, entry.train_trial_index), stats);
    }
  }
  out.metrics = [...metrics];
  return out;
}

/** The metric that grades: the user's, else the first 0/1 metric among `headline` (what HELM shows), else among all. */
export function gradeMetric(chosen: string | undefined, headline: string[], all: string[]): string | null {
  if (chosen) return chosen;
  return HELM_GRADE_METRICS.find((m) => headline.includes(m)) ?? HELM_GRADE_METRICS.find((m) => all.includes(m)) ?? null;
}
