// The Agreement tab's abstention kinds: each annotator's abstentions by the
// kind they name, and how often two annotators who both call an item an
// abstention name the same kind. Numbers from runs/agreement.
import type { AbstentionKindAgreement } from '../../../../shared/agreement/index.ts';
import { ABSTENTION_KIND_LABELS, ABSTENTION_KINDS } from '../../../../shared/domain.ts';
import { fmtCount, fmtPercent } from '../../lib/format.ts';
import { Value } from './AgreementTables.tsx';

const COLUMNS = [...ABSTENTION_KINDS, 'unspecified'] as const;

export function KindsPanel({ kinds }: { kinds: AbstentionKindAgreement }) {
  return (
    <section className="panel agreement-panel" data-testid="agreement-kinds">
      <h2 className="panel-title">Abstention kinds</h2>
      <p className="muted small">
        Each annotator&apos;s current abstentions by the kind they name (“not stated” when none). Where two or more annotators call an item an
        abstention, the share of their pairs naming the same kind; a kind left unnamed counts as a kind of its own. Kinds never change the
        outcome statistics above: every kind is one category, abstained.
      </p>
      {kinds.perAnnotator.length === 0 ? (
        <p className="muted small">No abstentions labelled yet.</p>
      ) : (
        <table className="stat-table compact" data-testid="agreement-kinds-table">
          <thead>
            <tr>
              <th>annotator</th>
              <th className="num">abstained</th>
              {COLUMNS.map((kind) => (
                <th key={kind} className="num">
                  {kind === 'unspecified' ? 'not stated' : ABSTENTION_KIND_LABELS[kind]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {kinds.perAnnotator.map((row) => (
              <tr key={row.annotator}>
                <td>{row.annotator}</td>
                <td className="num">{fmtCount(row.abstained)}</td>
                {COLUMNS.map((kind) => (
                  <td key={kind} className="num" data-testid={`kinds-${row.annotator}-${kind}`} title={`${fmtPercent(row.kinds[kind], row.abstained)} of their abstentions`}>
                    {fmtCount(row.kinds[kind])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="small" data-testid="agreement-kinds-rate">
        Same kind named: <Value value={kinds.rate} testId="kinds-rate" />{' '}
        <span className="muted">
          {kinds.pairs === 0
            ? '(no item that two annotators both call an abstention yet)'
            : `(${fmtCount(kinds.agreeing)} of ${fmtCount(kinds.pairs)} annotator pairs, over ${fmtCount(kinds.items)} item${kinds.items === 1 ? '' : 's'})`}
        </span>
      </p>
    </section>
  );
}
