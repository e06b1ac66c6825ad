// Choosing the Items table's columns: a small menu of checkboxes, remembered
// in this browser. Escape or a click outside closes it.
import { useEffect, useRef, useState } from 'react';
import { ITEM_COLUMNS, type ItemColumn } from './columns.ts';

export function ColumnsMenu({ columns, onToggle }: { columns: readonly ItemColumn[]; onToggle: (column: ItemColumn) => void }) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    rootRef.current?.querySelector<HTMLInputElement>('input')?.focus();
    const onDown = (event: MouseEvent) => {
      if (rootRef.current && !rootRef.current.contains(event.target as Node)) setOpen(false);
    };
    window.addEventListener('mousedown', onDown, true);
    return () => window.removeEventListener('mousedown', onDown, true);
  }, [open]);
  return (
    <div className="columns-menu" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="button"
        data-testid="items-columns"
        aria-haspopup="true"
        aria-expanded={open}
        onClick={() => setOpen((current) => !current)}
        title="Choose the table's columns (remembered)"
      >
        Columns…
      </button>
      {open ? (
        <div
          className="columns-popover"
          role="group"
          aria-label="Columns shown"
          data-testid="items-columns-menu"
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              event.stopPropagation();
              setOpen(false);
              buttonRef.current?.focus();
            }
          }}
        >
          {ITEM_COLUMNS.map((column) => (
            <label key={column.id} className="columns-option">
              <input
                type="checkbox"
                data-testid={`column-${column.id}`}
                checked={columns.includes(column.id)}
                disabled={columns.length === 1 && columns.includes(column.id)}
                onChange={() => onToggle(column.id)}
              />
              {column.label}
            </label>
          ))}
        </div>
      ) : null}
    </div>
  );
}
