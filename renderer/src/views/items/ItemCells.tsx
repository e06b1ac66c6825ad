// One row's cells, for the columns shown. Model text is shown as text, cut to
// one line (the Item view shows it whole).
import { Fragment } from 'react';
import type { ItemRow } from '../../../../shared/domain.ts';
import { codePointLength } from '../../../../shared/text.ts';
import { KindTag, PartialTag } from '../../components/AbstentionTags.tsx';
import { OutcomeBadge } from '../../components/OutcomeBadge.tsx';
import { fmt3, fmtCount } from '../../lib/format.ts';
import { SuggestedBadge } from '../ItemSide.tsx';
import type { ItemColumn } from './columns.ts';
import { ITEM_COLUMNS } from './columns.ts';

const NONE = <span className="muted">—</span>;

// Long cells are cut for the table only; the item view shows the full text.
function oneLine(text: string): string {
  const flat = text.length > 400 ? text.slice(0, 400) : text;
  return flat.replace(/\s+/g, ' ');
}

function cell(row: ItemRow, column: ItemColumn): React.JSX.Element {
  switch (column) {
    case 'key':
      return (
        <span className="cell mono" title={row.key}>
          {row.key}
        </span>
      );
    case 'prompt':
      return <span className="cell">{oneLine(row.prompt)}</span>;
    case 'answer':
      return <span className="cell">{oneLine(row.answer)}</span>;
    case 'gold':
      return <span className="cell">{row.gold === null ? NONE : oneLine(row.gold)}</span>;
    case 'confidence':
      return (
        <span className="cell num-col">{row.confidence === null ? <span className="muted" title="no confidence stated">—</span> : fmt3(row.confidence)}</span>
      );
    case 'outcome':
      return (
        <span className="cell" data-testid={`item-outcome-${row.id}`}>
          <OutcomeBadge outcome={row.outcome} />
          {row.label ? (
            <span className="label-mark" title={`labeled by ${row.labelAnnotator ?? 'someone'}`}>
              ✎
            </span>
          ) : null}
          {row.abstentionKind ? <KindTag kind={row.abstentionKind} /> : null}
          {row.partial ? <PartialTag /> : null}
        </span>
      );
    case 'label':
      return (
        <span className="cell" data-testid={`item-label-${row.id}`}>
          {row.label ? <OutcomeBadge outcome={row.label} /> : row.disputed ? <span className="muted">disputed</span> : NONE}
          {row.abstentionKind ? <KindTag kind={row.abstentionKind} /> : null}
        </span>
      );
    case 'grade':
      return (
        <span className="cell" data-testid={`item-grade-${row.id}`}>
          {row.importedGrade ? <OutcomeBadge outcome={row.importedGrade} /> : NONE}
          {row.importedPartial ? <PartialTag /> : null}
        </span>
      );
    case 'suggested':
      return (
        <span className="cell" data-testid={`item-suggested-${row.id}`}>
          {row.suggestedGrade ? <SuggestedBadge grade={row.suggestedGrade} basis={row.suggestionBasis} /> : NONE}
          {row.suggestedKind ? <KindTag kind={row.suggestedKind} /> : null}
        </span>
      );
    case 'disagreement':
      return (
        <span className="cell" data-testid={`item-disagreement-${row.id}`}>
          {row.disputed ? (
            <span className="badge disputed" title="Annotators disagree and no adjudication settles it">
              ⚠ disputed
            </span>
          ) : row.label && row.importedGrade && row.label !== row.importedGrade ? (
            <span className="badge disagrees" title={`human label ${row.label}, imported grade ${row.importedGrade}`}>
              ≠ grade
            </span>
          ) : (
            NONE
          )}
        </span>
      );
    case 'length':
      return <span className="cell num-col">{fmtCount(codePointLength(row.answer))}</span>;
  }
}

export function ItemCells({ row, columns }: { row: ItemRow; columns: readonly ItemColumn[] }) {
  return (
    <>
      {ITEM_COLUMNS.filter((column) => columns.includes(column.id)).map((column) => (
        <Fragment key={column.id}>{cell(row, column.id)}</Fragment>
      ))}
    </>
  );
}
