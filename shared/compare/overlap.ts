// A comparison of runs is only as good as the items they share: runs of
// different tasks share no item keys, and a leaderboard pairing them pairs
// nothing. The app and the CLI word the same warnings from the same numbers.

/** Fewer shared graded items than this makes a pair's difference too noisy to read much into. */
export const FEW_SHARED_ITEMS = 30;
/** Or fewer than this share of the smaller run's graded items. */
export const FEW_SHARED_SHARE = 0.5;

export interface OverlapWarning {
  code: 'no-shared-items' | 'few-shared-items';
  runA: string | number;
  runB: string | number;
  shared: number;
  message: string;
}

export interface OverlapRun {
  runId: string | number;
  name: string;
  /** Items with a verdict (correct, incorrect, abstained). */
  graded: number;
}

export interface OverlapPair {
  runA: string | number;
  runB: string | number;
  /** Keys graded in both runs. */
  shared: number;
}

const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/** One warning per pair that shares no graded item key, or few (see FEW_SHARED_*). */
export function overlapWarnings(runs: readonly OverlapRun[], pairs: readonly OverlapPair[]): OverlapWarning[] {
  const byId = new Map(runs.map((run) => [run.runId, run]));
  const warnings: OverlapWarning[] = [];
  for (const pair of pairs) {
    const a = byId.get(pair.runA);
    const b = byId.get(pair.runB);
    if (!a || !b) continue;
    const smaller = Math.min(a.graded, b.graded);
    if (pair.shared === 0) {
      warnings.push({
        code: 'no-shared-items',
        runA: pair.runA,
        runB: pair.runB,
        shared: 0,
        message:
          `${a.name} and ${b.name} share no graded item: their item keys differ (another task or benchmark?), ` +
          'so their scores are over different questions and no paired difference is computed.',
      });
    } else if (pair.shared < FEW_SHARED_ITEMS || pair.shared < FEW_SHARED_SHARE * smaller) {
      warnings.push({
        code: 'few-shared-items',
        runA: pair.runA,
        runB: pair.runB,
        shared: pair.shared,
        message:
          `${a.name} and ${b.name} share only ${plural(pair.shared, 'graded item')} ` +
          `(of ${plural(a.graded, 'graded item')} and ${plural(b.graded, 'graded item')}): ` +
          'their scores are mostly over different questions; the paired difference reads the shared ones only.',
      });
    }
  }
  return warnings;
}
