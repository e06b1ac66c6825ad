// The Subgroups table's columns: what each shows of a group, how it sorts,
// and why it is undefined where it is. Pure, so the sort is tested as data.
import type { Estimate, SubgroupResult } from '../../../../shared/api/contract.ts';
import { whyUndefined, type SubgroupMetricKind } from '../../../../shared/metrics/subgroups.ts';

export interface Column {
  key: string;
  label: string;
  title: string;
  kind: SubgroupMetricKind | 'count';
  /** lower is better (for the reader; the sort is by value either way) */
  lowerIsBetter?: boolean;
  get: (group: SubgroupResult) => Estimate;
}

const plain = (value: number | null): Estimate => ({ value, interval: null });

/** A rubric's score from the group's own leaderboard, with its interval. */
function rubricEstimate(group: SubgroupResult, rubric: string): Estimate {
  const score = group.rubrics?.find((r) => r.rubric === rubric);
  if (!score) return plain(null);
  return { value: score.score, interval: score.lo === null || score.hi === null ? null : [score.lo, score.hi] };
}

export function subgroupColumns(groups: SubgroupResult[]): Column[] {
  const rubrics = groups.find((g) => g.rubrics)?.rubrics ?? [];
  const binary = rubrics.find((r) => r.rubric === 'binary');
  return [
    { key: 'items', label: 'Items', title: 'items in the group', kind: 'count', get: (g) => plain(g.items) },
    {
      key: 'accuracy',
      label: 'Accuracy',
      title: 'correct / graded (correct + incorrect + abstained), with its bootstrap interval',
      kind: 'rate',
      get: (g) => (binary ? rubricEstimate(g, 'binary') : plain(g.metrics.accuracy)),
    },
    { key: 'abstention', label: 'Abstained', title: 'abstained / graded', kind: 'rate', get: (g) => plain(g.metrics.abstentionRate) },
    { key: 'n', label: 'n (cal.)', title: 'attempted items with a confidence: what the calibration metrics use', kind: 'count', get: (g) => plain(g.analysis?.n ?? g.metrics.calibration.n) },
    { key: 'ece', label: 'ECE', title: 'binned expected calibration error', kind: 'calibration', lowerIsBetter: true, get: (g) => g.analysis?.binned.ece ?? plain(null) },
    { key: 'smece', label: 'smECE', title: 'smooth ECE (relplot)', kind: 'calibration', lowerIsBetter: true, get: (g) => g.analysis?.smooth?.smece ?? plain(null) },
    { key: 'brier', label: 'Brier', title: 'Brier score', kind: 'calibration', lowerIsBetter: true, get: (g) => g.analysis?.brier ?? plain(null) },
    { key: 'auroc', label: 'AUROC', title: 'chance a right answer carries more confidence than a wrong one', kind: 'ranking', get: (g) => g.analysis?.auroc ?? plain(null) },
    { key: 'aurc', label: 'AURC', title: 'area under the risk-coverage curve (ties in random order, in expectation)', kind: 'ranking', lowerIsBetter: true, get: (g) => g.analysis?.orderFree.aurc ?? plain(null) },
    ...rubrics
      .filter((r) => r.rubric !== 'binary')
      .map((r): Column => ({ key: `rubric:${r.rubric}`, label: r.label, title: `rubric score (${r.rubric}), with its bootstrap interval`, kind: 'rate', get: (g) => rubricEstimate(g, r.rubric) })),
  ];
}

/** "—" and its reason, for a value the engine left undefined. */
export function reasonFor(column: Column, group: SubgroupResult): string {
  if (group.refused && column.kind !== 'rate' && column.kind !== 'count') return group.refused;
  if (column.kind === 'count') return '';
  return whyUndefined(column.kind, { graded: group.metrics.graded, calibrated: group.analysis?.n ?? group.metrics.calibration.n });
}

export type SortDirection = 'asc' | 'desc';

/**
 * Groups sorted by a column (undefined values last whichever the direction;
 * ties keep the breakdown's order: largest first). 'group' sorts by name.
 */
export function sortGroups(groups: SubgroupResult[], columns: Column[], key: string, direction: SortDirection): SubgroupResult[] {
  const indexed = groups.map((group, index) => ({ group, index }));
  const sign = direction === 'asc' ? 1 : -1;
  if (key === 'group') {
    return indexed.sort((a, b) => sign * a.group.label.localeCompare(b.group.label) || a.index - b.index).map((x) => x.group);
  }
  const column = columns.find((c) => c.key === key);
  if (!column) return groups;
  return indexed
    .sort((a, b) => {
      const x = column.get(a.group).value;
      const y = column.get(b.group).value;
      if (x === null || y === null) return x === null && y === null ? a.index - b.index : x === null ? 1 : -1;
      return sign * (x - y) || a.index - b.index;
    })
    .map((x) => x.group);
}
