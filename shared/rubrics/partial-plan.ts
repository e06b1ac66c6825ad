// How one bootstrap also counts partial items (partial.ts). It tallies
// (correct, incorrect, abstained) per run; how many of a replicate's incorrect
// items are partial comes from a shadow run per run: the same keys, outcome 1
// where the item is partial and 2 where it is otherwise graded, drawn in the
// same bootstrap, so its counts are those of the very same resample (and its
// pairs those of the keys both runs graded).
import { scoresPartialApart } from './partial.ts';
import type { PairSelection, RunInput } from './resample.ts';
import type { Rubric } from './rubric.ts';

/** Shadow run outcome codes: 1 partial, 2 graded and not partial, 0 not graded. */
function shadowOf(run: RunInput): RunInput {
  const { outcome, partial } = run.columns;
  const shadow = new Uint8Array(outcome.length);
  for (let i = 0; i < outcome.length; i++) shadow[i] = outcome[i] === 0 ? 0 : partial?.[i] ? 1 : 2;
  return { runId: `${run.runId}:partial`, name: `${run.name} (partial)`, keys: run.keys, columns: { outcome: shadow, confidence: run.columns.confidence } };
}

export interface PartialPlan {
  /** The runs, then one shadow per run (run i's at nRuns + i). */
  runs: RunInput[];
  /** The pairs asked for, then each of them between the two shadows (pair q's at nPairs + q). */
  pairs: Array<[number, number]>;
}

/**
 * The bootstrap input that also counts partial items, or null when no rubric
 * scores them apart or no run has any (then the plain bootstrap serves).
 */
export function partialPlan(runs: RunInput[], rubrics: readonly Rubric[], pairs: PairSelection): PartialPlan | null {
  if (!rubrics.some((rubric) => scoresPartialApart(rubric.partial))) return null;
  if (!runs.some((run) => run.columns.partial?.some((flag) => flag === 1))) return null;
  // A run scored alone may come without keys (nothing to align); with its shadow it is aligned by position.
  if (runs.length === 1 && !runs[0]!.keys) runs = [{ ...runs[0]!, keys: Array.from(runs[0]!.columns.outcome, (_, i) => String(i)) }];
  const n = runs.length;
  const asked: Array<[number, number]> = pairs === 'none' ? [] : pairs === 'all' ? allPairs(n) : pairs;
  return { runs: [...runs, ...runs.map(shadowOf)], pairs: [...asked, ...asked.map(([a, b]): [number, number] => [n + a, n + b])] };
}

function allPairs(n: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) out.push([i, j]);
  return out;
}
