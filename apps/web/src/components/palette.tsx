// The searchable palette: drag a component onto the canvas, or pick one with the keyboard
// (/ to search, arrows to choose, Enter to add it in the middle of the view).
import type { ComponentType } from '@archlab/sim';
import { forwardRef, useState } from 'react';
import type { DragEvent, KeyboardEvent } from 'react';
import { PALETTE_DRAG_TYPE, paletteEntries } from '../editor/palette.ts';

export interface PaletteProps {
  onAdd(type: ComponentType): void;
}

export const Palette = forwardRef<HTMLInputElement, PaletteProps>(function Palette({ onAdd }, searchRef) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const entries = paletteEntries(query);
  const current = Math.min(active, Math.max(0, entries.length - 1));

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive(Math.min(entries.length - 1, current + 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive(Math.max(0, current - 1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const entry = entries[current];
      if (entry) onAdd(entry.type);
    } else if (event.key === 'Escape') {
      setQuery('');
      event.currentTarget.blur();
    }
  };

  const onDragStart = (event: DragEvent<HTMLLIElement>, type: ComponentType) => {
    event.dataTransfer.setData(PALETTE_DRAG_TYPE, type);
    event.dataTransfer.effectAllowed = 'copy';
  };

  return (
    <aside className="palette" aria-label="Components">
      <input
        ref={searchRef}
        className="palette-search"
        type="search"
        placeholder="Search components (/)"
        aria-label="Search components"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul className="palette-list" role="listbox" aria-label="Component types">
        {entries.map((entry, i) => (
          <li
            key={entry.type}
            role="option"
            aria-selected={i === current}
            className={`palette-item ${i === current ? 'active' : ''}`}
            draggable
            onDragStart={(e) => onDragStart(e, entry.type)}
            onDoubleClick={() => onAdd(entry.type)}
            onMouseEnter={() => setActive(i)}
            title={entry.description}
            data-testid={`palette-${entry.type}`}
          >
            <span className={`palette-swatch type-${entry.type}`} aria-hidden="true" />
            <span className="palette-label">{entry.label}</span>
            <button type="button" className="palette-add" aria-label={`Add ${entry.label}`} onClick={() => onAdd(entry.type)}>
              +
            </button>
          </li>
        ))}
        {entries.length === 0 ? <li className="palette-empty">No component matches “{query}”.</li> : null}
      </ul>
    </aside>
  );
});
