// The Compare tab's URL: filter, pair and outcomes read back as written,
// anything unknown or stale read as the default, and the Rubrics tab's jump.
import { formatHash, parseHash, viewParamsOf } from '../../../renderer/src/lib/route.ts';
import { MATRIX_TAB, matrixParams, pairItemsRoute, parseMatrixParams } from '../../../renderer/src/views/compare/params.ts';

const TABS = [MATRIX_TAB, 'rubrics'];

describe('Compare tab URL state', () => {
  it('round-trips through the hash, defaults left out', () => {
    const ids = [3, 5, 8];
    const state = { filter: 'pair' as const, a: 8, b: 3, outcomeA: 'incorrect' as const, outcomeB: 'correct' as const };
    const params = matrixParams(state, ids);
    expect(params).toEqual({ filter: 'pair', a: '8', b: '3', oa: 'incorrect', ob: 'correct' });
    const hash = formatHash({ runId: 3, tab: MATRIX_TAB, itemId: null, compare: [5, 8], view: { runId: 3, tab: MATRIX_TAB, params } });
    expect(hash).toBe('#/run/3/compare?with=5,8&filter=pair&a=8&b=3&oa=incorrect&ob=correct');
    const route = parseHash(hash, TABS);
    expect(parseMatrixParams(viewParamsOf(route), ids)).toEqual(state);
    expect(matrixParams({ filter: 'all', a: 3, b: 5, outcomeA: null, outcomeB: null }, ids)).toEqual({});
    // Outcomes belong to the pair filter only.
    expect(matrixParams({ ...state, filter: 'disagree' }, ids)).toEqual({ filter: 'disagree', a: '8', b: '3' });
  });

  it('reads unknown filters, runs not selected, a pair of one run and bad outcomes as the defaults', () => {
    const ids = [3, 5];
    expect(parseMatrixParams({ filter: 'drop table', a: '9', b: '3', oa: '<script>', ob: 'correct' }, ids)).toEqual({
      filter: 'all',
      a: 3,
      b: 5,
      outcomeA: null,
      outcomeB: 'correct',
    });
    expect(parseMatrixParams({ a: '5', b: '5' }, ids)).toMatchObject({ a: 3, b: 5 });
    expect(parseMatrixParams(null, ids)).toEqual({ filter: 'all', a: 3, b: 5, outcomeA: null, outcomeB: null });
  });

  it('jumps from a pair in the Rubrics tab to the items where its verdicts differ, keeping the selection', () => {
    const rubrics = parseHash('#/run/3/rubrics?with=5,8', TABS);
    const jump = pairItemsRoute(rubrics, 8, 5);
    expect(formatHash(jump)).toBe('#/run/3/compare?with=5,8&filter=pair-disagree&a=8&b=5');
    expect(parseMatrixParams(viewParamsOf(parseHash(formatHash(jump), TABS)), [3, 5, 8])).toMatchObject({ filter: 'pair-disagree', a: 8, b: 5 });
    // A pair not selected is added to the selection.
    expect(formatHash(pairItemsRoute(parseHash('#/run/3/rubrics', TABS), 3, 9))).toBe('#/run/3/compare?with=9&filter=pair-disagree');
  });
});
