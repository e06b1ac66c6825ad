// Facts about the item beside its text: confidence, imported grade, label history
// and whatever else the file carried (shown as text, never as markup).
import type { ItemDetail, Outcome } from '../../../shared/domain.ts';
import { OutcomeBadge } from '../components/OutcomeBadge.tsx';
import { fmt3 } from '../lib/format.ts';

interface Props {
  detail: ItemDetail;
  mine: Outcome | null;
  formatTime: (iso: string) => string;
}

export function ItemSide({ detail, mine, formatTime }: Props) {
  const extra = Object.entries(detail.extra ?? {});
  const history = [...detail.history].reverse();
  return (
    <aside className="item-side">
      <dl className="facts">
        <dt>confidence</dt>
        <dd>
          <span data-testid="item-confidence" className="num" title={detail.confidence === null ? 'the file states no confidence' : undefined}>
            {fmt3(detail.confidence)}
          </span>
        </dd>
        <dt>imported grade</dt>
        <dd>{detail.importedGrade ? <OutcomeBadge outcome={detail.importedGrade} /> : <span className="muted">none</span>}</dd>
        <dt>human label</dt>
        <dd>{detail.label ? <OutcomeBadge outcome={detail.label} /> : <span className="muted">none</span>}</dd>
        <dt>my label</dt>
        <dd>{mine ? <OutcomeBadge outcome={mine} /> : <span className="muted">none</span>}</dd>
      </dl>

      <h3>Label history</h3>
      {history.length === 0 ? (
        <p className="muted small">No labels yet.</p>
      ) : (
        <ol className="history">
          {history.map((record) => (
            <li key={record.id}>
              {record.outcome ? <OutcomeBadge outcome={record.outcome} /> : <span className="muted">cleared</span>}
              <span className="history-who">{record.annotator}</span>
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
