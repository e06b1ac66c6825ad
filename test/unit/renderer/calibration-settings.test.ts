// The Calibration tab's settings: URL and stored forms, validation of both,
// which wins, and the overlay rules.
import type { RunSummary } from '../../../shared/domain.ts';
import { formatHash, parseHash, selectRuns, viewParamsOf, withViewParams, type Route } from '../../../renderer/src/lib/route.ts';
import {
  DEFAULT_VIEW,
  effectiveOverlay,
  fromParams,
  fromStored,
  matchesRunQuery,
  MAX_OVERLAY,
  overlayCandidates,
  resolveView,
  storageKey,
  toggleOverlay,
  toParams,
  toStored,
  type CalibrationViewState,
} from '../../../renderer/src/views/calibration/settings.ts';

function run(id: number, name: string, confidenceCount: number, model: string | null = null, task: string | null = null): RunSummary {
  return {
    id, name, model, task, format: 'csv', sourcePath: `/d/${name}`, sourceSha256: `${id}`.repeat(64).slice(0, 64), sourceSize: 1,
    importedAt: '2026-01-01T00:00:00Z', metadata: {}, tags: [], itemCount: 10, labeledCount: 0, confidenceCount,
    counts: { correct: 5, incorrect: 5, abstained: 0, unlabeled: 0 }, abstentionKinds: { 'dont-know': 0, refusal: 0, hedge: 0, clarification: 0, other: 0, unspecified: 0 }, partialCount: 0,
  };
}

const LEFT: CalibrationViewState = { mode: 'smooth', bins: '15', binning: 'equal-mass', convention: 'kumar', interval: 'clopper-pearson', overlay: [4, 7] };

describe('calibration settings in the URL', () => {
  it('writes only what differs from the defaults, and reads it back', () => {
    expect(toParams(DEFAULT_VIEW)).toEqual({});
    expect(toParams(LEFT)).toEqual({ mode: 'smooth', bins: '15', strategy: 'equal-mass', convention: 'kumar', interval: 'clopper-pearson', overlay: '4,7' });
    expect(resolveView(fromParams(toParams(LEFT)), null)).toEqual(LEFT);
    expect(fromParams({})).toBeNull();
    expect(fromParams(null)).toBeNull();
  });

  it('ignores bad values one by one and bounds the overlay', () => {
    expect(fromParams({ bins: '7', strategy: 'equal-mass', convention: '<script>', interval: 'wald', mode: 'smooth' })).toEqual({ binning: 'equal-mass', mode: 'smooth' });
    expect(fromParams({ overlay: '3,x,3,-1,0,9,10,11,12,13,14' })).toEqual({ overlay: [3, 9, 10, 11, 12] });
    expect(fromParams({ overlay: '' })).toEqual({ overlay: [] });
    expect(fromParams({ overlay: '99999999999999999999' })).toEqual({ overlay: [] });
  });

  it('travels in the hash beside the compared runs, and belongs to one run and one tab', () => {
    const base = parseHash('#/run/3/calibration?with=5', ['calibration']);
    const route = withViewParams(base, toParams(LEFT));
    const hash = formatHash(route);
    expect(hash).toBe('#/run/3/calibration?with=5&mode=smooth&bins=15&strategy=equal-mass&convention=kumar&interval=clopper-pearson&overlay=4,7');
    const parsed = parseHash(hash, ['calibration']);
    expect(parsed.compare).toEqual([5]);
    expect(fromParams(viewParamsOf(parsed))).toEqual(LEFT);
    // Another tab, or another run: the settings stay behind.
    expect(formatHash({ ...route, tab: 'rubrics' })).toBe('#/run/3/rubrics?with=5');
    expect(formatHash(selectRuns(route, [8]))).toBe('#/run/8/calibration');
    expect(viewParamsOf({ ...route, runId: 8 })).toBeNull();
    // No settings, no view and a clean hash; a route without a query stays as it was.
    expect(withViewParams(route, {})).toEqual(base);
    expect(parseHash('#/run/7/whatever')).toEqual({ runId: 7, tab: 'overview', itemId: null });
  });

  it('reads a typed-in URL defensively: unknown keys kept out, values bounded and decoded', () => {
    const route: Route = parseHash(`#/run/3/calibration?bins=20&Bad_Key=1&x=${'y'.repeat(500)}&convention=relplot%2Dbinning`, ['calibration']);
    expect(viewParamsOf(route)).toEqual({ bins: '20', convention: 'relplot-binning' });
    expect(fromParams(viewParamsOf(route))).toEqual({ bins: '20', convention: 'relplot-binning' });
    const escaped = formatHash(withViewParams(route, { note: 'a&b=c #d' }));
    expect(escaped).toBe('#/run/3/calibration?note=a%26b%3Dc%20%23d');
    expect(viewParamsOf(parseHash(escaped, ['calibration']))).toEqual({ note: 'a&b=c #d' });
  });
});

describe('calibration settings kept per run', () => {
  it('stores the whole state and reads back only valid fields', () => {
    expect(fromStored(toStored(LEFT))).toEqual(LEFT);
    expect(fromStored('not json')).toBeNull();
    expect(fromStored('[1,2]')).toBeNull();
    expect(fromStored(null)).toBeNull();
    expect(fromStored(JSON.stringify({ bins: 12, convention: 'netcal', overlay: [2, '5', 2, -3] }))).toEqual({ convention: 'netcal', overlay: [2, 5] });
  });

  it('prefers the URL, then what was left for the run, then the defaults', () => {
    const stored = fromStored(toStored(LEFT));
    expect(resolveView({ bins: '5' }, stored)).toEqual({ ...DEFAULT_VIEW, bins: '5' });
    expect(resolveView(null, stored)).toEqual(LEFT);
    expect(resolveView(null, null)).toEqual(DEFAULT_VIEW);
  });

  it('keys storage by run and by the file it came from', () => {
    expect(storageKey(run(3, 'a.csv', 1))).not.toBe(storageKey({ ...run(3, 'a.csv', 1), sourceSha256: 'f'.repeat(64) }));
    expect(storageKey(run(3, 'a.csv', 1))).not.toBe(storageKey(run(4, 'a.csv', 1)));
  });
});

describe('overlays', () => {
  const runs = [run(1, 'base.csv', 10), run(2, 'gpt-4o.csv', 10, 'gpt-4o', 'trivia'), run(3, 'no-conf.csv', 0), run(4, 'llama-70b.csv', 5, 'llama-3.1-70b-instruct', 'math')];

  it('offers the other runs that state confidences', () => {
    expect(overlayCandidates(runs, 1).map((r) => r.id)).toEqual([2, 4]);
    expect(effectiveOverlay([4, 3, 99, 2], overlayCandidates(runs, 1))).toEqual([4, 2]);
  });

  it('takes at most MAX_OVERLAY runs, in the order picked', () => {
    let overlay: number[] = [];
    for (let id = 10; id < 10 + MAX_OVERLAY + 2; id++) overlay = toggleOverlay(overlay, id);
    expect(overlay).toEqual([10, 11, 12, 13, 14]);
    expect(toggleOverlay(overlay, 12)).toEqual([10, 11, 13, 14]);
  });

  it('filters by every word against name, model, task and id', () => {
    expect(runs.filter((r) => matchesRunQuery(r, 'LLAMA math')).map((r) => r.id)).toEqual([4]);
    expect(runs.filter((r) => matchesRunQuery(r, 'gpt trivia')).map((r) => r.id)).toEqual([2]);
    expect(runs.filter((r) => matchesRunQuery(r, '#3')).map((r) => r.id)).toEqual([3]);
    expect(runs.filter((r) => matchesRunQuery(r, '  ')).length).toBe(4);
  });
});
