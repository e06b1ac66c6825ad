import { useEffect, useRef } from 'react';
import { fmtCount } from '../../lib/format.ts';

/** The header checkbox: all of the current search and filter, some (mixed), or none. */
export function HeadCheckbox(props: { checked: boolean; mixed: boolean; disabled: boolean; total: number; onToggle: () => void }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = props.mixed;
  }, [props.mixed]);
  return (
    <input
      ref={ref}
      type="checkbox"
      data-testid="items-select-all"
      aria-label={props.checked ? 'Clear the selection' : `Select all ${fmtCount(props.total)} items of this search and filter`}
      title={props.checked ? 'Clear the selection' : 'Select every item of this search and filter'}
      checked={props.checked}
      disabled={props.disabled}
      onChange={props.onToggle}
    />
  );
}
