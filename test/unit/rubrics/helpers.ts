import type { RunInput } from '../../../shared/rubrics/index.ts';

const CODE: Record<string, number> = { c: 1, i: 2, a: 3, u: 0 };

/** A run from a string of outcome letters (c correct, i incorrect, a abstained, u unlabeled). */
export function runOf(runId: string, outcomes: string, options: { keys?: string[]; confidence?: number[] } = {}): RunInput {
  const letters = [...outcomes];
  return {
    runId,
    name: runId,
    keys: options.keys ?? letters.map((_, i) => `k${i}`),
    columns: {
      outcome: Uint8Array.from(letters, (l) => CODE[l]!),
      confidence: Float64Array.from(letters, (_, i) => options.confidence?.[i] ?? NaN),
    },
  };
}

/** A run with the given counts, in the order correct, incorrect, abstained. */
export function runWithCounts(runId: string, correct: number, incorrect: number, abstained: number): RunInput {
  return runOf(runId, 'c'.repeat(correct) + 'i'.repeat(incorrect) + 'a'.repeat(abstained));
}
