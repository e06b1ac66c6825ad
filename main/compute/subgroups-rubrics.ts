// Each subgroup's rubric scores, computed in the compute worker (tasks.ts).
import type { GroupRubricScore } from '../../shared/api/subgroups.ts';
import type { OutcomeColumns } from '../../shared/metrics/types.ts';
import { buildLeaderboard, type Rubric } from '../../shared/rubrics/index.ts';

/** Each group's rubric scores with percentile bootstrap intervals: a leaderboard of the group alone (compute task). */
export function groupRubricScores(groups: OutcomeColumns[], rubrics: Rubric[], bootstrap: { resamples: number; seed: number; level: number }): GroupRubricScore[][] {
  return groups.map((columns) => {
    const board = buildLeaderboard([{ runId: 0, name: 'group', columns }], { ...bootstrap, rubrics });
    const row = board.rows[0]!;
    return board.rubrics.map((column, k) => {
      const cell = row.cells[k]!;
      return { rubric: column.id, label: column.label, score: cell.score, lo: cell.lo, hi: cell.hi };
    });
  });
}

