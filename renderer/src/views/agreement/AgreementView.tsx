// The Agreement tab: how much annotators agree with each other and with the
// imported grade, each number with a line on what it means and why it may be
// undefined; the way into adjudication; label sets to merge.
import { useState } from 'react';
import { OUTCOME_RULE } from '../../../../shared/domain.ts';
import { useVerb } from '../../hooks/useVerb.ts';
import { fmt3, fmtCount } from '../../lib/format.ts';
import { requestMode } from '../label/query.ts';
import type { TabProps } from '../tabs/types.ts';
import { ConfusionTable, SpecificTable, StatRow, Value } from './AgreementTables.tsx';
import { EXPLAIN, reasonText } from './explain.ts';
import { KindsPanel } from './KindsPanel.tsx';
import { LabelSets } from './LabelSets.tsx';
import './agreement.css';

export function AgreementView(props: TabProps) {
  const { run, onError } = props;
  const [pair, setPair] = useState<[string, string] | null>(null);
  // Another pair keeps the tables up while the new one is computed.
  const { value: data, error } = useVerb('runs/agreement', { runId: run.id, ...(pair ? { pair } : {}) }, props.version, { keepPrevious: true });

  const openAdjudication = () => {
    requestMode(run.id, 'adjudicate');
    props.setRoute({ runId: run.id, tab: 'label', itemId: null });
  };

  if (error) return <div className="view-message muted">Could not compute agreement: {error}</div>;
  if (!data) return <div className="view-message muted">Computing agreement…</div>;

  const chosen = data.confusion ? ([data.confusion.rows, data.confusion.cols] as [string, string]) : null;
  const names = data.allAnnotators;
  return (
    <div className="agreement-view" data-testid="agreement-view">
      <section className="panel agreement-panel">
        <h2 className="panel-title">Agreement between annotators</h2>
        <p className="summary">
          <span data-testid="agreement-annotators">{fmtCount(names.length)}</span> annotator{names.length === 1 ? '' : 's'}
          {names.length ? <span className="muted"> ({names.join(', ')})</span> : null} · {fmtCount(data.labeledItems)} items labelled ·{' '}
          <strong data-testid="agreement-disputed">{fmtCount(data.disputed)}</strong> disputed{' '}
          <button type="button" className="button" data-testid="open-adjudication" disabled={data.disputed === 0} onClick={openAdjudication}>
            Adjudicate disputed items →
          </button>
        </p>
        {names.length < 2 ? (
          <p className="muted">Agreement needs labels from two annotators on the same items. Switch the annotator name in the Label tab and label again.</p>
        ) : null}
        <table className="stat-table">
          <tbody>
            <StatRow
              name="Percent agreement"
              value={data.percent.pairwise}
              reason={data.percent.items === 0 ? 'no-pairable-items' : null}
              detail={`${fmtCount(data.percent.agreeingPairs)} of ${fmtCount(data.percent.pairs)} pairs, ${fmtCount(data.percent.items)} items`}
              explain={EXPLAIN.percent}
              testId="agreement-percent"
            />
            <StatRow
              name="Fleiss' kappa"
              value={data.fleiss.value}
              reason={data.fleiss.reason}
              detail={`${fmtCount(data.fleiss.itemsUsed)} items with ${data.fleiss.raters} labels${data.fleiss.itemsDropped ? `, ${fmtCount(data.fleiss.itemsDropped)} left out` : ''}`}
              explain={EXPLAIN.fleiss}
              testId="agreement-fleiss"
            />
            <StatRow
              name="Krippendorff's alpha"
              value={data.alpha.value}
              reason={data.alpha.reason}
              detail={`${fmtCount(data.alpha.pairableItems)} items, ${fmtCount(data.alpha.pairableValues)} labels`}
              explain={EXPLAIN.alpha}
              testId="agreement-alpha"
            />
          </tbody>
        </table>

        <h3>Cohen&apos;s kappa per pair</h3>
        <p className="muted small">{EXPLAIN.cohen}</p>
        <table className="stat-table compact" data-testid="agreement-pairs">
          <thead>
            <tr>
              <th>pair</th>
              <th>kappa</th>
              <th>items</th>
              <th>observed</th>
              <th>chance</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {data.pairs.map((p) => (
              <tr key={`${p.a}|${p.b}`}>
                <td>
                  {p.a} · {p.b}
                </td>
                <td>
                  <Value value={p.value} reason={p.reason} testId={`kappa-${p.a}-${p.b}`} />
                </td>
                <td className="num">{fmtCount(p.n)}</td>
                <td className="num">{fmt3(p.observed)}</td>
                <td className="num">{fmt3(p.expected)}</td>
                <td className="null-reason">{reasonText(p.reason)}</td>
              </tr>
            ))}
          </tbody>
        </table>

        <h3>Per outcome (specific agreement)</h3>
        <p className="muted small">{EXPLAIN.specific}</p>
        <SpecificTable specific={data.specific} testId="agreement-specific" />
      </section>

      {chosen ? (
        <section className="panel agreement-panel">
          <h2 className="panel-title">Confusion matrix</h2>
          <p className="muted small">{EXPLAIN.confusion}</p>
          <div className="row-actions">
            {(['first', 'second'] as const).map((which, i) => (
              <label key={which} className="field">
                <span className="muted">{which}</span>
                <select
                  data-testid={`pair-${which}`}
                  value={chosen[i]}
                  onChange={(e) => setPair(i === 0 ? [e.target.value, chosen[1]] : [chosen[0], e.target.value])}
                >
                  {names.map((name) => (
                    <option key={name} value={name}>
                      {name}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
          <div className="confusion-wrap">
            <ConfusionTable confusion={data.confusion!} testId="agreement-confusion" />
            {data.pairSpecific ? <SpecificTable specific={data.pairSpecific} testId="pair-specific" /> : null}
          </div>
        </section>
      ) : null}

      <section className="panel agreement-panel">
        <h2 className="panel-title">Humans and the imported grade</h2>
        <p className="muted small">
          {EXPLAIN.grader} {EXPLAIN.missed}
        </p>
        <table className="stat-table compact" data-testid="grader-table">
          <thead>
            <tr>
              <th>human side</th>
              <th>kappa with grade</th>
              <th>items</th>
              <th>missed hallucinations</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {[...data.grader.perAnnotator, data.grader.consensus].map((g) => (
              <tr key={g.who}>
                <td>{g.who === data.grader.consensus.who ? 'human majority' : g.who}</td>
                <td>
                  <Value value={g.kappa.value} reason={g.kappa.reason} testId={`grader-kappa-${g.who}`} />
                </td>
                <td className="num">{fmtCount(g.kappa.n)}</td>
                <td>
                  <Value value={g.missed.rate} testId={`grader-missed-${g.who}`} />{' '}
                  <span className="muted">
                    {g.missed.humanIncorrect === 0
                      ? '(no graded item labelled incorrect yet)'
                      : `(${fmtCount(g.missed.missed)} of ${fmtCount(g.missed.humanIncorrect)} labelled incorrect were graded correct)`}
                  </span>
                </td>
                <td className="null-reason">{reasonText(g.kappa.reason)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted small">
          Human majority: each item&apos;s most common human label; {fmtCount(data.grader.consensus.tiedItems)} tied items are left out.
        </p>
        <ConfusionTable confusion={data.grader.consensus.confusion} testId="grader-confusion" />
        <p className="muted small rule">{OUTCOME_RULE}</p>
      </section>

      <KindsPanel kinds={data.abstentionKinds} />

      <LabelSets run={run} onLabeled={props.onLabeled} onError={onError} onNotice={props.onNotice} />
    </div>
  );
}
