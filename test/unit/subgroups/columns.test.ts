// The Subgroups table's sort: by any column, undefined values last either way, ties in breakdown order.
import { describe, expect, it } from 'vitest';
import type { SubgroupResult } from '../../../shared/api/contract.ts';
import { computeRunMetrics } from '../../../shared/metrics/run-metrics.ts';
import { OUTCOME_CODE } from '../../../shared/metrics/types.ts';
import { reasonFor, sortGroups, subgroupColumns } from '../../../renderer/src/views/subgroups/columns.ts';

function group(label: string, items: number, ece: number | null, binary: number | null): SubgroupResult {
  const outcome = new Uint8Array(items).fill(OUTCOME_CODE.correct);
  return {
    label,
    kind: 'value',
    values: 1,
    items,
    metrics: computeRunMetrics({ outcome, confidence: new Float64Array(items).fill(Number.NaN) }),
    analysis: ece === null ? null : ({ n: items, binned: { ece: { value: ece, interval: [0, 1] } } } as unknown as SubgroupResult['analysis']),
    refused: null,
    rubrics: [{ rubric: 'binary', label: 'Binary accuracy', score: binary, lo: null, hi: null }],
  };
}

describe('subgroup columns', () => {
  const groups = [group('b', 30, 0.2, 0.5), group('a', 20, null, 0.9), group('c', 10, 0.1, 0.5)];
  const columns = subgroupColumns(groups);
  it('sorts by a metric either way with undefined values last, and by name', () => {
    expect(sortGroups(groups, columns, 'ece', 'asc').map((g) => g.label)).toEqual(['c', 'b', 'a']);
    expect(sortGroups(groups, columns, 'ece', 'desc').map((g) => g.label)).toEqual(['b', 'c', 'a']);
    expect(sortGroups(groups, columns, 'group', 'asc').map((g) => g.label)).toEqual(['a', 'b', 'c']);
    // Ties keep the breakdown's order.
    expect(sortGroups(groups, columns, 'accuracy', 'asc').map((g) => g.label)).toEqual(['b', 'c', 'a']);
    expect(sortGroups(groups, columns, 'unknown', 'asc')).toBe(groups);
  });
  it('explains an undefined calibration number by the group’s own counts', () => {
    const ece = columns.find((c) => c.key === 'ece')!;
    expect(ece.get(groups[1]!).value).toBeNull();
    expect(reasonFor(ece, groups[1]!)).toBe('no attempted item with a confidence in this group');
  });
});
