// The Rubrics tab: the selected runs by rubrics (leaderboard, pairwise
// differences), the threshold sweep, the behavioral calibration audit, and the
// current run's policy gaps and error bounds. Every number comes from the API.
import { useState } from 'react';
import { call } from '../../api/client.ts';
import { describeError } from '../../lib/errors.ts';
import { selectedRunIds, selectRuns } from '../../lib/route.ts';
import { overlapWarnings } from '../../../../shared/compare/overlap.ts';
import { pairItemsRoute } from '../compare/params.ts';
import type { TabProps } from '../tabs/types.ts';
import { AuditPanel } from './AuditPanel.tsx';
import { BoundsPanel, type BoundInputs } from './BoundsPanel.tsx';
import { GapsPanel } from './GapsPanel.tsx';
import { LeaderboardTable, PairsTable } from './LeaderboardTable.tsx';
import { RubricList } from './RubricList.tsx';
import { SweepPanel } from './SweepPanel.tsx';
import { useVerb } from '../../hooks/useVerb.ts';
import './rubrics.css';

function Pending({ state, what }: { state: { error: string | null; loading: boolean }; what: string }) {
  if (state.error) return <p className="view-message muted">{what} unavailable: {state.error}</p>;
  return <p className="muted small">{state.loading ? `Computing ${what}…` : ''}</p>;
}

export function RubricsView(props: TabProps) {
  const { run, runs, route, setRoute, theme, onError, onNotice, version } = props;
  const ids = selectedRunIds(route).filter((id) => id === run.id || runs.some((r) => r.id === id));
  const selected = ids.map((id) => runs.find((r) => r.id === id)).filter((r) => r !== undefined);
  const [rubricsVersion, setRubricsVersion] = useState(0);
  const [targetsVersion, setTargetsVersion] = useState(0);
  const [loadingExample, setLoadingExample] = useState(false);

  const list = useVerb('rubrics/list', {}, rubricsVersion);
  // Without specs the server compares under the saved rubrics (the list's): asked at once, not after the list.
  const compare = useVerb('rubrics/compare', { runIds: ids }, version * 1000 + rubricsVersion);
  // The leaderboard is what the tab opens on. The panels below it (the audit, then the
  // policy gaps at the audit's target, and the error bounds, which sort every item) are
  // asked once it has answered, so that on two cores they do not slow it down.
  const leaderboardAnswered = compare.value !== null || compare.error !== null;
  const audit = useVerb('rubrics/audit', leaderboardAnswered ? { runIds: ids } : null, version * 1000 + targetsVersion);
  const [boundInputs, setBoundInputs] = useState<BoundInputs>({});
  // The panel stays up while new inputs are answered: typing in its fields must not unmount them.
  const bounds = useVerb('rubrics/bounds', leaderboardAnswered ? { runId: run.id, ...boundInputs } : null, version, { keepPrevious: true });
  const waiting = (state: { loading: boolean; error: string | null }) => ({ error: state.error, loading: state.loading || !leaderboardAnswered });
  const onItems = (a: number, b: number) => setRoute(pairItemsRoute(route, a, b));
  const overlap = compare.value
    ? overlapWarnings(
        compare.value.leaderboard.rows.map((row) => ({ runId: row.runId, name: row.name, graded: row.graded })),
        compare.value.leaderboard.pairs,
      )
    : [];
  const currentTarget = audit.value?.runs.find((target) => target.runId === run.id)?.target ?? null;

  const loadExample = async () => {
    setLoadingExample(true);
    try {
      const { runIds } = await call('examples/load', {});
      props.onLabeled(); // refreshes the run list
      await call('runs/list', {});
      setRoute(selectRuns({ ...route, tab: 'rubrics' }, runIds));
      onNotice('Loaded the SimpleQA example: binary accuracy ranks o4-mini first, t = 0.75 ranks gpt-5-thinking-mini first.');
    } catch (error) {
      onError(describeError(error));
    } finally {
      setLoadingExample(false);
    }
  };

  return (
    <div className="rubrics-view" data-testid="rubrics-view">
      <div className="rubrics-head">
        <p className="rubrics-selection">
          {selected.length > 1 ? (
            <>
              Comparing <strong>{selected.length}</strong> runs: {selected.map((r) => r.name).join(', ')}.
            </>
          ) : (
            <>Only this run is selected. Ctrl/⌘-click runs in the sidebar, or tick their boxes, to compare several.</>
          )}
        </p>
        <button type="button" className="button" data-testid="load-example" disabled={loadingExample} onClick={() => void loadExample()}>
          {loadingExample ? 'Loading…' : 'Load SimpleQA example'}
        </button>
      </div>

      <section className="panel">
        <h2 className="panel-title">Leaderboard</h2>
        {overlap.length ? (
          <ul className="overlap-warnings" data-testid="overlap-warnings">
            {overlap.map((warning) => (
              <li key={`${warning.runA}-${warning.runB}`} className={warning.code} data-testid={`overlap-${warning.code}`}>
                {'\u26A0'} {warning.message}{' '}
                {warning.shared === 0 ? null : (
                  <button type="button" className="link-button" onClick={() => onItems(Number(warning.runA), Number(warning.runB))}>
                    see the shared items
                  </button>
                )}
              </li>
            ))}
          </ul>
        ) : null}
        {compare.value ? <LeaderboardTable result={compare.value} onItems={onItems} /> : <Pending state={list.error ? list : compare} what="the leaderboard" />}
        <details className="rubric-details">
          <summary>Rubrics ({list.value?.rubrics.length ?? '…'}): add a confidence target or custom points</summary>
          {list.value ? <RubricList rubrics={list.value.rubrics} onChanged={() => setRubricsVersion((v) => v + 1)} /> : null}
        </details>
      </section>

      {compare.value && compare.value.leaderboard.pairs.length > 0 ? (
        <section className="panel">
          <h2 className="panel-title">Pairwise differences (paired bootstrap over shared items)</h2>
          <PairsTable result={compare.value} onItems={onItems} />
        </section>
      ) : null}

      <section className="panel">
        <h2 className="panel-title">Threshold sweep</h2>
        {compare.value ? <SweepPanel result={compare.value} theme={theme} /> : <Pending state={compare} what="the sweep" />}
      </section>

      <section className="panel">
        <h2 className="panel-title">Behavioral calibration audit</h2>
        {audit.value ? (
          <AuditPanel audit={audit.value} theme={theme} onChanged={() => setTargetsVersion((v) => v + 1)} onError={onError} />
        ) : (
          <Pending state={waiting(audit)} what="the audit" />
        )}
        {/* At the audit's target when it has one: opened before, the panel would ask twice. */}
        {audit.value || audit.error ? <GapsPanel key={`${run.id}-${currentTarget}`} run={run} initialT={currentTarget} setRoute={setRoute} /> : null}
      </section>

      {bounds.value ? (
        <BoundsPanel bounds={bounds.value} theme={theme} inputs={boundInputs} onInputs={setBoundInputs} />
      ) : (
        <Pending state={waiting(bounds)} what="the error bounds" />
      )}
    </div>
  );
}
