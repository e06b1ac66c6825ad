// A run's context menu (right-click, the Menu key or Shift+F10 on a run):
// rename, edit model, task and tags, delete. Arrow keys move, Enter chooses,
// Escape closes and gives focus back to the run.
import { useEffect, useRef, useState } from 'react';

export type RunAction = 'rename' | 'edit' | 'tags' | 'delete';

const ITEMS: Array<{ action: RunAction; label: string; keys?: string }> = [
  { action: 'rename', label: 'Rename…', keys: 'F2' },
  { action: 'edit', label: 'Model and task…' },
  { action: 'tags', label: 'Tags…' },
  { action: 'delete', label: 'Delete…', keys: 'Del' },
];

interface Props {
  runName: string;
  /** Where the menu opens (viewport pixels). */
  at: { x: number; y: number };
  onChoose: (action: RunAction) => void;
  onClose: () => void;
}

export function RunMenu({ runName, at, onChoose, onClose }: Props) {
  const [active, setActive] = useState(0);
  const menuRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    menuRef.current?.querySelector<HTMLElement>(`[data-index="${active}"]`)?.focus();
  }, [active]);

  useEffect(() => {
    const onDown = (event: MouseEvent) => {
      if (menuRef.current && !menuRef.current.contains(event.target as Node)) onClose();
    };
    window.addEventListener('mousedown', onDown, true);
    return () => window.removeEventListener('mousedown', onDown, true);
  }, [onClose]);

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((current) => (current + (event.key === 'ArrowDown' ? 1 : ITEMS.length - 1)) % ITEMS.length);
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      setActive(event.key === 'Home' ? 0 : ITEMS.length - 1);
    } else if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
    }
  };

  // Kept inside the window: a menu opened near the bottom or right edge opens up or left.
  const style = {
    left: Math.max(4, Math.min(at.x, window.innerWidth - 220)),
    top: Math.max(4, Math.min(at.y, window.innerHeight - 150)),
  };
  return (
    <ul className="run-menu" role="menu" aria-label={`Run ${runName}`} data-testid="run-menu" ref={menuRef} style={style} onKeyDown={onKeyDown}>
      {ITEMS.map((item, index) => (
        <li key={item.action} role="none">
          <button
            type="button"
            role="menuitem"
            className={item.action === 'delete' ? 'run-menu-item danger' : 'run-menu-item'}
            data-index={index}
            data-testid={`run-menu-${item.action}`}
            tabIndex={index === active ? 0 : -1}
            onMouseEnter={() => setActive(index)}
            onClick={() => onChoose(item.action)}
          >
            <span>{item.label}</span>
            {item.keys ? <kbd>{item.keys}</kbd> : null}
          </button>
        </li>
      ))}
    </ul>
  );
}
