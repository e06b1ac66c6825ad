// Small tables of the Agreement tab: a statistic with its explanation, a
// confusion matrix, and per-outcome agreement. Numbers come from runs/agreement.
import type { ConfusionMatrix, SpecificAgreement, UndefinedReason } from '../../../../shared/agreement/index.ts';
import { OUTCOMES, type Outcome } from '../../../../shared/domain.ts';
import { OutcomeBadge } from '../../components/OutcomeBadge.tsx';
import { EM_DASH, fmt3, fmtCount } from '../../lib/format.ts';
import { reasonText } from './explain.ts';

export function Value({ value, reason, testId }: { value: number | null; reason?: UndefinedReason | null; testId?: string }) {
  if (value === null) {
    return (
      <span className="num muted" data-testid={testId} title={reasonText(reason ?? null) || 'no data yet'}>
        {EM_DASH}
      </span>
    );
  }
  return (
    <span className="num" data-testid={testId}>
      {fmt3(value)}
    </span>
  );
}

export function StatRow(props: { name: string; value: number | null; reason?: UndefinedReason | null; detail: string; explain: string; testId: string }) {
  const why = props.value === null ? reasonText(props.reason ?? null) : '';
  return (
    <tr>
      <th scope="row">{props.name}</th>
      <td>
        <Value value={props.value} reason={props.reason ?? null} testId={props.testId} />
      </td>
      <td className="muted">{props.detail}</td>
      <td className="explain">
        {props.explain}
        {why ? <span className="null-reason"> ({why})</span> : null}
      </td>
    </tr>
  );
}

export function ConfusionTable({ confusion, testId }: { confusion: ConfusionMatrix<Outcome>; testId: string }) {
  const colTotals = confusion.categories.map((_, c) => confusion.counts.reduce((s, row) => s + row[c]!, 0));
  return (
    <table className="confusion" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col" className="corner">
            <span>{confusion.rows}</span> ↓ · <span>{confusion.cols}</span> →
          </th>
          {confusion.categories.map((c) => (
            <th key={c} scope="col">
              <OutcomeBadge outcome={c} />
            </th>
          ))}
          <th scope="col" className="muted">
            total
          </th>
        </tr>
      </thead>
      <tbody>
        {confusion.counts.map((row, r) => (
          <tr key={confusion.categories[r]}>
            <th scope="row">
              <OutcomeBadge outcome={confusion.categories[r]!} />
            </th>
            {row.map((count, c) => (
              <td key={c} className={r === c ? 'num diagonal' : 'num'}>
                {fmtCount(count)}
              </td>
            ))}
            <td className="num muted">{fmtCount(row.reduce((s, x) => s + x, 0))}</td>
          </tr>
        ))}
        <tr>
          <th scope="row" className="muted">
            total
          </th>
          {colTotals.map((total, c) => (
            <td key={c} className="num muted">
              {fmtCount(total)}
            </td>
          ))}
          <td className="num muted">{fmtCount(confusion.n)}</td>
        </tr>
      </tbody>
    </table>
  );
}

export function SpecificTable({ specific, testId }: { specific: Record<Outcome, SpecificAgreement>; testId: string }) {
  return (
    <table className="stat-table compact" data-testid={testId}>
      <tbody>
        {OUTCOMES.map((outcome) => (
          <tr key={outcome}>
            <th scope="row">
              <OutcomeBadge outcome={outcome} />
            </th>
            <td>
              <Value value={specific[outcome].value} testId={`${testId}-${outcome}`} />
            </td>
            <td className="muted">
              {fmtCount(specific[outcome].agreeing)} of {fmtCount(specific[outcome].possible)} label pairs
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
