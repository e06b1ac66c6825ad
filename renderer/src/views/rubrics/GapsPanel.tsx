// One run against the optimal policy at t, "answer iff confidence > t": the
// items it should have abstained on and its needless abstentions, each a link
// into the Item tab.
import { useState } from 'react';
import type { GapItem } from '../../../../shared/api/contract.ts';
import type { RunSummary } from '../../../../shared/domain.ts';
import { OutcomeBadge } from '../../components/OutcomeBadge.tsx';
import { fmt3, fmtCount } from '../../lib/format.ts';
import { formatHash, type Route } from '../../lib/route.ts';
import { useVerb } from '../../hooks/useVerb.ts';

const CHOICES = [0.5, 0.75, 0.9];

function ItemLinks({ items, total, runId, setRoute, testId }: { items: GapItem[]; total: number; runId: number; setRoute: (route: Route) => void; testId: string }) {
  if (total === 0) return <p className="muted small">None.</p>;
  return (
    <>
      <ul className="gap-items" data-testid={testId}>
        {items.map((item) => {
          const route: Route = { runId, tab: 'item', itemId: item.itemId };
          return (
            <li key={item.itemId}>
              <a
                href={formatHash(route)}
                data-testid="gap-item"
                onClick={(event) => {
                  event.preventDefault();
                  setRoute(route);
                }}
              >
                <span className="mono">{item.key}</span>
              </a>{' '}
              <OutcomeBadge outcome={item.outcome} compact /> <span className="num">{fmt3(item.confidence)}</span>{' '}
              <span className="gap-prompt muted">{item.prompt}</span>
            </li>
          );
        })}
      </ul>
      {total > items.length ? <p className="muted small">Showing {fmtCount(items.length)} of {fmtCount(total)}, lowest item order first.</p> : null}
    </>
  );
}

export function GapsPanel({ run, initialT, setRoute }: { run: RunSummary; initialT: number | null; setRoute: (route: Route) => void }) {
  const [t, setT] = useState(initialT ?? 0.75);
  const gaps = useVerb('rubrics/gaps', { runId: run.id, t, limit: 100 });
  const value = gaps.value;
  const judged = value ? value.agreedAnswers + value.agreedAbstentions + value.shouldHaveAbstained.count + value.needlessAbstentions.count : 0;
  return (
    <div className="gaps" data-testid="gaps">
      <div className="gaps-controls">
        <span>
          <strong>{run.name}</strong> against “answer iff confidence &gt; t” at t =
        </span>
        {CHOICES.map((choice) => (
          <button key={choice} type="button" className={choice === t ? 'button small-button active' : 'button small-button'} onClick={() => setT(choice)}>
            {choice}
          </button>
        ))}
        <input
          className="text-input target-input"
          type="number"
          min={0}
          max={0.99}
          step={0.01}
          aria-label="Policy target t"
          value={t}
          onChange={(e) => {
            const next = Number(e.target.value);
            if (e.target.value !== '' && next >= 0 && next < 1) setT(next);
          }}
        />
      </div>
      {gaps.error ? <p className="muted">{gaps.error}</p> : null}
      {value && judged === 0 ? (
        <p className="muted small">This run states no confidences ({fmtCount(value.noConfidence)} graded items without one), so it cannot be held to the policy.</p>
      ) : null}
      {value && judged > 0 ? (
        <div className="gaps-columns">
          <section>
            <h3 className="audit-title">
              Should have abstained: {fmtCount(value.shouldHaveAbstained.count)}{' '}
              <span className="muted small">
                (answered at confidence ≤ t; {fmtCount(value.shouldHaveAbstained.wrong)} wrong, {fmtCount(value.shouldHaveAbstained.correct)} right)
              </span>
            </h3>
            <ItemLinks items={value.shouldHaveAbstained.items} total={value.shouldHaveAbstained.count} runId={run.id} setRoute={setRoute} testId="should-have-abstained" />
          </section>
          <section>
            <h3 className="audit-title">
              Needless abstentions: {fmtCount(value.needlessAbstentions.count)} <span className="muted small">(abstained at confidence &gt; t)</span>
            </h3>
            <ItemLinks items={value.needlessAbstentions.items} total={value.needlessAbstentions.count} runId={run.id} setRoute={setRoute} testId="needless-abstentions" />
          </section>
        </div>
      ) : null}
      {value && judged > 0 ? (
        <p className="footnote">
          Agreeing with the policy: {fmtCount(value.agreedAnswers)} answers, {fmtCount(value.agreedAbstentions)} abstentions; {fmtCount(value.noConfidence)}{' '}
          items without a confidence are not judged. A confidence exactly t counts as “should abstain”.
        </p>
      ) : null}
    </div>
  );
}
