// Facts about the item beside its text: confidence, imported grade, label history
// and whatever else the file carried (shown as text, never as markup). In blind
// mode the withheld facts say so instead of looking empty. A suggested grade is
// shown as a suggestion (outlined, with its basis), never as an outcome.
import type { ItemDetail, LabelRecord, Outcome } from '../../../shared/domain.ts';
import { KindTag, PartialTag } from '../components/AbstentionTags.tsx';
import { OUTCOME_SYMBOL, OutcomeBadge } from '../components/OutcomeBadge.tsx';
import { fmt3 } from '../lib/format.ts';
import { TRANSCRIPT_KEYS, transcriptOf } from '../../../shared/transcript/thread.ts';

interface Props {
  detail: ItemDetail;
  mine: Outcome | null;
  formatTime: (iso: string) => string;
  /** The run's model, shown unless blind. */
  model?: string | null;
  /** Adjudication: each annotator's current label, side by side. */
  showAnnotators?: boolean;
}

const HIDDEN = <span className="muted hidden-fact">hidden (blind)</span>;

/** How a suggestion reads in a tooltip or to a screen reader. */
export function describeSuggestion(grade: Outcome, basis: string | null): string {
  return `suggested: ${grade}${basis ? ` — ${basis}` : ''} (not counted until accepted)`;
}

/**
 * A suggested grade: outlined and muted, so it never reads as an outcome that
 * counts; the symbol and word carry it, not the colour alone.
 */
export function SuggestedBadge({ grade, basis }: { grade: Outcome; basis: string | null }) {
  return (
    <span className={`badge suggested outcome-${grade}`} title={describeSuggestion(grade, basis)}>
      <span className="badge-symbol" aria-hidden="true">
        {OUTCOME_SYMBOL[grade]}
      </span>
      <span className="badge-word">{grade}</span>
    </span>
  );
}

/** Each annotator's latest label (kind 'label'); a clear shows as null. */
export function currentLabels(history: readonly LabelRecord[]): LabelRecord[] {
  const latest = new Map<string, LabelRecord>();
  for (const record of history) if (record.kind === 'label') latest.set(record.annotator, record);
  return [...latest.values()].sort((a, b) => a.annotator.localeCompare(b.annotator));
}

export function ItemSide({ detail, mine, formatTime, model, showAnnotators = false }: Props) {
  // What the transcript shows (the conversation, the scorers' explanations) is not repeated here as JSON.
  const threaded: readonly string[] = transcriptOf(detail.extra) ? TRANSCRIPT_KEYS : ['transcript'];
  const extra = Object.entries(detail.extra ?? {}).filter(([key]) => !threaded.includes(key));
  const history = [...detail.history].reverse();
  const blind = detail.blind === true;
  return (
    <aside className="item-side">
      <dl className="facts">
        {model !== undefined ? (
          <>
            <dt>model</dt>
            <dd data-testid="item-model">{blind ? HIDDEN : (model ?? <span className="muted">unknown</span>)}</dd>
          </>
        ) : null}
        <dt>confidence</dt>
        <dd>
          {blind ? (
            <span data-testid="item-confidence">{HIDDEN}</span>
          ) : (
            <span data-testid="item-confidence" className="num" title={detail.confidence === null ? 'the file states no confidence' : undefined}>
              {fmt3(detail.confidence)}
            </span>
          )}
        </dd>
        <dt>imported grade</dt>
        <dd data-testid="item-imported-grade">
          {blind ? HIDDEN : detail.importedGrade ? <OutcomeBadge outcome={detail.importedGrade} /> : <span className="muted">none</span>}
          {!blind && detail.importedPartial ? <PartialTag /> : null}
        </dd>
        <dt className="suggestion-term">suggested</dt>
        <dd data-testid="item-suggestion" className="suggestion-fact">
          {blind ? (
            HIDDEN
          ) : detail.suggestedGrade ? (
            <>
              <SuggestedBadge grade={detail.suggestedGrade} basis={detail.suggestionBasis} />
              {detail.suggestedKind ? <KindTag kind={detail.suggestedKind} /> : null}
              {detail.suggestionBasis ? <span className="suggestion-basis muted small">— {detail.suggestionBasis}</span> : null}
            </>
          ) : (
            <span className="muted">none</span>
          )}
        </dd>
        <dt>human label</dt>
        <dd>
          {blind ? HIDDEN : detail.label ? <OutcomeBadge outcome={detail.label} /> : <span className="muted">{detail.disputed ? 'disputed' : 'none'}</span>}
          {!blind && detail.abstentionKind ? <KindTag kind={detail.abstentionKind} /> : null}
          {!blind && detail.labelSource ? <span className="muted small"> {detail.labelSource}</span> : null}
        </dd>
        <dt>my label</dt>
        <dd data-testid="item-my-label">
          {mine ? <OutcomeBadge outcome={mine} /> : <span className="muted">none</span>}
          {mine === 'abstained' && detail.myAbstentionKind ? <KindTag kind={detail.myAbstentionKind} /> : null}
        </dd>
      </dl>

      {showAnnotators ? (
        <>
          <h3>Annotators&apos; labels</h3>
          <table className="annotator-labels" data-testid="annotator-labels">
            <tbody>
              {currentLabels(detail.history).map((record) => (
                <tr key={record.annotator}>
                  <td className="history-who">{record.annotator}</td>
                  <td>
                    {record.outcome ? <OutcomeBadge outcome={record.outcome} /> : <span className="muted">cleared</span>}
                    {record.abstentionKind ? <KindTag kind={record.abstentionKind} /> : null}
                  </td>
                  <td className="history-note">{record.note ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}

      <h3>{blind ? 'My label history' : 'Label history'}</h3>
      {history.length === 0 ? (
        <p className="muted small">No labels yet.</p>
      ) : (
        <ol className="history" data-testid="label-history">
          {history.map((record) => (
            <li key={record.id}>
              {record.outcome ? <OutcomeBadge outcome={record.outcome} /> : <span className="muted">cleared</span>}
              {record.abstentionKind ? <KindTag kind={record.abstentionKind} /> : null}
              <span className="history-who">{record.annotator}</span>
              {record.kind === 'adjudication' ? <span className="badge adjudication">adjudication</span> : null}
              <time className="muted small" dateTime={record.createdAt}>
                {formatTime(record.createdAt)}
              </time>
              {record.note ? <span className="history-note">{record.note}</span> : null}
            </li>
          ))}
        </ol>
      )}

      {extra.length > 0 ? (
        <>
          <h3>Other fields</h3>
          <dl className="facts extra">
            {extra.map(([key, value]) => (
              <div key={key} className="extra-row">
                <dt title={key}>{key}</dt>
                <dd>{typeof value === 'string' ? value : JSON.stringify(value)}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : null}
    </aside>
  );
}
